#!/bin/sh
# test_install.sh — `make install` with PREFIX and DESTDIR puts the binary,
# the man page, the translations and the assets in their places.
. "$(dirname "$0")/lib.sh"
make --no-print-directory install PREFIX=/usr DESTDIR="$TMP/root" >"$TMP/log" 2>&1 ||
	{ fail "make install"; cat "$TMP/log"; }
for f in usr/bin/maildoctor usr/share/man/man1/maildoctor.1 \
	usr/share/locale/ja/LC_MESSAGES/maildoctor.mo; do
	[ -f "$TMP/root/$f" ] && ok "installed $f" || fail "missing $f"
done
[ -x "$TMP/root/usr/bin/maildoctor" ] && ok "binary executable" || fail "binary not executable"
"$TMP/root/usr/bin/maildoctor" --version >"$TMP/out" 2>&1 && has "$TMP/out" "maildoctor" "installed binary runs"
msgunfmt "$TMP/root/usr/share/locale/ja/LC_MESSAGES/maildoctor.mo" >"$TMP/po" 2>&1
has "$TMP/po" "送信サーバー" "installed catalogue holds Japanese"
finish
