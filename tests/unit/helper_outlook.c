/* helper_outlook.c — the fixture of the Outlook readers' tests and a live
 * registry key made by hand (helper_outlook.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/helper_outlook.h"

#include "clientcfg/outlook/outlook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ol_setup(void **state)
{
	struct ol_fx *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	fx->set = acct_set_new();
	*state = fx;
	return fx->set ? 0 : -1;
}

int ol_teardown(void **state)
{
	struct ol_fx *fx = *state;
	acct_set_free(fx->set);
	free(fx);
	return 0;
}

void ol_read_ok(struct ol_fx *fx, const char *file)
{
	enum md_status st = outlook_read(file, fx->set, &fx->err);
	if (st != MD_OK)
		fail_msg("%s: %s", md_status_name(st), fx->err.text);
}

static const char *str(const char *s)
{
	return s ? s : "-";
}

static void describe_server(char *out, size_t n, const struct acct_server *s)
{
	snprintf(out, n, "%s %s:%d %s %s user=%s", acct_proto_word(s->proto),
		 str(s->host), acct_server_port(s),
		 acct_security_word(s->security), acct_auth_word(s->auth),
		 str(s->user));
}

const char *ol_describe(const struct acct_set *set, size_t i)
{
	static char buf[1024];
	char in[300] = "none", out[300] = "none";
	const struct acct_account *a = &set->accounts[i];
	const struct acct_identity *id = &a->identities[0];
	if (a->incoming >= 0)
		describe_server(in, sizeof in, &set->incoming[a->incoming]);
	if (id->outgoing >= 0)
		describe_server(out, sizeof out, &set->outgoing[id->outgoing]);
	snprintf(buf, sizeof buf, "%s %s/%s <%s> \"%s\" | in: %s | out: %s",
		 acct_client_word(a->client), str(a->profile), str(a->key),
		 str(id->email), str(id->name), in, out);
	return buf;
}

struct outlook_reg *ol_live_key(const char *path, size_t n_values)
{
	struct outlook_reg *reg = calloc(1, sizeof *reg);
	reg->live = true;
	reg->n_keys = 1;
	reg->keys = calloc(1, sizeof *reg->keys);
	struct outlook_reg_key *k = &reg->keys[0];
	k->path = strdup(path);
	k->n_values = n_values;
	k->values = calloc(n_values, sizeof *k->values);
	return reg;
}

void ol_utf16(struct outlook_reg_value *v, const char *name, const char *s)
{
	size_t n = strlen(s);
	v->name = strdup(name);
	v->type = OUTLOOK_REG_BINARY;
	v->len = 2 * n + 2;
	v->data = calloc(1, v->len);
	for (size_t i = 0; i < n; i++)
		v->data[2 * i] = (unsigned char)s[i];
}

void ol_dword(struct outlook_reg_value *v, const char *name, uint32_t x)
{
	v->name = strdup(name);
	v->type = OUTLOOK_REG_DWORD;
	v->len = 4;
	v->data = malloc(4);
	for (int i = 0; i < 4; i++)
		v->data[i] = (unsigned char)(x >> (8 * i));
}

void ol_withheld(struct outlook_reg_value *v, const char *name)
{
	v->name = strdup(name);
	v->type = OUTLOOK_REG_BINARY;
	v->withheld = true;
}
