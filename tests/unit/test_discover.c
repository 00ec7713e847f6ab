/* test_discover.c — settings discovery: the URL list in Thunderbird's
 * order, fetched configs read by the kb's reader, SRV answers, the MX
 * guess, probe candidates, the HTTP glue (libcurl multi on the loop)
 * against a loopback file server (helper_http.c), HTTPS verification with
 * --ca-file against a scripted TLS peer, and the chain end to end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/check/discover.h"
#include "core/base/os.h"
#include "tests/unit/helper_http.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"
#include "tests/unit/helper_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the tests share: the kb, and the loopback HTTP server. */
struct fixture {
	struct kb *kb;
	struct ho_task *server;
	int port;
	char dir[512];
};

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = os_fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static const char served_config[] =
    "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">"
    "<emailProvider id=\"served.example\"><domain>served.example</domain>"
    "<displayName>S</displayName>"
    "<incomingServer type=\"imap\"><hostname>imap.served.example"
    "</hostname><port>993</port><socketType>SSL</socketType>"
    "<username>%EMAILLOCALPART%</username>"
    "<authentication>password-cleartext</authentication>"
    "</incomingServer><outgoingServer type=\"smtp\"><hostname>"
    "smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL"
    "</socketType><username>%EMAILADDRESS%</username>"
    "<authentication>password-cleartext</authentication>"
    "</outgoingServer></emailProvider></clientConfig>\n";

/* The loopback file server on a free port, in a temp folder holding the
 * files the tests fetch. */
