/* check.c — run a whole check on the loop: one probe per planned endpoint
 * (each expanding into one row per address), the DNS questions of the
 * diagnosis (facts.h) and settings discovery (discovery.h) as jobs of
 * their own, then diagnose(). Rows are kept flat, in plan order, so a
 * screen can draw them as they change. The rows carry the probes' own
 * outcome and step values (core/base/outcome.h). */
#include "core/check/check.h"

#include "core/base/i18n.h"
#include "core/base/limits.h"
#include "core/base/paths.h"
#include "core/check/discovery.h"
#include "core/check/facts.h"
#include "core/check/plan.h"
#include "core/diag/diagnose.h"
#include "core/kb/kb.h"
#include "core/net/dns.h"
#include "core/net/loop.h"
#include "core/net/tls.h"
#include "core/proto/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

_Static_assert((int)SESS_OUT_CANCELLED == (int)MD_OUT_CANCELLED &&
		   (int)SESS_STEP_DONE == (int)MD_STEP_DONE,
	       "session.h builds its lists from core/base/outcome.h");

#define CHECK_MAX_EXTRA 64 /* endpoints discovery may add to the plan */
#define CHECK_MAX_WORDS 32 /* distinct TLS sentences of one check */

/* One planned endpoint (plan.items[e]) and its probe; its rows are
 * rows[first..+n_rows), their addresses in addr (owned, never moves). */
struct check_ep {
	struct check *check;
	struct probe *probe;
	size_t first, n_rows;
	char (*addr)[46];
	bool done;
};

struct check {
	struct check_params params;
	char **identities;	  /* owned copies of params.identities */
	char *resolver, *ca_file; /* owned copies */
	struct md_limits limits;  /* every wait, from params.timeout_ms */
	struct loop *loop;
	check_event_fn *fn;
	void *ud;
	struct plan plan;
	struct facts_names names; /* assets/netfacts.conf */
	struct dns *dns;
	struct tls_ctx *tls;
	struct check_ep *eps; /* room for plan.n + CHECK_MAX_EXTRA: never
				 moves (probes hold pointers into it) */
	size_t n_eps, cap_eps;
	struct check_row *rows; /* the public rows */
	size_t n_rows;
	size_t pending;		/* probes not finished */
	struct facts *facts;	/* the DNS questions, NULL offline */
	struct discovery *disc; /* settings discovery, NULL offline */
	struct finding_list findings;
	char *words[CHECK_MAX_WORDS]; /* TLS sentences the rows point to
					 (owned, never move) */
	size_t n_words;
	uint64_t timer;
	bool starting; /* inside check_start: do not finish yet */
	bool verdict;  /* findings final (maybe before the rows) */
	bool finished, nomem;
};

static void maybe_finish(struct check *c);
static void try_verdict(struct check *c);

static const char *purpose_text(enum diag_purpose p, enum acct_proto proto)
{
	switch (p) {
	case DIAG_CONFIGURED:
		return proto == ACCT_PROTO_SMTP ? _("your outgoing server")
						: _("your incoming server");
	case DIAG_ALTERNATIVE:
		return _("the same server, another way to connect");
	case DIAG_ALT_HOST:
		return _("another server of the provider");
	case DIAG_CANDIDATE:
		return _("a possible replacement");
	case DIAG_PORT25_TEST:
		return _("port 25 test");
	}
	return "";
}

/* The plan holds STARTTLS_TRY only for a named endpoint (plan_add()
 * makes it STARTTLS): STARTTLS when offered. */
static enum sess_security sess_sec(enum acct_security s)
{
	switch (s) {
	case ACCT_SEC_TLS:
		return SESS_SEC_TLS;
	case ACCT_SEC_PLAIN:
		return SESS_SEC_PLAIN;
	case ACCT_SEC_STARTTLS_TRY:
		return SESS_SEC_AUTO;
	default:
		return SESS_SEC_STARTTLS;
	}
}

/* ---- rows -----------------------------------------------------------------
 */

