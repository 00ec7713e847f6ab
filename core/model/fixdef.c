/* fixdef.c — copying and freeing fixes. */
#include "core/model/fixdef.h"

#include <stdlib.h>
#include <string.h>

void fix_free(struct fix *f)
{
	if (!f)
		return;
	free(f->id);
	free(f->source);
	free(f->identity_key);
	free(f->identity_email);
	free(f->server_key);
	free(f->server.host);
	free(f->server.user);
	free(f);
}

struct fix *fix_copy(const struct fix *f)
{
	struct fix *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	*c = *f;
	c->id = acct_strdup(f->id);
	c->source = acct_strdup(f->source);
	c->identity_key = acct_strdup(f->identity_key);
	c->identity_email = acct_strdup(f->identity_email);
	c->server_key = acct_strdup(f->server_key);
	c->server.host = acct_strdup(f->server.host);
	c->server.user = acct_strdup(f->server.user);
	if ((f->id && !c->id) || (f->source && !c->source) ||
	    (f->identity_key && !c->identity_key) ||
	    (f->identity_email && !c->identity_email) ||
	    (f->server_key && !c->server_key) ||
	    (f->server.host && !c->server.host) ||
	    (f->server.user && !c->server.user)) {
		fix_free(c);
		return NULL;
	}
	return c;
}