static void start_server(struct fixture *fx)
{
	assert_true(ho_mkdtemp(fx->dir, sizeof fx->dir, "md-disc"));
	char path[600];
	snprintf(path, sizeof path, "%s/.well-known", fx->dir);
	ho_mkdir(path);
	snprintf(path, sizeof path, "%s/.well-known/autoconfig", fx->dir);
	ho_mkdir(path);
	snprintf(path, sizeof path, "%s/.well-known/autoconfig/mail", fx->dir);
	ho_mkdir(path);
	snprintf(path, sizeof path,
		 "%s/.well-known/autoconfig/mail/config-v1.1.xml", fx->dir);
	write_file(path, served_config, strlen(served_config));
	snprintf(path, sizeof path, "%s/garbage.xml", fx->dir);
	write_file(path, "<clientConfig><oops", 19);
	size_t big = 2 * 1024 * 1024;
	char *buf = malloc(big);
	assert_non_null(buf);
	memset(buf, 'x', big);
	snprintf(path, sizeof path, "%s/big.xml", fx->dir);
	write_file(path, buf, big);
	free(buf);
	fx->server = http_serve(fx->dir, &fx->port);
	assert_non_null(fx->server);
	assert_true(fx->port > 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	const char *dirs[] = {"assets/providers", "tests/fixtures/providers",
			      NULL};
	struct md_err err;
	if (!fx ||
	    kb_load(dirs, "assets/providers.rng", &fx->kb, &err) != MD_OK)
		return -1;
	start_server(fx);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	if (fx->server)
		ho_task_stop(fx->server);
	if (fx->dir[0] && !ho_rmtree(fx->dir))
		return -1;
	kb_free(fx->kb);
	free(fx);
	return 0;
}

static void test_discover_urls_order(void **state)
{
	(void)state;
	char u[3][DISCOVER_URL_MAX];
	struct md_err err;
	assert_int_equal(discover_urls("taro@Example.JP", u, &err), MD_OK);
	assert_string_equal(u[0],
			    "https://autoconfig.example.jp/mail/"
			    "config-v1.1.xml?emailaddress=taro%40Example.JP");
	assert_string_equal(
	    u[1],
	    "https://example.jp/.well-known/autoconfig/mail/config-v1.1.xml");
	assert_string_equal(
	    u[2], "https://autoconfig.thunderbird.net/v1.1/example.jp");
	assert_int_equal(discover_urls("a+b&c@x.example", u, &err), MD_OK);
	assert_non_null(strstr(u[0], "emailaddress=a%2Bb%26c%40x.example"));
	static const char *const bad[] = {
	    "noat",
	    "a@",
	    "@x.example",
	    "a@b",
	    "a@-x.example",
	    "a@x..example",
	    "a@x example.com",
	    "a@x.example/evil",
	    "a@x.example?q",
	    NULL,
	};
	for (size_t i = 0; bad[i]; i++)
		if (discover_urls(bad[i], u, &err) != MD_ERR_USAGE)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(discover_urls(NULL, u, &err), MD_ERR_USAGE);
	assert_string_equal(discover_step_name(DISCOVER_WELLKNOWN),
			    "well-known");
}

static char *read_sample(const char *name, size_t *len)
{
	const char *root = os_getenv("MD_SAMPLES");
	char path[512];
	snprintf(path, sizeof path, "%s/ispdb/%s",
		 root ? root : "../shared/samples", name);
	return hf_read_file(path, len);
}

static void test_discover_parse_config(void **state)
{
	(void)state;
	size_t len = 0;
	char *buf = read_sample("ocn.ne.jp.xml", &len);
	if (!buf)
		skip();
	struct kb_settings *s = NULL;
	struct md_err err;
	assert_int_equal(discover_parse_config(buf, len, "hana@ocn.ne.jp",
					       "https://x/", &s, &err),
			 MD_OK);
	free(buf);
	assert_string_equal(s->source, "https://x/");
	assert_string_equal(s->outgoing[0].host, "smtp.ocn.ne.jp");
	assert_int_equal(s->outgoing[0].port, 465);
	assert_int_equal(s->outgoing[0].security, ACCT_SEC_TLS);
	assert_string_equal(s->outgoing[0].user, "hana@ocn.ne.jp");
	assert_null(s->outgoing[0].fact);
	assert_int_equal(s->incoming[0].proto, ACCT_PROTO_POP3);
	kb_settings_free(s);
	/* The pre-2010 format (no version, auth "plain"). */
	buf = read_sample("abc.plala.or.jp_removed-2022.xml", &len);
	assert_non_null(buf);
	assert_int_equal(discover_parse_config(buf, len, "u@abc.plala.or.jp",
					       "old", &s, &err),
			 MD_OK);
	free(buf);
	assert_string_equal(s->outgoing[0].host, "abc.mail.plala.or.jp");
	assert_int_equal(s->outgoing[0].security, ACCT_SEC_PLAIN);
	assert_int_equal(s->outgoing[0].auth, ACCT_AUTH_PASSWORD);
	assert_string_equal(s->outgoing[0].user, "u");
	kb_settings_free(s);
	const char *no_out = "<clientConfig><emailProvider id=\"a.example\">"
			     "<incomingServer type=\"imap\"><hostname>i.a."
			     "example</hostname></incomingServer>"
			     "</emailProvider></clientConfig>";
	assert_int_equal(discover_parse_config(no_out, strlen(no_out),
					       "u@a.example", "t", &s, &err),
			 MD_ERR_NOTFOUND);
	assert_int_equal(
	    discover_parse_config("<x", 2, "u@a.example", "t", &s, &err),
	    MD_ERR_PARSE);
}

static void test_discover_from_srv(void **state)
{
	(void)state;
	/* The lab's records for shirao.example (tests/lab/zone.conf). */
	const struct discover_srv srv[] = {
	    {"_submission._tcp", 0, 1, 587, "mail.shirao.example."},
	    {"_submissions._tcp", 0, 1, 465, "mail.shirao.example."},
	    {"_imap._tcp", 10, 1, 143, "mail.shirao.example."},
	    {"_imaps._tcp", 0, 1, 993, "mail.shirao.example."},
	    {"_pop3s._tcp", 0, 1, 995, "mail.shirao.example."},
	    {"_pop3._tcp", 0, 0, 0, "."},
	};
	struct kb_settings *s = NULL;
	struct md_err err;
	assert_int_equal(
	    discover_from_srv(srv, 6, "mama@shirao.example", &s, &err), MD_OK);
	assert_string_equal(s->source, "srv");
	assert_int_equal(s->n_outgoing, 2);
	assert_int_equal(s->outgoing[0].port, 465);
	assert_int_equal(s->outgoing[0].security, ACCT_SEC_TLS);
	assert_string_equal(s->outgoing[0].host, "mail.shirao.example");
	assert_int_equal(s->outgoing[1].port, 587);
	assert_int_equal(s->outgoing[1].security, ACCT_SEC_STARTTLS);
	assert_int_equal(s->n_incoming, 3);
	assert_int_equal(s->incoming[0].port, 993);
	assert_int_equal(s->incoming[1].port, 143);
	assert_int_equal(s->incoming[2].proto, ACCT_PROTO_POP3);
	assert_string_equal(s->incoming[0].user, "mama@shirao.example");
	kb_settings_free(s);
	/* Hostile answers leave nothing. */
	const struct discover_srv bad[] = {
	    {"_pop3._tcp", 0, 0, 0, "."},
	    {"_submission._tcp", 0, 0, 0, "mail.x.example"},
	    {"_submission._tcp", 0, 0, 70000, "mail.x.example"},
	    {"_smtp._tcp", 0, 0, 25, "mail.x.example"},
	    {"_submission._tcp", 0, 0, 587, "bad host"},
	    {"_submission._tcp", 0, 0, 587, NULL},
	    {NULL, 0, 0, 587, "mail.x.example"},
	};
	assert_int_equal(discover_from_srv(bad, 7, "a@x.example", &s, &err),
			 MD_ERR_NOTFOUND);
	assert_int_equal(discover_from_srv(NULL, 0, "a@x.example", &s, &err),
			 MD_ERR_NOTFOUND);
	size_t n = 0;
	assert_non_null(discover_srv_services(&n));
	assert_int_equal(n, 6);
}

static void test_discover_from_mx(void **state)
{
	struct fixture *fx = *state;
	struct kb_settings *s = NULL;
	struct md_err err;
	assert_int_equal(discover_from_mx(fx->kb, "mail.shirao.example.",
					  "papa@shirao.example", &s, &err),
			 MD_OK);
	assert_string_equal(s->provider_id, "shirao-family");
	assert_string_equal(s->source, "mx:mail.shirao.example");
	assert_string_equal(s->outgoing[0].user, "papa");
	kb_settings_free(s);
	assert_int_equal(discover_from_mx(fx->kb, "gmail-smtp-in.l.google.com",
					  "x@own.example", &s, &err),
			 MD_OK);
	assert_string_equal(s->provider_id, "gmail");
	kb_settings_free(s);
	assert_int_equal(discover_from_mx(fx->kb, "mx.plala.or.jp",
					  "x@abc.plala.or.jp", &s, &err),
			 MD_OK);
	assert_string_equal(s->provider_id, "plala");
	kb_settings_free(s);
	assert_int_equal(discover_from_mx(fx->kb, "mx.unknown.example",
					  "x@unknown.example", &s, &err),
			 MD_ERR_NOTFOUND);
	assert_int_equal(discover_from_mx(fx->kb, "", "x@a.example", &s, &err),
			 MD_ERR_NOTFOUND);
	assert_int_equal(
	    discover_from_mx(fx->kb, NULL, "x@a.example", &s, &err),
	    MD_ERR_NOTFOUND);
}

static void test_discover_guess(void **state)
{
	(void)state;
	struct kb_settings *s = NULL;
	struct md_err err;
	assert_int_equal(discover_guess("a@Own.Example", &s, &err), MD_OK);
	assert_string_equal(s->source, "guess");
	assert_int_equal(s->n_outgoing, 6);
	assert_string_equal(s->outgoing[0].host, "smtp.own.example");
	assert_int_equal(s->outgoing[0].port, 587);
	assert_string_equal(s->outgoing[2].host, "mail.own.example");
	assert_string_equal(s->outgoing[4].host, "own.example");
	assert_int_equal(s->outgoing[5].port, 465);
	assert_int_equal(s->n_incoming, 6);
	assert_string_equal(s->incoming[0].host, "imap.own.example");
	assert_string_equal(s->incoming[3].host, "pop.own.example");
	kb_settings_free(s);
	assert_int_equal(discover_guess("bad", &s, &err), MD_ERR_USAGE);
}

/* Collects one HTTP result and stops the loop. */
struct got {
	enum md_status st;
	size_t len;
	char why[256];
	int calls;
};

static void on_got(void *ud, enum md_status st, const char *url,
		   const char *body, size_t len, const char *why)
{
	struct got *g = ud;
	g->st = st;
	g->len = len;
	snprintf(g->why, sizeof g->why, "%s", why);
	g->calls++;
}

static struct got fetch(struct fixture *fx, const char *path, bool allow_http,
			unsigned timeout_ms)
{
	struct loop *loop = loop_new();
	struct md_err err;
	struct discover_http *h =
	    discover_http_new(loop, allow_http, NULL, &err);
	assert_non_null(h);
	char url[256];
	if (path[0] == '/')
		snprintf(url, sizeof url, "http://127.0.0.1:%d%s", fx->port,
			 path);
	else
		snprintf(url, sizeof url, "%s", path);
	struct got g = {MD_ERR_INTERNAL, 0, "", 0};
	assert_int_equal(
	    discover_http_get(h, url, timeout_ms, on_got, &g, &err), MD_OK);
	assert_int_equal(g.calls, 0); /* never from inside the call */
	uint64_t until = loop_clock_ms() + 15000;
	while (g.calls == 0 && loop_clock_ms() < until)
		assert_int_equal(loop_run_once(loop, 100, &err), MD_OK);
	discover_http_free(h);
	assert_true(loop_idle(loop));
	loop_free(loop);
	return g;
}

static void test_discover_http_loopback(void **state)
{
	struct fixture *fx = *state;
	struct got g =
	    fetch(fx, "/.well-known/autoconfig/mail/config-v1.1.xml", true, 0);
	assert_int_equal(g.calls, 1);
	assert_int_equal(g.st, MD_OK);
	assert_int_equal(g.len, strlen(served_config));
	g = fetch(fx, "/missing.xml", true, 0);
	assert_int_equal(g.st, MD_ERR_NOTFOUND);
	assert_string_equal(g.why, "HTTP 404");
	g = fetch(fx, "/big.xml", true, 0);
	assert_int_equal(g.st, MD_ERR_TOOBIG);
	/* Plain http is refused unless allowed (tests only). */
	g = fetch(fx, "/missing.xml", false, 0);
	assert_int_equal(g.st, MD_ERR_NET);
	/* A closed port on loopback. */
	g = fetch(fx, "http://127.0.0.1:1/x", true, 2000);
	assert_int_equal(g.st, MD_ERR_NET);
	assert_true(g.why[0] != '\0');
}

/* One HTTPS GET of a scripted loopback server presenting cert, trusting
 * the system's store plus ca (NULL: the system's only). */
static struct got fetch_https(const char *cert, const char *ca)
{
	static const struct peer_step steps[] = {
	    {PEER_TLS, NULL, 0},
	    {PEER_EXPECT, "GET /config.xml HTTP/1.1", 0},
	    {PEER_SEND,
	     "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	     "Connection: close\r\n\r\nok",
	     0},
	    {PEER_END, NULL, 0},
	};
	int port;
	int lfd = peer_listen(false, &port);
	assert_true(lfd >= 0);
	struct ho_task *pid = peer_spawn_listen(lfd, steps, cert);
	assert_non_null(pid);
	struct loop *loop = loop_new();
	struct md_err err;
	struct discover_http *h = discover_http_new(loop, false, ca, &err);
	assert_non_null(h);
	char url[128];
	snprintf(url, sizeof url, "https://127.0.0.1:%d/config.xml", port);
	struct got g = {MD_ERR_INTERNAL, 0, "", 0};
	assert_int_equal(discover_http_get(h, url, 5000, on_got, &g, &err),
			 MD_OK);
	uint64_t until = loop_clock_ms() + 15000;
	while (g.calls == 0 && loop_clock_ms() < until)
		assert_int_equal(loop_run_once(loop, 100, &err), MD_OK);
	discover_http_free(h);
	loop_free(loop);
	peer_wait(pid);
	return g;
}

/* HTTPS is verified: --ca-file's CA is trusted (added through the OpenSSL
 * context), a server it did not issue is not, nor the CA without it. */
static void test_discover_https_verified_ca_file(void **state)
{
	(void)state;
	char dir[512], ca[600], good[600], other[600];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-disc"));
	assert_true(certs_make(dir));
	snprintf(ca, sizeof ca, "%s/ca.pem", dir);
	snprintf(good, sizeof good, "%s/good.pem", dir);
	snprintf(other, sizeof other, "%s/unknownca.pem", dir);
	struct got g = fetch_https(good, ca);
	assert_int_equal(g.calls, 1);
	assert_int_equal(g.st, MD_OK);
	assert_int_equal(g.len, 2);
	g = fetch_https(good, NULL);
	assert_int_equal(g.st, MD_ERR_NET);
	g = fetch_https(other, ca);
	assert_int_equal(g.st, MD_ERR_NET);
	g = fetch_https(good, "/nonexistent/ca.pem");
	assert_int_equal(g.st, MD_ERR_NET);
	assert_true(ho_rmtree(dir));
}

/* Records every step report of a chain. */
struct trace {
	int n;
	enum discover_step steps[DISCOVER_N_STEPS];
	enum md_status sts[DISCOVER_N_STEPS];
	struct kb_settings *result;
};

static void on_step(void *ud, enum discover_step step, enum md_status st,
		    struct kb_settings *s, const char *why)
{
	struct trace *t = ud;
	assert_true(t->n < DISCOVER_N_STEPS);
	t->steps[t->n] = step;
	t->sts[t->n] = st;
	t->n++;
	if (s) {
		assert_null(t->result);
		t->result = s;
	}
}

static struct trace run_chain(struct discover_params *p)
{
	struct loop *loop = loop_new();
	struct md_err err;
	struct trace t = {0};
	struct discover *d = discover_start(loop, p, on_step, &t, &err);
	assert_non_null(d);
	assert_int_equal(t.n, 0);
	uint64_t until = loop_clock_ms() + 20000;
	while (!discover_done(d) && loop_clock_ms() < until)
		assert_int_equal(loop_run_once(loop, 100, &err), MD_OK);
	assert_true(discover_done(d));
	discover_free(d);
	loop_free(loop);
	return t;
}

static void test_discover_chain_kb_first(void **state)
{
	struct fixture *fx = *state;
	struct discover_params p = {0};
	p.email = "mama@shirao.example";
	p.kb = fx->kb;
	p.offline = true;
	struct trace t = run_chain(&p);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.steps[0], DISCOVER_KB);
	assert_int_equal(t.sts[0], MD_OK);
	assert_string_equal(t.result->source, "kb:shirao-family");
	assert_string_equal(t.result->outgoing[0].host, "mail.shirao.example");
	kb_settings_free(t.result);
}

