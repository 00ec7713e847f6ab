#!/bin/sh
# test_sources.sh — what users read cites sources they can open: the
# provider's page, the RFC, the server's words. No sentence of the
# knowledge base (shown as evidence), of the catalogue (every translated
# sentence), of README or of the man page names the project's internal
# notes (CASES.md, PROVIDERS.md, FORMATS.md, "case S4", "research ids"),
# which no user has. And the S4 evidence shown by check names the server's
# words and a public page.
. "$(dirname "$0")/lib.sh"
files="assets/providers/*.xml assets/rejections.xml assets/po/*.po README.md assets/maildoctor.1"
[ -f build/maildoctor.pot ] && files="$files build/maildoctor.pot"
# shellcheck disable=SC2086
if grep -nE 'CASES\.md|PROVIDERS\.md|FORMATS\.md|[Cc]ase S[0-9]|\(S[0-9]b?[;)]|maildoctor research|research notes' \
	$files >"$TMP/hits"; then
	fail "internal notes cited where users read:"; sed 's/^/  | /' "$TMP/hits" | head -20
else
	ok "no internal notes cited in the knowledge base, catalogue, README, man page"
fi
expect_rc 1 "S4 offline" "$MD" check --offline --profile tests/fixtures/tb/s4/.thunderbird
has "$TMP/out" "Helo command rejected: Host not found" "the evidence quotes the server's words"
has "$TMP/out" "https://www.postfix.org/postconf.5.html#reject_unknown_helo_hostname" \
	"the evidence names a public page"
finish
