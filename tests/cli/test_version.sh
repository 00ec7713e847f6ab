#!/bin/sh
# test_version.sh — the version lives in the VERSION file alone: --version
# prints it, and the man page's .TH line and debian/changelog's top entry
# (which cannot read it) must say the same, so a release changes all three.
. "$(dirname "$0")/lib.sh"
if [ -f VERSION ]; then
	V=$(cat VERSION)
	ok "VERSION file: $V"
else
	V=missing
	fail "no VERSION file"
fi
echo "$V" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' && ok "VERSION is N.N.N" ||
	fail "VERSION \"$V\" is not N.N.N"

expect_rc 0 "--version" "$MD" --version
has "$TMP/out" "maildoctor $V" "--version prints VERSION"

th=$(sed -n 's/^\.TH MAILDOCTOR 1 [0-9-]* "maildoctor \([^"]*\)".*/\1/p' assets/maildoctor.1)
[ "$th" = "$V" ] && ok "man page .TH says $V" ||
	fail "man page .TH says \"$th\", VERSION says $V"

if [ -f debian/changelog ]; then
	ch=$(sed -n '1s/^maildoctor (\([^)]*\)).*/\1/p' debian/changelog)
	[ "$ch" = "$V" ] && ok "debian/changelog says $V" ||
		fail "debian/changelog says \"$ch\", VERSION says $V"
else
	fail "no debian/changelog"
fi
finish
