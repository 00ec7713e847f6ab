#!/bin/sh
# Plain words on the main path: from launch to the fix (steps 1 to 5 of
# S4, the keys a person presses) no screen says "resolve", "DNS", "relay",
# "domain", "STARTTLS", "SSL/TLS", "Port" or a name of prefs.js, in English
# or in Japanese; the technical words are one key away, behind d.
. "$(dirname "$0")/lib.sh"

# jargon_on WHAT WORDS… — none of WORDS is on the screen now.
jargon_on() {
	what=$1; shift
	screen >"$TMP/scr"
	found=""
	for w in "$@"; do grep -qiF -- "$w" "$TMP/scr" && found="$found \"$w\""; done
	if [ -n "$found" ]; then
		fail "$what says$found"; sed 's/^/  | /' "$TMP/scr"
	else ok "$what: plain words"; fi
}

run() {
	lang=$1; shift
	rm -rf "$TMP/home"
	home
	# tall enough that every page is whole on the screen
	start -x 100 -y 60 -- --offline --lang "$lang"
	wait_for "1/7" || wait_for "1 of 7" || fail "$lang: no step 1"
	jargon_on "$lang step 1" "$@"
	keys Enter
	jargon_on "$lang step 2" "$@"
	keys Enter
	sleep 0.3
	jargon_on "$lang step 3" "$@"
	keys Enter
	jargon_on "$lang step 4, first finding" "$@"
	keys Enter
	jargon_on "$lang step 4, second finding" "$@"
	keys d
	expect "DNS" "$lang: d shows the technical words of the finding"
	keys d Enter
	wait_for "5/7" || wait_for "5 of 7" || fail "$lang: no step 5"
	jargon_on "$lang step 5" "$@"
	keys d
	expect "STARTTLS" "$lang: d shows Thunderbird's name of the encryption"
	expect "mail.identity.id1.smtpServer" "$lang: d shows the line of prefs.js"
	keys q
	sleep 0.3
	keys y
	wait_exit >/dev/null
}

run en resolve DNS relay domain STARTTLS SSL/TLS Port mail.identity smtpServer
run ja DNS 中継 ドメイン 引けない STARTTLS SSL/TLS ポート mail.identity smtpServer
finish
