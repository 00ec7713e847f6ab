#!/bin/sh
# test_outlook_live.sh — classic Outlook read from the live registry under
# wine (issue 18): a .reg imported with `wine reg import` into this test's
# own prefix (a copy of run.sh's, its wineserver stopped at the end by the
# prefix) is found by `accounts` and `check` without --outlook, in every
# profile of 15.0 and 16.0, each value's registry path its evidence; `fix
# --apply` writes the key (a backup .reg and the journal first) and `fix
# --undo` puts it back: `wine reg export` of the key is the same bytes as
# before. A fake OUTLOOK.EXE (fake_outlook.c, built here with mingw) running
# in the same wineserver makes both refuse and change nothing. The plain
# wizard, answers from a pipe, shows and writes the registry values. Run by
# tests/windows/run.sh (cli part); prints ok:/FAIL: lines.
. "$(dirname "$0")/../cli/lib.sh"
READY=${WINEPREFIX:?run by tests/windows/run.sh}
export WINEPREFIX="$TMP/prefix"
FAKE_PID=""
stop_fake() { [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null && wait "$FAKE_PID" 2>/dev/null; FAKE_PID=""; }
trap 'stop_fake; wineserver -k >/dev/null 2>&1; rm -rf "$TMP"' EXIT
cp -a "$READY" "$WINEPREFIX" || { fail "cannot copy the prefix"; exit 1; }
rm -f "$WINEPREFIX/.netns"
export MAILDOCTOR_REPORT_DIR="$TMP/reports"
mkdir -p "$MAILDOCTOR_REPORT_DIR"

OFFICE='HKEY_CURRENT_USER\Software\Microsoft\Office'
MAIL='9375CFF0413111d3B88A00104B2A6676'
KEY16="$OFFICE\\16.0\\Outlook\\Profiles\\仕事\\$MAIL\\00000003"
KEY15="$OFFICE\\15.0\\Outlook\\Profiles\\Outlook\\$MAIL\\00000002"

# The s4 export (16.0, profile "Outlook") moved to a Japanese profile name,
# and a second account under 15.0 (plala, POP3 without encryption: an
# incoming fix): written as regedit does, UTF-16LE + BOM.
# Without "SMTP Auth Method": the fix adds it, the undo must delete it.
iconv -f UTF-16 -t UTF-8 tests/fixtures/outlook/s4_jcom.reg |
	sed -e 's/\\Profiles\\Outlook\\/\\Profiles\\仕事\\/' \
		-e '/"SMTP Auth Method"/d' >"$TMP/a.txt"
cat >>"$TMP/a.txt" <<EOF
[$KEY15]
"Email"=hex:74,00,61,00,72,00,6f,00,40,00,70,00,6c,00,61,00,6c,00,61,00,2e,\\
  00,6f,00,72,00,2e,00,6a,00,70,00,00,00
"POP3 Server"=hex:73,00,65,00,63,00,75,00,72,00,65,00,2e,00,70,00,6c,00,61,\\
  00,6c,00,61,00,2e,00,6f,00,72,00,2e,00,6a,00,70,00,00,00
"POP3 User"=hex:74,00,61,00,72,00,6f,00,40,00,70,00,6c,00,61,00,6c,00,61,00,\\
  2e,00,6f,00,72,00,2e,00,6a,00,70,00,00,00
"POP3 Port"=dword:0000006e
"SMTP Server"=hex:73,00,65,00,63,00,75,00,72,00,65,00,2e,00,70,00,6c,00,61,\\
  00,6c,00,61,00,2e,00,6f,00,72,00,2e,00,6a,00,70,00,00,00
"SMTP Port"=dword:0000024b
"SMTP Secure Connection"=dword:00000002
"SMTP Use Auth"=dword:00000001
"SMTP User"=hex:74,00,61,00,72,00,6f,00,40,00,70,00,6c,00,61,00,6c,00,61,00,\\
  2e,00,6f,00,72,00,2e,00,6a,00,70,00,00,00
"clsid"="{ED475411-B0D6-11D2-8C3B-00104B2A6676}"

EOF
{ printf '\377\376'; sed 's/$/\r/' "$TMP/a.txt" | iconv -f UTF-8 -t UTF-16LE; } >"$TMP/import.reg"
if wine reg import "$(winepath -w "$TMP/import.reg")" >"$TMP/imp.out" 2>&1; then
	ok "wine reg import of the Outlook keys"
else
	fail "wine reg import: $(cat "$TMP/imp.out")"
fi

expect_rc 0 "accounts without --outlook" "$MD" accounts --json
json_eq "$TMP/out" "len([a for a in j['accounts'] if a['client']=='outlook'])" 2
json_eq "$TMP/out" "sorted(a['profile'] for a in j['accounts'])" "['Outlook', '仕事']"
# (compared in python: echo would take the key's \0 for an escape)
export KEY16
json_eq "$TMP/out" "[a['source'] for a in j['accounts'] if a['profile']=='仕事'][0] == __import__('os').environ['KEY16']" True
json_eq "$TMP/out" "[a['identities'][0]['outgoing']['origin']['port'] for a in j['accounts'] if a['profile']=='仕事'][0] == __import__('os').environ['KEY16'] + '\\\\SMTP Port'" True
json_eq "$TMP/out" "[a['identities'][0]['outgoing']['port'] for a in j['accounts'] if a['profile']=='Outlook'][0]" 587
json_eq "$TMP/out" "[(a['incoming']['host'], a['incoming']['port']) for a in j['accounts'] if a['profile']=='Outlook'][0]" "('secure.plala.or.jp', 110)"

expect_rc 0 "accounts as text" "$MD" accounts
has "$TMP/out" 'Outlook, profile "仕事"' "the Japanese profile is named"
grep -qF "[$KEY16\\SMTP Server]" "$TMP/out" && ok "the server's evidence is its registry path" ||
	fail "the server's evidence is not its registry path"

# check --offline sees the live account and gives registry paths as evidence
"$MD" check --offline --json >"$TMP/check.json" 2>"$TMP/err"
json_eq "$TMP/check.json" "any(e.get('file','').endswith('00000003\\\\SMTP Server') and 'line' not in e for f in j['findings'] for e in f['evidence'])" True

# ---- the fix, written into the registry, and its undo ----
FIXID=use-mail.shirao.example-587
export_key() { # export_key FILE [KEY]: the key (the 仕事 account's) as regedit writes it
	rm -f "$1"
	wine reg export "${2:-$KEY16}" "$(winepath -w "$1")" >/dev/null 2>&1 &&
		[ -s "$1" ]
}
ascii() { iconv -f UTF-16 -t UTF-8 "$1" | tr -d '\r'; }
export_key "$TMP/before.reg" && ok "wine reg export of the key" || fail "wine reg export of the key"
ascii "$TMP/before.reg" | grep -q '"SMTP Port"=dword:000001d1' &&
	ok "before: SMTP Port 465" || fail "before: no SMTP Port 465 in the export"
ascii "$TMP/before.reg" | grep -q 'SMTP Auth Method' &&
	fail "before: SMTP Auth Method is there" || ok "before: no SMTP Auth Method"

# the fake Outlook, in the same wineserver
x86_64-w64-mingw32-gcc -municode -O2 -o "$TMP/OUTLOOK.EXE" tests/windows/fake_outlook.c ||
	fail "cannot build the fake OUTLOOK.EXE"
start_fake() {
	rm -f "$TMP/fake.up"
	wine "$TMP/OUTLOOK.EXE" "$(winepath -w "$TMP/fake.up")" >/dev/null 2>&1 &
	FAKE_PID=$!
	i=0
	while [ ! -f "$TMP/fake.up" ] && [ "$i" -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
	[ -f "$TMP/fake.up" ] && ok "the fake OUTLOOK.EXE runs (pid $FAKE_PID)" ||
		fail "the fake OUTLOOK.EXE did not start"
}

start_fake
expect_rc 2 "fix --apply refused while OUTLOOK.EXE runs" "$MD" fix --apply $FIXID --offline
has "$TMP/err" "Close Outlook" "the refusal says to close Outlook"
"$MD" --lang ja fix --apply $FIXID --offline >"$TMP/ja.out" 2>"$TMP/ja.err"
has "$TMP/ja.err" "Outlook を閉じてから" "the refusal in Japanese"
export_key "$TMP/refused.reg"
cmp -s "$TMP/before.reg" "$TMP/refused.reg" && ok "the refused fix changed nothing in the registry" ||
	fail "the refused fix changed the registry"
ls "$MAILDOCTOR_REPORT_DIR" | grep -q . && fail "the refused fix left files: $(ls "$MAILDOCTOR_REPORT_DIR")" ||
	ok "the refused fix left no backup or journal"
stop_fake

expect_rc 0 "fix --apply writes the registry" "$MD" fix --apply $FIXID --offline
has "$TMP/out" "Read back from the registry:" "the values are read back"
has "$TMP/out" "SMTP Port = 587" "the new port is read back"
BACKUP=$MAILDOCTOR_REPORT_DIR/maildoctor-$FIXID-backup.reg
[ -f "$BACKUP" ] && ok "the backup .reg is beside the report" || fail "no backup $BACKUP"
has "$TMP/out" "maildoctor-$FIXID-backup.reg" "the backup is named"
ascii "$BACKUP" | grep -q '"SMTP Port"=dword:000001d1' && ok "the backup holds the old port" ||
	fail "the backup does not hold the old port"
has "$MAILDOCTOR_REPORT_DIR/maildoctor-outlook-registry.log" "maildoctor-$FIXID-backup.reg" \
	"the journal names the backup"
export_key "$TMP/after.reg"
ascii "$TMP/after.reg" >"$TMP/after.txt"
has "$TMP/after.txt" '"SMTP Port"=dword:0000024b' "the registry holds port 587"
has "$TMP/after.txt" '"SMTP Secure Connection"=dword:00000002' "the registry holds STARTTLS"
has "$TMP/after.txt" '"SMTP Auth Method"=dword:00000001' "the fix added SMTP Auth Method"
expect_rc 0 "accounts reads the new values" "$MD" accounts --json
json_eq "$TMP/out" "[a['identities'][0]['outgoing']['host'] for a in j['accounts'] if a['profile']=='仕事'][0]" mail.shirao.example

start_fake
expect_rc 2 "fix --undo refused while OUTLOOK.EXE runs" "$MD" fix --undo
has "$TMP/err" "Close Outlook" "the undo's refusal says to close Outlook"
export_key "$TMP/refused2.reg"
cmp -s "$TMP/after.reg" "$TMP/refused2.reg" && ok "the refused undo changed nothing" ||
	fail "the refused undo changed the registry"
stop_fake

expect_rc 0 "fix --undo" "$MD" fix --undo
has "$TMP/out" "back as they were" "the undo says so"
export_key "$TMP/undone.reg"
if cmp -s "$TMP/before.reg" "$TMP/undone.reg"; then
	ok "after fix --undo the export is byte-identical to before"
else
	ascii "$TMP/before.reg" >"$TMP/b.txt"
	ascii "$TMP/undone.reg" >"$TMP/u.txt"
	fail "after fix --undo the export differs: $(diff "$TMP/b.txt" "$TMP/u.txt" | head -5)"
fi
expect_rc 1 "a second undo: nothing to undo" "$MD" fix --undo

# ---- an incoming fix: the 15.0 account's POP3, written and undone ----
export_key "$TMP/before15.reg" "$KEY15" && ok "wine reg export of the 15.0 key" ||
	fail "wine reg export of the 15.0 key"
expect_rc 0 "the incoming fix written into the registry" \
	"$MD" fix --apply incoming-secure.plala.or.jp-995 --offline
has "$TMP/out" "POP3 Port = 995" "the new POP3 port is read back"
export_key "$TMP/after15.reg" "$KEY15"
ascii "$TMP/after15.reg" >"$TMP/after15.txt"
has "$TMP/after15.txt" '"POP3 Port"=dword:000003e3' "the registry holds POP3 port 995"
has "$TMP/after15.txt" '"POP3 Use SSL"=dword:00000001' "the registry holds POP3 SSL/TLS"
expect_rc 0 "fix --undo of the incoming fix" "$MD" fix --undo
export_key "$TMP/undone15.reg" "$KEY15"
cmp -s "$TMP/before15.reg" "$TMP/undone15.reg" &&
	ok "after the undo the 15.0 key is byte-identical to before" ||
	fail "after the undo the 15.0 key differs"

# ---- the plain wizard: the 仕事 account (the second), its fix applied ----
printf '\n2\n\n\n\n\nd\na\n\n\n' | timeout -k 5 120 "$MD" --plain --offline >"$TMP/wiz.out" 2>"$TMP/wiz.err"
has "$TMP/wiz.out" "Outlook's account settings in the registry change" "wizard: the registry is named"
has "$TMP/wiz.out" 'SMTP Port: 465 → 587' "wizard: the value before → after"
has "$TMP/wiz.out" "✓ The change was made." "wizard: applied"
has "$TMP/wiz.out" "maildoctor-$FIXID-backup" "wizard: the backup is named"
export_key "$TMP/wiz.reg"
ascii "$TMP/wiz.reg" | grep -q '"SMTP Port"=dword:0000024b' &&
	ok "wizard: the registry holds port 587" || fail "wizard: the registry was not changed"
expect_rc 0 "fix --undo after the wizard" "$MD" fix --undo
export_key "$TMP/wizundo.reg"
cmp -s "$TMP/before.reg" "$TMP/wizundo.reg" && ok "after the wizard's fix and undo: byte-identical" ||
	fail "after the wizard's fix and undo the key differs"

# ---- no MAILDOCTOR_REPORT_DIR: the backup and journal go to the user's
# folder, C:\users\田中花子 (a Japanese path through every call) ----
HOMEW="$WINEPREFIX/drive_c/users/${USER:-}"
(unset MAILDOCTOR_REPORT_DIR; "$MD" fix --apply $FIXID --offline) >"$TMP/out" 2>"$TMP/err" &&
	ok "fix --apply with the report folder in C:\\users\\${USER:-}" || fail "fix --apply: $(cat "$TMP/err")"
[ -f "$HOMEW/maildoctor-$FIXID-backup.reg" ] && [ -f "$HOMEW/maildoctor-outlook-registry.log" ] &&
	ok "the backup and the journal are in the user's folder" ||
	fail "no backup or journal in $HOMEW: $(ls "$HOMEW")"
(unset MAILDOCTOR_REPORT_DIR; "$MD" fix --undo) >"$TMP/out" 2>"$TMP/err" && ok "fix --undo from there" ||
	fail "fix --undo: $(cat "$TMP/err")"
export_key "$TMP/homeundo.reg"
cmp -s "$TMP/before.reg" "$TMP/homeundo.reg" && ok "undone from the user's folder: byte-identical" ||
	fail "undone from the user's folder: the key differs"

# ---- a value changed after the fix (as Outlook would): undo refuses,
# --force puts back the values from before ----
expect_rc 0 "fix --apply again" "$MD" fix --apply $FIXID --offline
ls "$MAILDOCTOR_REPORT_DIR" | grep -q "maildoctor-$FIXID-written" &&
	ok "the values as written are kept beside the backup" || fail "no -written .reg"
wine reg add "$KEY16" /v "SMTP Port" /t REG_DWORD /d 25 /f >/dev/null 2>&1 ||
	fail "wine reg add"
expect_rc 2 "fix --undo refused: SMTP Port changed since" "$MD" fix --undo
has "$TMP/err" "--force" "the refusal names --force"
export_key "$TMP/changed.reg"
ascii "$TMP/changed.reg" | grep -q '"SMTP Port"=dword:00000019' &&
	ok "the refused undo left the changed value" || fail "the refused undo changed the key"
expect_rc 0 "fix --undo --force" "$MD" fix --undo --force
export_key "$TMP/forced.reg"
cmp -s "$TMP/before.reg" "$TMP/forced.reg" && ok "after --force: byte-identical to before" ||
	fail "after --force the key differs"
finish
