#!/bin/sh
# Case S4 with no trace of the family's server (s4b), offline: nothing
# names the right outgoing server, so step 5 says what maildoctor cannot
# do, whom to ask and for what, and takes the server typed (t); the typed
# name becomes the fix, previewed and applied as usual. Skipping says what
# is left to do. --plain offers the same as a numbered choice.
. "$(dirname "$0")/lib.sh"
S4B=$PWD/tests/fixtures/tb/s4b
prof() { rm -rf "$TMP/prof"; cp -r "$S4B" "$TMP/prof"; }

to_ask() {
	expect "Welcome" "step 1" >/dev/null
	keys Enter; wait_for "Which account" || fail "no step 2"
	keys Enter; wait_for "All checks are done" || fail "no end of step 3"
	keys Enter; wait_for "step 4 of 7" || fail "no step 4"
	press_until "step 5 of 7" Enter
}

# 1. typed, previewed, applied
prof
start -y 30 -- --offline --profile "$TMP/prof"
to_ask
expect "step 5 of 7: The fix" "step 5 is not skipped"
expect "maildoctor cannot make this change by itself" "what it cannot do"
expect "Ask the administrator of shirao.example" "whom to ask"
expect "name of the outgoing server (SMTP) for haha@shirao.example" "for what"
expect "t type the server" "the key to type it"
keys t
expect "Outgoing server:" "t opens the field"
keys -l "not a name"
keys Enter
expect "That is not a server name." "a wrong name is refused"
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys -l "mail.shirao.example"
keys Enter
expect "This change is proposed for haha@shirao.example:" "the typed server is the fix"
screen >"$TMP/fix"
keys d # the port, the connection security and the prefs.js lines
expect "Details:" "the details"
screen >>"$TMP/fix"
for want in \
	"Outgoing server +smtpa.jcom.zaq.ne.jp +→ +mail.shirao.example" \
	"Encryption +encrypted from the start +→ +encrypted once connected" \
	"Port +465 +→ +587" \
	"Connection security +SSL/TLS +→ +STARTTLS" \
	'prefs.js: mail.identity.id1.smtpServer +"smtp1" → "smtp2"' \
	"a apply" "s skip"; do
	grep -qE -- "$want" "$TMP/fix" && ok "preview: $want" ||
		{ fail "preview lacks: $want"; sed 's/^/  | /' "$TMP/fix"; }
done
cmp -s "$TMP/prof/prefs.js" "$S4B/prefs.js" && ok "nothing written before a" ||
	fail "prefs.js changed before a"
keys a
expect "step 6 of 7" "a applies"
grep -q '"mail.shirao.example"' "$TMP/prof/prefs.js" && ok "the typed server is in prefs.js" ||
	fail "prefs.js lacks the typed server"
press_until "step 7 of 7" Enter
expect "haha@shirao.example now sends through mail.shirao.example, port 587." "the summary names the change"
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0: fixed" || fail "exit status $rc"

# 2. skipped: the summary says what is left to do
prof
start -y 30 -- --offline --profile "$TMP/prof"
to_ask
expect "t type the server" "asked again"
keys s
expect "step 7 of 7: Summary" "s goes to the summary"
expect "What is left to do:" "what is left is said"
expect "Ask the administrator of shirao.example for the name of the" "whom to ask, in the summary"
expect "To do: ask the administrator of shirao.example" "and in the read-aloud lines"
cmp -s "$TMP/prof/prefs.js" "$S4B/prefs.js" && ok "skip changes nothing" ||
	fail "prefs.js changed"
keys Enter
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "exit 1: the problem is left" || fail "exit status $rc"

# 3. --plain: the same as a numbered choice, then the name (with a port)
prof
printf '\n1\n\n\n\n1\nmail.shirao.example:465\nd\na\n\n\n' |
	HOME=$TMP MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 "$MD" --plain \
		--offline --profile "$TMP/prof" >"$TMP/out" 2>"$TMP/err"
echo $? >"$TMP/rc"
for want in \
	"maildoctor cannot make this change by itself: it does not know the outgoing server of shirao.example." \
	"maildoctor needs the name of the right outgoing server for this." \
	"  1. Type the name of the outgoing server" \
	"Outgoing server:" \
	"    Port                 465      →  465" \
	"✓ The change was made."; do
	grep -qF -- "$want" "$TMP/out" && ok "plain: $want" ||
		{ fail "plain lacks: $want"; sed 's/^/  | /' "$TMP/out" | sed -n "/> a\$/,\$p" | grep -v "^  | *\$" | head -30; }
done
grep -q 'smtp2.port", 465' "$TMP/prof/prefs.js" && grep -q 'smtp2.try_ssl", 3' "$TMP/prof/prefs.js" &&
	ok "plain: host:port applied with SSL/TLS" || fail "plain: not applied as typed"
[ "$(cat "$TMP/rc")" = 0 ] && ok "plain: exit 0" || fail "plain: exit $(cat "$TMP/rc")"
cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
finish
