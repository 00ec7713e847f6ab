/* check.c — run a whole check on the loop: one probe per planned endpoint
 * (each expanding into one row per address), the DNS questions of the
 * diagnosis, then diagnose(). Rows are kept flat, in plan order, so a
 * screen can draw them as they change. */
#include "core/check/check.h"

#include "core/check/check_private.h"
#include "core/diag/diagnose.h"
#include "core/base/i18n.h"
#include "core/kb/kb.h"
#include "core/net/loop.h"
#include "core/check/plan.h"
#include "core/proto/probe.h"
#include "core/net/tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static enum check_step step_of(enum sess_step s)
{
	switch (s) {
	case SESS_STEP_RESOLVE:
		return CHECK_STEP_RESOLVING;
	case SESS_STEP_CONNECT:
		return CHECK_STEP_CONNECTING;
	case SESS_STEP_TLS:
		return CHECK_STEP_TLS;
	case SESS_STEP_GREETING:
		return CHECK_STEP_GREETING;
	case SESS_STEP_CAPS:
		return CHECK_STEP_CAPABILITIES;
	case SESS_STEP_AUTH:
	case SESS_STEP_DRYRUN:
		return CHECK_STEP_AUTH;
	case SESS_STEP_QUIT:
	case SESS_STEP_DONE:
	case SESS_STEP__COUNT:
		break;
	}
	return CHECK_STEP_DONE;
}

static enum check_outcome outcome_of(enum sess_outcome o)
{
	switch (o) {
	case SESS_OUT_OK:
		return CHECK_OK;
	case SESS_OUT_TIMEOUT:
		return CHECK_TIMEOUT;
	case SESS_OUT_REFUSED:
		return CHECK_REFUSED;
	case SESS_OUT_UNREACHABLE:
		return CHECK_UNREACHABLE;
	case SESS_OUT_RESET:
		return CHECK_RESET;
	case SESS_OUT_TLS_FAILED:
		return CHECK_TLS_FAILED;
	case SESS_OUT_PROTOCOL_ERROR:
	case SESS_OUT_ERROR:
		return CHECK_PROTOCOL_ERROR;
	case SESS_OUT_AUTH_FAILED:
		return CHECK_AUTH_FAILED;
	case SESS_OUT_REJECTED:
		return CHECK_REJECTED;
	case SESS_OUT_NOT_FOUND:
		return CHECK_NOT_FOUND;
	case SESS_OUT_DNS_FAILED:
		return CHECK_DNS_FAILED;
	case SESS_OUT_CANCELLED:
		return CHECK_CANCELLED;
	}
	return CHECK_PROTOCOL_ERROR;
}

static enum sess_security sess_sec(enum acct_security s)
{
	switch (s) {
	case ACCT_SEC_TLS:
		return SESS_SEC_TLS;
	case ACCT_SEC_PLAIN:
		return SESS_SEC_PLAIN;
	default:
		return SESS_SEC_STARTTLS;
	}
}

const char *check_outcome_word(enum check_outcome o)
{
	static const char *const words[] = {
		[CHECK_OK] = "ok", [CHECK_TIMEOUT] = "timeout",
		[CHECK_REFUSED] = "refused", [CHECK_UNREACHABLE] = "unreachable",
		[CHECK_RESET] = "reset", [CHECK_TLS_FAILED] = "tls-failed",
		[CHECK_PROTOCOL_ERROR] = "protocol-error",
		[CHECK_AUTH_FAILED] = "auth-failed", [CHECK_REJECTED] = "rejected",
		[CHECK_NOT_FOUND] = "not-found", [CHECK_DNS_FAILED] = "dns-failed",
		[CHECK_CANCELLED] = "cancelled"};
	return (size_t)o < sizeof words / sizeof *words ? words[o] : "error";
}

