#!/bin/sh
# test_console_text.sh — maildoctor.exe's words on a console under wine, in
# a tmux pane: Japanese from the commands (standard output and error) and
# from --plain reaches the console whole (tui/term_text_win.c: UTF-16
# through WriteConsoleW), never as U+FFFD for each byte, which mingw's
# byte-at-a-time printf gave; the last line before the exit is on the
# screen; the pause's words are Japanese too; and output to a file or a
# pipe stays the same UTF-8 bytes as the Linux program's.
. "$(dirname "$0")/wizard_lib.sh"
EXE="$PWD/build/windows/maildoctor.exe"
MD="wine $EXE"
BAD="�" # U+FFFD, what a byte of a character decoded alone shows

# 1. --help in Japanese on the console: its first and its last line, and
# no U+FFFD anywhere
start -x 200 -y 60 $WENV MAILDOCTOR_NO_PAUSE=1 -- --lang ja --help
rc=$(wait_exit 40)
[ "$rc" = 0 ] && ok "--help: exit 0" || fail "--help: status $rc"
expect "使い方: maildoctor [オプション] [コマンド] [引数]" "--help: the usage line in Japanese"
expect "終了コード: 0 問題なし、1 問題あり" "--help: its last line, written before the exit"
expect_not "$BAD" "--help: no U+FFFD"

# 2. an error on standard error, in Japanese
start -x 200 $WENV MAILDOCTOR_NO_PAUSE=1 -- --lang ja check --timeout x
rc=$(wait_exit 40)
[ "$rc" = 2 ] && ok "bad --timeout: exit 2" || fail "bad --timeout: status $rc"
expect "--timeout には 0 より大きく 600 以下の秒数を指定してください" \
	"standard error: the message in Japanese"
expect_not "$BAD" "standard error: no U+FFFD"

# 3. check --offline in Japanese: findings on standard output
start -x 200 -y 60 $WENV MAILDOCTOR_NO_PAUSE=1 -- --lang ja check --offline
rc=$(wait_exit 60)
[ "$rc" = 1 ] && ok "check: exit 1 (problems found)" || fail "check: status $rc"
expect "送信サーバー" "check: the finding in Japanese"
expect_not "$BAD" "check: no U+FFFD"

# 4. the --plain wizard in Japanese typed on the console, and q
start -x 200 -y 60 $WENV MAILDOCTOR_NO_PAUSE=1 -- --plain --offline --lang ja
expect "ステップ 1/7" "--plain: step 1 in Japanese" 40
expect_not "$BAD" "--plain: no U+FFFD"
sleep 1
keys q Enter
rc=$(wait_exit 20)
[ "$rc" != none ] && ok "--plain: q leaves ($rc)" || fail "--plain: q did not end it"
expect_not "$BAD" "--plain: no U+FFFD at the end"

# 5. the pause of a console of its own, in Japanese
start $WENV -- --lang ja --version
expect "キーを押すと、このウィンドウを閉じます。" "the pause's words in Japanese" 40
expect "maildoctor " "the version line before the pause"
expect_not "$BAD" "the pause: no U+FFFD"
keys x
rc=$(wait_exit 20)
[ "$rc" = 0 ] && ok "a key ends it (0)" || fail "status $rc after the key"

# 6. to a file and to a pipe: the same bytes as the Linux program
LINUX=$PWD/build/maildoctor
if [ -x "$LINUX" ]; then
	LANG=C.UTF-8 "$LINUX" --lang ja --help >"$TMP/linux.txt" 2>&1
	MAILDOCTOR_NO_PAUSE=1 wine "$EXE" --lang ja --help >"$TMP/file.txt" 2>&1 </dev/null
	cmp -s "$TMP/linux.txt" "$TMP/file.txt" && ok "to a file: the Linux program's bytes" ||
		{ fail "to a file: other bytes"; diff "$TMP/linux.txt" "$TMP/file.txt" | head -20; }
	MAILDOCTOR_NO_PAUSE=1 wine "$EXE" --lang ja --help 2>&1 </dev/null | cat >"$TMP/pipe.txt"
	cmp -s "$TMP/linux.txt" "$TMP/pipe.txt" && ok "to a pipe: the Linux program's bytes" ||
		{ fail "to a pipe: other bytes"; diff "$TMP/linux.txt" "$TMP/pipe.txt" | head -20; }
else
	fail "no Linux build/maildoctor to compare with (make first)"
fi
finish
