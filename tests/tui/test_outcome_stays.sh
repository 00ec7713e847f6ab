#!/bin/sh
# When the full-screen wizard ends, what matters stays on the terminal
# after the screen is given back: what changed, the undo command on a line
# of its own (naming a --profile with spaces and Japanese, quoted so that
# it pastes back), and the report's path. The undo command read off the
# terminal, run as shown, restores prefs.js byte for byte.
. "$(dirname "$0")/lib.sh"
home
dir="$TMP/設定 の プロファイル"
mv "$(dirname "$PREFS")" "$dir"
rm -rf "$TMP/home/.thunderbird"
start -- --offline --profile "'$dir'"
expect "Welcome" "step 1"
keys Enter; expect "Which account" "step 2"
keys Enter; expect "All checks are done." "step 3 done"
keys Enter; expect "What we found" "step 4"
press_until "step 5 of 7" Enter
keys a
expect "step 6 of 7: Apply and check again" "step 6"
expect "The change was made." "applied"
keys Enter
expect "step 7 of 7: Summary" "step 7"
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0" || fail "exit $rc"
tmux_ capture-pane -p -J -t 0 >"$TMP/after"
expect_not "step 7 of 7" "the full screen is gone"
grep -qF "haha@shirao.example now sends through mail.shirao.example, port 587." "$TMP/after" &&
	ok "what changed stays" || fail "what changed is gone"
grep -qF "saved in $TMP/maildoctor-report-" "$TMP/after" &&
	ok "the report's path stays" || fail "no report path after the end"
undo=$(grep -A1 -F "How to undo it:" "$TMP/after" | sed -n 2p | sed 's/^ *//')
case $undo in
"maildoctor fix --undo --profile '$dir'") ok "the undo command stays, quoted, alone on its line" ;;
*) fail "undo line: '$undo'"; sed 's/^/  | /' "$TMP/after" ;;
esac
mkdir -p "$TMP/bin"; ln -s "$MD" "$TMP/bin/maildoctor"
HOME=$TMP/home PATH=$TMP/bin:$PATH sh -c "$undo" >"$TMP/undo.out" 2>&1 &&
	ok "the undo command runs as shown" || { fail "undo failed"; cat "$TMP/undo.out"; }
cmp -s "$dir/prefs.js" "$ORIG" && ok "it restores prefs.js byte for byte" ||
	fail "prefs.js differs after undo"
finish
