#!/bin/sh
# test_manpage.sh — one option table: the man page's OPTIONS section is the
# one the table makes (`make man` writes it), each command's --help lists
# exactly the options it takes, the program's --help lists them all, and the
# man page has EXAMPLES, a wizard entry and every environment variable the
# sources read. fix --json and accounts --offline work.
. "$(dirname "$0")/lib.sh"
MAN=assets/maildoctor.1
S4=tests/fixtures/tb/s4/.thunderbird

expect_rc 0 "--man-options" "$MD" --man-options
sed -n '/^\.SH OPTIONS$/,/^\.SH /p' "$MAN" | sed '$d' >"$TMP/man-opts"
if cmp -s "$TMP/out" "$TMP/man-opts"; then ok "man OPTIONS = the option table"; else
	fail "man OPTIONS differs from the table (run make man)"; diff "$TMP/man-opts" "$TMP/out" | head -20; fi

# every option of the table, by its long name
"$MD" --man-options | sed -n 's/^\.B[IR]* \(\\-[0-9A-Za-z] ", " \)\{0,1\}\\-\\-\([a-z0-9\\-]*\).*/\2/p' |
	sed 's/\\-/-/g' >"$TMP/all"
n=$(wc -l <"$TMP/all")
[ "$n" -ge 29 ] && ok "the table has $n options" || fail "only $n options in the table"
expect_rc 0 "--help" "$MD" --help
while read -r o; do
	grep -qE -- "--$o( |$)" "$TMP/out" || fail "--help lacks --$o"
done <"$TMP/all"
ok "--help lists every option"

# each command's --help lists exactly what it takes: a listed option is
# taken, one not listed is refused as not taken.
for cmd in wizard accounts check fix explain probe; do
	"$MD" $cmd --help >"$TMP/help" 2>&1
	bad=0
	while read -r o; do
		# an option with a value takes "--help" as its value: give one
		"$MD" $cmd "--$o" --help >/dev/null 2>"$TMP/e" </dev/null ||
			grep -q "does not take" "$TMP/e" ||
			"$MD" $cmd "--$o" 5 --help >/dev/null 2>"$TMP/e" </dev/null
		refused=0; grep -q "does not take --$o" "$TMP/e" && refused=1
		listed=0; grep -qE -- "--$o( |$)" "$TMP/help" && listed=1
		if [ $listed = $refused ]; then
			bad=1; fail "$cmd: --$o listed=$listed refused=$refused"
		fi
	done <"$TMP/all"
	[ $bad = 0 ] && ok "$cmd --help lists exactly the options it takes"
done
"$MD" wizard --help >"$TMP/h"; has "$TMP/h" "--insecure" "wizard --help has --insecure"
"$MD" fix --help >"$TMP/h"; has "$TMP/h" "--outlook" "fix --help has --outlook"
has "$TMP/h" "--lang" "fix --help has --lang"; has "$TMP/h" "--json" "fix --help has --json"
"$MD" accounts --help >"$TMP/h"; has "$TMP/h" "--lang" "accounts --help has --lang"

# fix --json, accounts --offline
mkdir -p "$TMP/home"; cp -r "$S4" "$TMP/home/"
expect_rc 1 "fix --list --json" env HOME="$TMP/home" "$MD" fix --list --json --offline
json_eq "$TMP/out" "j['fixes'][0]['id']" "use-mail.shirao.example-587"
json_eq "$TMP/out" "j['fixes'][0]['apply']" "maildoctor fix --apply use-mail.shirao.example-587 --offline"
expect_rc 0 "fix --apply --json" env HOME="$TMP/home" "$MD" fix --apply use-mail.shirao.example-587 --offline --json
json_eq "$TMP/out" "j['changes'][0]['after']" '"smtp1"'
json_eq "$TMP/out" "j['undo']" "maildoctor fix --undo"
expect_rc 0 "fix --undo --json" env HOME="$TMP/home" "$MD" fix --undo --json
json_eq "$TMP/out" "len(j['from'])" "1"
expect_rc 0 "accounts --offline" "$MD" accounts --offline --profile "$S4"
has "$TMP/out" "haha@shirao.example" "accounts --offline lists the account"

# the man page's other sections
for s in EXAMPLES ENVIRONMENT COMMANDS; do
	grep -q "^\.SH $s" "$MAN" && ok "man has $s" || fail "man lacks $s"
done
grep -q '^\.B wizard$' "$MAN" && ok "man has a wizard entry" || fail "no wizard entry"
vars=$(find core clientcfg app tui cli -name "*.c" -exec cat {} + | grep -o 'getenv("[A-Z_]*")' | sed 's/getenv("\(.*\)")/\1/' | sort -u)
vars="$vars LANGUAGE LC_ALL LC_MESSAGES LANG"
for v in $vars; do
	sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$MAN" | grep -q "$v" ||
		fail "man ENVIRONMENT lacks $v"
done
ok "man ENVIRONMENT names every variable the sources read"
finish
