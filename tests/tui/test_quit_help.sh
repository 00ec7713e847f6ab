#!/bin/sh
# q asks first when a change is waiting (n stays, Esc stays, y leaves with
# nothing changed); ? shows the keys of the current screen with their
# meaning and Esc returns to it.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
expect "Welcome" "step 1"
keys '?'
expect "Keys on this screen:" "? opens the help"
expect "Enter  Go on to the next step, or choose the marked line." "Enter explained"
expect "q      Leave maildoctor. When a change is waiting, it asks first." "q explained"
keys Escape
expect "step 1 of 7: Welcome" "Esc closes the help"
keys Enter
expect "Which account" "step 2"
keys '?'
expect "t      Type an email address instead of choosing one from the list." \
	"the help lists this screen's keys"
keys '?'
expect "step 2 of 7" "? closes the help too"
keys Escape Enter Enter
expect "All checks are done." "step 3"
keys Enter Enter Enter
expect "step 5 of 7: The fix" "step 5"
keys q
expect "Quit maildoctor?" "q asks while a change is waiting"
expect "The change shown has not been made." "and says why"
case $(line 24) in
*"y yes"*"n no"*) ok "the answers on the bottom line" ;;
*) fail "bottom line: $(line 24)" ;;
esac
keys n
expect "step 5 of 7: The fix" "n stays"
keys q
expect "Quit maildoctor?" "asked again"
keys Escape
expect "step 5 of 7: The fix" "Esc stays"
keys q
keys y
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "y leaves, exit 1 (problem left)" || fail "exit status $rc"
cmp -s "$PREFS" "$ORIG" && ok "nothing was changed" || fail "prefs.js changed"
finish
