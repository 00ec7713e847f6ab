/* outlook_reg.h — the model of a regedit export (.reg) and the text rules
 * of the format, shared by the reader and the .reg writer of the Outlook
 * fix (FORMATS.md 3.3).
 *
 * The format, as regedit writes it: a header line ("Windows Registry Editor
 * Version 5.00", UTF-16LE with BOM; or "REGEDIT4", ANSI), then sections
 * "[HKEY_...\key]" ("[-HKEY_...]" deletes the key) of value lines:
 *   "Name"="text"        REG_SZ, with \\ and \" escaped
 *   "Name"=dword:0000024b REG_DWORD, 8 lower-case hex digits
 *   "Name"=hex:73,00,..  REG_BINARY; hex(N): for type N (2 EXPAND_SZ,
 *                        7 MULTI_SZ, b QWORD), bytes as 2 hex digits
 *   "Name"=-             deletes the value; @= is the default value
 * Long hex lines end in ",\" and go on in the next line, indented by two
 * spaces; regedit wraps them before column 80. Lines end in CRLF. */
#ifndef MD_OUTLOOK_REG_H
#define MD_OUTLOOK_REG_H

#include "core/base/err.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OUTLOOK_REG_HEADER5 "Windows Registry Editor Version 5.00"
#define OUTLOOK_REG_HEADER4 "REGEDIT4"
#define OUTLOOK_REG_WRAP    80	 /* regedit keeps hex lines below this */
#define OUTLOOK_REG_INDENT  "  " /* the start of a continuation line */

/* Registry value types, as numbered by Windows (and by hex(N)). */
enum outlook_reg_type {
	OUTLOOK_REG_NONE = 0,
	OUTLOOK_REG_SZ = 1,
	OUTLOOK_REG_EXPAND_SZ = 2,
	OUTLOOK_REG_BINARY = 3,
	OUTLOOK_REG_DWORD = 4,
	OUTLOOK_REG_MULTI_SZ = 7,
	OUTLOOK_REG_QWORD = 11,
};

struct outlook_reg_value {
	char *name;	     /* UTF-8, unescaped; "" for the default (@) */
	uint32_t type;	     /* enum outlook_reg_type, or any hex(N) */
	bool quoted;	     /* written "text": data is UTF-8 (type 1) */
	bool deleted;	     /* "Name"=- */
	bool withheld;	     /* a password: its bytes were not kept */
	unsigned char *data; /* quoted: UTF-8 + NUL; dword: 4 bytes LE; hex:
				bytes (NULL when empty) */
	size_t len;	     /* bytes in data (quoted: without the NUL) */
	unsigned line;	     /* the value's first line in the file */
};

struct outlook_reg_key {
	char *path;   /* "HKEY_CURRENT_USER\Software\..." (no '-') */
	bool deleted; /* "[-...]": delete the key and its subkeys */
	unsigned line;
	struct outlook_reg_value *values;
	size_t n_values;
};

struct outlook_reg {
	bool live;     /* read from the registry itself (outlook_live.h), not a
			  file: values have no line, their path is their evidence,
			  and each account's source is its key */
	bool regedit4; /* "REGEDIT4" header (ANSI) */
	bool utf16;    /* the file was UTF-16 */
	struct outlook_reg_key *keys; /* in file order; a key may repeat */
	size_t n_keys;
};

/* Parse len bytes of a .reg file (not copied); name is for messages.
 * On MD_OK *out is the caller's, freed with outlook_reg_free(). The first
 * syntax error fails the parse (MD_ERR_PARSE with the line); also
 * MD_ERR_TOOBIG, MD_ERR_NOMEM. Values named "...Password" are withheld. */
enum md_status outlook_reg_parse(const char *buf, size_t len, const char *name,
				 struct outlook_reg **out, struct md_err *err);

void outlook_reg_free(struct outlook_reg *reg);

/* ---- text rules (outlook_regtext.c) -------------------------------------- */

/* What comes after '=' for a type: "dword:", "hex:", "hex(2):", ...
 * (REG_SZ has none: it is a quoted string). buf holds at least 16 bytes and
 * is returned. */
const char *outlook_reg_type_prefix(uint32_t type, char buf[16]);

/* s as a quoted .reg string ("..." with \\ and \"); NULL when s holds a
 * line end (not writable as REG_SZ: use hex(1)) or no memory. The caller
 * frees the result. */
char *outlook_reg_quote(const char *s);

/* Read a quoted string at p[0] == '"' of n bytes: the unescaped text goes
 * to *out (the caller frees it) and *used is the bytes read, closing quote
 * included. False when the closing quote is missing (*out NULL) or no
 * memory (*nomem). A backslash before any other character is kept. */
bool outlook_reg_unquote(const char *p, size_t n, size_t *used, char **out,
			 bool *nomem);

/* Parse "xx,xx,..." (spaces allowed around bytes) into a new buffer.
 * False on a malformed byte (not 2 hex digits, or empty) or no memory
 * (*nomem); *bytes is the caller's on success (NULL when n is empty). */
bool outlook_reg_hex_bytes(const char *p, size_t n, unsigned char **bytes,
			   size_t *len, bool *nomem);

/* A value regedit should not carry out of the machine (passwords). */
bool outlook_reg_is_secret(const char *name);

/* The text of a value: a quoted string as is; REG_BINARY, EXPAND_SZ and
 * hex(1) bytes as UTF-16LE up to the first 00 00. The caller frees *out.
 * MD_ERR_PARSE when it is not text (no err filled), MD_ERR_NOMEM. */
enum md_status outlook_reg_value_text(const struct outlook_reg_value *v,
				      char **out);

/* The number of a value: dword; 4 or 8 bytes LE of a hex value; a quoted
 * number (outlook_parse_number). False when it is none of these or above
 * 32 bits. */
bool outlook_reg_value_number(const struct outlook_reg_value *v, long *out);

/* ---- writing (outlook_regwrite.c) ---------------------------------------- */

/* "Name"=PREFIX followed by n bytes (then `zeros` bytes 00), wrapped as
 * regedit wraps it, with its CRLF. */
void outlook_reg_put_hex(GString *o, const char *name, const char *prefix,
			 const unsigned char *bytes, size_t n, size_t zeros);

/* The text of o (UTF-8) as regedit writes a file: UTF-16LE after a byte
 * order mark, into *out (heap, *len bytes). Frees o; ok false: an error. */
enum md_status outlook_reg_finish(GString *o, bool ok, char **out, size_t *len,
				  struct md_err *err);

/* Write data to a new file dir/STEM.reg (-2, -3 … added, never over an
 * existing file); *path gets its path (heap). */
enum md_status outlook_reg_write_new(const char *dir, const char *stem,
				     const char *data, size_t len, char **path,
				     struct md_err *err);

/* A .reg of one key with every value it holds, byte for byte (dword:, or
 * hex(N): of the bytes), passwords (withheld) left out: the backup of a
 * key before maildoctor changes it. *out heap of *len bytes. */
enum md_status outlook_reg_key_text(const struct outlook_reg_key *key,
				    char **out, size_t *len,
				    struct md_err *err);

#endif