static void test_discover_chain_offline_unknown(void **state)
{
	struct fixture *fx = *state;
	struct discover_params p = {0};
	p.email = "a@unknown.example";
	p.kb = fx->kb;
	p.offline = true;
	struct trace t = run_chain(&p);
	assert_int_equal(t.n, DISCOVER_N_STEPS);
	assert_int_equal(t.sts[0], MD_ERR_NOTFOUND);
	for (int i = 1; i < DISCOVER_N_STEPS; i++) {
		assert_int_equal(t.steps[i], i);
		assert_int_equal(t.sts[i], MD_ERR_CANCELLED);
	}
	assert_null(t.result);
	/* So-net is known but its servers are not: the chain goes on. */
	p.email = "a@aa2.so-net.ne.jp";
	t = run_chain(&p);
	assert_int_equal(t.sts[0], MD_ERR_NOTFOUND);
	assert_null(t.result);
}

static void test_discover_chain_http_then_stop(void **state)
{
	struct fixture *fx = *state;
	char u0[128], u1[128], u2[128];
	snprintf(u0, sizeof u0, "http://127.0.0.1:%d/garbage.xml", fx->port);
	snprintf(u1, sizeof u1,
		 "http://127.0.0.1:%d/.well-known/autoconfig/mail/"
		 "config-v1.1.xml",
		 fx->port);
	snprintf(u2, sizeof u2, "http://127.0.0.1:%d/never", fx->port);
	struct discover_params p = {0};
	p.email = "Ken@Served.Example";
	p.kb = fx->kb;
	p.allow_http = true;
	p.override_urls = true;
	p.urls[0] = u0;
	p.urls[1] = u1;
	p.urls[2] = u2;
	struct trace t = run_chain(&p);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.steps[0], DISCOVER_KB);
	assert_int_equal(t.sts[0], MD_ERR_NOTFOUND);
	assert_int_equal(t.steps[1], DISCOVER_AUTOCONFIG);
	assert_int_equal(t.sts[1], MD_ERR_PARSE);
	assert_int_equal(t.steps[2], DISCOVER_WELLKNOWN);
	assert_int_equal(t.sts[2], MD_OK);
	assert_string_equal(t.result->source, u1);
	assert_string_equal(t.result->outgoing[0].host, "smtp.served.example");
	assert_string_equal(t.result->outgoing[0].user, "Ken@Served.Example");
	assert_string_equal(t.result->incoming[0].user, "Ken");
	kb_settings_free(t.result);
}

