/* bench_explain_corpus.c — measures `maildoctor explain` against real
 * bounces: runs the classifier over $MD_SAMPLES/bounces/ *.eml and prints
 * how often status, reply code and reason agree with labels.tsv (the
 * answers of the sisimai project's tests). Only this measuring code reads
 * the labels. Each file is scored in the part tests/fixtures/bounces/split.tsv
 * gives it (tools/bounce_split.py): "tune" may be read while writing rules,
 * "held" is only scored. MD_BENCH_VERBOSE=1 lists the disagreements of the
 * tune part only (held messages are not to be looked at). */
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

/* The part of a file name in split.tsv: 0 tune, 1 held, -1 not listed. */
struct split {
	char (*name)[256];
	int *part;
	size_t n;
};

static void split_load(struct split *sp)
{
	FILE *f = fopen("tests/fixtures/bounces/split.tsv", "r");
	char line[512];
	size_t cap = 0;
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab || strcmp(line, "file\tpart") == 0)
			continue;
		*tab = '\0';
		if (sp->n == cap) {
			cap = cap ? cap * 2 : 512;
			sp->name = realloc(sp->name, cap * sizeof *sp->name);
			sp->part = realloc(sp->part, cap * sizeof *sp->part);
			if (!sp->name || !sp->part)
				exit(1);
		}
		snprintf(sp->name[sp->n], sizeof sp->name[0], "%.255s", line);
		sp->part[sp->n++] = strcmp(tab + 1, "held") == 0;
	}
	if (f)
		fclose(f);
}

static int split_part(const struct split *sp, const char *name)
{
	for (size_t i = 0; i < sp->n; i++)
		if (strcmp(sp->name[i], name) == 0)
			return sp->part[i];
	return -1;
}

struct score {
	unsigned total, status, reply, reason, all;
};

static void score_print(const char *what, const struct score *s)
{
	if (!s->total)
		return;
	printf("explain corpus %s: %u recipients: reason %.1f%%, status "
	       "%.1f%%, reply code %.1f%%, all three %.1f%%\n",
	       what, s->total, 100.0 * s->reason / s->total,
	       100.0 * s->status / s->total, 100.0 * s->reply / s->total,
	       100.0 * s->all / s->total);
}

/* The three parts' figures (tune, held, all). */
static void report(const struct score *parts)
{
	if (!parts[2].total) {
		printf("explain corpus: no labelled recipients\n");
		return;
	}
	score_print("tune", &parts[0]);
	score_print("held", &parts[1]);
	score_print("all", &parts[2]);
}

/* A line of labels.tsv into its six tab-separated fields (in place);
 * false when it has fewer. */
static bool split_fields(char *line, char *f[6])
{
	line[strcspn(line, "\r\n")] = '\0';
	char *s = line;
	for (int i = 0; i < 6; i++) {
		f[i] = s;
		char *tab = s ? strchr(s, '\t') : NULL;
		if (tab)
			*tab = '\0';
		s = tab ? tab + 1 : NULL;
	}
	return f[5] != NULL;
}

/* One recipient's three answers (status, reply, reason right) into its
 * part (0 tune, 1 held) and into all (2). */
static void score_add(struct score *parts, int part, bool a, bool b, bool c)
{
	for (int k = 0; k < 3; k++) {
		if (k < 2 && k != part)
			continue;
		parts[k].total++;
		parts[k].status += a;
		parts[k].reply += b;
		parts[k].reason += c;
		parts[k].all += a && b && c;
	}
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
	struct split sp = {0};
	split_load(&sp);
	struct score parts[3] = {{0}}; /* tune, held, all */
	int cur_part = -1;
	bool header = true;
	while (fgets(line, sizeof line, lf)) {
		if (header) {
			header = false;
			continue;
		}
		char *f[6] = {0};
		if (!split_fields(line, f))
			continue;
		if (strcmp(cur, f[0]) != 0) {
			explain_result_free(res);
			res = NULL;
			snprintf(cur, sizeof cur, "%s", f[0]);
			cur_part = split_part(&sp, f[0]);
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
		bool a = r && strcmp(r->status, f[2]) == 0;
		bool b = r && strcmp(r->reply, f[3]) == 0;
		bool c = r && r->reason && strcmp(r->reason, f[4]) == 0;
		score_add(parts, cur_part, a, b, c);
		if (verbose && cur_part == 0 && !(a && b && c))
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
	free(sp.name);
	free(sp.part);
	report(parts);
	return 0;
}
