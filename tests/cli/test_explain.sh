#!/bin/sh
# test_explain.sh — `maildoctor explain` end to end: exit statuses, the
# JSON shape, Japanese output, standard input, S4 and S5 texts.
. "$(dirname "$0")/lib.sh"
SAMPLES=${MD_SAMPLES:-../shared/samples}
FIX=tests/fixtures/bounces

S5='Apr 11 06:14:46 smtp_server_name postfix/smtp[ID]: B7E93A****: to=<hogehoge@icloud.com>, relay=mx3.mail.icloud.com[17.172.34.64]:25, delay=2, delays=0.12/0.01/1.3/0.55, dsn=5.7.0, status=bounced (host mx3.mail.icloud.com[17.172.34.64] said: 550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=IP_ADDRESS (in reply to MAIL FROM command))'
printf '%s\n' "$S5" > "$TMP/s5.log"

expect_rc 1 "S5 log line: a failure" "$MD" explain "$TMP/s5.log"
has "$TMP/out" "hogehoge@icloud.com" "S5 names the recipient"
has "$TMP/out" "dnsbl-lookup.cgi?ip=" "S5 gives the delisting page"
has "$TMP/out" "Proofpoint" "S5 says who blocks"

expect_rc 1 "S5 from standard input" sh -c "printf '%s\n' '$S5' | '$MD' explain -"
has "$TMP/out" "hogehoge@icloud.com" "stdin read"

expect_rc 1 "S5 --json" "$MD" explain --json "$TMP/s5.log"
if python3 -m json.tool "$TMP/out" >/dev/null 2>&1; then ok "JSON parses"; else fail "JSON does not parse"; fi
json_eq "$TMP/out" "j['recipients'][0]['reason']" "blocked"
json_eq "$TMP/out" "j['recipients'][0]['who_acts']" "sender-admin"
json_eq "$TMP/out" "j['recipients'][0]['status']" "5.7.0"
json_eq "$TMP/out" "j['recipients'][0]['reply_code']" "550"
json_eq "$TMP/out" "j['recipients'][0]['remote_host']" "mx3.mail.icloud.com"
json_eq "$TMP/out" "j['recipients'][0]['hard_bounce']" "False"
json_eq "$TMP/out" "set(['address','status','reply_code','remote_host','diagnostic','reason','hard_bounce','who_acts','summary']) <= set(j['recipients'][0])" "True"

expect_rc 1 "S5 in Japanese" "$MD" explain --lang ja "$TMP/s5.log"
has "$TMP/out" "起きたこと" "Japanese labels"
has "$TMP/out" "ブロックしています" "Japanese summary"

printf '450 4.7.1 <omta0014.jcom.zaq.ne.jp>: Helo command rejected: Host not found\n' > "$TMP/s4.txt"
expect_rc 1 "S4 reply" "$MD" explain --json "$TMP/s4.txt"
json_eq "$TMP/out" "j['recipients'][0]['reason']" "blocked"
json_eq "$TMP/out" "'omta0014.jcom.zaq.ne.jp' in j['recipients'][0]['summary']" "True"

expect_rc 1 "ISO-2022-JP bounce" "$MD" explain "$FIX/iso2022jp.eml"
has "$TMP/out" "メールボックスがいっぱいです" "decoded to UTF-8"

# The samples are needed: without them these checks fail, loudly (a
# silent skip would pass with nothing checked).
if [ -f "$SAMPLES/bounces/rfc3834-02.eml" ]; then
	expect_rc 0 "an auto-reply is no failure" "$MD" explain "$SAMPLES/bounces/rfc3834-02.eml"
	has "$TMP/out" "vacation" "vacation recognised"
	expect_rc 0 "a feedback report is no failure" "$MD" explain "$SAMPLES/bounces/arf-01.eml"
	expect_rc 1 "a postfix DSN" "$MD" explain "$SAMPLES/bounces/lhost-postfix-05.eml"
else
	fail "the samples are not in $SAMPLES/bounces (set MD_SAMPLES)"
fi

printf 'Apr 11 06:14:46 mx postfix/smtp[1]: X: to=<a@b.example>, relay=mx[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok)\n' > "$TMP/ok.log"
expect_rc 0 "a log with no failure" "$MD" explain "$TMP/ok.log"

: > "$TMP/empty"
expect_rc 2 "empty input" "$MD" explain "$TMP/empty"
has "$TMP/err" "empty" "says it is empty"
head -c 3000 /dev/urandom | tr -d 'A-Za-z:' > "$TMP/junk"
# A bounce that names no remote host (sisimai's lhost-amazonses-14): the
# sentence needs no host; no placeholder is left as "?" (en and ja).
expect_rc 1 "a bounce without a remote host" "$MD" explain "$FIX/no-remote-host.eml"
has "$TMP/out" "The receiving server refused the connection from your sending server" \
	"the sentence names the receiving server in words"
hasnt "$TMP/out" "? said" "no \"?\" for the unknown host"
expect_rc 1 "the same in Japanese" "$MD" explain --lang ja "$FIX/no-remote-host.eml"
has "$TMP/out" "受信側のサーバー が、あなたの送信サーバーからの接続を拒否しました" \
	"Japanese: the receiving server in words"
hasnt "$TMP/out" "（?" "Japanese: no \"?\" for the unknown host"
hasnt "$TMP/out" "? が" "Japanese: no \"?\" as the subject"

# An ordinary message is not a bounce: said plainly, never an "onhold" bounce.
expect_rc 2 "an ordinary message" "$MD" explain "$FIX/not-a-bounce.eml"
has "$TMP/err" "this is not a delivery report" "says it is not a delivery report"
hasnt "$TMP/out" "held for now" "not called an onhold bounce"
expect_rc 2 "an ordinary message, in Japanese" "$MD" explain --lang ja "$FIX/not-a-bounce.eml"
has "$TMP/err" "配送の報告（エラーメール）ではありません" "Japanese: not a delivery report"

expect_rc 2 "garbage" "$MD" explain "$TMP/junk"
expect_rc 2 "missing file" "$MD" explain "$TMP/nonexistent"
expect_rc 2 "two files" "$MD" explain "$TMP/s5.log" "$TMP/s4.txt"
expect_rc 2 "an option it does not take" "$MD" explain --offline "$TMP/s5.log"
finish