const char *check_step_word(enum check_step s)
{
	static const char *const words[] = {
		[CHECK_STEP_WAITING] = "waiting",
		[CHECK_STEP_RESOLVING] = "resolving",
		[CHECK_STEP_CONNECTING] = "connecting", [CHECK_STEP_TLS] = "tls",
		[CHECK_STEP_GREETING] = "greeting",
		[CHECK_STEP_CAPABILITIES] = "capabilities",
		[CHECK_STEP_AUTH] = "auth", [CHECK_STEP_DONE] = "done"};
	return (size_t)s < sizeof words / sizeof *words ? words[s] : "done";
}

/* ---- rows ----------------------------------------------------------------- */

/* Make room for endpoint e's n rows (it had one placeholder). */
static bool expand(struct check *c, size_t e, size_t n)
{
	struct check_ep *ep = &c->eps[e];
	if (n <= 1 || ep->n_rows != 1)
		return true;
	size_t total = c->n_rows + n - 1;
	struct check_row *rows = realloc(c->rows, total * sizeof *rows);
	if (!rows)
		return false;
	c->rows = rows;
	char(*addr)[46] = realloc(c->addr, total * sizeof *addr);
	if (!addr)
		return false;
	c->addr = addr;
	size_t at = ep->first + 1;
	memmove(&rows[at + n - 1], &rows[at],
		(c->n_rows - at) * sizeof *rows);
	memmove(&addr[at + n - 1], &addr[at],
		(c->n_rows - at) * sizeof *addr);
	for (size_t i = 0; i < n - 1; i++) {
		rows[at + i] = rows[ep->first];
		addr[at + i][0] = '\0';
	}
	c->n_rows = total;
	/* The arrays moved: point every address at its new place. */
	for (size_t i = 0; i < c->n_rows; i++)
		rows[i].address = addr[i][0] ? addr[i] : NULL;
	ep->n_rows = n;
	for (size_t k = e + 1; k < c->n_eps; k++)
		c->eps[k].first += n - 1;
	/* An early verdict's evidence names rows: follow them. */
	for (size_t f = 0; f < c->findings.n; f++)
		for (size_t i = 0; i < c->findings.items[f].n_evidence; i++) {
			struct evidence *ev = &c->findings.items[f].evidence[i];
			if (ev->row >= 0 && (size_t)ev->row >= at)
				ev->row += (int)(n - 1);
		}
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

/* Copy probe row i of endpoint e into the flat row. */
static void sync_row(struct check *c, size_t e, size_t i)
{
	struct check_ep *ep = &c->eps[e];
	const struct probe_row *pr = probe_row(ep->probe, i);
	size_t k = ep->first + i;
	struct check_row *r = &c->rows[k];
	if (!pr)
		return;
	snprintf(c->addr[k], sizeof c->addr[k], "%s", pr->address);
	r->address = c->addr[k][0] ? c->addr[k] : NULL;
	r->family = pr->family;
	r->insecure = c->params.insecure;
	if (pr->done) {
		const struct tls_info *t = &pr->res.tls;
		r->step = CHECK_STEP_DONE;
		r->outcome = outcome_of(pr->res.outcome);
		r->tls_tried = pr->res.tls_tried;
		r->tls_verified = pr->res.tls_tried && t->verified;
		r->tls_failure = pr->res.tls_tried && t->failure != TLS_FAIL_NONE
					 ? tls_failure_word(t->failure)
					 : NULL;
		r->auth = pr->res.auth != SESS_AUTH_NONE
				  ? sess_auth_word(pr->res.auth)
				  : NULL;
		if (pr->res.tls_tried && t->failure != TLS_FAIL_NONE &&
		    (pr->res.outcome == SESS_OUT_TLS_FAILED ||
		     (t->insecure && t->done)))
			r->reason = keep_words(c, t, r->host);
		else if (pr->res.outcome != SESS_OUT_OK)
			r->reason = _(sess_outcome_text(pr->res.outcome));
		else
			r->reason = NULL;
		uint64_t last = 0;
		for (int s = 0; s < SESS_STEP__COUNT; s++)
			if (pr->res.step_ms[s] > last)
				last = pr->res.step_ms[s];
		r->elapsed_ms = last;
	}
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
		if (ev->row < ep->n_rows &&
		    step_of(ev->step) != CHECK_STEP_DONE) {
			c->rows[ep->first + ev->row].step = step_of(ev->step);
			emit(c, CHECK_EV_ROW, ep->first + ev->row);
		}
		break;
	case PROBE_EV_ROW_DONE:
		if (ev->row < ep->n_rows) {
			sync_row(c, e, ev->row);
			emit(c, CHECK_EV_ROW, ep->first + ev->row);
			check_try_verdict(c);
		}
		break;
	case PROBE_EV_DONE:
		ep->done = true;
		for (size_t i = 0; i < ep->n_rows && i < probe_n_rows(ep->probe); i++)
			sync_row(c, e, i);
		c->pending--;
		check_maybe_finish(c);
		break;
	}
}

