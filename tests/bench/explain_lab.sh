#!/bin/sh
# explain_lab.sh — `explain` scored on the bounces made in the lab
# (tests/fixtures/bounces/lab, written by tests/lab/bounces.sh): one process
# over every file, reason, status and reply code compared with labels.tsv,
# whose labels are the causes set up in the lab, not readings of the bounces.
# No rule was written while looking at these files: the set is unseen data,
# so only the figures are printed, never which file disagreed.
cd "$(dirname "$0")/../.." || exit 3
MD=${MAILDOCTOR_BIN:-build/maildoctor}
DIR=tests/fixtures/bounces/lab
[ -f "$DIR/labels.tsv" ] || { echo "explain lab: no $DIR/labels.tsv"; exit 1; }
"$MD" explain --json "$DIR"/*.eml 2>/dev/null | python3 -c '
import json, os, sys
labels = {}
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    f = line.rstrip("\n").split("\t")
    if n and len(f) >= 5:
        labels[(f[0], int(f[1]))] = f[2:5]
got = {}
for m in json.load(sys.stdin).get("messages", []):
    for i, r in enumerate(m.get("recipients", []), 1):
        got[(os.path.basename(m.get("file", "")), i)] = r
n = len(labels)
ok = [0, 0, 0, 0]
for k, (status, reply, reason) in labels.items():
    r = got.get(k, {})
    a, b, c = r.get("status") == status, (r.get("reply_code") or "") == reply, r.get("reason") == reason
    ok[0] += c; ok[1] += a; ok[2] += b; ok[3] += a and b and c
if not n:
    print("explain lab: no labelled recipients"); sys.exit(1)
p = lambda x: 100.0 * x / n
print("explain lab bounces (made in the lab, labelled by cause, unseen): %d recipients: "
      "reason %.1f%%, status %.1f%%, reply code %.1f%%, all three %.1f%%"
      % (n, p(ok[0]), p(ok[1]), p(ok[2]), p(ok[3])))
' "$DIR/labels.tsv"
