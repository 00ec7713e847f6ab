#!/bin/sh
# An identity whose outgoing server does not exist cannot send: the wizard
# says so (never "Nothing wrong was found") and offers the server another
# identity of the account uses. user.js setting mail values is a finding
# in the wizard too, as in `check`. (multi/b2.home, offline)
. "$(dirname "$0")/lib.sh"
HOMEP=$PWD/tests/fixtures/tb/multi/.thunderbird/b2.home
rm -rf "$TMP/prof"; cp -r "$HOMEP" "$TMP/prof"

start -y 30 -- --offline --profile "$TMP/prof"
expect "Welcome" "step 1"
keys Enter
expect "<taro@club.example> — no outgoing server is set" "step 2 shows the missing server"
keys Down
keys Enter
expect "All checks are done." "the offline check ends"
keys Enter
expect "step 4 of 7: What we found" "step 4"
expect "Mail cannot go out: No outgoing server is set for" "the finding, as a blocker"
expect_not "Nothing wrong was found" "not called healthy"
expect "maildoctor can fix this." "a fix is offered"
keys d
expect "prefs.js line 6: identity taro@club.example: outgoing server smtp9" "d shows the setting"
keys Enter
expect "step 5 of 7: The fix" "step 5"
expect "Outgoing server  -    →  smtp.override.example" "the account's working server"
keys d
expect 'prefs.js: mail.identity.id2.smtpServer  "smtp9" → "smtp1"' "the exact line (details)"
keys s
expect "step 7 of 7: Summary" "skipped"
keys Enter
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "exit 1: the problem is left" || fail "exit status $rc"

start -y 30 -- --offline --profile "$TMP/prof"
expect "Welcome" "step 1 again"
keys Enter
expect "Which account" "step 2 again"
keys Enter
expect "All checks are done." "the check of taro@home.example ends"
keys Enter
expect "step 4 of 7: What we found" "step 4 again"
press_until "user.js sets mail settings of taro@home.example" Enter 3
expect "Take care: user.js sets mail settings of taro@home.example" "user.js is a finding in the wizard"
keys d
expect "user.js line 1: smtp1 hostname smtp.override.example" "d shows the user.js line"
keys q
rc=$(wait_exit)
[ "$rc" != none ] && ok "q leaves" || fail "the wizard did not end"
cmp -s "$TMP/prof/prefs.js" "$HOMEP/prefs.js" && ok "prefs.js untouched" || fail "prefs.js changed"
finish
