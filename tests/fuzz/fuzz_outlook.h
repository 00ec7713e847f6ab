/* fuzz_outlook.h — the body the fuzz targets of Outlook's file readers
 * share (fuzz_prf.c, fuzz_reg.c, fuzz_autodiscover.c): one reader on the
 * bytes, then the sniffing entry point on the same bytes. */
#ifndef MD_FUZZ_OUTLOOK_H
#define MD_FUZZ_OUTLOOK_H

#include "clientcfg/outlook/outlook.h"

#include <stddef.h>
#include <stdint.h>

/* An Outlook reader: outlook_parse_prf, _reg or _autodiscover. */
typedef enum md_status (*fuzz_outlook_reader)(const char *buf, size_t len,
					      const char *name,
					      struct acct_set *set,
					      struct md_err *err);

/* read on data, which must bring an account when it succeeds (else a
 * trap), then outlook_parse_buffer() on the same bytes. Returns 0. */
static inline int fuzz_outlook(fuzz_outlook_reader read, const uint8_t *data,
			       size_t size)
{
	struct acct_set *set = acct_set_new();
	struct md_err err;
	if (!set)
		return 0;
	if (read((const char *)data, size, "fuzz", set, &err) == MD_OK &&
	    set->n_accounts == 0)
		__builtin_trap(); /* success always brings an account */
	/* The sniffing entry point too, on the same bytes. */
	outlook_parse_buffer((const char *)data, size, "fuzz", set, &err);
	acct_set_free(set);
	return 0;
}

#endif