static void test_discover_chain_to_guess(void **state)
{
	struct fixture *fx = *state;
	char u[128];
	snprintf(u, sizeof u, "http://127.0.0.1:%d/missing", fx->port);
	struct discover_params p = {0};
	p.email = "a@nowhere.example";
	p.kb = fx->kb;
	p.allow_http = true;
	p.override_urls = true;
	p.urls[0] = u;
	p.urls[1] = NULL;
	p.urls[2] = u;
	struct trace t = run_chain(&p);
	assert_int_equal(t.n, DISCOVER_N_STEPS);
	assert_int_equal(t.sts[DISCOVER_AUTOCONFIG], MD_ERR_NOTFOUND);
	assert_int_equal(t.sts[DISCOVER_WELLKNOWN], MD_ERR_CANCELLED);
	assert_int_equal(t.sts[DISCOVER_ISPDB], MD_ERR_NOTFOUND);
	assert_int_equal(t.sts[DISCOVER_SRV], MD_ERR_CANCELLED); /* no dns */
	assert_int_equal(t.sts[DISCOVER_MX], MD_ERR_CANCELLED);
	assert_int_equal(t.sts[DISCOVER_GUESS], MD_OK);
	assert_string_equal(t.result->source, "guess");
	kb_settings_free(t.result);
}

