/* bench_explain_corpus.c — measures `maildoctor explain` against real
 * bounces: runs the classifier over $MD_SAMPLES/bounces/ *.eml and prints
 * how often status, reply code and reason agree with labels.tsv (the
 * answers of the sisimai project's tests). Only this measuring code reads
 * the labels. MD_BENCH_VERBOSE=1 lists the disagreements. */
#include "core/explain/explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap);
	size_t k;
	while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			char *np = realloc(p, cap *= 2);
			if (!np) {
				free(p);
				p = NULL;
			}
			p = np;
		}
	}
	fclose(f);
	*len = n;
	return p;
}

int main(void)
{
	const char *samples = getenv("MD_SAMPLES");
	if (!samples)
		samples = "../shared/samples";
	bool verbose = getenv("MD_BENCH_VERBOSE") != NULL;
	char path[4096];
	snprintf(path, sizeof path, "%s/bounces/labels.tsv", samples);
	FILE *lf = fopen(path, "r");
	if (!lf) {
		printf("explain corpus: no labels at %s (set MD_SAMPLES)\n",
		       path);
		return 0;
	}
	struct md_err err;
	struct rej_kb *kb = NULL;
	if (rej_kb_load_default(&kb, &err) != MD_OK) {
		printf("explain corpus: %s\n", err.text);
		return 1;
	}
	explain_global_init();
	char line[2048], cur[1024] = "";
	struct explain_result *res = NULL;
	unsigned total = 0, ok_status = 0, ok_reply = 0, ok_reason = 0,
		 ok_all = 0;
	bool header = true;
	while (fgets(line, sizeof line, lf)) {
		if (header) {
			header = false;
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		char *f[6] = {0};
		char *s = line;
		for (int i = 0; i < 6; i++) {
			f[i] = s;
			char *tab = s ? strchr(s, '\t') : NULL;
			if (tab)
				*tab = '\0';
			s = tab ? tab + 1 : NULL;
		}
		if (!f[5])
			continue;
		if (strcmp(cur, f[0]) != 0) {
			explain_result_free(res);
			res = NULL;
			snprintf(cur, sizeof cur, "%s", f[0]);
			snprintf(path, sizeof path, "%s/bounces/%s", samples,
				 f[0]);
			size_t len = 0;
			char *buf = slurp(path, &len);
			if (buf)
				explain_buffer(kb, buf, len, EXPLAIN_IN_UNKNOWN,
					       &res, &err);
			free(buf);
		}
		size_t idx = (size_t)atoi(f[1]);
		const struct explain_rcpt *r = res && idx >= 1 && idx <= res->n
						   ? &res->rcpts[idx - 1]
						   : NULL;
		total++;
		bool a = r && strcmp(r->status, f[2]) == 0;
		bool b = r && strcmp(r->reply, f[3]) == 0;
		bool c = r && r->reason && strcmp(r->reason, f[4]) == 0;
		ok_status += a;
		ok_reply += b;
		ok_reason += c;
		ok_all += a && b && c;
		if (verbose && !(a && b && c))
			printf("MISS %s#%zu want %s|%s|%s got %s|%s|%s [%s] "
			       "rule=%s diag=%.300s\n",
			       f[0], idx, f[2], f[3], f[4], r ? r->status : "-",
			       r ? r->reply : "-",
			       r && r->reason ? r->reason : "-",
			       r && r->mta ? r->mta : "",
			       r && r->match.rule ? r->match.rule->id : "",
			       r && r->diagnostic ? r->diagnostic : "");
	}
	explain_result_free(res);
	fclose(lf);
	rej_kb_free(kb);
	if (!total) {
		printf("explain corpus: no labelled recipients\n");
		return 0;
	}
	printf("explain corpus: %u recipients: status %.1f%%, reply code "
	       "%.1f%%, reason %.1f%%, all three %.1f%%\n",
	       total, 100.0 * ok_status / total, 100.0 * ok_reply / total,
	       100.0 * ok_reason / total, 100.0 * ok_all / total);
	return 0;
}
