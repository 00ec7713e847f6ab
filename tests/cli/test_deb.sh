#!/bin/sh
# test_deb.sh — `make deb` builds the Debian package with debhelper, lintian
# finds no error in it, and it holds what `make install PREFIX=/usr` installs
# (the same list: debian/rules calls make install). The packaged binary then
# runs once from a staging tree (dpkg-deb -x): from /, with its data, its
# Japanese and its version found through ../share beside it. Nothing on this
# machine is installed or changed (tools/deb-install-check.sh does that).
# Exit 77: the packaging tools are missing, the test did not run.
. "$(dirname "$0")/lib.sh"
SRC=$PWD
for tool in dpkg-buildpackage dh lintian dpkg-deb; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "NOT RUN: $tool is missing (make deps installs it)"
		exit 77
	fi
done
V=$(cat VERSION)
ARCH=$(dpkg --print-architecture)
DEB=build/deb/maildoctor_${V}_$ARCH.deb
S4=$SRC/tests/fixtures/tb/s4/.thunderbird

# tree_state — every file of the tree outside build/ and .git, with its time.
tree_state() {
	find . \( -path ./build -o -path ./.git \) -prune -o -printf '%p %T@\n' | sort
}
tree_state >"$TMP/before"
make --no-print-directory deb >"$TMP/log" 2>&1 && ok "make deb" ||
	{ fail "make deb"; tail -n 40 "$TMP/log"; }
[ -f "$DEB" ] && ok "built $DEB" || { fail "no $DEB"; finish; exit 1; }
if [ -f build/deb/lintian.txt ]; then
	grep -q '^E: ' build/deb/lintian.txt &&
		{ fail "lintian errors"; grep '^E: ' build/deb/lintian.txt; } ||
		ok "lintian: no errors ($(grep -c '^W: ' build/deb/lintian.txt) warnings)"
else
	fail "no build/deb/lintian.txt"
fi
tree_state >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
	ok "make deb wrote nothing outside build/"
else
	fail "make deb changed the source tree:"; diff "$TMP/before" "$TMP/after" | head -20
fi

depends=$(dpkg-deb -f "$DEB" Depends)
for lib in 'libc6 (>=' libssl3 libgmime-3.0-0 libcurl4 libncursesw6; do
	case $depends in *"$lib"*) ok "Depends has $lib (shlibs)" ;;
	*) fail "Depends lacks $lib: $depends" ;; esac
done
[ "$(dpkg-deb -f "$DEB" Version)" = "$V" ] && ok "package version $V" ||
	fail "package version $(dpkg-deb -f "$DEB" Version), VERSION $V"

# The same files as make install (the man page compressed, the docs
# debhelper adds).
dpkg-deb -x "$DEB" "$TMP/root"
make --no-print-directory install PREFIX=/usr DESTDIR="$TMP/inst" >"$TMP/log" 2>&1 ||
	{ fail "make install"; tail -n 20 "$TMP/log"; }
(cd "$TMP/inst" && find . -type f | sort) >"$TMP/inst.list"
(cd "$TMP/root" && find . -type f ! -path './usr/share/doc/*' | sed 's/\.1\.gz$/.1/' | sort) >"$TMP/deb.list"
if cmp -s "$TMP/inst.list" "$TMP/deb.list"; then
	ok "package and make install: the same $(wc -l <"$TMP/deb.list") files"
else
	fail "package and make install differ"; diff "$TMP/inst.list" "$TMP/deb.list" | head -20
fi
for f in usr/share/doc/maildoctor/copyright usr/share/man/man1/maildoctor.1.gz \
	usr/share/locale/ja/LC_MESSAGES/maildoctor.mo usr/share/maildoctor/providers.rng; do
	[ -f "$TMP/root/$f" ] && ok "package has /$f" || fail "package lacks /$f"
done

# The packaged binary, from a staging tree, from /.
BIN=$TMP/root/usr/bin/maildoctor
(cd / && env -u MAILDOCTOR_ASSETS "$BIN" --version) >"$TMP/out" 2>&1
has "$TMP/out" "maildoctor $V" "staged binary: --version"
(cd / && env -u MAILDOCTOR_ASSETS "$BIN" check --offline --profile "$S4") >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] && ok "staged binary: check runs (exit 1)" || { fail "staged binary: check exit $rc"; cat "$TMP/err"; }
has "$TMP/out" "outgoing-server-mismatch" "staged binary: data found"
(cd / && env -u MAILDOCTOR_ASSETS -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 "$BIN" --help) \
	>"$TMP/out" 2>"$TMP/err"
has "$TMP/out" "使い方" "staged binary: Japanese from LANG=ja_JP.UTF-8"
zcat "$TMP/root/usr/share/man/man1/maildoctor.1.gz" >"$TMP/man"
has "$TMP/man" "\"maildoctor $V\"" "packaged man page: version"
finish
