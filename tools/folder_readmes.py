#!/usr/bin/env python3
"""folder_readmes.py — writes each source folder's README.md: what the folder
is for, whom it may include, and its files with the first sentence of each
file's top comment. Run it after adding a file (make layers fails until the
README lists it); edit the purpose lines in P below, not the READMEs."""
import os, re, glob, sys
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
P = {
'core/base': ("What every layer stands on: errors, gettext, where the data is, the words of outcomes, ports and waits, the redactor, the crash-safe write, and the seam to the operating system (os.h: os_posix.c on Linux, os_win.c on Windows), and compat.h, the one home of the C library extensions mingw lacks.",
              "Includes nothing of ours outside this folder."),
'core/model': ("The neutral model every part speaks: accounts (as read from any mail program), findings and fixes, and their JSON.", "Includes core/base."),
'core/net': ("The network underneath the dialogues: the event loop, DNS (c-ares), TCP connects, TLS (OpenSSL), the line engine and the transcript.", "Includes core/base. The system calls for sockets and polling are in tcp.c, line.c and loop.c (the Windows build's seam for them is issue 17's)."),
'core/proto': ("The mail dialogues: one engine (session.c) and what is particular to SMTP, IMAP and POP3 (a `const struct sess_proto` each), and the probe that runs one against every address of a host.", "Includes core/base and core/net."),
'core/kb': ("The knowledge base: providers (assets/providers, ISPDB clientConfig) and server rejections (assets/rejections.xml), and accounts made for a typed address.", "Includes core/base and core/model."),
'core/check': ("A whole check on the loop: the plan of endpoints, the DNS questions (facts), settings discovery, and the check that runs them and hands the results to the diagnosis.", "Includes core/base, core/model, core/net, core/proto, core/kb and core/diag."),
'core/diag': ("The diagnosis: pure functions from accounts, probe rows, DNS answers and the knowledge base to findings with evidence and fixes; its rules are in rules/.", "Includes core/base, core/model, core/kb and the plan's types (core/check/plan.h); never the network or the check."),
'core/diag/rules': ("The rules of the diagnosis, one file per family of findings.", "Includes what core/diag may, and core/diag's headers."),
'core/explain': ("Reading bounces and mail logs: what happened to each recipient, in sisimai's reasons, and who must act.", "Includes core/base and core/kb."),
'clientcfg': ("The mail programs' files: clients.h reads every one (the read facade), fix.h changes them (the write facade: plan, preview, apply, undo, hand-over, journal); tb/ is Thunderbird, outlook/ is classic Outlook.", "Includes core/base and core/model; no sockets."),
'clientcfg/tb': ("Thunderbird: profiles, the prefs.js parser (Gecko's grammar), the account graph, the pref layout as data, the profile locks, and writing a fix.", "Includes core/base, core/model and clientcfg's facades."),
'clientcfg/outlook': ("Classic Outlook: .reg exports, .prf files and Autodiscover replies read into the model; on Windows the live registry read into the same .reg model (outlook_live.h: outlook_live_win.c, and outlook_live_none.c elsewhere) and a fix written into an account's key with a backup .reg and an exact undo (fix_outlook_live.h); elsewhere the .reg that hands a fix over.", "Includes core/base, core/model, clientcfg's facades and tb/tb_profiles.h."),
'app': ("The service layer under the commands and the wizard: the options, the one way to run a check, the fixes, the report, and the words for settings and rows.", "Includes core's public headers and clientcfg's facades."),
'tui': ("The wizard: its seven screens, the driver, the two renderers (curses, plain), and the seam to the terminal (term.h: term_posix.c on Linux, term_win.c on Windows).", "Includes app, core/base, core/model and core/net/loop.h."),
'cli': ("The program: main.c and one cmd_<name>.c per command; on Windows entry_win.c is the entry (wmain), which runs main.c's main.", "Includes app, tui, core/base, core/model, core/net/loop.h and core/explain/explain.h."),
}
def desc(f):
    t = open(f, encoding='utf-8').read(2000)
    m = re.match(r'/\*\s*(.*?)\*/', t, re.S) or re.match(r'#.*', t)
    s = m.group(1) if m else ''
    s = re.sub(r'\s*\n\s*\*\s?', ' ', s).strip()
    s = re.sub(r'^[\w.]+\s+—\s+', '', s)
    # first sentence
    s = re.split(r'(?<=[.:;])\s', s)[0].rstrip(':;')
    if len(s) > 120: s = s[:117].rsplit(' ', 1)[0] + ' …'
    return s
for d, (what, inc) in P.items():
    files = sorted(os.path.basename(f) for f in glob.glob(d + '/*.[ch]'))
    out = ['# ' + d + '/', '', what, '', inc, '', '| file | what it is |', '|---|---|']
    for f in files:
        out.append('| `%s` | %s |' % (f, desc(os.path.join(d, f)).replace('|', '\\|')))
    if os.path.isdir(d + '/rules') and d == 'core/diag': out.append('| `rules/` | the rules (rules/README.md) |')
    if d == 'clientcfg': out += ['| `tb/` | Thunderbird (tb/README.md) |', '| `outlook/` | Outlook (outlook/README.md) |']
    open(d + '/README.md', 'w').write('\n'.join(out) + '\n')
print('ok')
