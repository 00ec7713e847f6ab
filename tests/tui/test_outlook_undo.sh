#!/bin/sh
# Outlook (a .reg hand-over): a on step 5 writes the .reg to import and a
# restoring .reg beside it; step 6 is not skipped but says which file to
# double-click and which one undoes it; the summary and its read-aloud
# version name both instead of "Nothing was changed"; the undo command
# (fix --undo --outlook FILE) then names the restoring .reg.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/home" "$TMP/olk"
cp tests/fixtures/outlook/s4_jcom.reg "$TMP/olk/"
EXP=$TMP/olk/s4_jcom.reg
REG=$TMP/olk/maildoctor-use-mail.shirao.example-587.reg
UNDO=$TMP/olk/maildoctor-use-mail.shirao.example-587-undo.reg
start -x 160 -y 40 -- --offline --outlook "$EXP"
to_fix
expect "Or press a to write, beside the export, a file that Outlook can import and one that undoes it." \
	"step 5 offers the file and the one that undoes it"
keys a
expect "step 6 of 7: Apply and check again" "step 6 is shown for Outlook"
expect "A file to import was written: $REG. Double-click it while Outlook is closed." \
	"step 6: the file to double-click"
expect "To undo it afterwards, close Outlook and double-click $UNDO" \
	"step 6: the file that undoes it"
[ -f "$UNDO" ] && ok "the restoring .reg was written" || fail "no restoring .reg"
keys Enter
expect "step 7 of 7: Summary" "step 7"
expect "Nothing was changed yet. To make the change, close Outlook and double-click $REG" \
	"the summary says what to double-click"
expect "After the import, close Outlook and double-click $UNDO" \
	"the summary says how to undo it"
expect "2. The change: close Outlook and double-click $REG" "read aloud: the change"
expect "3. To undo it: close Outlook and double-click $UNDO" "read aloud: the undo"
expect_not "Nothing was changed." "no \"Nothing was changed.\""
keys Enter
wait_exit >/dev/null
HOME=$TMP/home "$MD" fix --undo --outlook "$EXP" >"$TMP/undo.out" 2>&1
if grep -qF "$UNDO" "$TMP/undo.out"; then ok "fix --undo --outlook names the restoring .reg"
else fail "fix --undo --outlook: $(cat "$TMP/undo.out")"; fi
finish
