#!/bin/sh
# The wizard works under the usual terminal types: linux, xterm-256color,
# screen and tmux-256color — it draws step 1, goes on with Enter, back
# with Esc, and q leaves with the terminal given back.
. "$(dirname "$0")/lib.sh"
home
for term in linux xterm-256color screen tmux-256color; do
	start TERM=$term -- --offline
	expect "step 1 of 7: Welcome" "$term: step 1"
	keys Enter
	expect "step 2 of 7: Which account" "$term: Enter goes on"
	keys Down Up
	expect "> 1. Haha Shirao" "$term: arrows keep the choice"
	keys Escape
	expect "step 1 of 7" "$term: Esc goes back"
	keys q
	rc=$(wait_exit)
	[ "$rc" = 0 ] && ok "$term: q leaves with 0" || fail "$term: exit $rc"
	# the Linux console has no alternate screen: the last page stays
	[ "$term" = linux ] ||
		expect_not "step 1 of 7" "$term: the screen is given back"
	tmux_ kill-server
done
finish