/* Move the rows from at on by shift (room made or taken by expand()):
 * the endpoints after e and an early verdict's evidence follow them. */
static void shift_rows(struct check *c, size_t e, size_t at, size_t shift)
{
	for (size_t k = e + 1; k < c->n_eps; k++)
		c->eps[k].first += shift;
	for (size_t f = 0; f < c->findings.n; f++)
		for (size_t i = 0; i < c->findings.items[f].n_evidence; i++) {
			struct evidence *ev = &c->findings.items[f].evidence[i];
			if (ev->row >= 0 && (size_t)ev->row >= at)
				ev->row += (int)shift;
		}
}

/* Make room for endpoint e's n rows (it had one placeholder) and their
 * addresses. */
static bool expand(struct check *c, size_t e, size_t n)
{
	struct check_ep *ep = &c->eps[e];
	if (!ep->addr) {
		ep->addr = calloc(n, sizeof *ep->addr);
		if (!ep->addr)
			return false;
	}
	if (n <= 1 || ep->n_rows != 1)
		return true;
	size_t total = c->n_rows + n - 1;
	struct check_row *rows = realloc(c->rows, total * sizeof *rows);
	if (!rows)
		return false;
	c->rows = rows;
	size_t at = ep->first + 1;
	memmove(&rows[at + n - 1], &rows[at], (c->n_rows - at) * sizeof *rows);
	for (size_t i = 0; i < n - 1; i++)
		rows[at + i] = rows[ep->first];
	c->n_rows = total;
	ep->n_rows = n;
	shift_rows(c, e, at, n - 1);
	return true;
}

static void emit(struct check *c, enum check_event_kind kind, size_t row)
{
	struct check_event ev = {.kind = kind, .row = row};
	if (c->fn)
		c->fn(c, &ev, c->ud);
}

/* The check's own copy of a TLS sentence (rows point to it); the
 * generic sentence when there is no room. */
static const char *keep_words(struct check *c, const struct tls_info *t,
			      const char *host)
{
	char buf[320];
	tls_explain(t, host, buf, sizeof buf);
	for (size_t i = 0; i < c->n_words; i++)
		if (strcmp(c->words[i], buf) == 0)
			return c->words[i];
	char *w = c->n_words < CHECK_MAX_WORDS ? acct_strdup(buf) : NULL;
	if (!w)
		return _(tls_failure_text(t->failure));
	c->words[c->n_words++] = w;
	return w;
}

/* The words of a finished probe row: TLS, login, reason, time. */
static void sync_result(struct check *c, struct check_row *r,
			const struct sess_result *res)
{
	const struct tls_info *t = &res->tls;
	r->step = MD_STEP_DONE;
	r->outcome = (enum md_outcome)res->outcome;
	r->tls_tried = res->tls_tried;
	r->tls_verified = res->tls_tried && t->verified;
	r->tls_failure = res->tls_tried && t->failure != TLS_FAIL_NONE
			     ? tls_failure_word(t->failure)
			     : NULL;
	r->auth =
	    res->auth != SESS_AUTH_NONE ? sess_auth_word(res->auth) : NULL;
	if (res->tls_tried && t->failure != TLS_FAIL_NONE &&
	    (res->outcome == SESS_OUT_TLS_FAILED || (t->insecure && t->done)))
		r->reason = keep_words(c, t, r->host);
	else if (res->outcome != SESS_OUT_OK)
		r->reason = _(sess_outcome_text(res->outcome));
	else
		r->reason = NULL;
	uint64_t last = 0;
	for (int s = 0; s < SESS_STEP__COUNT; s++)
		if (res->step_ms[s] > last)
			last = res->step_ms[s];
	r->elapsed_ms = last;
}

