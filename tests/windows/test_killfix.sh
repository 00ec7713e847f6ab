#!/bin/sh
# test_killfix.sh — crash-safe writes of maildoctor.exe's `fix --apply`
# (issue 17: temp file in the same folder, FlushFileBuffers, ReplaceFileW):
# the Windows process is ended with SIGKILL (as TerminateProcess would) at
# random moments spread over twice a clean run, KILLFIX_WIN_RUNS times (60); after
# each, prefs.js must be the old or the new bytes, every backup the old
# bytes, a new prefs.js must have its backup and journal, and the next run
# (undo when the fix landed, else apply) must succeed and leave no temporary
# file. Run by tests/windows/run.sh; prints ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
RUNS=${KILLFIX_WIN_RUNS:-60}
SEED=${HARDENING_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
FIXID=use-mail.shirao.example-587
FIXTURE=tests/fixtures/tb/s4/.thunderbird
echo "seed $SEED"

fresh() {
	rm -rf "${TMP:?}/$1"
	cp -R "$FIXTURE" "$TMP/$1"
	dirname "$(find "$TMP/$1" -name prefs.js | head -n 1)"
}
OLD=$TMP/old.js NEW=$TMP/new.js
D=$(fresh clean)
cp "$D/prefs.js" "$OLD"
expect_rc 0 "a clean fix --apply" "$MD" fix --apply $FIXID --offline --profile "$TMP/clean"
cp "$D/prefs.js" "$NEW"
cmp -s "$OLD" "$NEW" && { fail "the fix does not change prefs.js"; finish; exit; }

# The longest of three clean runs, in ms: the kills are spread over it.
ms_now() { date +%s%N | cut -c1-13; }
RUNMS=0
for i in 1 2 3; do
	fresh t >/dev/null
	s=$(ms_now)
	"$MD" fix --apply $FIXID --offline --profile "$TMP/t" >/dev/null 2>&1
	e=$(($(ms_now) - s))
	[ "$e" -gt "$RUNMS" ] && RUNMS=$e
done
echo "a clean run takes $RUNMS ms"

corrupt=0 landed=0 before=0
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	# a moment in [0, 2 x RUNMS] ms, from the seed and the run's number:
	# twice the clean run, so that kills still land on both sides of the
	# replace when the machine is busier than while RUNMS was measured
	at=$(( (SEED / 7 + i * 7919) % (2 * RUNMS + 1) ))
	d=$(fresh k)
	timeout -s KILL "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))" \
		"$MD" fix --apply $FIXID --offline --profile "$TMP/k" >"$TMP/k.out" 2>&1
	rc=$?
	why=""
	# 137: killed; 1 too when wine itself was ended while starting (the
	# files are then untouched, which the checks below hold)
	if [ "$rc" != 0 ] && [ "$rc" != 137 ] &&
		! { [ "$rc" = 1 ] && cmp -s "$d/prefs.js" "$OLD"; }; then
		why="$why exit $rc;"
	fi
	if ! cmp -s "$d/prefs.js" "$OLD" && ! cmp -s "$d/prefs.js" "$NEW"; then
		why="$why prefs.js is neither old nor new;"
	fi
	for f in "$d"/*.bak; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$OLD" || why="$why backup $(basename "$f") differs;"
	done
	if cmp -s "$d/prefs.js" "$NEW"; then
		landed=$((landed + 1))
		ls "$d" | grep -q '\.bak$' || why="$why new prefs.js without backup;"
		[ -f "$d/maildoctor-fixes.log" ] || why="$why new prefs.js without journal;"
		if ! "$MD" fix --undo --profile "$TMP/k" >"$TMP/r.out" 2>&1 ||
			! cmp -s "$d/prefs.js" "$OLD"; then
			why="$why undo after the kill failed;"
		fi
	else
		before=$((before + 1))
		if ! "$MD" fix --apply $FIXID --offline --profile "$TMP/k" >"$TMP/r.out" 2>&1 ||
			! cmp -s "$d/prefs.js" "$NEW"; then
			why="$why apply after the kill failed: $(head -c 300 "$TMP/r.out" | tr '\\' /);"
		fi
	fi
	ls -a "$d" | grep -q 'maildoctor-tmp' && why="$why a temporary file is left after the next run;"
	if [ -n "$why" ]; then
		corrupt=$((corrupt + 1)); fail "kill $i at $at ms:$why"
	else
		ok "kill $i at $at ms"
	fi
done
echo "figures: $RUNS kills, $corrupt corrupt, $landed after the new prefs.js, $before before it"
[ "$landed" -gt 0 ] && [ "$before" -gt 0 ] && ok "kills landed both before and after the replace" ||
	fail "the kills did not spread over the run ($landed after, $before before)"
finish
