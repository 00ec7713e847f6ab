/* explain_family.c — what the software that wrote a bounce does its own
 * way, as sisimai's per-MTA parsers read it: whose report wins (the text or
 * the delivery-status part), where a recipient's words end, and which
 * status code a report implies when it gives none. Keyed by the family id
 * that rejections.xml's <mta> signatures detect; the texts themselves stay
 * in rejections.xml. */
#include "core/explain/explain_private.h"

#include <stdio.h>
#include <string.h>

/* The traits of one family. */
struct family {
	const char *id;	 /* <mta id="..."> of rejections.xml */
	bool text_first; /* its text report wins over its DSN part */
	bool one_line;	 /* a recipient's words end with its line */
	void (*status)(const struct rej_kb *kb, struct explain_rcpt *r);
	void (*words)(struct explain_rcpt *r); /* before the classifier */
};

/* The pseudo status of reason name, temporary (4.x) or not; NULL when
 * the reason has none. */
static const char *pseudo(const struct rej_kb *kb, const char *name,
			  bool temporary)
{
	const struct rej_reason *rs = rej_kb_reason(kb, name);
	if (!rs)
		return NULL;
	return temporary && rs->pseudo4 ? rs->pseudo4 : rs->pseudo5;
}

static void set_status(struct explain_rcpt *r, const char *code)
{
	if (code)
		snprintf(r->status, sizeof r->status, "%s", code);
}

/* Exim (transports/smtp.c, retry.c): a reply to MAIL FROM is reported
 * with the "onhold" code of the reply's class, whatever the words say;
 * an expiry or a full mailbox without any code is temporary. */
static void exim_status(const struct rej_kb *kb, struct explain_rcpt *r)
{
	if (r->status[0] || !r->failed)
		return;
	bool mail = r->command && strcmp(r->command, "MAIL") == 0;
	if (mail && (r->reply[0] == '4' || r->reply[0] == '5'))
		set_status(r, pseudo(kb, "onhold", r->reply[0] == '4'));
	else if (!r->reply[0] && (strcmp(r->reason, "expired") == 0 ||
				  strcmp(r->reason, "mailboxfull") == 0))
		set_status(r, pseudo(kb, r->reason, true));
}

/* Amazon SES (sisimai's Sisimai::Lhost::AmazonSES): a status that says
 * only the class or "bad address" (x.0.0, x.1.0) gives way to the code of
 * the remote server's reply SES quotes in its words: "5.1.0 - Unknown
 * address error 550-'5.7.1 <...>... Access denied' (delivery attempts:
 * 0)" is 5.7.1. */
static void ses_words(struct explain_rcpt *r)
{
	size_t n = strlen(r->status);
	const char *d = r->diagnostic;
	if (!d || n < 5 ||
	    !(strcmp(r->status + n - 4, ".0.0") == 0 ||
	      strcmp(r->status + n - 4, ".1.0") == 0))
		return;
	const char *a = strstr(d, "-'"), *z = strrchr(d, '\'');
	char q = '\'';
	if (!a) {
		a = strstr(d, "-\""), z = strrchr(d, '"');
		q = '"';
	}
	if (!a || !z || z <= a + 2 || *z != q)
		return;
	char inner[512], st[16];
	size_t k = (size_t)(z - (a + 2));
	if (k >= sizeof inner)
		k = sizeof inner - 1;
	memcpy(inner, a + 2, k);
	inner[k] = '\0';
	if (explain_find_status(inner, st))
		set_status(r, st);
}

/* Gmail's own reports (Sisimai::Lhost::Gmail's statetable, p5-sisimai
 * lib/Sisimai/Lhost/Gmail.pm): the remote server's reply quoted with
 * "(state N)" names the SMTP step it answered and a reason. The reason
 * stands unless the status found in the words is a specific one (no
 * ".0" in it: then the status decides, as Gmail.pm lets
 * Sisimai::SMTP::Status name it), or it is one sisimai decides again from
 * the words (Sisimai::Reason.retry: systemerror, userunknown): states 6,
 * 8, 9 and 14 give only their command. */
static void gmail_words(struct explain_rcpt *r)
{
	static const struct {
		int state;
		const char *command, *reason;
	} table[] = {
	    {6, "MAIL", NULL},	      {8, "AUTH", NULL},
	    {9, "AUTH", NULL},	      {12, "AUTH", "norelaying"},
	    {13, "HELO", "blocked"},  {14, "RCPT", NULL},
	    {15, "DATA", "filtered"}, {17, "DATA", "filtered"},
	    {18, "DATA", "filtered"},
	};
	const char *p = r->diagnostic ? strstr(r->diagnostic, "(state ") : NULL;
	int state = -1;
	if (!p || sscanf(p, "(state %d)", &state) != 1)
		return;
	char st[16] = "";
	if (r->status[0])
		snprintf(st, sizeof st, "%s", r->status);
	else
		explain_find_status(r->diagnostic, st);
	bool specific = st[0] && !strstr(st, ".0");
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i].state != state)
			continue;
		explain_set(&r->command, table[i].command,
			    strlen(table[i].command));
		if (!specific && table[i].reason)
			r->reason = table[i].reason;
	}
}

static const struct family families[] = {
    {"exim", false, false, exim_status, NULL},
    {"opensmtpd", true, true, NULL, NULL},
    {"amazonses", false, false, NULL, ses_words},
    {"gmail", false, false, NULL, gmail_words},
};

static const struct family *find(const char *mta)
{
	for (size_t i = 0; mta && i < sizeof families / sizeof families[0]; i++)
		if (strcmp(families[i].id, mta) == 0)
			return &families[i];
	return NULL;
}

bool explain_family_text_first(const char *mta)
{
	const struct family *f = find(mta);
	return f && f->text_first;
}

bool explain_family_one_line(const char *mta)
{
	const struct family *f = find(mta);
	return f && f->one_line;
}

void explain_family_status(const struct rej_kb *kb, struct explain_rcpt *r)
{
	const struct family *f = find(r->mta);
	if (f && f->status)
		f->status(kb, r);
}

void explain_family_words(struct explain_rcpt *r)
{
	const struct family *f = find(r->mta);
	if (f && f->words)
		f->words(r);
}
