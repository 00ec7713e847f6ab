#!/bin/sh
# Small sentences of the wizard that were wrong (issue 15 item 21): the
# summary's Enter says it finishes; after d the evidence hint says d hides
# it (not "Press d to see the evidence"); the full-screen help does not
# speak of the plain mode's "p 2" (the plain help does); the report of a
# typed address lists no other account.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
to_accounts
keys '?'
expect "p      Check the chosen account with its password too" "the help of p"
expect_not "--plain mode" "the full-screen help does not speak of --plain mode"
expect_not "p 2" "nor of p 2"
keys Escape Enter
expect "All checks are done." "step 3"
keys Enter
expect "Press d to see the evidence." "step 4: the hint"
keys d
expect "Evidence:" "d shows the evidence"
expect "Press d again to hide the evidence." "the hint says what d does now"
expect_not "Press d to see the evidence." "the old hint is gone after d"
keys d
expect "Press d to see the evidence." "d hides it again"
keys Enter Enter
expect "step 5 of 7: The fix" "step 5"
keys s
expect "step 7 of 7: Summary" "step 7"
case $(line 24) in
*"Enter finish"*) ok "the summary's Enter says it finishes" ;;
*) fail "bottom line: $(line 24)" ;;
esac
expect_not "Enter go on" "no \"go on\" where Enter ends"
keys Enter
rc=$(wait_exit)
[ "$rc" != none ] && ok "Enter finishes" || fail "the wizard did not end"

# plain: the help of step 2 names "p 2"; the summary offers "finish"
printf '\n?\nb\n1\n\n\n\n\ns\n\n' | HOME=$TMP/home MAILDOCTOR_REPORT_DIR=$TMP \
	LANG=C.UTF-8 "$MD" --plain --offline >"$TMP/out" 2>"$TMP/err"
grep -qF "p followed by a number (p 2) does this for that choice." "$TMP/out" &&
	ok "plain help: p 2" || fail "plain help lacks p 2"
grep -qF "[Enter = finish" "$TMP/out" && ok "plain summary: Enter = finish" ||
	{ fail "plain summary: no \"Enter = finish\""; tail -5 "$TMP/out"; }

# a typed address: the report lists that address only
rm -f "$TMP"/maildoctor-report-*.txt
printf '\nt\nsomeone@gmail.com\n\n\n\n\n\n\n\n' | HOME=$TMP/home \
	MAILDOCTOR_REPORT_DIR=$TMP LANG=C.UTF-8 "$MD" --plain --offline \
	>"$TMP/out" 2>"$TMP/err"
report=$(ls "$TMP"/maildoctor-report-*.txt 2>/dev/null | head -1)
if [ -f "$report" ]; then
	grep -qF "<someone@gmail.com>" "$report" && ok "report: the typed address" ||
		fail "report lacks the typed address"
	grep -qF "haha@shirao.example" "$report" &&
		{ fail "report lists an unrelated account"; sed 's/^/  | /' "$report" | head -12; } ||
		ok "report: no unrelated account"
else
	fail "no report"; tail -20 "$TMP/out"
fi
cat "$TMP"/asan.log* >>"$TMP/asan" 2>/dev/null
finish
