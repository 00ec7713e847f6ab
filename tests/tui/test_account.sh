#!/bin/sh
# Step 2: the accounts found, each as "name <address> — sends through
# host"; Esc and Backspace go back; t opens a field for an address, which
# is checked before going on.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
to_accounts
expect "> 1. Haha Shirao <haha@shirao.example> — sends through smtpa.jcom.zaq.ne.jp" \
	"the identity with its outgoing server, marked as chosen"
expect "t type an address" "t on the bottom line"
keys Escape
expect "step 1 of 7" "Esc goes back"
keys Enter
expect "step 2 of 7" "step 2 again"
keys BSpace
expect "step 1 of 7" "Backspace goes back"
keys Enter
keys t
expect "Email address:" "t opens the address field"
keys -l "not an address"
keys Enter
expect "That is not an email address." "a wrong address is refused"
keys Escape
expect "> 1. Haha Shirao" "Esc leaves the field"
keys t
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do keys BSpace; done
keys -l "someone@unknown-provider.example"
keys Enter
expect "This address is not in the mail programs found here" \
	"an unknown typed address is explained"
keys Escape Escape
expect "step 1 of 7" "back to the start"
keys q
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "q quits" || fail "exit status $rc"
finish
