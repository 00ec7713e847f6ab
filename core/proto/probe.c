/* probe.c — a probe: resolve the host, connect to each address on its own
 * deadline, then run the protocol's dialogue; report each step. */
#include "core/proto/probe.h"
#include "core/base/i18n.h"
#include "core/base/ports.h"
#include "core/proto/imap.h"
#include "core/proto/pop3.h"
#include "core/proto/smtp.h"
#include "core/net/sock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row_state {
	struct probe *pr;
	size_t idx;
	_Alignas(8) unsigned char sa[28]; /* the address with the port */
	unsigned salen;
	int fd;		     /* while connecting, else -1 */
	uint64_t conn_timer; /* connect timeout */
	uint64_t deadline;   /* whole-row deadline */
	struct sess *sess;   /* the dialogue */
};

struct probe {
	struct loop *loop;
	struct probe_params p; /* strings point into the copies below */
	const struct sess_proto *proto; /* the dialogue p.proto names */
	char *host, *helo, *user, *mail_from, *rcpt_to;
	probe_event_fn *on_event;
	void *ud;
	struct probe_row *rows;
	struct row_state *rs;
	size_t n_rows, n_done;
	struct dns_query *q;
	uint64_t kickoff; /* the 0 ms timer that starts the work */
	uint64_t t0;
};

/* What a port usually means: core/base/ports.h's one table. */
enum acct_proto probe_port_proto(int port)
{
	return md_port_acct_proto(port);
}

enum sess_security probe_port_security(int port)
{
	const struct md_port *p = md_port_find(port);
	if (p && p->security == MD_PORT_TLS)
		return SESS_SEC_TLS;
	if (p && p->starttls_required)
		return SESS_SEC_STARTTLS;
	return SESS_SEC_AUTO;
}

/* The dialogue of each protocol; others are probed as SMTP. */
static const struct sess_proto *proto_of(enum acct_proto p)
{
	static const struct sess_proto *const dialogues[] = {
	    [ACCT_PROTO_SMTP] = &smtp_proto,
	    [ACCT_PROTO_IMAP] = &imap_proto,
	    [ACCT_PROTO_POP3] = &pop3_proto,
	};
	size_t n = sizeof dialogues / sizeof dialogues[0];
	return (size_t)p < n && dialogues[p] ? dialogues[p] : &smtp_proto;
}

static void emit(struct probe *pr, enum probe_ev_kind kind, size_t row,
		 enum sess_step step)
{
	struct probe_event ev = {kind, row, step};
	if (pr->on_event)
		pr->on_event(pr, &ev, pr->ud);
}

static void on_sess_step(void *ud, enum sess_step step);
static void on_sess_done(void *ud);

/* The row's transcript, or NULL when none is kept. */
static struct transcript *ts_of(struct probe *pr, struct probe_row *row)
{
	return pr->p.keep_transcript ? &row->ts : NULL;
}

static struct sess *start_dialogue(struct probe *pr, struct row_state *rs,
				   int fd, struct md_err *err)
{
	struct probe_row *row = &pr->rows[rs->idx];
	struct sess_params sp = {.host = pr->p.host,
				 .security = pr->p.security,
				 .tls = pr->p.tls,
				 .reply_timeout_ms = pr->p.timeout_ms,
				 .helo = pr->p.helo,
				 .user = pr->p.user,
				 .password = pr->p.password,
				 .password_ud = pr->p.password_ud,
				 .auth_insecure = pr->p.auth_insecure,
				 .mail_from = pr->p.mail_from,
				 .rcpt_to = pr->p.rcpt_to,
				 .ts = ts_of(pr, row),
				 .on_step = on_sess_step,
				 .on_done = on_sess_done,
				 .ud = rs};
	return sess_start(pr->loop, fd, pr->proto, &sp, &row->res, err);
}

/* Stop whatever the row still has running. */
static void row_stop(struct row_state *rs)
{
	struct probe *pr = rs->pr;
	loop_timer_cancel(pr->loop, rs->conn_timer);
	loop_timer_cancel(pr->loop, rs->deadline);
	rs->conn_timer = rs->deadline = 0;
	if (rs->fd >= 0) {
		loop_unwatch(pr->loop, rs->fd);
		sock_close(rs->fd);
		rs->fd = -1;
	}
	if (rs->sess) {
		sess_free(rs->sess);
		rs->sess = NULL;
	}
}

