/* account_json.h — the account model as JSON (json-c), the format of
 * `maildoctor accounts --json` documented in README.md. */
#ifndef MD_ACCOUNT_JSON_H
#define MD_ACCOUNT_JSON_H

#include "core/model/account.h"

#include <json-c/json.h>

/* {"accounts":[…],"orphaned_outgoing":[…]}; a new object the caller puts
 * with json_object_put(); NULL when out of memory. */
struct json_object *account_set_to_json(const struct acct_set *set);

/* One server as JSON (new object). */
struct json_object *account_server_to_json(const struct acct_set *set,
					   const struct acct_server *srv);

#endif
