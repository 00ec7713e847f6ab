# lab.sh — sourced first by the wizard's lab tests (test_lab_*.sh): run in
# the lab or not at all. `in_lab SCENARIO "$@"` returns at once inside the
# lab (first argument "inside"); outside it skips without root (passing
# only with LAB_ALLOW_SKIP=1), else runs the script again inside SCENARIO
# and exits with its status, failing when the script did not reach its end
# (it writes to $MD_LAB_MARK there).
in_lab() {
	scenario=$1
	shift
	[ "${1:-}" = inside ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "!!! SKIPPED: the lab needs root (network namespaces)."
		[ "${LAB_ALLOW_SKIP:-}" = 1 ]
		exit
	fi
	cd "$(dirname "$0")/../.." || exit 3
	mark=$(mktemp)
	MD_LAB_MARK=$mark tests/lab/lab run "$scenario" sh "$0" inside
	rc=$?
	# the lab must really have run the test to its end
	[ -s "$mark" ] || { echo "FAIL: the test did not run in the lab"; rc=1; }
	rm -f "$mark"
	exit $rc
}
