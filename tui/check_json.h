/* check_json.h — the JSON of `maildoctor check`: findings with evidence and
 * fixes (each with the exact changes it makes), and the probe rows. */
#ifndef MD_CHECK_JSON_H
#define MD_CHECK_JSON_H

#include "core/check.h"

#include <json-c/json.h>

/* {"findings":[…],"results":[…],"egress":{…}} as a new object. */
struct json_object *check_to_json(const struct check *c);

#endif