/* Copy probe row i of endpoint e into the flat row. */
static void sync_row(struct check *c, size_t e, size_t i)
{
	struct check_ep *ep = &c->eps[e];
	const struct probe_row *pr = probe_row(ep->probe, i);
	struct check_row *r = &c->rows[ep->first + i];
	if (!pr || !ep->addr)
		return;
	snprintf(ep->addr[i], sizeof ep->addr[i], "%s", pr->address);
	r->address = ep->addr[i][0] ? ep->addr[i] : NULL;
	r->family = pr->family;
	r->insecure = c->params.insecure;
	if (pr->done)
		sync_result(c, r, &pr->res);
}

static void on_probe(struct probe *pr, const struct probe_event *ev, void *ud)
{
	struct check_ep *ep = ud;
	struct check *c = ep->check;
	size_t e = (size_t)(ep - c->eps);
	(void)pr;
	switch (ev->kind) {
	case PROBE_EV_ROWS: {
		size_t n = probe_n_rows(ep->probe);
		if (!expand(c, e, n ? n : 1)) {
			c->nomem = true;
			probe_cancel(ep->probe);
			break;
		}
		for (size_t i = 0; i < n; i++)
			sync_row(c, e, i);
		emit(c, CHECK_EV_ROWS, 0);
		break;
	}
	case PROBE_EV_STEP:
		/* QUIT is no outcome yet: the row is final at ROW_DONE, with
		 * its outcome and reason (a plain screen prints it once). */
		if (ev->row < ep->n_rows && ev->step != SESS_STEP_QUIT &&
		    ev->step != SESS_STEP_DONE) {
			c->rows[ep->first + ev->row].step =
			    (enum md_step)ev->step;
			emit(c, CHECK_EV_ROW, ep->first + ev->row);
		}
		break;
	case PROBE_EV_ROW_DONE:
		if (ev->row < ep->n_rows) {
			sync_row(c, e, ev->row);
			emit(c, CHECK_EV_ROW, ep->first + ev->row);
			try_verdict(c);
		}
		break;
	case PROBE_EV_DONE:
		ep->done = true;
		for (size_t i = 0;
		     i < ep->n_rows && i < probe_n_rows(ep->probe); i++)
			sync_row(c, e, i);
		c->pending--;
		maybe_finish(c);
		break;
	}
}

/* ---- the end: diagnosis
 * ------------------------------------------------------ */

/* The AUTH mechanisms offered, space-separated (heap), or NULL. */
static char *join_mechs(const struct sess_result *r)
{
	size_t len = 1;
	for (size_t i = 0; i < r->n_mechs; i++)
		len += strlen(r->mechs[i]) + 1;
	char *s = r->n_mechs ? malloc(len) : NULL;
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < r->n_mechs; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, r->mechs[i]);
	}
	return s;
}

/* The results of probe row pr in the diagnosis' view d of row r. */
static void diag_result(struct check *c, struct diag_probe *d,
			const struct check_row *r, const struct probe_row *pr)
{
	const struct tls_info *t = &pr->res.tls;
	bool cert_bad = pr->res.tls_tried && t->failure != TLS_FAIL_NONE;
	/* --insecure went on past a certificate the mail program will
	 * refuse: diagnose it as refused. */
	if (cert_bad && t->insecure && t->done)
		d->outcome = MD_OUT_TLS_FAILED;
	if (cert_bad && d->outcome == MD_OUT_TLS_FAILED) {
		d->tls_problem = tls_failure_word(t->failure);
		d->tls_words = r->reason;
	}
	if (pr->res.tls_tried && t->issuer[0])
		d->tls_issuer = t->issuer;
	d->auth = pr->res.auth != SESS_AUTH_NONE ? sess_auth_word(pr->res.auth)
						 : NULL;
	d->starttls_offered = pr->res.starttls_offered;
	d->auth_offered = pr->res.n_mechs > 0;
	d->auth_mechs = join_mechs(&pr->res);
	if (pr->res.n_mechs && !d->auth_mechs)
		c->nomem = true;
	d->reply = pr->res.reply[0] ? pr->res.reply : NULL;
}

