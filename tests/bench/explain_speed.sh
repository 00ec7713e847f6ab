#!/bin/sh
# explain_speed.sh — `make bench` figure of explain's speed on many bounces:
# `maildoctor explain` over every $MD_SAMPLES/bounces/*.eml in ONE process,
# against Debian's sisimai (libsisimai-perl, Sisimai->make on each file, all
# in one perl process) on the same files in the same run. Each side runs
# three times and its best time counts; prints both times, the messages per
# second and the ratio (sisimai time / maildoctor time; the goal is >= 2).
# Never fails on speed; fails when sisimai is missing (`make deps` installs
# it) or a side does not run.
# Usage: tests/bench/explain_speed.sh [BINARY]   (default build/maildoctor)
set -u
cd "$(dirname "$0")/../.." || exit 3
MD=${1:-build/maildoctor}
SAMPLES=${MD_SAMPLES:-../shared/samples}
DIR=$SAMPLES/bounces
if ! ls "$DIR"/*.eml >/dev/null 2>&1; then
	echo "explain speed: no bounces in $DIR (set MD_SAMPLES)"
	exit 1
fi
if ! perl -MSisimai -e 1 2>/dev/null; then
	echo "explain speed: sisimai is not installed (libsisimai-perl; run make deps)"
	exit 1
fi
n=$(ls "$DIR"/*.eml | wc -l)

now_ns() { date +%s%N; }

# best of three wall-clock times of "$@", in milliseconds
best_ms() {
	best=
	for _ in 1 2 3; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1
		rc=$?
		t1=$(now_ns)
		# explain exits 1 when a message says a delivery failed
		[ "$rc" -le 1 ] || return 1
		ms=$(((t1 - t0) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}

sisimai_all() {
	perl -MSisimai -e 'for my $f (@ARGV) {
		my $v = Sisimai->make($f, delivered => 1) || [];
		for my $d (@$v) { print $d->reason, "\n" } }' "$@"
}

md_ms=$(best_ms "$MD" explain --json "$DIR"/*.eml) || {
	echo "explain speed: $MD explain failed"
	exit 1
}
ss_ms=$(best_ms sisimai_all "$DIR"/*.eml) || {
	echo "explain speed: sisimai failed"
	exit 1
}
# perl's start and loading sisimai, without a message, for the record
load_ms=$(best_ms perl -MSisimai -e 1)
ver=$(perl -MSisimai -e 'print $Sisimai::VERSION')
[ "$md_ms" -gt 0 ] || md_ms=1
awk -v n="$n" -v ver="$ver" -v md="$md_ms" -v ss="$ss_ms" -v ld="$load_ms" 'BEGIN {
	printf "explain speed: %d files in one process: maildoctor %d ms (%.0f msg/s), sisimai %s %d ms (%.0f msg/s; %d ms of it perl and module load); ratio sisimai/maildoctor time %.1f (goal >= 2)\n",
	    n, md, n * 1000 / md, ver, ss, n * 1000 / ss, ld, ss / md }'
