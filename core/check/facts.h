/* facts.h — the DNS questions of a check, as a job of its own: the egress
 * address the world sees and its PTR name (which access network am I
 * on?), whether that address is on a block list, and the SPF and DMARC
 * records of each sender domain. The names it asks about are data
 * (assets/netfacts.conf, facts_names_load()). The check starts the job,
 * hears of every answer through on_answer, and hands facts_dns() to the
 * diagnosis. */
#ifndef MD_FACTS_H
#define MD_FACTS_H

#include "core/base/err.h"
#include "core/diag/diagnose.h"

#include <stdbool.h>
#include <stddef.h>

struct dns;
struct loop;
struct facts;

/* The names of assets/netfacts.conf; each NULL when not said. */
struct facts_names {
	char *dnsbl;	   /* block list zone, "zen.spamhaus.org" */
	char *egress_name; /* TXT name answered with the asker's address */
	char *egress_ns;   /* the name server to ask it of */
};

/* Read path (assets/netfacts.conf) into out (emptied first; free with
 * facts_names_done()). A missing file leaves every name NULL and is no
 * error; MD_ERR_NOMEM only. */
enum md_status facts_names_load(const char *path, struct facts_names *out,
				struct md_err *err);
void facts_names_done(struct facts_names *n);

struct facts_params {
	struct loop *loop;
	struct dns *dns;		 /* the check's resolver (borrowed) */
	unsigned dns_ms;		 /* the wait of a resolver the job makes
					    (core/base/limits.h) */
	const struct facts_names *names; /* borrowed, outlives the job */
	char *const *domains; /* sender domains (borrowed, outlive) */
	size_t n_domains;
	/* An answer came (or a question gave up): facts_pending() may be 0
	 * now. Also from inside facts_start() (an answer at once). */
	void (*on_answer)(void *ud);
	void *ud;
};

/* A job for p (nothing asked yet); NULL on no memory. */
struct facts *facts_new(const struct facts_params *p);

/* Ask the questions. MD_ERR_NOMEM only. */
enum md_status facts_start(struct facts *f, struct md_err *err);

/* Questions not answered yet (0 for NULL). */
size_t facts_pending(const struct facts *f);

/* What the answers said so far (borrowed, valid until facts_free()). */
const struct diag_dns *facts_dns(const struct facts *f);

/* Forget the questions in flight; on_answer is not called any more. */
void facts_cancel(struct facts *f);

void facts_free(struct facts *f);

#endif
