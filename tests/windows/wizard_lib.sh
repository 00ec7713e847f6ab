# wizard_lib.sh — sourced by tests/windows/test_wizard_*.sh: the Linux
# wizard helpers (tests/tui/lib.sh: a private tmux server, send-keys,
# capture-pane) pointed at maildoctor.exe under wine. wine is started
# inside the tmux pane with TERM set, so ncurses' VT output is read by
# tmux, as a VT-capable Windows console (conhost, Windows Terminal) would
# read it. The S4 Thunderbird profile is put in %APPDATA% of the prefix's
# user (田中花子), found without --profile.
export MAILDOCTOR_BIN="${MAILDOCTOR_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/tests/windows/wine-md}"
. "$(dirname "$0")/../tui/lib.sh"
: "${WINEPREFIX:=$PWD/build/windows/wineprefix}"
: "${USER:=田中花子}"
export WINEPREFIX USER WINEDEBUG=-all
# (WINEDEBUG=-all: wine's own err: lines would land in the pane, in the
# middle of the program's words)
WENV="WINEPREFIX=$WINEPREFIX USER=$USER LC_CTYPE=C.UTF-8 WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml="
# the report folder as Windows sees it (Z: is /), with "/" between its
# parts (Windows takes both): the value goes through the shell of tmux's
# command line, which would eat a "\"
WREPORT="Z:$TMP"
TB="$WINEPREFIX/drive_c/users/$USER/AppData/Roaming/Thunderbird"
PREFS="$TB/Profiles/k7xq2m1a.default-release/prefs.js"
ORIG=$FIXTURE/.thunderbird/Profiles/k7xq2m1a.default-release/prefs.js
rm -rf "$TB"
mkdir -p "$TB"
cp -r "$FIXTURE/.thunderbird/." "$TB/"
trap 'cleanup; rm -rf "$TB"' EXIT

# wstart [-x C] [-y R] [VAR=V…] -- ARGS… — start() with the prefix's
# environment (start() clears it with env -i) and the report in $TMP.
wstart() {
	geo=""
	while [ $# -gt 0 ]; do
		case $1 in -x | -y) geo="$geo $1 $2"; shift 2 ;; *) break ;; esac
	done
	# shellcheck disable=SC2086
	start $geo $WENV MAILDOCTOR_REPORT_DIR="$WREPORT" "$@"
}
