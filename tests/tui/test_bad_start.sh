#!/bin/sh
# Starting in a bad place: an unknown TERM gets the plain lines (as
# TERM=dumb does), not an internal error; a --profile that cannot be read
# ends the full-screen wizard before it starts, with one sentence and
# exit 2, as check does.
. "$(dirname "$0")/lib.sh"
home
start TERM=no-such-terminal -- --offline
expect "== Step 1 of 7: Welcome ==" "unknown TERM: plain lines"
keys q Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "unknown TERM: q leaves with 0" || fail "unknown TERM: exit $rc"
expect_not "internal" "no internal error"
tmux_ kill-server

mkdir -p "$TMP/dirp/prefs.js" "$TMP/empty" "$TMP/bin"
: >"$TMP/empty/prefs.js"
printf '\177ELF\002\001\001\000\000' >"$TMP/bin/prefs.js"
for p in "$TMP/nonexist" "$TMP/home/.thunderbird/profiles.ini" "$TMP/dirp" \
	"$TMP/empty" "$TMP/bin"; do
	start -- --offline --profile "$p"
	rc=$(wait_exit)
	[ "$rc" = 2 ] && ok "$p: exit 2" || fail "$p: exit $rc"
	expect "maildoctor: $p" "$p: the sentence stays"
	expect_not "Welcome" "$p: no wizard started"
	tmux_ kill-server
done
finish
