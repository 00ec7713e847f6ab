#!/bin/sh
# The bounces already in the Inbox, full screen: the welcome screen says
# the Inbox is read and never changed; step 4 says how many of the
# person's messages came back in the last 30 days and why, in English and
# Japanese. "Today" is MAILDOCTOR_TODAY; the profile is
# tests/fixtures/mailbox/pop (two bounces of the window, one older). The
# saved report has the same reason lines, and nothing else of the bounces.
. "$(dirname "$0")/lib.sh"
P=$PWD/tests/fixtures/mailbox/pop
home
start MAILDOCTOR_TODAY=2018-05-25 -- --offline --profile "$P"
expect "maildoctor also reads your Inbox, never changing it" "step 1 says the Inbox is only read"
keys Enter
expect "haha@example.jp" "step 2"
keys Enter
expect "All checks are done." "step 3"
keys Enter
expect "What we found" "step 4"
expect "2 of your messages came back since 25 April 2018" "step 4 counts the bounces of the window"
expect "as the sender" "and says why in plain words"
keys q
wait_exit >/dev/null

start MAILDOCTOR_TODAY=2018-05-25 -- --offline --lang ja --profile "$P"
expect "戻ってきたメールを探すため" "step 1 in Japanese"
keys Enter
expect "haha@example.jp" "step 2 (ja)"
keys Enter
expect "確認" "step 3 (ja)"
keys Enter
expect "2 通戻ってきました" "step 4 in Japanese"
keys q
wait_exit >/dev/null
# The report the wizard saves (plain mode, to the end): the reason line,
# and no address but the one checked, no host or words of the bounces.
rm -rf "$TMP/home"; home
printf '\n\n\n\n\n\n\n' | HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP \
	MAILDOCTOR_TODAY=2018-05-25 LANG=C.UTF-8 "$MD" --plain --offline --lang en \
	--profile "$P" >"$TMP/out" 2>"$TMP/err"
report=$(ls "$TMP"/maildoctor-report-*.txt 2>/dev/null | head -1)
if [ -n "$report" ] && grep -qxF "  2 of your messages came back since 25 April 2018: the server refused your address as the sender" "$report"; then
	ok "the report has the bounces' reason line"; else
	fail "no reason line in the report"; sed 's/^/  | /' "$report" "$TMP/out" | tail -20; fi
if [ -n "$report" ] && [ "$(grep -o "@" "$report" | wc -l)" = 2 ] &&
	! grep -qiE "mailer-daemon|qin\.example|Access denied|Blocked|Nyaan|Undelivered" "$report"; then
	ok "the report copies no address, host or words of the bounces"; else
	fail "the report copies the bounces"; grep -n "@\|MAILER" "$report" | sed 's/^/  | /'; fi
# The lab's S6 bounce (tests/lab/bounces.sh: "550 5.7.1 Sender rejected")
# in the IMAP account's offline store of the S6 profile, offline: step 4
# shows it on the page of each finding it explains (sender-domain-rejected,
# then outgoing-server-mismatch). "Today" is the day after the bounce.
S6=$TMP/s6b; rm -rf "$S6"; cp -r tests/fixtures/tb/s6 "$S6"
mkdir -p "$S6/ImapMail/mail.shirao.example"
B=tests/fixtures/bounces/lab/senderrejected.eml
{ echo "From - Fri Dec  4 18:36:51 2026"; cat "$B"; echo; } >"$S6/ImapMail/mail.shirao.example/INBOX"
day=$(date -u -d "$(sed -n 's/^Date: //p' "$B" | head -n 1 | sed 's/ (.*)$//') + 1 day" +%Y-%m-%d)
rm -rf "$TMP/home"; home
start MAILDOCTOR_TODAY="$day" -- --offline --lang en --profile "$S6"
keys Enter
expect "otto@shirao.example" "S6 bounce: step 2"
keys Enter
expect "All checks are done." "S6 bounce: step 3"
keys Enter
expect "accepts mail only from senders" "S6 bounce: step 4, the sender finding"
expect "the server refused your" "S6 bounce: its bounce under the sender finding"
keys Enter
expect "2 of 2" "S6 bounce: step 4, the second finding"
expect "goes out through" "S6 bounce: ... the mismatch finding"
expect "the server refused your" "S6 bounce: the same bounce under the mismatch finding"
keys q
wait_exit >/dev/null
finish
