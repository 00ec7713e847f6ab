#!/bin/sh
# test_secrets.sh — no password anywhere (issue 9): in the lab's S6, a known
# password goes through the AUTH path of `maildoctor probe` and `maildoctor
# check` (SMTP) and of an IMAP and POP3 probe, right and wrong; then stdout,
# stderr, every file maildoctor opened for writing (seen by strace) and
# everything under its private HOME, TMPDIR and working folder are searched
# for the password, its base64 and the AUTH PLAIN base64. While a password is held (a probe of the lab's silent peer),
# core dumps must be off: RLIMIT_CORE 0 and not dumpable. Needs root and the
# lab (tests/lab); ends "N passed, N failed" and a "figures:" line.
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
. tests/hardening/lab_self.sh
BIN=${MAILDOCTOR_BIN:-$ROOT/build/asan/maildoctor}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
WRONG='Kx7.secret-PW!9q'

# ---- inside the lab (through `lab run`) ----------------------------------
inner() {
	# shellcheck disable=SC1090 # the lab's env file
	. "$LAB_ENV"
	W=$SECRETS_DIR
	PASS=0
	FAIL=0
	ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
	bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
	mkdir -p "$W/home" "$W/tmp" "$W/cwd" "$W/out" "$W/strace"
	cp -R tests/fixtures/tb/s6 "$W/profile"
	n=0
	# md PASSWORD ARGS…: maildoctor in the client namespace, password on
	# stdin, private HOME/TMPDIR/cwd, file opens logged by strace (which
	# slows it: a longer timeout; and LeakSanitizer cannot run under it).
	md() {
		pw=$1
		shift
		n=$((n + 1))
		printf '%s\n' "$pw" | (cd "$W/cwd" && ip netns exec \
			"$LAB_NS_CLIENT" env HOME="$W/home" TMPDIR="$W/tmp" \
			ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
			strace -f -qq -o "$W/strace/$n" \
			-e trace=open,openat,creat,rename,renameat,renameat2,link,linkat \
			"$BIN" "$@" --resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" \
			--timeout 8 >"$W/out/$n.stdout" 2>"$W/out/$n.stderr")
		echo "run $n: exit $? ($*)"
	}
	smtp=smtpauth.eonet.ne.jp:587
	md "$LAB_PASS_EO" probe --user "$LAB_USER_EO" --password-stdin \
		--transcript --json "$smtp"
	md "$WRONG" probe --user "$LAB_USER_EO" --password-stdin \
		--transcript --json "$smtp"
	md "$LAB_PASS_EO" check otto@shirao.example --password-stdin --json \
		--profile "$W/profile"
	md "$WRONG" check otto@shirao.example --password-stdin --json \
		--profile "$W/profile"
	imap=mail.eonet.ne.jp:993
	pop=mail.eonet.ne.jp:995
	md "$LAB_PASS_EO" probe --user "$LAB_USER_EO" --password-stdin \
		--transcript --json "$imap" "$pop"
	md "$WRONG" probe --user "$LAB_USER_EO" --password-stdin \
		--transcript --json "$imap" "$pop"
	if grep -q '"auth": *"ok"' "$W/out/5.stdout" &&
		grep -q 'LOGIN <redacted>' "$W/out/5.stdout" &&
		grep -q 'PASS <redacted>' "$W/out/5.stdout" &&
		grep -q '"auth": *"failed"' "$W/out/6.stdout"; then
		ok "IMAP LOGIN and POP3 PASS sent (transcripts redacted)"
	else
		bad "IMAP/POP3 probe did not log in as expected: $(head -c 600 "$W/out/5.stdout")"
	fi
	# The AUTH path really ran: the server said 235 to the right
	# password and 535 to the wrong one.
	if [ -n "$LAB_PASS_EO" ] && grep -q 'AUTH' "$W/out/1.stdout" &&
		grep -q '235' "$W/out/1.stdout" && grep -q '535' "$W/out/2.stdout"
	then
		ok "probe went through AUTH (235 right, 535 wrong)"
	else
		bad "probe did not reach AUTH: $(head -c 600 "$W/out/1.stdout")"
	fi
	if grep -q 'auth-failed' "$W/out/4.stdout" &&
		! grep -q 'auth-failed' "$W/out/3.stdout"; then
		ok "check went through AUTH (auth-failed only for the wrong one)"
	else
		bad "check did not reach AUTH as expected:"
		for i in 3 4; do
			jq -c '[.findings[].id]' "$W/out/$i.stdout"
			head -c 400 "$W/out/$i.stderr"
		done
	fi

	# Every file maildoctor opened for writing, wherever it is.
	sed -n 's/.*open[at]*(\(AT_FDCWD, \)\{0,1\}"\([^"]*\)", [^)]*O_\(WRONLY\|RDWR\|CREAT\).*/\2/p;
		s/.*creat("\([^"]*\)".*/\1/p;
		s/.*rename[at2]*(.*"\([^"]*\)".*/\1/p' "$W/strace"/* |
		grep -v '^/dev/' | sort -u >"$W/written"
	echo "files maildoctor opened for writing: $(wc -l <"$W/written")"
	sed 's/^/  /' "$W/written"
	# The needles: each password, its base64, the AUTH PLAIN forms.
	: >"$W/needles"
	for pw in "$LAB_PASS_EO" "$WRONG"; do
		{
			printf '%s\n' "$pw"
			printf '%s' "$pw" | base64 -w0; echo
			printf '\0%s\0%s' "$LAB_USER_EO" "$pw" | base64 -w0; echo
			printf '%s\0%s\0%s' "$LAB_USER_EO" "$LAB_USER_EO" "$pw" |
				base64 -w0; echo
		} >>"$W/needles"
	done
	# The search itself must see a planted secret.
	printf 'x%sx\n' "$WRONG" >"$W/control"
	if grep -a -q -F -e "$WRONG" "$W/control"; then
		ok "the search finds a planted password"
	else
		bad "the search misses a planted password"
	fi
	rm -f "$W/control"
	found=0
	searched=0
	while read -r f; do
		[ -f "$f" ] && echo "$f"
	done <"$W/written" >"$W/haystack"
	find "$W/home" "$W/tmp" "$W/cwd" "$W/out" "$W/profile" -type f \
		>>"$W/haystack"
	while read -r f; do
		searched=$((searched + 1))
		while read -r needle; do
			if grep -a -q -F -e "$needle" "$f"; then
				found=$((found + 1))
				bad "a secret ($(printf '%s' "$needle" | head -c 3)…) is in $f"
			fi
		done <"$W/needles"
	done <"$W/haystack"
	if [ "$found" = 0 ] && [ "$searched" -ge 8 ]; then
		ok "no password, base64 or AUTH PLAIN in $searched files"
	elif [ "$found" = 0 ]; then
		bad "only $searched files searched"
	fi

	# Core dumps off while the password is held: a probe of the silent
	# peer waits with it. Run as nobody, a process that is not dumpable
	# shows its /proc entries as root's (checked first on a sleep).
	chmod 0777 "$W/home" "$W/tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups sleep 3 &
	spid=$!
	sleep 0.5
	control=$(stat -c %u "/proc/$spid/status" 2>/dev/null)
	wait "$spid"
	peer=${LAB_PEER_SILENT_NAME:-silent.peers.example}
	printf '%s\n' "$WRONG" | ip netns exec "$LAB_NS_CLIENT" \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME="$W/home" TMPDIR="$W/tmp" "$BIN" probe --user u \
		--password-stdin --resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" \
		--timeout 4 "$peer:587" >"$W/out/silent.stdout" 2>&1 &
	pid=$!
	sleep 2
	comm=$(cat "/proc/$pid/comm" 2>/dev/null)
	uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	core=$(awk '/^Max core file size/ { print $5, $6 }' \
		"/proc/$pid/limits" 2>/dev/null)
	owner=$(stat -c %u "/proc/$pid/status" 2>/dev/null)
	wait "$pid"
	echo "silent probe: comm=$comm uid=$uid core=$core /proc owner=$owner (a dumpable sleep: $control)"
	if [ "$comm" = maildoctor ] && [ "$uid" = 65534 ] &&
		[ "$control" = 65534 ] && [ "$core" = "0 0" ] && [ "$owner" = 0 ]
	then
		ok "while the password is held: core limit 0, not dumpable"
		coreoff=yes
	else
		bad "core dumps: comm=$comm uid=$uid limit='$core' /proc owner $owner (a dumpable process: $control)"
	fi
	echo "figures: secrets files=$searched found=$found core_off=${coreoff:-no}"
	echo "$PASS passed, $FAIL failed"
}

if [ "${1:-}" = --inner ]; then
	inner
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "!!! SECRETS TEST SKIPPED: not root; the lab needs network namespaces."
	echo "0 passed, 1 failed"
	exit 1
fi
SECRETS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/md-secrets.XXXXXX") || exit 3
chmod 0755 "$SECRETS_DIR"
trap 'rm -rf "$SECRETS_DIR"' EXIT
trap 'exit 3' INT TERM HUP
export SECRETS_DIR BIN
lab_self S6 tests/hardening/test_secrets.sh "$SECRETS_DIR"
