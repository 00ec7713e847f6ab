/* bounces.h — the messages that came back, found in the chosen accounts'
 * own Inbox (read, never changed), grouped by what went wrong into plain
 * sentences and tied to the finding each explains. Only these sentences,
 * their counts and the first date are kept: no address, no body. */
#ifndef MD_APP_BOUNCES_H
#define MD_APP_BOUNCES_H

#include "core/model/account.h"
#include "core/model/finding.h"

#include <stdbool.h>
#include <stddef.h>

#define BOUNCES_DAYS	  30 /* how far back the Inbox is looked into */
#define BOUNCES_MAX_LINES 8

/* One kind of bounce. */
struct bounce_line {
	const char *what;    /* English sentence (N_(), translate to show) */
	const char *finding; /* the finding id it names first, or NULL */
	const char *const *findings; /* every finding id it is evidence
					for (NULL-terminated), or NULL */
	char reason[32];	     /* explain's reason word of the first */
	size_t count;		     /* messages */
};

struct app_bounces {
	long long since; /* the window's start (seconds since 1970) */
	size_t total;	 /* messages that came back */
	size_t folders;	 /* Inboxes read */
	bool limited;	 /* only the newest part of a folder was read */
	struct bounce_line lines[BOUNCES_MAX_LINES];
	size_t n_lines;
};

/* "Now" for the window: MAILDOCTOR_TODAY (YYYY-MM-DD, for tests) or the
 * clock. */
long long bounces_now(void);

/* Read the Inbox of each account of set whose identity is one of the n
 * addresses (n == 0: every account), for the reports of the BOUNCES_DAYS
 * days before now. Fills out (zeroed first); a folder that cannot be read
 * counts as none. */
void bounces_find(const struct acct_set *set, const char *const *addresses,
		  size_t n, long long now, struct app_bounces *out);

/* Count one bounce of a folder into out: the line of its kind (by its
 * reason; an "expired" one by what its last refusal said, mb->cause; one
 * refused at MAIL FROM for an unknown reason as the sender's). */
struct mailbox_bounce;
void bounces_add(struct app_bounces *out, const struct mailbox_bounce *mb);

/* Whether line l is evidence for finding f. */
bool bounces_line_ties(const struct bounce_line *l, const struct finding *f);

/* The bounce lines that are evidence for finding f: at most max into
 * out, in the order of b->lines; returns how many. */
size_t bounces_tied(const struct app_bounces *b, const struct finding *f,
		    const struct bounce_line **out, size_t max);

/* The first bounce line that is evidence for finding f, or NULL. */
const struct bounce_line *bounces_for_finding(const struct app_bounces *b,
					      const struct finding *f);

/* The window's start (b->since), in UTC, written with strftime's
 * format into buf (len bytes); returns buf. */
const char *bounces_since(const struct app_bounces *b, const char *format,
			  char *buf, size_t len);

/* "3 of your messages came back since 20 November 2026: <what>",
 * translated, into buf. */
const char *bounces_sentence(const struct app_bounces *b,
			     const struct bounce_line *l, char *buf,
			     size_t len);

#endif
