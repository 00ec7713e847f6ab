/* prefs_private.h — what prefs.c and prefs_write.c share, not exported. */
#ifndef MD_PREFS_PRIVATE_H
#define MD_PREFS_PRIVATE_H

#include "clientcfg/tb/prefs.h"

/* Append a zeroed entry (the array may move); NULL when out of memory. */
struct prefs_entry *prefs_add_entry(struct prefs_file *pf);

/* The winning (last, not removed) entry for name, or NULL. */
struct prefs_entry *prefs_find_last(const struct prefs_file *pf,
				    const char *name);

#endif
