#!/bin/sh
# run.sh — `make check-windows`: the Windows build's tests, run under wine
# in a prefix of their own whose Windows user has a Japanese name
# (C:\users\田中花子: an ANSI call would lose the path). Three parts:
#   unit  the cmocka tests built for Windows (build/windows/tests/*.exe)
#   cli   the Linux end-to-end scripts of tests/cli listed in cli.list, run
#         unchanged against maildoctor.exe (tests/windows/wine-md), and the
#         Windows scripts tests/windows/test_*.sh
#   lab   the lab suites lab.list names (root)
# Prints one closing line "windows: N passed, N failed" (single tests).
# A part asked for that cannot run here (the lab without root or one of its
# tools) is said as NOT RUN and makes the exit status 1, as a failure does:
# a test not run is never counted as passing. To leave the lab out on
# purpose, ask only for the other parts (`run.sh unit cli`, or
# `make check-windows WINDOWS_PARTS="unit cli"`): the closing line then says
# which parts were not asked for.
# Usage: tests/windows/run.sh [unit|cli|lab ...]   (default: unit cli lab)
set -u
cd "$(dirname "$0")/../.." || exit 3
W=build/windows
export WINEPREFIX="$PWD/$W/wineprefix" WINEDEBUG=-all USER=田中花子
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono/Gecko install prompts
export MAILDOCTOR_BIN="$PWD/tests/windows/wine-md"
# A Windows PC has no LANG; wine needs a UTF-8 character set (LC_CTYPE) to
# carry the user name 田中花子 into the prefix.
unset LANG LC_ALL LC_MESSAGES LANGUAGE
export LC_CTYPE=C.UTF-8
LOGDIR=$W/test-logs
mkdir -p "$LOGDIR"
PASS=0 FAIL=0 FAILED="" NOTRUN=""

# The prefix: made once (about 15 s); its server kept up for the run and
# stopped at the end, by the prefix, not by name.
prefix_up() {
	if [ ! -f "$WINEPREFIX/.maildoctor-ready" ]; then
		rm -rf "$WINEPREFIX"
		wineboot -i >"$LOGDIR/wineboot.log" 2>&1
		wineserver -w
		[ -d "$WINEPREFIX/drive_c/users/$USER" ] ||
			{ echo "windows: the prefix has no user $USER"; exit 2; }
		touch "$WINEPREFIX/.maildoctor-ready"
	fi
	wineserver -p >/dev/null 2>&1
}
trap 'wineserver -k >/dev/null 2>&1; WINEPREFIX=$NSPREFIX wineserver -k >/dev/null 2>&1' EXIT

note_fail() { FAIL=$((FAIL + $1)); FAILED="$FAILED $2"; }
# A failed test's log is kept under its own name too (the next run writes
# over $LOGDIR/*.log): a failure seen once can still be read afterwards.
keep_log() {
	kept="$LOGDIR/failed-$(date -u +%Y%m%d-%H%M%S)-$(basename "$1")"
	cp "$1" "$kept" && echo "  (log kept: $kept)"
}

# The cmocka tests built for Windows. The files unit-skip.list names are
# not built (each said with its reason, never counted); tests a file leaves
# out on Windows say "[ LEFT OUT ]", those cmocka skips "[  SKIPPED ]":
# neither is counted.
run_unit() {
	skip=$(sed -n 's/^\(test_[a-z0-9_]*\).*/\1/p' tests/windows/unit-skip.list)
	for s in $skip; do
		echo "skip $s: $(sed -n "s/^$s  *//p" tests/windows/unit-skip.list | cut -c1-100)…"
	done
	for t in "$W"/tests/test_*.exe; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .exe)
		case " $(echo $skip) " in *" $name "*) continue ;; esac
		log="$LOGDIR/$name.log"
		if grep -qs "run.sh gives it a console" "tests/windows/unit/$name.c"; then
			# wine makes a console only for a terminal: script(1)'s
			timeout -k 5 300 script -qec "wine '$t' >'$log' 2>&1" /dev/null \
				>/dev/null 2>&1 </dev/null
		else
			timeout -k 5 300 wine "$t" >"$log" 2>&1
		fi
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		out=$(grep -c '^\[ LEFT OUT \]' "$log")
		sk=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		extra=""
		[ "$out" -gt 0 ] && extra=", $out left out: [ LEFT OUT ] in the log"
		[ -n "$sk" ] && extra="$extra, $sk skipped by cmocka"
		PASS=$((PASS + ${p:-0}))
		if [ "$rc" -ne 0 ] || [ -n "$f" ] || [ -z "$p" ]; then
			note_fail "${f:-1}" "$name"
			echo "FAIL $name (see $log)"; tail -n 20 "$log"
			keep_log "$log"
		else
			echo "ok   $name (${p:-0} tests$extra)"
		fi
	done
}

