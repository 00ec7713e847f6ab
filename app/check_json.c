/* check_json.c — build the JSON of a finished check with json-c: the
 * findings and rows of `check`, and the rows of `probe` (a check of named
 * endpoints) with each session's whole result. */
#include "app/check_json.h"

#include "clientcfg/fix.h"
#include "core/net/tls.h"
#include "core/net/transcript.h"
#include "core/proto/session.h"
#include "app/describe.h"
#include "app/describe_fix.h"
#include "app/probe_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct json_object *str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *evidence_json(const struct evidence *e)
{
	static const char *const kinds[] = {"probe", "config", "dns", "text"};
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "kind",
			       json_object_new_string(kinds[e->kind]));
	json_object_object_add(o, "text", str(e->text));
	if (e->row >= 0)
		json_object_object_add(o, "row", json_object_new_int(e->row));
	if (e->file) {
		json_object_object_add(o, "file", str(e->file));
		/* a registry value's path has no line */
		if (e->line != ACCT_LINE_WHOLE)
			json_object_object_add(
			    o, "line", json_object_new_int((int)e->line));
	}
	return o;
}

struct json_object *check_changes_json(const struct fix_plan *plan)
{
	struct json_object *a = json_object_new_array();
	for (size_t i = 0; i < plan->n_changes; i++) {
		const struct fix_change *c = &plan->changes[i];
		struct json_object *o = json_object_new_object();
		json_object_object_add(o, "file", str(c->file));
		json_object_object_add(o, "name", str(c->name));
		json_object_object_add(o, "before", str(c->before));
		json_object_object_add(o, "after", str(c->after));
		json_object_array_add(a, o);
	}
	return a;
}

void check_previews_make(const struct check *c, struct check_previews *p)
{
	memset(p, 0, sizeof *p);
	const struct finding_list *fl = check_findings(c);
	size_t n = 0;
	for (size_t i = 0; i < fl->n; i++)
		n += fl->items[i].n_fixes;
	p->fixes = calloc(n ? n : 1, sizeof *p->fixes);
	p->plans = calloc(n ? n : 1, sizeof *p->plans);
	if (!p->fixes || !p->plans) {
		check_previews_done(p);
		return;
	}
	for (size_t i = 0; i < fl->n; i++)
		for (size_t x = 0; x < fl->items[i].n_fixes; x++) {
			const struct fix *f = fl->items[i].fixes[x];
			struct md_err err;
			p->fixes[p->n] = f;
			if (fix_way(f) == FIX_WAY_WRITE &&
			    fix_preview(f, &p->plans[p->n], &err) != MD_OK)
				p->plans[p->n] = NULL;
			p->n++;
		}
}

void check_previews_done(struct check_previews *p)
{
	for (size_t i = 0; i < p->n; i++)
		fix_plan_free(p->plans[i]);
	free(p->fixes);
	free(p->plans);
	memset(p, 0, sizeof *p);
}

static const struct fix_plan *preview_of(const struct check_previews *p,
					 const struct fix *f)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (p->fixes[i] == f)
			return p->plans[i];
	return NULL;
}

/* The exact preference changes of a fix that is written, when it could be
 * previewed; else the one setting that changes. */
static struct json_object *changes_json(const struct fix *f,
					const struct check_previews *p)
{
	const struct fix_plan *plan = preview_of(p, f);
	if (plan)
		return check_changes_json(plan);
	struct json_object *a = json_object_new_array();
	char after[600];
	describe_fix_setting(f, after, sizeof after);
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "setting",
			       json_object_new_string("outgoing-server"));
	json_object_object_add(o, "after", json_object_new_string(after));
	json_object_array_add(a, o);
	return a;
}

struct json_object *check_fix_to_json(const struct fix *f,
				      const struct check_previews *p)
{
	char line[1024];
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "id", str(f->id));
	json_object_object_add(o, "summary",
			       str(ui_fix_line(f, line, sizeof line)));
	json_object_object_add(o, "verified",
			       json_object_new_boolean(f->verified));
	if (f->insecure)
		json_object_object_add(o, "insecure",
				       json_object_new_boolean(true));
	json_object_object_add(o, "identity", str(f->identity_email));
	json_object_object_add(
	    o, "kind",
	    str(f->kind == FIX_SET_INCOMING ? "incoming" : "outgoing"));
	struct json_object *srv = json_object_new_object();
	json_object_object_add(srv, "host", str(f->server.host));
	json_object_object_add(srv, "port",
			       json_object_new_int(f->server.port));
	json_object_object_add(srv, "security",
			       str(acct_security_word(f->server.security)));
	json_object_object_add(srv, "auth",
			       str(acct_auth_word(f->server.auth)));
	json_object_object_add(srv, "user", str(f->server.user));
	json_object_object_add(o, "server", srv);
	json_object_object_add(o, "changes", changes_json(f, p));
	return o;
}

