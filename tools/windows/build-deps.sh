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
# $SRC/PACKAGE, then ours (tools/windows/patches/PACKAGE/*.patch, in name
# order, each saying at its top why), and print that folder.
fetch() {
	d=$SRC/$1
	if [ ! -d "$d" ]; then
		if ! ls "$SRC/dl-$1"/*.dsc >/dev/null 2>&1; then
			mkdir -p "$SRC/dl-$1"
			(cd "$SRC/dl-$1" && apt-get source --download-only "$1" >"$LOGS/fetch-$1.log" 2>&1)
		fi
		dpkg-source --no-check -x "$SRC/dl-$1"/*.dsc "$d" >>"$LOGS/fetch-$1.log" 2>&1
		for p in $(patches "$1"); do
			patch -d "$d" -p1 --batch <"$p" >>"$LOGS/fetch-$1.log" 2>&1 ||
				{ say "$p does not apply to $1"; exit 1; }
		done
	fi
	echo "$d"
}

# patches PACKAGE: our patches to PACKAGE's source, in the order applied.
patches() {
	for p in "$TOP/tools/windows/patches/$1"/*.patch; do
		[ -f "$p" ] && echo "$p"
	done
	return 0
}

# patch_key PACKAGE: what the stamp holds: the patches' checksum, or
# nothing when the package has none (so that a library built before there
# were patches is not built again).
patch_key() {
	ps=$(patches "$1")
	[ -n "$ps" ] && cat $ps | sha256sum | cut -d' ' -f1
	return 0
}

# step NAME PACKAGE: run build_NAME in the unpacked source unless done with
# the same patches (a changed patch unpacks the source afresh).
step() {
	stamp=$PREFIX/.built-$1
	key=$(patch_key "$2")
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && return 0
	[ -f "$stamp" ] && rm -rf "${SRC:?}/$2"
	d=$(fetch "$2")
	say "building $1 (log: build/windows/logs/$1.log)"
	t0=$(date +%s)
	# a shell of its own, so that -e stops the recipe at its first failure
	if ! (cd "$d" && sh -ec '. "$1"; "build_$2"' sh "$TOP/tools/windows/recipes.sh" "$1") \
	    >"$LOGS/$1.log" 2>&1; then
		say "$1 failed; the end of its log:"; tail -n 30 "$LOGS/$1.log"; exit 1
	fi
	say "$1 built in $(( $(date +%s) - t0 )) s"
	printf '%s' "$key" >"$stamp"
}

ensure_deb_src
# NAME:SOURCE of each library, in build order (tools/windows/libraries.list)
ALL=$(sed -n 's/^\([a-z0-9]\{1,\}\)[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1:\2/p' \
	"$TOP/tools/windows/libraries.list")
for pair in $ALL; do
	name=${pair%%:*} pkg=${pair#*:}
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	step "$name" "$pkg"
done
say "all built in build/windows/deps"