# One shell script: each "ok:" line is a passed test, each "FAIL:" a failed one.
run_script() {
	t=$1 name=$2
	log="$LOGDIR/cli-$name.log"
	timeout -k 5 600 sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok:' "$log")
	f=$(grep -c '^FAIL' "$log")
	PASS=$((PASS + p))
	if [ "$rc" -ne 0 ] || [ "$f" -gt 0 ]; then
		[ "$f" -gt 0 ] || f=1
		note_fail "$f" "$name"
		echo "FAIL $name ($p ok, $f failed; see $log)"
		# each FAIL line with what lib.sh printed under it ("  | ")
		grep -A 8 '^FAIL' "$log" | grep '^FAIL\|^  |' | head -n 40
		keep_log "$log"
	else
		echo "ok   $name ($p checks)"
	fi
}

run_cli() {
	while read -r s _; do
		case $s in '' | '#'*) continue ;; esac
		run_script "tests/cli/$s" "linux-$(basename "$s" .sh)"
	done <tests/windows/cli.list
	for t in tests/windows/test_*.sh; do
		[ -f "$t" ] && run_script "$t" "$(basename "$t" .sh)"
	done
}

# The lab (root, network namespaces): the Linux suites' own checks, with
# maildoctor.exe in the client namespace, on the cases of issue 17; lab.list
# says which. wine-md runs the program with a wineserver of its own inside
# the client namespace (wine creates every socket in wineserver). A check
# lab.list leaves out is said with its reason and counted neither way.
NSPREFIX=$PWD/$W/wineprefix-netns
LEFT=0
lab_left_out() { # the "out SUITE CHECK | REASON" lines of lab.list for SUITE
	sed -n "s/^out  *$1  *//p" tests/windows/lab.list
}
run_lab_suite() {
	name=$1; shift
	log="$LOGDIR/lab-$name.log"
	timeout -k 10 1200 flock /tmp/md-lab.lock "$@" >"$log" 2>&1
	rc=$?
	line=$(tail -n 1 "$log")
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
	f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then p=0; f=1; fi
	out=0
	lab_left_out "$name" >"$LOGDIR/lab-$name.out"
	while IFS='|' read -r check why; do
		check=$(echo "$check" | sed 's/ *$//')
		if grep -q "^FAIL:* $check" "$log"; then
			out=$((out + 1))
			echo "left out lab-$name \"$check\":$why"
		else
			echo "note lab-$name \"$check\" is left out in lab.list but did not fail"
		fi
	done <"$LOGDIR/lab-$name.out"
	f=$((f - out)); LEFT=$((LEFT + out))
	PASS=$((PASS + p))
	if [ "$f" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$out" -eq 0 ]; }; then
		[ "$f" -gt 0 ] || f=1
		note_fail "$f" "lab-$name"
		echo "FAIL lab-$name ($p ok, $f failed; see $log)"; grep '^FAIL' "$log" | head -n 10
		keep_log "$log"
	else
		echo "ok   lab-$name ($p checks)"
	fi
}
# Not root, or a tool missing: said, and counted as not run (never passed:
# the run's status is then 1).
lab_missing() {
	[ "$(id -u)" = 0 ] || { echo "not root"; return; }
	for c in ip nft postfix dovecot unbound openssl jq flock; do
		command -v $c >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v $c >/dev/null 2>&1 || echo "no $c"
	done
}
run_lab() {
	why=$(lab_missing | tr '\n' ' ' | sed 's/ $//')
	if [ -n "$why" ]; then
		echo "!!! windows lab NOT RUN: $why (needs root and ip nft postfix dovecot unbound openssl jq)"
		NOTRUN="lab ($why)"
		return
	fi
	# a fresh copy of the ready prefix, its registry written out first
	wineserver -k >/dev/null 2>&1; wineserver -w
	WINEPREFIX=$NSPREFIX wineserver -k >/dev/null 2>&1
	rm -rf "$NSPREFIX"; cp -a "$WINEPREFIX" "$NSPREFIX"; rm -f "$NSPREFIX/.netns"
	wineserver -p >/dev/null 2>&1
	while read -r suite scen; do
		case $suite in
		diag) run_lab_suite diag sh tests/lab-diag/run.sh $scen ;;
		probe) run_lab_suite probe sh tests/lab-probe/run.sh $scen ;;
		esac
	done <tests/windows/lab.list
	WINEPREFIX=$NSPREFIX wineserver -k >/dev/null 2>&1
}

[ -f "$W/maildoctor.exe" ] || { echo "windows: no $W/maildoctor.exe (make windows)"; exit 2; }
prefix_up
parts=${*:-unit cli lab}
for part in $parts; do
	case $part in
	unit) run_unit ;;
	cli) run_cli ;;
	lab) run_lab ;;
	*) echo "windows: unknown part $part"; exit 2 ;;
	esac
done
[ "$LEFT" -gt 0 ] && echo "windows: $LEFT lab checks left out (lab.list), not counted"
[ -n "$NOTRUN" ] && echo "windows: NOT RUN: $NOTRUN — not counted as passed: this run FAILS (exit 1); to leave the lab out on purpose, run only: tests/windows/run.sh unit cli"
unasked=""
for part in unit cli lab; do
	case " $parts " in *" $part "*) ;; *) unasked="$unasked $part" ;; esac
done
echo "windows: $PASS passed, $FAIL failed${FAILED:+ (failed:$FAILED)}${NOTRUN:+, not run: $NOTRUN}${unasked:+, not asked for:$unasked}"
[ "$FAIL" -eq 0 ] && [ -z "$NOTRUN" ]
