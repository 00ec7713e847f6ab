#!/bin/sh
# test_wizard_tui.sh — the full-screen wizard of maildoctor.exe under wine
# in a tmux pane: the seven steps on S4 (--offline) with the profile found
# in %APPDATA%, the fix applied and undone byte for byte; keys as on Linux
# (arrows, Enter, ?, q); the wizard lives through a resize; --lang ja at the right width. What
# this does not show for a real Windows console: docs/windows-console.md.
. "$(dirname "$0")/wizard_lib.sh"

# 1. the whole run, English
wstart -- --offline
expect "step 1 of 7: Welcome" "step 1" 40
expect "Enter go on  ? help  q quit" "the keys line"
keys '?'; expect "Help" "? opens the help"
keys '?'; expect "step 1 of 7: Welcome" "? closes the help"
keys Enter; expect "Which account" "step 2"
expect "haha@shirao.example" "the account from %APPDATA%"
keys Enter; expect "All checks are done." "step 3 done" 20
keys Enter; expect "What we found" "step 4"
expect "1 of 2" "two findings, the first shown"
keys Enter Enter; expect "step 5 of 7: The fix" "step 5"
expect "smtpa.jcom.zaq.ne.jp" "the old server in the preview"
expect "mail.shirao.example" "the new server in the preview"
keys a
expect "step 6 of 7: Apply and check again" "step 6" 20
expect "✓ The change was made." "the write is reported" 20
grep -q 'user_pref("mail.identity.id1.smtpServer", "smtp1");' "$PREFS" &&
	ok "prefs.js in %APPDATA% now names smtp1" || fail "prefs.js not changed"
keys Enter
expect "step 7 of 7: Summary" "step 7"
expect "maildoctor fix --undo" "how to undo it"
keys Enter
rc=$(wait_exit 20)
[ "$rc" = 0 ] && ok "exit 0: fixed" || fail "exit status $rc"
ls "$TMP"/maildoctor-report-*.txt >/dev/null 2>&1 &&
	ok "report saved in the folder given as a Z: path" || fail "no report in $TMP"
"$MD" fix --undo >"$TMP/undo.out" 2>&1 && ok "fix --undo runs" ||
	{ fail "undo failed"; cat "$TMP/undo.out"; }
cmp -s "$PREFS" "$ORIG" && ok "undo: prefs.js byte for byte as before" ||
	fail "prefs.js differs after undo"

# 2. a resize does not stop the wizard, q asks first. Under wine in tmux
# the program does not see the new size (it keeps drawing 80 columns) and
# a lone Esc does nothing: docs/windows-console.md; not asserted here.
wstart -- --offline
expect "step 1 of 7: Welcome" "step 1 again" 40
tmux_ resize-window -t 0 -x 60 -y 20
sleep 1
keys Enter; expect "Which account" "after a resize the keys still work"
keys q
rc=$(wait_exit 20)
[ "$rc" != none ] && ok "q with no change waiting leaves at once ($rc)" || fail "q did not end it"
cmp -s "$PREFS" "$ORIG" && ok "quitting changed nothing" || fail "prefs.js changed"

# 3. --lang ja: wide characters at the right width
wstart -- --offline --lang ja
expect "ステップ 1/7: ようこそ" "step 1 in Japanese" 40
case $(line 24) in *"Enter 次へ"*"? ヘルプ"*"q 終了"*) ok "keys in Japanese" ;;
*) fail "bottom line: $(line 24)" ;; esac
[ "$(max_width)" -le 80 ] && ok "step 1 fits 80 columns" || fail "too wide"
keys Enter; expect "ステップ 2/7" "step 2"
keys Enter; expect "すべての確認が終わりました" "step 3" 20
keys Enter; expect "ステップ 4/7" "step 4"
expect "✗ 問題:" "the finding with symbol and word"
w=$(line 1 | python3 -c "import sys,unicodedata; l=sys.stdin.read().rstrip('\n'); print(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l))")
[ "$w" = 79 ] && ok "the counter ends at column 79 after wide text" ||
	fail "title line is $w columns wide: $(line 1)"
[ "$(max_width)" -le 80 ] && ok "step 4 fits 80 columns" || fail "too wide"
keys Enter Enter; expect "ステップ 5/7: 直し方" "step 5"
expect "送信サーバー  smtpa.jcom.zaq.ne.jp  →  mail.shirao.example" "preview row"
cols=$(columns_of "→ " | head -5 | sort -u)
[ "$(echo "$cols" | wc -l)" = 1 ] && ok "arrows aligned at column $cols" ||
	{ fail "arrows at columns: $(echo $cols)"; screen; }
[ "$(max_width)" -le 80 ] && ok "step 5 fits 80 columns" || fail "too wide"
keys q; expect "maildoctor を終了しますか?" "q asks first, in Japanese"
keys y
rc=$(wait_exit 20)
[ "$rc" = 1 ] && ok "quit with the problem left: 1" || fail "exit status $rc"
finish
