#!/bin/sh
# run.sh — a small mutation runner (`make mutate`; not part of make check).
# Each line of mutants.txt (tab-separated) is one mutant:
#   file <TAB> exact original text <TAB> replacement <TAB> tests
# tests: test binaries (test_smtp), shell tests (cli/test_fix_owner.sh) and/or
# whole suites of tests/check.sh (suite:unit, suite:cli), space-separated; {NL} and {TAB} in the texts stand for a newline and a
# tab. For each mutant, in a scratch copy of the sources under
# build/mutate/tree: put the replacement in place of the original (which
# must occur exactly once in the file), build only what the tests need,
# run them (each under flock /tmp/md-test.lock and a time bound). A mutant
# is killed when a test fails. An original not found (or found twice), or
# a mutant that does not build, is said loudly and counted as not run.
# Prints "N of M mutants killed" and the survivors; exits 1 if any
# survived or did not run.
# Usage: tools/mutate/run.sh [mutants.txt] [first-line-pattern]
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
LIST=${1:-tools/mutate/mutants.txt}
ONLY=${2:-}
TREE=$ROOT/build/mutate/tree
ORIG=$ROOT/build/mutate/orig # the sources as they were at the start
LOG=$ROOT/build/mutate/log
TBOUND=${MUTATE_TIMEOUT:-180}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export MAILDOCTOR_BIN=$TREE/build/asan/maildoctor
start=$(date +%s)

mkdir -p "$TREE" "$LOG"
# The sources (not build/, not .git) into the copy; mtimes kept, so make
# rebuilds only what differs.
# A snapshot too: each mutant is undone from it, not from the working tree,
# which may change while the run goes on.
mkdir -p "$ORIG"
for dst in "$ORIG" "$TREE"; do
	if command -v rsync >/dev/null 2>&1; then
		rsync -a --delete --exclude /build --exclude /.git ./ "$dst"/ || exit 3
	else
		# no rsync: empty the copy but its build/ first (a file gone
		# from the sources must go from the copy too)
		find "$dst" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
		tar -cf - --exclude=./build --exclude=./.git . | tar -C "$dst" -xf - ||
			exit 3
	fi
done
# The copy's own build/ is kept between runs: only what changed rebuilds.
echo "building the unmutated copy (make -j2 asan-bin) ..."
if ! (cd "$TREE" && make -j2 asan-bin >"$LOG/base-build.log" 2>&1); then
	echo "!!! the unmutated copy does not build; see $LOG/base-build.log"
	exit 3
fi

# apply FILE ORIG REPL — 0 done, 2 not found, 3 found more than once.
apply() {
	python3 - "$TREE/$1" "$2" "$3" <<'PY'
import sys
path, orig, repl = (a.replace("{NL}", "\n").replace("{TAB}", "\t")
                    for a in sys.argv[1:4])
try:
    text = open(path, encoding="utf-8").read()
except OSError:
    sys.exit(2)
n = text.count(orig)
if n != 1:
    sys.exit(2 if n == 0 else 3)
open(path, "w", encoding="utf-8").write(text.replace(orig, repl, 1))
PY
}

# targets TESTS — the make targets the tests need.
targets() {
	for t in $1; do
		case $t in
		suite:*) echo asan-bin ;;
		*.sh) echo build/asan/maildoctor ;;
		*) echo "build/asan/tests/$t" ;;
		esac
	done | sort -u
}

# run_tests TESTS LOGFILE — 0 when every test passes.
run_tests() {
	for t in $1; do
		case $t in
		suite:*) cmd="sh tests/check.sh ${t#suite:}" ;;
		*.sh) cmd="sh tests/$t" ;;
		*) cmd="build/asan/tests/$t" ;;
		esac
		echo "### $cmd" >>"$2"
		# its own process group, ended after it: a mutant can leave a
		# forked child behind; flock -o: no child holds the lock
		(cd "$TREE" && exec setsid -w flock -o /tmp/md-test.lock \
			timeout --foreground -k 5 "$TBOUND" $cmd) >>"$2" 2>&1 &
		pid=$!
		wait "$pid"
		rc=$?
		kill -9 -- "-$pid" 2>/dev/null
		[ "$rc" -eq 0 ] || return 1
	done
	return 0
}

TOTAL=0 KILLED=0 NOTRUN=0
SURVIVORS="" NOTRUN_LIST=""
n=0
TAB=$(printf '\t')
while IFS="$TAB" read -r file orig repl tests; do
	case $file in ''|'#'*) continue ;; esac
	n=$((n + 1))
	[ -n "$ONLY" ] && ! printf '%s\n' "$file $orig" | grep -q -- "$ONLY" &&
		continue
	TOTAL=$((TOTAL + 1))
	name="#$n $file: '$orig' -> '$repl'"
	mlog="$LOG/mutant-$n.log"
	: >"$mlog"
	cp "$ORIG/$file" "$TREE/$file" 2>/dev/null
	apply "$file" "$orig" "$repl"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		why="original text not found"
		[ "$rc" -eq 3 ] && why="original text found more than once"
		printf '%s\n' "!!! NOT RUN $name: $why in $file"
		NOTRUN=$((NOTRUN + 1)); NOTRUN_LIST="$NOTRUN_LIST
  $name ($why)"
		continue
	fi
	if ! (cd "$TREE" && make -j2 $(targets "$tests")) >>"$mlog" 2>&1; then
		printf '%s\n' "!!! NOT RUN $name: the mutant does not build (see $mlog)"
		NOTRUN=$((NOTRUN + 1)); NOTRUN_LIST="$NOTRUN_LIST
  $name (does not build)"
	elif run_tests "$tests" "$mlog"; then
		printf '%s\n' "SURVIVED $name [$tests]"
		SURVIVORS="$SURVIVORS
  $name [$tests]"
	else
		printf '%s\n' "killed   $name"
		KILLED=$((KILLED + 1))
	fi
	cp "$ORIG/$file" "$TREE/$file" # the next build puts it back
done <"$LIST"

# Leave the copy's build matching the sources.
(cd "$TREE" && make -j2 asan-bin >>"$LOG/base-build.log" 2>&1)
RUN=$((TOTAL - NOTRUN))
secs=$(( $(date +%s) - start ))
[ -n "$SURVIVORS" ] && printf '%s\n' "survivors:$SURVIVORS"
[ -n "$NOTRUN_LIST" ] && printf '%s\n' "!!! NOT RUN ($NOTRUN):$NOTRUN_LIST"
pct=0
[ "$RUN" -gt 0 ] && pct=$((KILLED * 100 / RUN))
echo "$KILLED of $RUN mutants killed ($pct %), $NOTRUN not run, in ${secs} s"
[ "$KILLED" -eq "$RUN" ] && [ "$NOTRUN" -eq 0 ]
