#!/bin/sh
# A profile on a Windows drive seen from WSL (here MAILDOCTOR_WSL_MNT makes
# $TMP/c a drive) whose Thunderbird cannot be asked about (no tasklist.exe
# on PATH or in <mnt>/c/Windows/System32): a in the wizard changes
# nothing and says in words that it cannot tell, and how to say it is
# closed; started with --thunderbird-closed, a applies.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/c/home"
cp -r "$FIXTURE/.thunderbird" "$TMP/c/home/"
PREFS=$(ls "$TMP"/c/home/.thunderbird/Profiles/*/prefs.js)
ORIG=$(ls "$FIXTURE"/.thunderbird/Profiles/*/prefs.js)
W="HOME=$TMP/c/home MAILDOCTOR_WSL_MNT=$TMP"
# shellcheck disable=SC2086
start -x 100 -y 40 $W -- --offline
to_fix
expect "step 5 of 7: The fix" "step 5"
keys a
expect "Nothing was changed:" "the refusal in words"
expect "cannot tell whether Thunderbird runs on Windows" "says it cannot tell"
expect "thunderbird-closed" "names the option that says it is closed"
cmp -s "$PREFS" "$ORIG" && ok "prefs.js untouched" || fail "prefs.js changed"
keys q
wait_exit >/dev/null
# shellcheck disable=SC2086
start -x 100 -y 40 $W -- --offline --thunderbird-closed
to_fix
keys a
expect "step 6 of 7: Apply and check again" "a, having said it is closed"
expect "The change was made." "applied"
cmp -s "$PREFS" "$ORIG" && fail "prefs.js not changed" || ok "prefs.js changed"
keys Enter Enter
rc=$(wait_exit)
[ "$rc" = 0 ] && ok "exit 0" || fail "exit status $rc"
finish
