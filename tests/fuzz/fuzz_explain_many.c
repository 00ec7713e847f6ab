/* fuzz_explain_many.c — libFuzzer target: any bytes through explain_many
 * (explain_many.c) as a file on disk (a message, an mbox or a log: the
 * reader decides) or, when the first byte is 'D', as a Maildir whose cur/
 * and new/ files are the input's NUL-separated pieces (at most 8). The
 * files live in one temporary folder made at start and emptied after each
 * input (Linux only, like every fuzz target). */
#include "core/explain/explain.h"
#include "tests/fuzz/fuzz_kb.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PIECES 8

static struct rej_kb *kb;
static char dir[256];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void md_dirs(int make)
{
	char p[300];
	snprintf(p, sizeof p, "%s/md/cur", dir);
	make ? mkdir(p, 0700) : rmdir(p);
	snprintf(p, sizeof p, "%s/md/new", dir);
	make ? mkdir(p, 0700) : rmdir(p);
}

static void cleanup(void)
{
	char p[300];
	for (int i = 0; i < MAX_PIECES; i++) {
		snprintf(p, sizeof p, "%s/md/%s/%d", dir, i % 2 ? "new" : "cur",
			 i);
		unlink(p);
	}
	md_dirs(0);
	snprintf(p, sizeof p, "%s/md", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/input", dir);
	unlink(p);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_kb_load(&kb);
	snprintf(dir, sizeof dir, "/tmp/md-fuzz-many-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	char p[300];
	snprintf(p, sizeof p, "%s/md", dir);
	if (mkdir(p, 0700) != 0)
		abort();
	md_dirs(1);
	atexit(cleanup);
	return 0;
}

static void put(const char *path, const uint8_t *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n && fwrite(data, 1, n, f) != n)
		abort();
	fclose(f);
}

/* Every result is read through as the front end does. */
static bool on_item(const struct explain_item *it, void *ud)
{
	size_t *count = ud;
	(*count)++;
	if (!it->file || !it->res)
		abort();
	for (size_t i = 0; i < it->res->n; i++) {
		free(explain_summary(&it->res->rcpts[i]));
		free(explain_advice(&it->res->rcpts[i]));
	}
	return *count < 64;
}

static void run(const char *path)
{
	size_t count = 0;
	struct explain_many m = {.kb = kb, .cb = on_item, .ud = &count};
	struct md_err err;
	md_err_clear(&err);
	explain_many_path(&m, path, &err);
	if (m.items != count)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char p[300];
	if (size == 0 || data[0] != 'D') {
		snprintf(p, sizeof p, "%s/input", dir);
		put(p, data, size);
		run(p);
		unlink(p);
		return 0;
	}
	const uint8_t *s = data + 1, *end = data + size;
	int n = 0;
	while (s <= end && n < MAX_PIECES) {
		const uint8_t *z = memchr(s, 0, (size_t)(end - s));
		const uint8_t *e = z ? z : end;
		snprintf(p, sizeof p, "%s/md/%s/%d", dir, n % 2 ? "new" : "cur",
			 n);
		put(p, s, (size_t)(e - s));
		n++;
		if (!z)
			break;
		s = z + 1;
	}
	snprintf(p, sizeof p, "%s/md", dir);
	run(p);
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/md/%s/%d", dir, i % 2 ? "new" : "cur",
			 i);
		unlink(p);
	}
	return 0;
}
