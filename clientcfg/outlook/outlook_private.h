/* outlook_private.h — what the Outlook reader's files share: decoded text
 * and its lines, the table of account values and the builder of acct_*
 * records. Not for use outside clientcfg/outlook*.c. */
#ifndef MD_OUTLOOK_PRIVATE_H
#define MD_OUTLOOK_PRIVATE_H

#include "core/model/account.h"
#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest physical line of a text file, and the longest .reg value
 * after continuation lines are joined. */
#define OUTLOOK_MAX_LINE  (4u << 20)
#define OUTLOOK_MAX_VALUE (16u << 20)

/* ---- outlook_text.c ------------------------------------------------------ */

/* A text file decoded to UTF-8: no BOM, no NUL inside, no line longer than
 * OUTLOOK_MAX_LINE. s ends in a NUL not counted in len. */
struct outlook_text {
	char *s; /* owned; wiped and freed by outlook_text_done() */
	size_t len;
	bool utf16; /* the file was UTF-16 */
};

/* Decode len bytes: UTF-16LE/BE with BOM (or LE without BOM when the second
 * byte is 0), UTF-8 with or without BOM, else the Japanese Windows code page
 * (CP932), all through iconv. Trailing NULs are dropped. Errors (PARSE,
 * TOOBIG, NOMEM) name the file and the line. */
enum md_status outlook_text_decode(const char *buf, size_t len,
				   const char *name, struct outlook_text *out,
				   struct md_err *err);

/* Wipe (it may hold password blobs) and free the text; t may be zeroed. */
void outlook_text_done(struct outlook_text *t);

/* UTF-16LE bytes to a new UTF-8 string (stopping at the first U+0000 code
 * unit). NULL when len is odd, the text is not UTF-16 or no memory
 * (*nomem tells which). The caller frees the result. */
char *outlook_utf16le_to_utf8(const unsigned char *p, size_t len, bool *nomem);

/* Walking the lines of a text: \n, \r\n and a lone \r end a line. */
struct outlook_lines {
	const char *s;
	size_t len, pos;
	unsigned line; /* the number of the line last returned */
};

void outlook_lines_init(struct outlook_lines *l, const struct outlook_text *t);

/* The next line (without its end) in *p / *n; false at the end. */
bool outlook_lines_next(struct outlook_lines *l, const char **p, size_t *n);

/* Trim spaces and tabs from both ends of [*p, *p + *n). */
void outlook_trim(const char **p, size_t *n);

/* Equal ignoring ASCII case, the first of length n. */
bool outlook_eqi(const char *a, size_t n, const char *b);

/* The n bytes at a and at b equal ignoring ASCII case. */
bool outlook_eqin(const char *a, const char *b, size_t n);

/* The value of one hex digit (0-9, a-f, A-F), or -1 when c is none. */
int outlook_hexdigit(char c);

/* A number as Outlook writes one in text: decimal, 0x hex, or a truth word
 * (true/yes/on = 1, false/no/off = 0). False when it is none of these or
 * out of the range of a 32-bit unsigned value. */
bool outlook_parse_number(const char *s, long *out);

/* name, or "-" when NULL: for messages. */
const char *outlook_name(const char *name);

/* ---- outlook_fields.c ---------------------------------------------------- */

enum outlook_fid {
	OF_ACCOUNT_NAME,
	OF_DISPLAY_NAME,
	OF_EMAIL,
	OF_POP3_SERVER,
	OF_POP3_USER,
	OF_POP3_PORT,
	OF_POP3_SSL,
	OF_POP3_SPA,
	OF_IMAP_SERVER,
	OF_IMAP_USER,
	OF_IMAP_PORT,
	OF_IMAP_SSL,
	OF_IMAP_SPA,
	OF_SMTP_SERVER,
	OF_SMTP_PORT,
	OF_SMTP_SECURE,	 /* SMTP Secure Connection, 0-3 */
	OF_SMTP_USE_SSL, /* the older 0/1 checkbox */
	OF_SMTP_USE_AUTH,
	OF_SMTP_AUTH_METHOD,
	OF_SMTP_USER,
	OF_SMTP_SPA,
	OF_CLSID,
	OF__COUNT
};

/* One value of an account as read. */
struct outlook_field {
	bool set;      /* present (and not deleted) */
	char *str;     /* owned UTF-8 text, for text values */
	long num;      /* for number values */
	unsigned line; /* where it was read */
	char *where;   /* owned: the value's registry path when it was read
			  from the live registry (its evidence), or NULL */
};

struct outlook_fields {
	struct outlook_field f[OF__COUNT];
};

/* The field a registry value name / a .prf key names (ASCII case ignored),
 * or -1. Passwords and every other name give -1. */
int outlook_field_by_reg(const char *name, size_t n);
int outlook_field_by_prf(const char *name, size_t n);

/* True when the field holds a number, false when text. */
bool outlook_field_is_number(int fid);

/* The field's .prf / registry name, for messages. */
const char *outlook_field_name(int fid);

/* Set a field (the old text freed); str is taken over (may be NULL). */
void outlook_field_set_str(struct outlook_fields *f, int fid, char *str,
			   unsigned line);
void outlook_field_set_num(struct outlook_fields *f, int fid, long num,
			   unsigned line);
void outlook_field_clear(struct outlook_fields *f, int fid);
void outlook_fields_done(struct outlook_fields *f);

/* True when the account names a POP3, IMAP or SMTP server. */
bool outlook_fields_has_server(const struct outlook_fields *f);

/* Where an account came from. */
struct outlook_origin {
	enum acct_client client;
	const char *key;      /* account subkey or .prf section */
	const char *profile;  /* profile name, or NULL */
	const char *source;   /* the file name */
	const char *locator;  /* the account's registry key, or NULL */
	bool live;	      /* read from the registry itself */
	enum acct_proto hint; /* IMAP / POP3 when the file says, else UNKNOWN */
};

/* Append one account (its incoming server, its SMTP server and one identity
 * using it) built from f to set. MD_ERR_PARSE for a port out of range. */
enum md_status outlook_fields_add(const struct outlook_fields *f,
				  const struct outlook_origin *o,
				  struct acct_set *set, struct md_err *err);

/* The security Thunderbird gives an "encrypted" Outlook setting: STARTTLS
 * on the plain ports 25, 587, 110 and 143, else implicit TLS. */
enum acct_security outlook_sec_by_port(int port);

/* The error for a file without any account. */
enum md_status outlook_no_accounts(const char *name, struct md_err *err);

/* ---- outlook_regacct.c --------------------------------------------------- */

struct outlook_reg;

/* Append the accounts of the profile keys of reg to set. */
enum md_status outlook_reg_accounts(const struct outlook_reg *reg,
				    const char *name, struct acct_set *set,
				    struct md_err *err);

#endif
