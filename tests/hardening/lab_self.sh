# lab_self.sh — sourced by the hardening tests that run themselves inside
# the lab (test_hostile, test_secrets, test_tls): the outer half that starts
# the inner one and judges how it ended.
#
# lab_self SCENARIO SCRIPT DIR: runs `sh $ROOT/SCRIPT --inner` in the lab's
# SCENARIO with its output in DIR/log, prints that log, and returns 0 only
# when it ended "N passed, 0 failed" (a run that did not end so is one
# failure).
lab_self() {
	tests/lab/lab run "$1" sh "$ROOT/$2" --inner >"$3/log" 2>&1
	rc=$?
	cat "$3/log"
	if ! grep -qE '^[0-9]+ passed, [0-9]+ failed' "$3/log"; then
		echo "FAIL the lab run did not finish (exit $rc)"
		echo "0 passed, 1 failed"
		return 1
	fi
	grep -q '^[0-9]* passed, 0 failed' "$3/log"
}
