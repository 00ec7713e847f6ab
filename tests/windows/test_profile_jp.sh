#!/bin/sh
# test_profile_jp.sh — maildoctor.exe for a Windows user named 田中花子:
# Thunderbird's profile in %APPDATA%\Thunderbird (profiles.ini and
# installs.ini) is found without --profile; case S4 is judged offline as
# on Linux; fix --apply writes prefs.js with a backup, and fix --undo
# gives back the original byte for byte; the report of the wizard, the
# explanations in Japanese. Run by tests/windows/run.sh (WINEPREFIX, USER).
. "$(dirname "$0")/../cli/lib.sh"
ROAMING="$WINEPREFIX/drive_c/users/$USER/AppData/Roaming"
TB="$ROAMING/Thunderbird"
PROF="$TB/Profiles/k7xq2m1a.default-release"
rm -rf "$TB"
mkdir -p "$TB"
cp -r tests/fixtures/tb/s4/.thunderbird/. "$TB/"
cp "$PROF/prefs.js" "$TMP/prefs.orig"
trap 'rm -rf "$TMP" "$TB"' EXIT

expect_rc 0 "accounts --json, no --profile" "$MD" accounts --json
json_eq "$TMP/out" "j['accounts'][0]['identities'][0]['email']" "haha@shirao.example"
has "$TMP/out" "田中花子" "the profile's path keeps the Japanese user name"
has "$TMP/out" "k7xq2m1a.default-release" "the profile installs.ini names"

expect_rc 1 "S4 offline, no --profile" "$MD" check --offline --json
json_eq "$TMP/out" "' '.join(f['id'] for f in j['findings'])" "outgoing-server-mismatch relay-no-forward-dns"

expect_rc 1 "S4 offline, text" "$MD" check --offline
has "$TMP/out" "mail.shirao.example" "the right server named"
expect_rc 1 "S4 offline, in Japanese" "$MD" check --offline --lang ja
has "$TMP/out" "mail.shirao.example" "the right server named, in Japanese"
has "$TMP/out" "送信サーバー" "the findings in Japanese"

ID=use-mail.shirao.example-587
expect_rc 0 "fix --apply $ID" "$MD" fix --apply "$ID" --offline
has "$TMP/out" "Changed: " "says what changed"
if cmp -s "$PROF/prefs.js" "$TMP/prefs.orig"; then fail "prefs.js unchanged"; else ok "prefs.js changed"; fi
has "$PROF/prefs.js" '"mail.shirao.example"' "the new server is written"
n=$(ls "$PROF" | grep -c '^prefs\.js\.maildoctor-.*\.bak$')
[ "$n" -eq 1 ] && ok "one backup beside prefs.js" || fail "$n backups"
ls "$PROF" | grep -q '\.tmp' && fail "a temporary file was left" || ok "no temporary file left"

expect_rc 0 "after the fix, the settings are clean (as on Linux)" "$MD" check --offline --json
json_eq "$TMP/out" "j['findings']" "[]"

expect_rc 0 "fix --undo" "$MD" fix --undo
if cmp -s "$PROF/prefs.js" "$TMP/prefs.orig"; then ok "undo: prefs.js byte for byte as before"; else fail "undo: prefs.js differs"; fi

expect_rc 1 "explain an ISO-2022-JP bounce" "$MD" explain tests/fixtures/bounces/iso2022jp.eml
has "$TMP/out" "hanako@example.co.jp" "the recipient found"
if LC_ALL=C grep -q "$(printf '\343')" "$TMP/out"; then ok "the server's Japanese words decoded to UTF-8"; else fail "no Japanese in the server's words"; fi
finish
