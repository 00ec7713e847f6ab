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

/* Reasons (explain's taxonomy) → what the person reads, and the finding
 * that names the cause on this side. First match wins; "*" is the rest. */
static const struct {
	const char *reasons; /* space-separated, padded with spaces */
	const char *what;
	const char *finding;
} kinds[] = {
    {" blocked requireptr badreputation norelaying spamdetected ",
     N_("the receiving server did not accept mail from the server you send "
	"through"),
     "relay-no-forward-dns"},
    {" rejected policyviolation notaccept ",
     N_("the server refused your address as the sender"),
     "sender-domain-rejected"},
    {" authfailure securityerror ",
     N_("the server you send through refused the login or the connection"),
     "auth-failed"},
    {" userunknown hasmoved ", N_("the address you wrote to does not exist"),
     NULL},
    {" mailboxfull ", N_("the recipient's mailbox is full"), NULL},
    {" hostunknown ", N_("the recipient's mail domain was not found"), NULL},
    {" expired ", N_("the message could not be delivered in time"), NULL},
    {"*", N_("the receiving side did not deliver it"), NULL},
};

/* The findings a "did not accept the server you send through" bounce is
 * evidence for, besides its own. */
static const char *const server_findings[] = {
    "relay-no-forward-dns", "outgoing-server-mismatch", "egress-on-dnsbl",
    "spf-excludes-relay", NULL};

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

static size_t kind_of(const struct mailbox_bounce *mb)
{
	char word[40];
	snprintf(word, sizeof word, " %s ", mb->reason);
	size_t n = sizeof kinds / sizeof *kinds;
	for (size_t k = 0; k + 1 < n; k++)
		if (strstr(kinds[k].reasons, word))
			return k;
	if (strcmp(mb->command, "MAIL") == 0)
		return 1; /* refused at MAIL FROM: the sender */
	return n - 1;
}

static void add(struct app_bounces *out, const struct mailbox_bounce *mb)
{
	size_t k = kind_of(mb);
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
	l->finding = kinds[k].finding;
	snprintf(l->reason, sizeof l->reason, "%s",
		 kinds[k].reasons[0] == '*' ? "other" : mb->reason);
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
		add(out, &ms.items[i]);
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

const struct bounce_line *bounces_for_finding(const struct app_bounces *b,
					      const struct finding *f)
{
	for (size_t i = 0; i < b->n_lines; i++) {
		const struct bounce_line *l = &b->lines[i];
		if (!l->finding)
			continue;
		if (strcmp(l->finding, f->id) == 0)
			return l;
		if (strcmp(l->finding, server_findings[0]) == 0)
			for (size_t k = 1; server_findings[k]; k++)
				if (strcmp(server_findings[k], f->id) == 0)
					return l;
	}
	return NULL;
}

const char *bounces_sentence(const struct app_bounces *b,
			     const struct bounce_line *l, char *buf, size_t len)
{
	time_t t = (time_t)b->since;
	struct tm tm;
#ifdef _WIN32
	gmtime_s(&tm, &t);
#else
	gmtime_r(&t, &tm);
#endif
	char date[64];
	/* TRANSLATORS: the date since when bounces are counted, strftime
	 * form; Japanese: "%Y年%m月%d日" */
	strftime(date, sizeof date, _("%d %B %Y"), &tm);
	snprintf(buf, len,
		 ngettext("%zu of your messages came back since %s: %s",
			  "%zu of your messages came back since %s: %s",
			  l->count),
		 l->count, date, _(l->what));
	return buf;
}
