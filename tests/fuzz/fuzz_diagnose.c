/* fuzz_diagnose.c — libFuzzer target for the diagnosis of what hostile
 * servers and DNS answers say: the SPF and DMARC records, the egress
 * address and its PTR name, a DNSBL's name, a server's reply, its AUTH
 * mechanisms and TLS problem word, and the outcome, purpose, port and
 * security of each probe row come from the input; the accounts are the S4
 * fixture profile and the knowledge base is the shipped one. Any input must
 * give findings without a crash, a leak or an out-of-bounds read, and every
 * finding must have an id, a summary and an explanation.
 *
 * Input: up to 10 fields separated by '\n' (spf, dmarc, reply, mechs, tls,
 * egress4, ptr, dnsbl, host, address), then each remaining byte picks one
 * thing about the rows. Run from the top of the tree (make check does). */
#include "clientcfg/tb/tb_accounts.h"
#include "core/diag/diagnose.h"
#include "core/kb/kb.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S4	 "tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release"
#define N_FIELDS 10
#define N_ROWS	 6

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kb *kb;
static struct acct_set *accounts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct md_err err;
	struct tb_profile p = {.name = "fuzz", .path = (char *)S4};
	accounts = acct_set_new();
	if (kb_load_default(NULL, &kb, &err) != MD_OK || !accounts ||
	    tb_read_profile(&p, accounts, NULL, &err) != MD_OK) {
		fprintf(stderr,
			"fuzz_diagnose: run from the top of the tree "
			"(needs assets/ and %s)\n",
			S4);
		abort();
	}
	return 0;
}

/* The next byte of the tail, or 0 when it is used up. */
static unsigned pick(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

static const char *const hosts[] = {
    "smtpa.jcom.zaq.ne.jp", "mail.shirao.example", "secure.plala.or.jp",
    "v6mail.plala.or.jp",   "smtp.gmail.com",	   NULL, /* fuzzed */
};
static const int ports[] = {25, 465, 587, 143, 993, 110, 995, 0};

static void assert_findings_whole(const struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = &l->items[i];
		if (!f->id || !f->summary || !f->explanation)
			abort();
		for (size_t j = 0; j < f->n_fixes; j++)
			if (!f->fixes[j] || !f->fixes[j]->id)
				abort();
	}
}

/* The probe rows of one input, from its choice bytes (at *tail) and
 * fields; their number. */
static size_t make_rows(struct diag_probe *rows, const uint8_t **tail,
			const uint8_t *end, char *const *field)
{
	memset(rows, 0, N_ROWS * sizeof *rows);
	size_t n_rows = pick(tail, end) % (N_ROWS + 1);
	for (size_t i = 0; i < n_rows; i++) {
		struct diag_probe *r = &rows[i];
		unsigned h = pick(tail, end) % (sizeof hosts / sizeof *hosts);
		r->row = i;
		r->purpose = (enum diag_purpose)(pick(tail, end) %
						 (DIAG_PORT25_TEST + 1));
		r->for_email =
		    pick(tail, end) & 1 ? "haha@shirao.example" : NULL;
		r->host = hosts[h] ? hosts[h] : (field[8] ? field[8] : "");
		r->address = pick(tail, end) & 1 ? field[9] : "198.51.100.20";
		r->family = pick(tail, end) & 1 ? 6 : 4;
		r->port =
		    ports[pick(tail, end) % (sizeof ports / sizeof *ports)];
		r->proto =
		    (enum acct_proto)(pick(tail, end) % (ACCT_PROTO_OTHER + 1));
		r->security =
		    (enum acct_security)(pick(tail, end) % (ACCT_SEC_AUTO + 1));
		r->outcome =
		    (enum md_outcome)(pick(tail, end) % (MD_OUT_CANCELLED + 1));
		unsigned bits = pick(tail, end);
		r->tls_problem = bits & 1 ? field[4] : NULL;
		r->starttls_offered = bits & 2;
		r->auth_offered = bits & 4;
		r->auth_mechs = bits & 8 ? field[3] : NULL;
		r->reply = bits & 16 ? field[2] : NULL;
	}
	return n_rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 20000)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* The fields, then the tail of choice bytes. */
	char *field[N_FIELDS] = {0};
	char *cur = text;
	size_t nf = 0;
	while (nf < N_FIELDS && cur) {
		field[nf++] = cur;
		char *nl = memchr(cur, '\n', (size_t)(text + size - cur));
		if (nl)
			*nl = '\0';
		cur = nl ? nl + 1 : NULL;
	}
	const uint8_t *tail = cur ? data + (cur - text) : data + size;
	const uint8_t *end = data + size;

	struct diag_probe rows[N_ROWS];
	size_t n_rows = make_rows(rows, &tail, end, field);
	unsigned bits = pick(&tail, end);
	struct diag_domain dom = {
	    .domain = "shirao.example",
	    .looked_up = bits & 1,
	    .spf = bits & 2 ? field[0] : NULL,
	    .dmarc = bits & 4 ? field[1] : NULL,
	};
	struct diag_dns dns = {
	    .any_answer = bits & 8,
	    .egress = {field[5], NULL},
	    .egress_ptr = {field[6], NULL},
	    .dnsbl_listed = bits & 16 ? field[7] : NULL,
	    .domains = &dom,
	    .n_domains = 1,
	};
	struct diag_input in = {
	    .accounts = accounts,
	    .kb = kb,
	    .offline = bits & 32,
	    .probes = rows,
	    .n_probes = n_rows,
	    .dns = bits & 64 ? NULL : &dns,
	};
	struct finding_list l;
	struct md_err err;
	if (diagnose(&in, &l, &err) == MD_OK) {
		assert_findings_whole(&l);
		finding_list_done(&l);
	}
	free(text);
	return 0;
}
