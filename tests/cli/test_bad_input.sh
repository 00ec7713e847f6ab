#!/bin/sh
# test_bad_input.sh — a --profile that cannot be read gets one sentence with
# its real cause (does not exist, not a folder, prefs.js a folder, empty or
# not text) and exit 2, the same from check, fix, accounts and the wizard;
# option values are refused in words that match what is accepted.
. "$(dirname "$0")/lib.sh"
S4=tests/fixtures/tb/s4/.thunderbird

mkdir -p "$TMP/p/dirp/prefs.js" "$TMP/p/empty" "$TMP/p/bin" "$TMP/home"
: >"$TMP/p/empty/prefs.js"
printf '\177ELF\002\001\001\000\000\003\000>\000\001' >"$TMP/p/bin/prefs.js"
# a crash may fill a file's end with zeros: Thunderbird reads up to them
mkdir -p "$TMP/p/zeros"
cp tests/fixtures/tb/s4/.thunderbird/Profiles/*/prefs.js "$TMP/p/zeros/"
head -c 512 /dev/zero >>"$TMP/p/zeros/prefs.js"
: >"$TMP/p/afile"

# one_sentence CAUSE DIR — every command says CAUSE about DIR, alone.
one_sentence() {
	cause=$1; dir=$2
	for cmd in "check --offline" "fix --list --offline" "fix --undo" \
		"accounts" "--plain --offline" "wizard --plain"; do
		# shellcheck disable=SC2086
		printf '\n1\n\n\n' | HOME=$TMP/home "$MD" $cmd --profile "$dir" \
			>"$TMP/out" 2>"$TMP/err"
		rc=$?
		[ "$rc" = 2 ] && ok "$cmd, $cause: exit 2" ||
			fail "$cmd, $cause: exit $rc"
		n=$(wc -l <"$TMP/err")
		[ "$n" = 1 ] && ok "$cmd, $cause: one sentence" ||
			{ fail "$cmd, $cause: $n lines"; sed 's/^/  | /' "$TMP/err"; }
		has "$TMP/err" "$cause" "$cmd: the cause"
		hasnt "$TMP/out" "Step 1 of 7" "$cmd: no wizard started"
	done
}
one_sentence "$TMP/p/nonexist does not exist" "$TMP/p/nonexist"
one_sentence "$TMP/p/afile is not a folder" "$TMP/p/afile"
one_sentence "$TMP/p/dirp/prefs.js is a folder" "$TMP/p/dirp"
one_sentence "$TMP/p/empty/prefs.js is empty" "$TMP/p/empty"
one_sentence "$TMP/p/bin/prefs.js is not a text file" "$TMP/p/bin"

expect_rc 0 "prefs.js ending in zeros is read" env HOME="$TMP/home" "$MD" accounts --profile "$TMP/p/zeros"
has "$TMP/out" "haha@shirao.example" "its accounts are listed"

# Nothing named, nothing found: that sentence alone.
expect_rc 2 "nothing found" env HOME="$TMP/home" "$MD" check --offline
has "$TMP/err" "no mail program settings were found" "says nothing was found"

# --timeout: the words say what is accepted.
expect_rc 2 "--timeout 0 refused" "$MD" check --offline --timeout 0 --profile "$S4"
hasnt "$TMP/err" "between 0 and" "no range that holds 0"
has "$TMP/err" "more than 0 and at most 600" "the range as accepted"
expect_rc 2 "--timeout 601 refused" "$MD" check --offline --timeout 601 --profile "$S4"
expect_rc 1 "--timeout 600 accepted" "$MD" check --offline --timeout 600 --profile "$S4"
expect_rc 1 "--timeout 0.5 accepted" "$MD" check --offline --timeout 0.5 --profile "$S4"

# --lang: language codes in any case and any usual form.
for l in ja JA Ja ja_JP ja-JP ja_JP.UTF-8 JA_jp.utf8; do
	expect_rc 0 "--lang $l" "$MD" --lang "$l" --help
	has "$TMP/out" "使い方" "--lang $l gives Japanese"
done
for l in en EN en_US en-GB en_US.UTF-8; do
	expect_rc 0 "--lang $l" env LANG=ja_JP.UTF-8 "$MD" --lang "$l" --help
	has "$TMP/out" "Usage:" "--lang $l gives English"
done
expect_rc 2 "--lang jp refused" "$MD" --lang jp --help
expect_rc 2 "--lang japanese refused" "$MD" --lang japanese --help
finish
