#!/bin/sh
# build-deps.sh — the libraries maildoctor.exe links, built for Windows
# (x86_64-w64-mingw32, static) from Debian's own source packages at this
# release's versions, into build/windows/deps. Each library is built once:
# a stamp file per library keeps a second run to seconds. The sources come
# through `apt-get source` (a deb-src entry for the release is added when
# missing; needs root for that and for apt-get update).
# Usage: tools/windows/build-deps.sh [LIBRARY…]   (default: all, in order)
set -eu
cd "$(dirname "$0")/../.."
TOP=$PWD
HOST=x86_64-w64-mingw32
W=$TOP/build/windows
PREFIX=$W/deps
SRC=$W/src
LOGS=$W/logs
JOBS=${JOBS:-2}
mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/include" "$SRC" "$LOGS"

export PKG_CONFIG_LIBDIR="$PREFIX/lib/pkgconfig"
unset PKG_CONFIG_PATH
export CPPFLAGS="-I$PREFIX/include"
export LDFLAGS="-L$PREFIX/lib"
export CFLAGS="-O2"
STATIC="--host=$HOST --prefix=$PREFIX --disable-shared --enable-static"
export TOP HOST PREFIX STATIC JOBS

say() { printf 'windows deps: %s\n' "$*"; }

# The release's deb-src entry, for apt-get source.
ensure_deb_src() {
	f=/etc/apt/sources.list.d/maildoctor-deb-src.sources
	if apt-get source --dry-run zlib >/dev/null 2>&1; then return 0; fi
	. /etc/os-release
	cat >"$f" <<EOT
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $VERSION_CODENAME $VERSION_CODENAME-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
	apt-get update >"$LOGS/apt-update.log" 2>&1
}

# fetch PACKAGE: unpack Debian's source (with Debian's patches) into
# $SRC/PACKAGE and print that folder.
fetch() {
	d=$SRC/$1
	if [ ! -d "$d" ]; then
		mkdir -p "$SRC/dl-$1"
		(cd "$SRC/dl-$1" && apt-get source --download-only "$1" >"$LOGS/fetch-$1.log" 2>&1)
		dpkg-source --no-check -x "$SRC/dl-$1"/*.dsc "$d" >>"$LOGS/fetch-$1.log" 2>&1
	fi
	echo "$d"
}

# step NAME PACKAGE: run build_NAME in the unpacked source unless done.
step() {
	stamp=$PREFIX/.built-$1
	[ -f "$stamp" ] && return 0
	d=$(fetch "$2")
	say "building $1 (log: build/windows/logs/$1.log)"
	t0=$(date +%s)
	# a shell of its own, so that -e stops the recipe at its first failure
	if ! (cd "$d" && sh -ec '. "$1"; "build_$2"' sh "$TOP/tools/windows/recipes.sh" "$1") \
	    >"$LOGS/$1.log" 2>&1; then
		say "$1 failed; the end of its log:"; tail -n 30 "$LOGS/$1.log"; exit 1
	fi
	say "$1 built in $(( $(date +%s) - t0 )) s"
	touch "$stamp"
}

ensure_deb_src
ALL="zlib:zlib libffi:libffi pcre2:pcre2 intl:gettext glib:glib2.0 gmime:gmime
     openssl:openssl cares:c-ares curl:curl libxml2:libxml2 jsonc:json-c ncurses:ncurses
     cmocka:cmocka"
for pair in $ALL; do
	name=${pair%%:*} pkg=${pair#*:}
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	step "$name" "$pkg"
done
say "all built in build/windows/deps"
