#!/bin/sh
# The S4 profile, offline: the finding in plain words, the evidence on d,
# and the fix preview with every value before → after, the exact line of
# prefs.js, where the backup goes and the keys to apply or skip. Skipping
# changes nothing.
. "$(dirname "$0")/lib.sh"
home
start -- --offline
expect "Welcome" "step 1"
keys Enter
expect "Which account" "step 2"
keys Enter
expect "step 3 of 7: Checking" "step 3"
expect "All checks are done." "the offline check ends"
keys Enter
expect "step 4 of 7: What we found" "step 4"
expect "✗ Problem: Mail from haha@shirao.example goes out through" \
	"the finding, with a symbol and a word"
expect "Press d to see the evidence." "evidence is one key away"
keys d
expect "prefs.js line 19: identity haha@shirao.example" "d shows the settings line"
keys d
expect "Press d to see the evidence." "d hides it again"
keys Enter Enter
expect "step 5 of 7: The fix" "step 5"
screen >"$TMP/fix"
for want in \
	"This change is proposed for haha@shirao.example:" \
	"Outgoing server  smtpa.jcom.zaq.ne.jp      →  mail.shirao.example" \
	"Encryption       encrypted from the start  →  encrypted once connected" \
	"User name        haha@jcom.zaq.ne.jp       →  haha" \
	"Thunderbird's settings file changes; press d to see the lines." \
	"First a copy of each file is kept, in the same folder:" \
	"$(dirname "$PREFS")" \
	"Press a to make this change, or s to leave the settings as they are." \
	"a apply" "s skip" "Esc back"; do
	grep -qF -- "$want" "$TMP/fix" && ok "preview: $want" ||
		{ fail "preview lacks: $want"; sed 's/^/  | /' "$TMP/fix"; }
done
keys d
# the port, Thunderbird's names of the encryption and the lines of
# prefs.js are one key away
expect "Port                 465      →  587" "d shows the port"
expect "Connection security  SSL/TLS  →  STARTTLS" "d shows the technical names"
expect 'prefs.js: mail.identity.id1.smtpServer  "smtp2" → "smtp1"' \
	"d shows the lines of prefs.js"
press_until "copies: prefs.js.maildoctor-DATE-TIME.bak" Space 3
expect "copies: prefs.js.maildoctor-DATE-TIME.bak" "d names the copies"
expect "already in your" "d says the server was there, unused"
keys s
expect "step 7 of 7: Summary" "s skips to the summary"
expect "Nothing was changed." "the summary says nothing changed"
cmp -s "$PREFS" "$ORIG" && ok "prefs.js untouched" || fail "prefs.js changed"
keys Enter
rc=$(wait_exit)
[ "$rc" = 1 ] && ok "exit 1: a problem is left" || fail "exit status $rc"
finish
