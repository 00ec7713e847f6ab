#!/bin/sh
# --plain, and any run whose stdout is not a terminal: the same steps as
# numbered lines, answers read from stdin (here scripted). A whole run
# applies the fix; an input that ends early changes nothing.
. "$(dirname "$0")/lib.sh"
home
run_plain() { # ANSWERS ARGS… — stdout in $TMP/out, status in $TMP/rc
	answers=$1; shift
	printf "$answers" | HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP \
		LANG=C.UTF-8 "$MD" "$@" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/rc"
}
has() {
	if grep -qF -- "$1" "$TMP/out"; then ok "$2"; else
		fail "$2: no \"$1\""; sed 's/^/  | /' "$TMP/out" | head -80; fi
}

# 1. a whole run: Enter, account 1, Enter, Enter, Enter, Enter, d (the
# lines of prefs.js are in the details), a, Enter, Enter
run_plain '\n1\n\n\n\n\nd\na\n\n\n' --plain --offline
has "== Step 1 of 7: Welcome ==" "step 1 numbered"
has "[Enter = go on, ? = help, q = quit]" "the answers offered"
has "  1. Haha Shirao <haha@shirao.example> — sends through smtpa.jcom.zaq.ne.jp (Thunderbird)" \
	"step 2: the account as a numbered choice"
has "a number 1-1 chooses" "numbers offered"
has "== Step 3 of 7: Checking ==" "step 3"
has "== Step 4 of 7: What we found ==" "step 4"
has "✗ Problem: Mail from haha@shirao.example" "the finding"
has "== Step 5 of 7: The fix ==" "step 5"
has "  Outgoing server  smtpa.jcom.zaq.ne.jp      →  mail.shirao.example" "before → after"
has '  prefs.js: mail.identity.id1.smtpServer  "smtp2" → "smtp1"' "the exact line"
has "== Step 6 of 7: Apply and check again ==" "step 6"
has "✓ The change was made." "applied"
has "== Step 7 of 7: Summary ==" "step 7"
has "  3. To undo it, type:" "read-aloud numbered lines"
has "     maildoctor fix --undo" "the undo command on a line of its own"
has "saved in $TMP/maildoctor-report-" "report path"
[ "$(cat "$TMP/rc")" = 0 ] && ok "exit 0" || fail "exit $(cat "$TMP/rc")"
grep -q '"smtp1"' "$PREFS" && ok "the fix was applied" || fail "not applied"
cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
[ -s "$TMP/err" ] && { fail "stderr not empty"; cat "$TMP/err"; }

# 2. stdout not a terminal, no --plain: plain all the same; the input
# ends at the fix preview: nothing is changed.
rm -rf "$TMP/home"; home
run_plain '\n1\n\n\n\n' --offline
has "== Step 5 of 7: The fix ==" "plain without --plain when piped"
has "No more answers: maildoctor stops here and changes nothing more." \
	"end of input said"
cmp -s "$PREFS" "$ORIG" && ok "end of input changes nothing" ||
	fail "prefs.js changed"
[ "$(cat "$TMP/rc")" = 1 ] && ok "exit 1: the problem is left" ||
	fail "exit $(cat "$TMP/rc")"

# 3. a wrong answer is asked again; ? helps; q at the fix asks, y leaves.
run_plain '\nzzz\n?\nb\n1\n\n\n\n\nq\ny\n' --plain --offline
has "== Help ==" "? helps"
has "(empty line)" "the help names the answers of the plain mode"
has "Please answer with one of the choices in brackets." "wrong answer"
has "== Quit maildoctor? ==" "q asks first"
cmp -s "$PREFS" "$ORIG" && ok "quit changes nothing" || fail "prefs.js changed"

# 4. --profile DIR names the profile (nothing found in $HOME); the undo
# command then names it too. --outlook FILE adds an Outlook export.
rm -rf "$TMP/home"; home
dir=$(dirname "$PREFS")
mv "$TMP/home/.thunderbird" "$TMP/elsewhere"
dir=$TMP/elsewhere/Profiles/$(basename "$dir")
run_plain '\n1\n\n\n\n\na\n\n\n' --plain --offline --profile "$dir" \
	--outlook tests/fixtures/outlook/bom.reg
has "  1. Haha Shirao <haha@shirao.example> — sends through smtpa.jcom.zaq.ne.jp (Thunderbird)" \
	"--profile: the account"
has "  2. Bom Test <bom@example.net> — sends through smtp.example.net (Outlook)" \
	"--outlook: the Outlook account"
has "     maildoctor fix --undo --profile $dir" \
	"the undo command names the profile"
grep -q '"smtp1"' "$dir/prefs.js" && ok "--profile: fixed" || fail "not fixed"

# 5. An Outlook export: the values to type, and on a the file to import
# (written beside the export; Outlook's settings are not touched).
mkdir -p "$TMP/olk"
cp tests/fixtures/outlook/s4_jcom.reg "$TMP/olk/"
run_plain '\n1\n\n\n\na\n\n\n' --plain --offline --outlook "$TMP/olk/s4_jcom.reg"
has "maildoctor cannot change Outlook's settings. Type these values in Outlook:" \
	"Outlook: the values to type"
has "  2. Outgoing mail server (SMTP): mail.shirao.example" "Outlook: numbered steps"
has "✓ A file to import was written: $TMP/olk/maildoctor-" "Outlook: the .reg"
ls "$TMP"/olk/maildoctor-*.reg >/dev/null 2>&1 && ok "the .reg is beside the export" ||
	fail "no .reg"
cmp -s "$TMP/olk/s4_jcom.reg" tests/fixtures/outlook/s4_jcom.reg &&
	ok "the export itself is untouched" || fail "the export changed"

# 5b. For scripts, a at step 3 goes through the findings to the fix and
# applies it: the same answers serve Outlook (the .reg) and Thunderbird,
# whatever the number of findings; no answer is refused.
rm -f "$TMP"/olk/maildoctor-*.reg
run_plain '\n1\na\n\n\n' --plain --offline --outlook "$TMP/olk/s4_jcom.reg"
has "✓ A file to import was written: $TMP/olk/maildoctor-" "a at step 3, Outlook: the .reg"
if grep -qF "Please answer" "$TMP/out"; then fail "Outlook: an answer refused"; else ok "Outlook: no answer refused"; fi
rm -rf "$TMP/home"; home
run_plain '\n1\na\n\n\n' --plain --offline
has "✓ The change was made." "a at step 3, Thunderbird: applied"
has "== Step 7 of 7: Summary ==" "then the summary"
if grep -qF "Please answer" "$TMP/out"; then fail "an answer refused"; else ok "no answer refused"; fi
[ "$(cat "$TMP/rc")" = 0 ] && ok "exit 0" || fail "exit $(cat "$TMP/rc")"

# 6. Japanese
run_plain '\nq\n' --plain --offline --lang ja
has "== ステップ 1/7: ようこそ ==" "Japanese step 1"
has "[Enter = 次へ, ? = ヘルプ, q = 終了]" "Japanese answers"
finish
