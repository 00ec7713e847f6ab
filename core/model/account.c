/* account.c — building, merging and freeing the neutral account model. */
#include "core/model/account.h"

#include "core/base/ports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *acct_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

char *acct_where(const char *file, unsigned line, char *buf, size_t len)
{
	if (line == ACCT_LINE_WHOLE)
		snprintf(buf, len, "%s", file);
	else
		snprintf(buf, len, "%s:%u", file, line);
	return buf;
}

struct acct_set *acct_set_new(void)
{
	return calloc(1, sizeof(struct acct_set));
}

static void server_done(struct acct_server *s)
{
	free(s->key);
	free(s->profile);
	free(s->type_name);
	free(s->host);
	free(s->user);
	free(s->description);
	free(s->account_name);
}

static void account_done(struct acct_account *a)
{
	for (size_t i = 0; i < a->n_identities; i++) {
		struct acct_identity *id = &a->identities[i];
		free(id->key);
		free(id->email);
		free(id->name);
		free(id->outgoing_key);
	}
	free(a->identities);
	free(a->key);
	free(a->source);
	free(a->profile);
	free(a->locator);
}

void acct_set_free(struct acct_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n_accounts; i++)
		account_done(&set->accounts[i]);
	for (size_t i = 0; i < set->n_incoming; i++)
		server_done(&set->incoming[i]);
	for (size_t i = 0; i < set->n_outgoing; i++)
		server_done(&set->outgoing[i]);
	for (size_t i = 0; i < set->n_files; i++)
		free(set->files[i]);
	free(set->accounts);
	free(set->incoming);
	free(set->outgoing);
	free(set->files);
	free(set);
}

/* Grow *arr (of n elements of size sz) by one zeroed element. */
static void *grow(void **arr, size_t *n, size_t sz)
{
	void *p = realloc(*arr, (*n + 1) * sz);
	if (!p)
		return NULL;
	*arr = p;
	void *elem = (char *)p + *n * sz;
	memset(elem, 0, sz);
	(*n)++;
	return elem;
}

int acct_set_file(struct acct_set *set, const char *path)
{
	for (size_t i = 0; i < set->n_files; i++)
		if (strcmp(set->files[i], path) == 0)
			return (int)i;
	char *copy = acct_strdup(path);
	if (!copy)
		return -1;
	char **slot = grow((void **)&set->files, &set->n_files, sizeof *slot);
	if (!slot) {
		free(copy);
		return -1;
	}
	*slot = copy;
	return (int)(set->n_files - 1);
}

static void server_init(struct acct_server *s)
{
	s->src_host.file = s->src_port.file = s->src_security.file = -1;
	s->src_auth.file = s->src_user.file = -1;
}

struct acct_account *acct_set_add_account(struct acct_set *set)
{
	struct acct_account *a =
	    grow((void **)&set->accounts, &set->n_accounts, sizeof *a);
	if (a)
		a->incoming = -1;
	return a;
}

struct acct_server *acct_set_add_incoming(struct acct_set *set)
{
	struct acct_server *s =
	    grow((void **)&set->incoming, &set->n_incoming, sizeof *s);
	if (s)
		server_init(s);
	return s;
}

struct acct_server *acct_set_add_outgoing(struct acct_set *set)
{
	struct acct_server *s =
	    grow((void **)&set->outgoing, &set->n_outgoing, sizeof *s);
	if (s) {
		server_init(s);
		s->proto = ACCT_PROTO_SMTP;
	}
	return s;
}

struct acct_identity *acct_account_add_identity(struct acct_account *acc)
{
	struct acct_identity *id =
	    grow((void **)&acc->identities, &acc->n_identities, sizeof *id);
	if (id) {
		id->outgoing = -1;
		id->src_email.file = id->src_outgoing.file = -1;
	}
	return id;
}

/* Append n elements of size sz from src to *dst (count *ndst). */
static bool append(void **dst, size_t *ndst, const void *src, size_t n,
		   size_t sz)
{
	if (n == 0)
		return true;
	void *p = realloc(*dst, (*ndst + n) * sz);
	if (!p)
		return false;
	memcpy((char *)p + *ndst * sz, src, n * sz);
	*dst = p;
	*ndst += n;
	return true;
}

static void shift_src(struct acct_src *s, const int *map)
{
	if (s->file >= 0)
		s->file = map[s->file];
}

static void shift_server(struct acct_server *s, const int *map)
{
	shift_src(&s->src_host, map);
	shift_src(&s->src_port, map);
	shift_src(&s->src_security, map);
	shift_src(&s->src_auth, map);
	shift_src(&s->src_user, map);
}