/* The diagnosis' view of the rows (free with free_probes()). */
static struct diag_probe *diag_probes(struct check *c)
{
	struct diag_probe *v = calloc(c->n_rows + 1, sizeof *v);
	if (!v) {
		c->nomem = true; /* judged without the probes: incomplete */
		return NULL;
	}
	for (size_t e = 0; e < c->n_eps; e++) {
		const struct check_ep *ep = &c->eps[e];
		const struct plan_endpoint *pe = &c->plan.items[e];
		for (size_t i = 0; i < ep->n_rows; i++) {
			size_t k = ep->first + i;
			const struct check_row *r = &c->rows[k];
			struct diag_probe *d = &v[k];
			const struct probe_row *pr =
			    ep->probe && i < probe_n_rows(ep->probe)
				? probe_row(ep->probe, i)
				: NULL;
			*d = (struct diag_probe){.row = k,
						 .purpose = pe->purpose,
						 .for_email = pe->for_email,
						 .host = pe->host,
						 .address = r->address,
						 .family = r->family,
						 .port = pe->port,
						 .proto = pe->proto,
						 .security = pe->security,
						 .pending =
						     r->step != MD_STEP_DONE};
			d->outcome = d->pending ? MD_OUT_CANCELLED : r->outcome;
			if (pr && !d->pending)
				diag_result(c, d, r, pr);
		}
	}
	return v;
}

static void free_probes(struct diag_probe *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free((char *)v[i].auth_mechs);
	free(v);
}

/* Diagnose what is known now into out. *waits (may be NULL when nothing is
 * pending) tells whether a rule needed a probe still running. */
static void judge(struct check *c, struct finding_list *out, bool *waits)
{
	struct diag_probe *probes = c->params.offline ? NULL : diag_probes(c);
	struct diag_found found[DISCOVERY_MAX];
	size_t n_found = discovery_found(c->disc, found, DISCOVERY_MAX);
	struct diag_input in = {
	    .found = found,
	    .n_found = n_found,
	    .accounts = c->params.accounts,
	    .identities = c->params.identities,
	    .n_identities = c->params.n_identities,
	    .kb = c->params.kb,
	    .offline = c->params.offline,
	    .insecure = c->params.insecure,
	    .probes = probes,
	    .n_probes = probes ? c->n_rows : 0,
	    .dns = c->facts ? facts_dns(c->facts) : NULL,
	    .waits = waits,
	};
	struct md_err err;
	if (diagnose(&in, out, &err) != MD_OK)
		c->nomem = true;
	free_probes(probes, c->n_rows);
}

/* The last findings (equal to an early verdict's, with exact evidence
 * rows). A check stopped before its verdict has findings but no verdict:
 * they were judged without the rows it stopped. */
static void finish(struct check *c, bool stopped)
{
	finding_list_done(&c->findings);
	if (!c->params.targets)
		judge(c, &c->findings, NULL);
	c->verdict |= !stopped;
	c->finished = true;
	emit(c, CHECK_EV_DONE, 0);
}

/* Whether the DNS questions or discovery are still going. */
static bool jobs_busy(const struct check *c)
{
	return facts_pending(c->facts) || discovery_pending(c->disc);
}

/* Give the verdict now if the findings no longer depend on the probes
 * still running (DNS questions and discovery must be over): the findings
 * are kept and CHECK_EV_VERDICT is sent. */
static void try_verdict(struct check *c)
{
	if (c->verdict || c->finished || c->starting || c->params.wait_all ||
	    c->params.targets || c->pending == 0 || jobs_busy(c))
		return;
	struct finding_list early;
	bool waits = false;
	judge(c, &early, &waits);
	if (waits || c->nomem) {
		finding_list_done(&early);
		return;
	}
	c->findings = early;
	c->verdict = true;
	emit(c, CHECK_EV_VERDICT, 0);
}

/* Finish when nothing is pending any more, else try an early verdict. */
static void maybe_finish(struct check *c)
{
	if (!c->finished && !c->starting && c->pending == 0 && !jobs_busy(c))
		finish(c, false);
	else
		try_verdict(c);
}

