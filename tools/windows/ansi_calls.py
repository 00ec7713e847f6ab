#!/usr/bin/env python3
"""ansi_calls.py — `make check-windows` (first step): fails when the Windows
build of our own code calls an ANSI ("A") Windows function or a C-runtime
function that takes a path, the environment or the command line in the ANSI
code page. A Japanese user name (C:\\Users\\田中花子) does not survive the ANSI
code page (1252 under wine, 932 on a Japanese Windows, neither holds every
name): paths, environment and command line go through the UTF-16 ("W")
calls, in core/base/os_win*.c (os_fopen, os_getenv, ...) and cli/entry_win.c.

It reads what each object file of the Windows build really calls: the
undefined symbols (`nm -u`) of build/windows/obj/{app,cli,core,clientcfg,tui}
(the program's code after the preprocessor, so a Linux-only line under
#ifndef _WIN32 is not counted, and an undecorated CreateFile that the
headers turn into CreateFileA is). The libraries (OpenSSL, GLib, ncurses,
curl, gettext) are not ours and not scanned; the unit tests' helpers neither.

Checked, each a failure unless ALLOWED names the file and the symbol:
  - every Win32 function whose name ends in a lower-case letter or digit
    and then "A" (CreateFileA, GetEnvironmentVariableA, MoveFileExA,
    GetModuleFileNameA, RegOpenKeyExA, SHGetFolderPathA, LoadLibraryA,
    FindFirstFileA, GetCommandLineA, CreateProcessA, FormatMessageA, ...),
    imported (__imp_NameA) or not;
  - the C runtime's ANSI path, environment and command-line functions and
    variables listed in CRT below (fopen, freopen, open, stat, access,
    remove, rename, unlink, mkdir, rmdir, opendir, getcwd, chdir, system,
    popen, getenv, putenv, setenv, __argv, _pgmptr, ...);
  - libintl's bindtextdomain (libintl_bindtextdomain), whose folder name is
    ANSI: the catalogue's folder goes through wbindtextdomain.
Prints one line per call found, then "ansi-calls: N objects, N ANSI calls";
exit status 1 when there is any, 2 when there are no objects to read.
Usage: tools/windows/ansi_calls.py [OBJDIR]   (default build/windows/obj)"""
import glob, os, re, subprocess, sys

NM = 'x86_64-w64-mingw32-nm'
OBJ = sys.argv[1] if len(sys.argv) > 1 else 'build/windows/obj'
FOLDERS = ['app', 'cli', 'core', 'clientcfg', 'tui']

# The C runtime's functions and variables that take or give a path, the
# environment or the command line in the ANSI code page (msvcrt/UCRT names
# as mingw-w64 links them); each has a _w counterpart (_wfopen, _wgetenv,
# _wstat64, ...) or a Win32 W call.
CRT = {
    'fopen', 'fopen64', 'freopen', 'freopen64', '_fsopen', 'fopen_s',
    'open', '_open', '_sopen', '_sopen_s', 'creat', '_creat',
    'stat', '_stat', '_stat32', '_stat64', '_stati64', '_stat64i32',
    'lstat', 'access', '_access', '_access_s', 'chmod', '_chmod',
    'remove', 'rename', 'unlink', '_unlink', 'mkdir', '_mkdir',
    'rmdir', '_rmdir', 'chdir', '_chdir', 'getcwd', '_getcwd', '_getdcwd',
    'opendir', 'readdir', '_findfirst', '_findfirst32', '_findfirst64',
    '_findfirsti64', '_findnext', '_findnext32', '_findnext64',
    '_findnexti64', '_fullpath', 'realpath', 'tmpnam', '_tempnam',
    'tempnam', '_mktemp', 'mkstemp', 'utime', '_utime', '_utime64',
    'system', 'popen', '_popen', '_execv', '_execvp', '_spawnv',
    '_spawnvp', '_spawnl', '_spawnlp',
    'getenv', '_getenv', 'getenv_s', '_dupenv_s', 'putenv', '_putenv',
    '_putenv_s', 'setenv', 'unsetenv', '__p__environ', '_environ',
    '__argv', '__p___argv', '_pgmptr', '__p__pgmptr', '_acmdln',
    '__getmainargs',
}
# libintl's functions that take a path in the ANSI code page (as
# libintl.h names them on Windows); wbindtextdomain is the UTF-16 one.
LIBINTL = {'libintl_bindtextdomain'}
# A Win32 ANSI function: CamelCase ending in a lower-case letter or a digit,
# then A (CreateFileA, RegOpenKeyExA, SHGetFolderPathA); GetACP, WSAStartup
# and CharUpperA's kin of two capitals do not match.
WIN_A = re.compile(r'^(?:__imp_)?([A-Z][A-Za-z0-9]*[a-z0-9]A)$')

# (object's source, symbol): why it is right there.
ALLOWED = {
    # set_env: after _wputenv_s, an ASCII-only value (checked there) is put
    # in the C library's narrow copy of the environment too, which
    # gettext's getenv("LANGUAGE") reads; a non-ASCII value never is.
    ('core/base/os_win.c', '_putenv_s'),
}


def objects():
    out = []
    for f in FOLDERS:
        out += glob.glob(os.path.join(OBJ, f, '**', '*.o'), recursive=True)
    return sorted(out)


def undefined(obj):
    r = subprocess.run([NM, '-u', obj], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit('ansi-calls: %s: %s' % (obj, r.stderr.strip()))
    return [l.split()[-1] for l in r.stdout.splitlines() if l.strip()]


def main():
    objs = objects()
    if not objs:
        print('ansi-calls: no objects under %s (make windows first)' % OBJ)
        return 2
    bad = 0
    for o in objs:
        src = os.path.relpath(o, OBJ)[:-2] + '.c'
        for sym in undefined(o):
            name = sym[6:] if sym.startswith('__imp_') else sym
            m = WIN_A.match(sym)
            if not (m or name in CRT or name in LIBINTL):
                continue
            if (src, name) in ALLOWED:
                continue
            kind = ('Win32 ANSI function' if m else
                    'libintl ANSI call' if name in LIBINTL else
                    'C runtime ANSI call')
            print('%s: %s (%s; use the W call through core/base/os.h)' %
                  (src, name, kind))
            bad += 1
    print('ansi-calls: %d objects, %d ANSI calls' % (len(objs), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
