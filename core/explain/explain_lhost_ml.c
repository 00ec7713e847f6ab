/* explain_lhost_ml.c — the reports of mailing-list managers, whose text
 * the general scanner does not read as a bounce: fml (a mailing-list
 * server common in Japan) writes to the list's -admin address when it
 * refuses or loops an article.
 *
 * Facts from sisimai's Sisimai::Lhost::FML (rb-sisimai
 * lib/sisimai/lhost/fml.rb, p5-sisimai lib/Sisimai/Lhost/FML.pm): such a
 * report has an X-MLServer: header, a From: of an "-admin@" address and a
 * Message-Id "<digits.FML...@...>"; the text before "Original mail as
 * follows:" names each address as "<addr>." at the end of a line, the
 * line being its words; the reason comes from the words (ErrorTable:
 * rejected, systemerror, securityerror), else from the Subject
 * (ErrorTitle). */
#include "core/explain/explain_private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* FML.inquire()'s three header checks. */
static bool is_fml(const char *hb)
{
	size_t n = 0;
	if (!explain_header_value(hb, "\nX-MLServer:", &n))
		return false;
	const char *from = explain_header_value(hb, "\nFrom:", &n);
	if (!from || !explain_span_has(from, n, "-admin@"))
		return false;
	const char *id = explain_header_value(hb, "\nMessage-Id:", &n);
	if (!id || n < 8 || id[0] != '<' || !isdigit((unsigned char)id[1]))
		return false;
	size_t d = 1;
	while (d < n && isdigit((unsigned char)id[d]))
		d++;
	return d + 4 <= n && strncmp(id + d, ".FML", 4) == 0 &&
	       memchr(id + d, '@', n - d);
}

struct words_reason {
	const char *words, *reason;
};

/* FML's ErrorTable: words of the report's lines, in its order. */
static const struct words_reason table[] = {
    {"NOT MEMBER article from ", "rejected"},
    {"reject mail from ", "rejected"},
    {"header may cause mail loop", "rejected"},
    {"reject spammers:", "rejected"},
    {"You are not a member of this mailing list", "rejected"},
    {"Duplicated Message-ID", "systemerror"},
    {"has detected a loop condition so that", "systemerror"},
    {"Loop Back Warning:", "systemerror"},
    {"Security alert:", "securityerror"},
};

/* FML's ErrorTitle: words of the Subject, when the lines said nothing. */
static const struct words_reason title[] = {
    {"NOT MEMBER article from ", "rejected"},
    {"reject mail ", "rejected"},
    {"Spam mail from a spammer is rejected", "rejected"},
    {" are not member", "rejected"},
    {"fml system error message", "systemerror"},
    {"Loop Alert: ", "systemerror"},
    {"Loop Back Warning: ", "systemerror"},
    {"WARNING: UNIX FROM Loop", "systemerror"},
    {"Security Alert", "securityerror"},
};

static const char *reason_of(const struct words_reason *t, size_t n,
			     const char *s, size_t len)
{
	for (size_t i = 0; s && i < n; i++)
		if (explain_span_has(s, len, t[i].words))
			return t[i].reason;
	return NULL;
}

/* The address of a line ending in "<addr>." (FML's recipient line). */
static bool line_address(const char *p, size_t n, const char **a, size_t *k)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	if (n < 5 || p[n - 1] != '.' || p[n - 2] != '>')
		return false;
	const char *lt = NULL;
	for (size_t i = n - 2; i-- > 0;)
		if (p[i] == '<') {
			lt = p + i;
			break;
		}
	if (!lt)
		return false;
	*a = lt + 1;
	*k = (size_t)(p + n - 2 - *a);
	return *k && memchr(*a, '@', *k) && !memchr(*a, ' ', *k);
}

size_t explain_lhost_fml(const struct explain_msg *m,
			 struct explain_result *res)
{
	if (!is_fml(m->headers))
		return 0;
	const char *end = strstr(m->human, "Original mail as follows:");
	if (!end)
		end = m->human + strlen(m->human);
	size_t first = res->n, sn = 0;
	const char *subj = explain_header_value(m->headers, "\nSubject:", &sn);
	for (const char *p = m->human; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		const char *a;
		size_t k;
		if (line_address(p, n, &a, &k)) {
			struct explain_rcpt *r = explain_result_add(res);
			if (!r)
				break;
			explain_set(&r->address, a, k);
			explain_set(&r->diagnostic, p, n);
			r->reason = reason_of(
			    table, sizeof table / sizeof *table, p, n);
			if (!r->reason)
				r->reason = reason_of(
				    title, sizeof title / sizeof *title, subj,
				    sn);
		}
		p = e ? e + 1 : end;
	}
	return res->n - first;
}
