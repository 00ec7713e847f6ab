#!/bin/sh
# A healthy result says so clearly: the S4 profile with its own server
# already chosen has nothing to fix; step 4 says so in words and with a
# symbol, there is no fix step, and the summary and exit status agree.
. "$(dirname "$0")/lib.sh"
home
sed -i 's/"mail.identity.id1.smtpServer", "smtp2"/"mail.identity.id1.smtpServer", "smtp1"/' \
	"$PREFS"
start -- --offline
expect "Welcome" "step 1"
keys Enter
expect "sends through mail.shirao.example" "step 2 shows the own server"
keys Enter
expect "All checks are done." "step 3"
keys Enter
expect "✓ Nothing wrong was found in the settings." "step 4 says it is healthy"
expect_not "Problem:" "no problem shown"
keys Enter
expect "step 7 of 7: Summary" "no fix step: straight to the summary"
expect "1. No problem was found in the settings. Only the settings were judged" \
	"read-aloud version says so, and that only the settings were judged"
expect "Nothing was changed." "nothing changed"
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0" || fail "exit status $rc"
finish
