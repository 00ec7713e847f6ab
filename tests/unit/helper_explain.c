/* helper_explain.c — the knowledge base of refusals the explain tests read
 * (helper_explain.h). */
#include "tests/unit/helper_explain.h"

struct rej_kb *hx_kb;

int hx_setup(void **state)
{
	(void)state;
	struct md_err err = {0};
	explain_global_init();
	return rej_kb_load("assets/rejections.xml", &hx_kb, &err) == MD_OK ? 0
									   : -1;
}

int hx_teardown(void **state)
{
	(void)state;
	rej_kb_free(hx_kb);
	hx_kb = NULL;
	return 0;
}
