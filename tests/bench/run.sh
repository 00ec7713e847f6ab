#!/bin/sh
# run.sh — `make bench`: runs every build/bench/bench_* from the repository
# root, then tests/bench/lab_s4_wizard.sh (the time to a verdict in the lab);
# each prints its own figures as ratios against a baseline measured in the
# same run. A benchmark never fails the build on speed.
cd "$(dirname "$0")/../.." || exit 3
status=0
# The tune/held split of the bounce corpus must be the hash split.
python3 tools/bounce_split.py --check || status=1
for b in build/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || status=1
done
# explain over the corpus in one process against sisimai, same run.
echo "== explain_speed"
sh tests/bench/explain_speed.sh || status=1
# The wizard in the lab (root only; skipped otherwise).
echo "== lab_s4_wizard"
sh tests/bench/lab_s4_wizard.sh || status=1
# explain on the bounces made in the lab (unseen, labelled by cause).
echo "== explain_lab"
sh tests/bench/explain_lab.sh || status=1
exit $status
