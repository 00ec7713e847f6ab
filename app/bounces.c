/* bounces.c — the bounces already in the person's Inbox, in plain words
 * (bounces.h): clientcfg says where the Inbox is, core/explain's
 * mailbox_scan reads it, and each reason becomes one sentence tied to the
 * finding it is evidence for. */
#include "app/bounces.h"
#include "clientcfg/clients.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/explain/explain.h"
#include "core/explain/mailbox_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reasons (explain's taxonomy, sisimai v5's names) -> what the person
 * reads, and the findings of a check that name its cause on this side,
 * its own first. First match wins; "*" is the rest. sisimai v5's
 * "authfailure" is SPF/DKIM/DMARC (lib/Sisimai/Reason/AuthFailure.pm:
 * "Email rejected due to SPF, DKIM, DMARC failure"), not a login: the
 * refused login is "securityerror". */
#define MAX_TIES 5
static const struct {
	const char *reasons; /* space-separated, padded with spaces */
	const char *what;
	const char *findings[MAX_TIES]; /* NULL-terminated */
} kinds[] = {
    {" blocked requireptr badreputation ",
     N_("the receiving server did not accept mail from the server you send "
	"through"),
     {"relay-no-forward-dns", "outgoing-server-mismatch", "egress-on-dnsbl",
      "spf-excludes-relay", NULL}},
    {" rejected ",
     N_("the server refused your address as the sender"),
     {"sender-domain-rejected", "outgoing-server-mismatch", NULL}},
    {" authfailure ",
     N_("the receiving server found that your domain's SPF, DKIM or DMARC "
	"check failed"),
     {"spf-excludes-relay", "dmarc-missing", "outgoing-server-mismatch", NULL}},
    {" securityerror ",
     N_("the server you send through refused the login or the connection"),
     {"auth-failed", NULL}},
    {" norelaying ",
     N_("the server refused to pass the message on: it was sent without "
	"logging in"),
     {"auth-not-offered", "auth-failed", NULL}},
    {" spamdetected policyviolation contenterror virusdetected ",
     N_("the receiving server refused the message's content"),
     {NULL}},
    {" userunknown hasmoved ",
     N_("the address you wrote to does not exist"),
     {NULL}},
    {" mailboxfull ", N_("the recipient's mailbox is full"), {NULL}},
    {" hostunknown ", N_("the recipient's mail domain was not found"), {NULL}},
    {" notaccept ",
     N_("the recipient's mail domain does not take mail"),
     {NULL}},
    {" mesgtoobig exceedlimit ",
     N_("the message was too big for the receiving server"),
     {NULL}},
    {" toomanyconn speeding ",
     N_("the receiving server was busy with too many connections or "
	"messages"),
     {NULL}},
    {" expired ", N_("the message could not be delivered in time"), {NULL}},
    {"*", N_("the receiving side did not deliver it"), {NULL}},
};
#define N_KINDS	 (sizeof kinds / sizeof *kinds)
#define K_SENDER 1
#define K_REST	 (N_KINDS - 1)

long long bounces_now(void)
{
	const char *t = os_getenv("MAILDOCTOR_TODAY");
	int y, m, d;
	if (t && sscanf(t, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		char date[64];
		static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
						  "May", "Jun", "Jul", "Aug",
						  "Sep", "Oct", "Nov", "Dec"};
		if (m >= 1 && m <= 12) {
			snprintf(date, sizeof date, "%d %s %d 12:00:00 +0000",
				 d, mon[m - 1], y);
			long long v = mailbox_date_parse(date, strlen(date));
			if (v >= 0)
				return v;
		}
	}
	return (long long)time(NULL);
}

/* The kind whose list has word, or K_REST. */
static size_t kind_by_word(const char *reason)
{
	char word[40];
	snprintf(word, sizeof word, " %s ", reason);
	for (size_t k = 0; k < K_REST; k++)
		if (strstr(kinds[k].reasons, word))
			return k;
	return K_REST;
}

/* The kind of mb, and in *word the reason it was told by. A report that
 * only says the message expired (or nothing) is told by what its last
 * refusal said (mb->cause): S4's relay deferred by "Helo command
 * rejected: Host not found" until it gave up is the relay's problem, not
 * time's. */
static size_t kind_of(const struct mailbox_bounce *mb, const char **word)
{
	size_t k = kind_by_word(mb->reason);
	*word = mb->reason;
	if ((k == K_REST || strcmp(mb->reason, "expired") == 0) &&
	    mb->cause[0]) {
		size_t c = kind_by_word(mb->cause);
		if (c != K_REST && strcmp(mb->cause, "expired") != 0) {
			*word = mb->cause;
			return c;
		}
	}
	if (k == K_REST && strcmp(mb->command, "MAIL") == 0)
		return K_SENDER; /* refused at MAIL FROM: the sender */
	return k;
}

