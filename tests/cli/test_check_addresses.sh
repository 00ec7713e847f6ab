#!/bin/sh
# test_check_addresses.sh — `maildoctor check ADDRESS…` judges only the
# identities named (any case), all of them when none is named; an address in
# no profile whose provider is unknown is refused with exit 2; a password
# on stdin needs exactly one address. Offline: settings only.
. "$(dirname "$0")/lib.sh"
P=tests/fixtures/tb/multi/.thunderbird
ids="' '.join(sorted(set(f['identity'] for f in j['findings'])))"

"$MD" check --offline --json --profile "$P" >"$TMP/all.json"
json_eq "$TMP/all.json" "$ids" "taro@club.example taro@home.example taro@work.example"

"$MD" check --offline --json --profile "$P" taro@home.example >"$TMP/one.json"
json_eq "$TMP/one.json" "$ids" "taro@home.example"

"$MD" check --offline --json --profile "$P" TARO@WORK.example \
	taro@home.example >"$TMP/two.json"
json_eq "$TMP/two.json" "$ids" "taro@home.example taro@work.example"

"$MD" check --offline --json --profile "$P" taro@club.example >"$TMP/club.json"
# club's outgoing server does not exist: its finding alone
json_eq "$TMP/club.json" "[f['id'] for f in j['findings']]" "['no-outgoing-server']"

expect_rc 2 "an unknown address among them" "$MD" check --offline \
	--profile "$P" taro@home.example nobody@unknown-provider.example
has "$TMP/err" "nobody@unknown-provider.example" "the unknown address is named"

printf 'pw\n' >"$TMP/pw"
expect_rc 2 "a password for two addresses" sh -c '"$1" check --offline \
	--password-stdin --profile "$2" taro@home.example taro@work.example \
	<"$3"' sh "$MD" "$P" "$TMP/pw"
has "$TMP/err" "--password-stdin" "the refusal names --password-stdin"
finish
