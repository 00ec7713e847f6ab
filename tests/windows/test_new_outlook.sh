#!/bin/sh
# test_new_outlook.sh — New Outlook for Windows said plainly (issue 18):
# with its package folder made in the test prefix's %LOCALAPPDATA%
# (C:\users\<user>\AppData\Local\Packages\Microsoft.OutlookForWindows_
# 8wekyb3d8bbwe), `accounts`, `check` (text and JSON) say that it sends
# through Microsoft's cloud, that maildoctor cannot read or change it, and
# what maildoctor can still check (and the wizard's first screen); alone ("no other mail program") and
# beside a Thunderbird profile ("installed too"); in Japanese with --lang
# ja; and not a word of it once the folder is gone. Run by
# tests/windows/run.sh (its prefix); prints ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
LOCAL="$WINEPREFIX/drive_c/users/$USER/AppData/Local"
PKG="$LOCAL/Packages/Microsoft.OutlookForWindows_8wekyb3d8bbwe"
[ -d "$LOCAL" ] || { fail "no $LOCAL in the prefix"; finish; exit; }
trap 'rm -rf "$PKG" "$TMP"' EXIT
PROFILE=tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release

rm -rf "$PKG"
expect_rc 1 "accounts without New Outlook: nothing found" "$MD" accounts
hasnt "$TMP/out" "New Outlook" "no word of New Outlook when it is not installed"

mkdir -p "$PKG/LocalState"
expect_rc 1 "accounts with New Outlook alone: nothing to read (exit 1)" "$MD" accounts
has "$TMP/out" "New Outlook for Windows is installed, and no other mail program" "says New Outlook is installed, alone"
has "$TMP/out" "Microsoft's cloud" "says it sends through Microsoft's cloud"
has "$TMP/out" "a port blocked on this computer" "says a blocked port does not stop it"
has "$TMP/out" "maildoctor check ADDRESS" "says what can still be checked"
expect_rc 1 "accounts --json with New Outlook alone" "$MD" accounts --json
json_eq "$TMP/out" "j['notices'][0]['id']" "new-outlook"
json_eq "$TMP/out" "j['notices'][0]['package_folder'].endswith('Microsoft.OutlookForWindows_8wekyb3d8bbwe')" "True"
json_eq "$TMP/out" "'Microsoft' in j['notices'][0]['text'] and 'cloud' in j['notices'][0]['text']" "True"

expect_rc 2 "check with New Outlook alone: nothing to check" "$MD" check --offline
has "$TMP/out" "New Outlook for Windows is installed" "check says so"
has "$TMP/err" "no mail program settings were found" "and that no settings were found"
expect_rc 2 "check --json with New Outlook alone" "$MD" check --offline --json
json_eq "$TMP/out" "j['notices'][0]['id']" "new-outlook"

# and the wizard's first screen (plain lines; q leaves it there)
printf 'q\n' | "$MD" wizard --plain --offline >"$TMP/out" 2>"$TMP/err"
has "$TMP/out" "Step 1 of 7" "the wizard starts"
has "$TMP/out" "New Outlook for Windows is installed, and no other mail program" "the wizard's first screen says so"

expect_rc 0 "accounts beside a Thunderbird profile" "$MD" accounts --profile "$PROFILE"
has "$TMP/out" "New Outlook for Windows is installed too" "says it is installed too"
has "$TMP/out" "haha@shirao.example" "the profile's accounts are still listed"
"$MD" check --offline --json --profile "$PROFILE" >"$TMP/out" 2>"$TMP/err"
json_eq "$TMP/out" "j['notices'][0]['id']" "new-outlook"
json_eq "$TMP/out" "'installed too' in j['notices'][0]['text']" "True"
json_eq "$TMP/out" "len(j['findings']) > 0" "True"

expect_rc 1 "accounts --lang ja" "$MD" accounts --lang ja
has "$TMP/out" "新しい Outlook" "the notice in Japanese"
hasnt "$TMP/out" "New Outlook for Windows is installed" "no English left in it"

rm -rf "$PKG"
expect_rc 0 "accounts once it is gone" "$MD" accounts --profile "$PROFILE"
hasnt "$TMP/out" "New Outlook" "no word of New Outlook once the folder is gone"
finish