/* ---- the end: diagnosis ------------------------------------------------------ */

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
			d->row = k;
			d->purpose = pe->purpose;
			d->for_email = pe->for_email;
			d->host = pe->host;
			d->address = r->address;
			d->family = r->family;
			d->port = pe->port;
			d->proto = pe->proto;
			d->security = pe->security;
			d->pending = r->step != CHECK_STEP_DONE;
			d->outcome = d->pending ? CHECK_CANCELLED : r->outcome;
			if (!pr || d->pending)
				continue;
			const struct tls_info *t = &pr->res.tls;
			bool cert_bad = pr->res.tls_tried &&
					t->failure != TLS_FAIL_NONE;
			/* --insecure went on past a certificate the mail
			 * program will refuse: diagnose it as refused. */
			if (cert_bad && t->insecure && t->done)
				d->outcome = CHECK_TLS_FAILED;
			if (cert_bad && d->outcome == CHECK_TLS_FAILED) {
				d->tls_problem = tls_failure_word(t->failure);
				d->tls_words = r->reason;
			}
			d->auth = pr->res.auth != SESS_AUTH_NONE
					  ? sess_auth_word(pr->res.auth)
					  : NULL;
			d->starttls_offered = pr->res.starttls_offered;
			d->auth_offered = pr->res.n_mechs > 0;
			d->auth_mechs = join_mechs(&pr->res);
			if (pr->res.n_mechs && !d->auth_mechs)
				c->nomem = true;
			d->reply = pr->res.reply[0] ? pr->res.reply : NULL;
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
	struct diag_found found[CHECK_MAX_DISC];
	size_t n_found = 0;
	for (size_t i = 0; i < c->n_disc; i++)
		if (c->disc[i].found)
			found[n_found++] = (struct diag_found){
				.email = c->disc[i].email,
				.settings = c->disc[i].found};
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
		.dns = c->params.offline ? NULL : &c->dns_facts,
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
	judge(c, &c->findings, NULL);
	c->verdict |= !stopped;
	c->finished = true;
	emit(c, CHECK_EV_DONE, 0);
}

void check_try_verdict(struct check *c)
{
	if (c->verdict || c->finished || c->starting || c->params.wait_all ||
	    c->pending == 0 || c->dns_pending || c->disc_pending)
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

void check_maybe_finish(struct check *c)
{
	if (!c->finished && !c->starting && c->pending == 0 &&
	    c->dns_pending == 0 && c->disc_pending == 0)
		finish(c, false);
	else
		check_try_verdict(c);
}

static void offline_done(struct loop *loop, void *ud)
{
	(void)loop;
	struct check *c = ud;
	c->timer = 0;
	finish(c, false);
}

/* ---- life cycle ---------------------------------------------------------------- */

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
	if (nomem || (p->resolver && !c->resolver) ||
	    (p->ca_file && !c->ca_file)) {
		check_free(c);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
		return NULL;
	}
	return c;
}

