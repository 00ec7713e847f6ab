#!/bin/sh
# test_tls.sh — strict TLS (issue 9), in the lab's base scenario: each bad
# server (expired, wrong name, self-signed, unknown CA, TLS 1.0/1.1 only) on
# implicit TLS (465) and STARTTLS (587), through `probe` and `check`:
# refused by default with the right category and a sentence naming the
# fault (English and Japanese); with --insecure: connected, and every row,
# the JSON and the text say unverified. Then AUTH before TLS: a login on a
# plain IMAP/POP3 port and on the STARTTLS-then-plaintext peer is never sent
# (maildoctor's transcript, and dovecot's log: no login reached it) unless
# --allow-plaintext-auth is given. Needs root and the lab (tests/lab); ends
# "N passed, N failed" and a "figures:" line.
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
. tests/hardening/lab_self.sh
BIN=${MAILDOCTOR_BIN:-$ROOT/build/asan/maildoctor}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac

# server:category:words the sentence must hold (a grep -E pattern).
BAD="expired:expired:expired on 2020-02-01
wrongname:wrong-name:made out for other-name.badtls.example, not for wrongname.badtls.example
selfsigned:self-signed:signed by itself
unknownca:unknown-issuer:issued by \"maildoctor other CA [0-9a-f]+\", an authority this computer does not trust
tls10:old-version:only speaks (TLSv1(\\.[01])? |)an old and unsafe TLS version"
# Japanese: the same facts (date, names, issuer) in the ja sentence.
BAD_JA="expired:2020-02-01 に有効期限
wrongname:other-name.badtls.example 向けのもので
selfsigned:自己署名
unknownca:信頼していない認証局「maildoctor other CA
tls10:古くて安全でない TLS"

