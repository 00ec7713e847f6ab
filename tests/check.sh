#!/bin/sh
# check.sh — runs every part of the test suite that `make check` built and
# prints one closing line "N passed, N failed" (counting single tests).
# Usage: tests/check.sh [unit|cli|po|fuzz|tui|lab|labprobe|labdiag|hardening ...]
# (default: all parts)
set -u
cd "$(dirname "$0")/.." || exit 3

PASS=0
FAIL=0
NOTRUN=0
NOTRUN_PARTS=""
FAILED_PARTS=""
LOGDIR=build/test-logs
mkdir -p "$LOGDIR"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export MAILDOCTOR_BIN="$PWD/build/asan/maildoctor"

note_fail() { FAIL=$((FAIL + $1)); FAILED_PARTS="$FAILED_PARTS $2"; }

# cmocka binaries: count the tests each one reports.
run_unit() {
	for t in build/asan/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		log="$LOGDIR/$name.log"
		"$t" >"$log" 2>&1
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		PASS=$((PASS + ${p:-0}))
		if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
			note_fail "${f:-1}" "$name"
			echo "FAIL $name (see $log)"; tail -n 30 "$log"
		else
			echo "ok   $name (${p:-0} tests)"
		fi
	done
}

# Shell suites (tests/cli, tests/tui): each test_*.sh is one test; exit 77
# means it could not run here (it says why) and counts as not run.
run_scripts() {
	dir=$1
	for t in "$dir"/test_*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		log="$LOGDIR/$(basename "$dir")-$name.log"
		sh "$t" >"$log" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			PASS=$((PASS + 1)); echo "ok   $dir/$name"
		elif [ "$rc" -eq 77 ]; then
			NOTRUN=$((NOTRUN + 1)); NOTRUN_PARTS="$NOTRUN_PARTS $dir/$name"
			echo "!!! NOT RUN $dir/$name: $(grep -m1 'NOT RUN' "$log")"
		else
			note_fail 1 "$dir/$name"
			echo "FAIL $dir/$name (see $log)"; tail -n 30 "$log"
		fi
	done
}

# Translations: ja.po compiles, has every sentence of the sources, and has
# no fuzzy or untranslated entry.
run_po() {
	log="$LOGDIR/po.log"
	for po in assets/po/*.po; do
		stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
		echo "$po: $stats"
		if echo "$stats" | grep -Eq 'fuzzy|untranslated|error'; then
			note_fail 1 "po:$po"; continue
		fi
		if ! msgcmp --use-untranslated "$po" build/maildoctor.pot >"$log" 2>&1; then
			note_fail 1 "po:$po"; echo "FAIL $po lacks sentences:"; head -n 20 "$log"
			continue
		fi
		PASS=$((PASS + 1))
	done
	# the Japanese built into the program (_B) is ja.po's of today
	if make -s builtin-ja-check; then
		PASS=$((PASS + 1)); echo "ok   core/base/i18n_builtin_ja.c as ja.po gives it"
	else
		note_fail 1 "po:builtin-ja"
	fi
}

# libFuzzer targets: FUZZ_SECONDS each, on a copy of the seed corpus.
run_fuzz() {
	secs=${FUZZ_SECONDS:-4}
	for f in build/fuzz/bin/fuzz_*; do
		[ -x "$f" ] || continue
		name=$(basename "$f")
		seeds="tests/fuzz/corpus/${name#fuzz_}"
		work=$(mktemp -d)
		[ -d "$seeds" ] && cp -r "$seeds"/. "$work"/
		log="$LOGDIR/$name.log"
		if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$LOGDIR/$name-" "$work" >"$log" 2>&1; then
			runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -n 1)
			PASS=$((PASS + 1)); echo "ok   $name ($runs in ${secs}s)"
		else
			note_fail 1 "$name"; echo "FAIL $name (see $log)"; tail -n 30 "$log"
		fi
		rm -rf "$work"
	done
}

run_lab() {
	if [ "$(id -u)" != 0 ]; then
		echo "!!! LAB SKIPPED: not root; the lab needs network namespaces."
		echo "!!! The probe tests against real servers did NOT run."
		return
	fi
	[ -f tests/lab/lab.mk ] || return
	log="$LOGDIR/lab.log"
	make --no-print-directory lab-check >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
	PASS=$((PASS + ${p:-0}))
	if [ "$rc" -ne 0 ] || [ "${f:-1}" != 0 ]; then
		note_fail "${f:-1}" lab; echo "FAIL lab (see $log)"; tail -n 40 "$log"
	else
		echo "ok   lab (${p:-0} checks)"
	fi
}

# Suites that bring up the lab themselves and end with "N passed, N failed".
run_lab_suite() {
	script=$1
	[ -f "$script" ] || return
	name=$(basename "$(dirname "$script")")
	if [ "$(id -u)" != 0 ]; then
		echo "!!! $name SKIPPED: not root; the lab needs network namespaces."
		return
	fi
	log="$LOGDIR/$name.log"
	sh "$script" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
	PASS=$((PASS + ${p:-0}))
	if [ "$rc" -ne 0 ] || [ "${f:-1}" != 0 ]; then
		note_fail "${f:-1}" "$name"; echo "FAIL $name (see $log)"; tail -n 40 "$log"
	else
		echo "ok   $name (${p:-0} checks)"
	fi
}

# Hardening (tests/hardening, issue 9): each test_*.sh ends with
# "N passed, N failed"; their figures are kept for `make reliability`.
run_hardening() {
	for script in tests/hardening/test_*.sh; do
		[ -f "$script" ] || continue
		name=hardening-$(basename "$script" .sh)
		log="$LOGDIR/$name.log"
		sh "$script" >"$log" 2>&1
		rc=$?
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
		p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
		f=$(echo "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
		PASS=$((PASS + ${p:-0}))
		if [ "$rc" -ne 0 ] || [ "${f:-1}" != 0 ]; then
			note_fail "${f:-1}" "$name"; echo "FAIL $name (see $log)"
			tail -n 40 "$log"
		else
			echo "ok   $name (${p:-0} checks)"
		fi
	done
}

parts=${*:-unit cli po fuzz tui lab labprobe labdiag hardening}
for part in $parts; do
	case $part in
	unit) run_unit ;;
	cli) run_scripts tests/cli ;;
	tui) run_scripts tests/tui ;;
	po) run_po ;;
	fuzz) run_fuzz ;;
	lab) run_lab ;;
	labprobe) run_lab_suite tests/lab-probe/run.sh ;;
	labdiag) run_lab_suite tests/lab-diag/run.sh ;;
	hardening) run_hardening ;;
	*) echo "unknown part: $part"; exit 2 ;;
	esac
done

[ -n "$FAILED_PARTS" ] && echo "failed:$FAILED_PARTS"
[ -n "$NOTRUN_PARTS" ] && echo "not run:$NOTRUN_PARTS"
if [ "$NOTRUN" -gt 0 ]; then
	echo "$PASS passed, $FAIL failed, $NOTRUN not run"
else
	echo "$PASS passed, $FAIL failed"
fi
[ "$FAIL" -eq 0 ]
