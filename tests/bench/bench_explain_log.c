/* bench_explain_log.c — speed of `maildoctor explain` on a mail server log:
 * writes a generated 500 MB postfix log in build/ (MD_BENCH_LOG_MB to
 * change the size), reads it through the streaming log reader, times
 * `grep -c reject` on the same file, prints MB/s and the ratio, and
 * deletes the file. */
#include "core/explain/explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *const bounce_words[] = {
    "host mx%d.example.net[192.0.2.%d] said: 550 5.1.1 <u%d@example.net>: "
    "Recipient address rejected: User unknown in local recipient table "
    "(in reply to RCPT TO command)",
    "host mx%d.mail.icloud.com[17.172.34.%d] said: 550 5.7.0 Blocked - see "
    "https://support.proofpoint.com/dnsbl-lookup.cgi?ip=198.51.100.%d "
    "(in reply to MAIL FROM command)",
    "host gmail-smtp-in.l.google.com[142.250.%d.%d] said: 452-4.2.2 The "
    "email account that you tried to reach is over quota u%d "
    "(in reply to RCPT TO command)",
    "connect to mx%d.example.org[203.0.113.%d]:25: Connection timed out "
    "(%d)",
};

static size_t gen(const char *path, size_t want)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return 0;
	size_t n = 0;
	unsigned seq = 0;
	char line[1024], words[512];
	while (n < want) {
		unsigned k = seq++;
		int h = (int)(k % 24), m = (int)(k / 7 % 60), s = (int)(k % 60);
		int len;
		switch (k % 10) {
		case 0:
			len =
			    snprintf(line, sizeof line,
				     "Apr 11 %02d:%02d:%02d mail postfix/smtpd"
				     "[%u]: connect from unknown[198.51.100."
				     "%u]\n",
				     h, m, s, 1000 + k % 9000, k % 250);
			break;
		case 1:
		case 2:
			len = snprintf(line, sizeof line,
				       "Apr 11 %02d:%02d:%02d mail postfix/"
				       "cleanup[%u]: %08X: message-id=<%u.%u@"
				       "example.com>\n",
				       h, m, s, 1000 + k % 9000, k, k, k * 7);
			break;
		case 3:
		case 4:
			len = snprintf(line, sizeof line,
				       "Apr 11 %02d:%02d:%02d mail postfix/qmgr"
				       "[%u]: %08X: from=<sender%u@example.com>"
				       ", size=%u, nrcpt=1 (queue active)\n",
				       h, m, s, 1000 + k % 9000, k, k % 100,
				       2000 + k % 50000);
			break;
		case 5:
			if (k % 50 == 5) { /* 2% of lines: a failure */
				unsigned w = (k / 50) % 4;
				snprintf(words, sizeof words, bounce_words[w],
					 (int)(k % 9), (int)(k % 250),
					 (int)(k % 999));
				len = snprintf(
				    line, sizeof line,
				    "Apr 11 %02d:%02d:%02d mail postfix/smtp"
				    "[%u]: %08X: to=<u%u@example.net>, "
				    "relay=mx.example.net[192.0.2.%u]:25, "
				    "delay=2, delays=0.1/0/1.3/0.5, dsn=%s,"
				    " status=%s (%s)\n",
				    h, m, s, 1000 + k % 9000, k, k, k % 250,
				    w == 2   ? "4.2.2"
				    : w == 3 ? "4.4.1"
					     : "5.1.1",
				    w >= 2 ? "deferred" : "bounced", words);
				break;
			}
			/* fall through */
		default:
			len = snprintf(line, sizeof line,
				       "Apr 11 %02d:%02d:%02d mail postfix/smtp"
				       "[%u]: %08X: to=<u%u@example.net>, "
				       "relay=mx.example.net[192.0.2.%u]:25, "
				       "delay=1.2, delays=0.1/0/0.5/0.6, "
				       "dsn=2.0.0, status=sent (250 2.0.0 Ok: "
				       "queued as %08X)\n",
				       h, m, s, 1000 + k % 9000, k, k, k % 250,
				       k * 3);
		}
		fwrite(line, 1, (size_t)len, f);
		n += (size_t)len;
	}
	fclose(f);
	return n;
}

static bool count(const struct explain_rcpt *r, void *ud)
{
	(void)r;
	(*(size_t *)ud)++;
	return true;
}

int main(void)
{
	const char *mb_env = getenv("MD_BENCH_LOG_MB");
	size_t mb = mb_env ? (size_t)atol(mb_env) : 500;
	const char *path = "build/bench_explain.log";
	struct md_err err;
	struct rej_kb *kb = NULL;
	if (rej_kb_load_default(&kb, &err) != MD_OK) {
		printf("explain log: %s\n", err.text);
		return 1;
	}
	size_t size = gen(path, mb << 20);
	if (!size) {
		printf("explain log: cannot write %s\n", path);
		rej_kb_free(kb);
		return 1;
	}
	size_t found = 0;
	char *buf = malloc((size_t)1 << 20);
	double t0 = now();
	FILE *f = fopen(path, "rb");
	struct explain_log *lg = explain_log_new(kb, count, &found);
	size_t k;
	while (f && buf && lg && (k = fread(buf, 1, (size_t)1 << 20, f)) > 0)
		explain_log_feed(lg, buf, k);
	size_t lines = lg ? explain_log_finish(lg) : 0;
	double t_md = now() - t0;
	if (f)
		fclose(f);
	explain_log_free(lg);
	free(buf);

	char cmd[256];
	snprintf(cmd, sizeof cmd, "grep -c reject %s >/dev/null", path);
	t0 = now();
	int rc = system(cmd);
	double t_grep = now() - t0;
	remove(path);
	rej_kb_free(kb);
	double mbs = (double)size / (1 << 20) / t_md;
	printf("explain log: %.0f MB postfix log, %zu lines, %zu failures: "
	       "%.0f MB/s (%.2f s); grep -c reject %.2f s%s; ratio "
	       "explain/grep time %.2f\n",
	       (double)size / (1 << 20), lines, found, mbs, t_md, t_grep,
	       rc == -1 ? " (grep failed)" : "", t_md / t_grep);
	return 0;
}
