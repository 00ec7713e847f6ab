#!/bin/sh
# test_check_offline.sh — `maildoctor check --offline`: the settings alone
# are judged, without the network (no namespace of its own has any link):
# case S4 is still found and the right server named from the profile's own
# evidence, marked as not verified; Outlook.com's refusal of passwords comes
# from the knowledge base.
. "$(dirname "$0")/lib.sh"
FIX=tests/fixtures/tb
S4=$FIX/s4/.thunderbird

# Without a network at all when we can make one (root: a new network
# namespace has only a loopback that is down).
NONET=
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then NONET="unshare -n"; fi

expect_rc 1 "S4 offline" $NONET "$MD" check --offline --json --profile "$S4"
cp "$TMP/out" "$TMP/s4.json"
json_eq "$TMP/s4.json" "' '.join(f['id'] for f in j['findings'])" "outgoing-server-mismatch relay-no-forward-dns"
json_eq "$TMP/s4.json" "[x['id'] for x in j['findings'][0]['fixes']]" "['use-mail.shirao.example-587', 'use-mail.shirao.example-465']"
json_eq "$TMP/s4.json" "[x['verified'] for x in j['findings'][0]['fixes']]" "[False, False]"
json_eq "$TMP/s4.json" "j['results']" "[]"
json_eq "$TMP/s4.json" "j.get('offline')" "True"

expect_rc 1 "S4 offline, text" $NONET "$MD" check --offline --profile "$S4"
has "$TMP/out" "Fix use-mail.shirao.example-587: send as haha@shirao.example through mail.shirao.example, port 587, STARTTLS" "the right server named"
has "$TMP/out" "(not verified: no probe ran)" "marked as not verified"
has "$TMP/out" "(Only the settings were judged: no server was contacted.)" \
	"with findings too, the text says only the settings were judged"

expect_rc 1 "Outlook.com with a password, offline" $NONET "$MD" check --offline --json --profile "$FIX/outlook"
cp "$TMP/out" "$TMP/ol.json"
json_eq "$TMP/ol.json" "' '.join(f['id'] for f in j['findings'])" "oauth-required"
json_eq "$TMP/ol.json" "[(x['id'], x['verified']) for x in j['findings'][0]['fixes']]" "[('oauth2-smtp-mail.outlook.com', False)]"

# A plaintext incoming server is told its own protocol's encrypted ports
# (POP3 995/110, IMAP 993/143), never the outgoing 587, in both languages.
M=$FIX/multi/.thunderbird
incoming_exp="[f['explanation'] for f in j['findings'] if f['id'] == 'plaintext-settings' and ('pop.' in f['summary'] or 'imap.' in f['summary'])][0]"
for lang in en ja; do
	expect_rc 1 "plaintext POP3, offline ($lang)" $NONET "$MD" check --offline --json --lang $lang --profile "$M/b2.home"
	json_eq "$TMP/out" "'587' in $incoming_exp" "False"
	json_eq "$TMP/out" "'995' in $incoming_exp and '110' in $incoming_exp" "True"
	expect_rc 1 "plaintext IMAP, offline ($lang)" $NONET "$MD" check --offline --json --lang $lang --profile "$M/a1.work"
	json_eq "$TMP/out" "'587' in $incoming_exp" "False"
	json_eq "$TMP/out" "'993' in $incoming_exp and '143' in $incoming_exp" "True"
done

# An identity that cannot send at all (its outgoing server does not
# exist, or there is none and no default) is a finding, not "the settings
# look right"; so is user.js setting mail values.
expect_rc 1 "no outgoing server at all" $NONET "$MD" check --offline --json --profile "$FIX/nosmtp"
json_eq "$TMP/out" "' '.join(f['id'] for f in j['findings'])" "no-outgoing-server"
json_eq "$TMP/out" "[x['id'] for x in j['findings'][0]['fixes']][0]" "use-secure.plala.or.jp-587"
expect_rc 1 "no outgoing server at all, text" $NONET "$MD" check --offline --profile "$FIX/nosmtp"
hasnt "$TMP/out" "The settings look right" "not called right"
has "$TMP/out" "No outgoing server is set for taro@plala.or.jp." "said in words"
expect_rc 1 "a missing outgoing server and user.js" $NONET "$MD" check --offline --json --profile "$M/b2.home"
json_eq "$TMP/out" "[(f['id'], f['identity']) for f in j['findings'] if f['id'] in ('no-outgoing-server', 'user-js-override')]" "[('no-outgoing-server', 'taro@club.example'), ('user-js-override', 'taro@home.example')]"
json_eq "$TMP/out" "[x['id'] for x in j['findings'][0]['fixes']]" "['use-smtp.override.example-2525']"
expect_rc 1 "only the address whose server is missing" $NONET "$MD" check --offline --profile "$M/b2.home" taro@club.example
has "$TMP/out" "[no-outgoing-server]" "the finding for that address"

# Where the provider publishes its incoming settings, they are the fix of
# the incoming server, and fix --apply writes them.
expect_rc 1 "plaintext POP3 of plala, offline" $NONET "$MD" check --offline --json --profile "$FIX/popplain"
json_eq "$TMP/out" "[(x['id'], x['kind'], x['server']['port'], x['server']['security']) for x in j['findings'][0]['fixes']]" "[('incoming-secure.plala.or.jp-995', 'incoming', 995, 'tls')]"
cp -r "$FIX/popplain" "$TMP/popplain"
expect_rc 0 "the incoming fix applied" $NONET "$MD" fix --offline --apply incoming-secure.plala.or.jp-995 --profile "$TMP/popplain"
has "$TMP/popplain/prefs.js" 'user_pref("mail.server.server1.socketType", 3);' "SSL/TLS written"
expect_rc 0 "then nothing is left" $NONET "$MD" check --offline --profile "$TMP/popplain"

expect_rc 0 "a healthy profile offline" $NONET "$MD" check --offline --json --profile "$FIX/healthy"
json_eq "$TMP/out" "j['findings']" "[]"
finish
