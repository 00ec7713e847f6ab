/* explain_many.h — reads many inputs in one process: files, a Maildir
 * folder (cur/ and new/), an mbox file (message after message, each with
 * the byte offset of its "From " line) or standard input ("-"), and hands
 * each message's result to a callback. Bounded: 64 MiB per message, 4 GiB
 * in all; files are opened through os_fopen (UTF-8 paths on Windows). */
#ifndef MD_EXPLAIN_MANY_H
#define MD_EXPLAIN_MANY_H

#include "core/explain/explain.h"

/* A message (or a log, or a bare reply) larger than this is refused. */
#define EXPLAIN_MANY_MAX_MESSAGE ((size_t)64 << 20)
/* All inputs together may not pass this. */
#define EXPLAIN_MANY_MAX_TOTAL ((unsigned long long)4 << 30)

/* One message read. */
struct explain_item {
	const char *file;	    /* the path it came from, "-" for stdin */
	long long offset;	    /* mbox: offset of its "From " line; -1 */
	struct explain_result *res; /* borrowed for the call */
};

/* Return false to stop reading. */
typedef bool (*explain_item_cb)(const struct explain_item *it, void *ud);

struct explain_many {
	const struct rej_kb *kb;
	explain_item_cb cb;
	void *ud;
	unsigned long long total; /* bytes read so far */
	size_t items;		  /* messages handed to cb */
	bool stopped;		  /* cb returned false */
};

/* Read path (a file, a Maildir folder, or "-") and call m->cb for each
 * message. MD_OK; MD_ERR_IO (cannot open or read), MD_ERR_TOOBIG,
 * MD_ERR_PARSE (not mail), MD_ERR_NOMEM, with err's text for the person. */
enum md_status explain_many_path(struct explain_many *m, const char *path,
				 struct md_err *err);

#endif
