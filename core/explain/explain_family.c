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

static const struct family families[] = {
    {"exim", false, false, exim_status},
    {"opensmtpd", true, true, NULL},
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
