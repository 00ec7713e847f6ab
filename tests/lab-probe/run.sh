#!/bin/sh
# run.sh — `maildoctor probe` against the lab's real servers (tests/lab): the
# S1 matrix, OP25B (S2), TLS failure categories and hostile peers (base), AUTH
# success/failure and S6's dry run (no message sent: queues and mailboxes stay
# empty). Brings each scenario up with `tests/lab/lab run`, probes from the
# client namespace, asserts on the JSON, and ends with "N passed, N failed".
# Usage: tests/lab-probe/run.sh [SCENARIO…]   (default: base S1 S2 S6)
# Needs root and jq; MAILDOCTOR_BIN defaults to build/maildoctor.
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
BIN=${MAILDOCTOR_BIN:-$ROOT/build/maildoctor}
OUT=$ROOT/build/lab-probe
T=3 # --timeout for every probe, seconds

# ---- inside a lab (called through `lab run`): run the probes, keep JSON ----
probe() { # probe NAME ARGS… : JSON into $OUT/$LAB_SCENARIO-NAME.json
	name=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f %M -o "$OUT/$LAB_SCENARIO-$name.rss" \
		ip netns exec "$LAB_NS_CLIENT" "$BIN" probe --json \
		--resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" --timeout $T \
		"$@" >"$OUT/$LAB_SCENARIO-$name.json" \
		2>"$OUT/$LAB_SCENARIO-$name.err"
	echo $((($(date +%s%N) - start) / 1000000)) \
		>"$OUT/$LAB_SCENARIO-$name.ms"
}

# Files in the postfix queues and the mailboxes of this lab.
count_mail() {
	q=$(find "$LAB_DIR" -type f \( -path '*/maildrop/*' -o \
		-path '*/incoming/*' -o -path '*/active/*' -o \
		-path '*/deferred/*' -o -path '*/hold/*' \) 2>/dev/null | wc -l)
	m=$(find "$LAB_MAILDIR" -type f \( -path '*/new/*' -o \
		-path '*/cur/*' \) 2>/dev/null | wc -l)
	echo "$q $m"
}

inner() {
	. "$LAB_ENV"
	case $LAB_SCENARIO in
	S1)
		probe secure secure.plala.or.jp:587 secure.plala.or.jp:465 \
			secure.plala.or.jp:995 imap.plala.or.jp:993
		probe v6mail v6mail.plala.or.jp:587 v6mail.plala.or.jp:465 \
			v6mail.plala.or.jp:993 v6mail.plala.or.jp:995
		probe egress4 -4 secure.plala.or.jp:465
		;;
	S2)
		probe op25b secure.plala.or.jp:25 smtpauth.eonet.ne.jp:25
		printf '%s\n' "$LAB_PASS_PLALA" >"$OUT/pw"
		probe submission --user "$LAB_USER_PLALA" --password-stdin \
			secure.plala.or.jp:587 secure.plala.or.jp:465 <"$OUT/pw"
		;;
	S6)
		before=$(count_mail)
		printf '%s\n' "$LAB_PASS_EO" >"$OUT/pw"
		probe foreign --user "$LAB_USER_EO" --password-stdin \
			--from "$LAB_USER_OWN" --rcpt "$LAB_USER_OWN2" \
			smtpauth.eonet.ne.jp:587 smtps.eonet.ne.jp:465 <"$OUT/pw"
		probe own --user "$LAB_USER_EO" --password-stdin \
			--from "$LAB_USER_EO" --rcpt "$LAB_USER_OWN2" \
			smtpauth.eonet.ne.jp:587 <"$OUT/pw"
		printf 'wrong-password\n' >"$OUT/pw"
		probe badpass --user "$LAB_USER_EO" --password-stdin \
			smtpauth.eonet.ne.jp:587 <"$OUT/pw"
		sleep 1
		echo "$before $(count_mail)" >"$OUT/S6-mail.count"
		;;
	base)
		probe badtls expired.badtls.example:465 \
			wrongname.badtls.example:465 \
			selfsigned.badtls.example:465 tls10.badtls.example:465 \
			unknownca.badtls.example:465 expired.badtls.example:587
		probe peers "$LAB_PEER_DRIP_NAME:587" \
			"$LAB_PEER_ENDLESS_NAME:587" "$LAB_PEER_FLOOD_NAME:587" \
			"$LAB_PEER_GARBAGE_NAME:465" \
			"$LAB_PEER_TLSRESET_NAME:465" \
			"$LAB_PEER_SILENT_NAME:587" \
			"$LAB_PEER_TLSFLOOD_NAME:465" \
			"$LAB_PEER_STARTTLSPLAIN_NAME:587"
		printf '%s\n' "$LAB_PASS_PLALA" >"$OUT/pw"
		probe incoming --user "$LAB_USER_PLALA" --password-stdin \
			imap.plala.or.jp:143 imap.plala.or.jp:993 \
			secure.plala.or.jp:995 secure.plala.or.jp:110 <"$OUT/pw"
		probe matrix --protocol smtp mail.shirao.example
		;;
	esac
	rm -f "$OUT/pw"
}

