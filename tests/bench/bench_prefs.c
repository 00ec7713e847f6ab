/* bench_prefs.c — prefs.js parse speed on a generated 10 MB file, next to
 * `wc -l` reading the same file in the same run (best of 5 each). */
#include "clientcfg/tb/prefs.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A Thunderbird-like prefs.js: header, sorted lines of every kind. */
static char *generate(size_t target, size_t *len)
{
	char *buf = malloc(target + 512);
	size_t n =
	    (size_t)snprintf(buf, 512, "// Mozilla User Preferences\n\n");
	for (unsigned i = 0; n < target; i++) {
		char line[300];
		int k;
		switch (i % 4) {
		case 0:
			k = snprintf(
			    line, sizeof line,
			    "user_pref(\"mail.smtpserver.smtp%u.hostname\", "
			    "\"smtp%u.example.jp\");\n",
			    i, i);
			break;
		case 1:
			k = snprintf(
			    line, sizeof line,
			    "user_pref(\"mail.server.server%u.port\", %u);\n",
			    i, 993 + i % 7);
			break;
		case 2:
			k = snprintf(
			    line, sizeof line,
			    "user_pref(\"mail.identity.id%u.fullName\", "
			    "\"\\u767D\\u5C3E %u \\\"quoted\\\"\");\n",
			    i, i);
			break;
		default:
			k = snprintf(line, sizeof line,
				     "user_pref(\"mail.server.server%u.check_"
				     "new_mail\", "
				     "true); // comment\n",
				     i);
		}
		memcpy(buf + n, line, (size_t)k);
		n += (size_t)k;
	}
	*len = n;
	return buf;
}

static double time_wc(const char *path)
{
	char *argv[] = {"wc", "-l", (char *)path, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	double t0 = now();
	pid_t pid;
	if (posix_spawnp(&pid, "wc", &fa, NULL, argv, environ) != 0)
		return -1;
	int status;
	waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	return now() - t0;
}

int main(void)
{
	size_t len;
	char *buf = generate(10u << 20, &len);
	char path[] = "/tmp/md-bench-prefs-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len)
		return 3;
	close(fd);

	double best_parse = 1e9, best_wc = 1e9;
	size_t entries = 0;
	for (int run = 0; run < 5; run++) {
		double t0 = now();
		struct prefs_file *pf = NULL;
		struct md_err err;
		if (prefs_load(path, &pf, &err) != MD_OK)
			return 3;
		double t = now() - t0;
		entries = pf->n_entries;
		prefs_free(pf);
		if (t < best_parse)
			best_parse = t;
		double w = time_wc(path);
		if (w > 0 && w < best_wc)
			best_wc = w;
	}
	unlink(path);
	free(buf);
	double mb = len / 1e6;
	printf("prefs.js parse: %.1f MB in %.1f ms = %.0f MB/s (%zu prefs; aim "
	       "> 200 MB/s)\n",
	       mb, best_parse * 1e3, mb / best_parse, entries);
	printf("baseline wc -l: %.1f ms = %.0f MB/s\n", best_wc * 1e3,
	       mb / best_wc);
	printf("ratio parse/wc time: %.2f\n", best_parse / best_wc);
	return 0;
}
