# lib.sh — helpers for the wizard's terminal tests (sourced, not run): a
# private tmux server per test (never another one), keys sent with
# send-keys, screens read with capture-pane.
set -u
cd "$(dirname "$0")/../.." || exit 3
MD=${MAILDOCTOR_BIN:-$PWD/build/asan/maildoctor}
case $MD in /*) ;; *) MD=$PWD/$MD ;; esac
FIXTURE=$PWD/tests/fixtures/tb/s4
FAILS=0
TMP=$(mktemp -d)
SOCK_BASE="md-tui-$$-$(basename "$0" .sh)"
SOCK=$SOCK_BASE-0
SOCKS=""
N_SOCK=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
tmux_() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
	for s in $SOCKS; do tmux -L "$s" kill-server 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
ok() { echo "ok: $*"; }
finish() {
	if [ -s "$TMP/asan" ]; then fail "sanitizer report"; cat "$TMP/asan"; fi
	[ "$FAILS" -eq 0 ]
}

# home — a copy of the S4 fixture as a home folder: $TMP/home/.thunderbird
home() {
	mkdir -p "$TMP/home"
	cp -r "$FIXTURE/.thunderbird" "$TMP/home/"
	PREFS=$(ls "$TMP"/home/.thunderbird/Profiles/*/prefs.js)
	ORIG=$(ls "$FIXTURE"/.thunderbird/Profiles/*/prefs.js)
}

# start [-x COLS] [-y ROWS] [VAR=VALUE…] -- ARGS… — run the wizard in a
# new private tmux server ($RUN_IN before it, e.g. "ip netns exec NS");
# its exit status goes to $TMP/rc.
start() {
	cols=80 rows=24
	while [ $# -gt 0 ]; do
		case $1 in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		*) break ;;
		esac
	done
	envs="HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 TERM=xterm-256color"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ $# -gt 0 ] && shift
	rm -f "$TMP/rc"
	# a new server (and socket) for every start: a server just killed
	# may still hold its socket
	N_SOCK=$((N_SOCK + 1))
	SOCK=$SOCK_BASE-$N_SOCK
	SOCKS="$SOCKS $SOCK"
	# shellcheck disable=SC2086
	tmux_ new-session -d -x "$cols" -y "$rows" \
		"${RUN_IN:-} env -i PATH=$PATH ASAN_OPTIONS=$ASAN_OPTIONS:log_path=$TMP/asan.log $envs $MD $*; echo \$? > $TMP/rc; sleep 600"
}

# screen [-e] — the visible screen now (-e: with colour escapes).
screen() { tmux_ capture-pane -p "$@" -t 0; }

# wait_for TEXT [SECONDS] — until TEXT is on the screen; 1 when not.
wait_for() {
	n=$(( ${2:-10} * 10 ))
	while [ $n -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# expect TEXT DESCRIPTION — TEXT appears within 10 s.
expect() {
	if wait_for "$1" "${3:-10}"; then ok "$2"; else
		fail "$2: no \"$1\" on the screen"; screen | sed 's/^/  | /'; fi
}

# expect_not TEXT DESCRIPTION — TEXT is not on the screen now.
expect_not() {
	if screen | grep -qF -- "$1"; then
		fail "$2: \"$1\" on the screen"; screen | sed 's/^/  | /'
	else ok "$2"; fi
}

keys() { tmux_ send-keys -t 0 "$@"; sleep 0.3; }

# wait_exit [SECONDS] — until the wizard has ended; prints its status.
wait_exit() {
	n=$(( ${1:-10} * 10 ))
	while [ $n -gt 0 ] && [ ! -s "$TMP/rc" ]; do sleep 0.1; n=$((n - 1)); done
	cat "$TMP/rc" 2>/dev/null || echo none
	cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
}

# line N — line N (1-based) of the screen.
line() { screen | sed -n "${1}p"; }

# widths — python: check every screen line fits COLS display columns and
# print the display column of CHAR on each line having it.
columns_of() {
	screen >"$TMP/scr"
	python3 - "$TMP/scr" "$1" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
text = open(sys.argv[1], encoding='utf-8').read().split('\n')
for l in text:
    i = l.find(sys.argv[2])
    if i >= 0:
        print(width(l[:i]))
PY
}

max_width() {
	screen >"$TMP/scr"
	python3 - "$TMP/scr" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
print(max(width(l) for l in open(sys.argv[1], encoding='utf-8').read().split('\n')))
PY
}

# to_accounts — from the start to step 2, the accounts (each step said as
# passed).
to_accounts() {
	expect "Welcome" "step 1"
	keys Enter
	expect "step 2 of 7: Which account" "step 2"
}

# to_fix — from the start of an S4 run to the fix preview (step 5).
to_fix() {
	expect "Welcome" "step 1" >/dev/null
	keys Enter; wait_for "Which account" || fail "no step 2"
	keys Enter; wait_for "All checks are done" || fail "no end of step 3"
	keys Enter; wait_for "1 of 2" || wait_for "1 / 2" || fail "no step 4"
	press_until "step 5 of 7" Enter
}

# press_until TEXT KEY [TIMES] — press KEY until TEXT is on the screen.
press_until() {
	n=${3:-10}
	while [ "$n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		keys "$2"
		sleep 0.2
		n=$((n - 1))
	done
	wait_for "$1" 1
}
