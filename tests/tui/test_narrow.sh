#!/bin/sh
# Small windows: at 80×24, 70×24, 60×20 and 40×12 every step of the S4 run
# (and its details) shows every host name and address whole — never a cut
# one such as "smtpa.jcom.zaq.ne." — and every key hint the step has at
# 120×40; no line is wider than the window. Where a window is too small
# for a page, it says how large it must be. In English and in Japanese.
. "$(dirname "$0")/lib.sh"

# names — every name of the fixture's kind on the screen: runs of
# letters, digits, ".-@" around one of the fixture's domains.
names() {
	screen | grep -oE '[][A-Za-z0-9._@+-]*(shirao|jcom|zaq)[][A-Za-z0-9._@+-]*' |
		sed 's/[.]$//'
}
WHOLE="haha@shirao.example shirao.example mail.shirao.example
smtpa.jcom.zaq.ne.jp haha@jcom.zaq.ne.jp jcom.zaq.ne.jp
omta[0-9]+.jcom.zaq.ne.jp"

# hints — the key hints of the bottom line at 120×40, one a line.
hints() {
	tmux_ resize-window -t 0 -x 120 -y 40
	sleep 0.4
	line 40 | sed 's/^ //; s/   */\n/g' | sed '/^$/d'
}

# check_at COLS ROWS WHAT — one size: names whole on every page of the
# body (paged with space), all of $HINTS on the bottom lines.
check_at() {
	tmux_ resize-window -t 0 -x "$1" -y "$2"
	sleep 0.4
	if screen | grep -qF "$SMALL_WORDS"; then
		need=$(screen | tr '\n' ' ' | grep -oE '[0-9]+ (columns|桁)' | head -1 | grep -oE '^[0-9]+')
		if [ -n "$need" ] && [ "$need" -gt "$1" ]; then
			ok "$3 at $1×$2: says it needs $need columns"
		else
			fail "$3 at $1×$2: too small without saying how large"
			screen | sed 's/^/  | /'
		fi
		return
	fi
	[ "$(max_width)" -le "$1" ] || fail "$3 at $1×$2: a line wider than $1"
	bottom=$(screen | tail -n 3)
	echo "$HINTS" | while IFS= read -r h; do
		[ -z "$h" ] && continue
		case $bottom in
		*"$h"*) ;;
		*) echo "missing hint: $h" ;;
		esac
	done >"$TMP/missing"
	if [ -s "$TMP/missing" ]; then
		fail "$3 at $1×$2: $(cat "$TMP/missing")"
		screen | sed 's/^/  | /'
	else ok "$3 at $1×$2: every hint"; fi
	pages=0 cut=""
	while :; do
		for n in $(names); do
			case " $(echo $WHOLE) " in
			*" $n "*) ;;
			*) cut="$cut $n" ;;
			esac
		done
		screen | grep -qF "$MORE_WORDS" || break
		pages=$((pages + 1))
		[ $pages -gt 12 ] && break
		keys Space
	done
	if [ -n "$cut" ]; then
		fail "$3 at $1×$2: cut names:$cut"
		screen | sed 's/^/  | /'
	else ok "$3 at $1×$2: names whole ($pages pages down)"; fi
	# back to the top of the page, for the next size
	n=$pages
	while [ "$n" -gt 0 ]; do keys PPage; n=$((n - 1)); done
}

# check_step WHAT — the step on the screen now, at every size.
check_step() {
	HINTS=$(hints)
	[ -n "$HINTS" ] || fail "$1: no hints at 120×40"
	for size in "80 24" "70 24" "60 20" "40 12"; do
		# shellcheck disable=SC2086
		check_at $size "$1"
	done
	tmux_ resize-window -t 0 -x 80 -y 24
	sleep 0.4
}

run() {
	rm -rf "$TMP/home"
	home
	start -- --offline --lang "$1"
	expect "$2" "$1: step 1" >/dev/null
	check_step "$1 step 1"
	keys Enter
	check_step "$1 step 2"
	keys Enter
	check_step "$1 step 3"
	keys Enter
	check_step "$1 step 4, first finding"
	keys d
	check_step "$1 step 4, its evidence"
	keys d Enter
	check_step "$1 step 4, second finding"
	keys Enter
	check_step "$1 step 5"
	# the fix table at 70 columns: no empty line from its header row
	# ($3) to its last row ($4)
	tmux_ resize-window -t 0 -x 70 -y 24
	sleep 0.5
	screen >"$TMP/fix70"
	a=$(grep -n -- "$3" "$TMP/fix70" | head -1 | cut -d: -f1)
	b=$(grep -n -- "$4" "$TMP/fix70" | head -1 | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] &&
		! sed -n "${a},${b}p" "$TMP/fix70" | grep -q '^ *$'; then
		ok "$1 step 5 at 70×24: no empty line in the table"
	else
		fail "$1 step 5 at 70×24: table from line $a to $b"
		sed 's/^/  | /' "$TMP/fix70"
	fi
	keys d
	check_step "$1 step 5, details"
	keys d a
	check_step "$1 step 6"
	keys Enter
	check_step "$1 step 7"
	keys q
	sleep 0.3
	keys y
	wait_exit >/dev/null
}

SMALL_WORDS="Please make the window larger." MORE_WORDS="more below"
run en "Welcome" "now  .*after the change" "User name  "
SMALL_WORDS="ウィンドウを大きくしてください。" MORE_WORDS="下に続き"
run ja "ようこそ" "今  .*変更後" "ユーザー名  "
finish
