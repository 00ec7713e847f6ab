/* helper_diag.c — the knowledge base, fixture profiles and finding
 * questions for the unit tests of the diagnosis (see helper_diag.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/helper_diag.h"

#include "clientcfg/tb/tb_accounts.h"
#include "core/kb/kb.h"

#include <string.h>

struct kb *hd_kb;

int hd_load_kb(void **state)
{
	(void)state;
	struct md_err err;
	return kb_load_default(NULL, &hd_kb, &err) == MD_OK ? 0 : -1;
}

int hd_free_kb(void **state)
{
	(void)state;
	kb_free(hd_kb);
	hd_kb = NULL;
	return 0;
}

struct acct_set *hd_read_profile(const char *dir)
{
	struct tb_profile p = {.name = "t", .path = (char *)dir};
	struct acct_set *set = acct_set_new();
	struct md_err err;
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	return set;
}

const struct finding *hd_find(const struct finding_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

void hd_ids(const struct finding_list *l, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		strncat(buf, l->items[i].id, len - strlen(buf) - 2);
		strncat(buf, " ", len - strlen(buf) - 1);
	}
}

bool hd_has_evidence(const struct finding *f, const char *text)
{
	for (size_t i = 0; i < f->n_evidence; i++)
		if (f->evidence[i].text &&
		    strcmp(f->evidence[i].text, text) == 0)
			return true;
	return false;
}