/* The probe of endpoint e (its row is there already). */
static enum md_status start_probe(struct check *c, size_t e,
				  struct md_err *err)
{
	const struct plan_endpoint *pe = &c->plan.items[e];
	unsigned timeout = c->params.timeout_ms ? c->params.timeout_ms : 10000;
	struct probe_params pp = {
		.host = pe->host, .port = pe->port, .proto = pe->proto,
		.security = sess_sec(pe->security),
		.family = PROBE_FAMILY_ANY, .dns = c->dns, .tls = c->tls,
		.timeout_ms = timeout, .keep_transcript = true,
		.auth_insecure = c->params.auth_plaintext};
	/* The person's own login on the configured outgoing server, and a
	 * dry run as the identity (no message is sent). */
	if (c->params.password && pe->purpose == DIAG_CONFIGURED &&
	    pe->proto == ACCT_PROTO_SMTP && pe->user && pe->for_email) {
		pp.user = pe->user;
		pp.password = c->params.password;
		pp.password_ud = c->params.password_ud;
		pp.mail_from = pe->for_email;
		pp.rcpt_to = pe->for_email;
	}
	c->pending++;
	c->eps[e].probe = probe_start(c->loop, &pp, on_probe, &c->eps[e], err);
	if (!c->eps[e].probe) {
		c->pending--;
		return err ? err->code : MD_ERR_INTERNAL;
	}
	return MD_OK;
}

