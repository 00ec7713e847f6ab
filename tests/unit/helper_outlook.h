/* helper_outlook.h — what the tests of Outlook's readers share: the
 * fixture of the file readers' tests (test_outlook_reg.c,
 * test_outlook_prf.c, test_outlook_autodiscover.c: an account set, a file
 * read into it, an account as one line), and a registry key made by hand
 * the way outlook_live_win.c gives it (test_outlook_live.c,
 * test_fix_outlook_live.c), so no registry is needed. */
#ifndef MD_HELPER_OUTLOOK_H
#define MD_HELPER_OUTLOOK_H

#include "clientcfg/outlook/outlook_reg.h"
#include "core/base/err.h"
#include "core/model/account.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the file readers' fixture -------------------------------------- */

/* A test's state: the accounts read, the error of the last read. */
struct ol_fx {
	struct acct_set *set;
	struct md_err err;
};

/* cmocka's setup and teardown of a struct ol_fx (*state). */
int ol_setup(void **state);
int ol_teardown(void **state);

/* outlook_read() of file into fx->set; anything but MD_OK fails the
 * test with the status and the error's text. */
void ol_read_ok(struct ol_fx *fx, const char *file);

/* Account i of set as one line: who, where it reads mail, where it
 * sends ("outlook Outlook/00000002 <a@b> \"Name\" | in: imap h:993 tls
 * password user=u | out: smtp …"). A static buffer, overwritten by the
 * next call. */
const char *ol_describe(const struct acct_set *set, size_t i);

/* ---- a live registry key made by hand -------------------------------- */

/* A live model (reg->live) with one key at path and room for n_values
 * values (k->n_values = n_values, each zeroed, to be filled below).
 * Freed with outlook_reg_free(). */
struct outlook_reg *ol_live_key(const char *path, size_t n_values);

/* Value v named name: REG_BINARY holding s (ASCII) as UTF-16LE ending in
 * 00 00, as Outlook writes its text. */
void ol_utf16(struct outlook_reg_value *v, const char *name, const char *s);

/* Value v named name: a REG_DWORD holding x. */
void ol_dword(struct outlook_reg_value *v, const char *name, uint32_t x);

/* Value v named name: a REG_BINARY the reader withheld (a password). */
void ol_withheld(struct outlook_reg_value *v, const char *name);

#endif