/* The row is over: tell the caller, and the probe is over with the last. */
static void row_finish(struct row_state *rs)
{
	struct probe *pr = rs->pr;
	struct probe_row *row = &pr->rows[rs->idx];
	if (row->done)
		return;
	loop_timer_cancel(pr->loop, rs->conn_timer);
	loop_timer_cancel(pr->loop, rs->deadline);
	rs->conn_timer = rs->deadline = 0;
	row->done = true;
	sess_step_done(&row->res, SESS_STEP_DONE, loop_now(pr->loop));
	pr->n_done++;
	emit(pr, PROBE_EV_ROW_DONE, rs->idx, SESS_STEP_DONE);
	if (pr->n_done == pr->n_rows)
		emit(pr, PROBE_EV_DONE, 0, SESS_STEP_DONE);
}

static void on_sess_step(void *ud, enum sess_step step)
{
	struct row_state *rs = ud;
	emit(rs->pr, PROBE_EV_STEP, rs->idx, step);
}

static void on_sess_done(void *ud)
{
	row_finish(ud);
}

static void row_fail(struct row_state *rs, enum sess_outcome o,
		     enum sess_step step, const char *detail)
{
	struct probe_row *row = &rs->pr->rows[rs->idx];
	row_stop(rs);
	row->res.outcome = o;
	row->res.step = step;
	snprintf(row->res.detail, sizeof row->res.detail, "%s", detail);
	transcript_note(ts_of(rs->pr, row), loop_now(rs->pr->loop), "%s",
			detail);
	row_finish(rs);
}

static void on_conn_timeout(struct loop *loop, void *ud)
{
	struct row_state *rs = ud;
	(void)loop;
	rs->conn_timer = 0;
	row_fail(rs, SESS_OUT_TIMEOUT, SESS_STEP_CONNECT,
		 "no answer to the connection attempt");
}

static void on_deadline(struct loop *loop, void *ud)
{
	struct row_state *rs = ud;
	struct probe_row *row = &rs->pr->rows[rs->idx];
	(void)loop;
	rs->deadline = 0;
	if (rs->sess && (row->res.outcome != SESS_OUT_OK ||
			 row->res.step == SESS_STEP_QUIT)) {
		/* The dialogue has its result (a refusal, a failure, or all
		 * done) and only awaits the goodbye: like a failure while
		 * saying goodbye, the late end changes nothing. */
		row_stop(rs);
		transcript_note(ts_of(rs->pr, row), loop_now(rs->pr->loop),
				"the probe took too long; its result stands");
		row_finish(rs);
		return;
	}
	enum sess_step step = rs->sess ? row->res.step : SESS_STEP_CONNECT;
	row_fail(rs, SESS_OUT_TIMEOUT, step, "the probe took too long");
}

static void on_connect(struct loop *loop, int fd, unsigned ev, void *ud)
{
	struct row_state *rs = ud;
	struct probe *pr = rs->pr;
	struct probe_row *row = &pr->rows[rs->idx];
	(void)ev;
	int e = sock_connect_result(fd);
	loop_unwatch(loop, fd);
	loop_timer_cancel(loop, rs->conn_timer);
	rs->conn_timer = 0;
	if (e != 0) {
		char why[128];
		snprintf(why, sizeof why, _("connect failed: %s"),
			 sock_strerror(e));
		row->res.outcome = sess_connect_outcome(e);
		row_fail(rs, sess_connect_outcome(e), SESS_STEP_CONNECT, why);
		return;
	}
	sess_step_done(&row->res, SESS_STEP_CONNECT, loop_now(loop));
	transcript_note(ts_of(pr, row), loop_now(loop), "connected");
	rs->fd = -1; /* the dialogue owns it now */
	struct md_err err;
	rs->sess = start_dialogue(pr, rs, fd, &err);
	if (!rs->sess)
		row_fail(rs, SESS_OUT_ERROR, SESS_STEP_CONNECT, err.text);
}

static void row_start(struct row_state *rs)
{
	struct probe *pr = rs->pr;
	struct probe_row *row = &pr->rows[rs->idx];
	int e = 0;
	row->res.step = SESS_STEP_CONNECT;
	emit(pr, PROBE_EV_STEP, rs->idx, SESS_STEP_CONNECT);
	transcript_note(ts_of(pr, row), loop_now(pr->loop),
			"connect %s port %d", row->address, pr->p.port);
	rs->fd = sock_connect_start((struct sockaddr *)rs->sa, rs->salen, &e);
	if (rs->fd < 0) {
		char why[128];
		snprintf(why, sizeof why, _("connect failed: %s"),
			 sock_strerror(e));
		row_fail(rs, sess_connect_outcome(e), SESS_STEP_CONNECT, why);
		return;
	}
	struct md_err err;
	rs->conn_timer =
	    loop_timer(pr->loop, pr->p.timeout_ms, on_conn_timeout, rs);
	rs->deadline = loop_timer(pr->loop, pr->p.deadline_ms, on_deadline, rs);
	if (loop_watch(pr->loop, rs->fd, LOOP_WRITE, on_connect, rs, &err) !=
		MD_OK ||
	    !rs->conn_timer || !rs->deadline)
		row_fail(rs, SESS_OUT_ERROR, SESS_STEP_CONNECT,
			 "out of memory");
}