/* One placeholder row per endpoint, then a probe each. */
static enum md_status start_probes(struct check *c, struct md_err *err)
{
	c->cap_eps = c->plan.n + CHECK_MAX_EXTRA;
	c->eps = calloc(c->cap_eps, sizeof *c->eps);
	c->rows = calloc(c->plan.n + 1, sizeof *c->rows);
	c->addr = calloc(c->plan.n + 1, sizeof *c->addr);
	if (!c->eps || !c->rows || !c->addr)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	c->n_eps = c->n_rows = c->plan.n;
	for (size_t e = 0; e < c->plan.n; e++) {
		const struct plan_endpoint *pe = &c->plan.items[e];
		c->eps[e] = (struct check_ep){.check = c, .first = e, .n_rows = 1};
		c->rows[e] = (struct check_row){
			.host = pe->host, .port = pe->port, .proto = pe->proto,
			.security = pe->security,
			.purpose = purpose_text(pe->purpose, pe->proto),
			.step = CHECK_STEP_WAITING,
			.insecure = c->params.insecure};
	}
	emit(c, CHECK_EV_ROWS, 0);
	for (size_t e = 0; e < c->plan.n; e++) {
		enum md_status st = start_probe(c, e, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

bool check_add_endpoint(struct check *c, const char *host, int port,
			enum acct_security sec, const char *email)
{
	if (c->finished || c->n_eps >= c->cap_eps)
		return false;
	for (size_t e = 0; e < c->plan.n; e++) {
		const struct plan_endpoint *pe = &c->plan.items[e];
		if (pe->port == port && pe->proto == ACCT_PROTO_SMTP &&
		    pe->security == sec && strcasecmp(pe->host, host) == 0)
			return true; /* probed already */
	}
	struct plan_endpoint *items = realloc(
		c->plan.items, (c->plan.n + 1) * sizeof *items);
	if (!items)
		return false;
	c->plan.items = items;
	struct check_row *rows = realloc(c->rows, (c->n_rows + 1) * sizeof *rows);
	if (rows)
		c->rows = rows;
	char(*addr)[46] = rows ? realloc(c->addr, (c->n_rows + 1) * sizeof *addr)
			       : NULL;
	if (!addr)
		return false;
	c->addr = addr;
	for (size_t i = 0; i < c->n_rows; i++)
		c->rows[i].address = addr[i][0] ? addr[i] : NULL;
	size_t e = c->plan.n;
	items[e] = (struct plan_endpoint){
		.host = acct_strdup(host), .port = port, .proto = ACCT_PROTO_SMTP,
		.security = sec, .purpose = DIAG_CANDIDATE,
		.for_email = acct_strdup(email)};
	if (!items[e].host) {
		free(items[e].for_email);
		return false;
	}
	c->plan.n++;
	c->eps[e] = (struct check_ep){.check = c, .first = c->n_rows,
				      .n_rows = 1};
	c->n_eps++;
	addr[c->n_rows][0] = '\0';
	c->rows[c->n_rows++] = (struct check_row){
		.host = items[e].host, .port = port, .proto = ACCT_PROTO_SMTP,
		.security = sec,
		.purpose = purpose_text(DIAG_CANDIDATE, ACCT_PROTO_SMTP),
		.step = CHECK_STEP_WAITING, .insecure = c->params.insecure};
	emit(c, CHECK_EV_ROWS, 0);
	struct md_err err;
	return start_probe(c, e, &err) == MD_OK;
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
	enum md_status st = plan_make(c->params.accounts, c->params.identities,
				      c->params.n_identities, c->params.kb, &c->plan, err);
	if (st != MD_OK)
		return st;
	c->dns = dns_new(loop, c->params.resolver, c->params.timeout_ms, err);
	if (!c->dns)
		return err ? err->code : MD_ERR_NET;
	c->tls = c->params.insecure
			 ? tls_ctx_new_insecure(c->params.ca_file, err)
			 : tls_ctx_new(c->params.ca_file, err);
	if (!c->tls)
		return err ? err->code : MD_ERR_TLS;
	c->starting = true;
	st = start_probes(c, err);
	if (st == MD_OK)
		st = check_dns_start(c, err);
	if (st == MD_OK)
		st = check_discover_start(c, err);
	c->starting = false;
	if (st == MD_OK && c->pending == 0 && c->dns_pending == 0 &&
	    c->disc_pending == 0)
		c->timer = loop_timer(loop, 0, offline_done, c);
	return st;
}

void check_cancel(struct check *c)
{
	if (c->finished)
		return;
	for (size_t e = 0; e < c->n_eps; e++)
		if (c->eps[e].probe && !c->eps[e].done) {
			probe_cancel(c->eps[e].probe);
			c->eps[e].done = true;
			c->pending--;
			for (size_t i = 0; i < c->eps[e].n_rows; i++) {
				struct check_row *r = &c->rows[c->eps[e].first + i];
				if (r->step != CHECK_STEP_DONE) {
					r->step = CHECK_STEP_DONE;
					r->outcome = CHECK_CANCELLED;
					r->reason = _("cancelled");
				}
			}
		}
	check_dns_cancel(c);
	check_discover_free(c);
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
	return c->dns_facts.egress[family == 6 ? 1 : 0];
}

const struct transcript *check_transcript(const struct check *c, size_t i)
{
	for (size_t e = 0; e < c->n_eps; e++) {
		const struct check_ep *ep = &c->eps[e];
		if (i >= ep->first && i < ep->first + ep->n_rows && ep->probe &&
		    i - ep->first < probe_n_rows(ep->probe))
			return &probe_row(ep->probe, i - ep->first)->ts;
	}
	return NULL;
}

bool check_insecure(const struct check *c)
{
	return c->params.insecure;
}

void check_free(struct check *c)
{
	if (!c)
		return;
	for (size_t e = 0; e < c->n_eps; e++)
		probe_free(c->eps[e].probe);
	check_discover_free(c);
	for (size_t i = 0; i < c->n_disc; i++) {
		kb_settings_free(c->disc[i].found);
		free(c->disc[i].email);
	}
	check_dns_cancel(c);
	check_dns_done(c);
	if (c->timer && c->loop)
		loop_timer_cancel(c->loop, c->timer);
	dns_free(c->dns_google);
	dns_free(c->dns);
	tls_ctx_free(c->tls);
	finding_list_done(&c->findings);
	for (size_t i = 0; i < c->n_words; i++)
		free(c->words[i]);
	plan_done(&c->plan);
	free(c->eps);
	free(c->rows);
	free(c->addr);
	for (size_t i = 0; c->identities && i < c->params.n_identities; i++)
		free(c->identities[i]);
	free(c->identities);
	free(c->resolver);
	free(c->ca_file);
	free(c);
}
