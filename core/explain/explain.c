/* explain.c — the entry points of explain: guess what the input is, hand
 * it to the MIME or log reader, and put a recipient's reason in words.
 * The results are built with explain_result.c. */
#include "core/explain/explain_private.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>

void explain_global_init(void)
{
	static bool done;
	if (!done) {
		g_mime_init();
		done = true;
	}
}

/* Does the line at p (length n) look like "Name: value"? */
static bool header_line(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && p[i] > ' ' && p[i] < 127 && p[i] != ':')
		i++;
	return i > 0 && i < n && p[i] == ':';
}

/* Does the line look like a record of an MTA's log? */
static bool log_line(const char *p, size_t n)
{
	static const char *const marks[] = {
	    "postfix/", "postfix-", " sendmail[", " sm-mta[",
	    " status=", " stat=",   " ** ",	  " == ",
	    " => ",	" <= ",	    "exim[",	  " -> ",
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (n >= strlen(marks[i]) &&
		    memmem(p, n, marks[i], strlen(marks[i])))
			return true;
	return false;
}

enum explain_input explain_detect(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ' ||
			   buf[i] == '\t'))
		i++;
	if (i >= len)
		return EXPLAIN_IN_UNKNOWN;
	const char *p = buf + i;
	size_t rest = len - i;
	const char *nl = memchr(p, '\n', rest < 65536 ? rest : 65536);
	size_t ln = nl ? (size_t)(nl - p) : (rest < 65536 ? rest : 65536);
	if (rest > 5 && memcmp(p, "From ", 5) == 0)
		return EXPLAIN_IN_MBOX;
	if (ln >= 4 && (p[0] == '4' || p[0] == '5') && p[1] >= '0' &&
	    p[1] <= '5' && p[2] >= '0' && p[2] <= '9' &&
	    (p[3] == ' ' || p[3] == '-'))
		return EXPLAIN_IN_LOG; /* one bare SMTP reply */
	if (log_line(p, ln))
		return EXPLAIN_IN_LOG;
	if (header_line(p, ln))
		return EXPLAIN_IN_MESSAGE;
	/* A few lines further: a log that opens with noise. */
	for (int k = 0; k < 8 && nl; k++) {
		p = nl + 1;
		rest = len - (size_t)(p - buf);
		nl = memchr(p, '\n', rest < 65536 ? rest : 65536);
		ln = nl ? (size_t)(nl - p) : (rest < 65536 ? rest : 65536);
		if (log_line(p, ln))
			return EXPLAIN_IN_LOG;
	}
	return EXPLAIN_IN_UNKNOWN;
}

static bool collect(const struct explain_rcpt *r, void *ud)
{
	struct explain_result *res = ud;
	struct explain_rcpt *d = explain_result_add(res);
	if (!d)
		return !res->truncated ? false : false;
	*d = *r;
	/* Take the strings: deep copies, since r is borrowed. */
	d->address = r->address ? strdup(r->address) : NULL;
	d->remote_host = r->remote_host ? strdup(r->remote_host) : NULL;
	d->report_host = r->report_host ? strdup(r->report_host) : NULL;
	d->diagnostic = r->diagnostic ? strdup(r->diagnostic) : NULL;
	d->action = r->action ? strdup(r->action) : NULL;
	d->command = r->command ? strdup(r->command) : NULL;
	return true;
}

enum md_status explain_buffer(const struct rej_kb *kb, const char *buf,
			      size_t len, enum explain_input kind,
			      struct explain_result **out, struct md_err *err)
{
	*out = NULL;
	if (kind == EXPLAIN_IN_UNKNOWN)
		kind = explain_detect(buf, len);
	if (kind == EXPLAIN_IN_UNKNOWN)
		return md_err_set(err, MD_ERR_PARSE, NULL, 0, "%s",
				  _("the input is neither a mail message nor "
				    "a mail server log"));
	if (kind != EXPLAIN_IN_LOG && len > EXPLAIN_MAX_MESSAGE)
		return md_err_set(err, MD_ERR_TOOBIG, NULL, 0, "%s",
				  _("the message is too large to read"));
	struct explain_result *res = calloc(1, sizeof *res);
	if (!res)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	res->input = kind;
	enum md_status st = MD_OK;
	if (kind == EXPLAIN_IN_LOG) {
		struct explain_log *lg = explain_log_new(kb, collect, res);
		if (!lg) {
			explain_result_free(res);
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					  _("out of memory"));
		}
		(void)explain_log_feed(lg, buf, len);
		res->lines = explain_log_finish(lg);
		explain_log_free(lg);
	} else {
		explain_global_init();
		st = explain_mime(kb, buf, len, kind == EXPLAIN_IN_MBOX, res,
				  err);
	}
	if (st != MD_OK) {
		explain_result_free(res);
		return st;
	}
	*out = res;
	return MD_OK;
}

static char *render(const struct explain_rcpt *r, const char *tmpl)
{
	struct rej_vars v = {
	    .address = r->address,
	    .status = r->status,
	    .reply = r->reply,
	    .rhost = r->remote_host,
	    .ip_fallback = _("YOUR.SERVER.IP"),
	};
	return rej_fill(tmpl && *tmpl ? gettext(tmpl) : "", &r->match, &v);
}

char *explain_summary(const struct explain_rcpt *r)
{
	return render(r, r->summary);
}

char *explain_advice(const struct explain_rcpt *r)
{
	return render(r, r->advice);
}

const char *explain_who_text(enum rej_who who)
{
	switch (who) {
	case REJ_WHO_SENDER:
		return _("You, the sender, need to act.");
	case REJ_WHO_SENDER_ADMIN:
		return _("The administrator of your mail server (or your mail "
			 "provider) needs to act.");
	case REJ_WHO_RECIPIENT:
		return _("The recipient needs to act.");
	case REJ_WHO_RECIPIENT_ADMIN:
		return _("The administrator of the recipient's mail server "
			 "needs to act.");
	case REJ_WHO_NOBODY:
	default:
		return _("Nobody needs to act now; wait, or nothing failed.");
	}
}
