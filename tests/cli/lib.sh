# lib.sh — helpers for the end-to-end command tests (sourced, not run).
# Each test script runs $MAILDOCTOR_BIN and fails at the first wrong thing.
set -u
MD=${MAILDOCTOR_BIN:-build/asan/maildoctor}
FAILS=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
ok() { echo "ok: $*"; }

# expect_rc WANT DESCRIPTION CMD... — run CMD, keep stdout/stderr in
# $TMP/out and $TMP/err, check the exit status.
expect_rc() {
	want=$1; what=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else
		fail "$what: exit $rc, wanted $want"; sed 's/^/  | /' "$TMP/err" | head -20; fi
}

# has FILE TEXT DESCRIPTION — FILE contains TEXT (fixed string).
has() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else
		fail "$3: no \"$2\" in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20; fi
}

hasnt() {
	if grep -qF -- "$2" "$1"; then fail "$3: unexpected \"$2\""; else ok "$3"; fi
}

# json_eq FILE PYEXPR VALUE — python3 evaluates PYEXPR on the JSON (as j).
json_eq() {
	got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1" 2>&1)
	if [ "$got" = "$3" ]; then ok "json $2 = $3"; else fail "json $2 = '$got', wanted '$3'"; fi
}

finish() { [ "$FAILS" -eq 0 ]; }
