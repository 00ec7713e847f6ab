#!/bin/sh
# test_zip_alone.sh — maildoctor.exe without its data beside it, as the
# zip's people meet it: (1) started from inside the zip, which Explorer
# does by copying the exe alone into a folder of %TEMP% named after the
# zip (%TEMP%\Temp1_maildoctor-VERSION-win64.zip\maildoctor-VERSION-win64);
# (2) the exe alone in an ordinary folder (the zip unpacked only in part).
# Each: the sentence that says what to do (Extract All; unpack the whole
# zip again), never Linux's advice (install again, MAILDOCTOR_ASSETS),
# exit 2, nothing on stdout, nothing written under the user's folder or
# beside the exe; in Japanese with --lang ja and on a Japanese Windows
# (the translation is beside the exe no more than the data: the sentences
# built into the program, core/base/i18n_builtin_ja.c, with no notice of
# the missing translation); and a double-click still waits for a key, in
# the person's language, so the sentence can be read. The exe is the
# zip's own (build/windows/zip). Run by tests/windows/run.sh.
. "$(dirname "$0")/../tui/lib.sh"
: "${WINEPREFIX:=$PWD/build/windows/wineprefix}" "${USER:=田中花子}"
export WINEPREFIX USER WINEDEBUG=-all
VERSION=$(cat VERSION)
NAME=maildoctor-$VERSION-win64
EXE=build/windows/zip/$NAME/maildoctor.exe
[ -f "$EXE" ] || { fail "no $EXE (make windows)"; finish; exit; }
# %TEMP% of the prefix's user, as wine gives it to a program, as a Unix path
WTEMP=$(wine cmd /u /c 'echo %TEMP%' 2>/dev/null | iconv -f UTF-16LE -t UTF-8 | tr -d '\r\n')
case $WTEMP in
[Cc]:\\*) TEMPDIR=$WINEPREFIX/drive_c/$(printf '%s' "${WTEMP#??\\}" | tr '\\' /) ;;
*) fail "no %TEMP% from wine: '$WTEMP'"; finish; exit ;;
esac
[ -d "$TEMPDIR" ] && ok "%TEMP% is $WTEMP" || fail "no folder $TEMPDIR"
USERDIR=$WINEPREFIX/drive_c/users/$USER
COPY=$TEMPDIR/Temp1_$NAME.zip/$NAME
ALONE=$USERDIR/Desktop/$NAME
trap 'cleanup; rm -rf "$TEMPDIR/Temp1_$NAME.zip" "$ALONE"' EXIT
mkdir -p "$COPY" "$ALONE"
cp "$EXE" "$COPY/maildoctor.exe"
cp "$EXE" "$ALONE/maildoctor.exe"

# run DIR WHAT ARGS… — DIR/maildoctor.exe ARGS from DIR (as Explorer starts
# it; ARGS "japanese-windows": none, on a Japanese Windows), no pause: exit
# 2, nothing on stdout, nothing written; stderr in $TMP/err.
run() {
	dir=$1 what=$2
	shift 2
	touch "$TMP/stamp"
	sleep 1
	if [ "${1:-}" = japanese-windows ]; then
		# a Japanese Windows: wine takes its interface language and
		# code page (932) from the Unix locale ja_JP.UTF-8 (compiled
		# below); the environment the program sees has no locale
		(cd "$dir" && MAILDOCTOR_NO_PAUSE=1 LOCPATH=$TMP/loc LC_ALL=ja_JP.UTF-8 \
			timeout -k 5 60 wine cmd /c \
			"set LANG=& set LC_ALL=& set LC_CTYPE=& set LOCPATH=& maildoctor.exe")
	else
		(cd "$dir" && MAILDOCTOR_NO_PAUSE=1 timeout -k 5 60 wine ./maildoctor.exe "$@")
	fi >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	[ "$rc" = 2 ] && ok "$what: exit 2" ||
		{ fail "$what: exit $rc"; sed 's/^/  | /' "$TMP/err" | head -10; }
	[ -s "$TMP/out" ] && fail "$what: something on stdout" || ok "$what: nothing on stdout"
	new=$(find "$USERDIR" -newer "$TMP/stamp" ! -type d | head -5)
	[ -z "$new" ] && ok "$what: nothing written" || fail "$what: written: $new"
	[ "$(ls -A "$dir")" = maildoctor.exe ] && ok "$what: nothing beside the exe" ||
		fail "$what: beside the exe: $(ls -A "$dir" | tr '\n' ' ')"
	hasnt "$TMP/err" "Install maildoctor again" "$what: not Linux's advice"
	hasnt "$TMP/err" "MAILDOCTOR_ASSETS" "$what: no MAILDOCTOR_ASSETS"
	hasnt "$TMP/err" "Unhandled exception" "$what: no crash"
}
has() { # TEXT DESCRIPTION — in $TMP/err
	if grep -qF -- "$1" "$TMP/err"; then ok "$2"; else
		fail "$2: no \"$1\""; sed 's/^/  | /' "$TMP/err" | head -20; fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then fail "$3: \"$2\""; sed 's/^/  | /' "$1" | head -20; else ok "$3"; fi
}

