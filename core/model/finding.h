/* finding.h — what the diagnosis says: findings (id, severity, one plain
 * sentence, evidence, explanation, fixes) about the person's settings and
 * what the probes saw. Produced by core/diagnose.c, shown by every front
 * end, saved in reports. */
#ifndef MD_FINDING_H
#define MD_FINDING_H

#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stddef.h>

enum finding_severity {
	SEV_INFO,    /* worth knowing; nothing is broken */
	SEV_WARNING, /* works now, but unsafe or fragile */
	SEV_PROBLEM, /* mail fails for some recipients or some paths */
	SEV_BLOCKER, /* mail cannot go out at all */
};

enum evidence_kind {
	EV_PROBE,  /* a probe row: row is its index in check_rows() */
	EV_CONFIG, /* a setting: file and line */
	EV_DNS,	   /* a DNS answer (or its absence) */
	EV_TEXT,   /* a server's words, a transcript line */
};

struct evidence {
	enum evidence_kind kind;
	char *text;    /* one line a technician can copy, not translated */
	int row;       /* EV_PROBE: index of the probe row, else -1 */
	char *file;    /* EV_CONFIG: the file, else NULL */
	unsigned line; /* EV_CONFIG: the line, else 0 */
};

struct finding {
	const char *id; /* stable, e.g. "outgoing-server-mismatch" */
	enum finding_severity severity;
	char *identity;	   /* the address it is about, or NULL */
	char *summary;	   /* one plain sentence, translated */
	char *explanation; /* a longer plain text, translated */
	struct evidence *evidence;
	size_t n_evidence;
	struct fix **fixes; /* best first; each verified or marked not */
	size_t n_fixes;
	bool ask_server; /* the fix is another outgoing server for
			    identity, but none is known: its domain's
			    administrator must name it (the wizard
			    offers to type it) */
};

struct finding_list {
	struct finding *items; /* most serious first */
	size_t n;
};

/* Free every finding of the list and empty it. */
void finding_list_done(struct finding_list *list);

/* Stable words for JSON: "info", "warning", "problem", "blocker" (marked
 * for translation: the report shows them with _()). */
const char *finding_severity_word(enum finding_severity sev);

#endif