void bounces_add(struct app_bounces *out, const struct mailbox_bounce *mb)
{
	const char *word;
	size_t k = kind_of(mb, &word);
	out->total++;
	for (size_t i = 0; i < out->n_lines; i++)
		if (out->lines[i].what == kinds[k].what) {
			out->lines[i].count++;
			return;
		}
	if (out->n_lines == BOUNCES_MAX_LINES)
		return;
	struct bounce_line *l = &out->lines[out->n_lines++];
	l->what = kinds[k].what;
	l->findings = kinds[k].findings;
	l->finding = kinds[k].findings[0];
	snprintf(l->reason, sizeof l->reason, "%s",
		 k == K_REST ? "other" : word);
	l->count = 1;
}

static bool wanted(const struct acct_account *a, const char *const *addr,
		   size_t n)
{
	if (n == 0)
		return true;
	for (size_t i = 0; i < a->n_identities; i++)
		for (size_t k = 0; k < n; k++)
			if (a->identities[i].email &&
			    strcasecmp(a->identities[i].email, addr[k]) == 0)
				return true;
	return false;
}

static void scan_one(const struct rej_kb *kb, const char *path,
		     struct app_bounces *out, char (*seen)[4096],
		     size_t *n_seen)
{
	for (size_t i = 0; i < *n_seen; i++)
		if (strcmp(seen[i], path) == 0)
			return; /* two accounts deferring to one Inbox */
	if (*n_seen < 16)
		snprintf(seen[(*n_seen)++], sizeof *seen, "%s", path);
	struct mailbox_scan ms = {0};
	if (mailbox_scan_path(kb, path, out->since, NULL, &ms, NULL) == MD_OK)
		out->folders++;
	out->limited |= ms.limited;
	for (size_t i = 0; i < ms.n; i++)
		bounces_add(out, &ms.items[i]);
	mailbox_scan_done(&ms);
}

void bounces_find(const struct acct_set *set, const char *const *addresses,
		  size_t n, long long now, struct app_bounces *out)
{
	memset(out, 0, sizeof *out);
	out->since = now - (long long)BOUNCES_DAYS * 86400;
	struct rej_kb *kb = NULL;
	if (!set || rej_kb_load_default(&kb, NULL) != MD_OK)
		return;
	explain_global_init();
	char(*seen)[4096] = calloc(16, sizeof *seen);
	size_t n_seen = 0;
	if (!seen) {
		rej_kb_free(kb);
		return;
	}
	for (size_t i = 0; i < set->n_accounts; i++) {
		char path[4096];
		if (!wanted(&set->accounts[i], addresses, n) ||
		    clients_inbox(set, i, path, sizeof path, NULL) != MD_OK)
			continue;
		scan_one(kb, path, out, seen, &n_seen);
	}
	free(seen);
	rej_kb_free(kb);
}

bool bounces_line_ties(const struct bounce_line *l, const struct finding *f)
{
	for (size_t k = 0; l->findings && k < MAX_TIES && l->findings[k]; k++)
		if (strcmp(l->findings[k], f->id) == 0)
			return true;
	return false;
}

size_t bounces_tied(const struct app_bounces *b, const struct finding *f,
		    const struct bounce_line **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_lines && n < max; i++)
		if (bounces_line_ties(&b->lines[i], f))
			out[n++] = &b->lines[i];
	return n;
}

const struct bounce_line *bounces_for_finding(const struct app_bounces *b,
					      const struct finding *f)
{
	const struct bounce_line *l = NULL;
	return bounces_tied(b, f, &l, 1) ? l : NULL;
}

const char *bounces_since(const struct app_bounces *b, const char *format,
			  char *buf, size_t len)
{
	time_t t = (time_t)b->since;
	struct tm tm;
#ifdef _WIN32
	gmtime_s(&tm, &t);
#else
	gmtime_r(&t, &tm);
#endif
	strftime(buf, len, format, &tm);
	return buf;
}

const char *bounces_sentence(const struct app_bounces *b,
			     const struct bounce_line *l, char *buf, size_t len)
{
	char date[64];
	/* TRANSLATORS: the date since when bounces are counted, strftime
	 * form; Japanese: "%Y年%m月%d日" */
	bounces_since(b, _("%d %B %Y"), date, sizeof date);
	snprintf(buf, len,
		 ngettext("%zu of your messages came back since %s: %s",
			  "%zu of your messages came back since %s: %s",
			  l->count),
		 l->count, date, _(l->what));
	return buf;
}