/* A job (facts, discovery) moved on. */
static void on_job(void *ud)
{
	maybe_finish(ud);
}

static void offline_done(struct loop *loop, void *ud)
{
	(void)loop;
	struct check *c = ud;
	c->timer = 0;
	finish(c, false);
}

/* ---- life cycle
 * ---------------------------------------------------------------- */

struct check *check_new(const struct check_params *p, struct md_err *err)
{
	struct check *c = calloc(1, sizeof *c);
	if (!c) {
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
		return NULL;
	}
	c->params = *p;
	bool nomem = false;
	if (p->n_identities) {
		c->identities = calloc(p->n_identities, sizeof *c->identities);
		nomem = !c->identities;
		for (size_t i = 0; !nomem && i < p->n_identities; i++) {
			c->identities[i] = acct_strdup(p->identities[i]);
			nomem = p->identities[i] && !c->identities[i];
		}
	}
	c->resolver = acct_strdup(p->resolver);
	c->ca_file = acct_strdup(p->ca_file);
	c->params.identities = (const char *const *)c->identities;
	c->params.resolver = c->resolver;
	c->params.ca_file = c->ca_file;
	c->limits = md_limits_of(p->timeout_ms);
	if (nomem || (p->resolver && !c->resolver) ||
	    (p->ca_file && !c->ca_file)) {
		check_free(c);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
		return NULL;
	}
	return c;
}

/* The probe of endpoint e (its row is there already). */
static enum md_status start_probe(struct check *c, size_t e, struct md_err *err)
{
	const struct plan_endpoint *pe = &c->plan.items[e];
	const struct check_params *cp = &c->params;
	struct probe_params pp = {.host = pe->host,
				  .port = pe->port,
				  .proto = pe->proto,
				  .security = sess_sec(pe->security),
				  .family = cp->family == 4 ? PROBE_FAMILY_V4
					    : cp->family == 6
						? PROBE_FAMILY_V6
						: PROBE_FAMILY_ANY,
				  .dns = c->dns,
				  .tls = c->tls,
				  .timeout_ms = c->limits.reply_ms,
				  .deadline_ms = c->limits.row_ms,
				  .keep_transcript = true,
				  .auth_insecure = c->params.auth_plaintext};
	/* The person's own login on the configured outgoing server, and a
	 * dry run as the identity (no message is sent). */
	if (cp->password && pe->purpose == DIAG_CONFIGURED &&
	    pe->proto == ACCT_PROTO_SMTP && pe->user && pe->for_email) {
		pp.user = pe->user;
		pp.mail_from = pp.rcpt_to = pe->for_email;
	}
	/* A named endpoint: the login (and dry run) the person asked. */
	if (cp->targets) {
		bool smtp = pe->proto == ACCT_PROTO_SMTP;
		pp.user = cp->user;
		pp.mail_from = smtp ? cp->mail_from : NULL;
		pp.rcpt_to = smtp ? cp->rcpt_to : NULL;
	}
	if (pp.user) {
		pp.password = cp->password;
		pp.password_ud = cp->password_ud;
	}
	c->pending++;
	c->eps[e].probe = probe_start(c->loop, &pp, on_probe, &c->eps[e], err);
	if (!c->eps[e].probe) {
		c->pending--;
		return err ? err->code : MD_ERR_INTERNAL;
	}
	return MD_OK;
}

/* Endpoint e (plan.items[e]) gets its placeholder row k. */
static void place(struct check *c, size_t e, size_t k)
{
	const struct plan_endpoint *pe = &c->plan.items[e];
	c->eps[e] = (struct check_ep){.check = c, .first = k, .n_rows = 1};
	c->rows[k] =
	    (struct check_row){.host = pe->host,
			       .port = pe->port,
			       .proto = pe->proto,
			       .security = pe->security,
			       .purpose = purpose_text(pe->purpose, pe->proto),
			       .step = MD_STEP_WAITING,
			       .insecure = c->params.insecure};
}

