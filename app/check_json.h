/* check_json.h — the JSON of `maildoctor check`: findings with evidence and
 * fixes (each with the exact changes it makes), and the probe rows; and
 * the JSON of `maildoctor probe`: each row with its session's whole
 * result. */
#ifndef MD_CHECK_JSON_H
#define MD_CHECK_JSON_H

#include "core/check/check.h"

#include <json-c/json.h>
#include <stdio.h>

struct fix_plan;

/* The preview of each fix a check offers that is written (fix_preview()),
 * made once before the JSON is, so that writing it reads no file. */
struct check_previews {
	const struct fix **fixes;
	struct fix_plan **plans; /* NULL where no preview could be made */
	size_t n;
};

/* The previews of c's fixes into p (the caller's; free with
 * check_previews_done()). Without memory p holds fewer: their JSON then
 * names the one setting that changes. */
void check_previews_make(const struct check *c, struct check_previews *p);

void check_previews_done(struct check_previews *p);

/* {"findings":[…],"results":[…],"egress":{…}} as a new object; the fixes'
 * changes from p (or NULL: none previewed). */
struct json_object *check_to_json(const struct check *c,
				  const struct check_previews *p);

/* One fix: id, summary, verified, identity, kind, server, changes (from
 * its preview in p, or NULL). */
struct json_object *check_fix_to_json(const struct fix *f,
				      const struct check_previews *p);

/* The changes of a previewed fix: [{file, name, before, after}, …]. */
struct json_object *check_changes_json(const struct fix_plan *plan);

/* {"results":[…]} of a check of named endpoints (`probe`): each row with
 * the session's TLS, capabilities, login, reply and step times (and its
 * transcript when asked); "insecure" when --insecure. A new object. */
struct json_object *check_probe_to_json(const struct check *c, bool transcript);

/* Print j, pretty, to o, and free it. */
void check_json_print(FILE *o, struct json_object *j);

#endif
