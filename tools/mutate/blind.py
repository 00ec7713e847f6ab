#!/usr/bin/env python3
"""blind.py — the held-out mutants: chosen by a seeded random draw over the
decisions of core/, clientcfg/ and app/, not by a person who knows the tests
(mutants.txt was written beside the tests it aims at, so its figure is on
data tuned to them). Each mutant flips one comparison or logical operator on
a line whose text is unique in its file, and is judged by whole suites
(every unit test and every CLI script), not by tests picked for it.
Writes the list to standard output in run.sh's format.
Usage: tools/mutate/blind.py [N] [SEED] > build/mutate/blind.txt"""
import random
import re
import subprocess
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 30
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 20261203
FLIP = [(" == ", " != "), (" != ", " == "), (" <= ", " < "), (" >= ", " > "),
        (" < ", " <= "), (" > ", " >= "), (" && ", " || "), (" || ", " && ")]
SKIP = re.compile(r"_win\.c$|rejections_msgs\.c$")

files = subprocess.run(["git", "ls-files", "core/*.c", "clientcfg/*.c",
                        "app/*.c"], capture_output=True, text=True,
                       check=True).stdout.split()
cands = []
for f in sorted(files):
    if SKIP.search(f):
        continue
    text = open(f, encoding="utf-8").read()
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith(("#", "/*", "*", "//")) or '"' in s:
            continue
        if " && " in s and " || " in s:
            continue  # a flip would mix && and || unbracketed: no build
        for a, b in FLIP:
            if a in s and text.count(s) == 1:
                cands.append((f, s, s.replace(a, b, 1)))
                break
rng = random.Random(SEED)
for f, orig, repl in rng.sample(cands, min(N, len(cands))):
    print(f"{f}\t{orig}\t{repl}\tsuite:unit suite:cli")
