#!/bin/sh
# Colour only repeats what words and symbols say: with colours the finding
# is red and still reads "✗ Problem:"; with NO_COLOR set there is no colour
# at all, and the same words, symbols, bold and reverse remain.
. "$(dirname "$0")/lib.sh"
home
colours() { screen -e | grep -cE "$(printf '\033')\[(3[0-7]|9[0-7]|38;)"; }
start -- --offline
to_fix
keys Escape
expect "✗ Problem:" "the finding in words and symbol"
[ "$(colours)" -gt 0 ] && ok "colours used by default" || fail "no colour"
tmux_ kill-server
start NO_COLOR=1 -- --offline
to_fix
expect "a apply" "step 5 under NO_COLOR"
[ "$(colours)" = 0 ] && ok "no colour on step 5" || fail "colour under NO_COLOR"
keys Escape
expect "✗ Problem:" "the finding in words and symbol under NO_COLOR"
[ "$(colours)" = 0 ] && ok "no colour on step 4" || fail "colour under NO_COLOR"
screen -e | grep -qF "$(printf '\033')[1" && ok "bold kept" || fail "no bold"
keys q
expect "Quit maildoctor?" "q asks"
keys y
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "exit 1" || fail "exit status $rc"
finish
