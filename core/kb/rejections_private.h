/* rejections_private.h — what rejections.c (loading) and
 * rejections_match.c (matching a reply, filling a template) share: the
 * loaded knowledge base's layout. Nobody else includes it. */
#ifndef MD_REJECTIONS_PRIVATE_H
#define MD_REJECTIONS_PRIVATE_H

#include "core/kb/rejections.h"

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>

/* A list of strings, each owned. */
struct strv {
	char **v;
	size_t n;
};

struct patv {
	pcre2_code **v;
	size_t n;
};

struct rule_impl {
	struct strv status;  /* prefixes, any */
	struct strv reply;   /* prefixes, any */
	struct strv command; /* exact, any */
	struct strv mta;     /* exact, any */
	struct patv rhost;   /* any */
	struct patv text;    /* any */
	struct patv not ;    /* none */
};

struct mta_sig {
	char *id;
	struct patv headers;
	struct patv body;
};

struct rej_kb {
	struct rej_reason *reasons;
	size_t n_reasons;
	struct rej_rule *rules;
	size_t n_rules;
	struct mta_sig *mtas;
	size_t n_mtas;
	struct patv cut;
	struct patv lead; /* lines after which the failed recipients come */
	struct strv pool; /* every string the structs above point to */
	/* every compiled pattern, once per distinct source (code_src[i] is
	 * the source of codes.v[i]): the vectors above share them, so the
	 * same remote-host pattern of a service's rules is compiled once
	 * and matched once per query */
	struct patv codes;
	struct strv code_src;
};

#endif
