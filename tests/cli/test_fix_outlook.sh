#!/bin/sh
# test_fix_outlook.sh — `fix --apply` for Outlook hands the fix over as a
# .reg to double-click, with a restoring .reg beside it (the values as
# they were) named in its output, and `fix --undo --outlook FILE` names
# that restoring .reg instead of saying there is nothing to undo.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/olk" "$TMP/home"
cp tests/fixtures/outlook/s4_jcom.reg "$TMP/olk/"
EXP=$TMP/olk/s4_jcom.reg
export HOME="$TMP/home"
expect_rc 1 "before any hand-over: nothing to undo" "$MD" fix --undo --outlook "$EXP"
expect_rc 0 "Outlook: the fix handed over" "$MD" fix --offline --outlook "$EXP" \
	--apply use-mail.shirao.example-587
has "$TMP/out" "Import $TMP/olk/maildoctor-use-mail.shirao.example-587.reg" "the .reg to import"
has "$TMP/out" "To undo it after the import, double-click $TMP/olk/maildoctor-use-mail.shirao.example-587-undo.reg" \
	"the restoring .reg is named"
undo=$TMP/olk/maildoctor-use-mail.shirao.example-587-undo.reg
if [ -f "$undo" ]; then ok "the restoring .reg is beside the export"; else fail "no restoring .reg"; fi
if iconv -f UTF-16 -t UTF-8 "$undo" 2>/dev/null | grep -q '"SMTP Port"=dword:000001d1'; then
	ok "it holds the old port (465)"; else fail "the old port is not in it"; fi
expect_rc 0 "fix --undo --outlook names the restoring .reg" "$MD" fix --undo --outlook "$EXP"
has "$TMP/out" "$undo" "the undo names the restoring .reg"
hasnt "$TMP/err" "nothing to undo" "it does not say there is nothing to undo"
cmp -s "$EXP" tests/fixtures/outlook/s4_jcom.reg && ok "the export is untouched" ||
	fail "the export changed"
finish
