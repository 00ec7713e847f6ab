/* typed.h — an address the person typed that is in no mail program's
 * settings: an account made of its provider's published settings, so that
 * the check can judge it like any other. */
#ifndef MD_TYPED_H
#define MD_TYPED_H

#include "core/model/account.h"
#include "core/base/err.h"

struct kb;

/* Append to set an account (client ACCT_CLIENT_TYPED) for email with the
 * first outgoing and incoming servers kb knows for its domain.
 * MD_ERR_NOTFOUND when kb does not know the provider's servers (or email
 * has no '@'), MD_ERR_NOMEM. */
enum md_status typed_account(const struct kb *kb, const char *email,
			     struct acct_set *set, struct md_err *err);

#endif