/* Make n rows (at least one); false when out of memory. */
static bool make_rows(struct probe *pr, size_t n)
{
	if (n == 0)
		n = 1;
	pr->rows = calloc(n, sizeof *pr->rows);
	pr->rs = calloc(n, sizeof *pr->rs);
	if (!pr->rows || !pr->rs)
		return false;
	pr->n_rows = n;
	for (size_t i = 0; i < n; i++) {
		sess_result_init(&pr->rows[i].res, pr->t0);
		transcript_init(&pr->rows[i].ts, pr->t0);
		pr->rows[i].ts.secret = false;
		pr->rs[i].pr = pr;
		pr->rs[i].idx = i;
		pr->rs[i].fd = -1;
	}
	return true;
}

/* One row saying the name has no usable address. */
static void no_address(struct probe *pr, enum sess_outcome o, const char *why)
{
	if (!make_rows(pr, 1)) {
		pr->n_rows = 0;
		emit(pr, PROBE_EV_DONE, 0, SESS_STEP_DONE);
		return;
	}
	pr->rows[0].res.outcome = o;
	pr->rows[0].res.step = SESS_STEP_RESOLVE;
	snprintf(pr->rows[0].res.detail, sizeof pr->rows[0].res.detail, "%s",
		 why);
	emit(pr, PROBE_EV_ROWS, 0, SESS_STEP_RESOLVE);
	row_finish(&pr->rs[0]);
}

static bool family_ok(const struct probe *pr, int family)
{
	return pr->p.family == PROBE_FAMILY_ANY ||
	       (pr->p.family == PROBE_FAMILY_V4 && family == AF_INET) ||
	       (pr->p.family == PROBE_FAMILY_V6 && family == AF_INET6);
}

static void start_rows(struct probe *pr, const struct dns_addr *a, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += family_ok(pr, a[i].family);
	if (k == 0) {
		no_address(pr, SESS_OUT_NOT_FOUND,
			   pr->p.family == PROBE_FAMILY_V6
			       ? "the name has no IPv6 address"
			   : pr->p.family == PROBE_FAMILY_V4
			       ? "the name has no IPv4 address"
			       : "the name has no address");
		return;
	}
	if (!make_rows(pr, k)) {
		no_address(pr, SESS_OUT_ERROR, "out of memory");
		return;
	}
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!family_ok(pr, a[i].family))
			continue;
		struct probe_row *row = &pr->rows[k];
		struct row_state *rs = &pr->rs[k];
		snprintf(row->address, sizeof row->address, "%s", a[i].text);
		row->family = a[i].family == AF_INET6 ? 6 : 4;
		memcpy(rs->sa, a[i].sa, a[i].salen);
		rs->salen = a[i].salen;
		uint16_t port = htons((uint16_t)pr->p.port);
		if (a[i].family == AF_INET6)
			((struct sockaddr_in6 *)(void *)rs->sa)->sin6_port =
			    port;
		else
			((struct sockaddr_in *)(void *)rs->sa)->sin_port = port;
		k++;
	}
	emit(pr, PROBE_EV_ROWS, 0, SESS_STEP_RESOLVE);
	for (size_t i = 0; i < pr->n_rows; i++)
		row_start(&pr->rs[i]);
}

static void on_addrs(void *ud, enum md_status st, const struct dns_addr *a,
		     size_t n, const char *why)
{
	struct probe *pr = ud;
	pr->q = NULL;
	if (st != MD_OK) {
		/* A lookup that timed out or failed says nothing about the
		 * name: "could not be looked up", never "does not exist". */
		char msg[200];
		snprintf(msg, sizeof msg, "DNS lookup failed: %s", why);
		no_address(pr, SESS_OUT_DNS_FAILED, msg);
		return;
	}
	start_rows(pr, a, n);
}

