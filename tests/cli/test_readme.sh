#!/bin/sh
# test_readme.sh — README's examples of the plain wizard, run as written
# (maildoctor on PATH, on a copy of a fixture home): the apply example
# applies the fix whatever the number of findings (S4: 2, S2: 1, S6: 2),
# the check-only example changes nothing and logs the findings.
. "$(dirname "$0")/lib.sh"
FIX=$(pwd)/tests/fixtures/tb
mkdir -p "$TMP/bin"
ln -s "$(cd "$(dirname "$MD")" && pwd)/$(basename "$MD")" "$TMP/bin/maildoctor"

grep -E "^    printf .*\| maildoctor " README.md | sed 's/^    //' >"$TMP/examples"
n=$(wc -l <"$TMP/examples")
[ "$n" -ge 2 ] && ok "README has $n plain examples" || fail "README has $n plain examples"
apply=$(grep -F "# check, then apply the fix" "$TMP/examples")
logged=$(grep -F "# check only, logged" "$TMP/examples")
[ -n "$apply" ] && [ -n "$logged" ] && ok "both examples found" || fail "examples not found"

# home FIXTURE — $TMP/h/home holding the fixture's Thunderbird settings as
# a discovered profile; PREFS is its prefs.js.
home() {
	rm -rf "$TMP/h"; mkdir -p "$TMP/h/home"
	if [ -d "$FIX/$1/.thunderbird" ]; then
		cp -r "$FIX/$1/.thunderbird" "$TMP/h/home/"
	else
		p=$TMP/h/home/.thunderbird/p.default
		mkdir -p "$p"; cp "$FIX/$1/prefs.js" "$p/"
		printf '[Profile0]\nName=default\nIsRelative=1\nPath=p.default\nDefault=1\n' \
			>"$TMP/h/home/.thunderbird/profiles.ini"
	fi
	PREFS=$(ls "$TMP"/h/home/.thunderbird/*/prefs.js "$TMP"/h/home/.thunderbird/Profiles/*/prefs.js 2>/dev/null | head -1)
	cp "$PREFS" "$TMP/h/orig.js"
}
run() { # in the fixture home's folder, as a person would
	(cd "$TMP/h" && HOME=$TMP/h/home MAILDOCTOR_REPORT_DIR=$TMP/h \
		PATH=$TMP/bin:$PATH LANG=C.UTF-8 sh -c "$1" >"$TMP/h/out" 2>"$TMP/h/err")
	echo $?
}

for f in s4 s2 s6; do
	home $f
	rc=$(run "$apply")
	[ "$rc" = 0 ] && ok "$f: the apply example exits 0" || fail "$f: apply example exit $rc"
	cmp -s "$PREFS" "$TMP/h/orig.js" && fail "$f: the apply example changed nothing" ||
		ok "$f: the apply example applied the fix"
	has "$TMP/h/out" "The change was made." "$f: the change is reported"
	hasnt "$TMP/h/out" "Please answer" "$f: no answer refused"
	hasnt "$TMP/h/out" "No more answers" "$f: the input was enough"
	[ -s "$TMP/h/err" ] && fail "$f: stderr: $(head -3 "$TMP/h/err")"

	home $f
	rc=$(run "$logged")
	[ "$rc" -le 1 ] && ok "$f: the check-only example exits $rc" ||
		fail "$f: check-only exit $rc"
	cmp -s "$PREFS" "$TMP/h/orig.js" && ok "$f: check only changes nothing" ||
		fail "$f: check only changed prefs.js"
	has "$TMP/h/log.txt" "== Step 4 of 7: What we found ==" "$f: the findings are logged"
done
finish
