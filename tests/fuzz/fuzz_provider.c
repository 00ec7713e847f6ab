/* fuzz_provider.c — libFuzzer target for the provider XML reader from
 * memory (the path fetched autoconfig answers take): any bytes either
 * fail cleanly or give a provider whose look-ups, settings and host
 * patterns run without a crash, a leak or an out-of-bounds read. */
#include "core/kb/kb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb *kb = kb_new();
	if (!kb)
		return 0;
	const struct kb_provider *p = NULL;
	struct md_err err;
	if (kb_add_memory(kb, (const char *)data, size, "fuzz", &p, &err) !=
	    MD_OK) {
		kb_free(kb);
		return 0;
	}
	/* A host name from the input's first bytes. */
	char host[64];
	size_t n = size < sizeof host - 1 ? size : sizeof host - 1;
	memcpy(host, data, n);
	host[n] = '\0';
	(void)kb_by_domain(kb, host);
	(void)kb_by_host(kb, host, NULL);
	(void)kb_by_ptr(kb, host, NULL);
	(void)kb_unfit_relay(kb, host);
	(void)kb_sender_restriction(p, host);
	const struct kb_alternate *alt[4];
	(void)kb_alternates(p, ACCT_PROTO_SMTP, host, 587, alt, 4);
	for (size_t i = 0; i < p->n_domains; i++)
		if (kb_by_domain(kb, p->domains[i].name) == NULL)
			abort(); /* a provider's own domain must find it */
	for (size_t i = 0; i < p->n_hosts; i++)
		(void)kb_host_match(p->hosts[i].pattern, host);
	struct kb_settings *s = NULL;
	if (kb_settings_for(p, "Fuzz.User@Example.JP", NULL, &s, &err) ==
	    MD_OK) {
		for (size_t i = 0; i < s->n_outgoing; i++)
			if (!s->outgoing[i].host)
				abort();
		kb_settings_free(s);
	}
	for (size_t i = 0; i < p->n_notes; i++)
		if (!kb_fact_text(p->notes[i].fact))
			abort(); /* notes always have a known text */
	kb_free(kb);
	return 0;
}