# ---- inside the lab (through `lab run`) ----------------------------------
inner() {
	# shellcheck disable=SC1090 # the lab's env file
	. "$LAB_ENV"
	W=$TLS_DIR
	PASS=0
	FAIL=0
	ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
	bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
	mkdir -p "$W/out" "$W/profile" "$W/home"
	# md NAME ARGS…: maildoctor in the client namespace, stdout in
	# out/NAME, stderr in out/NAME.err; stdin from $MD_STDIN (a file).
	md() {
		name=$1
		shift
		ip netns exec "$LAB_NS_CLIENT" env HOME="$W/home" "$BIN" "$@" \
			--resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" \
			--timeout 5 <"${MD_STDIN:-/dev/null}" \
			>"$W/out/$name" 2>"$W/out/$name.err"
		echo "$name: exit $? ($*)"
	}
	targets=""
	for line in $(printf '%s\n' "$BAD" | cut -d: -f1); do
		targets="$targets $line.badtls.example:465 $line.badtls.example:587"
	done

	# One Thunderbird profile, one identity per bad server and port.
	i=0
	{
		accts="" smtps=""
		for s in $(printf '%s\n' "$BAD" | cut -d: -f1); do
			for port in 465 587; do
				i=$((i + 1))
				ssl=$([ $port = 465 ] && echo 3 || echo 2)
				accts="$accts${accts:+,}account$i"
				smtps="$smtps${smtps:+,}smtp$i"
				cat <<-EOF
					user_pref("mail.account.account$i.identities", "id$i");
					user_pref("mail.account.account$i.server", "server$i");
					user_pref("mail.identity.id$i.fullName", "Lab $s $port");
					user_pref("mail.identity.id$i.smtpServer", "smtp$i");
					user_pref("mail.identity.id$i.useremail", "$s$port@badtls.example");
					user_pref("mail.server.server$i.hostname", "mail.shirao.example");
					user_pref("mail.server.server$i.port", 993);
					user_pref("mail.server.server$i.socketType", 3);
					user_pref("mail.server.server$i.type", "imap");
					user_pref("mail.server.server$i.userName", "$s$port");
					user_pref("mail.smtpserver.smtp$i.authMethod", 3);
					user_pref("mail.smtpserver.smtp$i.hostname", "$s.badtls.example");
					user_pref("mail.smtpserver.smtp$i.port", $port);
					user_pref("mail.smtpserver.smtp$i.try_ssl", $ssl);
					user_pref("mail.smtpserver.smtp$i.username", "$s$port");
				EOF
			done
		done
		echo "user_pref(\"mail.accountmanager.accounts\", \"$accts\");"
		echo "user_pref(\"mail.smtpservers\", \"$smtps\");"
		echo 'user_pref("mail.smtp.defaultserver", "smtp1");'
	} >"$W/profile/prefs.js"
	P="--profile $W/profile"

	t0=$(date +%s)
	# shellcheck disable=SC2086 # targets and P are word lists
	{
		md probe.json probe --json $targets
		md probe.txt --lang en probe $targets
		md probe.ja --lang ja probe $targets
		md probe-insecure.json probe --insecure --json $targets
		md probe-insecure.txt --lang en probe --insecure $targets
		md check.json check --json $P
		md check.txt --lang en check $P
		md check.ja --lang ja check $P
		md check-insecure.json check --insecure --json $P
		md check-insecure.txt --lang en check --insecure $P
		md fix-insecure.txt --lang en fix --list --insecure $P
	}
	t1=$(date +%s)
	echo "the matrix ran in $((t1 - t0)) s"

	cells=0
	cells_ok=0
	for entry in $(printf '%s\n' "$BAD" | tr ' ' '\037'); do
		entry=$(printf '%s' "$entry" | tr '\037' ' ')
		s=${entry%%:*}
		rest=${entry#*:}
		cat=${rest%%:*}
		words=${rest#*:}
		host=$s.badtls.example
		ja=$(printf '%s\n' "$BAD_JA" | sed -n "s/^$s://p")
		for port in 465 587; do
			sec=$([ $port = 465 ] && echo tls || echo starttls)
			email=$s$port@badtls.example
			sel=".results[]|select(.host==\"$host\" and .port==$port)"
			before=$FAIL
			# -- probe, strict
			if jq -e "[$sel]|length>0 and all(.outcome==\"tls-failed\" and .tls.failure==\"$cat\" and .tls.verified==false and .security==\"$sec\" and (has(\"insecure\")|not))" \
				"$W/out/probe.json" >/dev/null; then
				ok "probe $host:$port refused: $cat"
			else
				bad "probe $host:$port: $(jq -c "[$sel|{outcome,tls}]" "$W/out/probe.json")"
			fi
			row=$(grep -E "^$host +[0-9.]+ +$port " "$W/out/probe.txt")
			if printf '%s' "$row" | grep -qE "TLS refused: .*$words"; then
				ok "probe $host:$port says: ${row#*TLS refused: }"
			else
				bad "probe $host:$port text: $row"
			fi
			row=$(grep -E "^$host +[0-9.]+ +$port " "$W/out/probe.ja")
			if printf '%s' "$row" | grep -qF "TLS を拒否しました: " &&
				printf '%s' "$row" | grep -qF "$ja"; then
				ok "probe $host:$port in Japanese: ${row#*: }"
			else
				bad "probe $host:$port Japanese text: $row"
			fi
			# -- probe, --insecure
			if jq -e ".insecure==true and ([$sel]|length>0 and all(.outcome==\"ok\" and .insecure==true and .tls.verified==false and .tls.failure==\"$cat\"))" \
				"$W/out/probe-insecure.json" >/dev/null; then
				ok "probe --insecure $host:$port connects, unverified, still names $cat"
			else
				bad "probe --insecure $host:$port: $(jq -c "[$sel|{outcome,insecure,tls}]" "$W/out/probe-insecure.json")"
			fi
			if grep -A1 -E "^$host +[0-9.]+ +$port " "$W/out/probe-insecure.txt" |
				grep -qF 'UNVERIFIED (--insecure): the certificate was NOT checked'
			then
				ok "probe --insecure $host:$port text row says UNVERIFIED"
			else
				bad "probe --insecure $host:$port text: $(grep -A1 -E "^$host " "$W/out/probe-insecure.txt")"
			fi
			# -- check, strict: the rows and the finding's sentence
			if jq -e "[$sel]|length>0 and all(.outcome==\"tls-failed\" and .tls.verified==false and .tls.failure==\"$cat\") and (.[0].reason|test(\"$(printf '%s' "$words" | sed 's/\\/\\\\/g; s/"/\\"/g')\"))" \
				"$W/out/check.json" >/dev/null; then
				ok "check $host:$port row refused: $cat"
			else
				bad "check $host:$port rows: $(jq -c "[$sel|{outcome,reason,tls}]" "$W/out/check.json")"
			fi
			f=".findings[]|select(.id==\"tls-certificate-problem\" and .identity==\"$email\")"
			summary=$(jq -r "[$f][0].summary // empty" "$W/out/check.json")
			if printf '%s' "$summary" | grep -qE "$words"; then
				ok "check $email: tls-certificate-problem: $summary"
			else
				bad "check $email: no tls-certificate-problem naming the fault: $(jq -c "[.findings[]|select(.identity==\"$email\")|{id,summary}]" "$W/out/check.json")"
			fi
			if grep -F "$host cannot be trusted" "$W/out/check.txt" |
				grep -qE "$words"; then
				ok "check $email text names the fault"
			else
				bad "check $email text: $(grep -F "$host" "$W/out/check.txt" | head -n 3)"
			fi
			if grep -F "$host" "$W/out/check.ja" | grep -qF "$ja"; then
				ok "check $email Japanese names the fault"
			else
				bad "check $email Japanese: $(grep -F "$host" "$W/out/check.ja" | head -n 3)"
			fi
			# -- check, --insecure
			if jq -e ".insecure==true and ([$sel]|length>0 and all(.outcome==\"ok\" and .insecure==true and .tls.verified==false and .tls.failure==\"$cat\")) and ([$f]|length==1) and ([.findings[].fixes[]|select(.verified==true)]|length==0)" \
				"$W/out/check-insecure.json" >/dev/null; then
				ok "check --insecure $host:$port connects, unverified; the finding stays; no fix verified"
			else
				bad "check --insecure $host:$port: $(jq -c "[$sel|{outcome,insecure,tls}], [$f|.id]" "$W/out/check-insecure.json")"
			fi
			[ "$FAIL" = "$before" ] && cells_ok=$((cells_ok + 1))
			cells=$((cells + 1))
		done
	done
	# Every row of the insecure runs is marked, and the summary says so.
	if jq -e '[.results[]|select(.insecure!=true)]|length==0' \
		"$W/out/probe-insecure.json" "$W/out/check-insecure.json" >/dev/null &&
		jq -e '[.findings[].fixes[]|select(.insecure!=true or .verified!=false)]|length==0' \
			"$W/out/check-insecure.json" >/dev/null; then
		ok "--insecure: every row and fix of probe and check is marked unverified"
	else
		bad "--insecure: some row or fix is not marked"
	fi
	rows=$(grep -cE '^  (✓|✗|OK|NG) ' "$W/out/check-insecure.txt")
	marks=$(grep -cF 'UNVERIFIED (--insecure): the certificate was NOT checked' \
		"$W/out/check-insecure.txt")
	if [ "$rows" -gt 0 ] && [ "$rows" = "$marks" ] &&
		grep -qF -- '--insecure: certificates were NOT checked. No result above is verified' \
			"$W/out/check-insecure.txt" "$W/out/probe-insecure.txt" &&
		[ "$(grep -c -- '--insecure: certificates were NOT checked' \
			"$W/out/probe-insecure.txt")" = 1 ]; then
		ok "--insecure text: $rows check rows each marked UNVERIFIED, and the summaries say so"
	else
		bad "--insecure text: $rows rows, $marks marks"
	fi
	if grep -qF -- '--insecure: certificates were NOT checked; none of these fixes is verified.' \
		"$W/out/fix-insecure.txt" &&
		! grep -qF '(it worked in the check)' "$W/out/fix-insecure.txt"; then
		ok "fix --list --insecure: no fix claims it worked"
	else
		bad "fix --list --insecure: $(head -c 600 "$W/out/fix-insecure.txt")"
	fi
	# The wizard (plain lines): strict, the row names the fault; with
	# --insecure every row and the summary say unverified.
	cp -R tests/fixtures/tb/badcert "$W/wizprof"
	for mode in strict insecure; do
		flag=$([ $mode = insecure ] && echo --insecure)
		# Enter through the findings; s skips the fix step when there
		# is one (an answer a page does not take is refused and
		# changes nothing), then on to the summary.
		printf '\n1\n\n\n\n\ns\n\n\n\n' >"$W/answers"
		# shellcheck disable=SC2086 # flag is empty or one word
		MD_STDIN=$W/answers md wizard-$mode.txt --lang en --plain $flag \
			--profile "$W/wizprof"
	done
	wrow=$(grep -E '^    (✓|✗) +expired.badtls.example +465 ' "$W/out/wizard-strict.txt")
	if printf '%s' "$wrow" | grep -qF 'the encryption (TLS) failed: the server'"'"'s certificate expired on 2020-02-01' &&
		! grep -q 'UNVERIFIED\|--insecure' "$W/out/wizard-strict.txt"; then
		ok "wizard: the row says why: ${wrow#*  465 TLS IPv4}"
	else
		bad "wizard strict row: $wrow"
	fi
	wrows=$(grep -cE '^    (✓|✗) ' "$W/out/wizard-insecure.txt")
	wmarks=$(grep -E '^    (✓|✗) ' "$W/out/wizard-insecure.txt" |
		grep -cF 'UNVERIFIED: the certificate was NOT checked')
	wsum=$(grep -cF -- '! --insecure: certificates were NOT checked. No result here is verified.' \
		"$W/out/wizard-insecure.txt")
	if [ "$wrows" -gt 0 ] && [ "$wrows" = "$wmarks" ] && [ "$wsum" -ge 2 ] &&
		grep -qF '== Step 7 of 7: Summary ==' "$W/out/wizard-insecure.txt" &&
		grep -E '^    ✓ +expired.badtls.example +465 ' "$W/out/wizard-insecure.txt" |
		grep -qF 'NOT checked: the server'"'"'s certificate expired on 2020-02-01'; then
		ok "wizard --insecure: $wrows rows each UNVERIFIED (with what verification found), said at the checks and in the summary"
	else
		bad "wizard --insecure: $wrows rows, $wmarks marked, $wsum summary lines"
		grep -E '^    (✓|✗) |insecure|Step' "$W/out/wizard-insecure.txt" | head -n 20
	fi
	# Strict runs never mention insecure.
	if ! grep -qi 'insecure\|UNVERIFIED' "$W/out/probe.txt" "$W/out/check.txt" &&
		! jq -e '.insecure' "$W/out/probe.json" "$W/out/check.json" >/dev/null; then
		ok "without --insecure nothing is marked insecure"
	else
		bad "a strict run mentions insecure"
	fi

	# ---- AUTH never before TLS ---------------------------------------
	printf '%s\n' "$LAB_PASS_OWN" >"$W/pw"
	U=$LAB_USER_OWN
	dlog=$LAB_LOG_DOVECOT
	# logins NAME: dovecot's logins of U since mark NAME
	mark() { wc -l <"$dlog" >"$W/mark.$1"; }
	logins() {
		tail -n +"$(($(cat "$W/mark.$1") + 1))" "$dlog" |
			grep -E "(imap|pop3)-login: (Info: )?Login: user=<$U>" | wc -l
	}
	# noauth NAME: dovecot's "no auth attempts" disconnects since mark NAME
	noauth() {
		tail -n +"$(($(cat "$W/mark.$1") + 1))" "$dlog" |
			grep -cE '(imap|pop3)-login: .*\(no auth attempts'
	}
	# sent NAME: lines maildoctor sent (transcript '>') holding a login
	sent() {
		jq -r '.results[].transcript[]?|select(.dir==">")|.text' \
			"$W/out/$1" | grep -cE '^(a[0-9]+ )?(AUTH|LOGIN|AUTHENTICATE|USER|PASS)( |$)'
	}
	auth_runs=0
	refused=0
	leaked=0
	MD_STDIN=$W/pw
	mark plain
	md auth-plain.json probe --no-tls --user "$U" --password-stdin \
		--transcript --json mail.shirao.example:143 mail.shirao.example:110 \
		mail.shirao.example:25
	sleep 1
	n_sent=$(sent auth-plain.json)
	leaked=$((leaked + n_sent))
	n_login=$(logins plain)
	n_noauth=$(noauth plain)
	auth_runs=$((auth_runs + 3))
	if jq -e '[.results[]|select(.address!=null)]|length>=3 and all(.auth=="not-tried-insecure" and .security=="plain")' \
		"$W/out/auth-plain.json" >/dev/null && [ "$n_sent" = 0 ] &&
		[ "$n_login" = 0 ] && [ "$n_noauth" -ge 2 ]; then
		refused=$((refused + 3))
		ok "plain IMAP 143, POP3 110, SMTP 25 with --user: auth not-tried-insecure, 0 login lines sent; dovecot: 0 logins, $n_noauth 'no auth attempts'"
	else
		bad "plain ports: sent=$n_sent dovecot logins=$n_login no-auth=$n_noauth $(jq -c '[.results[]|{port,security,auth}]' "$W/out/auth-plain.json")"
	fi
	mark allowed
	md auth-allowed.json probe --no-tls --user "$U" --password-stdin \
		--allow-plaintext-auth --transcript --json \
		mail.shirao.example:143 mail.shirao.example:110
	sleep 1
	n_sent=$(sent auth-allowed.json)
	n_login=$(logins allowed)
	if jq -e '[.results[]|select(.address!=null)]|length>=2 and all(.auth=="ok")' \
		"$W/out/auth-allowed.json" >/dev/null && [ "$n_sent" -ge 2 ] &&
		[ "$n_login" -ge 2 ]; then
		ok "--allow-plaintext-auth: the login goes out ($n_sent lines) and dovecot logs $n_login logins (the log check sees logins)"
	else
		bad "--allow-plaintext-auth: sent=$n_sent logins=$n_login $(jq -c '[.results[]|{port,auth,outcome}]' "$W/out/auth-allowed.json")"
	fi
	# --insecure went past a bad certificate: the password stays here
	# (postfix hears no AUTH) unless plaintext logins are allowed too.
	plog=$LAB_LOG_BADTLS
	pauth() { # lines of postfix-badtls where an AUTH arrived, since mark
		tail -n +"$(($(cat "$W/mark.$1") + 1))" "$plog" |
			grep -cE 'disconnect from .* auth=[0-9]|sasl_method=|authentication failed'
	}
	wc -l <"$plog" >"$W/mark.insec"
	md auth-insecure.json probe --insecure --user "$U" --password-stdin \
		--transcript --json expired.badtls.example:465 \
		selfsigned.badtls.example:587
	sleep 1
	a=$(sent auth-insecure.json) pa=$(pauth insec)
	leaked=$((leaked + a))
	wc -l <"$plog" >"$W/mark.insec2"
	md auth-insecure-allowed.json probe --insecure --allow-plaintext-auth \
		--user "$U" --password-stdin --transcript --json \
		expired.badtls.example:465
	sleep 1
	b=$(sent auth-insecure-allowed.json) pb=$(pauth insec2)
	auth_runs=$((auth_runs + 2))
	if jq -e '[.results[]]|length==2 and all(.outcome=="ok" and .insecure==true and .auth=="not-tried-unverified")' \
		"$W/out/auth-insecure.json" >/dev/null && [ "$a" = 0 ] &&
		[ "$pa" = 0 ] && [ "$b" -ge 1 ] && [ "$pb" -ge 1 ]; then
		refused=$((refused + 2))
		ok "--insecure past a bad certificate: auth not-tried-unverified, no AUTH sent, postfix saw none; with --allow-plaintext-auth too: AUTH reached postfix ($pb)"
	else
		bad "--insecure login: sent=$a postfix=$pa; allowed: sent=$b postfix=$pb $(jq -c '[.results[]|{port,outcome,auth}]' "$W/out/auth-insecure.json")"
	fi
	peer=${LAB_PEER_STARTTLSPLAIN_NAME:-starttlsplain.peers.example}:587
	md auth-peer.json probe --user u@example.org --password-stdin \
		--transcript --json "$peer"
	md auth-peer-allowed.json probe --user u@example.org --password-stdin \
		--allow-plaintext-auth --starttls --transcript --json "$peer"
	md auth-peer-plain.json probe --user u@example.org --password-stdin \
		--no-tls --transcript --json "$peer"
	auth_runs=$((auth_runs + 3))
	a=$(sent auth-peer.json) b=$(sent auth-peer-allowed.json)
	c=$(sent auth-peer-plain.json)
	leaked=$((leaked + a + b + c))
	if jq -e '.results[0]|.outcome=="tls-failed" and .tls.failure=="not-tls"' \
		"$W/out/auth-peer.json" "$W/out/auth-peer-allowed.json" >/dev/null &&
		jq -e '.results[0].auth=="not-tried-insecure"' \
			"$W/out/auth-peer-plain.json" >/dev/null &&
		[ "$a$b$c" = 000 ]; then
		refused=$((refused + 3))
		ok "STARTTLS answered 220 then plaintext: no AUTH (also with --allow-plaintext-auth: TLS was asked for); plain: not-tried-insecure"
	else
		bad "starttlsplain: sent $a/$b/$c login lines; $(jq -c '.results[0]|{outcome,auth,tls:.tls.failure}' "$W/out/auth-peer.json" "$W/out/auth-peer-allowed.json" "$W/out/auth-peer-plain.json" | tr '\n' ' ')"
	fi
	# check: the configured outgoing server is the peer, plain, with a login
	mkdir -p "$W/plainprof"
	sed -e 's/"expired.badtls.example"/"starttlsplain.peers.example"/' \
		-e 's/smtp1.port", 465/smtp1.port", 587/' \
		-e 's/smtp1.try_ssl", 3/smtp1.try_ssl", 0/' \
		"$W/profile/prefs.js" >"$W/plainprof/prefs.js"
	md check-plain.json check expired465@badtls.example --password-stdin \
		--json --profile "$W/plainprof"
	md check-plain-allowed.json check expired465@badtls.example \
		--password-stdin --allow-plaintext-auth --json --profile "$W/plainprof"
	auth_runs=$((auth_runs + 1))
	sel='.results[]|select(.host=="starttlsplain.peers.example" and .port==587 and .security=="plain")'
	a=$(jq -r "$sel|.transcript[]" "$W/out/check-plain.json" |
		grep -cE '^> AUTH')
	leaked=$((leaked + a))
	b=$(jq -r "$sel|.transcript[]" "$W/out/check-plain-allowed.json" |
		grep -cE '^> AUTH')
	if jq -e "[$sel]|length==1 and .[0].auth==\"not-tried-insecure\"" \
		"$W/out/check-plain.json" >/dev/null && [ "$a" = 0 ] &&
		[ "$b" -ge 1 ] &&
		jq -e "[$sel][0].auth!=\"not-tried-insecure\"" \
			"$W/out/check-plain-allowed.json" >/dev/null; then
		refused=$((refused + 1))
		ok "check --password-stdin on a plain server: auth not-tried-insecure, no AUTH sent; with --allow-plaintext-auth it logs in"
	else
		bad "check on a plain server: sent=$a allowed=$b $(jq -c "[$sel|{auth,outcome}]" "$W/out/check-plain.json" "$W/out/check-plain-allowed.json" | tr '\n' ' ')"
	fi
	if grep -qF 'login: not-tried-insecure' "$W/out/check-plain.json"; then
		ok "the refusal is evidence: 'login: not-tried-insecure'"
	else
		bad "no 'login: not-tried-insecure' evidence: $(jq -c '[.findings[]|{id,evidence:[.evidence[].text]}]' "$W/out/check-plain.json")"
	fi
	rm -f "$W/pw"
	# The code: nothing turns verification off outside --insecure.
	hits=$(grep -rnE 'SSL_VERIFY_NONE|VERIFY(PEER|HOST), *0|X509_V_FLAG_|set_security_level' \
		core clientcfg app tui cli | grep -v '^core/net/tls.c:.*set_security_level(s, 0)')
	calls=0 guarded=0
	for f in $(grep -rl 'tls_ctx_new_insecure' core app tui cli | grep -v '^core/net/tls\.[ch]$'); do
		calls=$((calls + $(grep -o 'tls_ctx_new_insecure' "$f" | wc -l)))
		guarded=$((guarded + $(tr -d ' \t\n' <"$f" |
			grep -oE 'insecure\?tls_ctx_new_insecure' | wc -l)))
	done
	# one context maker since probe runs on check's pipeline (core/check/
	# check.c); at least one call must be found, or the audit saw nothing
	if [ -z "$hits" ] && [ "$calls" -ge 1 ] && [ "$calls" = "$guarded" ]; then
		ok "code audit: no SSL_VERIFY_NONE, VERIFYPEER/HOST 0 or X509 flag; $calls insecure contexts, each behind '…insecure ? tls_ctx_new_insecure'"
	else
		bad "code audit: $hits; insecure contexts $calls, guarded $guarded"
	fi
	echo "figures: tls cells=$cells cells_ok=$cells_ok auth_runs=$auth_runs auth_held=$refused auth_leaked=$leaked seconds=$(($(date +%s) - t0))"
	echo "$PASS passed, $FAIL failed"
}

if [ "${1:-}" = --inner ]; then
	inner
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "!!! TLS TEST SKIPPED: not root; the lab needs network namespaces."
	echo "0 passed, 1 failed"
	exit 1
fi
TLS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/md-tls.XXXXXX") || exit 3
chmod 0755 "$TLS_DIR"
trap 'rm -rf "$TLS_DIR"' EXIT
trap 'exit 3' INT TERM HUP
export TLS_DIR BIN BAD BAD_JA
lab_self base tests/hardening/test_tls.sh "$TLS_DIR"
