#!/bin/sh
# test_accounts.sh — `maildoctor accounts` end to end: text, JSON, Japanese,
# discovery from $HOME and WSL, bad input, and that nothing is ever written.
. "$(dirname "$0")/lib.sh"
FIX=tests/fixtures/tb
S4=$FIX/s4/.thunderbird

before=$(find tests/fixtures -type f -exec md5sum {} + | sort | md5sum)

expect_rc 0 "S4 profile root" "$MD" accounts --profile "$S4"
has "$TMP/out" "Haha Shirao <haha@shirao.example>" "identity shown"
has "$TMP/out" "sends through: smtpa.jcom.zaq.ne.jp, port 465, SSL/TLS" "outgoing server shown"
has "$TMP/out" "[prefs.js line 40]" "origin of the value shown"
has "$TMP/out" "mail.shirao.example, port 587, STARTTLS" "orphaned server shown"

expect_rc 0 "S4 profile folder, JSON" "$MD" accounts --json --profile "$S4/Profiles/k7xq2m1a.default-release"
cp "$TMP/out" "$TMP/s4.json"
json_eq "$TMP/s4.json" "j['accounts'][0]['client']" "thunderbird"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['email']" "haha@shirao.example"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['outgoing']['host']" "smtpa.jcom.zaq.ne.jp"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['outgoing']['security']" "tls"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['outgoing']['port']" "465"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['outgoing']['auth']" "password"
json_eq "$TMP/s4.json" "j['accounts'][0]['incoming']['type']" "imap"
json_eq "$TMP/s4.json" "j['accounts'][0]['identities'][0]['outgoing']['origin']['host'].endswith('prefs.js:40')" "True"
json_eq "$TMP/s4.json" "[o['host'] for o in j['orphaned_outgoing']]" "['mail.shirao.example']"
json_eq "$TMP/s4.json" "j['orphaned_outgoing'][0]['security']" "starttls"

expect_rc 0 "Japanese" "$MD" --lang ja accounts --profile "$S4"
has "$TMP/out" "送信サーバー:" "Japanese label"
has "$TMP/out" "ポート 465" "Japanese port"
LANGUAGE= LC_ALL= LANG=ja_JP.UTF-8 expect_rc 0 "Japanese from LANG" "$MD" accounts --profile "$S4"
has "$TMP/out" "送信サーバー:" "LANG=ja_JP.UTF-8 gives Japanese even without the locale installed"
LANGUAGE= LC_ALL= LANG=ja_JP.UTF-8 expect_rc 0 "--lang en beats LANG" "$MD" --lang en accounts --profile "$S4"
has "$TMP/out" "sends through:" "English when asked"

HOME=$PWD/$FIX/multi MAILDOCTOR_WSL_USERS=$PWD/$FIX/wsl/Users expect_rc 0 "discovery from HOME and WSL" "$MD" accounts
has "$TMP/out" "Thunderbird, profile \"home\"" "home profile"
has "$TMP/out" "Thunderbird, profile \"work\"" "work profile"
has "$TMP/out" "白尾 花子 <hanako@plala.example>" "WSL profile with Japanese name"
has "$TMP/out" "smtp.override.example, port 2525" "user.js wins over prefs.js"
has "$TMP/out" "user.js" "user.js warning"
has "$TMP/out" "a server that is no longer defined" "identity pointing at a missing server"
first=$(grep -m1 'Thunderbird, profile' "$TMP/out")
[ "$first" = 'Thunderbird, profile "home"' ] && ok "default profile first" || fail "default first: $first"

HOME=$TMP/empty-home MAILDOCTOR_WSL_USERS=$TMP/none expect_rc 1 "nothing found" "$MD" accounts
has "$TMP/err" "--profile" "says how to name a profile"

# Bad input: one clear sentence naming the file (and line), exit 2.
expect_rc 2 "missing folder" "$MD" accounts --profile /nonexistent/profile
has "$TMP/err" "/nonexistent/profile" "names the folder"
expect_rc 2 "not a profile" "$MD" accounts --profile tests
has "$TMP/err" "not a Thunderbird profile" "says it is not a profile"

mkdir -p "$TMP/broken"
printf 'user_pref("mail.accountmanager.accounts", "account1");\nuser_pref("mail.account.account1.identities" "id1");\nuser_pref("mail.identity.id1.useremail", "a@b.example");\n' > "$TMP/broken/prefs.js"
expect_rc 2 "syntax error" "$MD" accounts --profile "$TMP/broken"
has "$TMP/err" "prefs.js, line 2: expected ','" "names file, line and problem"

