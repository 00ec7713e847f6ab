/* explain_dsn.c — RFC 3464 delivery-status fields: one recipient per
 * Final-Recipient / Original-Recipient block, with its Action, Status,
 * Remote-MTA and Diagnostic-Code (an X-Unix program exit keeps its type). */
#include "core/explain/explain_private.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DIAG 4096 /* bytes of a server's words kept per recipient */

/* The value after "type;" ("rfc822; a@b" -> "a@b"), trimmed, in place. */
static char *after_type(char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	char *semi = strchr(v, ';');
	if (semi) {
		/* only when what precedes is a single token */
		bool token = true;
		for (char *p = v; p < semi; p++)
			if (*p == ' ' || *p == '<' || *p == '@')
				token = false;
		if (token)
			v = semi + 1;
	}
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\r' || v[n - 1] == '\t'))
		v[--n] = '\0';
	if (*v == '<' && n > 2 && v[n - 1] == '>') {
		v[n - 1] = '\0';
		v++;
	}
	return v;
}

static bool field_is(const char *line, size_t nlen, const char *name)
{
	return strlen(name) == nlen && strncasecmp(line, name, nlen) == 0;
}

/* A copy of the fields with continuation lines joined to the line before
 * (CR dropped, NUL as a space); NULL on no memory. */
static char *unfold(const char *dsn, size_t len)
{
	char *t = malloc(len + 1);
	if (!t)
		return NULL;
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		char c = dsn[i];
		if (c == '\r')
			continue;
		if (c == '\n' && i + 1 < len &&
		    (dsn[i + 1] == ' ' || dsn[i + 1] == '\t')) {
			t[w++] = ' ';
			continue;
		}
		t[w++] = c == '\0' ? ' ' : c;
	}
	t[w] = '\0';
	return t;
}

/* The walk of the fields: the block of the recipient being read. */
struct dsn_walk {
	const struct explain_msg *m;
	struct explain_result *res;
	struct explain_rcpt *cur; /* NULL between blocks */
	bool cur_final;		  /* cur has had its Final-Recipient */
	size_t added;
};

/* Final-Recipient or Original-Recipient: a new recipient, unless it is the
 * other name of the current one. False when no more fit. */
static bool on_recipient(struct dsn_walk *dw, bool final, char *v)
{
	struct explain_rcpt *cur = dw->cur;
	if (!cur || (final && dw->cur_final) ||
	    (!final && cur->address && !dw->cur_final)) {
		cur = dw->cur = explain_result_add(dw->res);
		if (!cur)
			return false;
		dw->added++;
		dw->cur_final = false;
	}
	char *a = after_type(v);
	if (final || !cur->address)
		explain_set(&cur->address, a, strlen(a));
	dw->cur_final |= final;
	return true;
}

/* A per-recipient field before any recipient (some reports omit
 * Final-Recipient): a recipient named by the message's headers. */
static bool unnamed_recipient(struct dsn_walk *dw)
{
	dw->cur = explain_result_add(dw->res);
	if (!dw->cur)
		return false;
	dw->added++;
	const struct explain_msg *m = dw->m;
	const char *fb = m->failed ? m->failed : (m->orig_to ? m->orig_to : "");
	explain_set(&dw->cur->address, fb, strlen(fb));
	return true;
}

/* Status: the code, and with notes its comment ("4.0.0 (host name lookup
 * failure)") as words. */
static void on_status(struct explain_rcpt *cur, const char *v, bool notes)
{
	char s[16];
	if (explain_find_status(v, s))
		memcpy(cur->status, s, sizeof s);
	const char *open = strchr(v, '('), *close = strrchr(v, ')');
	if (notes && open && close > open + 1 && !cur->diagnostic)
		explain_set(&cur->diagnostic, open + 1,
			    (size_t)(close - open - 1));
}

/* Diagnostic-Code: the server's words; a program's exit keeps its type
 * ("X-Unix; 255"). */
static void on_diagnostic(struct explain_rcpt *cur, char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	bool unix = strncasecmp(v, "x-unix;", 7) == 0;
	char *a = after_type(v);
	if (strlen(a) > MAX_DIAG)
		a[MAX_DIAG] = '\0';
	if (!unix) {
		explain_set(&cur->diagnostic, a, strlen(a));
		return;
	}
	struct xbuf b = {0};
	xbuf_adds(&b, "X-Unix; ");
	xbuf_adds(&b, a);
	if (!b.oom)
		explain_set(&cur->diagnostic, b.p, b.n);
	xbuf_done(&b);
}

/* PowerMTA's X-PowerMTA-BounceCategory (Sisimai::Lhost::PowerMTA's
 * Categories): the reason it names, when sisimai keeps it. The
 * categories naming a reason sisimai v5 decides again from the words
 * (Sisimai::Reason.retry: userunknown, hostunknown, networkerror,
 * systemerror) are left to the classifier: bad-mailbox, bad-domain,
 * no-answer-from-host, routing-errors. inactive-mailbox is suspend, the
 * taxonomy's disabled mailbox. */
static void on_pmta_category(struct explain_rcpt *cur, const char *v)
{
	static const char *const table[][2] = {
	    {"inactive-mailbox", "suspend"},
	    {"message-expired", "expired"},
	    {"policy-related", "policyviolation"},
	    {"quota-issues", "mailboxfull"},
	    {"spam-related", "spamdetected"},
	};
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strcspn(v, " \t\r;");
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strlen(table[i][0]) == n &&
		    strncasecmp(v, table[i][0], n) == 0)
			cur->reason = table[i][1];
}

/* One "Name: value" line; false when no more recipients fit. */
static bool on_field(struct dsn_walk *dw, const char *line, size_t nlen,
		     char *v, bool notes)
{
	bool final = field_is(line, nlen, "Final-Recipient");
	if (final || field_is(line, nlen, "Original-Recipient"))
		return on_recipient(dw, final, v);
	bool action = field_is(line, nlen, "Action");
	bool status = field_is(line, nlen, "Status");
	bool diag = field_is(line, nlen, "Diagnostic-Code");
	if (!dw->cur && !(action || status || diag))
		return true;
	if (!dw->cur && !unnamed_recipient(dw))
		return false;
	struct explain_rcpt *cur = dw->cur;
	if (action) {
		char *a = after_type(v);
		explain_set(&cur->action, a, strlen(a));
	} else if (status) {
		on_status(cur, v, notes);
	} else if (field_is(line, nlen, "Remote-MTA")) {
		char *a = after_type(v);
		explain_set(&cur->remote_host, a, strlen(a));
	} else if (diag) {
		on_diagnostic(cur, v);
	} else if (field_is(line, nlen, "X-PowerMTA-BounceCategory")) {
		on_pmta_category(cur, v);
	}
	return true;
}

size_t explain_dsn_parse(const char *dsn, size_t len,
			 const struct explain_msg *m,
			 struct explain_result *res, bool notes)
{
	char *t = unfold(dsn, len);
	if (!t)
		return 0;
	struct dsn_walk dw = {.m = m, .res = res};
	char *save = NULL;
	for (char *line = t; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (*line == '\0') {
			dw.cur = NULL; /* a blank line ends a block */
			dw.cur_final = false;
			continue;
		}
		char *colon = strchr(line, ':');
		if (colon && !on_field(&dw, line, (size_t)(colon - line),
				       colon + 1, notes))
			break;
	}
	free(t);
	return dw.added;
}
