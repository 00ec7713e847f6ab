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

size_t explain_dsn_parse(const char *dsn, size_t len,
			 const struct explain_msg *m,
			 struct explain_result *res, bool notes)
{
	(void)m;
	/* Unfold into a copy: continuation lines join the previous one. */
	char *t = malloc(len + 1);
	if (!t)
		return 0;
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

	size_t added = 0;
	struct explain_rcpt *cur = NULL;
	bool cur_final = false;
	char *save = NULL;
	for (char *line = t; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (*line == '\0') {
			cur = NULL; /* a blank line ends a block */
			cur_final = false;
			continue;
		}
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		size_t nlen = (size_t)(colon - line);
		char *v = colon + 1;
		bool final = field_is(line, nlen, "Final-Recipient");
		bool orig = field_is(line, nlen, "Original-Recipient");
		if (final || orig) {
			if (!cur || (final && cur_final) ||
			    (orig && cur->address && !cur_final)) {
				cur = explain_result_add(res);
				if (!cur)
					break;
				added++;
				cur_final = false;
			}
			char *a = after_type(v);
			if (final || !cur->address)
				explain_set(&cur->address, a, strlen(a));
			cur_final |= final;
			continue;
		}
		if (!cur) {
			/* per-recipient fields before any recipient:
			 * some reports omit Final-Recipient */
			if (!field_is(line, nlen, "Action") &&
			    !field_is(line, nlen, "Status") &&
			    !field_is(line, nlen, "Diagnostic-Code"))
				continue;
			cur = explain_result_add(res);
			if (!cur)
				break;
			added++;
			const char *fb = m->failed ? m->failed
						   : (m->orig_to ? m->orig_to
								 : "");
			explain_set(&cur->address, fb, strlen(fb));
		}
		if (field_is(line, nlen, "Action")) {
			char *a = after_type(v);
			explain_set(&cur->action, a, strlen(a));
		} else if (field_is(line, nlen, "Status")) {
			char s[16];
			if (explain_find_status(v, s))
				memcpy(cur->status, s, sizeof s);
			/* "4.0.0 (host name lookup failure)": the note as
			 * words, when asked for */
			char *open = strchr(v, '('), *close = strrchr(v, ')');
			if (notes && open && close > open + 1 &&
			    !cur->diagnostic)
				explain_set(&cur->diagnostic, open + 1,
					    (size_t)(close - open - 1));
		} else if (field_is(line, nlen, "Remote-MTA")) {
			char *a = after_type(v);
			explain_set(&cur->remote_host, a, strlen(a));
		} else if (field_is(line, nlen, "Diagnostic-Code")) {
			/* a program's exit keeps its type: "X-Unix; 255" */
			while (*v == ' ' || *v == '\t')
				v++;
			bool unix = strncasecmp(v, "x-unix;", 7) == 0;
			char *a = after_type(v);
			if (strlen(a) > MAX_DIAG)
				a[MAX_DIAG] = '\0';
			if (unix) {
				struct xbuf b = {0};
				xbuf_adds(&b, "X-Unix; ");
				xbuf_adds(&b, a);
				if (!b.oom)
					explain_set(&cur->diagnostic, b.p, b.n);
				xbuf_done(&b);
			} else {
				explain_set(&cur->diagnostic, a, strlen(a));
			}
		}
	}
	free(t);
	return added;
}