P4="$S4/Profiles/k7xq2m1a.default-release/prefs.js"
cut=$(grep -bo 'smtpa.jcom' "$P4" | cut -d: -f1)
head -c $((cut + 4)) "$P4" > "$TMP/broken/prefs.js"   # ends inside a string
expect_rc 2 "truncated prefs.js" "$MD" accounts --profile "$TMP/broken"
has "$TMP/err" "prefs.js, line" "truncation reported with a line"

# random bytes without NUL (a NUL at the start would end the file for Gecko
# at once: an empty prefs.js, a different case)
head -c 200000 /dev/urandom | tr -d '\000' > "$TMP/broken/prefs.js"
expect_rc 2 "binary garbage" "$MD" accounts --profile "$TMP/broken"

{ printf 'user_pref("a", "'; head -c 10000000 /dev/zero | tr '\0' x; } > "$TMP/broken/prefs.js"
expect_rc 2 "10 MB unterminated line" "$MD" accounts --profile "$TMP/broken"
has "$TMP/err" "unterminated string" "says what is wrong"

# An unreadable prefs.js: root reads anything, so as root this runs as an
# unprivileged user (uid 65534, setpriv); when it cannot, it says NOT RUN.
chmod 000 "$TMP/broken/prefs.js"
NOTRUN_PART=""
if [ "$(id -u)" != 0 ]; then
	expect_rc 2 "unreadable prefs.js" "$MD" accounts --profile "$TMP/broken"
	has "$TMP/err" "prefs.js: Permission denied" "says it cannot be read"
elif command -v setpriv >/dev/null 2>&1; then
	chmod 0711 "$TMP"
	chmod 0777 "$TMP/broken"
	expect_rc 2 "unreadable prefs.js (as uid 65534)" \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$MD" accounts --profile "$TMP/broken"
	has "$TMP/err" "prefs.js: Permission denied" "says it cannot be read"
	chmod 0700 "$TMP"
else
	NOTRUN_PART="unreadable prefs.js: root and no setpriv"
	echo "NOT RUN: $NOTRUN_PART"
fi
chmod 644 "$TMP/broken/prefs.js"

mkdir -p "$TMP/badini"
printf '[Profile0]\nIsRelative=1\nName=x\n' > "$TMP/badini/profiles.ini"
expect_rc 2 "profiles.ini without Path" "$MD" accounts --profile "$TMP/badini"
has "$TMP/err" "profiles.ini: [Profile0] has no Path=" "names the section"

expect_rc 2 "arguments refused" "$MD" accounts extra
expect_rc 2 "option of another command refused" "$MD" accounts --resolver 192.0.2.53

# Outlook: a .reg export (UTF-16LE), a .prf and an Autodiscover response.
OL=tests/fixtures/outlook
expect_rc 0 "Outlook .reg and .prf" "$MD" accounts --outlook $OL/outlook2016_imap.reg --outlook $OL/oct_typical.prf
has "$TMP/out" "Taro Yamada <taro@example.jp>" "identity from the .reg"
has "$TMP/out" "sends through: smtp.example.jp, port 587, STARTTLS" "SMTP from the .reg"
has "$TMP/out" "[outlook2016_imap.reg line 33]" "line in the .reg"
has "$TMP/out" "smtp.old.example.ne.jp, port 465, SSL/TLS" "SMTP from the .prf"
expect_rc 0 "Japanese .reg as JSON" "$MD" accounts --json --outlook $OL/japanese.reg
json_eq "$TMP/out" "j['accounts'][0]['client']" "outlook"
json_eq "$TMP/out" "j['accounts'][0]['identities'][0]['name']" "山田 太郎"
expect_rc 0 "Autodiscover" "$MD" accounts --outlook $OL/autodiscover_imap_smtp.xml
has "$TMP/out" "Autodiscover response" "says what it read"
expect_rc 0 "Thunderbird and Outlook together" "$MD" accounts --profile "$S4" --outlook $OL/outlook2016_imap.reg
has "$TMP/out" "Haha Shirao" "Thunderbird part"
has "$TMP/out" "Taro Yamada" "Outlook part"
expect_rc 2 "truncated .reg" "$MD" accounts --outlook $OL/hostile_truncated.reg
has "$TMP/err" "hostile_truncated.reg" "names the file"
expect_rc 2 "malformed Autodiscover" "$MD" accounts --outlook $OL/autodiscover_malformed.xml
expect_rc 2 "missing Outlook file" "$MD" accounts --outlook /nonexistent.reg

after=$(find tests/fixtures -type f -exec md5sum {} + | sort | md5sum)
[ "$before" = "$after" ] && ok "no fixture file changed" || fail "a fixture file changed"
finish || exit 1
[ -z "$NOTRUN_PART" ] || exit 77 # counted as not run, never as passed
