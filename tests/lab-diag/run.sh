#!/bin/sh
# run.sh — end-to-end tests of the diagnosis in the lab: for each case a
# fixture profile and a scenario; `check` must report exactly the expected
# finding ids; then the whole cycle (`cycle` below): the fix is applied, a
# second check is clean, and `fix --undo` brings prefs.js back byte for
# byte. README.md beside this file has the table. Ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 3
MD=${MAILDOCTOR_BIN:-$PWD/build/asan/maildoctor}
case $MD in /*) ;; *) MD=$PWD/$MD ;; esac
PASS=0
FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export MD TMP

if [ "$(id -u)" != 0 ]; then
	echo "!!! LAB-DIAG SKIPPED: not root; the lab needs network namespaces."
	echo "0 passed, 1 failed"
	exit 1
fi

# Scenarios to run: the arguments, or all of them.
ONLY=" $* "
want() { [ "$ONLY" = "  " ] || case $ONLY in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# The commands run inside one lab: $1 scenario, $2 script (sh) that gets
# the lab's env and writes "ok: …" / "FAIL: …" lines.
in_lab() {
	want "$1" || return 0
	tests/lab/lab run "$1" sh -c "$2" >"$TMP/$1.log" 2>&1
	cat "$TMP/$1.log" | grep -E '^(ok|FAIL):' || true
	p=$(grep -c '^ok:' "$TMP/$1.log")
	f=$(grep -c '^FAIL:' "$TMP/$1.log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: scenario $1 ran no check"; tail -n 30 "$TMP/$1.log"; f=1
	fi
	PASS=$((PASS + p))
	FAIL=$((FAIL + f))
}

# Shared by the scripts: run maildoctor in the client namespace.
COMMON='
md() { ip netns exec "$LAB_NS_CLIENT" "$MD" "$@" --resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" --timeout 3; }
ids() { python3 -c "import json,sys; print(\" \".join(sorted(f[\"id\"] for f in json.load(open(sys.argv[1]))[\"findings\"])))" "$1"; }
fixes() { python3 -c "import json,sys; print(\" \".join(x[\"id\"] for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==sys.argv[2] for x in f[\"fixes\"]))" "$1" "$2"; }
expect() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got [$2], wanted [$3]"; fi; }
# cycle CASE FIXTURE FIX-ID... — the whole cycle on a copy of a fixture
# profile: each fix applied in turn, a second check clean (exit 0), then one
# `fix --undo` per fix brings the original prefs.js back byte for byte.
# $CYCLE_BEFORE_RECHECK, when set, runs before the second check (S7: the
# domain administrator publishes the missing DNS record).
cycle() {
	c_case=$1 c_fixture=$2; shift 2
	c_p=$TMP/cycle-$c_case; rm -rf "$c_p"; cp -r "$c_fixture" "$c_p"
	c_ok=0
	for c_fix in "$@"; do
		md fix --apply "$c_fix" --profile "$c_p" > $TMP/apply-$c_case.txt 2>&1 || { c_ok=1; echo "FAIL: $c_case: fix $c_fix not applied: $(tr "\n" " " < $TMP/apply-$c_case.txt | cut -c1-300)"; }
	done
	[ "$c_ok" = 0 ] && echo "ok: $c_case fix applied ($*)"
	[ -z "${CYCLE_BEFORE_RECHECK:-}" ] || eval "$CYCLE_BEFORE_RECHECK"
	md check --json --profile "$c_p" > $TMP/recheck-$c_case.json; rc=$?
	expect "$c_case second check clean" "$(ids $TMP/recheck-$c_case.json) $rc" " 0"
	for c_fix in "$@"; do
		ip netns exec "$LAB_NS_CLIENT" "$MD" fix --undo --profile "$c_p" > /dev/null || echo "FAIL: $c_case: undo failed"
	done
	if cmp -s "$c_p/prefs.js" "$c_fixture/prefs.js"; then echo "ok: $c_case undo: prefs.js back byte for byte"; else echo "FAIL: $c_case prefs.js differs after undo"; fi
}
'

in_lab S1 "$COMMON"'
md check --json --profile tests/fixtures/tb/s1 > $TMP/s1.json; rc=$?
expect "S1 exit status" "$rc" 1
expect "S1 findings" "$(ids $TMP/s1.json)" "port-blocked-on-path port-blocked-on-path"
expect "S1 smallest fix first" "$(fixes $TMP/s1.json port-blocked-on-path | cut -d" " -f1-2)" "use-secure.plala.or.jp-465 use-v6mail.plala.or.jp-587"
python3 -c "import json,sys; r=[x for x in json.load(open(sys.argv[1]))[\"results\"] if x[\"host\"]==\"secure.plala.or.jp\" and x[\"port\"]==587]; print(r[0][\"outcome\"], r[0][\"family\"])" $TMP/s1.json > $TMP/s1.row
expect "S1 IPv4 587 filtered" "$(cat $TMP/s1.row)" "timeout ipv4"
expect "S1 incoming: smallest fix first" "$(fixes $TMP/s1.json port-blocked-on-path | cut -d" " -f3-)" "incoming-imap.plala.or.jp-143 incoming-v6mail.plala.or.jp-993"
cycle S1 tests/fixtures/tb/s1 use-secure.plala.or.jp-465 incoming-v6mail.plala.or.jp-993
python3 -c "import json,sys; print(\" \".join(x[\"kind\"] for f in json.load(open(sys.argv[1]))[\"findings\"] for x in f[\"fixes\"]))" $TMP/s1.json > $TMP/s1.kinds
expect "S1 fix kinds" "$(cat $TMP/s1.kinds)" "outgoing outgoing incoming incoming"
grep -q "realhostname" $TMP/apply-S1.txt && echo "ok: S1 incoming host changed as Thunderbird does (realhostname)" || echo "FAIL: S1 incoming fix: $(cat $TMP/apply-S1.txt)"
'

in_lab S2 "$COMMON"'
md check --json --profile tests/fixtures/tb/s2 > $TMP/s2.json; rc=$?
expect "S2 exit status" "$rc" 1
expect "S2 findings" "$(ids $TMP/s2.json)" "plaintext-settings port25-blocked"
expect "S2 fix: 587 on the same server" "$(fixes $TMP/s2.json port25-blocked | cut -d" " -f1)" "use-secure.plala.or.jp-587"
cycle S2 tests/fixtures/tb/s2 use-secure.plala.or.jp-587
# STARTTLS and no port pref: Thunderbird sends on 587 (SmtpClient), so
# port 25 being blocked is no problem of this person.
md check --json --profile tests/fixtures/tb/s2noport > $TMP/s2np.json; rc=$?
expect "S2 without a port: nothing wrong" "$(ids $TMP/s2np.json) $rc" " 0"
python3 -c "import json,sys; print(sorted(set(x[\"port\"] for x in json.load(open(sys.argv[1]))[\"results\"] if x[\"purpose\"]==\"your outgoing server\")))" $TMP/s2np.json > $TMP/s2np.ports
expect "S2 without a port: the outgoing server is probed on 587" "$(cat $TMP/s2np.ports)" "[587]"
# The same profile with port 25 written: the finding and a fix, as before.
cp -r tests/fixtures/tb/s2noport $TMP/s2p25
printf "%s\n" "user_pref(\"mail.smtpserver.smtp1.port\", 25);" >> $TMP/s2p25/prefs.js
md check --json --profile $TMP/s2p25 > $TMP/s2p25.json; rc=$?
expect "S2 STARTTLS on 25: port25-blocked" "$(ids $TMP/s2p25.json) $rc" "port25-blocked 1"
expect "S2 STARTTLS on 25: fix to 587" "$(fixes $TMP/s2p25.json port25-blocked | cut -d" " -f1)" "use-secure.plala.or.jp-587"
'

in_lab S6 "$COMMON"'
md check --json --profile tests/fixtures/tb/s6 > $TMP/s6.json; rc=$?
expect "S6 exit status" "$rc" 1
expect "S6 findings" "$(ids $TMP/s6.json)" "outgoing-server-mismatch sender-domain-rejected spf-excludes-relay"
expect "S6 fixes proven by probes (SRV: implicit TLS first)" "$(fixes $TMP/s6.json outgoing-server-mismatch)" "use-mail.shirao.example-465 use-mail.shirao.example-587"
cycle S6 tests/fixtures/tb/s6 use-mail.shirao.example-587
printf "%s\n" "$LAB_PASS_EO" | md check otto@shirao.example --password-stdin --json --profile tests/fixtures/tb/s6 > $TMP/s6p.json; rc=$?
expect "S6 with the password: exit status" "$rc" 1
python3 -c "import json,sys; f=[x for x in json.load(open(sys.argv[1]))[\"findings\"] if x[\"id\"]==\"sender-domain-rejected\"][0]; print(\"550 5.7.1\" in f[\"explanation\"], f[\"severity\"])" $TMP/s6p.json > $TMP/s6p.txt
expect "S6 dry run: the server itself refuses the sender" "$(cat $TMP/s6p.txt)" "True blocker"
if grep -q "$LAB_PASS_EO" $TMP/s6p.json; then echo "FAIL: the password is in the JSON"; else echo "ok: no password in the JSON"; fi
printf "wrong-password\n" | md check otto@shirao.example --password-stdin --json --profile tests/fixtures/tb/s6 > $TMP/s6w.json
expect "S6 wrong password: auth-failed" "$(ids $TMP/s6w.json)" "auth-failed outgoing-server-mismatch sender-domain-rejected spf-excludes-relay"
'

# evidence FILE ID — the evidence lines of finding ID, one per line.
COMMON=$COMMON'
evidence() { python3 -c "import json,sys; [print(e[\"text\"]) for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==sys.argv[2] for e in f[\"evidence\"]]" "$1" "$2"; }
verified() { python3 -c "import json,sys; print(\" \".join(str(x[\"verified\"]).lower() for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==sys.argv[2] for x in f[\"fixes\"]))" "$1" "$2"; }
'

# S7: the healthy profile; the club domain whose SPF does not list the relay
# (Outlook.com) and that has no DMARC: the client's fix is a server the SPF lists
# (found through the domain's SRV record, proven by a probe); DMARC is the
# domain administrator's record, published here through unbound's control
# socket before the second check. Outlook.com refusing passwords
# (oauth-required) is proven here too: the lab's smtp-mail.outlook.com
# offers only OAuth2.
in_lab S7 "$COMMON"'
md check --json --profile tests/fixtures/tb/healthy > $TMP/ok.json; rc=$?
expect "healthy profile: exit status" "$rc" 0
expect "healthy profile: no finding" "$(ids $TMP/ok.json)" ""
md check --json --profile tests/fixtures/tb/s7 > $TMP/s7.json; rc=$?
expect "S7 exit status" "$rc" 1
expect "S7 findings" "$(ids $TMP/s7.json)" "dmarc-missing spf-excludes-relay"
expect "S7 fix: a server the SPF record lists, proven" "$(fixes $TMP/s7.json spf-excludes-relay) $(verified $TMP/s7.json spf-excludes-relay)" "use-mail.shirao.example-587 true"
publish_dmarc() { unbound-control -c "$LAB_DIR/unbound/unbound.conf" local_data "_dmarc.kumiai.example. TXT \"v=DMARC1; p=none\"" > /dev/null || echo "FAIL: S7: the DMARC record could not be published"; }
CYCLE_BEFORE_RECHECK=publish_dmarc
cycle S7 tests/fixtures/tb/s7 use-mail.shirao.example-587
CYCLE_BEFORE_RECHECK=
md check --json --profile tests/fixtures/tb/outlook > $TMP/gm.json; rc=$?
expect "Outlook.com with a password: exit status" "$rc" 1
expect "Outlook.com with a password: findings" "$(ids $TMP/gm.json)" "oauth-required"
expect "Outlook.com: the server itself offers only OAuth2" "$(evidence $TMP/gm.json oauth-required | grep -c "^AUTH XOAUTH2 OAUTHBEARER$")" 1
expect "Outlook.com: the OAuth2 fix is verified" "$(fixes $TMP/gm.json oauth-required) $(verified $TMP/gm.json oauth-required)" "oauth2-smtp-mail.outlook.com true"
ip netns exec "$LAB_NS_CLIENT" "$MD" check --offline --json --profile tests/fixtures/tb/outlook > $TMP/gmo.json
expect "Outlook.com offline: oauth-required from the knowledge base, not verified" "$(ids $TMP/gmo.json) $(verified $TMP/gmo.json oauth-required)" "oauth-required false"
cycle Outlook.com tests/fixtures/tb/outlook oauth2-smtp-mail.outlook.com
if grep -q "smtpserver.smtp1.authMethod\", 10)" $TMP/apply-Outlook.com.txt 2>/dev/null || grep -q "authMethod: 3 -> 10" $TMP/apply-Outlook.com.txt; then echo "ok: Outlook.com fix sets authMethod 10 (OAuth2)"; else echo "FAIL: Outlook.com fix: $(cat $TMP/apply-Outlook.com.txt)"; fi
'

# S5 from the person's computer: a dynamic address listed in the DNSBL (PBL)
# sends straight to a mail server on port 25; the fix is the provider's
# submission with AUTH. Then no-network: the computer's link goes down.
in_lab S5-dynamic "$COMMON"'
md check --json --profile tests/fixtures/tb/s5 > $TMP/s5.json; rc=$?
expect "S5 exit status" "$rc" 1
expect "S5 findings" "$(ids $TMP/s5.json)" "egress-on-dnsbl"
expect "S5 names the listed egress address" "$(evidence $TMP/s5.json egress-on-dnsbl | grep -c "^192.0.2.194 listed in zen.spamhaus.org$")" 1
expect "S5 fix: plala submission with AUTH, proven" "$(fixes $TMP/s5.json egress-on-dnsbl) $(verified $TMP/s5.json egress-on-dnsbl)" "use-secure.plala.or.jp-587 use-secure.plala.or.jp-465 true true"
cycle S5 tests/fixtures/tb/s5 use-secure.plala.or.jp-587
ip -n "$LAB_NS_CLIENT" link set eth0 down
t0=$(date +%s)
md check --json --profile tests/fixtures/tb/healthy > $TMP/nonet.json; rc=$?
t1=$(date +%s)
expect "link down: exactly no-network, exit 1" "$(ids $TMP/nonet.json) $rc" "no-network 1"
if [ $((t1 - t0)) -le 12 ]; then echo "ok: link down: the check ends by itself ($((t1 - t0)) s, --timeout 3)"; else echo "FAIL: link down: the check took $((t1 - t0)) s"; fi
'

in_lab S4 "$COMMON"'
cp -r tests/fixtures/tb/s4 $TMP/s4
P=$TMP/s4/.thunderbird
md check --json --profile $P > $TMP/s4.json; rc=$?
expect "S4 exit status" "$rc" 1
expect "S4 findings" "$(ids $TMP/s4.json)" "outgoing-server-mismatch relay-no-forward-dns spf-excludes-relay"
expect "S4 fixes proven by probes" "$(fixes $TMP/s4.json outgoing-server-mismatch)" "use-mail.shirao.example-587 use-mail.shirao.example-465"
md fix --apply use-mail.shirao.example-587 --profile $P > $TMP/apply.txt; rc=$?
expect "S4 fix applied" "$rc" 0
md check --json --profile $P > $TMP/s4b.json; rc=$?
expect "S4 second check clean" "$(ids $TMP/s4b.json) $rc" " 0"
ip netns exec "$LAB_NS_CLIENT" "$MD" fix --undo --profile $P > /dev/null; rc=$?
expect "S4 undo" "$rc" 0
md check --json --profile tests/fixtures/tb/s4b > $TMP/s4b.json
expect "S4 without the old server: found by discovery (SRV) and proven" "$(fixes $TMP/s4b.json outgoing-server-mismatch)" "use-mail.shirao.example-465 use-mail.shirao.example-587"
if cmp -s $P/Profiles/k7xq2m1a.default-release/prefs.js tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release/prefs.js; then echo "ok: S4 prefs.js back byte for byte"; else echo "FAIL: S4 prefs.js differs after undo"; fi
'

in_lab S3 "$COMMON"'
md check --json --profile tests/fixtures/tb/badcert > $TMP/bc.json
expect "expired certificate" "$(ids $TMP/bc.json)" "spf-excludes-relay tls-certificate-problem"
md check --json --profile tests/fixtures/tb/icpt-eset > $TMP/ie.json
expect "certificate from ESET'"'"'s root, refused" "$(ids $TMP/ie.json)" "spf-excludes-relay tls-intercepted"
sev() { python3 -c "import json,sys; print(\" \".join(f[\"severity\"]+\":\"+f[\"summary\"] for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==\"tls-intercepted\"))" "$1"; }
case $(sev $TMP/ie.json) in problem:ESET*eset.badtls.example*) echo "ok: ESET named, a problem";; *) echo "FAIL: ESET: $(sev $TMP/ie.json)";; esac
grep -q "SSL/TLS protocol filtering" $TMP/ie.json && echo "ok: ESET: where to switch it off" || echo "FAIL: ESET: no advice"
md check --lang ja --profile tests/fixtures/tb/icpt-eset > $TMP/ie.txt
grep -q "ESET.*暗号化" $TMP/ie.txt && echo "ok: ESET in Japanese" || echo "FAIL: ESET in Japanese: $(grep -m3 ESET $TMP/ie.txt)"
cat "$LAB_CA" "$(dirname "$LAB_CA")/icpt-kaspersky-ca.crt" > $TMP/ca-k.pem
ip netns exec "$LAB_NS_CLIENT" "$MD" check --json --profile tests/fixtures/tb/icpt-kaspersky --resolver "$LAB_RESOLVER" --ca-file $TMP/ca-k.pem --timeout 3 > $TMP/ik.json
expect "certificate from Kaspersky'"'"'s root, trusted here" "$(ids $TMP/ik.json)" "spf-excludes-relay tls-intercepted"
case $(sev $TMP/ik.json) in warning:Kaspersky*) echo "ok: Kaspersky named, a warning";; *) echo "FAIL: Kaspersky: $(sev $TMP/ik.json)";; esac
md check --json --profile tests/fixtures/tb/icpt-kaspersky > $TMP/ik2.json
expect "Kaspersky'"'"'s root not trusted: refused" "$(sev $TMP/ik2.json | cut -d: -f1)" "problem"
md check --json --profile tests/fixtures/tb/typo > $TMP/ty.json
expect "mistyped server name" "$(ids $TMP/ty.json)" "host-not-found"
md check --json --profile tests/fixtures/tb/nodmarc > $TMP/nd.json
expect "own domain without DMARC" "$(ids $TMP/nd.json)" "dmarc-missing"
md check --json --profile tests/fixtures/tb/noauth > $TMP/na.json
expect "S3: port 25 of another server from inside plala" "$(ids $TMP/na.json)" "port25-blocked"
expect "S3: the fix is plala submission" "$(fixes $TMP/na.json port25-blocked | cut -d" " -f1)" "use-secure.plala.or.jp-587"
cycle S3 tests/fixtures/tb/noauth use-secure.plala.or.jp-587
ip netns exec "$LAB_NS_CLIENT" "$MD" check --json --profile tests/fixtures/tb/healthy --resolver 203.0.113.99 --ca-file "$LAB_CA" --timeout 2 > $TMP/dns.json
expect "no DNS answers" "$(ids $TMP/dns.json)" "dns-failure"
# One name whose queries time out (the lab drops them), all others answer:
# "could not be looked up", never "does not exist"; probe says the same word.
md check --json --profile tests/fixtures/tb/dnssilent > $TMP/silent.json
case " $(ids $TMP/silent.json) " in *" host-lookup-failed "*) echo "ok: a silent name: host-lookup-failed" ;; *) echo "FAIL: a silent name: got [$(ids $TMP/silent.json)]" ;; esac
case " $(ids $TMP/silent.json) " in *" host-not-found "*) echo "FAIL: a silent name said not to exist" ;; *) echo "ok: a silent name is not said not to exist" ;; esac
python3 -c "import json,sys; print(\" \".join(sorted(set(x[\"outcome\"] for x in json.load(open(sys.argv[1]))[\"results\"] if x[\"host\"]==\"smtp.silent.example\"))))" $TMP/silent.json > $TMP/silent.words
expect "check: the silent name rows" "$(cat $TMP/silent.words)" "dns-failed"
md probe smtp.silent.example:587 --json > $TMP/silentp.json
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); rows=j if isinstance(j,list) else j.get(\"results\", [j]); print(\" \".join(sorted(set(r[\"outcome\"] for r in rows))))" $TMP/silentp.json > $TMP/silentp.words
expect "probe: the same word" "$(cat $TMP/silentp.words)" "dns-failed"
'

in_lab S3-outside "$COMMON"'
md check --json --profile tests/fixtures/tb/noauth > $TMP/na2.json
expect "S3 outside plala: the receiving MX offers no login" "$(ids $TMP/na2.json)" "auth-not-offered"
expect "S3 outside plala: the fix is plala submission" "$(fixes $TMP/na2.json auth-not-offered | cut -d" " -f1)" "use-secure.plala.or.jp-587"
cycle S3-outside tests/fixtures/tb/noauth use-secure.plala.or.jp-587
'

# The bounces of S4 and S6, made live by the lab's servers and put where
# Thunderbird keeps them (the IMAP account's offline store,
# ImapMail/mail.shirao.example/INBOX, mbox): the check finds them (step 4)
# and ties each to the findings it explains, in the text and in --json.
BOUNCES=$COMMON'
# mbox_add FILE MBOX — FILE as one message at the end of MBOX, as
# Thunderbird writes its folders ("From - date" line, mboxrd escaping).
mbox_add() { python3 -c "
import re, sys, time
raw = open(sys.argv[1], \"rb\").read().replace(b\"\\r\\n\", b\"\\n\")
raw = re.sub(rb\"(?m)^(>*From )\", rb\">\\1\", raw)
with open(sys.argv[2], \"ab\") as f:
    f.write(time.strftime(\"From - %a %b %d %H:%M:%S %Y\\n\", time.gmtime()).encode() + raw.rstrip(b\"\\n\") + b\"\\n\\n\")
" "$1" "$2"; }
# tied FILE ID — "reason count" of each bounce the JSON ties to finding ID.
tied() { python3 -c "import json,sys; print(\" \".join(\"%s %d\" % (b[\"reason\"], b[\"count\"]) for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==sys.argv[2] for b in f.get(\"bounces\", [])))" "$1" "$2"; }
# check_bounce NAME PROFILE BOUNCE-FILE FINDING-IDS... — the bounce in the
# profile'"'"'s IMAP INBOX; check finds it and ties it to each finding.
check_bounce() {
	b_name=$1 b_prof=$2 b_file=$3; shift 3
	b_box=$b_prof/ImapMail/mail.shirao.example
	mkdir -p "$b_box"; mbox_add "$b_file" "$b_box/INBOX"
	md check --json --profile "$b_prof" > $TMP/$b_name.json
	expect "$b_name: the Inbox holds 1 bounce" "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"bounces\"][\"count\"])" $TMP/$b_name.json)" 1
	for b_id in "$@"; do
		expect "$b_name: tied to $b_id" "$(tied $TMP/$b_name.json $b_id | cut -d" " -f2)" 1
	done
	md check --lang en --profile "$b_prof" > $TMP/$b_name.txt
	if grep -q "^   - 1 of your messages came back since .*: $B_WHAT$" $TMP/$b_name.txt; then echo "ok: $b_name: the sentence under the finding"; else echo "FAIL: $b_name: no sentence under the finding: $(grep -m3 "came back" $TMP/$b_name.txt)"; fi
	if grep -q "$B_WORDS" $TMP/$b_name.json $TMP/$b_name.txt; then echo "FAIL: $b_name: words of the bounce copied out: $(grep -ho "$B_WORDS" $TMP/$b_name.json $TMP/$b_name.txt | sort -u | tr "\n" " ")"; else echo "ok: $b_name: no address or words of the bounce copied out"; fi
}
'

# S6: the family's own server relays through eo (its relayhost, with eo's
# login), as in S6; eo refuses the non-eo sender at MAIL FROM, the own
# server writes the bounce into the mother's mailbox, and Thunderbird
# (here: IMAP over TLS, as it syncs) brings it into the profile.
in_lab S6 "$BOUNCES"'
O=$LAB_DIR/postfix/own
printf "[smtpauth.eonet.ne.jp]:587 %s:%s\n" "$LAB_USER_EO" "$LAB_PASS_EO" > $O/sasl_passwd; chmod 0644 $O/sasl_passwd
postconf -c $O -e "relayhost = [smtpauth.eonet.ne.jp]:587" "smtp_sasl_auth_enable = yes" "smtp_sasl_password_maps = texthash:$O/sasl_passwd" "smtp_sasl_security_options = noanonymous" "smtp_tls_security_level = encrypt"
ip netns exec "$LAB_NS_NET" postfix -c $O reload > /dev/null 2>&1
ip netns exec "$LAB_NS_CLIENT" swaks --server mail.shirao.example --port 587 --tls --tls-verify --tls-ca-path "$LAB_CA" --auth PLAIN --auth-user "$LAB_USER_OWN" --auth-password "$LAB_PASS_OWN" --helo pc.lab.example --from "$LAB_USER_OWN" --to "$LAB_USER_ICLOUD" --timeout 10 > $TMP/s6-send.txt 2>&1
box=$LAB_MAILDIR/shirao.example/kazuko/Maildir/new; t=0
until grep -qls "Sender rejected" $box/* 2>/dev/null || [ $t -ge 30 ]; do sleep 1; t=$((t + 1)); done
if grep -qs "said: 550 5.7.1 Sender rejected (in reply to MAIL FROM command)" $LAB_LOG_OWN; then echo "ok: S6 bounce: eo refused the sender at MAIL FROM (own server'"'"'s log)"; else echo "FAIL: S6 bounce: no refusal in the log: $(tail -n 3 $LAB_LOG_OWN)"; fi
ip netns exec "$LAB_NS_CLIENT" python3 -c "
import imaplib, ssl, sys
m = imaplib.IMAP4_SSL(\"mail.shirao.example\", 993, ssl_context=ssl.create_default_context(cafile=sys.argv[1]))
m.login(sys.argv[2], sys.argv[3]); m.select(\"INBOX\")
n = m.search(None, \"ALL\")[1][0].split()
open(sys.argv[4], \"wb\").write(m.fetch(n[-1], \"(RFC822)\")[1][0][1] if n else b\"\")
" "$LAB_CA" "$LAB_USER_OWN" "$LAB_PASS_OWN" $TMP/s6-bounce.eml
if grep -q "^Content-Type: multipart/report" $TMP/s6-bounce.eml; then echo "ok: S6 bounce fetched over IMAP"; else echo "FAIL: S6: no bounce over IMAP: $(head -c 300 $TMP/s6-bounce.eml)"; fi
cp -r tests/fixtures/tb/s6 $TMP/s6b
B_WHAT="the server refused your address as the sender" B_WORDS="hogehoge@\|kazuko@\|MAILER-DAEMON\|in reply to\|Undelivered"
check_bounce S6-bounce $TMP/s6b $TMP/s6-bounce.eml sender-domain-rejected outgoing-server-mismatch
expect "S6 bounce: the findings are those of S6" "$(ids $TMP/S6-bounce.json)" "outgoing-server-mismatch sender-domain-rejected spf-excludes-relay"
expect "S6 bounce: not tied to spf-excludes-relay" "$(tied $TMP/S6-bounce.json spf-excludes-relay)" ""
expect "S6 bounce: its line names the findings it explains" "$(python3 -c "import json,sys; print(\" \".join(sorted(json.load(open(sys.argv[1]))[\"bounces\"][\"lines\"][0][\"findings\"])))" $TMP/S6-bounce.json)" "outgoing-server-mismatch sender-domain-rejected"
'

# S4: the mother'"'"'s mail through J:COM'"'"'s relay is deferred by the own
# server (450, HELO without DNS) until J:COM gives up (its queue lifetime
# shortened here from days to a second); J:COM'"'"'s bounce to her cannot reach
# the own server either (the same HELO), so the test takes it from J:COM'"'"'s
# queue (postcat) and puts it into the profile as Thunderbird would have it.
in_lab S4 "$BOUNCES"'
J=$LAB_DIR/postfix/jcom
ip netns exec "$LAB_NS_CLIENT" swaks --server smtpa.jcom.zaq.ne.jp --port 587 --tls --tls-verify --tls-ca-path "$LAB_CA" --auth PLAIN --auth-user "$LAB_USER_JCOM" --auth-password "$LAB_PASS_JCOM" --helo pc.lab.example --from "$LAB_USER_OWN" --to "$LAB_USER_OWN2" --timeout 10 > $TMP/s4-send.txt 2>&1
t=0; until grep -qs "Helo command rejected" $LAB_LOG_JCOM || [ $t -ge 20 ]; do sleep 1; t=$((t + 1)); done
postconf -c $J -e "maximal_queue_lifetime = 1s"
ip netns exec "$LAB_NS_NET" postfix -c $J reload > /dev/null 2>&1; sleep 2
ip netns exec "$LAB_NS_NET" postqueue -c $J -f
qid=""; t=0
while [ -z "$qid" ] && [ $t -lt 30 ]; do sleep 1; t=$((t + 1)); qid=$(ip netns exec "$LAB_NS_NET" postqueue -c $J -j | python3 -c "import json,sys; print(\" \".join(q[\"queue_id\"] for q in map(json.loads, sys.stdin) if q[\"sender\"] in (\"\", \"MAILER-DAEMON\")))" | cut -d" " -f1); done
if grep -qs "status=expired, returned to sender" $LAB_LOG_JCOM; then echo "ok: S4 bounce: J:COM gave up after the 450s (its log)"; else echo "FAIL: S4 bounce: J:COM did not give up: $(tail -n 3 $LAB_LOG_JCOM)"; fi
ip netns exec "$LAB_NS_NET" postcat -c $J -hb -q "$qid" 2>/dev/null | grep -v "^\*\*\* [A-Z][A-Z ]* \*\*\*" > $TMP/s4-bounce.eml
if grep -q "^Content-Type: multipart/report" $TMP/s4-bounce.eml && grep -q "Helo command" $TMP/s4-bounce.eml; then echo "ok: S4 bounce taken from J:COM'"'"'s queue"; else echo "FAIL: S4: no bounce in J:COM'"'"'s queue ($qid): $(head -c 300 $TMP/s4-bounce.eml)"; fi
cp -r tests/fixtures/tb/s4 $TMP/s4b
B_WHAT="the receiving server did not accept mail from the server you send through" B_WORDS="ichiro@\|kazuko@\|MAILER-DAEMON\|in reply to\|Undelivered\|smtpa.jcom.zaq.ne.jp\["
check_bounce S4-bounce $TMP/s4b/.thunderbird/Profiles/k7xq2m1a.default-release $TMP/s4-bounce.eml relay-no-forward-dns outgoing-server-mismatch spf-excludes-relay
expect "S4 bounce: the findings are those of S4" "$(ids $TMP/S4-bounce.json)" "outgoing-server-mismatch relay-no-forward-dns spf-excludes-relay"
'

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
