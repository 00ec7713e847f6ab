#!/bin/sh
# test_wizard_plain.sh — maildoctor.exe's --plain wizard under wine,
# answers from a pipe, in English and in Japanese, on the S4 profile in
# %APPDATA%; and the double-click pause: on a console of its own (wine
# gives one to a program started from a Unix terminal, as Explorer does
# to a double-clicked one) the program says "Press a key" at the end and
# waits; MAILDOCTOR_NO_PAUSE, or a shared console (started from cmd), or
# a pipe for input, do not wait; Japanese typed on the console as an answer.
. "$(dirname "$0")/wizard_lib.sh"
run_plain() { # ANSWERS ARGS… — stdout in $TMP/out, status in $TMP/rc
	answers=$1; shift
	printf "$answers" | MAILDOCTOR_REPORT_DIR=$WREPORT LC_CTYPE=C.UTF-8 \
		timeout -k 5 120 "$MD" "$@" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/rc"
}
has() {
	if grep -qF -- "$1" "$TMP/out"; then ok "$2"; else
		fail "$2: no \"$1\""; sed 's/^/  | /' "$TMP/out" | head -60; fi
}

# 1. English: a whole run applies the fix; undo gives prefs.js back
run_plain '\n1\n\n\n\n\nd\na\n\n\n' --plain --offline
has "== Step 1 of 7: Welcome ==" "step 1 numbered"
has "  1. Haha Shirao <haha@shirao.example> — sends through smtpa.jcom.zaq.ne.jp (Thunderbird)" \
	"step 2: the account from %APPDATA% as a numbered choice"
has "== Step 4 of 7: What we found ==" "step 4"
has "  Outgoing server  smtpa.jcom.zaq.ne.jp      →  mail.shirao.example" "before → after"
has '  prefs.js: mail.identity.id1.smtpServer  "smtp2" → "smtp1"' "the exact line"
has "✓ The change was made." "applied"
has "== Step 7 of 7: Summary ==" "step 7"
has "     maildoctor fix --undo" "the undo command on a line of its own"
[ "$(cat "$TMP/rc")" = 0 ] && ok "exit 0" || fail "exit $(cat "$TMP/rc")"
grep -q '"smtp1"' "$PREFS" && ok "the fix was applied" || fail "not applied"
grep -qF "Press a key" "$TMP/out" && fail "a pause with a pipe for input" ||
	ok "no pause with a pipe for input"
"$MD" fix --undo >"$TMP/undo.out" 2>&1 && ok "fix --undo" || fail "undo failed"
cmp -s "$PREFS" "$ORIG" && ok "undo: prefs.js byte for byte" || fail "prefs.js differs"

# 2. Japanese: the same run, the words in Japanese; input ending early
# changes nothing
run_plain '\n1\n\n\n\n\n' --plain --offline --lang ja
has "ステップ 1/7" "step 1 in Japanese"
has "送信サーバー" "the finding in Japanese"
LC_ALL=C grep -q "Step 1 of 7" "$TMP/out" && fail "English in the Japanese run" ||
	ok "no English step titles"
cmp -s "$PREFS" "$ORIG" && ok "input ending early: prefs.js unchanged" ||
	fail "prefs.js changed"
[ "$(cat "$TMP/rc")" != 0 ] && ok "status $(cat "$TMP/rc"): not fixed" || fail "exit 0"

# 3. the double-click pause, in a tmux pane (a console of its own)
EXE="$PWD/build/windows/maildoctor.exe"
MD="wine $EXE"
start $WENV -- --version
expect "Press a key to close this window." "a console of its own: the pause" 40
sleep 1
[ -s "$TMP/rc" ] && fail "ended without a key" || ok "still waiting for a key"
keys x
rc=$(wait_exit 20)
[ "$rc" = 0 ] && ok "a key ends it, status kept (0)" || fail "status $rc after the key"
# (the pause's Japanese words: test_console_text.sh)
start $WENV -- check --offline
expect "Press a key to close this window." "the pause after check" 40
keys Enter
rc=$(wait_exit 20)
[ "$rc" = 1 ] && ok "check's status 1 kept through the pause" || fail "status $rc"
start $WENV MAILDOCTOR_NO_PAUSE=1 -- --version
rc=$(wait_exit 40)
[ "$rc" = 0 ] && ok "MAILDOCTOR_NO_PAUSE: ends at once" || fail "status $rc"
expect_not "Press a key" "MAILDOCTOR_NO_PAUSE: no pause text"
MD="wine cmd /c $EXE"
start $WENV -- --version
rc=$(wait_exit 40)
[ "$rc" = 0 ] && ok "started from cmd (a shared console): no pause" || fail "status $rc"
expect_not "Press a key" "started from cmd: no pause text"

# 4. an answer typed on the console (not a pipe): Japanese typed into the
# address question reaches the program whole (ReadConsoleW, term_win.c)
MD="wine $EXE"
start $WENV MAILDOCTOR_NO_PAUSE=1 -- --plain --offline
expect "[Enter = go on" "plain on a console: step 1" 40
sleep 1 # (the question is printed before the answer is read)
# (an Enter sent this early was lost in 2 of 8 runs under wine: sent once
# more only when step 2 is not there after 5 s)
keys Enter; wait_for "t = type an address" 5 || keys Enter
expect "t = type an address" "plain on a console: step 2"
keys t Enter; expect "Email address:" "plain: t asks for the address"
tmux_ send-keys -t 0 -l "田中@例え.jp"; sleep 0.3
keys Enter
expect "This address is not in the mail programs found here" \
	"plain: the typed Japanese taken as an address"
expect_not "That is not an email address." "plain: no 'not an address'"
keys q Enter
rc=$(wait_exit 20)
[ "$rc" != none ] && ok "plain: q leaves ($rc)" || fail "plain: q did not end it"
cmp -s "$PREFS" "$ORIG" && ok "plain: typing changed nothing" || fail "prefs.js changed"

# 5. the same on a Japanese Windows: wine in the Unix locale ja_JP.UTF-8
# (compiled here), so its code page is 932 and its interface Japanese; the
# Japanese typed on the console is still taken whole (ReadConsoleW)
mkdir -p "$TMP/loc"
if localedef -i ja_JP -f UTF-8 "$TMP/loc/ja_JP.UTF-8" >"$TMP/localedef.log" 2>&1; then
	start -x 120 -y 40 $WENV LOCPATH=$TMP/loc LC_ALL=ja_JP.UTF-8 MAILDOCTOR_NO_PAUSE=1 \
		-- --plain --offline
	expect "ステップ 1/7" "Japanese Windows, plain: step 1 in Japanese" 40
	sleep 1
	keys Enter; wait_for "ステップ 2/7" 5 || keys Enter
	expect "ステップ 2/7" "Japanese Windows, plain: step 2"
	keys t Enter; expect "メールアドレス:" "Japanese Windows, plain: t asks for the address"
	tmux_ send-keys -t 0 -l "田中@例え.jp"; sleep 0.3
	keys Enter
	expect "このアドレスはここのメールソフトになく" \
		"Japanese Windows, plain: the typed Japanese taken as an address"
	keys q Enter
	rc=$(wait_exit 20)
	[ "$rc" != none ] && ok "Japanese Windows, plain: q leaves ($rc)" || fail "q did not end it"
else
	fail "localedef ja_JP.UTF-8 (package locales)"; cat "$TMP/localedef.log"
fi
finish