# 1. started from inside the zip
for args in "" "check --offline"; do
	what="inside the zip${args:+, $args}"
	# shellcheck disable=SC2086
	run "$COPY" "$what" $args
	has "maildoctor.exe was started from inside the zip file, so the files it needs are not beside it." \
		"$what: says it was started from inside the zip"
	has "choose \"Extract All\" (on a Japanese Windows: 「すべて展開」), then start maildoctor.exe in the folder this makes." \
		"$what: says to extract all and start the unpacked one"
	hasnt "$TMP/err" "maildoctor.mo" "$what: no notice of the missing translation"
	hasnt "$TMP/err" "Unpack the whole zip file again" "$what: not the unpacked-in-part advice"
done

# (glibc's ja_JP.UTF-8 for wine, in a folder of the test's own; Debian's
# locales package has its source)
mkdir -p "$TMP/loc"
localedef -i ja_JP -f UTF-8 "$TMP/loc/ja_JP.UTF-8" >"$TMP/localedef.log" 2>&1 ||
	{ fail "localedef ja_JP.UTF-8 (package locales)"; cat "$TMP/localedef.log"; }
# in Japanese: --lang ja, and a Japanese Windows (its interface language;
# no LANG or LC_ALL in the environment the program sees)
JA_INSIDE="maildoctor.exe が ZIP ファイルの中から起動されたため、必要なファイルが同じ場所にありません。"
JA_EXTRACT="エクスプローラーで ZIP ファイルを右クリックして「すべて展開」を選び、できたフォルダーの中の maildoctor.exe を起動してください。"
for args in "--lang ja" "--lang ja accounts" "japanese-windows"; do
	what="inside the zip, $args"
	# shellcheck disable=SC2086
	run "$COPY" "$what" $args
	has "$JA_INSIDE" "$what: says in Japanese it was started from inside the zip"
	has "$JA_EXTRACT" "$what: says in Japanese to extract all"
	hasnt "$TMP/err" "started from inside" "$what: not the English sentence"
	hasnt "$TMP/err" "maildoctor.mo" "$what: no notice of the missing translation"
done

# 2. the exe alone in an ordinary folder
for args in "" "check --offline"; do
	what="alone in a folder${args:+, $args}"
	# shellcheck disable=SC2086
	run "$ALONE" "$what" $args
	has "cannot be found in any of these folders:" "$what: says the data is missing"
	has "$NAME (the program's own folder)" "$what: names the exe's folder"
	has "Unpack the whole zip file again (in Explorer: right-click it, \"Extract All\"), keeping every file that comes with maildoctor.exe beside it, and start maildoctor.exe in that folder." \
		"$what: says to unpack the whole zip again"
	hasnt "$TMP/err" "started from inside the zip" "$what: not the inside-the-zip sentence"
	hasnt "$TMP/err" "where maildoctor is installed" "$what: no Linux install folder named"
	hasnt "$TMP/err" "source tree" "$what: no source tree named"
done
for args in "--lang ja" "japanese-windows"; do
	what="alone in a folder, $args"
	# shellcheck disable=SC2086
	run "$ALONE" "$what" $args
	has "が次のどのフォルダーにも見つかりません:" "$what: says in Japanese the data is missing"
	has "$NAME (プログラム自身のフォルダー)" "$what: names the exe's folder, in Japanese"
	has "ZIP ファイル全体をもう一度展開し" "$what: says in Japanese to unpack the whole zip again"
	hasnt "$TMP/err" "maildoctor.mo" "$what: no notice of the missing translation"
	hasnt "$TMP/err" "cannot be found" "$what: not the English sentence"
	hasnt "$TMP/err" "インストール先" "$what: no Linux install folder named"
	hasnt "$TMP/err" "ソースツリー" "$what: no source tree named"
done

# 3. a double-click (a console of its own): the sentence, then the pause
MD="wine $COPY/maildoctor.exe"
WENV="WINEPREFIX=$WINEPREFIX USER=$USER LC_CTYPE=C.UTF-8 WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml="
# shellcheck disable=SC2086
start -x 100 -y 30 $WENV --
expect "started from inside the zip" "double-click: the sentence on the screen" 40
expect "Press a key to close this window." "double-click: then the pause" 20
sleep 1
[ -s "$TMP/rc" ] && fail "ended without a key" || ok "still waiting for a key"
keys x
rc=$(wait_exit 20)
[ "$rc" = 2 ] && ok "a key ends it, status 2 kept" || fail "status $rc after the key"
# shellcheck disable=SC2086
start -x 100 -y 30 $WENV -- --lang ja
expect "ZIP ファイルの中から起動されたため" "double-click, Japanese: the sentence on the screen" 40
expect "キーを押すと、このウィンドウを閉じます。" "double-click, Japanese: the pause in Japanese" 20
keys x
rc=$(wait_exit 20)
[ "$rc" = 2 ] && ok "Japanese: a key ends it, status 2 kept" || fail "status $rc after the key"
finish
