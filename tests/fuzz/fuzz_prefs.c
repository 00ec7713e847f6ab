/* fuzz_prefs.c — libFuzzer target for the prefs.js reader and writer: any
 * bytes parse without a crash into statements that lie where they should,
 * render back byte for byte, and survive an edit of a value followed by a
 * re-parse. */
#include "clientcfg/tb/prefs.h"

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
	/* Each statement runs from its user_pref token to its ';', its value
	 * inside it, its line no further than the lines there are. */
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++)
		lines +=
		    data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	for (size_t i = 0; i < pf->n_entries; i++) {
		const struct prefs_entry *e = &pf->entries[i];
		if (!(e->start + 9 < e->val_start &&
		      e->val_start < e->val_end && e->val_end < e->end &&
		      e->end <= size) ||
		    memcmp(data + e->start, "user_pref", 9) != 0 ||
		    data[e->end - 1] != ';' || e->line < 1 || e->line > lines ||
		    (i > 0 && e->start < pf->entries[i - 1].end))
			abort();
	}
	for (size_t i = 0; i < pf->n_issues; i++)
		if (pf->issues[i].line < 1 || pf->issues[i].line > lines ||
		    (i > 0 && pf->issues[i].line < pf->issues[i - 1].line))
			abort();
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