static struct json_object *finding_json(const struct finding *f,
					const struct check_previews *p)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "id", str(f->id));
	json_object_object_add(o, "severity",
			       str(finding_severity_word(f->severity)));
	json_object_object_add(o, "identity", str(f->identity));
	json_object_object_add(o, "summary", str(f->summary));
	json_object_object_add(o, "explanation", str(f->explanation));
	struct json_object *ev = json_object_new_array();
	for (size_t i = 0; i < f->n_evidence; i++)
		json_object_array_add(ev, evidence_json(&f->evidence[i]));
	json_object_object_add(o, "evidence", ev);
	struct json_object *fx = json_object_new_array();
	for (size_t i = 0; i < f->n_fixes; i++)
		json_object_array_add(fx, check_fix_to_json(f->fixes[i], p));
	json_object_object_add(o, "fixes", fx);
	return o;
}

/* The endpoint of a row, the first keys of both row writers: host,
 * address, family, port. */
static void endpoint_json(struct json_object *o, const struct check_row *r)
{
	json_object_object_add(o, "host", str(r->host));
	json_object_object_add(o, "address", str(r->address));
	json_object_object_add(
	    o, "family",
	    r->family ? json_object_new_string(r->family == 6 ? "ipv6" : "ipv4")
		      : NULL);
	json_object_object_add(o, "port", json_object_new_int(r->port));
}

static struct json_object *row_json(const struct check *c, size_t i,
				    const struct check_row *r)
{
	struct json_object *o = json_object_new_object();
	endpoint_json(o, r);
	json_object_object_add(o, "protocol", str(acct_proto_word(r->proto)));
	json_object_object_add(o, "security",
			       str(acct_security_word(r->security)));
	json_object_object_add(o, "purpose", str(r->purpose));
	json_object_object_add(o, "step", str(md_step_row_word(r->step)));
	json_object_object_add(
	    o, "outcome",
	    r->step == MD_STEP_DONE ? str(md_outcome_word(r->outcome)) : NULL);
	json_object_object_add(o, "reason", str(r->reason));
	if (r->insecure)
		json_object_object_add(o, "insecure",
				       json_object_new_boolean(true));
	if (r->tls_tried) {
		struct json_object *t = json_object_new_object();
		json_object_object_add(
		    t, "verified", json_object_new_boolean(r->tls_verified));
		json_object_object_add(t, "failure", str(r->tls_failure));
		json_object_object_add(o, "tls", t);
	}
	if (r->auth)
		json_object_object_add(o, "auth", str(r->auth));
	json_object_object_add(o, "elapsed_ms",
			       json_object_new_int64((int64_t)r->elapsed_ms));
	const struct transcript *t = check_transcript(c, i);
	struct json_object *ts = json_object_new_array();
	for (size_t k = 0; t && k < t->n; k++) {
		char line[TRANSCRIPT_LINE_MAX + 32];
		snprintf(line, sizeof line, "%c %s", t->lines[k].dir,
			 t->lines[k].text);
		json_object_array_add(ts, json_object_new_string(line));
	}
	json_object_object_add(o, "transcript", ts);
	return o;
}

struct json_object *check_to_json(const struct check *c,
				  const struct check_previews *p)
{
	struct json_object *root = json_object_new_object();
	const struct finding_list *fl = check_findings(c);
	struct json_object *fa = json_object_new_array();
	for (size_t i = 0; i < fl->n; i++)
		json_object_array_add(fa, finding_json(&fl->items[i], p));
	json_object_object_add(root, "findings", fa);
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	struct json_object *ra = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(ra, row_json(c, i, &rows[i]));
	json_object_object_add(root, "results", ra);
	struct json_object *eg = json_object_new_object();
	json_object_object_add(eg, "ipv4", str(check_egress(c, 4)));
	json_object_object_add(eg, "ipv6", str(check_egress(c, 6)));
	json_object_object_add(root, "egress", eg);
	if (check_insecure(c))
		json_object_object_add(root, "insecure",
				       json_object_new_boolean(true));
	return root;
}

/* ---- `probe` ---------------------------------------------------------- */

