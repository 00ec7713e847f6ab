#!/usr/bin/env python3
"""longfuncs.py — lists C functions longer than LIMIT lines (default 80),
counted from the line of the opening brace to the closing one. A function
is a top-level '{' after a line that ends with ')' (K&R/Linux style, as
.clang-format writes it). Exit status 1 when there is any."""
import re, sys, subprocess
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
dirs = ['core', 'clientcfg', 'app', 'tui', 'cli']
files = subprocess.check_output(['git', 'ls-files'] + [d + '/*.c' for d in dirs]).decode().split()
bad = 0
for f in files:
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'),
                  open(f, encoding='utf-8').read(), flags=re.S)
    lines = text.split('\n')
    depth = 0; start = None; name = None
    for i, l in enumerate(lines):
        s = l.strip()
        if depth == 0 and l.startswith('{') and i > 0:
            start = i
            j = i - 1
            while j > 0 and '(' not in lines[j]: j -= 1
            name = lines[j].split('(')[0].split()[-1].lstrip('*') if lines[j].split('(')[0].split() else '?'
        # crude brace count ignoring strings/chars
        inq = None; k = 0
        while k < len(l):
            c = l[k]
            if inq:
                if c == '\\': k += 1
                elif c == inq: inq = None
            elif c in '"\'': inq = c
            elif c == '/' and l[k:k+2] == '//': break
            elif c == '{': depth += 1
            elif c == '}':
                depth -= 1
                if depth == 0 and start is not None:
                    n = i - start + 1
                    if n > limit:
                        print('%s:%d: %s %d lines' % (f, start + 1, name, n)); bad += 1
                    start = None
            k += 1
print('functions over %d lines: %d' % (limit, bad))
sys.exit(1 if bad else 0)
