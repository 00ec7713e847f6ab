/* explain_log.c — reads mail server logs (postfix, exim, sendmail) line by
 * line in bounded memory, picks the records of failed deliveries and
 * rejections, and classifies each through explain_classify(). */
#include "core/explain/explain_private.h"

#include "core/base/compat.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LINE 65536 /* longer lines are cut */

struct explain_log {
	const struct rej_kb *kb;
	explain_rcpt_cb cb;
	void *ud;
	char *line; /* the partial line carried between chunks */
	size_t n;
	bool skipping; /* in the cut-off tail of an over-long line */
	size_t lines;
	bool stopped;
};

struct explain_log *explain_log_new(const struct rej_kb *kb, explain_rcpt_cb cb,
				    void *ud)
{
	struct explain_log *lg = calloc(1, sizeof *lg);
	if (!lg)
		return NULL;
	lg->line = malloc(MAX_LINE + 1);
	if (!lg->line) {
		free(lg);
		return NULL;
	}
	lg->kb = kb;
	lg->cb = cb;
	lg->ud = ud;
	return lg;
}

void explain_log_free(struct explain_log *lg)
{
	if (!lg)
		return;
	free(lg->line);
	free(lg);
}

/* Find needle in [p, p+n). */
static const char *find(const char *p, size_t n, const char *needle)
{
	return memmem(p, n, needle, strlen(needle));
}

/* Copy "<addr>" after key= into out; the value ends at '>' or ','. */
static bool value_after(const char *p, size_t n, const char *key, char **out)
{
	const char *k = find(p, n, key);
	if (!k)
		return false;
	const char *v = k + strlen(key);
	const char *end = p + n;
	if (v < end && *v == '<')
		v++;
	const char *e = v;
	while (e < end && *e != '>' && *e != ',' && *e != ' ')
		e++;
	return explain_set(out, v, (size_t)(e - v));
}

/* relay=host[ip]:port -> host (or ip when host is "unknown"). */
static void relay_host(const char *p, size_t n, const char *key, char **out)
{
	const char *k = find(p, n, key);
	if (!k)
		return;
	const char *v = k + strlen(key), *end = p + n, *e = v;
	while (e < end && *e != '[' && *e != ',' && *e != ' ')
		e++;
	if (e - v == 4 && strncmp(v, "none", 4) == 0)
		return;
	explain_set(out, v, (size_t)(e - v));
	size_t len = strlen(*out);
	if (len && (*out)[len - 1] == '.')
		(*out)[len - 1] = '\0';
}

/* The status code in "dsn=5.1.1," at p (not NUL-terminated: bounded by
 * end) into out. */
static void dsn_status(const char *p, const char *end, char out[16])
{
	char tmp[16];
	size_t n = 0;
	while (p + n < end && n < sizeof tmp - 1 && p[n] != ',' && p[n] != ' ')
		n++;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	if (!explain_find_status(tmp, out))
		out[0] = '\0';
}

/* postfix: "... to=<a>, relay=..., dsn=5.7.0, status=bounced (words)". */
static bool postfix_delivery(const char *p, size_t n, struct explain_rcpt *r)
{
	const char *st = find(p, n, " status=");
	if (!st)
		return false;
	const char *v = st + 8, *end = p + n;
	size_t rest = (size_t)(end - v);
	const char *action;
	if (rest >= 7 && strncmp(v, "bounced", 7) == 0)
		action = "failed";
	else if (rest >= 8 && strncmp(v, "deferred", 8) == 0)
		action = "delayed";
	else if (rest >= 7 && strncmp(v, "expired", 7) == 0)
		action = "failed";
	else if (rest >= 9 && strncmp(v, "undeliver", 9) == 0)
		action = "failed";
	else
		return false; /* sent, deliverable: not a problem */
	if (!value_after(p, n, " to=", &r->address))
		return false;
	explain_set(&r->action, action, strlen(action));
	relay_host(p, n, " relay=", &r->remote_host);
	const char *dsn = find(p, (size_t)(st - p), " dsn=");
	if (dsn)
		dsn_status(dsn + 5, st, r->status);
	const char *open = memchr(v, '(', (size_t)(end - v));
	if (open) {
		const char *close = end;
		while (close > open && close[-1] != ')')
			close--;
		if (close > open + 1)
			explain_set(&r->diagnostic, open + 1,
				    (size_t)(close - open - 2));
	}
	if (!r->diagnostic)
		explain_set(&r->diagnostic, "", 0);
	return true;
}

