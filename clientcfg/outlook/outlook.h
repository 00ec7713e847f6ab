/* outlook.h — reading classic Outlook's POP3/IMAP/SMTP settings into the
 * neutral account model (core/account.h).
 *
 * Files of this reader:
 *   outlook.c              the entry points: read a file, sniff its kind
 *   outlook_text.c         bytes to UTF-8 text (BOM, UTF-16 via iconv)
 *   outlook_reg.c          .reg export parser (outlook_reg.h: its model)
 *   outlook_regtext.c      .reg text rules shared with a future writer
 *   outlook_regacct.c      accounts from the profile keys of a .reg (or of
 *                          the live registry, outlook_live.h)
 *   outlook_regwrite.c     .reg text as regedit writes it (fixes, backups)
 *   outlook_live*.c        the Windows registry read into the .reg model
 *   outlook_prf.c          .prf profile files (Office Customization Tool)
 *   outlook_autodiscover.c Autodiscover POX responses (libxml2)
 *   outlook_fields.c       one account's values to acct_* records
 *   outlook_private.h      what these files share
 *
 * Accepted input: a regedit export (UTF-16LE with BOM, UTF-8 with or without
 * BOM, or REGEDIT4 ANSI) of the Outlook profile keys, an Outlook .prf file,
 * or an Autodiscover POX response. Accounts without a POP3, IMAP or SMTP
 * server (Exchange, Microsoft 365) are skipped. Passwords are never copied.
 *
 * What each account becomes (one acct_account, its incoming server, one
 * identity whose outgoing server is the account's own SMTP server; keys are
 * the registry subkey "00000002", the .prf section "Account1", or
 * "account1" for Autodiscover):
 *   SMTP Secure Connection / *Use SSL 0 plain, 1 implicit TLS, 2 STARTTLS,
 *     3 auto; absent: plain (Outlook's default), with a default source.
 *   the old "SMTP Use SSL" = 1, and Autodiscover SSL on / Encryption other
 *     than None: STARTTLS on ports 25, 587, 110, 143, else implicit TLS (as
 *     Thunderbird reads Autodiscover); SMTP Use SSL with no port uses 25.
 *   SMTP Use Auth 0 none; 1 with SMTP Auth Method 0 same-as-incoming,
 *     1 password (NTLM with SPA), 2 log on to incoming first.
 *   ports absent: 0, so acct_server_port() gives the default.
 *
 * Every function appends to the caller's set only on success: on failure
 * the set is unchanged and err holds one translated sentence naming the
 * file (err->file) and, where it applies, the line (err->line). */
#ifndef MD_OUTLOOK_H
#define MD_OUTLOOK_H

#include "core/model/account.h"
#include "core/base/err.h"

#include <stddef.h>

/* The largest file read (any kind), and the largest Autodiscover response. */
#define OUTLOOK_MAX_BYTES     (64u << 20)
#define OUTLOOK_MAX_XML_BYTES (4u << 20)

enum outlook_kind {
	OUTLOOK_KIND_UNKNOWN,	   /* none of the kinds below */
	OUTLOOK_KIND_REG,	   /* a regedit export (.reg) */
	OUTLOOK_KIND_PRF,	   /* an Outlook profile file (.prf) */
	OUTLOOK_KIND_AUTODISCOVER, /* an Autodiscover POX response */
};

/* The kind of len bytes of buf from their first line (after a BOM, blank
 * lines and ';' comments), in any of the encodings read: "Windows Registry
 * Editor" / "REGEDIT4" is a .reg, '<' ("<?xml", "<Autodiscover") an
 * Autodiscover response, '[' ("[General]", any section) a .prf; other text
 * after a UTF-16 BOM is taken for a .reg. */
enum outlook_kind outlook_sniff(const char *buf, size_t len);

/* Read the file at path (any kind above) and append its accounts to set,
 * with ACCT_CLIENT_OUTLOOK (or ACCT_CLIENT_AUTODISCOVER) and the path as
 * their source. Returns MD_OK, MD_ERR_NOTFOUND (no such file, or no POP3 /
 * IMAP / SMTP account in it), MD_ERR_IO, MD_ERR_PARSE, MD_ERR_TOOBIG (over
 * OUTLOOK_MAX_BYTES, or a line over 4 MiB) or MD_ERR_NOMEM. */
enum md_status outlook_read(const char *path, struct acct_set *set,
			    struct md_err *err);

/* As outlook_read() for len bytes at buf (not copied, need not end in NUL);
 * name is the file name used as the source and in messages (NULL: "-"). */
enum md_status outlook_parse_buffer(const char *buf, size_t len,
				    const char *name, struct acct_set *set,
				    struct md_err *err);

/* The same for one kind, without sniffing (fuzzers and tests use these). */
enum md_status outlook_parse_reg(const char *buf, size_t len, const char *name,
				 struct acct_set *set, struct md_err *err);
enum md_status outlook_parse_prf(const char *buf, size_t len, const char *name,
				 struct acct_set *set, struct md_err *err);
enum md_status outlook_parse_autodiscover(const char *buf, size_t len,
					  const char *name,
					  struct acct_set *set,
					  struct md_err *err);

#endif
