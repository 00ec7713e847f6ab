#!/bin/sh
# deb-install-check.sh — installs the package built by `make deb` on THIS
# machine with apt, checks that maildoctor runs from another folder with its
# data, its Japanese and its manual page, then purges it and checks that
# nothing is left. It changes the machine (root, apt), so `make check` does
# not run it; tests/cli/test_deb.sh is the part that changes nothing.
# Usage (root): make deb && sh tools/deb-install-check.sh
# Ends with "N passed, N failed"; exit 0 when nothing failed.
set -u
cd "$(dirname "$0")/.." || exit 3
SRC=$PWD
V=$(cat VERSION)
DEB=$SRC/build/deb/maildoctor_${V}_$(dpkg --print-architecture).deb
S4=$SRC/tests/fixtures/tb/s4/.thunderbird
PASS=0
FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok() { echo "ok: $*"; PASS=$((PASS + 1)); }
fail() { echo "FAIL: $*"; FAIL=$((FAIL + 1)); }
# run CMD... — show the command and its output, keep its status in $rc.
run() {
	echo "\$ $*"
	"$@" >"$TMP/out" 2>&1
	rc=$?
	sed 's/^/  | /' "$TMP/out" | head -n "${SHOW:-6}"
}

[ "$(id -u)" = 0 ] || { echo "deb-install-check: run as root (it uses apt)"; exit 2; }
[ -f "$DEB" ] || { echo "deb-install-check: no $DEB; run make deb first"; exit 2; }
if dpkg -s maildoctor >/dev/null 2>&1; then
	echo "deb-install-check: maildoctor is already installed; purge it first"
	exit 2
fi

# Every path outside the bookkeeping of dpkg and apt and the logs (and the
# lab's network namespaces, which parallel test runs make and remove).
snapshot() {
	find /usr /etc /opt /var -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt \
		-o -path /var/cache/apt -o -path /var/log -o -path /var/tmp \
		-o -path /var/backups -o -path /etc/netns \) \
		-prune -o -print 2>/dev/null | sort
}
snapshot >"$TMP/before"

cd "$(dirname "$DEB")" || exit 3
run env DEBIAN_FRONTEND=noninteractive apt install -y --no-install-recommends "./$(basename "$DEB")"
[ "$rc" = 0 ] && ok "apt install ./$(basename "$DEB")" || { fail "apt install"; cat "$TMP/out"; }
run dpkg-query -W -f '${Status} ${Version}\n' maildoctor
grep -q "install ok installed $V" "$TMP/out" && ok "installed, version $V" || fail "not installed"
dpkg -L maildoctor >"$TMP/files"
echo "dpkg -L maildoctor: $(wc -l <"$TMP/files") paths"

cd /tmp || exit 3
run sh -c 'command -v maildoctor'
[ "$(cat "$TMP/out")" = /usr/bin/maildoctor ] && ok "maildoctor is /usr/bin/maildoctor" ||
	fail "maildoctor is $(cat "$TMP/out")"
run env -u MAILDOCTOR_ASSETS maildoctor --version
grep -qx "maildoctor $V" "$TMP/out" && ok "--version from /tmp" || fail "--version"
SHOW=3 run env -u MAILDOCTOR_ASSETS maildoctor check --offline --profile "$S4"
[ "$rc" = 1 ] && grep -q outgoing-server-mismatch "$TMP/out" &&
	ok "check from /tmp: data from /usr/share/maildoctor" || fail "check (exit $rc)"
SHOW=3 run env -u MAILDOCTOR_ASSETS maildoctor --lang ja check --offline --profile "$S4"
grep -q "のメールが" "$TMP/out" && ok "check --lang ja: Japanese" || fail "check --lang ja"
SHOW=2 run env -u MAILDOCTOR_ASSETS -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 maildoctor --help
grep -q "使い方" "$TMP/out" && ok "LANG=ja_JP.UTF-8 --help: Japanese" || fail "LANG=ja_JP.UTF-8 --help"
SHOW=2 run env -u MAILDOCTOR_ASSETS maildoctor --lang ja --help
grep -q "使い方" "$TMP/out" && ok "--lang ja --help: Japanese" || fail "--lang ja --help"
cd "$SRC" || exit 3
run man -w maildoctor
[ "$(cat "$TMP/out")" = /usr/share/man/man1/maildoctor.1.gz ] && ok "man -w maildoctor" || fail "man -w"
SHOW=4 run env MANPAGER=cat MANWIDTH=80 man maildoctor
[ "$rc" = 0 ] && grep -q "maildoctor $V" "$TMP/out" && ok "man maildoctor" || fail "man maildoctor"

run env DEBIAN_FRONTEND=noninteractive apt purge -y maildoctor
[ "$rc" = 0 ] && ok "apt purge maildoctor" || { fail "apt purge"; cat "$TMP/out"; }
run dpkg-query -W -f '${Status}\n' maildoctor
grep -q "install ok installed" "$TMP/out" && fail "still installed" || ok "not installed any more"
left=0
while read -r p; do
	[ -d "$p" ] && continue # shared folders (/usr/bin …) stay
	[ -e "$p" ] && { echo "  left: $p"; left=$((left + 1)); }
done <"$TMP/files"
for d in /usr/share/maildoctor /usr/share/doc/maildoctor; do
	[ -e "$d" ] && { echo "  left: $d"; left=$((left + 1)); }
done
[ "$left" = 0 ] && ok "no file of dpkg -L left" || fail "$left paths left"
# `man maildoctor` above (run as root) made man-db keep the formatted page
# in its cache; that is man-db's file, not the package's (man-db's daily
# cron job removes old ones). Named here, then removed, so that the
# comparison below judges the package alone.
for f in /var/cache/man/cat1/maildoctor.1*; do
	[ -e "$f" ] || continue
	echo "note: man-db's page cache $f (written by man, not by the package); removed"
	rm -f "$f"
done
snapshot >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
	ok "/usr /etc /opt /var: the same paths as before the install"
else
	fail "paths differ after purge:"; diff "$TMP/before" "$TMP/after" | head -20
fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
