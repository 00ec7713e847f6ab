#!/usr/bin/env python3
"""layers.py — `make layers`: fails when a source includes a header of ours
that its folder may not use, or when a folder's README.md does not list
exactly the files in it. The rules are the table below (docs/LAYERS.md
says why); a header ending in _private.h is for its own folder only.
Prints one line per include against the rules, then "layers: N files, N
includes against the rules"; exit status 1 when there is any."""
import os, re, sys

# folder: the folders (or single headers) its files may include; a folder
# may always include its own headers. Listed from the ground up.
RULES = [
    ('core/base',        []),
    ('core/model',       ['core/base']),
    ('core/net',         ['core/base']),
    ('core/proto',       ['core/base', 'core/net']),
    ('core/kb',          ['core/base', 'core/model']),
    ('core/diag/rules',  ['core/base', 'core/model', 'core/kb', 'core/check/plan.h', 'core/diag']),
    ('core/diag',        ['core/base', 'core/model', 'core/kb', 'core/check/plan.h',
                          'core/diag/rules/rules.h']),
    ('core/explain',     ['core/base', 'core/kb']),
    ('core/check',       ['core/base', 'core/model', 'core/net', 'core/proto', 'core/kb', 'core/diag']),
    ('clientcfg/tb',     ['core/base', 'core/model', 'clientcfg/clients.h']),
    ('clientcfg/outlook', ['core/base', 'core/model', 'clientcfg/clients.h', 'clientcfg/tb/tb_profiles.h']),
    ('clientcfg',        ['core/base', 'core/model', 'clientcfg/tb', 'clientcfg/outlook']),
    ('app',              ['core', 'clientcfg/clients.h', 'clientcfg/fix.h']),
    ('tui',              ['app', 'core/base', 'core/model', 'core/net/loop.h']),
    ('cli',              ['app', 'tui', 'core/base', 'core/model', 'core/net/loop.h',
                          # explain reads files and runs no check: its
                          # header is its whole service
                          'core/explain/explain.h']),
]

# Known exceptions, each with the reason; an entry here is a debt, not a
# rule: when it is paid, delete the line.
EXCEPTIONS = {
}
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

def folder_of(path):
    return os.path.dirname(path)

def rule_for(folder):
    for f, allowed in RULES:
        if folder == f:
            return allowed
    return None

def allowed(src, hdr):
    own = folder_of(src)
    hfolder = folder_of(hdr)
    if hfolder == own:
        return True
    if hdr.endswith('_private.h'):
        return False
    for a in rule_for(own):
        if hdr == a or hdr.startswith(a + '/') and not a.endswith('.h'):
            return True
    return False

def readme_problems(folder):
    """The folder's README.md must name each of its .c/.h files (as `name`)
    and no file that is not there."""
    path = os.path.join(folder, 'README.md')
    if not os.path.exists(path):
        return ['%s: no README.md' % folder]
    named = set(re.findall(r'`([\w.]+\.[ch])`', open(path, encoding='utf-8').read()))
    have = {n for n in os.listdir(folder) if n.endswith(('.c', '.h'))}
    return ['%s: %s is not in README.md' % (folder, n) for n in sorted(have - named)] + \
           ['%s: README.md names %s, which is not there' % (folder, n) for n in sorted(named - have)]

def main():
    bad = files = 0
    for d, _ in RULES:
        for problem in readme_problems(d):
            print(problem)
            bad += 1
    for d, _ in RULES:
        for name in sorted(os.listdir(d)):
            if not name.endswith(('.c', '.h')):
                continue
            src = os.path.join(d, name)
            files += 1
            for n, line in enumerate(open(src, encoding='utf-8'), 1):
                m = INC.match(line)
                if m and not allowed(src, m.group(1)) and \
                        (src, m.group(1)) not in EXCEPTIONS:
                    print('%s:%d: includes %s' % (src, n, m.group(1)))
                    bad += 1
    print('layers: %d files, %d problems (includes against the rules, README lists)' % (files, bad))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
