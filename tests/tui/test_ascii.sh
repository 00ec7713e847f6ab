#!/bin/sh
# Terminals without UTF-8: in a non-UTF-8 locale every character drawn is
# ASCII (OK/NG for ✓/✗, -> for →, - for —); on the Linux console (TERM=linux,
# UTF-8 locale) the symbols are OK/NG too, as its fonts lack ✓ and ✗.
. "$(dirname "$0")/lib.sh"
home
ascii_only() { screen | LC_ALL=C grep -q '[^ -~]' && return 1; return 0; }
start LANG=C LC_ALL=C TERM=xterm -- --offline
expect "step 1 of 7: Welcome" "step 1 in the C locale"
ascii_only && ok "step 1 is ASCII" || { fail "non-ASCII on step 1"; screen; }
keys Enter
expect "> 1. Haha Shirao <haha@shirao.example> - sends through smtpa.jcom.zaq.ne.jp" \
	"step 2 with an ASCII dash"
expect "^v choose" "arrow keys named in ASCII"
ascii_only && ok "step 2 is ASCII" || { fail "non-ASCII on step 2"; screen; }
keys Enter
expect "All checks are done." "step 3"
keys Enter
expect "NG Problem:" "NG instead of the cross"
ascii_only && ok "step 4 is ASCII" || { fail "non-ASCII on step 4"; screen; }
keys Enter Enter
expect "Outgoing server  smtpa.jcom.zaq.ne.jp      ->  mail.shirao.example" \
	"-> instead of the arrow"
ascii_only && ok "step 5 is ASCII" || { fail "non-ASCII on step 5"; screen; }
keys a
expect "OK The change was made." "OK instead of the tick"
ascii_only && ok "step 6 is ASCII" || { fail "non-ASCII on step 6"; screen; }
keys Enter
expect "step 7 of 7: Summary" "step 7"
ascii_only && ok "step 7 is ASCII" || { fail "non-ASCII on step 7"; screen; }
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0 after the fix" || fail "exit status $rc"
tmux_ kill-server

home
rm -rf "$TMP/home" && home
start TERM=linux -- --offline
to_fix
keys Escape
expect "NG Problem:" "TERM=linux: NG instead of the cross"
keys q
keys y
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "TERM=linux: exit 1" || fail "exit status $rc"
finish
