#!/bin/sh
# fix --apply while Thunderbird runs: the refusal comes alone (no line that
# looks like a change), a non-zero exit, prefs.js untouched; once it is
# closed the same command changes the settings and says what changed; a
# stale lock link to a pid that is not Thunderbird does not block.
. "$(dirname "$0")/lib.sh"
SRC=tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release
P="$TMP/profile"
cp -r "$SRC" "$P"
ORIG="$TMP/orig.js"
cp "$P/prefs.js" "$ORIG"
ID=use-mail.shirao.example-587

cp /bin/sleep "$TMP/thunderbird"
"$TMP/thunderbird" 600 & holder=$!
ln -s "127.0.0.1:+$holder" "$P/lock"
"$MD" fix --apply "$ID" --profile "$P" --offline >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -ne 0 ] && ok "refused (exit $rc)" || fail "applied while Thunderbird runs"
has "$TMP/err" "Thunderbird is running" "the refusal says why"
hasnt "$TMP/out" "->" "no change line before the refusal"
hasnt "$TMP/out" "Changed" "nothing said to be changed"
cmp -s "$P/prefs.js" "$ORIG" && ok "prefs.js untouched" || fail "prefs.js changed"
kill "$holder"; wait "$holder" 2>/dev/null

# The link stays after Thunderbird ends (a crash): it no longer counts,
# nor when its pid is reused by another program.
sleep 600 & other=$!
rm -f "$P/lock"; ln -s "127.0.0.1:+$other" "$P/lock"
expect_rc 0 "applied with a stale lock link" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
kill "$other"; wait "$other" 2>/dev/null
has "$TMP/out" "Changed: " "says what changed"
has "$TMP/out" "mail.identity.id1.smtpServer: \"smtp2\" -> \"smtp1\"" "the change line"
cmp -s "$P/prefs.js" "$ORIG" && fail "prefs.js not changed" || ok "prefs.js changed"
expect_rc 0 "undo" "$MD" fix --undo --profile "$P"
cmp -s "$P/prefs.js" "$ORIG" && ok "undo restores prefs.js byte for byte" || fail "undo differs"
finish
