/* helper_explain.h — the knowledge base of refusals the tests of explain
 * and of the Inbox scan read (test_explain*.c, test_mailbox_scan.c):
 * assets/rejections.xml, loaded once per test program by the group's
 * setup. */
#ifndef MD_HELPER_EXPLAIN_H
#define MD_HELPER_EXPLAIN_H

#include "core/explain/explain.h"

/* The knowledge base, between hx_setup() and hx_teardown(). */
extern struct rej_kb *hx_kb;

/* A cmocka group's setup: explain_global_init(), then
 * assets/rejections.xml into hx_kb; -1 when it cannot be loaded. */
int hx_setup(void **state);

/* A cmocka group's teardown: hx_kb freed. */
int hx_teardown(void **state);

#endif
