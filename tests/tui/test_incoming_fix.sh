#!/bin/sh
# A plala address receiving POP3 without encryption (popplain), --plain
# and offline: the fix is the incoming server on plala's published 995
# SSL/TLS (never the outgoing 587), and after it is applied the summary
# says the mail is now received from there, not "sends through". The
# port and the prefs.js lines are behind d (the details).
. "$(dirname "$0")/lib.sh"
rm -rf "$TMP/prof"; cp -r "$PWD/tests/fixtures/tb/popplain" "$TMP/prof"
printf '\n1\n\n\nd\na\n\n\n' |
	HOME=$TMP MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 "$MD" --plain \
		--offline --profile "$TMP/prof" >"$TMP/out" 2>"$TMP/err"
echo $? >"$TMP/rc"
for want in \
	"SSL/TLS on port 995" \
	"    Incoming server  secure.plala.or.jp  →  secure.plala.or.jp" \
	"    Encryption       not encrypted       →  encrypted from the start" \
	"    Port                 110            →  995" \
	"  prefs.js: mail.server.server1.socketType  0 → 3" \
	"✓ The change was made." \
	"  taro@plala.or.jp now receives mail from secure.plala.or.jp, port 995." \
	"  2. The change: the incoming server is now secure.plala.or.jp, port 995."; do
	grep -qF -- "$want" "$TMP/out" && ok "has: $want" ||
		{ fail "lacks: $want"; sed 's/^/  | /' "$TMP/out" | sed -n '/Step 4/,$p' | head -60; }
done
grep -qF "port 587" "$TMP/out" && fail "587 named for an incoming server" || ok "587 not named"
grep -qF "now sends through" "$TMP/out" && fail "an incoming fix told as sending" || ok "not told as sending"
grep -q 'server1.port", 995' "$TMP/prof/prefs.js" && ok "port 995 written" || fail "port not written"
[ "$(cat "$TMP/rc")" = 0 ] && ok "exit 0" || fail "exit $(cat "$TMP/rc")"
cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
finish
