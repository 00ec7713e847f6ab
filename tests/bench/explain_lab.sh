#!/bin/sh
# explain_lab.sh — `explain` scored on the bounces made in the lab
# (tests/fixtures/bounces/lab, written by tests/lab/bounces.sh): one process
# over every file, reason, status and reply code compared with labels.tsv,
# whose labels are the causes set up in the lab, not readings of the bounces.
# Debian's sisimai (libsisimai-perl, when installed) is scored on the same
# files as a reference (its 4.x names are older than v5's: no requireptr,
# failedstarttls). No rule was written while looking at these files: the
# set is unseen data, so only the figures are printed, never which file
# disagreed.
cd "$(dirname "$0")/../.." || exit 3
MD=${MAILDOCTOR_BIN:-build/maildoctor}
DIR=tests/fixtures/bounces/lab
[ -f "$DIR/labels.tsv" ] || { echo "explain lab: no $DIR/labels.tsv"; exit 1; }
TMP=$(mktemp -d) || exit 3
trap 'rm -rf "$TMP"' EXIT
# Each reader's answers as "file index status reply reason" lines.
"$MD" explain --json "$DIR"/*.eml 2>/dev/null | python3 -c '
import json, os, sys
for m in json.load(sys.stdin).get("messages", []):
    for i, r in enumerate(m.get("recipients", []), 1):
        print("\t".join([os.path.basename(m.get("file", "")), str(i), r.get("status") or "",
                         r.get("reply_code") or "", r.get("reason") or ""]))
' >"$TMP/explain" || exit 1
if perl -MSisimai -e 1 2>/dev/null; then
	perl -MSisimai -MFile::Basename -e 'for my $f (@ARGV) {
		my $v = Sisimai->make($f, delivered => 1) || []; my $i = 0;
		printf "%s\t%d\t%s\t%s\t%s\n", basename($f), ++$i, $_->deliverystatus,
			$_->replycode, $_->reason for @$v }' "$DIR"/*.eml >"$TMP/sisimai"
fi
python3 - "$DIR/labels.tsv" "$TMP/explain" "$TMP/sisimai" <<'PY'
import os, sys
def rows(path, labels=False):
    out = {}
    if not os.path.exists(path):
        return None
    for n, line in enumerate(open(path, encoding="utf-8")):
        f = line.rstrip("\n").split("\t")
        if (n or not labels) and len(f) >= 5:
            out[(f[0], int(f[1]))] = f[2:5]
    return out
labels = rows(sys.argv[1], True)
n = len(labels)
if not n:
    print("explain lab: no labelled recipients"); sys.exit(1)
for name, path in (("explain", sys.argv[2]), ("sisimai (reference)", sys.argv[3])):
    got = rows(path)
    if got is None:
        continue
    ok = [0, 0, 0, 0]
    for k, (status, reply, reason) in labels.items():
        g = got.get(k, ["", "", ""])
        a, b, c = g[0] == status, g[1] == reply, g[2] == reason
        ok[0] += c; ok[1] += a; ok[2] += b; ok[3] += a and b and c
    p = lambda x: 100.0 * x / n
    print("%s on the lab's bounces (labelled by cause, unseen): %d recipients: "
          "reason %.1f%%, status %.1f%%, reply code %.1f%%, all three %.1f%%"
          % (name, n, p(ok[0]), p(ok[1]), p(ok[2]), p(ok[3])))
PY