static void test_discover_start_errors(void **state)
{
	struct fixture *fx = *state;
	struct loop *loop = loop_new();
	struct md_err err;
	struct discover_params p = {0};
	p.email = "not-an-address";
	p.kb = fx->kb;
	struct trace t = {0};
	assert_null(discover_start(loop, &p, on_step, &t, &err));
	assert_int_equal(err.code, MD_ERR_USAGE);
	p.email = "a@b.example";
	p.kb = NULL;
	assert_null(discover_start(loop, &p, on_step, &t, &err));
	/* Freed before it ran: no callback. */
	p.kb = fx->kb;
	struct discover *d = discover_start(loop, &p, on_step, &t, &err);
	assert_non_null(d);
	discover_free(d);
	assert_true(loop_idle(loop));
	assert_int_equal(t.n, 0);
	discover_free(NULL);
	loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_discover_urls_order),
	    cmocka_unit_test(test_discover_parse_config),
	    cmocka_unit_test(test_discover_from_srv),
	    cmocka_unit_test(test_discover_from_mx),
	    cmocka_unit_test(test_discover_guess),
	    cmocka_unit_test(test_discover_http_loopback),
	    cmocka_unit_test(test_discover_https_verified_ca_file),
	    cmocka_unit_test(test_discover_chain_kb_first),
	    cmocka_unit_test(test_discover_chain_offline_unknown),
	    cmocka_unit_test(test_discover_chain_http_then_stop),
	    cmocka_unit_test(test_discover_chain_to_guess),
	    cmocka_unit_test(test_discover_start_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
