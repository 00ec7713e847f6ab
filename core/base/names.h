/* names.h — small questions about mail addresses and host names. */
#ifndef MD_NAMES_H
#define MD_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The domain of an address (after the last '@'), or NULL. Borrowed. */
const char *name_domain_of(const char *email);

/* True when host is domain or a name under it (no case, no trailing dot). */
bool name_in_domain(const char *host, const char *domain);

/* True when email is one of the n addresses of list (no case), or when
 * the list is empty: no list means every address. */
bool name_wanted(const char *const *list, size_t n, const char *email);

#endif
