#!/bin/sh
# test_check_bounces.sh — `maildoctor check --offline` reads the chosen
# account's Inbox (never changing it) and says how many messages came back
# in the last 30 days and why, in English and Japanese, in text and JSON,
# with no address or body of the bounces copied out. "Today" is
# MAILDOCTOR_TODAY, so the result does not depend on the date.
. "$(dirname "$0")/lib.sh"
FIX=tests/fixtures/mailbox
export MAILDOCTOR_TODAY=2018-05-25
sum0=$(cksum "$FIX/pop/Mail/Local Folders/Inbox" "$FIX/pop/Mail/Local Folders/Inbox.msf")

expect_rc 0 "POP, Local Folders, text" "$MD" check --offline --lang en --profile "$FIX/pop"
has "$TMP/out" "Messages that came back (read from the Inbox, which maildoctor never changes):" "the section says the Inbox is only read"
has "$TMP/out" "2 of your messages came back since 25 April 2018: the server refused your address as the sender" "two of the last 30 days, in plain words"
hasnt "$TMP/out" "@" "no address of a bounce copied out"

expect_rc 0 "POP, Japanese" "$MD" check --offline --lang ja --profile "$FIX/pop"
has "$TMP/out" "2018年04月25日以降、あなたのメールが 2 通戻ってきました: サーバーが、あなたのアドレスを送信者として受け付けませんでした" "the same in Japanese"

expect_rc 0 "POP, JSON" "$MD" check --offline --json --profile "$FIX/pop"
json_eq "$TMP/out" "(j['bounces']['count'], j['bounces']['since'])" "(2, '2018-04-25')"
json_eq "$TMP/out" "[(l['reason'], l['count'], l.get('finding')) for l in j['bounces']['lines']]" "[('rejected', 2, 'sender-domain-rejected')]"
json_eq "$TMP/out" "sorted(j['bounces']['lines'][0])" "['count', 'finding', 'findings', 'reason', 'text']"
json_eq "$TMP/out" "j['bounces']['lines'][0]['findings']" "[]"

MAILDOCTOR_TODAY=2019-05-10 expect_rc 0 "IMAP offline store" "$MD" check --offline --lang en --profile "$FIX/imap"
has "$TMP/out" "1 of your messages came back since 10 April 2019: the receiving server did not accept mail from the server you send through" "the IMAP INBOX's bounce"

expect_rc 0 "maildir store" "$MD" check --offline --json --profile "$FIX/maildir"
json_eq "$TMP/out" "j['bounces']['count']" "2"

expect_rc 0 "truncated mbox" "$MD" check --offline --json --profile "$FIX/broken"
json_eq "$TMP/out" "j['bounces']['count']" "2"

MAILDOCTOR_TODAY=2030-01-01 expect_rc 0 "nothing in the window" "$MD" check --offline --lang en --profile "$FIX/pop"
has "$TMP/out" "None in the last 30 days." "an Inbox without recent bounces says so"

sum1=$(cksum "$FIX/pop/Mail/Local Folders/Inbox" "$FIX/pop/Mail/Local Folders/Inbox.msf")
if [ "$sum0" = "$sum1" ]; then ok "Inbox and .msf unchanged"; else fail "the Inbox changed"; fi
finish
