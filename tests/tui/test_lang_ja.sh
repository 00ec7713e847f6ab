#!/bin/sh
# --lang ja: every screen in Japanese, wide characters at the right width:
# the table of the fix preview stays aligned (the arrows in one column),
# right-aligned text ends where it does in English, and no line is wider
# than the terminal.
. "$(dirname "$0")/lib.sh"
home
start -- --offline --lang ja
expect "ステップ 1/7: ようこそ" "step 1 in Japanese"
expect "メールを送ることはありません。" "what will not happen"
case $(line 24) in
*"Enter 次へ"*"? ヘルプ"*"q 終了"*) ok "keys in Japanese" ;;
*) fail "bottom line: $(line 24)" ;;
esac
[ "$(max_width)" -le 80 ] && ok "step 1 fits 80 columns" || fail "too wide"
keys Enter
expect "ステップ 2/7" "step 2"
expect "Haha Shirao <haha@shirao.example> — 送信サーバー smtpa.jcom.zaq.ne.jp" \
	"the account in Japanese"
[ "$(max_width)" -le 80 ] && ok "step 2 fits 80 columns" || fail "too wide"
keys Enter
expect "すべての確認が終わりました" "step 3"
keys Enter
expect "ステップ 4/7" "step 4"
expect "✗ 問題:" "the finding with symbol and word"
w=$(line 1 | python3 -c "import sys,unicodedata; l=sys.stdin.read().rstrip('\n'); print(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l))")
[ "$w" = 79 ] && ok "the counter ends at column 79 after wide text" ||
	fail "title line is $w columns wide: $(line 1)"
[ "$(max_width)" -le 80 ] && ok "step 4 fits 80 columns" || fail "too wide"
keys Enter Enter
expect "ステップ 5/7: 直し方" "step 5"
expect "送信サーバー  smtpa.jcom.zaq.ne.jp  →  mail.shirao.example" "preview row"
cols=$(columns_of "→ " | head -5 | sort -u)
[ "$(echo "$cols" | wc -l)" = 1 ] && ok "arrows aligned at column $cols" ||
	{ fail "arrows at columns: $(echo $cols)"; screen; }
[ "$(max_width)" -le 80 ] && ok "step 5 fits 80 columns" || fail "too wide"
keys q
expect "maildoctor を終了しますか?" "q asks first"
keys y
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "quit with the problem left: 1" || fail "exit status $rc"
finish
