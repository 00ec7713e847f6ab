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

struct fix_plan;

/* The changes of a previewed fix: [{file, name, before, after}, …]. */
struct json_object *check_changes_json(const struct fix_plan *plan);

/* Print j, pretty, to o, and free it. */
void check_json_print(FILE *o, struct json_object *j);

#endif
