#!/bin/sh
# run.sh — end-to-end tests of the diagnosis in the lab: for each case a
# fixture profile and a scenario; `check` must report exactly the expected
# finding ids; S4's fix is applied, a second check is clean, and
# `fix --undo` brings prefs.js back byte for byte. Ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 3
MD=${MAILDOCTOR_BIN:-$PWD/build/asan/maildoctor}
case $MD in /*) ;; *) MD=$PWD/$MD ;; esac
PASS=0
FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export MD TMP

if [ "$(id -u)" != 0 ]; then
	echo "!!! LAB-DIAG SKIPPED: not root; the lab needs network namespaces."
	echo "0 passed, 1 failed"
	exit 1
fi

# Scenarios to run: the arguments, or all of them.
ONLY=" $* "
want() { [ "$ONLY" = "  " ] || case $ONLY in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# The commands run inside one lab: $1 scenario, $2 script (sh) that gets
# the lab's env and writes "ok: …" / "FAIL: …" lines.
in_lab() {
	want "$1" || return 0
	tests/lab/lab run "$1" sh -c "$2" >"$TMP/$1.log" 2>&1
	cat "$TMP/$1.log" | grep -E '^(ok|FAIL):' || true
	p=$(grep -c '^ok:' "$TMP/$1.log")
	f=$(grep -c '^FAIL:' "$TMP/$1.log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: scenario $1 ran no check"; tail -n 30 "$TMP/$1.log"; f=1
	fi
	PASS=$((PASS + p))
	FAIL=$((FAIL + f))
}

# Shared by the scripts: run maildoctor in the client namespace.
COMMON='
md() { ip netns exec "$LAB_NS_CLIENT" "$MD" "$@" --resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" --timeout 3; }
ids() { python3 -c "import json,sys; print(\" \".join(sorted(f[\"id\"] for f in json.load(open(sys.argv[1]))[\"findings\"])))" "$1"; }
fixes() { python3 -c "import json,sys; print(\" \".join(x[\"id\"] for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"id\"]==sys.argv[2] for x in f[\"fixes\"]))" "$1" "$2"; }
expect() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got [$2], wanted [$3]"; fi; }
'

in_lab S1 "$COMMON"'
md check --json --profile tests/fixtures/tb/s1 > $TMP/s1.json; rc=$?
expect "S1 exit status" "$rc" 1
expect "S1 findings" "$(ids $TMP/s1.json)" "port-blocked-on-path port-blocked-on-path"
expect "S1 smallest fix first" "$(fixes $TMP/s1.json port-blocked-on-path)" "use-secure.plala.or.jp-465 use-v6mail.plala.or.jp-587"
python3 -c "import json,sys; r=[x for x in json.load(open(sys.argv[1]))[\"results\"] if x[\"host\"]==\"secure.plala.or.jp\" and x[\"port\"]==587]; print(r[0][\"outcome\"], r[0][\"family\"])" $TMP/s1.json > $TMP/s1.row
expect "S1 IPv4 587 filtered" "$(cat $TMP/s1.row)" "timeout ipv4"
'

in_lab S2 "$COMMON"'
md check --json --profile tests/fixtures/tb/s2 > $TMP/s2.json; rc=$?
expect "S2 exit status" "$rc" 1
expect "S2 findings" "$(ids $TMP/s2.json)" "plaintext-settings port25-blocked"
expect "S2 fix: 587 on the same server" "$(fixes $TMP/s2.json port25-blocked | cut -d" " -f1)" "use-secure.plala.or.jp-587"
'

in_lab S6 "$COMMON"'
md check --json --profile tests/fixtures/tb/s6 > $TMP/s6.json; rc=$?
expect "S6 exit status" "$rc" 1
expect "S6 findings" "$(ids $TMP/s6.json)" "outgoing-server-mismatch sender-domain-rejected spf-excludes-relay"
printf "%s\n" "$LAB_PASS_EO" | md check otto@shirao.example --password-stdin --json --profile tests/fixtures/tb/s6 > $TMP/s6p.json; rc=$?
expect "S6 with the password: exit status" "$rc" 1
python3 -c "import json,sys; f=[x for x in json.load(open(sys.argv[1]))[\"findings\"] if x[\"id\"]==\"sender-domain-rejected\"][0]; print(\"550 5.7.1\" in f[\"explanation\"], f[\"severity\"])" $TMP/s6p.json > $TMP/s6p.txt
expect "S6 dry run: the server itself refuses the sender" "$(cat $TMP/s6p.txt)" "True blocker"
if grep -q "$LAB_PASS_EO" $TMP/s6p.json; then echo "FAIL: the password is in the JSON"; else echo "ok: no password in the JSON"; fi
printf "wrong-password\n" | md check otto@shirao.example --password-stdin --json --profile tests/fixtures/tb/s6 > $TMP/s6w.json
expect "S6 wrong password: auth-failed" "$(ids $TMP/s6w.json)" "auth-failed outgoing-server-mismatch sender-domain-rejected spf-excludes-relay"
'

in_lab S7 "$COMMON"'
md check --json --profile tests/fixtures/tb/healthy > $TMP/ok.json; rc=$?
expect "healthy profile: exit status" "$rc" 0
expect "healthy profile: no finding" "$(ids $TMP/ok.json)" ""
'

in_lab S4 "$COMMON"'
cp -r tests/fixtures/tb/s4 $TMP/s4
P=$TMP/s4/.thunderbird
md check --json --profile $P > $TMP/s4.json; rc=$?
expect "S4 exit status" "$rc" 1
expect "S4 findings" "$(ids $TMP/s4.json)" "outgoing-server-mismatch relay-no-forward-dns spf-excludes-relay"
expect "S4 fixes proven by probes" "$(fixes $TMP/s4.json outgoing-server-mismatch)" "use-mail.shirao.example-587 use-mail.shirao.example-465"
md fix --apply use-mail.shirao.example-587 --profile $P > $TMP/apply.txt; rc=$?
expect "S4 fix applied" "$rc" 0
md check --json --profile $P > $TMP/s4b.json; rc=$?
expect "S4 second check clean" "$(ids $TMP/s4b.json) $rc" " 0"
ip netns exec "$LAB_NS_CLIENT" "$MD" fix --undo --profile $P > /dev/null; rc=$?
expect "S4 undo" "$rc" 0
md check --json --profile tests/fixtures/tb/s4b > $TMP/s4b.json
expect "S4 without the old server: found by discovery (SRV) and proven" "$(fixes $TMP/s4b.json outgoing-server-mismatch)" "use-mail.shirao.example-465 use-mail.shirao.example-587"
if cmp -s $P/Profiles/k7xq2m1a.default-release/prefs.js tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release/prefs.js; then echo "ok: S4 prefs.js back byte for byte"; else echo "FAIL: S4 prefs.js differs after undo"; fi
'

in_lab S3 "$COMMON"'
md check --json --profile tests/fixtures/tb/badcert > $TMP/bc.json
expect "expired certificate" "$(ids $TMP/bc.json)" "spf-excludes-relay tls-certificate-problem"
md check --json --profile tests/fixtures/tb/typo > $TMP/ty.json
expect "mistyped server name" "$(ids $TMP/ty.json)" "host-not-found"
md check --json --profile tests/fixtures/tb/nodmarc > $TMP/nd.json
expect "own domain without DMARC" "$(ids $TMP/nd.json)" "dmarc-missing"
md check --json --profile tests/fixtures/tb/noauth > $TMP/na.json
expect "S3: port 25 of another server from inside plala" "$(ids $TMP/na.json)" "port25-blocked"
expect "S3: the fix is plala submission" "$(fixes $TMP/na.json port25-blocked | cut -d" " -f1)" "use-secure.plala.or.jp-587"
ip netns exec "$LAB_NS_CLIENT" "$MD" check --json --profile tests/fixtures/tb/healthy --resolver 203.0.113.99 --ca-file "$LAB_CA" --timeout 2 > $TMP/dns.json
expect "no DNS answers" "$(ids $TMP/dns.json)" "dns-failure"
'

in_lab S3-outside "$COMMON"'
md check --json --profile tests/fixtures/tb/noauth > $TMP/na2.json
expect "S3 outside plala: the receiving MX offers no login" "$(ids $TMP/na2.json)" "auth-not-offered"
expect "S3 outside plala: the fix is plala submission" "$(fixes $TMP/na2.json auth-not-offered | cut -d" " -f1)" "use-secure.plala.or.jp-587"
'

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
