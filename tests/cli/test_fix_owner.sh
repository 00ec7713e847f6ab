#!/bin/sh
# fix --apply run as root (sudo) on a profile owned by another user (uid
# 65534): prefs.js, its backup and the journal stay that user's, with the
# mode each had (0600 prefs.js, the backup as prefs.js); a stale lock link
# to a pid that has ended does not block. Needs root: else NOT RUN (77).
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
	echo "NOT RUN: giving a profile to uid 65534 needs root"; exit 77
fi
SRC=tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release
P="$TMP/profile"
cp -r "$SRC" "$P"
chmod 0711 "$TMP" # the profile's user can reach its folder
chmod 0700 "$P"
chmod 0600 "$P/prefs.js"
chown -R 65534:65534 "$P"
ID=use-mail.shirao.example-587

sh -c 'exit 0' & dead=$!
wait "$dead"
ln -s "127.0.0.1:+$dead" "$P/lock"
chown -h 65534:65534 "$P/lock"

expect_rc 0 "applied as root, with a lock link to an ended pid" \
	env HOME="$TMP/home" "$MD" fix --apply "$ID" --profile "$P" --offline
has "$TMP/out" "Changed: " "says what changed"

# owner:group mode of a file
om() { stat -c '%u:%g %a' "$1"; }
[ "$(om "$P/prefs.js")" = "65534:65534 600" ] && ok "prefs.js stays 65534, 0600" ||
	fail "prefs.js is $(om "$P/prefs.js")"
n=0
for b in "$P"/prefs.js.maildoctor-*.bak; do
	[ -f "$b" ] || continue
	n=$((n + 1))
	[ "$(om "$b")" = "65534:65534 600" ] && ok "backup stays 65534, 0600" ||
		fail "backup $(basename "$b") is $(om "$b")"
done
[ "$n" -eq 1 ] && ok "one backup" || fail "$n backups"
J="$P/maildoctor-fixes.log" # FIX_JOURNAL
if [ -f "$J" ]; then
	[ "$(om "$J")" = "65534:65534 600" ] && ok "the journal is 65534's, 0600" ||
		fail "the journal is $(om "$J")"
else
	fail "no journal $J"
fi
# and the user can read back their own settings
if command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups cat "$P/prefs.js" >/dev/null &&
		ok "uid 65534 reads prefs.js" || fail "uid 65534 cannot read prefs.js"
fi
finish
