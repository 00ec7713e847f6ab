#!/bin/sh
# test_notices.sh — the zip carries the notices of every library linked
# into maildoctor.exe: for each library tools/windows/libraries.list marks
# "exe" (those tools/windows/build-deps.sh builds), licenses/SOURCE/ in the
# zip holds Debian's debian/copyright of the source it was built from, byte
# for byte, and the upstream licence files, and licenses/README.txt names
# its version; mingw-w64's runtime too. A library marked "tests" (cmocka,
# the unit tests' framework) is not in maildoctor.exe, so it needs no
# notice: the exe is checked to hold none of its strings. The zip's
# README.txt points to licenses/. Run by tests/windows/run.sh (cli part);
# needs no wine.
. "$(dirname "$0")/../cli/lib.sh"
VERSION=$(cat VERSION)
NAME=maildoctor-$VERSION-win64
ZIP=build/windows/$NAME.zip
SRC=build/windows/src
[ -f "$ZIP" ] || { fail "no $ZIP (make windows)"; finish; exit; }
unzip -Z1 "$ZIP" >"$TMP/list"
unzip -p "$ZIP" "$NAME/licenses/README.txt" >"$TMP/versions" 2>/dev/null ||
	fail "no licenses/README.txt in the zip"
in_zip() { grep -qxF -- "$NAME/$1" "$TMP/list"; }

n_exe=0
grep -v '^#' tools/windows/libraries.list | {
	while read -r name src use files; do
		[ -n "$name" ] || continue
		case $use in
		exe) ;;
		tests)
			unzip -p "$ZIP" "$NAME/maildoctor.exe" | grep -qai -- "$name" &&
				fail "$name (tests only) is in maildoctor.exe: it needs a notice" ||
				ok "$name: the unit tests' only, not in maildoctor.exe: no notice"
			continue ;;
		*) fail "$name: use '$use' is neither exe nor tests"; continue ;;
		esac
		n_exe=$((n_exe + 1))
		d=$NAME/licenses/$src
		if in_zip "licenses/$src/copyright.txt"; then
			unzip -p "$ZIP" "$d/copyright.txt" >"$TMP/c"
			cmp -s "$TMP/c" "$SRC/$src/debian/copyright" &&
				ok "$name: Debian's copyright of $src, as in its source" ||
				fail "$name: licenses/$src/copyright.txt differs from $SRC/$src/debian/copyright"
		else
			fail "$name: no licenses/$src/copyright.txt in the zip"
		fi
		up=$(grep -F "$d/" "$TMP/list" | grep -vxF "$d/copyright.txt" | grep -v '/$' | grep -c .)
		[ "$up" -gt 0 ] && ok "$name: $up upstream licence file(s)" ||
			fail "$name: no upstream licence file in licenses/$src"
		for f in $files; do
			b=$(basename "$f" .txt).txt
			in_zip "licenses/$src/$b" && ok "$name: $f" || fail "$name: no licenses/$src/$b"
		done
		v=$(dpkg-parsechangelog -l "$SRC/$src/debian/changelog" -S Version)
		awk -v s="$src/" -v v="$v" '$1 == s && $2 == v { f = 1 } END { exit !f }' \
		    "$TMP/versions" &&
			ok "$name: README.txt names $src $v" || fail "$name: README.txt lacks $src $v"
	done
	[ "$n_exe" -ge 12 ] && ok "$n_exe libraries in maildoctor.exe" ||
		fail "only $n_exe libraries marked exe in libraries.list"
	finish
}
rc=$?
in_zip "licenses/mingw-w64/copyright.txt" && ok "mingw-w64's runtime: its copyright" ||
	{ fail "no licenses/mingw-w64/copyright.txt"; rc=1; }
unzip -p "$ZIP" "$NAME/README.txt" | grep -q "licenses" && ok "README.txt points to licenses" ||
	{ fail "README.txt does not name licenses"; rc=1; }
[ "$rc" = 0 ] && finish