/* postfix smtpd: "NOQUEUE: reject: RCPT from h[ip]: 450 4.7.1 ...;
 * from=<s> to=<r> proto=ESMTP helo=<h>". */
static bool postfix_reject(const char *p, size_t n, struct explain_rcpt *r)
{
	const char *rj = find(p, n, "reject: ");
	if (!rj)
		return false;
	const char *end = p + n, *v = rj + 8;
	const char *from = find(v, (size_t)(end - v), " from ");
	const char *colon =
	    from ? memchr(from, ':', (size_t)(end - from)) : NULL;
	if (!colon)
		return false;
	/* the command: "RCPT", "MAIL", "CONNECT", "DATA", "HELO" */
	size_t cl = (size_t)(from - v);
	if (cl && cl < 12) {
		const char *c =
		    cl >= 4 && strncmp(v, "CONN", 4) == 0 ? "CONN" : NULL;
		if (c)
			explain_set(&r->command, c, 4);
		else
			explain_set(&r->command, v, cl);
	}
	relay_host(from, (size_t)(end - from), " from ", &r->remote_host);
	const char *words = colon + 1;
	const char *semi = find(words, (size_t)(end - words), "; from=<");
	const char *wend = semi ? semi : end;
	explain_set(&r->diagnostic, words, (size_t)(wend - words));
	if (!value_after(p, n, " to=<", &r->address))
		explain_set(&r->address, "", 0);
	explain_set(&r->action, "failed", 6);
	return true;
}

/* exim: "date time id ** a@b R=.. T=.. H=host [ip]: words" (failed) and
 * "== a@b ... defer (...): words" (deferred). */
static bool exim_line(const char *p, size_t n, struct explain_rcpt *r)
{
	const char *mark = find(p, n < 64 ? n : 64, " ** ");
	const char *action = "failed";
	if (!mark) {
		mark = find(p, n < 64 ? n : 64, " == ");
		action = "delayed";
	}
	if (!mark)
		return false;
	const char *a = mark + 4, *end = p + n, *e = a;
	while (e < end && *e != ' ' && *e != ':')
		e++;
	explain_set(&r->address, a, (size_t)(e - a));
	if (r->address[0] == '<') /* "** <a@b>" */
		memmove(r->address, r->address + 1, strlen(r->address));
	size_t al = strlen(r->address);
	if (al && r->address[al - 1] == '>')
		r->address[al - 1] = '\0';
	explain_set(&r->action, action, strlen(action));
	relay_host(e, (size_t)(end - e), " H=", &r->remote_host);
	const char *w = find(e, (size_t)(end - e), ": ");
	w = w ? w + 2 : e;
	explain_set(&r->diagnostic, w, (size_t)(end - w));
	return true;
}

/* sendmail: "... to=<a>, ..., relay=h. [ip], dsn=5.1.1, stat=words". */
static bool sendmail_line(const char *p, size_t n, struct explain_rcpt *r)
{
	const char *st = find(p, n, " stat=");
	if (!st)
		return false;
	const char *v = st + 6, *end = p + n;
	if ((size_t)(end - v) >= 4 && strncmp(v, "Sent", 4) == 0)
		return false;
	if (!value_after(p, n, " to=", &r->address))
		return false;
	const char *dsn = find(p, (size_t)(st - p), " dsn=");
	if (dsn)
		dsn_status(dsn + 5, st, r->status);
	bool deferred =
	    (size_t)(end - v) >= 8 && strncmp(v, "Deferred", 8) == 0;
	explain_set(&r->action, deferred ? "delayed" : "failed",
		    deferred ? 7 : 6);
	relay_host(p, (size_t)(st - p), " relay=", &r->remote_host);
	explain_set(&r->diagnostic, v, (size_t)(end - v));
	return true;
}