bool acct_set_merge(struct acct_set *dst, struct acct_set *src)
{
	size_t base_in = dst->n_incoming, base_out = dst->n_outgoing;
	int *map = calloc(src->n_files ? src->n_files : 1, sizeof *map);
	if (!map)
		return false;
	size_t files_before = dst->n_files;
	for (size_t i = 0; i < src->n_files; i++) {
		map[i] = acct_set_file(dst, src->files[i]);
		if (map[i] < 0)
			goto fail;
	}
	/* Reserve all three arrays before moving anything. */
	struct acct_account *na =
	    realloc(dst->accounts,
		    (dst->n_accounts + src->n_accounts + 1) * sizeof *na);
	if (!na)
		goto fail;
	dst->accounts = na;
	struct acct_server *ni =
	    realloc(dst->incoming,
		    (dst->n_incoming + src->n_incoming + 1) * sizeof *ni);
	if (!ni)
		goto fail;
	dst->incoming = ni;
	struct acct_server *no =
	    realloc(dst->outgoing,
		    (dst->n_outgoing + src->n_outgoing + 1) * sizeof *no);
	if (!no)
		goto fail;
	dst->outgoing = no;

	for (size_t i = 0; i < src->n_accounts; i++) {
		struct acct_account *a = &src->accounts[i];
		if (a->incoming >= 0)
			a->incoming += (int)base_in;
		for (size_t j = 0; j < a->n_identities; j++) {
			struct acct_identity *id = &a->identities[j];
			if (id->outgoing >= 0)
				id->outgoing += (int)base_out;
			shift_src(&id->src_email, map);
			shift_src(&id->src_outgoing, map);
		}
	}
	for (size_t i = 0; i < src->n_incoming; i++)
		shift_server(&src->incoming[i], map);
	for (size_t i = 0; i < src->n_outgoing; i++)
		shift_server(&src->outgoing[i], map);
	append((void **)&dst->accounts, &dst->n_accounts, src->accounts,
	       src->n_accounts, sizeof *src->accounts);
	append((void **)&dst->incoming, &dst->n_incoming, src->incoming,
	       src->n_incoming, sizeof *src->incoming);
	append((void **)&dst->outgoing, &dst->n_outgoing, src->outgoing,
	       src->n_outgoing, sizeof *src->outgoing);
	free(src->accounts);
	free(src->incoming);
	free(src->outgoing);
	src->accounts = NULL;
	src->incoming = src->outgoing = NULL;
	src->n_accounts = src->n_incoming = src->n_outgoing = 0;
	free(map);
	return true;
fail:
	/* Drop file names added for this merge; nothing else moved yet. */
	while (dst->n_files > files_before)
		free(dst->files[--dst->n_files]);
	free(map);
	return false;
}

void acct_set_mark_orphans(struct acct_set *set)
{
	for (size_t s = 0; s < set->n_outgoing; s++) {
		struct acct_server *srv = &set->outgoing[s];
		bool used = false;
		for (size_t a = 0; a < set->n_accounts && !used; a++) {
			const struct acct_account *acc = &set->accounts[a];
			for (size_t i = 0; i < acc->n_identities; i++)
				if (acc->identities[i].outgoing == (int)s) {
					used = true;
					break;
				}
		}
		srv->orphaned = !used;
	}
}

int acct_proto_default_port(enum acct_proto proto, bool tls)
{
	switch (proto) {
	case ACCT_PROTO_SMTP:
		return md_port_default(MD_PORT_SMTP, tls);
	case ACCT_PROTO_IMAP:
		return md_port_default(MD_PORT_IMAP, tls);
	case ACCT_PROTO_POP3:
		return md_port_default(MD_PORT_POP3, tls);
	default:
		return 0;
	}
}

int acct_server_port(const struct acct_server *srv)
{
	if (srv->port > 0)
		return srv->port;
	return acct_proto_default_port(srv->proto,
				       srv->security == ACCT_SEC_TLS);
}

const char *acct_security_word(enum acct_security sec)
{
	switch (sec) {
	case ACCT_SEC_PLAIN:
		return "plain";
	case ACCT_SEC_STARTTLS_TRY:
		return "starttls-if-offered";
	case ACCT_SEC_STARTTLS:
		return "starttls";
	case ACCT_SEC_TLS:
		return "tls";
	case ACCT_SEC_AUTO:
		return "auto";
	case ACCT_SEC_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *acct_auth_word(enum acct_auth auth)
{
	static const char *words[] = {
	    [ACCT_AUTH_UNKNOWN] = "unknown",
	    [ACCT_AUTH_NONE] = "none",
	    [ACCT_AUTH_OLD] = "old",
	    [ACCT_AUTH_PASSWORD] = "password",
	    [ACCT_AUTH_ENCRYPTED] = "encrypted-password",
	    [ACCT_AUTH_GSSAPI] = "gssapi",
	    [ACCT_AUTH_NTLM] = "ntlm",
	    [ACCT_AUTH_TLS_CERT] = "tls-certificate",
	    [ACCT_AUTH_ANY] = "any",
	    [ACCT_AUTH_OAUTH2] = "oauth2",
	    [ACCT_AUTH_SAME_AS_INCOMING] = "same-as-incoming",
	    [ACCT_AUTH_POP_BEFORE_SMTP] = "pop-before-smtp",
	};
	if ((size_t)auth >= sizeof words / sizeof words[0])
		return "unknown";
	return words[auth];
}

const char *acct_proto_word(enum acct_proto proto)
{
	switch (proto) {
	case ACCT_PROTO_SMTP:
		return "smtp";
	case ACCT_PROTO_IMAP:
		return "imap";
	case ACCT_PROTO_POP3:
		return "pop3";
	case ACCT_PROTO_OTHER:
		return "other";
	case ACCT_PROTO_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *acct_client_word(enum acct_client client)
{
	switch (client) {
	case ACCT_CLIENT_THUNDERBIRD:
		return "thunderbird";
	case ACCT_CLIENT_OUTLOOK:
		return "outlook";
	case ACCT_CLIENT_AUTODISCOVER:
		return "autodiscover";
	case ACCT_CLIENT_TYPED:
		return "typed";
	}
	return "unknown";
}
