#!/bin/sh
# test_hostile.sh — maildoctor probe against every hostile peer of the lab
# (tests/lab/peers) over SMTP, IMAP and POP3 and every security mode that fits
# the port (issue 9). For every row: the right outcome class (and step, TLS
# failure, detail), elapsed_ms within the row's deadline plus one second, the
# whole process (wall time) within the deadline plus one second (ASan's
# process: plus ASAN_WALL_MS more), no sanitizer report, and the peak RSS of
# the process below a bound. The tarpit peer is
# the one that a whole-row deadline (not a per-reply timer) must end: every
# probe asks for an SMTP dry run (--from/--rcpt) so that its dialogue is
# long, and for transcripts (what the hostile bytes become). Runs the matrix
# once with the ASan binary (memory errors) and once with the release binary
# (realistic RSS; skipped, and said, when it is missing or older than the
# sources). Each (protocol, security) pair is one `probe` invocation holding
# all its peers' rows (they run at once on one loop); the nine invocations of
# a pass run in parallel. Needs root, jq and the lab (tests/lab); ends
# "N passed, N failed" and a "figures:" line that `make reliability` reads.
#
# Combinations tried and skipped (the matrix below says what is expected):
#   - plain and starttls on the plain ports (587, 143, 110), tls on the
#     implicit-TLS ports (465, 993, 995). Skipped: tls on a plain port and
#     plain/starttls on an implicit-TLS port — that is a client with the
#     wrong setting against the port, not a hostile server (the honest lab
#     servers are where a wrong setting is diagnosed).
#   - auto is skipped: it is starttls against every peer that gets as far as
#     its capabilities (they all offer STARTTLS) and plain before that.
#   - port 25 is skipped: the same SMTP dialogue as 587 (only the default
#     security differs, and the matrix names the security explicitly).
#   - starttlsplain listens on plain ports only: STARTTLS inside TLS means
#     nothing. IPv6 is skipped: the peers have IPv4 addresses only.
# Env: MAILDOCTOR_BIN (default build/asan/maildoctor).
set -u
cd "$(dirname "$0")/../.." || exit 3
ROOT=$PWD
. tests/hardening/lab_self.sh
ASAN_BIN=${MAILDOCTOR_BIN:-$ROOT/build/asan/maildoctor}
case $ASAN_BIN in /*) ;; *) ASAN_BIN=$ROOT/$ASAN_BIN ;; esac
T=2 # --timeout, seconds: the tarpit's 1.4 s per answer is made for it
DEADLINE_MS=$((4 * T * 1000))  # a row's deadline: 4 x --timeout (probe.c)
SLACK_MS=1000                  # what a row and the process may take beyond
# ASan's start-up and its leak check at exit add most of a second to the
# process (not to its rows): the ASan pass's process gets this much more.
ASAN_WALL_MS=2000
# Peak RSS bounds, in KB above the same binary probing one honest lab
# server (mail.shirao.example:587; about 18 MB for the release binary, 48 MB
# for ASan's). Release: 4 MB, less than half of one 10 MB flood kept in
# memory. ASan keeps freed blocks in quarantine and grows by some 10 MB with
# the batches: its bound catches runaway growth only.
RSS_SLACK_KB=${HOSTILE_RSS_SLACK_KB:-4096}
RSS_SLACK_ASAN_KB=${HOSTILE_RSS_SLACK_ASAN_KB:-32768}

# expect MODE PROTO SECURITY: "outcome|step|tls.failure|verified|detail|
# deadline" ('-': not checked; deadline: the row lasted at least its
# deadline, that is, the deadline ended it) for a peer in MODE.
expect() {
	case $1:$2:$3 in
	# 1.4 s a reply: SMTP's RCPT TO (refused) comes at 5.6 s, and the
	# deadline (8 s) cuts the goodbye short: the refusal stands
	tarpit:smtp:plain) echo "rejected|dry-run|-|-|recipient refused|deadline"; return ;;
	tarpit:smtp:tls) echo "rejected|dry-run|-|true|recipient refused|deadline"; return ;;
	# STARTTLS and a second EHLO: the deadline comes before RCPT's answer
	tarpit:smtp:starttls) echo "timeout|dry-run|-|true|the probe took too long|deadline"; return ;;
	# IMAP, POP3: at most five slow answers, each in time: ok (the step is
	# not checked: done, or quit when the deadline cut the goodbye short)
	tarpit:*) echo "ok|-|-|-|-|-"; return ;;
	esac
	case $1:$3 in
	drip:tls) echo "timeout|greeting|-|true|no reply in time" ;;
	drip:*) echo "timeout|greeting|-|-|no reply in time" ;;
	endless:tls) echo "protocol-error|greeting|-|true|line too long" ;;
	endless:*) echo "protocol-error|greeting|-|-|line too long" ;;
	flood:*)
		# SMTP's banner is the flood; IMAP's and POP3's greetings are
		# one line, so their capability answer is
		step=capabilities
		[ "$2" = smtp ] && step=greeting
		v=-
		[ "$3" = tls ] && v=true
		echo "protocol-error|$step|-|$v|reply too large" ;;
	garbage:plain | tlsreset:plain | tlsflood:plain | starttlsplain:plain)
		# TLS-level misbehaviour: plain never gets there
		echo "ok|done|-|-|-" ;;
	garbage:*) echo "tls-failed|tls|not-tls|-|-" ;;
	tlsreset:*) echo "reset|tls|-|-|-" ;;
	silent:tls) echo "timeout|tls|-|-|no reply in time" ;;
	silent:*) echo "timeout|greeting|-|-|no reply in time" ;;
	tlsflood:starttls) echo "protocol-error|capabilities|-|true|line too long" ;;
	tlsflood:tls) echo "protocol-error|greeting|-|true|line too long" ;;
	starttlsplain:starttls) echo "tls-failed|tls|not-tls|-|-" ;;
	*) echo "unknown" ;;
	esac
}

# port PROTO SECURITY: the port a (protocol, security) pair is tried on.
port() {
	case $1:$2 in
	smtp:tls) echo 465 ;;
	smtp:*) echo 587 ;;
	imap:tls) echo 993 ;;
	imap:*) echo 143 ;;
	pop3:tls) echo 995 ;;
	pop3:*) echo 110 ;;
	esac
}

# ---- inside the lab (through `lab run`) ----------------------------------
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
TAB=$(printf '\t')

# probe_to BASE BIN ARGS…: one probe from the client namespace, its JSON,
# stderr, exit status, peak RSS (KB) and wall time (ms) in BASE.*
probe_to() {
	b=$1 bin=$2
	shift 2
	start=$(date +%s%N)
	/usr/bin/time -f %M -o "$b.rss" ip netns exec "$LAB_NS_CLIENT" "$bin" \
		probe --json --resolver "$LAB_RESOLVER" --ca-file "$LAB_CA" \
		--timeout "$T" "$@" >"$b.json" 2>"$b.err"
	echo $? >"$b.rc"
	echo $((($(date +%s%N) - start) / 1000000)) >"$b.ms"
}

# run_pass NAME BIN RSS_SLACK WALL_EXTRA: the whole matrix with BIN; results
# in $W/NAME.
run_pass() {
	name=$1 bin=$2 wall_extra=$4
	d=$W/$name
	mkdir -p "$d"
	probe_to "$W/$name-ref" "$bin" --protocol smtp --security starttls \
		mail.shirao.example:587
	ref=$(tail -n 1 "$W/$name-ref.rss")
	case $ref in '' | *[!0-9]*) ref=0 ;; esac
	if [ "$ref" -gt 0 ] && [ "$(jq -r '.results[0].outcome' \
		"$W/$name-ref.json" 2>/dev/null)" = ok ]; then
		ok "$name: an honest server (mail.shirao.example:587): ok, peak RSS $ref KB"
	else
		bad "$name: the honest reference probe failed: $(head -c 300 "$W/$name-ref.json" "$W/$name-ref.err")"
	fi
	rss_max=$((ref + $3))
	[ "$name" = release ] && REF_RSS=$ref
	: >"$d/targets"
	for proto in smtp imap pop3; do
		for sec in plain starttls tls; do
			p=$(port $proto $sec)
			targets=""
			for key in $PEERS; do
				eval "ports=\$LAB_PEER_${key}_PORTS"
				eval "pname=\$LAB_PEER_${key}_NAME"
				case ,$ports, in *,$p,*) ;; *) continue ;; esac
				targets="$targets $pname:$p"
				echo "$proto $sec $pname" >>"$d/targets"
			done
			[ -n "$targets" ] || continue
			# shellcheck disable=SC2086 # targets are words
			probe_to "$d/$proto-$sec" "$bin" --protocol $proto \
				--security $sec --from hostile@lab.example \
				--rcpt rcpt@lab.example --transcript $targets &
		done
	done
	wait
	check_pass "$name" "$d" "$rss_max" $((DEADLINE_MS + SLACK_MS + wall_extra))
}

# check_pass NAME DIR RSS_MAX WALL_MAX: assertions on one pass; adds to the
# figures.
check_pass() {
	name=$1 d=$2 rss_max=$3 wall_max=$4
	for b in "$d"/*.json; do
		b=${b%.json}
		pair=$(basename "$b")
		proto=${pair%-*} sec=${pair#*-}
		want=$(grep -c "^$proto $sec " "$d/targets")
		rc=$(cat "$b.rc")
		ms=$(cat "$b.ms")
		rss=$(tail -n 1 "$b.rss")
		case $rss in '' | *[!0-9]*) rss=999999999 ;; esac
		got=$(jq '.results|length' "$b.json" 2>/dev/null || echo 0)
		[ "$ms" -gt "$MAX_WALL" ] && [ "$name" = release ] && MAX_WALL=$ms
		[ "$ms" -gt "$MAX_WALL_ASAN" ] && [ "$name" = asan ] && MAX_WALL_ASAN=$ms
		[ "$rss" -gt "$MAX_RSS" ] && [ "$name" = release ] && MAX_RSS=$rss
		[ "$rss" -gt "$MAX_RSS_ASAN" ] && [ "$name" = asan ] && MAX_RSS_ASAN=$rss
		what="$name $proto/$sec ($want peers)"
		if grep -qE 'Sanitizer|runtime error' "$b.err"; then
			bad "$what: sanitizer report"
			head -n 20 "$b.err"
		elif [ "$rc" -gt 1 ] || [ "$got" != "$want" ]; then
			bad "$what: exit $rc, $got rows (want $want)"
			head -n 5 "$b.err"
		else
			ok "$what: exit $rc, $got rows"
		fi
		if [ "$ms" -le "$wall_max" ]; then
			ok "$what: process ended in $ms ms (bound $wall_max)"
		else
			bad "$what: process took $ms ms (bound $wall_max)"
		fi
		if [ "$rss" -le "$rss_max" ]; then
			ok "$what: peak RSS $rss KB (bound $rss_max)"
		else
			bad "$what: peak RSS $rss KB over $rss_max"
		fi
		jq -r '.results[] | [.host, .outcome, .step,
			(.elapsed_ms|tostring), (.tls.failure // "-"),
			((.tls.verified // false)|tostring), (.detail // "-")] |
			@tsv' "$b.json" 2>/dev/null >"$b.rows"
		while IFS=$TAB read -r host outcome step ms fail verified detail; do
			ROWS=$((ROWS + 1))
			mode=${host%%.*}
			over=$((ms - DEADLINE_MS))
			[ "$over" -gt "$MAX_OVER" ] && MAX_OVER=$over
			[ "$ms" -gt "$MAX_ELAPSED" ] && MAX_ELAPSED=$ms
			IFS='|' read -r w_out w_step w_fail w_ver w_detail w_min <<EOF
$(expect "$mode" "$proto" "$sec")
EOF
			why=""
			[ "$outcome" = "$w_out" ] || why="$why outcome $outcome (want $w_out);"
			[ "$w_step" = - ] || [ "$step" = "$w_step" ] ||
				why="$why step $step (want $w_step);"
			if [ "$w_min" = deadline ]; then
				DEADLINE_ROWS=$((DEADLINE_ROWS + 1))
				[ "$ms" -ge "$DEADLINE_MS" ] ||
					why="$why ended in $ms ms, before the deadline;"
			fi
			[ "$w_fail" = - ] || [ "$fail" = "$w_fail" ] ||
				why="$why tls.failure $fail (want $w_fail);"
			[ "$w_ver" = - ] || [ "$verified" = "$w_ver" ] ||
				why="$why tls.verified $verified;"
			[ "$w_detail" = - ] || [ "$detail" = "$w_detail" ] ||
				why="$why detail '$detail' (want '$w_detail');"
			[ "$ms" -le $((DEADLINE_MS + SLACK_MS)) ] ||
				why="$why elapsed $ms ms over the deadline;"
			row="$name $mode $proto/$sec: $outcome at $step in $ms ms"
			if [ -z "$why" ]; then
				ok "$row"
			else
				bad "$row:$why"
			fi
		done <"$b.rows"
	done
}

inner() {
	# shellcheck disable=SC1090 # the lab's env file
	. "$LAB_ENV"
	W=$HOSTILE_DIR
	PEERS=$(sed -n 's/^LAB_PEER_\([A-Z0-9]*\)_MODE=.*/\1/p' "$LAB_ENV")
	n_peers=$(echo "$PEERS" | wc -w)
	echo "peers: $(echo $PEERS); timeout $T s, deadline $DEADLINE_MS ms"
	ROWS=0 MAX_WALL=0 MAX_WALL_ASAN=0 MAX_RSS=0 MAX_RSS_ASAN=0
	MAX_OVER=-$DEADLINE_MS
	MAX_ELAPSED=0 DEADLINE_ROWS=0
	if [ "$n_peers" -ge 9 ]; then
		ok "the lab has $n_peers hostile peers"
	else
		bad "the lab has only $n_peers hostile peers"
	fi
	REF_RSS=none
	run_pass asan "$ASAN_BIN" "$RSS_SLACK_ASAN_KB" "$ASAN_WALL_MS"
	combos=$(wc -l <"$W/asan/targets")
	if [ -n "$REL_BIN" ]; then
		run_pass release "$REL_BIN" "$RSS_SLACK_KB" 0
	else
		echo "release pass skipped: build/maildoctor is missing or older than the sources"
		MAX_RSS=none MAX_WALL=none
	fi
	echo "figures: hostile peers=$n_peers protocols=3 combinations=$combos rows=$ROWS deadline_rows=$DEADLINE_ROWS deadline_ms=$DEADLINE_MS max_elapsed_ms=$MAX_ELAPSED max_over_deadline_ms=$MAX_OVER max_wall_ms=$MAX_WALL max_wall_asan_ms=$MAX_WALL_ASAN max_rss_kb=$MAX_RSS ref_rss_kb=$REF_RSS rss_slack_kb=$RSS_SLACK_KB max_rss_asan_kb=$MAX_RSS_ASAN checks_failed=$FAIL"
	echo "$PASS passed, $FAIL failed"
}

if [ "${1:-}" = --inner ]; then
	inner
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "!!! HOSTILE TEST SKIPPED: not root; the lab needs network namespaces."
	echo "0 passed, 1 failed"
	exit 1
fi
if ! command -v jq >/dev/null || [ ! -x /usr/bin/time ]; then
	echo "!!! HOSTILE TEST SKIPPED: needs jq and /usr/bin/time."
	echo "0 passed, 1 failed"
	exit 1
fi
# The release binary only when it is newer than every source.
REL_BIN=""
if [ -x build/maildoctor ] && [ -z "$(find core clientcfg tui \
	-newer build/maildoctor -name '*.[ch]' 2>/dev/null | head -n 1)" ]; then
	REL_BIN=$ROOT/build/maildoctor
fi
HOSTILE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/md-hostile.XXXXXX") || exit 3
trap 'rm -rf "$HOSTILE_DIR"' EXIT
trap 'exit 3' INT TERM HUP
export HOSTILE_DIR ASAN_BIN REL_BIN
lab_self base tests/hardening/test_hostile.sh "$HOSTILE_DIR"
