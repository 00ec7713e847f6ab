#!/bin/sh
# --offline: nothing is tried on the network, and no screen says or
# implies otherwise: each step from 2 on says that only the settings were
# judged; step 5 does not promise a check "after the change", step 6 does
# not say "No problem is left", the summary says it too. p (the password)
# is refused with a sentence, since no server would use it (full screen
# and --plain).
. "$(dirname "$0")/lib.sh"
home
start -- --offline
to_accounts
expect "Offline: only the settings were judged; no server was tried." \
	"step 2 says it is offline"
keys p
expect "With --offline, maildoctor tries no server, so it does not ask" \
	"p is refused with a sentence"
expect_not "Password:" "no password field offline"
keys Enter
expect "All checks are done." "step 3"
keys Enter
expect "What we found" "step 4"
expect "Offline: only the settings were judged; no server was tried." \
	"step 4 (a finding) says it is offline"
keys Enter
expect "Offline: only the settings were judged; no server was tried." \
	"step 4 (the second finding) says it is offline"
keys Enter
expect "step 5 of 7: The fix" "step 5"
expect "With --offline no server was tried, so whether this server" \
	"step 5 says the server was not tried because of --offline"
expect_not "The check after the change will show" \
	"step 5 promises no check that will not happen"
keys a
expect "step 6 of 7: Apply and check again" "step 6"
expect "The new settings look right. Only the settings were judged" \
	"step 6: only the settings were judged"
expect_not "No problem is left" "step 6 does not say no problem is left"
keys Enter
expect "step 7 of 7: Summary" "step 7"
expect "Only the settings were judged (offline): no server was tried." \
	"the summary says only the settings were judged"
keys Enter
wait_exit >/dev/null

# --plain: "p 1" is refused in words too, and no password line is read
rm -rf "$TMP/home"; home
printf '\np 1\nq\n' | HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 \
	"$MD" --plain --offline >"$TMP/out" 2>"$TMP/err"
if grep -qF "With --offline, maildoctor tries no server, so it does not ask" \
	"$TMP/out"; then ok "plain: p 1 is refused with a sentence"; else
	fail "plain: no refusal"; sed 's/^/  | /' "$TMP/out"; fi
if grep -qF "Type the password" "$TMP/out"; then
	fail "plain: the password is asked for offline"; else
	ok "plain: no password asked for"; fi

# a healthy profile: step 4 does not speak of servers that answered
rm -rf "$TMP/home"; home
sed -i 's/"mail.identity.id1.smtpServer", "smtp2"/"mail.identity.id1.smtpServer", "smtp1"/' \
	"$PREFS"
printf '\n1\n\n\n\n' | HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 \
	"$MD" --plain --offline >"$TMP/out" 2>"$TMP/err"
if grep -qF "servers that were tried answered" "$TMP/out"; then
	fail "healthy offline: servers said to have answered"; else
	ok "healthy offline: no server said to have answered"; fi
if grep -qF "1. No problem was found in the settings. Only the settings were judged" \
	"$TMP/out"; then ok "read aloud: only the settings were judged"; else
	fail "read aloud: no word of offline"; sed 's/^/  | /' "$TMP/out" | tail -20; fi
cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
finish
