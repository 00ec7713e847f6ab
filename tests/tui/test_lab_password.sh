#!/bin/sh
# The wizard's password (step 2, p) against real servers (the lab's S6, as
# root): the field shows one star per character and never the password; Esc
# forgets it; with the right password the first check logs in to eo's
# server, whose dry run refuses the family domain's sender ("550 5.7.1
# Sender rejected"), which step 4 says in words; with a wrong one, step 4
# says the login was refused (plain mode, "p 1"). The password is then
# searched for, and its base64 as AUTH PLAIN sends it, in every screen
# captured, the plain output and the saved reports: found nowhere.
. "$(dirname "$0")/lab.sh"
in_lab S6 "$@"
. "$(dirname "$0")/lib.sh"
RUN_IN="ip netns exec $LAB_NS_CLIENT"
LABOPTS="--resolver $LAB_RESOLVER --ca-file $LAB_CA --timeout 8"
PW=$LAB_PASS_EO
B64=$(printf '\0%s\0%s' "$LAB_USER_EO" "$PW" | base64 -w0)
stars=$(printf '%s' "$PW" | sed 's/./*/g')
mkdir -p "$TMP/home" "$TMP/screens"
cp -r tests/fixtures/tb/s6 "$TMP/s6"
shot=0
# keep the screen as it is now, to search it for the password at the end
keep() { shot=$((shot + 1)); screen >"$TMP/screens/$shot"; }

# 1. The full-screen wizard.
start -- --profile "$TMP/s6" $LABOPTS
expect "Welcome" "step 1"
keys Enter
expect "Which account" "step 2"
expect "p try the password" "p is on the bottom line"
keys p
expect "Type the password of otto@shirao.example" "the password page names the address"
expect "smtpauth.eonet.ne.jp" "and the server it logs in to"
tmux_ send-keys -t 0 -l "$PW"
sleep 0.3
expect "[ ${stars}_ ]" "one star per character"
keep
expect_not "$PW" "the password is not on the screen"
keys Escape
expect "otto@shirao.example" "Esc: back to the list"
expect_not "Type the password" "the password page is gone"
keys p
expect "[ _ ]" "what was typed before is forgotten"
tmux_ send-keys -t 0 -l "$PW"
sleep 0.3
keep
keys Enter
expect "step 3 of 7: Checking" "step 3"
expect "All checks are done" "the checks end" 40
keep
keys Enter
expect "smtpauth.eonet.ne.jp refuses mail from" \
	"the server's own refusal of the sender, in words" 5
keys d
expect "550 5.7.1" "its words in the evidence"
keep
keys q
rc=$(wait_exit)
echo "exit $rc"
tmux_ kill-server

# 2. Plain lines, a wrong password: the login was refused.
printf '\np 1\nnot-the-%s\n\n\n\n\n\n' "$PW" | $RUN_IN env HOME="$TMP/home" \
	MAILDOCTOR_REPORT_DIR="$TMP" LANG=C.UTF-8 "$MD" --plain \
	--profile "$TMP/s6" $LABOPTS >"$TMP/plain" 2>&1
grep -qF "(the password is not shown)" "$TMP/plain" &&
	ok "plain: the answer is not echoed" || fail "plain: no hidden answer"
grep -qF "smtpauth.eonet.ne.jp refused the user name or password." \
	"$TMP/plain" && ok "plain: a wrong password is a refused login" ||
	{ fail "plain: no auth-failed"; cat "$TMP/plain"; }

# 3. Plain lines, the right password, to the summary: the report is saved.
printf '\np 1\n%s\n\n\n\n\ns\n\n\n' "$PW" | $RUN_IN env HOME="$TMP/home" \
	MAILDOCTOR_REPORT_DIR="$TMP" LANG=C.UTF-8 "$MD" --plain \
	--profile "$TMP/s6" $LABOPTS >"$TMP/plain2" 2>&1
grep -qF "550 5.7.1 Sender rejected" "$TMP/plain2" &&
	ok "plain: the dry run's refusal" || { fail "plain: no 550"; cat "$TMP/plain2"; }
n=$(ls "$TMP"/maildoctor-report-*.txt 2>/dev/null | wc -l)
[ "$n" -ge 1 ] && ok "a report was saved ($n)" || fail "no report saved"

# 4. Nowhere: screens, plain output, reports, the profile copy.
found=0
for f in "$TMP"/screens/* "$TMP/plain" "$TMP/plain2" \
	"$TMP"/maildoctor-report-*.txt $(find "$TMP/s6" "$TMP/home" -type f); do
	[ -f "$f" ] || continue
	if grep -qF -e "$PW" -e "$B64" "$f"; then
		found=$((found + 1)); echo "password in $f"
	fi
done
[ "$found" = 0 ] && ok "the password is in none of $shot screens, the outputs, the reports" ||
	fail "the password was found in $found files"
echo done >"$MD_LAB_MARK"
finish
