#!/bin/sh
# Thunderbird still open: a does not change anything, the preview says why
# in words and stays; once Thunderbird is closed, a again applies.
. "$(dirname "$0")/lib.sh"
home
# Thunderbird's lock link names a pid that runs Thunderbird's executable:
# a copy of sleep named thunderbird stands in for it.
cp /bin/sleep "$TMP/thunderbird"
"$TMP/thunderbird" 600 & holder=$!
ln -s "127.0.0.1:+$holder" "$(dirname "$PREFS")/lock"
start -- --offline
to_fix
expect "step 5 of 7: The fix" "step 5"
keys a
expect "✗ Nothing was changed:" "the refusal in words"
expect "step 5 of 7: The fix" "still on the preview"
cmp -s "$PREFS" "$ORIG" && ok "prefs.js untouched" || fail "prefs.js changed"
kill $holder
rm -f "$(dirname "$PREFS")/lock"
keys a
expect "step 6 of 7: Apply and check again" "a again, after closing"
expect "✓ The change was made." "applied"
keys Enter Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0" || fail "exit status $rc"
finish