/* A bare SMTP reply: "450 4.7.1 <h>: Helo command rejected: ...". */
static bool bare_reply(const char *p, size_t n, struct explain_rcpt *r)
{
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	if (n < 4 || !(p[0] == '4' || p[0] == '5') || p[1] < '0' ||
	    p[1] > '5' || p[2] < '0' || p[2] > '9' ||
	    !(p[3] == ' ' || p[3] == '-'))
		return false;
	explain_set(&r->address, "", 0);
	explain_set(&r->action, "failed", 6);
	explain_set(&r->diagnostic, p, n);
	return true;
}

bool explain_log_line(const struct rej_kb *kb, const char *line, size_t len,
		      struct explain_rcpt *r)
{
	memset(r, 0, sizeof *r);
	if (len && line[len - 1] == '\r')
		len--;
	bool ok = false;
	const char *pf = find(line, len < 200 ? len : 200, "postfix");
	if (pf)
		ok = postfix_delivery(line, len, r) ||
		     postfix_reject(line, len, r);
	if (!ok && !pf)
		ok = exim_line(line, len, r) || sendmail_line(line, len, r) ||
		     postfix_delivery(line, len, r) || bare_reply(line, len, r);
	if (!ok) {
		explain_rcpt_done(r);
		return false;
	}
	if (pf)
		r->mta = "postfix";
	explain_classify(kb, r);
	return true;
}

/* Worth a closer look? Cheap tests before the parsers. */
static bool interesting(const char *p, size_t n)
{
	if (n < 8)
		return false;
	if (memmem(p, n, "stat", 4) || memmem(p, n, "reject", 6))
		return true;
	const char *h = n > 64 ? p + 64 : p + n;
	for (const char *q = p; q + 4 <= h; q++)
		if (q[0] == ' ' && q[3] == ' ' &&
		    ((q[1] == '*' && q[2] == '*') ||
		     (q[1] == '=' && q[2] == '=')))
			return true;
	return (p[0] == '4' || p[0] == '5') && n > 4 && p[3] == ' ';
}

static void one_line(struct explain_log *lg, const char *p, size_t n)
{
	lg->lines++;
	if (lg->stopped || !interesting(p, n))
		return;
	struct explain_rcpt r;
	if (!explain_log_line(lg->kb, p, n, &r))
		return;
	if (r.failed && lg->cb && !lg->cb(&r, lg->ud))
		lg->stopped = true;
	explain_rcpt_done(&r);
}

enum md_status explain_log_feed(struct explain_log *lg, const char *buf,
				size_t len)
{
	const char *p = buf, *end = buf + len;
	while (p < end && !lg->stopped) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		if (lg->n == 0 && nl && !lg->skipping) {
			one_line(lg, p, n < MAX_LINE ? n : MAX_LINE);
		} else if (!lg->skipping) {
			size_t room = MAX_LINE - lg->n;
			size_t k = n < room ? n : room;
			memcpy(lg->line + lg->n, p, k);
			lg->n += k;
			if (nl) {
				one_line(lg, lg->line, lg->n);
				lg->n = 0;
			} else if (lg->n == MAX_LINE) {
				one_line(lg, lg->line, lg->n);
				lg->n = 0;
				lg->skipping = true;
			}
		} else if (nl) {
			lg->skipping = false;
		}
		p = nl ? nl + 1 : end;
	}
	return lg->stopped ? MD_ERR_CANCELLED : MD_OK;
}

size_t explain_log_finish(struct explain_log *lg)
{
	if (lg->n && !lg->skipping)
		one_line(lg, lg->line, lg->n);
	lg->n = 0;
	lg->skipping = false;
	return lg->lines;
}
