#!/usr/bin/env python3
"""gen_i18n_builtin.py — writes core/base/i18n_builtin_ja.c: the Japanese of
the sentences the sources mark with _B(), taken from assets/po/ja.po, built
into the program. They are read when the catalogue itself is missing (the
data not found, maildoctor.exe started from inside its zip), so a person who
reads Japanese is told what to do in Japanese. xgettext finds the _B()
sentences as it finds every other; `tests/check.sh po` fails when this file
is not what the generator writes now.
Usage: tools/gen_i18n_builtin.py SOURCES… > core/base/i18n_builtin_ja.c"""
import subprocess
import sys


def po_entries(text):
    """(msgid, msgstr) of each entry of a PO file's text, unescaped."""
    entries, cur, field = [], {}, None

    def unquote(s):
        s = s.strip()
        assert s.startswith('"') and s.endswith('"'), s
        return (s[1:-1].encode("utf-8").decode("unicode_escape")
                .encode("latin-1").decode("utf-8"))

    for line in text.splitlines() + [""]:
        if line.startswith("msgid "):
            if "msgid" in cur and "msgstr" in cur:
                entries.append((cur["msgid"], cur["msgstr"]))
            cur, field = {"msgid": unquote(line[6:])}, "msgid"
        elif line.startswith("msgstr "):
            cur["msgstr"], field = unquote(line[7:]), "msgstr"
        elif line.startswith('"') and field:
            cur[field] += unquote(line)
        else:  # a blank line, a comment, msgctxt, msgid_plural (not _B's)
            field = None
    if "msgid" in cur and "msgstr" in cur:
        entries.append((cur["msgid"], cur["msgstr"]))
    return entries


def c_string(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + s + '"'


def main():
    sources = sys.argv[1:]
    pot = subprocess.run(
        ["xgettext", "--from-code=UTF-8", "--language=C", "--keyword=",
         "--keyword=_B", "-o", "-"] + sources,
        check=True, capture_output=True, text=True).stdout
    wanted = [m for m, _ in po_entries(pot) if m]
    with open("assets/po/ja.po", encoding="utf-8") as f:
        ja = dict(po_entries(f.read()))
    missing = [m for m in wanted if not ja.get(m)]
    if missing:
        for m in missing:
            print("gen_i18n_builtin: not translated in ja.po: " + m,
                  file=sys.stderr)
        sys.exit(1)
    out = sys.stdout
    out.write("/* i18n_builtin_ja.c — the Japanese of the sentences marked "
              "_B(), from\n * assets/po/ja.po, for when the catalogue "
              "cannot be found. Written by\n * tools/gen_i18n_builtin.py "
              "(make builtin-ja): do not edit. */\n")
    out.write('#include "core/base/i18n_private.h"\n\n')
    out.write("const struct i18n_pair i18n_builtin_ja[] = {\n")
    for m in sorted(wanted):
        out.write("    {%s,\n     %s},\n" % (c_string(m), c_string(ja[m])))
    out.write("};\n\n")
    out.write("const size_t i18n_builtin_ja_n =\n"
              "    sizeof i18n_builtin_ja / sizeof i18n_builtin_ja[0];\n")


main()