static struct json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static struct json_object *tls_json(const struct sess_result *res)
{
	if (!res->tls_tried)
		return NULL;
	const struct tls_info *t = &res->tls;
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "verified",
			       json_object_new_boolean(t->done && t->verified));
	json_object_object_add(j, "version", str_or_null(t->version));
	json_object_object_add(j, "cipher", str_or_null(t->cipher));
	json_object_object_add(j, "subject", str_or_null(t->subject));
	struct json_object *names = json_object_new_array();
	char buf[sizeof t->names];
	snprintf(buf, sizeof buf, "%s", t->names);
	for (char *save = NULL, *w = strtok_r(buf, ", ", &save); w;
	     w = strtok_r(NULL, ", ", &save))
		json_object_array_add(names, json_object_new_string(w));
	json_object_object_add(j, "names", names);
	json_object_object_add(j, "issuer", str_or_null(t->issuer));
	json_object_object_add(j, "not_before", str_or_null(t->not_before));
	json_object_object_add(j, "not_after", str_or_null(t->not_after));
	json_object_object_add(
	    j, "failure",
	    t->failure == TLS_FAIL_NONE
		? NULL
		: json_object_new_string(tls_failure_word(t->failure)));
	json_object_object_add(j, "detail", str_or_null(t->detail));
	return j;
}

static struct json_object *list_json(char *const *list, size_t n)
{
	struct json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(list[i]));
	return a;
}

/* The transcript of a probe row: [{ms, dir, text}, …]. */
static struct json_object *lines_json(const struct transcript *ts)
{
	struct json_object *t = json_object_new_array();
	for (size_t k = 0; ts && k < ts->n; k++) {
		struct json_object *l = json_object_new_object();
		char dir[2] = {ts->lines[k].dir, '\0'};
		json_object_object_add(l, "ms",
				       json_object_new_int64(ts->lines[k].ms));
		json_object_object_add(l, "dir", json_object_new_string(dir));
		json_object_object_add(
		    l, "text", json_object_new_string(ts->lines[k].text));
		json_object_array_add(t, l);
	}
	return t;
}

/* What the session of a probe row found, after its outcome and step. */
static void session_json(struct json_object *j, const struct sess_result *res)
{
	json_object_object_add(
	    j, "elapsed_ms",
	    json_object_new_int64((int64_t)res->step_ms[SESS_STEP_DONE]));
	struct json_object *steps = json_object_new_object();
	for (int s = SESS_STEP_CONNECT; s < SESS_STEP_DONE; s++)
		if (res->step_ms[s])
			json_object_object_add(
			    steps, sess_step_word((enum sess_step)s),
			    json_object_new_int64((int64_t)res->step_ms[s]));
	json_object_object_add(j, "steps_ms", steps);
	json_object_object_add(j, "tls", tls_json(res));
	json_object_object_add(j, "greeting", str_or_null(res->greeting));
	json_object_object_add(j, "capabilities",
			       list_json(res->caps, res->n_caps));
	json_object_object_add(j, "auth_mechanisms",
			       list_json(res->mechs, res->n_mechs));
	if (res->size_limit)
		json_object_object_add(
		    j, "size", json_object_new_int64((int64_t)res->size_limit));
	json_object_object_add(
	    j, "auth", json_object_new_string(sess_auth_word(res->auth)));
	json_object_object_add(
	    j, "reply_code",
	    res->reply_code ? json_object_new_int(res->reply_code) : NULL);
	json_object_object_add(j, "reply", str_or_null(res->reply));
	json_object_object_add(j, "detail", str_or_null(res->detail));
}

static struct json_object *probe_row_json(const struct check *c, size_t i,
					  const struct check_row *r,
					  bool transcript)
{
	const struct sess_result *res = check_result(c, i);
	struct json_object *j = json_object_new_object();
	endpoint_json(j, r);
	if (r->insecure)
		json_object_object_add(j, "insecure",
				       json_object_new_boolean(true));
	json_object_object_add(
	    j, "protocol", json_object_new_string(acct_proto_word(r->proto)));
	json_object_object_add(
	    j, "security", json_object_new_string(probe_security_word(c, i)));
	if (!res)
		return j;
	json_object_object_add(
	    j, "outcome",
	    json_object_new_string(sess_outcome_word(res->outcome)));
	json_object_object_add(
	    j, "step", json_object_new_string(sess_step_word(res->step)));
	session_json(j, res);
	if (transcript)
		json_object_object_add(j, "transcript",
				       lines_json(check_transcript(c, i)));
	return j;
}

struct json_object *check_probe_to_json(const struct check *c, bool transcript)
{
	struct json_object *root = json_object_new_object();
	struct json_object *list = json_object_new_array();
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	for (size_t i = 0; i < n; i++)
		json_object_array_add(
		    list, probe_row_json(c, i, &rows[i], transcript));
	json_object_object_add(root, "results", list);
	if (check_insecure(c))
		json_object_object_add(root, "insecure",
				       json_object_new_boolean(true));
	return root;
}

void check_json_print(FILE *o, struct json_object *j)
{
	fprintf(
	    o, "%s\n",
	    json_object_to_json_string_ext(
		j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
}
