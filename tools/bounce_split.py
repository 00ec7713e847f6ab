#!/usr/bin/env python3
"""bounce_split.py — the fixed tune/held split of the shared bounce corpus.

Each file of $MD_SAMPLES/bounces (labels.tsv) goes to "tune" (messages one
may read while writing rules) or "held" (only scored, never read) by the
first byte of the SHA-256 of its file name: < 179 is tune (about 70/30).
The split depends on the name only, so a new sample lands in a part
without moving any other.

  tools/bounce_split.py          write tests/fixtures/bounces/split.tsv
  tools/bounce_split.py --check  exit 1 when the committed file differs
"""
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "bounces", "split.tsv")
TUNE_BELOW = 179


def part(name):
    return "tune" if hashlib.sha256(name.encode()).digest()[0] < TUNE_BELOW else "held"


def names(samples):
    seen = []
    with open(os.path.join(samples, "bounces", "labels.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            n = line.split("\t", 1)[0].strip()
            if n and n not in seen:
                seen.append(n)
    return sorted(seen)


def render(samples):
    rows = ["file\tpart"] + ["%s\t%s" % (n, part(n)) for n in names(samples)]
    return "\n".join(rows) + "\n"


def main():
    samples = os.environ.get("MD_SAMPLES", "/work/shared/samples")
    text = render(samples)
    if "--check" in sys.argv[1:]:
        try:
            with open(OUT, encoding="utf-8") as f:
                old = f.read()
        except OSError:
            old = ""
        if old != text:
            print("split.tsv does not match the hash split: run tools/bounce_split.py")
            return 1
        print("split.tsv matches (%d files)" % (text.count("\n") - 1))
        return 0
    with open(OUT + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(OUT + ".tmp", OUT)
    print("wrote %s" % OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
