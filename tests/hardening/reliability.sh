#!/bin/sh
# reliability.sh — rewrites the "Reliability" section of README.md (between
# its two marker comments; appended once if absent) from the figures the
# last runs left in build/test-logs: tests/hardening's "figures:" and closing
# lines, and libFuzzer's "Done N runs" per target. Called by `make
# reliability` (tests/hardening/hardening.mk); nothing in it is typed by hand.
# Usage: tests/hardening/reliability.sh FUZZ_SECONDS STAMP_FILE
set -u
cd "$(dirname "$0")/../.." || exit 3
SECS=${1:?FUZZ_SECONDS}
STAMP=${2:?stamp file}
LOGS=build/test-logs
README=README.md
# shellcheck disable=SC2016 # backquotes are Markdown here
BEGIN='<!-- reliability:begin (written by `make reliability`; do not edit) -->'
END='<!-- reliability:end -->'

# fresh FILE: FILE exists and is newer than the stamp.
fresh() { [ -n "$(find "$1" -newer "$STAMP" 2>/dev/null)" ]; }

# fig LOG KEY: the value of KEY=… on LOG's last "figures:" line.
fig() {
	grep '^figures:' "$1" 2>/dev/null | tail -n 1 | tr ' ' '\n' |
		sed -n "s/^$2=//p"
}
closing() { grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" 2>/dev/null | tail -n 1; }

missing=""
for f in "$LOGS/hardening-test_killfix.log" "$LOGS/hardening-test_secrets.log" \
	"$LOGS/hardening-test_hostile.log" "$LOGS/hardening-test_valgrind.log" \
	"$LOGS/hardening-test_tls.log"
do
	fresh "$f" || missing="$missing $f"
done
if [ -n "$missing" ]; then
	echo "reliability: no fresh log:$missing" >&2
	exit 1
fi
K=$LOGS/hardening-test_killfix.log
S=$LOGS/hardening-test_secrets.log
H=$LOGS/hardening-test_hostile.log
V=$LOGS/hardening-test_valgrind.log
T=$LOGS/hardening-test_tls.log

# One row per fuzz target that ran after the stamp.
fuzz_rows=""
targets=0
execs_total=0
for log in "$LOGS"/fuzz_*.log; do
	fresh "$log" || continue
	name=$(basename "$log" .log)
	runs=$(sed -n 's/.*Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' \
		"$log" | tail -n 1)
	crashed=$(find "$LOGS" -maxdepth 1 -name "$name-*" -newer "$STAMP" \
		-type f | wc -l)
	targets=$((targets + 1))
	execs_total=$((execs_total + ${runs:-0}))
	fuzz_rows="$fuzz_rows| \`$name\` | ${runs:-none (did not finish)} | $crashed |
"
done
crashes=$(find "$LOGS" -maxdepth 1 -name 'fuzz_*-*' -newer "$STAMP" \
	-type f | wc -l)


section=$(cat <<SECTION
$BEGIN
## Reliability

Written by \`make reliability\` on $(date -u +%Y-%m-%d) from the figures its
runs printed (\`make check\` runs the same tests, with 4 s of fuzzing per
target). The tests are in \`tests/hardening/\` and \`tests/fuzz/\`.

| what | figure |
|---|---|
| \`fix --apply\` killed with SIGKILL (\`test_killfix.sh\`): at random moments, and on entry to each fchmod, fsync and rename of the write | $(fig "$K" runs) runs; $(fig "$K" killed) killed before they ended, $(fig "$K" inside_write) of them in the middle of the write ($(fig "$K" steps) runs at exact steps); runs where prefs.js was neither old nor new, a backup not intact, or the next run failed: $(fig "$K" failed) |
| a second fix while one holds the profile; a read-only profile folder; a full disk (64 KiB tmpfs) | second fix: $(fig "$K" concurrent); read-only folder: $(fig "$K" readonly); full disk: $(fig "$K" diskfull) (refused = exit 2, a plain message, the original untouched) |
| hostile servers (\`test_hostile.sh\`, lab base): every hostile peer × SMTP, IMAP, POP3 × plain, STARTTLS, implicit TLS where the port fits, with the ASan and the release binary | $(fig "$H" peers) peers, $(fig "$H" protocols) protocols, $(fig "$H" combinations) combinations, $(fig "$H" rows) rows (both binaries); wrong outcome class, row past its deadline + 1 s, or bound exceeded: $(fig "$H" checks_failed); longest row $(fig "$H" max_elapsed_ms) ms for a deadline of $(fig "$H" deadline_ms) ms ($(fig "$H" deadline_rows) rows ended by the deadline itself); longest process $(fig "$H" max_wall_ms) ms; peak RSS $(fig "$H" max_rss_kb) KB (an honest server: $(fig "$H" ref_rss_kb) KB) |
| secrets: a known password through AUTH (probe over SMTP, IMAP and POP3, and check; lab S6), then every file searched (\`test_secrets.sh\`) | $(fig "$S" files) files searched, secrets found: $(fig "$S" found); core dumps off while it is held: $(fig "$S" core_off) |
| the lab suites (\`tests/lab-probe\`, \`tests/lab-diag\`) with maildoctor under valgrind's memcheck (\`test_valgrind.sh\`; a canary that leaks must be caught first) | $(fig "$V" processes) maildoctor processes, $(fig "$V" checks) checks of the suites passed; memcheck errors: $(fig "$V" errors), bytes definitely or indirectly lost: $(fig "$V" lost_bytes) |
| strict TLS (\`test_tls.sh\`, lab base): expired, wrong name, self-signed, unknown CA and TLS 1.0/1.1 servers × 465 and 587 × \`probe\` and \`check\`; then a login on plain IMAP/POP3/SMTP ports and on a server that answers STARTTLS with 220 and speaks plaintext | $(fig "$T" cells_ok) of $(fig "$T" cells) server-port cells refused by default with the right category and a sentence naming the fault (English and Japanese), and marked unverified in every row with \`--insecure\`; logins held back before TLS: $(fig "$T" auth_held) of $(fig "$T" auth_runs) runs, login lines sent: $(fig "$T" auth_leaked) |
| fuzzing, $SECS s per target | $targets targets, $execs_total executions, crashes found: $crashes |

| fuzz target | executions in $SECS s | crashes |
|---|---|---|
${fuzz_rows}$END
SECTION
)

tmp=$README.reliability-tmp
if grep -qF "$END" "$README"; then
	awk -v sec="$section" -v b="<!-- reliability:begin" -v e="$END" '
		index($0, b) == 1 { print sec; skip = 1; next }
		skip && index($0, e) == 1 { skip = 0; next }
		!skip' "$README" >"$tmp"
else
	{ cat "$README"; echo; printf '%s\n' "$section"; } >"$tmp"
fi
mv "$tmp" "$README"
echo "reliability: README.md section written"
printf '%s\n' "$section"
