#!/bin/sh
# Applying the fix on a copy of the S4 profile: a writes (with a backup),
# the same checks run again, the summary names what changed, the undo
# command and the saved report; the report has no secret; the undo command
# it names puts prefs.js back byte for byte.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
expect "Welcome" "step 1"
keys Enter; expect "Which account" "step 2"
keys Enter; expect "All checks are done." "step 3 done"
keys Enter; expect "What we found" "step 4"
keys Enter Enter; expect "step 5 of 7: The fix" "step 5"
keys a
expect "step 6 of 7: Apply and check again" "step 6"
expect "✓ The change was made." "the write is reported"
expect "The new settings look right. Only the settings were judged" \
	"the re-check finds nothing left in the settings"
grep -q 'user_pref("mail.identity.id1.smtpServer", "smtp1");' "$PREFS" &&
	ok "prefs.js now names smtp1" || fail "prefs.js not changed"
ls "$(dirname "$PREFS")"/prefs.js.maildoctor-*.bak >/dev/null 2>&1 &&
	ok "backup beside prefs.js" || fail "no backup"
cmp -s "$(ls "$(dirname "$PREFS")"/prefs.js.maildoctor-*.bak | head -1)" \
	"$ORIG" && ok "backup is the old file" || fail "backup differs"
keys Enter
expect "step 7 of 7: Summary" "step 7"
expect "haha@shirao.example now sends through mail.shirao.example, port 587." \
	"what was changed"
expect "maildoctor fix --undo" "how to undo it"
expect "saved in $TMP/maildoctor-report-" "the report's path"
expect "To read aloud over the phone:" "the read-aloud version"
expect "3. To undo it, type:" "numbered for the phone"
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0: fixed" || fail "exit status $rc"
report=$(ls "$TMP"/maildoctor-report-*.txt 2>/dev/null | head -1)
if [ -f "$report" ]; then
	ok "report saved"
	grep -qF "mail.identity.id1.smtpServer \"smtp2\" -> \"smtp1\"" "$report" &&
		ok "report has the change" || fail "report lacks the change"
	grep -qF "[problem]" "$report" && ok "report has the finding" ||
		fail "report lacks the finding"
	[ "$(stat -c %a "$report")" = 600 ] && ok "report is private (0600)" ||
		fail "report mode $(stat -c %a "$report")"
else
	fail "no report in $TMP"
fi
HOME=$TMP/home "$MD" fix --undo >"$TMP/undo.out" 2>&1 &&
	ok "maildoctor fix --undo runs" || { fail "undo failed"; cat "$TMP/undo.out"; }
cmp -s "$PREFS" "$ORIG" && ok "undo restores prefs.js byte for byte" ||
	fail "prefs.js differs after undo"
finish
