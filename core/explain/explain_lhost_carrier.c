/* explain_lhost_carrier.c — the reports of mobile carriers' gateways whose
 * text the general scanner reads without their own verdict: Verizon
 * Wireless's SMS gateway (vtext.com) and MMS gateway (vzwpix.com).
 *
 * Facts from sisimai's Sisimai::Lhost::Verizon (rb-sisimai
 * lib/sisimai/lhost/verizon.rb, p5-sisimai lib/Sisimai/Lhost/Verizon.pm):
 * the report came through a host "*.vtext.com (" (a Received: header);
 * From: post_master@vtext.com is the SMS form, From: sysadmin@*.vzwpix.com
 * the MMS form. SMS: the report starts at a line "Error: ", each
 * "  RCPT TO: addr" line is a recipient, a line "NNN - words" its words,
 * "550 - Requested action not taken: no such user here" userunknown.
 * MMS: it starts at "Message could not be delivered to mobile", each
 * "To: addr" line is a recipient, a line "Error: words" its words, "No
 * valid recipients for this MM" userunknown. */
#include "core/explain/explain_private.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Did any Received: header pass through a "*.vtext.com (" host? */
static bool via_vtext(const char *hb)
{
	for (const char *p = hb; (p = strstr(p, "\nReceived:")); p++) {
		const char *e = p + 1;
		while ((e = strchr(e, '\n')) && (e[1] == ' ' || e[1] == '\t'))
			e++;
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (explain_span_has(p, n, ".vtext.com ("))
			return true;
	}
	return false;
}

/* 1: the SMS form, 0: the MMS form, -1: not Verizon (Verizon.make()). */
static int form_of(const char *hb)
{
	if (!via_vtext(hb))
		return -1;
	size_t n = 0;
	const char *from = explain_header_value(hb, "\nFrom:", &n);
	if (!from)
		return -1;
	if (explain_span_has(from, n, "post_master@vtext.com"))
		return 1;
	while (n && (from[n - 1] == ' ' || from[n - 1] == '>'))
		n--;
	if (n > 11 && strncasecmp(from + n - 11, ".vzwpix.com", 11) == 0 &&
	    explain_span_has(from, n, "sysadmin@"))
		return 0;
	return -1;
}

/* The value after prefix at the start of [p, p + n) (after blanks when
 * indented), or NULL. */
static const char *after(const char *p, size_t n, const char *prefix,
			 bool indented, size_t *k)
{
	size_t i = 0;
	while (indented && i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (indented && i == 0)
		return NULL;
	size_t l = strlen(prefix);
	if (n - i < l || strncasecmp(p + i, prefix, l) != 0)
		return NULL;
	i += l;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	*k = n - i;
	while (*k && (p[i + *k - 1] == ' ' || p[i + *k - 1] == '\r'))
		(*k)--;
	return p + i;
}

/* "NNN - words": the SMS form's words line. */
static bool words_line(const char *p, size_t n)
{
	return n > 6 && isdigit((unsigned char)p[0]) &&
	       isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
	       (p[3] == ' ' || p[3] == '\t') && p[4] == '-' &&
	       (p[5] == ' ' || p[5] == '\t');
}

static void finish(struct explain_rcpt *r, const char *diag, size_t dn,
		   int form)
{
	if (!diag)
		return;
	explain_set(&r->diagnostic, diag, dn);
	const char *uu = form ? "550 - Requested action not taken: no such "
				"user here"
			      : "No valid recipients for this MM";
	if (explain_span_has(diag, dn, uu))
		r->reason = "userunknown";
}

size_t explain_lhost_verizon(const struct explain_msg *m,
			     struct explain_result *res)
{
	int form = form_of(m->headers);
	if (form < 0)
		return 0;
	const char *start = form ? "Error:"
				 : "Message could not be delivered "
				   "to mobile";
	size_t first = res->n, k, dn = 0;
	const char *diag = NULL, *v;
	bool reading = false;
	for (const char *p = m->human; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (!reading) {
			reading = strncmp(p, start, strlen(start)) == 0;
			/* "Error: 550 - words" opens the SMS form */
			if (reading && form &&
			    (v = after(p, n, "Error:", false, &k)) &&
			    words_line(v, k))
				diag = v, dn = k;
		} else if ((v = after(p, n, form ? "RCPT TO:" : "To:", form,
				      &k)) &&
			   k) {
			struct explain_rcpt *r = explain_result_add(res);
			if (!r)
				break;
			explain_set(&r->address, v, k);
		} else if (form && words_line(p, n)) {
			diag = p, dn = n;
		} else if (!form && (v = after(p, n, "Error:", false, &k))) {
			diag = v, dn = k;
		}
		p = e ? e + 1 : p + n;
	}
	for (size_t i = first; i < res->n; i++)
		finish(&res->rcpts[i], diag, dn, form);
	return res->n - first;
}
