#!/bin/sh
# lab_s4_wizard.sh — `make bench` figure of the time to a verdict: in the
# lab's S4 (root only), the wizard from launch to the re-check's verdict
# after the fix, every key sent as soon as its screen is there (tmux).
# Prints the seconds and the keys; the baseline, measured in the same run,
# is the same walk with MAILDOCTOR_WAIT_ALL_PROBES=1 (every verdict waits
# for every probe, as before). Aim: ≤ 3 s in ≤ 7 keys. Never fails on
# speed; fails when a walk does not reach its verdict.
# Usage: tests/bench/lab_s4_wizard.sh [BINARY]   (default build/maildoctor)
set -u
cd "$(dirname "$0")/../.." || exit 3
if [ "${1:-}" != inside ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "lab S4 wizard: SKIPPED (the lab needs root)"
		exit 0
	fi
	MD_BENCH_BIN=${1:-build/maildoctor} exec tests/lab/lab run S4 \
		sh "$0" inside
fi
MD=$PWD/${MD_BENCH_BIN:-build/maildoctor}
case $MD_BENCH_BIN in /*) MD=$MD_BENCH_BIN ;; esac
TMP=$(mktemp -d)
SOCK="md-bench-$$-0"
tmux_() { tmux -L "$SOCK" -f /dev/null "$@"; }
# every walk's own server, by its socket
cleanup() {
	for i in 1 2; do tmux -L "md-bench-$$-$i" kill-server 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
now() { date +%s.%N; }
on_screen() { tmux_ capture-pane -p -t 0 | grep -qF -- "$1"; }

# wait_for TEXT — poll the screen every 20 ms, up to 60 s.
wait_for() {
	n=3000
	while [ $n -gt 0 ]; do
		on_screen "$1" && return 0
		sleep 0.02
		n=$((n - 1))
	done
	echo "  no \"$1\" on the screen:"
	tmux_ capture-pane -p -t 0 | sed 's/^/  | /'
	return 1
}

KEYS=0
# title — the screen's first line without the elapsed time.
title() {
	tmux_ capture-pane -p -t 0 | head -n 1 | sed -E 's/[0-9]+\.[0-9] s *$//'
}
# key KEY — send it, then wait until the screen is another one (title).
key() {
	old=$(title)
	tmux_ send-keys -t 0 "$1"
	KEYS=$((KEYS + 1))
	n=3000
	while [ $n -gt 0 ] && [ "$(title)" = "$old" ]; do
		sleep 0.01
		n=$((n - 1))
	done
}

# walk N ENV — run N from launch to the re-check's verdict (default
# timeouts) in its own tmux server; prints the seconds and the keys.
walk() {
	SOCK=md-bench-$$-$1
	shift
	rm -rf "$TMP/home"
	mkdir -p "$TMP/home"
	cp -r tests/fixtures/tb/s4/.thunderbird "$TMP/home/"
	KEYS=0
	t0=$(now)
	tmux_ new-session -d -x 80 -y 24 "ip netns exec $LAB_NS_CLIENT env -i \
PATH=$PATH HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 \
TERM=xterm-256color $1 $MD --resolver $LAB_RESOLVER --ca-file $LAB_CA; \
sleep 600" || return 1
	wait_for "Welcome" || return 1
	key Enter
	wait_for "Which account" || return 1
	key Enter
	wait_for "Press Enter to see what was found" || return 1
	key Enter
	# one Enter per finding, until the fix
	while ! on_screen "step 5 of 7: The fix"; do
		wait_for "step 4 of 7" || return 1
		key Enter
		[ $KEYS -gt 20 ] && { echo "  no step 5"; return 1; }
	done
	wait_for "Outgoing server  smtpa.jcom.zaq.ne.jp" || return 1
	key a
	wait_for "No problem is left: mail can go out" || return 1
	t1=$(now)
	tmux_ kill-server 2>/dev/null
	echo "$t0 $t1 $KEYS" | awk '{ printf "%.2f %d", $2 - $1, $3 }'
}

base=$(walk 1 MAILDOCTOR_WAIT_ALL_PROBES=1) || { echo "$base"; exit 1; }
new=$(walk 2 "") || { echo "$new"; exit 1; }
echo "lab S4, launch -> fix applied -> re-check verdict (aim: <= 3 s, <= 7 keys)"
echo "$base" | awk '{ printf "  baseline, waiting for every probe: %s s, %d keys\n", $1, $2 }'
echo "$new" | awk '{ printf "  verdict when its probes are final: %s s, %d keys\n", $1, $2 }'
echo "$new $base" | awk '{ printf "  ratio: %.2f x the baseline\n", $1 / $3 }'
