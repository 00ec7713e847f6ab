/* account_json.c — build the JSON form of accounts, with the file and line
 * every value came from under "origin". */
#include "core/model/account_json.h"

#include <stdio.h>

static struct json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* "file:line" of a value, or null for a default. */
static struct json_object *origin(const struct acct_set *set,
				  struct acct_src src)
{
	if (src.file < 0 || (size_t)src.file >= set->n_files || src.line == 0)
		return NULL;
	char buf[4200];
	return json_object_new_string(
	    acct_where(set->files[src.file], src.line, buf, sizeof buf));
}

struct json_object *account_server_to_json(const struct acct_set *set,
					   const struct acct_server *srv)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "key", str_or_null(srv->key));
	json_object_object_add(
	    o, "type", json_object_new_string(acct_proto_word(srv->proto)));
	json_object_object_add(o, "host", str_or_null(srv->host));
	json_object_object_add(o, "port",
			       json_object_new_int(acct_server_port(srv)));
	json_object_object_add(o, "port_is_default",
			       json_object_new_boolean(srv->port == 0));
	json_object_object_add(
	    o, "security",
	    json_object_new_string(acct_security_word(srv->security)));
	json_object_object_add(
	    o, "auth", json_object_new_string(acct_auth_word(srv->auth)));
	json_object_object_add(o, "user", str_or_null(srv->user));
	if (srv->description)
		json_object_object_add(
		    o, "description", json_object_new_string(srv->description));
	if (srv->account_name)
		json_object_object_add(
		    o, "account_name",
		    json_object_new_string(srv->account_name));
	if (srv->proto == ACCT_PROTO_SMTP || srv->type_name)
		json_object_object_add(
		    o, "is_default", json_object_new_boolean(srv->is_default));
	struct json_object *from = json_object_new_object();
	json_object_object_add(from, "host", origin(set, srv->src_host));
	json_object_object_add(from, "port", origin(set, srv->src_port));
	json_object_object_add(from, "security",
			       origin(set, srv->src_security));
	json_object_object_add(from, "auth", origin(set, srv->src_auth));
	json_object_object_add(from, "user", origin(set, srv->src_user));
	json_object_object_add(o, "origin", from);
	return o;
}

static struct json_object *identity_json(const struct acct_set *set,
					 const struct acct_identity *id)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "key", str_or_null(id->key));
	json_object_object_add(o, "email", str_or_null(id->email));
	json_object_object_add(o, "name", str_or_null(id->name));
	json_object_object_add(o, "outgoing_key",
			       str_or_null(id->outgoing_key));
	json_object_object_add(o, "uses_default_outgoing",
			       json_object_new_boolean(id->uses_default));
	json_object_object_add(
	    o, "outgoing",
	    id->outgoing >= 0
		? account_server_to_json(set, &set->outgoing[id->outgoing])
		: NULL);
	struct json_object *from = json_object_new_object();
	json_object_object_add(from, "email", origin(set, id->src_email));
	json_object_object_add(from, "outgoing", origin(set, id->src_outgoing));
	json_object_object_add(o, "origin", from);
	return o;
}

struct json_object *account_set_to_json(const struct acct_set *set)
{
	struct json_object *root = json_object_new_object();
	struct json_object *accounts = json_object_new_array();
	for (size_t i = 0; i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		struct json_object *o = json_object_new_object();
		json_object_object_add(
		    o, "client",
		    json_object_new_string(acct_client_word(a->client)));
		json_object_object_add(o, "source", str_or_null(a->source));
		json_object_object_add(o, "profile", str_or_null(a->profile));
		json_object_object_add(o, "key", str_or_null(a->key));
		struct json_object *ids = json_object_new_array();
		for (size_t j = 0; j < a->n_identities; j++)
			json_object_array_add(
			    ids, identity_json(set, &a->identities[j]));
		json_object_object_add(o, "identities", ids);
		json_object_object_add(
		    o, "incoming",
		    a->incoming >= 0 ? account_server_to_json(
					   set, &set->incoming[a->incoming])
				     : NULL);
		json_object_array_add(accounts, o);
	}
	json_object_object_add(root, "accounts", accounts);
	struct json_object *orphans = json_object_new_array();
	for (size_t i = 0; i < set->n_outgoing; i++)
		if (set->outgoing[i].orphaned) {
			struct json_object *o =
			    account_server_to_json(set, &set->outgoing[i]);
			json_object_object_add(
			    o, "profile",
			    str_or_null(set->outgoing[i].profile));
			json_object_array_add(orphans, o);
		}
	json_object_object_add(root, "orphaned_outgoing", orphans);
	return root;
}
