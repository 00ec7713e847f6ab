#!/bin/sh
# test_printed_commands.sh — every command maildoctor prints for people to
# type works when pasted back as printed: check's "To apply it" carries
# --profile and --offline, fix --apply's "To undo it" names the profile,
# each on a line of its own, quoted for a profile path with spaces, an
# apostrophe and Japanese.
. "$(dirname "$0")/lib.sh"
S4=tests/fixtures/tb/s4/.thunderbird
dir="$TMP/my profiles/ハハ's 設定"
mkdir -p "$dir" "$TMP/home"
cp "$S4"/Profiles/*/prefs.js "$dir/"
cp "$dir/prefs.js" "$TMP/orig.js"

# after FILE HEADING — the line after HEADING in FILE, without its indent.
after() { grep -A1 -F -- "$2" "$1" | sed -n 2p | sed 's/^ *//'; }

expect_rc 1 "check --offline --profile DIR" env HOME="$TMP/home" "$MD" check --offline --profile "$dir"
apply=$(after "$TMP/out" "To apply it, type:")
case $apply in
"maildoctor fix --apply "*" --profile "*" --offline") ok "the apply command carries --profile and --offline" ;;
*) fail "apply command: '$apply'" ;;
esac
hasnt "$TMP/out" "To apply it: maildoctor" "the command is on a line of its own"

# Pasted back as printed (maildoctor is on PATH as it would be).
mkdir -p "$TMP/bin"; ln -s "$(cd "$(dirname "$MD")" && pwd)/$(basename "$MD")" "$TMP/bin/maildoctor"
expect_rc 0 "the printed apply command runs" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$apply"
grep -q '"smtp1"' "$dir/prefs.js" && ok "it applied the fix" || fail "not applied"
undo=$(after "$TMP/out" "To undo it, type:")
case $undo in
"maildoctor fix --undo --profile '"*) ok "the undo command names the profile, quoted" ;;
*) fail "undo command: '$undo'" ;;
esac
expect_rc 0 "the printed undo command runs" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$undo"
cmp -s "$dir/prefs.js" "$TMP/orig.js" && ok "undo as printed restores prefs.js" ||
	fail "prefs.js differs after the printed undo"

# check --json: each fix with the same command.
expect_rc 1 "check --json" env HOME="$TMP/home" "$MD" check --offline --json --profile "$dir"
got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['findings'][0]['fixes'][0]['apply'])" "$TMP/out")
[ "$got" = "$apply" ] && ok "check --json: the fix's apply command is the text one" ||
	fail "check --json apply: '$got'"

# --lang is carried too, so the pasted command speaks the same language.
expect_rc 1 "check in Japanese" env HOME="$TMP/home" "$MD" --lang ja check --offline --profile "$dir"
has "$TMP/out" "--offline --lang ja" "the apply command keeps --lang"

# An id that was not offered: the command that lists them, with the options.
expect_rc 2 "fix --apply of an unknown id" env HOME="$TMP/home" "$MD" fix --apply nope --offline --profile "$dir"
list=$(after "$TMP/err" "to see the fixes offered, type:")
case $list in
"maildoctor fix --list --profile "*" --offline") ok "the list command carries --profile and --offline" ;;
*) fail "list command: '$list'" ;;
esac
expect_rc 1 "the printed list command runs" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$list"
has "$TMP/out" "use-mail.shirao.example-587" "it lists the fix"
apply2=$(after "$TMP/out" "To apply it, type:")
case $apply2 in
"maildoctor fix --apply use-mail.shirao.example-587 --profile "*" --offline") ok "fix --list: each fix with its apply command" ;;
*) fail "fix --list apply command: '$apply2'" ;;
esac
expect_rc 0 "that apply command runs" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$apply2"
expect_rc 0 "and its undo" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$(after "$TMP/out" "To undo it, type:")"
cmp -s "$dir/prefs.js" "$TMP/orig.js" && ok "back as it was" || fail "not restored"

# Two profiles changed: each is named by an undo command that works.
d2="$TMP/second one"
mkdir -p "$d2"; cp "$TMP/orig.js" "$d2/prefs.js"
for d in "$dir" "$d2"; do
	env HOME="$TMP/home" "$MD" fix --apply use-mail.shirao.example-587 --offline --profile "$d" >/dev/null 2>&1 ||
		fail "apply in $d"
done
expect_rc 2 "undo with two profiles changed" env HOME="$TMP/home" "$MD" fix --undo --profile "$dir" --profile "$d2"
second=$(grep -F "maildoctor fix --undo --profile '$d2'" "$TMP/err" | sed 's/^ *//')
[ -n "$second" ] && ok "each changed profile gets its undo command" ||
	{ fail "no undo command for the second profile"; sed 's/^/  | /' "$TMP/err"; }
expect_rc 0 "that undo command runs" env HOME="$TMP/home" PATH="$TMP/bin:$PATH" sh -c "$second"
cmp -s "$d2/prefs.js" "$TMP/orig.js" && ok "it restored that profile" || fail "second profile not restored"
finish
