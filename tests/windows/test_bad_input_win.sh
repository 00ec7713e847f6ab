#!/bin/sh
# test_bad_input_win.sh — maildoctor.exe given broken input: a prefs.js cut
# short, a .reg cut short (in a string, in a hex value, in the middle of a
# UTF-16 character), a .reg holding a NUL, a 20 MB line in a .reg and in a
# prefs.js. Each gets the same one sentence with its cause as the Linux
# binary gives (the words below are the Linux ones), exit 2, and no crash
# (no wine exception report, no second line); the prefs.js with a 20 MB
# line is read, as on Linux. Also tests/cli/test_bad_input.sh's unreadable
# --profile cases (that script is not in cli.list: see there). Run by
# tests/windows/run.sh; prints ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
OUT=tests/fixtures/outlook
PREFS=$(ls tests/fixtures/tb/s4/.thunderbird/Profiles/*/prefs.js)
mkdir -p "$TMP/home" "$TMP/cut" "$TMP/huge" "$TMP/dirp/prefs.js" "$TMP/empty" "$TMP/bin"
: >"$TMP/empty/prefs.js"
: >"$TMP/afile"
printf '\177ELF\002\001\001\000\000\003\000>\000\001' >"$TMP/bin/prefs.js"
head -c 700 "$PREFS" >"$TMP/cut/prefs.js"
{
	cat "$PREFS"
	printf 'user_pref("x", "'
	head -c 20000000 /dev/zero | tr '\0' a
	printf '");\n'
} >"$TMP/huge/prefs.js"
{
	printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\x]\r\n"a"="'
	head -c 20000000 /dev/zero | tr '\0' b
	printf '"\r\n'
} >"$TMP/huge.reg"

# refused WHAT CAUSE ARGS… — accounts and check --offline with ARGS: exit
# 2, one line on stderr holding CAUSE, nothing on stdout, no crash.
refused() {
	what=$1 cause=$2
	shift 2
	for cmd in accounts "check --offline"; do
		# shellcheck disable=SC2086
		HOME=$TMP/home "$MD" $cmd "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		[ "$rc" = 2 ] && ok "$cmd, $what: exit 2" ||
			{ fail "$cmd, $what: exit $rc"; sed 's/^/  | /' "$TMP/err" | head -5; }
		n=$(wc -l <"$TMP/err")
		[ "$n" = 1 ] && ok "$cmd, $what: one sentence" ||
			{ fail "$cmd, $what: $n lines on stderr"; sed 's/^/  | /' "$TMP/err" | head -5; }
		has "$TMP/err" "$cause" "$cmd, $what: the cause said"
		hasnt "$TMP/err" "Unhandled exception" "$cmd, $what: no crash"
	done
}

refused "no such folder" "$TMP/nonexist does not exist" --profile "$TMP/nonexist"
refused "a file, not a folder" "$TMP/afile is not a folder" --profile "$TMP/afile"
refused "prefs.js a folder" "$TMP/dirp/prefs.js is a folder" --profile "$TMP/dirp"
refused "prefs.js empty" "$TMP/empty/prefs.js is empty" --profile "$TMP/empty"
refused "prefs.js not text" "$TMP/bin/prefs.js is not a text file" --profile "$TMP/bin"
refused "prefs.js cut short" "line 17: unterminated string literal" \
	--profile "$TMP/cut"
refused ".reg cut in a string" "holds no POP3, IMAP or SMTP account" \
	--outlook "$OUT/hostile_truncated.reg"
refused ".reg cut in a hex value" "the hex value that starts on line 4 is cut off at the end of the file" \
	--outlook "$OUT/hostile_cut_continuation.reg"
refused ".reg with a NUL" "line 4 contains a NUL character, so it is not a text file" \
	--outlook "$OUT/hostile_nul.reg"
refused ".reg cut in a UTF-16 character" "line 40 ends in the middle of a UTF-16 character" \
	--outlook "$OUT/hostile_odd_bytes.reg"
refused ".reg with a 20 MB line" "line 4 is longer than 4 MiB" \
	--outlook "$TMP/huge.reg"

# a 20 MB line in prefs.js: Thunderbird reads it, and so does maildoctor
expect_rc 0 "a prefs.js with a 20 MB line is read" env HOME="$TMP/home" "$MD" accounts --profile "$TMP/huge"
has "$TMP/out" "haha@shirao.example" "its accounts are listed"
finish
