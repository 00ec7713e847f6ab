#!/bin/sh
# test_ja_words.sh — with --lang ja every sentence and label of ours is
# Japanese: the evidence of `check`, the knowledge base's source line, the
# table of `probe`, the reason of `explain` and the report's labels. What a
# server (or a cited source) said stays as said, quoted after a label.
. "$(dirname "$0")/lib.sh"
FIXTURE=tests/fixtures/tb/s4
cp -r "$FIXTURE/.thunderbird" "$TMP/"
PROFILE=$(ls -d "$TMP"/.thunderbird/Profiles/*/)

# ascii_words FILE PATTERN — lines matching PATTERN, with the quoted
# parts, names, paths and the explicitly labelled codes taken out, that
# still hold an English word of three letters or more.
ascii_words() {
	grep -- "$2" "$1" | sed -e 's/「[^」]*」//g' -e 's/"[^"]*"//g' \
		-e 's/[][A-Za-z0-9._@\/+-]*[.@\/][][A-Za-z0-9._@\/+-]*//g' \
		-e 's/[A-Za-z]*[0-9][A-Za-z0-9]*//g' \
		-e 's/分類 [a-z]*//; s/SSL\/TLS\|STARTTLS\|Thunderbird\|J:COM\|SMTP\|DNS//g' |
		grep -E '[A-Za-z]{3,}'
}

expect_rc 1 "check --offline --lang ja" env HOME="$TMP" "$MD" check --offline \
	--lang ja --profile "$PROFILE"
if ascii_words "$TMP/out" '^   - ' >"$TMP/left"; then
	fail "English left in the evidence:"; sed 's/^/  | /' "$TMP/left"
else ok "the evidence lines are Japanese"; fi
has "$TMP/out" "出典（原文のまま）:「" "the source is labelled, its words quoted"
has "$TMP/out" "差出人 haha@shirao.example: 送信サーバー smtpa.jcom.zaq.ne.jp" \
	"the settings line in Japanese"

S5='Apr 11 06:14:46 smtp_server_name postfix/smtp[ID]: B7E93A****: to=<hogehoge@icloud.com>, relay=mx3.mail.icloud.com[17.172.34.64]:25, delay=2, delays=0.12/0.01/1.3/0.55, dsn=5.7.0, status=bounced (host mx3.mail.icloud.com[17.172.34.64] said: 550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=IP_ADDRESS (in reply to MAIL FROM command))'
printf '%s\n' "$S5" >"$TMP/s5.log"
expect_rc 1 "explain --lang ja" "$MD" explain --lang ja "$TMP/s5.log"
if ascii_words "$TMP/out" '理由:\|根拠:' >"$TMP/left"; then
	fail "English in the reason:"; sed 's/^/  | /' "$TMP/left"
else ok "the reason is in words, the kind labelled"; fi
has "$TMP/out" "分類 blocked" "the kind of the taxonomy, labelled"

expect_rc 1 "probe --lang ja (refused)" "$MD" probe --lang ja --timeout 2 127.0.0.1:1
if ascii_words "$TMP/out" '127.0.0.1' | grep -qw 'plain\|none\|tls\|starttls'; then
	fail "the probe table says an English word:"; sed 's/^/  | /' "$TMP/out"
else ok "the probe table's encryption is Japanese"; fi
has "$TMP/out" "なし" "no encryption: なし"

# a scripted server on this machine: what it offers is listed in words
cat >"$TMP/peer.py" <<'PY'
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
for _ in range(4):
    c, _a = s.accept(); f = c.makefile("rwb")
    f.write(b"220 peer ESMTP\r\n"); f.flush()
    for l in f:
        l = l.strip().upper()
        if l.startswith(b"EHLO"): f.write(b"250-peer\r\n250 AUTH PLAIN LOGIN\r\n")
        elif l.startswith(b"QUIT"): f.write(b"221 bye\r\n"); f.flush(); break
        else: f.write(b"250 ok\r\n")
        f.flush()
    c.close()
PY
python3 "$TMP/peer.py" "$TMP/port" &
PEER=$!
n=50; while [ ! -s "$TMP/port" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
expect_rc 0 "probe --lang ja (a server)" "$MD" probe --lang ja --timeout 5 \
	"127.0.0.1:$(cat "$TMP/port")"
kill "$PEER" 2>/dev/null
has "$TMP/out" "ログイン方法: PLAIN LOGIN" "the login methods offered, in Japanese"
if ascii_words "$TMP/out" '127.0.0.1' | grep -qw 'AUTH\|plain\|works'; then
	fail "English in the probe's row:"; sed 's/^/  | /' "$TMP/out"
else ok "the probe's row is Japanese"; fi

mkdir -p "$TMP/home"
cp -r "$FIXTURE/.thunderbird" "$TMP/home/"
printf '\n1\n\n\n\n\ns\n\n\n' | env HOME="$TMP/home" MAILDOCTOR_REPORT_DIR="$TMP" \
	"$MD" --plain --offline --lang ja >/dev/null 2>&1
report=$(ls "$TMP"/maildoctor-report-*.txt 2>/dev/null | head -1)
if [ -z "$report" ]; then fail "no report"; else
	has "$report" "1. [問題]" "the finding's kind in Japanese"
	hasnt "$report" "[problem]" "no English kind"
	has "$report" "(Thunderbird " "the mail program by its name"
	if ascii_words "$report" '^     - ' >"$TMP/left"; then
		fail "English in the report's evidence:"; sed 's/^/  | /' "$TMP/left"
	else ok "the report's evidence is Japanese"; fi
fi
[ "$FAILS" -eq 0 ]
