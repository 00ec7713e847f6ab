#!/bin/sh
# A Thunderbird profile on a Windows drive seen from WSL (/mnt/c/…: here
# MAILDOCTOR_WSL_MNT points at a folder of the test's) belongs to Windows's
# Thunderbird: `fix` asks tasklist.exe (a stand-in on PATH, then one in
# <mnt>/c/Windows/System32, printing tests/fixtures/tasklist's answers),
# not Linux's process list. A CSV row of thunderbird.exe refuses the fix
# and the undo (prefs.js byte for byte); the INFO line, in English or
# translated, lets it through; no tasklist.exe, or one that fails, is
# "cannot tell": refused, unless --thunderbird-closed says it is closed.
# A Linux program named thunderbird does not count for such a profile.
. "$(dirname "$0")/lib.sh"
SRC=tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release
FIXT=$PWD/tests/fixtures/tasklist
export MAILDOCTOR_WSL_MNT="$TMP/mnt"
P="$MAILDOCTOR_WSL_MNT/c/Users/Haha/AppData/Roaming/Thunderbird/Profiles/k7xq2m1a.default-release"
mkdir -p "$(dirname "$P")" "$TMP/bin"
cp -r "$SRC" "$P"
ORIG="$TMP/orig.js"
cp "$P/prefs.js" "$ORIG"
ID=use-mail.shirao.example-587
SAVED_PATH=$PATH

# stand_in DIR ANSWER-FILE [STATUS]: a tasklist.exe that records its
# arguments and prints the answer.
stand_in() {
	mkdir -p "$1"
	cat >"$1/tasklist.exe" <<EOS
#!/bin/sh
printf '%s|' "\$@" >"$TMP/args"
cat "$2"
exit ${3:-0}
EOS
	chmod +x "$1/tasklist.exe"
}
unchanged() {
	cmp -s "$P/prefs.js" "$ORIG" && ok "$1: prefs.js untouched" || fail "$1: prefs.js changed"
}

stand_in "$TMP/bin" "$FIXT/running-en.csv"
export PATH="$TMP/bin:$SAVED_PATH"
expect_rc 2 "refused while tasklist shows thunderbird.exe" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
has "$TMP/err" "Thunderbird is running (process 10236)" "the refusal names Windows's process"
has "$TMP/args" "/FI|IMAGENAME eq thunderbird.exe|/FO|CSV|/NH|" "tasklist asked for thunderbird.exe, CSV, no header"
hasnt "$TMP/out" "Changed" "nothing said to be changed"
unchanged "a running Windows Thunderbird"
expect_rc 2 "--thunderbird-closed does not lift a running Thunderbird" \
	"$MD" fix --apply "$ID" --profile "$P" --offline --thunderbird-closed
unchanged "said closed while it runs"

# A Linux program named thunderbird is not Windows's Thunderbird.
stand_in "$TMP/bin" "$FIXT/none-ja-cp932.txt"
cp /bin/sleep "$TMP/thunderbird"
"$TMP/thunderbird" 600 & linux_tb=$!
expect_rc 0 "applied: tasklist's translated INFO line, a Linux thunderbird" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
kill "$linux_tb"; wait "$linux_tb" 2>/dev/null
has "$TMP/out" "Changed: " "says what changed"
cmp -s "$P/prefs.js" "$ORIG" && fail "prefs.js not changed" || ok "prefs.js changed"
NEW="$TMP/new.js"
cp "$P/prefs.js" "$NEW"

stand_in "$TMP/bin" "$FIXT/running-en.csv"
expect_rc 2 "undo refused while tasklist shows thunderbird.exe" "$MD" fix --undo --profile "$P"
cmp -s "$P/prefs.js" "$NEW" && ok "undo refused: prefs.js as the fix left it" || fail "undo changed prefs.js"

# No tasklist.exe anywhere: cannot tell.
rm -f "$TMP/bin/tasklist.exe"
expect_rc 2 "undo refused when tasklist.exe cannot be found" "$MD" fix --undo --profile "$P"
has "$TMP/err" "cannot tell whether Thunderbird runs on Windows" "says it cannot tell"
has "$TMP/err" "--thunderbird-closed" "names the option that says it is closed"
cmp -s "$P/prefs.js" "$NEW" && ok "cannot tell: prefs.js as the fix left it" || fail "cannot tell: prefs.js changed"
expect_rc 0 "undo with --thunderbird-closed" "$MD" fix --undo --profile "$P" --thunderbird-closed
unchanged "undo restores byte for byte"

# Where Windows keeps it, when it is not on PATH; a failing one.
stand_in "$MAILDOCTOR_WSL_MNT/c/Windows/System32" "$FIXT/running-en.csv" 1
expect_rc 2 "refused when tasklist.exe fails" "$MD" fix --apply "$ID" --profile "$P" --offline
has "$TMP/err" "status 1" "says how tasklist.exe ended"
unchanged "a failing tasklist.exe"
# One that hangs (WSL's interop can): ended by timeout(1) after 10 s.
cat >"$MAILDOCTOR_WSL_MNT/c/Windows/System32/tasklist.exe" <<'EOS'
#!/bin/sh
exec sleep 40
EOS
t0=$(date +%s)
expect_rc 2 "refused when tasklist.exe hangs" "$MD" fix --apply "$ID" --profile "$P" --offline
t1=$(date +%s)
has "$TMP/err" "did not answer within 10 seconds" "says tasklist.exe did not answer"
unchanged "a hanging tasklist.exe"
[ $((t1 - t0)) -lt 35 ] && ok "the hanging tasklist.exe was ended ($((t1 - t0)) s)" ||
	fail "fix waited $((t1 - t0)) s for a hanging tasklist.exe"
stand_in "$MAILDOCTOR_WSL_MNT/c/Windows/System32" "$FIXT/none-en.txt"
expect_rc 0 "applied: System32's tasklist.exe says none" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
cmp -s "$P/prefs.js" "$NEW" && ok "the same fix again" || fail "prefs.js differs from the first fix"
finish
