/* helper_http.c — a loopback HTTP/1.0 file server (one connection at a
 * time, each closed after its answer), for the unit tests of discovery,
 * in place of python3 -m http.server: the same code on Linux and Windows. */
#include "tests/unit/helper_http.h"

#include "core/base/os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct http_job {
	int lfd;
	char dir[512];
};

static void send_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		long w = ho_write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* The request's head into buf; false when it does not come. */
static bool read_head(int fd, char *buf, size_t len)
{
	size_t n = 0;
	while (n + 1 < len) {
		long r = ho_read(fd, buf + n, len - 1 - n);
		if (r <= 0)
			return false;
		n += (size_t)r;
		buf[n] = '\0';
		if (strstr(buf, "\r\n\r\n"))
			return true;
	}
	return false;
}

/* The file of the request's path under dir, or NULL (404). */
static FILE *open_target(const char *dir, const char *head)
{
	if (strncmp(head, "GET /", 5) != 0)
		return NULL;
	const char *p = head + 4, *end = strchr(p, ' ');
	if (!end || end - p > 400 || strstr(head, ".."))
		return NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s%.*s", dir, (int)(end - p), p);
	return os_is_file(path) ? os_fopen(path, "rb") : NULL;
}

static void answer(int fd, const char *dir)
{
	char head[4096], line[256];
	if (!read_head(fd, head, sizeof head))
		return;
	FILE *f = open_target(dir, head);
	if (!f) {
		const char *nf = "HTTP/1.0 404 Not Found\r\n"
				 "Content-Length: 0\r\n"
				 "Connection: close\r\n\r\n";
		send_all(fd, nf, strlen(nf));
		return;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	snprintf(line, sizeof line,
		 "HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n"
		 "Content-Length: %ld\r\nConnection: close\r\n\r\n",
		 size);
	send_all(fd, line, strlen(line));
	char buf[16384];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		send_all(fd, buf, n);
	fclose(f);
}

static int http_main(void *arg)
{
	const struct http_job *j = arg;
	while (!ho_task_stopping()) {
		int r = ho_wait_readable(j->lfd, 100);
		if (r < 0)
			break;
		if (r == 0)
			continue;
		int fd = (int)accept(j->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		ho_recv_timeout(fd, 5000);
		answer(fd, j->dir);
		ho_close(fd);
	}
	ho_close(j->lfd);
	return 0;
}

struct ho_task *http_serve(const char *dir, int *port)
{
	struct http_job j;
	if (snprintf(j.dir, sizeof j.dir, "%s", dir) >= (int)sizeof j.dir)
		return NULL;
	j.lfd = peer_listen(false, port);
	if (j.lfd < 0)
		return NULL;
	struct ho_task *t = ho_task_start(http_main, &j, sizeof j, j.lfd, 0);
	if (!t)
		ho_close(j.lfd);
	return t;
}
