#!/bin/sh
# test_relocate.sh — a copied or moved binary finds its data and its
# translations: in MAILDOCTOR_ASSETS, in its own folder, in ../share/maildoctor
# beside it (the layout of a package and of the Windows zip), and says where
# it looked (exit 2) when none holds the data; Japanese in each case.
. "$(dirname "$0")/lib.sh"
SRC=$PWD
case $MD in /*) ;; *) MD=$SRC/$MD ;; esac
S4=$SRC/tests/fixtures/tb/s4/.thunderbird
MO=$SRC/build/locale/ja/LC_MESSAGES/maildoctor.mo
JA_FINDING="のメールが、shirao.example ではなく"
[ -f "$MO" ] || fail "no $MO: run make first"

# copy_data DIR — the data as make install lays it out, into DIR.
copy_data() {
	mkdir -p "$1"
	(cd "$SRC/assets" && find . -type f ! -path './po/*' ! -name maildoctor.1) |
		while read -r f; do mkdir -p "$1/$(dirname "$f")"; cp "$SRC/assets/$f" "$1/$f"; done
}
copy_mo() { mkdir -p "$1/ja/LC_MESSAGES" && cp "$MO" "$1/ja/LC_MESSAGES/"; }

# at_root CMD... — run CMD from / (no relative path can help) without
# MAILDOCTOR_ASSETS unless CMD sets it: $TMP/out, $TMP/err, status in $rc.
at_root() { (cd / && env -u MAILDOCTOR_ASSETS "$@") >"$TMP/out" 2>"$TMP/err"; rc=$?; }
# want_rc WANT DESCRIPTION — judge the last at_root's status.
want_rc() {
	if [ "$rc" = "$1" ]; then ok "$2 (exit $rc)"; else
		fail "$2: exit $rc, wanted $1"; sed 's/^/  | /' "$TMP/err" | head -20; fi
}
# 1. Alone, with nothing beside it: where it looked, exit 2, not exit 3.
# (The test binary's installed folder is /usr/local/share/maildoctor; when
# that holds data, the binary rightly finds it and this part cannot run.)
mkdir -p "$TMP/alone"
cp "$MD" "$TMP/alone/maildoctor"
if [ -e /usr/local/share/maildoctor/providers.rng ]; then
	echo "NOT RUN: alone (/usr/local/share/maildoctor holds data)"
else
	at_root "$TMP/alone/maildoctor" check --offline --profile "$S4"
	want_rc 2 "alone"
	has "$TMP/err" "$TMP/alone (" "alone: names its own folder"
	has "$TMP/err" "$TMP/share/maildoctor (" "alone: names ../share/maildoctor"
	has "$TMP/err" "providers.rng" "alone: says what it looked for"
	hasnt "$TMP/err" "schema cannot be read" "alone: not the schema error"
	at_root "$TMP/alone/maildoctor" --version
	want_rc 0 "alone: --version needs no data"
	# Japanese with neither data nor translations: the sentences built
	# into the program (_B, core/base/i18n_builtin_ja.c)
	at_root "$TMP/alone/maildoctor" --lang ja check --offline --profile "$S4"
	want_rc 2 "alone, Japanese"
	has "$TMP/err" "maildoctor に必要なデータ" "alone, Japanese: what is missing, in Japanese"
	has "$TMP/err" "$TMP/alone (プログラム自身のフォルダー)" "alone, Japanese: why each folder, in Japanese"
	has "$TMP/err" "maildoctor を入れ直すか" "alone, Japanese: what to do, in Japanese"
	has "$TMP/err" "日本語の翻訳（maildoctor.mo）が次のどのフォルダーにもない" \
		"alone, Japanese: the missing translation said in Japanese"
	hasnt "$TMP/err" "cannot be found" "alone, Japanese: not the English sentence"
fi

# 2. The package layout: bin/maildoctor, share/maildoctor, share/locale.
mkdir -p "$TMP/app/bin"
cp "$MD" "$TMP/app/bin/maildoctor"
copy_data "$TMP/app/share/maildoctor"
copy_mo "$TMP/app/share/locale"
at_root "$TMP/app/bin/maildoctor" check --offline --profile "$S4"
want_rc 1 "share layout: check runs"
has "$TMP/out" "outgoing-server-mismatch" "share layout: the finding"
at_root "$TMP/app/bin/maildoctor" --lang ja check --offline --profile "$S4"
has "$TMP/out" "$JA_FINDING" "share layout: Japanese with --lang ja"
at_root -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 \
	"$TMP/app/bin/maildoctor" --help
has "$TMP/out" "使い方" "share layout: Japanese help from LANG=ja_JP.UTF-8"

# 3. Its own folder (data files beside the binary, locale/ beside them).
mkdir -p "$TMP/flat"
cp "$MD" "$TMP/flat/maildoctor"
copy_data "$TMP/flat"
copy_mo "$TMP/flat/locale"
at_root "$TMP/flat/maildoctor" --lang ja check --offline --profile "$S4"
want_rc 1 "own folder: check runs"
has "$TMP/out" "$JA_FINDING" "own folder: Japanese"

# 4. MAILDOCTOR_ASSETS: the source tree's assets (translations in build/locale
# beside it), and a copied share/maildoctor (share/locale beside it).
at_root MAILDOCTOR_ASSETS="$SRC/assets" "$TMP/alone/maildoctor" --lang ja \
	check --offline --profile "$S4"
want_rc 1 "MAILDOCTOR_ASSETS=tree: check runs"
has "$TMP/out" "$JA_FINDING" "MAILDOCTOR_ASSETS=tree: Japanese"
at_root MAILDOCTOR_ASSETS="$TMP/app/share/maildoctor" "$TMP/alone/maildoctor" \
	--lang ja check --offline --profile "$S4"
want_rc 1 "MAILDOCTOR_ASSETS=copy: check runs"
has "$TMP/out" "$JA_FINDING" "MAILDOCTOR_ASSETS=copy: Japanese"

# 5. MAILDOCTOR_ASSETS naming a folder without the data: said, exit 2, in
# the chosen language (the translations are still found beside the binary).
at_root MAILDOCTOR_ASSETS="$TMP/nothing" "$TMP/app/bin/maildoctor" \
	check --offline --profile "$S4"
want_rc 2 "MAILDOCTOR_ASSETS=empty"
has "$TMP/err" "$TMP/nothing (MAILDOCTOR_ASSETS)" "MAILDOCTOR_ASSETS=empty: names it"
at_root MAILDOCTOR_ASSETS="$TMP/nothing" "$TMP/app/bin/maildoctor" --lang ja \
	check --offline --profile "$S4"
want_rc 2 "MAILDOCTOR_ASSETS=empty, Japanese"
has "$TMP/err" "$TMP/nothing" "MAILDOCTOR_ASSETS=empty, Japanese: names it"
has "$TMP/err" "見つかりません" "MAILDOCTOR_ASSETS=empty: said in Japanese"

# 6. Data but no translations anywhere, Japanese asked for: said in
# Japanese (built into the program), the rest in English.
mkdir -p "$TMP/nomo/bin"
cp "$MD" "$TMP/nomo/bin/maildoctor"
copy_data "$TMP/nomo/share/maildoctor"
at_root "$TMP/nomo/bin/maildoctor" --lang ja --help
want_rc 0 "no translations: --help still works"
has "$TMP/err" "メッセージは英語で表示します" "no translations: says in Japanese that Japanese is missing"
has "$TMP/out" "Usage: maildoctor" "no translations: the help in English"
has "$TMP/err" "$TMP/nomo/share/locale" "no translations: names where it looked"
at_root "$TMP/nomo/bin/maildoctor" --lang en --help
[ -s "$TMP/err" ] && fail "no translations, English: unexpected warning" ||
	ok "no translations, English: no warning"
finish