/* Turn an address literal into one dns_addr; false when host is a name. */
static bool literal(const char *host, struct dns_addr *a)
{
	memset(a, 0, sizeof *a);
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)a->sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)a->sa;
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		a->family = AF_INET;
		a->salen = sizeof *s4;
	} else if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		memset(a->sa, 0, sizeof a->sa);
		inet_pton(AF_INET6, host, &s6->sin6_addr);
		s6->sin6_family = AF_INET6;
		a->family = AF_INET6;
		a->salen = sizeof *s6;
	} else {
		return false;
	}
	snprintf(a->text, sizeof a->text, "%s", host);
	return true;
}

static void kickoff(struct loop *loop, void *ud)
{
	struct probe *pr = ud;
	struct dns_addr a;
	(void)loop;
	pr->kickoff = 0;
	if (literal(pr->p.host, &a)) {
		start_rows(pr, &a, 1);
		return;
	}
	if (!pr->p.dns) {
		no_address(pr, SESS_OUT_ERROR, "no DNS resolver");
		return;
	}
	emit(pr, PROBE_EV_STEP, 0, SESS_STEP_RESOLVE);
	int fam = pr->p.family == PROBE_FAMILY_V4   ? AF_INET
		  : pr->p.family == PROBE_FAMILY_V6 ? AF_INET6
						    : AF_UNSPEC;
	pr->q = dns_addrs(pr->p.dns, pr->p.host, fam, on_addrs, pr);
}

static char *dup_or_null(const char *s, bool *ok)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*ok = false;
	return d;
}

struct probe *probe_start(struct loop *loop, const struct probe_params *p,
			  probe_event_fn *on_event, void *ud,
			  struct md_err *err)
{
	if (!p->host || !*p->host || p->port < 1 || p->port > 65535 ||
	    (p->security != SESS_SEC_PLAIN && !p->tls) ||
	    (!p->mail_from != !p->rcpt_to)) {
		md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
			   _("internal error: bad probe parameters"));
		return NULL;
	}
	struct probe *pr = calloc(1, sizeof *pr);
	if (!pr) {
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	bool ok = true;
	pr->loop = loop;
	pr->p = *p;
	pr->on_event = on_event;
	pr->ud = ud;
	pr->t0 = loop_clock_ms();
	pr->p.host = pr->host = dup_or_null(p->host, &ok);
	pr->p.helo = pr->helo = dup_or_null(p->helo, &ok);
	pr->p.user = pr->user = dup_or_null(p->user, &ok);
	pr->p.mail_from = pr->mail_from = dup_or_null(p->mail_from, &ok);
	pr->p.rcpt_to = pr->rcpt_to = dup_or_null(p->rcpt_to, &ok);
	if (!pr->p.timeout_ms)
		pr->p.timeout_ms = 10000;
	if (!pr->p.deadline_ms)
		pr->p.deadline_ms = 4 * pr->p.timeout_ms;
	pr->proto = proto_of(p->proto);
	if (pr->proto == &smtp_proto)
		pr->p.proto = ACCT_PROTO_SMTP;
	pr->kickoff = loop_timer(loop, 0, kickoff, pr);
	if (!ok || !pr->kickoff) {
		probe_free(pr);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	return pr;
}

void probe_cancel(struct probe *pr)
{
	if (!pr)
		return;
	loop_timer_cancel(pr->loop, pr->kickoff);
	pr->kickoff = 0;
	dns_cancel(pr->q);
	pr->q = NULL;
	for (size_t i = 0; i < pr->n_rows; i++) {
		if (pr->rows[i].done)
			continue;
		row_stop(&pr->rs[i]);
		pr->rows[i].res.outcome = SESS_OUT_CANCELLED;
		pr->rows[i].done = true;
		pr->n_done++;
	}
}

void probe_free(struct probe *pr)
{
	if (!pr)
		return;
	probe_cancel(pr);
	for (size_t i = 0; i < pr->n_rows; i++) {
		row_stop(&pr->rs[i]);
		sess_result_done(&pr->rows[i].res);
		transcript_done(&pr->rows[i].ts);
	}
	free(pr->rows);
	free(pr->rs);
	free(pr->host);
	free(pr->helo);
	free(pr->user);
	free(pr->mail_from);
	free(pr->rcpt_to);
	free(pr);
}

size_t probe_n_rows(const struct probe *pr)
{
	return pr->n_rows;
}

const struct probe_row *probe_row(const struct probe *pr, size_t i)
{
	return i < pr->n_rows ? &pr->rows[i] : NULL;
}

const struct probe_params *probe_params(const struct probe *pr)
{
	return &pr->p;
}

bool probe_done(const struct probe *pr)
{
	return pr->n_rows > 0 && pr->n_done == pr->n_rows;
}