if [ "${1:-}" = --inner ]; then
	inner
	exit 0
fi

# ---- outside: bring labs up, then assert ----
if [ "$(id -u)" != 0 ]; then
	echo "!!! LAB-PROBE TESTS DID NOT RUN: not root (the lab needs network"
	echo "!!! namespaces). maildoctor probe was NOT tested against servers."
	echo "0 passed, 1 failed"
	exit 1
fi
if ! command -v jq >/dev/null; then
	echo "!!! LAB-PROBE TESTS DID NOT RUN: jq is not installed."
	echo "0 passed, 1 failed"
	exit 1
fi
PASS=0
FAIL=0
# Under valgrind (tests/hardening/test_valgrind.sh sets MD_UNDER_VALGRIND)
# wall time and RSS are valgrind's, not maildoctor's: those two checks are
# not made there, and not counted; this suite's own run makes them.
timed() { [ -z "${MD_UNDER_VALGRIND:-}" ]; }
ok() { PASS=$((PASS + 1)); echo "ok   $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1"; }

# check DESCRIPTION SCENARIO-NAME JQ-EXPRESSION (true when it holds)
check() {
	f="$OUT/$2.json"
	if [ -s "$f" ] && [ "$(jq -r "$3" "$f" 2>/dev/null)" = true ]; then
		ok "$1"
	else
		bad "$1 ($2: $3)"
		[ -f "$f" ] && jq -c '.results[]|{host,address,port,outcome,step,
			tls:(.tls.failure),reply,detail}' "$f" 2>/dev/null |
			head -n 12
		[ -s "$OUT/$2.err" ] && head -n 5 "$OUT/$2.err"
	fi
}

