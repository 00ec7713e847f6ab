#!/bin/sh
# run.sh — `make bench`: runs every build/bench/bench_* from the repository
# root; each prints its own figures as ratios against a baseline measured in
# the same run. A benchmark never fails the build on speed.
cd "$(dirname "$0")/../.." || exit 3
status=0
for b in build/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || status=1
done
exit $status