/* One placeholder row per endpoint, then a probe each. */
static enum md_status start_probes(struct check *c, struct md_err *err)
{
	c->cap_eps = c->plan.n + CHECK_MAX_EXTRA;
	c->eps = calloc(c->cap_eps, sizeof *c->eps);
	c->rows = calloc(c->plan.n + 1, sizeof *c->rows);
	if (!c->eps || !c->rows)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	c->n_eps = c->n_rows = c->plan.n;
	for (size_t e = 0; e < c->plan.n; e++)
		place(c, e, e);
	emit(c, CHECK_EV_ROWS, 0);
	for (size_t e = 0; e < c->plan.n; e++) {
		enum md_status st = start_probe(c, e, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

/* An outgoing server discovery found: into the plan through the same
 * plan_add() as every other endpoint, then a row and a probe. */
static void add_found(void *ud, const char *host, int port,
		      enum acct_security sec, const char *email)
{
	struct check *c = ud;
	if (c->finished || c->n_eps >= c->cap_eps || c->plan.n != c->n_eps)
		return;
	struct check_row *rows =
	    realloc(c->rows, (c->n_rows + 1) * sizeof *rows);
	bool added = false;
	if (!rows || !plan_add(&c->plan, host, port, ACCT_PROTO_SMTP, sec,
			       DIAG_CANDIDATE, email, &added)) {
		c->rows = rows ? rows : c->rows;
		c->nomem = true;
		return;
	}
	c->rows = rows;
	if (!added)
		return; /* probed already */
	size_t e = c->n_eps++;
	place(c, e, c->n_rows++);
	emit(c, CHECK_EV_ROWS, 0);
	struct md_err err;
	start_probe(c, e, &err);
}

/* The DNS questions and settings discovery, as jobs of their own. */
static enum md_status start_jobs(struct check *c, struct md_err *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/netfacts.conf", paths_assets());
	enum md_status st = facts_names_load(path, &c->names, err);
	if (st != MD_OK)
		return st;
	struct facts_params fp = {.loop = c->loop,
				  .dns = c->dns,
				  .dns_ms = c->limits.dns_ms,
				  .names = &c->names,
				  .domains = c->plan.domains,
				  .n_domains = c->plan.n_domains,
				  .on_answer = on_job,
				  .ud = c};
	c->facts = facts_new(&fp);
	if (!c->facts)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	st = facts_start(c->facts, err);
	if (st != MD_OK)
		return st;
	struct discovery_params dp = {.loop = c->loop,
				      .accounts = c->params.accounts,
				      .identities = c->params.identities,
				      .n_identities = c->params.n_identities,
				      .kb = c->params.kb,
				      .dns = c->dns,
				      .ca_file = c->params.ca_file,
				      .http_ms = c->limits.discovery_ms,
				      .urls = c->params.discover_urls,
				      .on_endpoint = add_found,
				      .on_done = on_job,
				      .ud = c};
	c->disc = discovery_start(&dp, err);
	return c->disc ? MD_OK : err ? err->code : MD_ERR_NOMEM;
}

/* The plan of a check of named endpoints: each target as named. */
static enum md_status plan_named(struct check *c, struct md_err *err)
{
	const struct check_target *t = c->params.targets;
	for (size_t i = 0; i < c->params.n_targets; i++)
		if (!plan_add_named(&c->plan, t[i].host, t[i].port, t[i].proto,
				    t[i].security))
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	return MD_OK;
}

enum md_status check_start(struct check *c, struct loop *loop,
			   check_event_fn *fn, void *ud, struct md_err *err)
{
	c->loop = loop;
	c->fn = fn;
	c->ud = ud;
	if (c->params.offline) {
		c->timer = loop_timer(loop, 0, offline_done, c);
		return c->timer ? MD_OK
				: md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	enum md_status st =
	    c->params.targets
		? plan_named(c, err)
		: plan_make(c->params.accounts, c->params.identities,
			    c->params.n_identities, c->params.kb, &c->plan,
			    err);
	if (st != MD_OK)
		return st;
	c->dns = dns_new(loop, c->params.resolver, c->limits.dns_ms, err);
	if (!c->dns)
		return err ? err->code : MD_ERR_NET;
	c->tls = c->params.insecure
		     ? tls_ctx_new_insecure(c->params.ca_file, err)
		     : tls_ctx_new(c->params.ca_file, err);
	if (!c->tls)
		return err ? err->code : MD_ERR_TLS;
	c->starting = true;
	st = start_probes(c, err);
	if (st == MD_OK && !c->params.targets)
		st = start_jobs(c, err);
	c->starting = false;
	if (st == MD_OK && c->pending == 0 && !jobs_busy(c))
		c->timer = loop_timer(loop, 0, offline_done, c);
	return st;
}

/* Stop endpoint e's probe; its rows not final become cancelled. */
static void cancel_ep(struct check *c, struct check_ep *ep)
{
	probe_cancel(ep->probe);
	ep->done = true;
	c->pending--;
	for (size_t i = 0; i < ep->n_rows; i++) {
		struct check_row *r = &c->rows[ep->first + i];
		if (r->step != MD_STEP_DONE) {
			r->step = MD_STEP_DONE;
			r->outcome = MD_OUT_CANCELLED;
			r->reason = _("cancelled");
		}
	}
}

void check_cancel(struct check *c)
{
	if (c->finished)
		return;
	for (size_t e = 0; e < c->n_eps; e++)
		if (c->eps[e].probe && !c->eps[e].done)
			cancel_ep(c, &c->eps[e]);
	facts_cancel(c->facts);
	discovery_stop(c->disc);
	if (c->timer) {
		loop_timer_cancel(c->loop, c->timer);
		c->timer = 0;
	}
	finish(c, true);
}

const struct check_row *check_rows(const struct check *c, size_t *n)
{
	*n = c->n_rows;
	return c->rows;
}

const struct finding_list *check_findings(const struct check *c)
{
	return &c->findings;
}

bool check_verdict(const struct check *c)
{
	return c->verdict;
}

bool check_incomplete(const struct check *c)
{
	return c->nomem;
}

const char *check_egress(const struct check *c, int family)
{
	return c->facts ? facts_dns(c->facts)->egress[family == 6 ? 1 : 0]
			: NULL;
}

/* The probe row behind row i, or NULL. */
static const struct probe_row *row_at(const struct check *c, size_t i)
{
	for (size_t e = 0; e < c->n_eps; e++) {
		const struct check_ep *ep = &c->eps[e];
		if (i >= ep->first && i < ep->first + ep->n_rows && ep->probe &&
		    i - ep->first < probe_n_rows(ep->probe))
			return probe_row(ep->probe, i - ep->first);
	}
	return NULL;
}

const struct transcript *check_transcript(const struct check *c, size_t i)
{
	const struct probe_row *r = row_at(c, i);
	return r ? &r->ts : NULL;
}

const struct sess_result *check_result(const struct check *c, size_t i)
{
	const struct probe_row *r = row_at(c, i);
	return r ? &r->res : NULL;
}

bool check_insecure(const struct check *c)
{
	return c->params.insecure;
}

void check_free(struct check *c)
{
	if (!c)
		return;
	for (size_t e = 0; e < c->n_eps; e++) {
		probe_free(c->eps[e].probe);
		free(c->eps[e].addr);
	}
	discovery_free(c->disc);
	facts_free(c->facts);
	facts_names_done(&c->names);
	if (c->timer && c->loop)
		loop_timer_cancel(c->loop, c->timer);
	dns_free(c->dns);
	tls_ctx_free(c->tls);
	finding_list_done(&c->findings);
	for (size_t i = 0; i < c->n_words; i++)
		free(c->words[i]);
	plan_done(&c->plan);
	free(c->eps);
	free(c->rows);
	for (size_t i = 0; c->identities && i < c->params.n_identities; i++)
		free(c->identities[i]);
	free(c->identities);
	free(c->resolver);
	free(c->ca_file);
	free(c);
}
