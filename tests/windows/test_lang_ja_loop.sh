#!/bin/sh
# test_lang_ja_loop.sh — `maildoctor.exe --lang ja` speaks Japanese in every
# run, not in most: 12 runs each with a console for input (script(1) gives
# wine a terminal, so wine makes a console), with NUL for input, and with a
# pipe. The race it guards against: GIO's constructor starts a thread before
# main() that asks libintl for the default domain by an ANSI folder name,
# and libintl 0.21 took that entry for ours when ours was asked by a UTF-16
# name (see os_bindtextdomain in core/base/os_win.c). With a console the old
# program was Japanese in 5 runs of 20. Run by tests/windows/run.sh; prints
# ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
N=12

# one_run MODE — the program's --help in Japanese once; out in $TMP/out
one_run() {
	case $1 in
	console) script -qec "\"$MD\" --lang ja --help >\"$TMP/out\" 2>&1" \
		/dev/null </dev/null >/dev/null 2>&1 ;;
	null) "$MD" --lang ja --help </dev/null >"$TMP/out" 2>&1 ;;
	pipe) echo | "$MD" --lang ja --help >"$TMP/out" 2>&1 ;;
	esac
}

if ! command -v script >/dev/null 2>&1; then
	fail "script(1) (util-linux) is needed for the console runs"
fi
for mode in console null pipe; do
	ja=0 got=""
	for i in $(seq "$N"); do
		: >"$TMP/out"
		one_run "$mode"
		if grep -qF "使い方:" "$TMP/out" && ! grep -qF "Usage:" "$TMP/out"; then
			ja=$((ja + 1)); got="${got}J"
		else
			got="${got}E"; cp "$TMP/out" "$TMP/english.$mode"
		fi
	done
	if [ "$ja" -eq "$N" ]; then
		ok "--lang ja with $mode input: Japanese in $N runs of $N"
	else
		fail "--lang ja with $mode input: Japanese in $ja runs of $N ($got)"
		sed 's/^/  | /' "$TMP/english.$mode" | head -5
	fi
done
finish
