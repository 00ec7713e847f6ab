/* fuzz_kb.h — the knowledge base of refusals the fuzz targets of explain
 * load once (fuzz_explain_log.c, fuzz_explain_mime.c,
 * fuzz_explain_many.c). */
#ifndef MD_FUZZ_KB_H
#define MD_FUZZ_KB_H

#include "core/explain/explain.h"

#include <stdlib.h>

/* explain_global_init() (g_mime_init, once), then the shipped knowledge
 * base into *kb; abort() when it cannot be loaded. */
static inline void fuzz_kb_load(struct rej_kb **kb)
{
	struct md_err err;
	explain_global_init();
	if (rej_kb_load_default(kb, &err) != MD_OK)
		abort();
}

#endif
