/* helper_diag.h — what the unit tests of the diagnosis share: the shipped
 * knowledge base, a fixture profile read into accounts, and questions about
 * the findings made. */
#ifndef MD_HELPER_DIAG_H
#define MD_HELPER_DIAG_H

#include "core/diag/diagnose.h"

#include <stdbool.h>
#include <stddef.h>

struct kb;

/* The shipped knowledge base, loaded by hd_load_kb() and freed by
 * hd_free_kb() (a cmocka group's setup and teardown). */
extern struct kb *hd_kb;
int hd_load_kb(void **state);
int hd_free_kb(void **state);

/* The Thunderbird profile in folder dir as accounts (the test fails when
 * it cannot be read). Free with acct_set_free(). */
struct acct_set *hd_read_profile(const char *dir);

/* The first finding with this id, or NULL. Borrowed from l. */
const struct finding *hd_find(const struct finding_list *l, const char *id);

/* The ids of l in order, each followed by a space, into buf. */
void hd_ids(const struct finding_list *l, char *buf, size_t len);

/* Whether one of f's evidence lines is exactly text. */
bool hd_has_evidence(const struct finding *f, const char *text);

#endif
