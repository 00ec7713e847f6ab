#!/bin/sh
# notices.sh — the third-party notices that go with maildoctor.exe, into
# DIR/licenses (the zip's folder; run by the zip's make rule). maildoctor.exe
# links statically the libraries tools/windows/libraries.list marks "exe"
# and mingw-w64's C runtime and winpthreads; their licences want their
# copyright and licence texts to go with the binary. For each library,
# taken from the source it was built from (build/windows/src/SOURCE):
#   licenses/SOURCE/copyright.txt   Debian's debian/copyright (every file's
#                                   holders and licence, the texts in full)
#   licenses/SOURCE/<file>.txt      the upstream licence files
#   licenses/SOURCE/patches/        our patches to it, when there are any
# mingw-w64's is Debian's /usr/share/doc/mingw-w64-common/copyright. And
# licenses/README.txt: each library's Debian source version and where that
# source is.
# Usage: tools/windows/notices.sh DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
cd "$(dirname "$0")/../.."
SRC=build/windows/src
OUT=$1/licenses
rm -rf "$OUT"
mkdir -p "$OUT"

# put FILE NAME: FILE into $lib's folder as NAME, with ".txt" (for Notepad).
put() {
	case $2 in *.txt) n=$2 ;; *) n=$2.txt ;; esac
	install -D -m 0644 "$1" "$OUT/$lib/$n"
}

# line SOURCE VERSION [NOTE]: the library's line in README.txt.
line() {
	printf '%-10s %-26s %s\r\n' "$1/" "$2" \
		"https://sources.debian.org/src/$1/$2/${3:+ $3}" >>"$OUT/README.txt"
}

. /etc/os-release
{
	printf '%s\r\n' "Third-party software in maildoctor.exe" \
		"======================================" "" \
		"maildoctor.exe contains these libraries (linked statically). Each" \
		"folder here holds one library's copyright and licence texts:" \
		"copyright.txt is the Debian source package's debian/copyright, the" \
		"other files are the library's own licence files (from gettext only" \
		"its libintl is in maildoctor.exe). Each was built from the source" \
		"package of $PRETTY_NAME named below, at that version:" ""
} >"$OUT/README.txt"

grep -v '^#' tools/windows/libraries.list | while read -r name src use files; do
	[ -n "$name" ] && [ "$use" = exe ] || continue
	d=$SRC/$src
	[ -f "$d/debian/copyright" ] || { echo "notices: no $d/debian/copyright" >&2; exit 1; }
	lib=$src
	put "$d/debian/copyright" copyright
	if [ -n "$files" ]; then
		for f in $files; do put "$d/$f" "$(basename "$f")"; done
	else
		for f in "$d"/COPYING* "$d"/LICEN[CS]E* "$d"/COPYRIGHT* "$d"/Copyright* \
		    "$d"/NOTICE*; do
			[ -f "$f" ] && put "$f" "$(basename "$f")"
		done
		for f in "$d"/LICENSES/*; do
			[ -f "$f" ] && put "$f" "LICENSES/$(basename "$f")"
		done
	fi
	for p in tools/windows/patches/"$src"/*.patch; do
		[ -f "$p" ] && put "$p" "patches/$(basename "$p")"
	done
	v=$(dpkg-parsechangelog -l "$d/debian/changelog" -S Version)
	line "$src" "$v"
done

lib=mingw-w64
put /usr/share/doc/mingw-w64-common/copyright copyright
v=$(dpkg-query -W -f '${Version}' mingw-w64-common)
line mingw-w64 "$v" "(the C runtime and winpthreads)"
