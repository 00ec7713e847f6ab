/* kb_private.h — what the kb_*.c files share: the struct kb itself, its
 * arena (every provider's memory), and the document reader. */
#ifndef MD_KB_PRIVATE_H
#define MD_KB_PRIVATE_H

#include "core/kb/kb.h"

#include <stddef.h>

/* Largest provider file or fetched config the reader accepts. */
#define KB_MAX_DOC (1024 * 1024)

/* One block of the arena; blocks are freed all at once. */
struct kb_block {
	struct kb_block *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

/* Most security products an interceptors.conf may name. */
#define KB_MAX_INTERCEPTORS 64

struct kb {
	struct kb_block *arena;		/* everything the providers point to */
	struct kb_provider **providers; /* load order; replaced in place */
	size_t n, cap;
	struct kb_interceptor interceptors[KB_MAX_INTERCEPTORS];
	size_t n_interceptors;
};

/* Zeroed memory from kb's arena (lives until kb_free()); NULL when out of
 * memory. */
void *kb_alloc(struct kb *kb, size_t size);

/* A copy of s (len bytes, NUL added) in the arena; NULL on no memory. */
char *kb_strndup(struct kb *kb, const char *s, size_t len);

/* Read a parsed document (a libxml2 xmlDoc, passed as void * so that no
 * libxml2 type appears here) into a new provider in kb's arena. strict:
 * the document passed the schema (text ids are still checked). Returns
 * MD_OK with *out set, MD_ERR_PARSE or MD_ERR_NOMEM. */
enum md_status kb_read_doc(struct kb *kb, void *doc, const char *file,
			   struct kb_provider **out, struct md_err *err);

/* Put p in kb, replacing a provider with the same id. */
enum md_status kb_put(struct kb *kb, struct kb_provider *p, struct md_err *err);

/* Plausible host name (letters, digits, '-', '.', ISPDB placeholders),
 * at most 253 bytes. */
bool kb_host_ok(const char *s);

#endif
