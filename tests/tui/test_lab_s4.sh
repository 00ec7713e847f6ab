#!/bin/sh
# The wizard against real servers (the lab's scenario S4, as root): the
# live matrix keeps moving while a server says nothing, Esc stops it; then
# on the S4 profile the checks run, the finding and a verified fix are
# shown, the fix is applied on a copy and the same checks, run again,
# find mail going out, the verdict coming before the rows it does not
# need (port 25) have ended.
. "$(dirname "$0")/lab.sh"
in_lab S4 "$@"
. "$(dirname "$0")/lib.sh"
RUN_IN="ip netns exec $LAB_NS_CLIENT"
LABOPTS="--resolver $LAB_RESOLVER --ca-file $LAB_CA --timeout 8"

# 1. A server that never answers: the screen keeps moving, Esc stops it.
home
sed -i -e 's/"smtpa.jcom.zaq.ne.jp"/"silent.peers.example"/' \
	-e 's/smtp2.port", 465/smtp2.port", 587/' \
	-e 's/smtp2.try_ssl", 3/smtp2.try_ssl", 2/' "$PREFS"
start -- $LABOPTS
expect "Welcome" "step 1"
keys Enter; expect "silent.peers.example" "step 2"
keys Enter
expect "step 3 of 7: Checking" "step 3"
expect "waiting for the server's" "a row shows its step" 6
t1=$(line 1 | grep -oE '[0-9]+\.[0-9] s')
sleep 1.2
t2=$(line 1 | grep -oE '[0-9]+\.[0-9] s')
[ -n "$t1" ] && [ "$t1" != "$t2" ] && ok "the elapsed time moves ($t1, $t2)" ||
	fail "elapsed time did not move: '$t1' '$t2'"
case $(line 24) in
*"Esc stop"*) ok "Esc stop on the bottom line" ;;
*) fail "bottom line: $(line 24)" ;;
esac
keys Escape
expect "All checks are done" "Esc stops the checks"
expect "stopped" "unfinished rows say stopped"
keys q
rc=$(wait_exit)
echo "exit $rc"
tmux_ kill-server

# 2. The S4 profile: checks, finding, verified fix, apply, re-check.
rm -rf "$TMP/home"; home
start -- $LABOPTS
expect "Welcome" "S4: step 1"
keys Enter; expect "Which account" "S4: step 2"
keys Enter
expect "step 3 of 7: Checking" "S4: step 3"
expect "All checks are done" "S4: the checks end" 30
expect "✓  mail.shirao.example" "a working row with ✓"
expect "your outgoing server:" "rows grouped by what they are for"
expect "works" "the outcome in words"
expect "IPv6" "rows per address family"
# plain words on the main path: the encryption's names are behind d
expect "587 encrypted IPv4" "the encryption in words"
for w in STARTTLS "TLS " Port port; do
	expect_not "$w" "S4: step 3 does not say $w"
done
keys Enter
expect "✗ Problem: Mail from haha@shirao.example goes out through" "S4: finding"
keys d
expect "port 587 starttls" "evidence names the probe"
press_until "< 220" Space 6
expect "< 220" "evidence has what the server said"
press_until "step 5 of 7: The fix" Enter
expect "step 5 of 7: The fix" "S4: step 5 after every finding"
expect "Outgoing server  smtpa.jcom.zaq.ne.jp      →  mail.shirao.example" "S4: preview"
expect_not "could not be tried" "the fix was verified by a probe"
keys a
expect "step 6 of 7: Apply and check again" "S4: step 6"
expect "No problem is left: mail can go out with the new settings." \
	"S4: the re-check finds mail going out" 30
# The verdict needs the new server's own ports, not its port 25, which
# OP25B holds until the probe gives up: it comes while that row runs,
# and the person can go on.
screen >"$TMP/verdict"
if grep -qF "cannot change this" "$TMP/verdict" &&
	grep -qE " 25 encrypted .*…" "$TMP/verdict" &&
	tail -n 1 "$TMP/verdict" | grep -qF "Esc"; then
	ok "S4: the verdict comes while port 25 still runs"
else
	fail "S4: the verdict waited for every row"; sed 's/^/  | /' "$TMP/verdict"
fi
keys Enter
expect "step 7 of 7: Summary" "S4: step 7"
keys Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "S4: exit 0" || fail "S4: exit status $rc"
grep -q '"smtp1"' "$PREFS" && ok "S4: prefs.js fixed" || fail "not fixed"

# 3. --plain against the same servers: rows printed once each, when final.
rm -rf "$TMP/home"; home
printf '\n1\n\n' | ip netns exec "$LAB_NS_CLIENT" env HOME="$TMP/home" \
	LANG=C.UTF-8 "$MD" --plain $LABOPTS >"$TMP/plain" 2>&1
grep -qF "== Step 3 of 7: Checking ==" "$TMP/plain" && ok "plain: step 3" ||
	fail "plain: no step 3"
grep -qF "could not start" "$TMP/plain" && fail "plain: a page drawn too early"
n=$(grep -cE "^    ✓  mail.shirao.example +587 encrypted IPv4 +works" "$TMP/plain")
[ "$n" = 1 ] && ok "plain: a row printed once, final" ||
	{ fail "plain: row printed $n times"; cat "$TMP/plain"; }
grep -qF "All checks are done:" "$TMP/plain" && ok "plain: the count" ||
	fail "plain: no count"
grep -qF "== Step 4 of 7: What we found ==" "$TMP/plain" &&
	ok "plain: step 4" || fail "plain: no step 4"
echo done >"$MD_LAB_MARK"
finish
