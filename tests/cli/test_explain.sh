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
# Many at once: several files, a Maildir folder, an mbox file, stdin.
expect_rc 1 "two files" "$MD" explain "$TMP/s5.log" "$TMP/s4.txt"
has "$TMP/out" "Summary" "a closing summary"
has "$TMP/out" "2 messages, 2 recipients" "both counted"
AM="$SAMPLES/bounces/lhost-amavis-01.eml"
AH="$SAMPLES/bounces/lhost-activehunter-02.eml"
mkdir -p "$TMP/md/cur" "$TMP/md/new" "$TMP/empty-dir"
cp "$AM" "$TMP/md/cur/1"; cp "$FIX/not-a-bounce.eml" "$TMP/md/new/2"
for f in "$AM" "$FIX/not-a-bounce.eml" "$AH"; do
	echo "From MAILER-DAEMON Mon Dec  1 10:00:00 2026"; sed 's/^From />From /' "$f"; echo
done > "$TMP/three.mbox"
expect_rc 1 "a Maildir folder" "$MD" explain "$TMP/md"
has "$TMP/out" "this is not a delivery report" "the ordinary message in it said so"
has "$TMP/out" "2 messages, 1 recipients, 1 not delivery reports" "Maildir counted"
expect_rc 1 "an mbox, --json" "$MD" explain --json "$TMP/three.mbox"
if jq -e '.messages | length == 3' "$TMP/out" >/dev/null; then ok "jq: 3 messages"; else fail "jq: not 3 messages"; fi
if jq -e '[.messages[].offset] == [0, (.messages[1].offset), (.messages[2].offset)] and .messages[1].offset > 0 and .messages[2].offset > .messages[1].offset' "$TMP/out" >/dev/null; then ok "jq: offsets rise"; else fail "jq: offsets"; fi
off=$(jq -r '.messages[2].offset' "$TMP/out")
if [ "$(dd if="$TMP/three.mbox" bs=1 skip="$off" count=5 2>/dev/null)" = "From " ]; then ok "the offset is its From line"; else fail "offset $off is not a From line"; fi
if jq -e '.messages[0].recipients[0].reason == "userunknown" and (.messages[1].recipients | length) == 0 and .messages[2].recipients[0].reason == "filtered"' "$TMP/out" >/dev/null; then ok "jq: reasons per message"; else fail "jq: reasons per message"; fi
if jq -e '.summary.messages == 3 and .summary.recipients == 2 and .summary.by_reason.userunknown == 1 and .summary.by_reason.filtered == 1 and .summary.by_who_acts.person == 1 and ."summary".by_who_acts."recipient-side" == 1' "$TMP/out" >/dev/null; then ok "jq: the summary"; else fail "jq: the summary"; sed 's/^/  | /' "$TMP/out" | tail -20; fi
expect_rc 1 "mbox and files in Japanese" "$MD" explain --lang ja "$TMP/three.mbox" "$AM"
has "$TMP/out" "メール 4 通、受信者 3 件" "Japanese summary counts"
has "$TMP/out" "対処が必要な人:" "Japanese: who must act"
has "$TMP/out" "バイト目からのメール" "Japanese: the place in the mbox"
expect_rc 1 "an mbox from standard input" sh -c "'$MD' explain - '$AM' < '$TMP/three.mbox'"
has "$TMP/out" "4 messages" "stdin mbox read message by message"
expect_rc 2 "a folder that is not a Maildir" "$MD" explain "$TMP/empty-dir" "$AM"
has "$TMP/err" "not a Maildir" "says why"
has "$TMP/out" "1 messages" "the other input is still read"
: > "$TMP/empty"
expect_rc 2 "an empty file among others" "$MD" explain "$AM" "$TMP/empty"
expect_rc 2 "a missing file among others" "$MD" explain "$AM" "$TMP/nonexistent"
head -c 3000 "$TMP/three.mbox" > "$TMP/cut.mbox"
expect_rc 1 "a truncated mbox" "$MD" explain --json "$TMP/cut.mbox"
if jq -e '.summary.messages >= 1 and .messages[0].recipients[0].reason == "userunknown"' "$TMP/out" >/dev/null; then ok "jq: truncated mbox: the whole first message read"; else fail "truncated mbox"; fi
{ printf 'From: a@example.org\nSubject: big\n\n'; head -c 70000000 /dev/zero | tr '\0' 'a'; } > "$TMP/big.eml"
expect_rc 2 "a message over 64 MiB" "$MD" explain "$AM" "$TMP/big.eml"
has "$TMP/err" "64 MiB" "says the limit"
rm -f "$TMP/big.eml"
expect_rc 2 "an option it does not take" "$MD" explain --offline "$TMP/s5.log"
finish
