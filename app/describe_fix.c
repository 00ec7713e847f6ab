/* describe_fix.c — a fix in plain words, and the changes it makes: its
 * one line, the values of its server before → after, each line of a file
 * it changes, and its one setting when there is no preview. */
#include "app/describe_fix.h"
#include "core/base/os.h"

#include "app/describe.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <string.h>

struct acct_server ui_fix_server(const struct fix *f)
{
	return (struct acct_server){.host = f->server.host,
				    .port = f->server.port,
				    .security = f->server.security,
				    .auth = f->server.auth,
				    .user = f->server.user,
				    .proto = ACCT_PROTO_SMTP};
}

char *ui_fix_line(const struct fix *f, char *buf, size_t len)
{
	struct acct_server s = ui_fix_server(f);
	char server[512];
	const char *proof = f->verified ? _("it worked in the check")
			    : f->insecure
				? _("NOT verified: seen only with --insecure, "
				    "certificates were not checked")
				: _("not verified: no probe ran");
	if (f->kind == FIX_SET_INCOMING)
		snprintf(buf, len,
			 _("receive the mail of %s from %s port %d, "
			   "%s (%s)"),
			 f->identity_email ? f->identity_email : "?",
			 f->server.host, f->server.port,
			 acct_security_word(f->server.security), proof);
	else
		snprintf(buf, len, _("send as %s through %s (%s)"),
			 f->identity_email ? f->identity_email : "?",
			 ui_server_line(&s, server, sizeof server), proof);
	return buf;
}

/* The server fix f changes, as it is now in set: the identity's outgoing
 * server, or the account's incoming server; NULL when not found. */
static const struct acct_server *current_server(const struct fix *f,
						const struct acct_set *set)
{
	bool incoming = f->kind == FIX_SET_INCOMING;
	for (size_t i = 0; set && i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		if (!a->source || strcmp(a->source, f->source) != 0)
			continue;
		if (incoming) {
			const struct acct_server *in =
			    a->incoming >= 0 ? &set->incoming[a->incoming]
					     : NULL;
			if (in && in->key && f->server_key &&
			    strcmp(in->key, f->server_key) == 0)
				return in;
			continue;
		}
		for (size_t j = 0; j < a->n_identities; j++) {
			const struct acct_identity *id = &a->identities[j];
			if (id->key && strcmp(id->key, f->identity_key) == 0)
				return id->outgoing >= 0
					   ? &set->outgoing[id->outgoing]
					   : NULL;
		}
	}
	return NULL;
}

static void add_value(struct fix_values *v, const char *label,
		      const char *before, const char *after)
{
	if (v->n < sizeof v->rows / sizeof v->rows[0])
		v->rows[v->n++] = (struct fix_value){label, before, after};
}

void describe_fix_values(const struct fix *f, const struct acct_set *set,
			 bool technical, struct fix_values *out)
{
	const struct acct_server *cur = current_server(f, set);
	const struct fix_server *to = &f->server;
	bool plain = f->client == ACCT_CLIENT_THUNDERBIRD;
	memset(out, 0, sizeof *out);
	snprintf(out->ports[0], sizeof out->ports[0], "-");
	if (cur && acct_server_port(cur))
		snprintf(out->ports[0], sizeof out->ports[0], "%d",
			 acct_server_port(cur));
	snprintf(out->ports[1], sizeof out->ports[1], "%d", to->port);
	if (plain && technical) {
		add_value(out, _("Port"), out->ports[0], out->ports[1]);
		add_value(out, _("Connection security"),
			  cur ? ui_security_text(cur->security) : NULL,
			  ui_security_text(to->security));
		return;
	}
	add_value(out,
		  f->kind == FIX_SET_INCOMING ? _("Incoming server")
					      : _("Outgoing server"),
		  cur ? cur->host : NULL, to->host);
	if (!plain)
		add_value(out, _("Port"), out->ports[0], out->ports[1]);
	const char *(*sec)(enum acct_security) =
	    plain ? ui_security_plain : ui_security_text;
	add_value(out, _("Encryption"), cur ? sec(cur->security) : NULL,
		  sec(to->security));
	add_value(out, _("Login"), cur ? ui_auth_text(cur->auth) : NULL,
		  ui_auth_text(to->auth));
	add_value(out, _("User name"), cur ? cur->user : NULL, to->user);
}

char *describe_change(const struct fix_change *c, enum change_style style,
		      char *buf, size_t len)
{
	const char *file = os_base_name(c->file);
	const char *before = c->before ? c->before : _("(new)");
	const char *after = c->after ? c->after : _("(removed)");
	switch (style) {
	case CHANGE_SCREEN:
		snprintf(buf, len, "%s: %s  %s \xe2\x86\x92 %s", file, c->name,
			 before, after);
		break;
	case CHANGE_COMMAND:
		snprintf(buf, len, "%s %s: %s -> %s", file, c->name, before,
			 after);
		break;
	case CHANGE_REPORT:
		snprintf(buf, len, "%s: %s %s -> %s", c->file, c->name, before,
			 after);
		break;
	}
	return buf;
}

char *describe_fix_setting(const struct fix *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%d %s %s", f->server.host, f->server.port,
		 acct_security_word(f->server.security),
		 acct_auth_word(f->server.auth));
	return buf;
}
