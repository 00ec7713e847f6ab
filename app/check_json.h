/* check_json.h — the JSON of `maildoctor check`: findings with evidence and
 * fixes (each with the exact changes it makes), and the probe rows. */
#ifndef MD_CHECK_JSON_H
#define MD_CHECK_JSON_H

#include "core/check/check.h"

#include <json-c/json.h>
#include <stdio.h>

/* {"findings":[…],"results":[…],"egress":{…}} as a new object. */
struct json_object *check_to_json(const struct check *c);

/* One fix: id, summary, verified, identity, kind, server, changes. */
struct json_object *check_fix_to_json(const struct fix *f);

/* Print j, pretty, to o, and free it. */
void check_json_print(FILE *o, struct json_object *j);

#endif
