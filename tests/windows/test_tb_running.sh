#!/bin/sh
# test_tb_running.sh — maildoctor.exe never writes a profile Windows's
# Thunderbird is using (issue 18): build/windows/tests/md_hold.exe holding
# the profile's parent.lock open with share mode 0 (as Thunderbird does,
# nsProfileLock.cpp), then a copy of it named thunderbird.exe running: each
# makes `fix --apply` and `fix --undo` refuse with the sentence, and leaves
# prefs.js byte for byte; parent.lock left behind once its holder is
# stopped (by pid) means nothing, and the same fix then goes in. Run by
# tests/windows/run.sh (its wine prefix); prints ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
HOLD=$PWD/build/windows/tests/md_hold.exe
[ -f "$HOLD" ] || { fail "no $HOLD (make check-windows builds it)"; finish; exit; }
SRC=tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release
P="$TMP/profile"
cp -r "$SRC" "$P"
ORIG="$TMP/orig.js"
cp "$P/prefs.js" "$ORIG"
ID=use-mail.shirao.example-587
unchanged() {
	cmp -s "$P/prefs.js" "$ORIG" && ok "$1: prefs.js untouched" || fail "$1: prefs.js changed"
	[ -e "$P/maildoctor-fixes.log" ] && fail "$1: a journal was written" || ok "$1: no journal"
}

# hold: md_hold.exe holding parent.lock, in $bg, once it says so.
# (a new output file each time: the shell truncates the old one only when
# the background child starts)
NHOLD=0
hold() {
	NHOLD=$((NHOLD + 1))
	held=$TMP/held.$NHOLD
	start_wine "$held" "$HOLD" hold "$(winepath -w "$P/parent.lock")" 300
	i=0
	while ! grep -q held "$held" 2>/dev/null && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q held "$held" && ok "md_hold.exe holds parent.lock ($NHOLD)" ||
		fail "md_hold.exe did not hold parent.lock: $(cat "$held")"
}

# start_wine OUT EXE ARGS...: a Windows program in the background; its pid
# (the wine process, which ends the Windows one with it) in $bg.
start_wine() {
	out=$1; shift
	wine "$@" >"$out" 2>&1 &
	bg=$!
}

hold
expect_rc 2 "fix --apply refused while parent.lock is held" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
has "$TMP/err" "Thunderbird is running" "the refusal says why"
hasnt "$TMP/out" "Changed" "nothing said to be changed"
unchanged "parent.lock held"
kill -KILL "$bg"; wait "$bg" 2>/dev/null
[ -f "$P/parent.lock" ] && ok "parent.lock stays after its holder ended" || fail "parent.lock is gone"

# thunderbird.exe running (a renamed md_hold.exe), no lock held
mkdir -p "$TMP/tb"
cp "$HOLD" "$TMP/tb/thunderbird.exe"
start_wine "$TMP/tb.out" "$TMP/tb/thunderbird.exe" sleep 300
i=0
until "$MD" fix --apply "$ID" --profile "$P" --offline >"$TMP/out" 2>"$TMP/err"; rc=$?; [ "$rc" -ne 0 ] || [ "$i" -ge 20 ]; do
	# applied before thunderbird.exe was up: undo, and try again
	"$MD" fix --undo --profile "$P" >/dev/null 2>&1; rm -f "$P/maildoctor-fixes.log" "$P"/*.bak
	sleep 0.5; i=$((i + 1))
done
[ "$rc" -eq 2 ] && ok "fix --apply refused while thunderbird.exe runs (exit 2)" || fail "fix --apply while thunderbird.exe runs: exit $rc"
has "$TMP/err" "Thunderbird is running (process" "the refusal names the process"
unchanged "thunderbird.exe running"
kill -KILL "$bg"; wait "$bg" 2>/dev/null
sleep 1

# neither: the lock file alone is no sign
expect_rc 0 "fix --apply once Thunderbird is closed (parent.lock still there)" \
	"$MD" fix --apply "$ID" --profile "$P" --offline
has "$TMP/out" "Changed: " "says what changed"
cmp -s "$P/prefs.js" "$ORIG" && fail "prefs.js not changed" || ok "prefs.js changed"
NEW="$TMP/new.js"
cp "$P/prefs.js" "$NEW"
hold
expect_rc 2 "fix --undo refused while parent.lock is held" "$MD" fix --undo --profile "$P"
has "$TMP/err" "Thunderbird is running" "the undo's refusal says why"
cmp -s "$P/prefs.js" "$NEW" && ok "undo refused: prefs.js as the fix left it" || fail "undo refused, yet prefs.js changed"
kill -KILL "$bg"; wait "$bg" 2>/dev/null
expect_rc 0 "fix --undo" "$MD" fix --undo --profile "$P"
cmp -s "$P/prefs.js" "$ORIG" && ok "undo restores prefs.js byte for byte" || fail "undo differs"
finish