# row HOST PORT FAMILY: a jq selector for one row
row() { echo "[.results[]|select(.host==\"$1\" and .port==$2 and .family==\"$3\")]"; }

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.ms "$OUT"/*.rss "$OUT"/*.err "$OUT"/*.count
for sc in ${*:-base S1 S2 S6}; do
	echo "== $sc"
	if ! tests/lab/lab run "$sc" sh "$ROOT/tests/lab-probe/run.sh" --inner \
		>"$OUT/$sc.lab.log" 2>&1; then
		bad "$sc: the lab did not come up (see $OUT/$sc.lab.log)"
		tail -n 20 "$OUT/$sc.lab.log"
		continue
	fi
	case $sc in
	S1)
		check "S1 IPv4 587 secure: timeout" S1-secure \
			"$(row secure.plala.or.jp 587 ipv4)|length==1 and .[0].outcome==\"timeout\" and .[0].step==\"connect\""
		check "S1 IPv4 993 imap: timeout" S1-secure \
			"$(row imap.plala.or.jp 993 ipv4)|length==1 and .[0].outcome==\"timeout\""
		check "S1 IPv4 465 secure: ok, verified TLS" S1-secure \
			"$(row secure.plala.or.jp 465 ipv4)|length==1 and .[0].outcome==\"ok\" and .[0].tls.verified and .[0].security==\"tls\""
		check "S1 IPv4 995 secure: ok" S1-secure \
			"$(row secure.plala.or.jp 995 ipv4)|length==1 and .[0].outcome==\"ok\""
		check "S1 secure/imap have no IPv6 rows (no AAAA)" S1-secure \
			'[.results[]|select(.family=="ipv6")]|length==0'
		check "S1 v6mail: 8 rows, IPv4 and IPv6, all ok" S1-v6mail \
			'(.results|length==8) and ([.results[]|select(.outcome=="ok")]|length==8) and ([.results[]|select(.family=="ipv6")]|length==4)'
		check "S1 v6mail 587 over IPv6: STARTTLS and AUTH offered" S1-v6mail \
			"$(row v6mail.plala.or.jp 587 ipv6)|.[0].security==\"starttls\" and (.[0].auth_mechanisms|length>0)"
		check "S1 -4 gives IPv4 rows only" S1-egress4 \
			'[.results[]|select(.family!="ipv4")]|length==0'
		ms=$(cat "$OUT/S1-secure.ms" 2>/dev/null || echo 99999)
		if ! timed; then
			echo "note S1 matrix: ${ms} ms under valgrind, not judged"
		elif [ "$ms" -lt $((T * 1000 + 2500)) ]; then
			ok "S1 matrix in parallel: ${ms} ms (timeout ${T} s)"
		else
			bad "S1 matrix took ${ms} ms (timeout ${T} s)"
		fi
		;;
	S2)
		check "S2 OP25B: port 25 to another provider: timeout" S2-op25b \
			"$(row secure.plala.or.jp 25 ipv4)|.[0].outcome==\"timeout\" and .[0].step==\"connect\""
		check "S2 OP25B: port 25 to the access provider's server: ok" S2-op25b \
			"$(row smtpauth.eonet.ne.jp 25 ipv4)|.[0].outcome==\"ok\""
		check "S2 plala 587 and 465 with AUTH: ok" S2-submission \
			'[.results[]|select(.outcome=="ok" and .auth=="ok")]|length==2'
		;;
	S6)
		check "S6 dry run sees 550 5.7.1 Sender rejected (587, 465)" S6-foreign \
			'[.results[]|select(.outcome=="rejected" and .auth=="ok" and .reply_code==550 and (.reply|test("^550 5.7.1 .*Sender rejected")))]|length==2'
		check "S6 dry run with an eo sender: accepted" S6-own \
			'.results[0].outcome=="ok" and .results[0].auth=="ok" and .results[0].reply_code==250'
		check "AUTH with a wrong password: auth-failed 535" S6-badpass \
			'.results[0].outcome=="auth-failed" and .results[0].reply_code==535'
		read -r q0 m0 q1 m1 <"$OUT/S6-mail.count" || q1=x
		if [ "$q1" = "$q0" ] && [ "$m1" = "$m0" ]; then
			ok "S6 after the dry runs queues and mailboxes unchanged ($q1/$m1)"
		else
			bad "S6 queue/mailbox files changed: before $q0/$m0 after $q1/$m1"
		fi
		for f in "$OUT"/S6-*.json; do
			if grep -q -e "$(echo eo-pass-1)" -e 'ZW8tcGFzcy0x' "$f"; then
				bad "S6 password found in $f"
			fi
		done
		;;
	base)
		check "expired certificate: tls-failed expired" base-badtls \
			"$(row expired.badtls.example 465 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"expired\""
		check "expired certificate on 587 (STARTTLS): tls-failed expired" base-badtls \
			"$(row expired.badtls.example 587 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"expired\" and .[0].security==\"starttls\""
		check "wrong name: tls-failed wrong-name" base-badtls \
			"$(row wrongname.badtls.example 465 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"wrong-name\""
		check "self-signed: tls-failed self-signed" base-badtls \
			"$(row selfsigned.badtls.example 465 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"self-signed\""
		check "TLS 1.0 only: tls-failed old-version" base-badtls \
			"$(row tls10.badtls.example 465 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"old-version\""
		check "unknown CA: tls-failed unknown-issuer" base-badtls \
			"$(row unknownca.badtls.example 465 ipv4)|.[0].outcome==\"tls-failed\" and .[0].tls.failure==\"unknown-issuer\""
		p=base-peers
		check "drip: timeout" $p '[.results[]|select(.host|startswith("drip"))][0].outcome=="timeout"'
		check "endless line: protocol-error" $p '[.results[]|select(.host|startswith("endless"))][0].outcome=="protocol-error"'
		check "10 MB banner: protocol-error" $p '[.results[]|select(.host|startswith("flood"))][0].outcome=="protocol-error"'
		check "garbage instead of TLS: tls-failed not-tls" $p '[.results[]|select(.host|startswith("garbage"))][0]|.outcome=="tls-failed" and .tls.failure=="not-tls"'
		check "reset mid-handshake: reset" $p '[.results[]|select(.host|startswith("tlsreset"))][0]|.outcome=="reset" and .step=="tls"'
		check "silent: timeout at greeting" $p '[.results[]|select(.host|startswith("silent"))][0]|.outcome=="timeout" and .step=="greeting"'
		check "TLS then 10 MB without newline: protocol-error" $p '[.results[]|select(.host|startswith("tlsflood"))][0].outcome=="protocol-error"'
		check "STARTTLS then plaintext: tls-failed not-tls" $p '[.results[]|select(.host|startswith("starttlsplain"))][0]|.outcome=="tls-failed" and .tls.failure=="not-tls"'
		ms=$(cat "$OUT/base-peers.ms" 2>/dev/null || echo 99999)
		rss=$(tail -n 1 "$OUT/base-peers.rss" 2>/dev/null)
		rss=${rss:-999999}
		if ! timed; then
			echo "note hostile peers: ${ms} ms, ${rss} KB under valgrind, not judged"
		elif [ "$ms" -lt $((4 * T * 1000 + 2000)) ] && [ "$rss" -lt 200000 ]; then
			ok "hostile peers bounded: ${ms} ms, ${rss} KB max RSS"
		else
			bad "hostile peers: ${ms} ms, ${rss} KB max RSS"
		fi
		check "IMAP 143 STARTTLS, 993, POP3 995, 110: login ok" base-incoming \
			'[.results[]|select(.outcome=="ok" and .auth=="ok")]|length==4'
		check "own server SMTP matrix: 25, 465, 587 on IPv4 and IPv6 ok" base-matrix \
			'(.results|length==6) and ([.results[]|select(.outcome=="ok")]|length==6)'
		;;
	esac
done
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
