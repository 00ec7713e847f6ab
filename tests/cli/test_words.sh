#!/bin/sh
# test_words.sh — small sentences that were wrong (issue 15 item 21): an
# error does not repeat the program's name after "maildoctor: "; a
# provider's name takes no article ("not a eo (eonet) address"); in
# --json an incoming server's "account_name" is the account's name (it
# was called "description"), and an Outlook outgoing server has no
# "description" it was never given.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/home"
HOME=$TMP/home expect_rc 1 "fix --undo with nothing changed" "$MD" fix --undo
hasnt "$TMP/err" "maildoctor: maildoctor" "the name is not repeated"
has "$TMP/err" "there is nothing to undo" "it says there is nothing to undo"
cp -r tests/fixtures/tb/s4/.thunderbird "$TMP/tb"
expect_rc 1 "fix --undo on a profile never changed" "$MD" fix --undo --profile "$TMP/tb"
hasnt "$TMP/err" "maildoctor: maildoctor" "the name is not repeated (profile)"

expect_rc 1 "S6 offline" "$MD" check --offline --profile tests/fixtures/tb/s6
hasnt "$TMP/out" "not a eo" "no article before the provider's name"
has "$TMP/out" "smtpauth.eonet.ne.jp accepts mail only from senders with an address from eo (eonet)." \
	"the sentence reads without an article"
expect_rc 1 "S6 offline, Japanese" "$MD" check --offline --lang ja --profile tests/fixtures/tb/s6
has "$TMP/out" "smtpauth.eonet.ne.jp は、差出人が eo (eonet) のアドレスのメールしか受け付けません。" \
	"the same in Japanese"

expect_rc 0 "accounts --json" "$MD" accounts --json --profile tests/fixtures/tb/s4/.thunderbird
json_eq "$TMP/out" "j['accounts'][0]['incoming'].get('account_name')" "haha@shirao.example"
json_eq "$TMP/out" "'description' in j['accounts'][0]['incoming']" "False"
json_eq "$TMP/out" "[s.get('description') for s in j['orphaned_outgoing']]" "['shirao.example']"
expect_rc 0 "accounts --json, Outlook" "$MD" accounts --json --outlook tests/fixtures/outlook/s4_jcom.reg
json_eq "$TMP/out" "j['accounts'][0]['incoming'].get('account_name')" "haha@shirao.example"
json_eq "$TMP/out" "'description' in j['accounts'][0]['identities'][0]['outgoing']" "False"
finish
