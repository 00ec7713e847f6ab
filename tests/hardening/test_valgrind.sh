#!/bin/sh
# test_valgrind.sh — the lab suites under valgrind's memcheck (issue 9):
# tests/lab-probe and tests/lab-diag run with maildoctor (the release
# build) wrapped in valgrind, each process writing its own log; every
# suite's own checks must pass and every log must say "ERROR SUMMARY: 0
# errors" with no definitely or indirectly lost block (leaks count as
# errors here). The suites' wall-time and RSS bounds are not judged under
# valgrind (MD_UNDER_VALGRIND; the suites' own runs judge them). First a
# canary that leaks and reads uninitialised memory must be caught by the
# same wrapper and log reading, so that a silent valgrind cannot pass for a
# clean one. Needs root, the lab and valgrind.
# Usage: tests/hardening/test_valgrind.sh  (VALGRIND_PROBE / VALGRIND_DIAG:
# the scenarios of each suite, default all of them). Ends "N passed, N
# failed" and a "figures:" line.
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
REL=$ROOT/build/maildoctor
VG=$ROOT/build/valgrind
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }

if ! command -v valgrind >/dev/null; then
	echo "!!! valgrind is not installed: memcheck did NOT run."
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -x "$REL" ]; then
	echo "!!! $REL is missing (make build/maildoctor)."
	echo "0 passed, 1 failed"
	exit 1
fi
rm -rf "$VG"
mkdir -p "$VG/logs" "$VG/canary-logs"

# wrap NAME PROGRAM: a script NAME that runs PROGRAM under memcheck, one
# log per process in the folder named by its second argument.
wrap() {
	cat >"$VG/$1" <<EOF
#!/bin/sh
exec valgrind --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --num-callers=30 \\
	--log-file=$2/%p.log $3 "\$@"
EOF
	chmod +x "$VG/$1"
}

# verdict FOLDER: "LOGS ERRORS LOST_BYTES" summed over the logs in FOLDER;
# a log without an ERROR SUMMARY (valgrind died) counts as one error.
verdict() {
	logs=0
	errs=0
	lost=0
	for l in "$1"/*.log; do
		[ -f "$l" ] || continue
		logs=$((logs + 1))
		e=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$l" |
			tr -d , | tail -n 1)
		errs=$((errs + ${e:-1}))
		for kind in definitely indirectly; do
			b=$(sed -n "s/.*$kind lost: \([0-9,]*\) bytes.*/\1/p" "$l" |
				tr -d , | tail -n 1)
			lost=$((lost + ${b:-0}))
		done
	done
	echo "$logs $errs $lost"
}

# ---- the canary: a leak and a read of uninitialised memory ----------------
cat >"$VG/canary.c" <<'EOF'
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	char *kept = malloc(64);   /* never freed: definitely lost */
	int *unset = malloc(sizeof *unset);
	(void)argv;
	strcpy(kept, "leak");
	if (*unset == argc)        /* uninitialised value decides a jump */
		kept[0] = 'L';
	kept = NULL;
	free(unset);
	return 0;
}
EOF
if cc -O0 -g -o "$VG/canary-bin" "$VG/canary.c"; then
	wrap canary-vg "$VG/canary-logs" "$VG/canary-bin"
	"$VG/canary-vg" >/dev/null 2>&1
	set -- $(verdict "$VG/canary-logs")
	if [ "$1" -eq 1 ] && [ "$2" -ge 2 ] && [ "$3" -ge 64 ]; then
		ok "canary: memcheck catches a leak and an uninitialised read ($2 errors, $3 bytes lost)"
	else
		bad "canary not caught: logs=$1 errors=$2 lost=$3"
	fi
else
	bad "canary: could not compile"
fi

# ---- the lab suites ------------------------------------------------------
wrap maildoctor-vg "$VG/logs" "$REL"
suites=0
checks=0
start=$(date +%s)
# run SUITE SCENARIOS…: one lab suite with maildoctor under memcheck.
run() {
	script=$1
	shift
	log=$VG/$(basename "$(dirname "$script")").log
	MD_UNDER_VALGRIND=1 MAILDOCTOR_BIN=$VG/maildoctor-vg sh "$script" "$@" \
		>"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
	suites=$((suites + 1))
	checks=$((checks + ${p:-0}))
	if [ "$rc" -eq 0 ] && [ "${f:-1}" = 0 ] && [ "${p:-0}" -gt 0 ]; then
		ok "$script ${*:-(all scenarios)} under valgrind: $line"
	else
		bad "$script ${*:-(all scenarios)} under valgrind: ${line:-no result} (see $log)"
		grep -E '^(FAIL|!!!)' "$log" | head -n 10
	fi
}
# shellcheck disable=SC2086 # scenario lists
run tests/lab-probe/run.sh ${VALGRIND_PROBE:-}
# shellcheck disable=SC2086
run tests/lab-diag/run.sh ${VALGRIND_DIAG:-}
secs=$(($(date +%s) - start))

set -- $(verdict "$VG/logs")
logs=$1 errs=$2 lost=$3
if [ "$logs" -gt 0 ] && [ "$errs" -eq 0 ] && [ "$lost" -eq 0 ]; then
	ok "memcheck: $logs maildoctor processes, 0 errors, 0 bytes lost"
else
	bad "memcheck: $logs processes, $errs errors, $lost bytes lost"
	for l in "$VG/logs"/*.log; do
		grep -q 'ERROR SUMMARY: 0 errors' "$l" && continue
		echo "--- $l"
		grep -E '^==[0-9]+== (Command|[A-Z].*(Invalid|uninit|lost|jump))|^==[0-9]+==    (at|by) ' "$l" | head -n 25
	done
fi
echo "figures: valgrind processes=$logs errors=$errs lost_bytes=$lost suites=$suites checks=$checks seconds=$secs"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
