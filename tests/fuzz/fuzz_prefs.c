/* fuzz_prefs.c — libFuzzer target for the prefs.js reader and writer: any
 * bytes parse without a crash, render back byte for byte, and survive an
 * edit of a value followed by a re-parse. */
#include "clientcfg/prefs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prefs_file *pf = NULL;
	struct md_err err;
	if (prefs_parse((const char *)data, size, "fuzz", &pf, &err) != MD_OK)
		return 0;
	char *out = NULL;
	size_t len = 0;
	if (prefs_render(pf, &out, &len, &err) == MD_OK) {
		if (len != size || memcmp(out, data, size) != 0)
			abort(); /* the writer must be lossless */
		free(out);
	}
	/* Edit the first entry (or add one) and check the result re-parses to
	 * the new value. */
	const char *name = pf->n_entries ? pf->entries[0].name : "fuzz.added";
	char *copy = strdup(name);
	if (copy && prefs_set_str(pf, copy, "new\"value\\", &err) == MD_OK &&
	    prefs_render(pf, &out, &len, &err) == MD_OK) {
		struct prefs_file *again = NULL;
		if (prefs_parse(out, len, "fuzz2", &again, &err) == MD_OK) {
			const char *v = prefs_get_str(again, copy);
			/* Only checkable when the file had no NUL byte and no
			 * syntax error that could swallow the new statement. */
			if (pf->n_issues == 0 && !memchr(data, 0, size) &&
			    (!v || strcmp(v, "new\"value\\") != 0))
				abort();
			prefs_free(again);
		}
		free(out);
	}
	free(copy);
	prefs_free(pf);
	return 0;
}
