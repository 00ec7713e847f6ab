#!/bin/sh
# compile-check.sh — how far the sources are from compiling for Windows:
# each source compiled (syntax only) with mingw-w64 against the libraries
# tools/windows/build-deps.sh built; prints the files that fail and
# "windows compile: N of M sources compile". A work list for issue 17,
# not a test.
cd "$(dirname "$0")/../.." || exit 2
P=build/windows/deps
[ -d "$P/lib/pkgconfig" ] || { echo "run tools/windows/build-deps.sh first"; exit 2; }
export PKG_CONFIG_LIBDIR=$P/lib/pkgconfig
CF=$(pkg-config --cflags --static ncursesw openssl libxml-2.0 libcares libcurl \
	gmime-3.0 glib-2.0 json-c libpcre2-8) || exit 2
ok=0 all=0
for f in $(git ls-files 'core/*.c' 'clientcfg/*.c' 'app/*.c' 'tui/*.c' 'cli/*.c'); do
	all=$((all + 1))
	if x86_64-w64-mingw32-gcc -std=c11 -D_GNU_SOURCE -DNCURSES_STATIC \
	    -D_WIN32_WINNT=0x0A00 -I. $CF -fsyntax-only "$f" 2>/dev/null; then
		ok=$((ok + 1))
	else
		echo "fails: $f"
	fi
done
echo "windows compile: $ok of $all sources compile"
