#!/bin/sh
# Step 1 at 80×24: one sentence of what happens and what does not, the
# keys on the bottom line, nothing wider than the terminal, and q leaves at
# once (nothing is pending) with status 0.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
expect "step 1 of 7: Welcome" "title with the step"
expect "No email is sent, and nothing is changed without asking you first." \
	"what will not happen"
case $(line 24) in
*"Enter go on"*"? help"*"q quit"*) ok "keys on the bottom line" ;;
*) fail "bottom line: $(line 24)" ;;
esac
[ "$(max_width)" -le 80 ] && ok "fits 80 columns" || fail "wider than 80"
keys q
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "q quits with 0" || fail "exit status $rc"
finish
