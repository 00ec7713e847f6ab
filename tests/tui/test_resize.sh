#!/bin/sh
# Resizing: the page is laid out again for the new size at once (title on
# the first line, keys on the last, text wrapped to the width), larger and
# back to 80×24, with no rest of the old layout left on the screen.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
to_fix
expect "step 5 of 7: The fix" "step 5 at 80×24"
tmux_ resize-window -t 0 -x 120 -y 40
sleep 0.5
case $(line 40) in
*"a apply"*"s skip"*"q quit"*) ok "keys on line 40 after growing" ;;
*) fail "line 40: $(line 40)"; screen ;;
esac
expect "step 5 of 7: The fix" "title still on top"
expect "Encryption       encrypted from the start  →  encrypted once connected" \
	"the table redrawn"
expect "! With --offline no server was tried, so whether this server works is not known. To try it, run maildoctor again" \
	"text rewrapped to 120 columns"
[ "$(max_width)" -le 120 ] && ok "fits 120 columns" || fail "too wide"
keys d
expect "copies: prefs.js.maildoctor-DATE-TIME.bak" "details fit at 120×40"
keys d
tmux_ resize-window -t 0 -x 80 -y 24
sleep 0.5
case $(line 24) in
*"a apply"*"s skip"*"q quit"*) ok "keys on line 24 after shrinking" ;;
*) fail "line 24: $(line 24)"; screen ;;
esac
[ "$(max_width)" -le 80 ] && ok "fits 80 columns again" || fail "too wide"
[ "$(screen | wc -l)" -le 24 ] && ok "24 lines" || fail "more than 24 lines"
expect "  ! With --offline no server was tried, so whether this server works is not" \
	"text rewrapped to 80 columns"
tmux_ resize-window -t 0 -x 20 -y 6
sleep 0.5
expect "larger." "a window too small says so"
tmux_ resize-window -t 0 -x 30 -y 10
sleep 0.5
expect "at least 40" "how large it must be"
expect "(now 30 × 10)" "and how large it is"
expect "q quit" "and that q still quits"
keys s # s would skip the fix: it waits for the resize like any key but q
expect "larger." "other keys wait for the resize"
tmux_ resize-window -t 0 -x 80 -y 24
sleep 0.5
expect "step 5 of 7: The fix" "back to normal"
keys s
expect "step 7 of 7: Summary" "still working after the resizes"
keys Enter
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "exit 1" || fail "exit status $rc"
finish
