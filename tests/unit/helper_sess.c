/* helper_sess.c — one protocol dialogue against a scripted peer, for the
 * unit tests of session.c, smtp.c, imap.c, pop3.c and tls.c. */
#include "tests/unit/helper_sess.h"

#include "core/proto/imap.h"
#include "core/net/loop.h"
#include "core/proto/pop3.h"
#include "core/proto/smtp.h"

#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int give_password(void *ud, const char *user, char *buf, size_t size)
{
	struct hs_run *r = ud;
	(void)user;
	r->password_calls++;
	if (!r->password)
		return -1;
	snprintf(buf, size, "%s", r->password);
	return (int)strlen(buf);
}

static void on_done(void *ud)
{
	struct hs_run *r = ud;
	r->done_calls++;
}

static void on_trace(void *ud, const char *from, const char *to)
{
	struct hs_run *r = ud;
	size_t n = strlen(r->trace);
	snprintf(r->trace + n, sizeof r->trace - n, "%s>%s ", from, to);
}

void hs_defaults(struct hs_run *r)
{
	memset(r, 0, sizeof *r);
	r->p.host = "mail.test.example";
	r->p.security = SESS_SEC_PLAIN;
	r->p.reply_timeout_ms = 2000;
	r->p.password = give_password;
	r->p.password_ud = r;
	r->p.on_done = on_done;
	r->p.trace = on_trace;
	r->p.ud = r;
	r->p.ts = &r->ts;
}

/* A connected non-blocking client socket and the peer's end. */
static void make_pair(bool tcp, const struct peer_step *steps, const char *cert,
		      int *client, struct ho_task **pid)
{
	if (!tcp) {
		int sv[2];
		if (ho_sockpair(sv) != 0)
			abort();
		*pid = peer_spawn(sv[1], steps, cert);
		*client = sv[0];
	} else {
		int port;
		int lfd = peer_listen(false, &port);
		if (lfd < 0)
			abort();
		*pid = peer_spawn_listen(lfd, steps, cert);
		int fd = (int)socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in a = {.sin_family = AF_INET,
					.sin_port = htons((uint16_t)port)};
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
			abort();
		*client = fd;
	}
	ho_nonblock(*client);
}

void hs_play(struct hs_run *r, enum hs_proto proto,
	     const struct peer_step *steps, const char *cert, bool tcp)
{
	struct loop *loop = loop_new();
	struct md_err err;
	int fd;
	struct ho_task *pid;
	ho_net_init();
	transcript_init(&r->ts, loop_now(loop));
	sess_result_init(&r->res, loop_now(loop));
	make_pair(tcp, steps, cert, &fd, &pid);
	static const struct sess_proto *const protos[] = {
	    [HS_SMTP] = &smtp_proto,
	    [HS_IMAP] = &imap_proto,
	    [HS_POP3] = &pop3_proto};
	struct sess *s =
	    sess_start(loop, fd, protos[proto], &r->p, &r->res, &err);
	if (!s)
		abort();
	uint64_t t0 = loop_clock_ms();
	while (r->done_calls == 0 && loop_clock_ms() - t0 < 10000)
		loop_run_once(loop, 100, &err);
	sess_free(s);
	r->peer_status = peer_wait(pid);
	loop_free(loop);
}

bool hs_transcript_has(const struct hs_run *r, const char *needle)
{
	for (size_t i = 0; i < r->ts.n; i++)
		if (strstr(r->ts.lines[i].text, needle))
			return true;
	return false;
}

void hs_done(struct hs_run *r)
{
	sess_result_done(&r->res);
	transcript_done(&r->ts);
}
