/* discover_http.c — HTTP(S) GETs for autoconfig through libcurl's multi
 * interface, driven by the engine's loop: libcurl's sockets become loop
 * watches (CURLMOPT_SOCKETFUNCTION) and its timeout one loop timer
 * (CURLMOPT_TIMERFUNCTION). Nothing blocks; bodies are capped at 1 MiB.
 * HTTPS is always verified (the system's store plus --ca-file). */
#include "core/check/discover.h"

#include "core/base/i18n.h"
#include "core/base/xbuf.h"

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY_MAX (1024 * 1024)

struct fetch {
	struct fetch *next;
	struct discover_http *h;
	CURL *easy;
	char *url;
	struct xbuf body; /* what came so far */
	bool toobig;
	discover_http_fn *fn;
	void *ud;
	char errbuf[CURL_ERROR_SIZE];
};

struct discover_http {
	struct loop *loop;
	CURLM *multi;
	uint64_t timer; /* loop timer for libcurl's timeout, or 0 */
	bool allow_http;
	char *ca_file;
	struct fetch *fetches;
};

static void fetch_free(struct fetch *f)
{
	if (!f)
		return;
	if (f->easy)
		curl_easy_cleanup(f->easy);
	free(f->url);
	xbuf_done(&f->body);
	free(f);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	struct fetch *f = ud;
	size_t n = size * nmemb;
	if (f->body.n + n > BODY_MAX) {
		f->toobig = true;
		return 0; /* libcurl stops with CURLE_WRITE_ERROR */
	}
	xbuf_add(&f->body, data, n);
	if (f->body.oom)
		return 0;
	return n;
}

/* Report every finished transfer and forget it. */
static void reap(struct discover_http *h)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(h->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct fetch *f = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
				  (char **)&f);
		CURLcode rc = msg->data.result;
		curl_multi_remove_handle(h->multi, msg->easy_handle);
		for (struct fetch **pp = &h->fetches; *pp; pp = &(*pp)->next)
			if (*pp == f) {
				*pp = f->next;
				break;
			}
		if (!f)
			continue;
		long code = 0;
		curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &code);
		enum md_status st = MD_OK;
		char why[CURL_ERROR_SIZE + 32] = "";
		if (rc == CURLE_OK && code == 200) {
			st = MD_OK;
		} else if (rc == CURLE_OK) {
			st = MD_ERR_NOTFOUND;
			snprintf(why, sizeof why, "HTTP %ld", code);
		} else if (f->toobig || rc == CURLE_FILESIZE_EXCEEDED) {
			st = MD_ERR_TOOBIG;
			snprintf(why, sizeof why, "%s",
				 "the answer is larger than 1 MiB");
		} else if (rc == CURLE_OPERATION_TIMEDOUT) {
			st = MD_ERR_TIMEOUT;
			snprintf(why, sizeof why, "%s", curl_easy_strerror(rc));
		} else {
			st = MD_ERR_NET;
			snprintf(why, sizeof why, "%s",
				 f->errbuf[0] ? f->errbuf
					      : curl_easy_strerror(rc));
		}
		f->fn(f->ud, st, f->url,
		      st == MD_OK ? (f->body.p ? f->body.p : "") : NULL,
		      st == MD_OK ? f->body.n : 0, why);
		fetch_free(f);
	}
}

static void on_fd(struct loop *loop, int fd, unsigned events, void *ud)
{
	struct discover_http *h = ud;
	int flags = 0, running = 0;
	if (events & LOOP_READ)
		flags |= CURL_CSELECT_IN;
	if (events & LOOP_WRITE)
		flags |= CURL_CSELECT_OUT;
	if (events & LOOP_ERROR)
		flags |= CURL_CSELECT_ERR;
	curl_multi_socket_action(h->multi, fd, flags, &running);
	reap(h);
}

static int on_socket(CURL *easy, curl_socket_t s, int what, void *userp,
		     void *socketp)
{
	struct discover_http *h = userp;
	if (what == CURL_POLL_REMOVE) {
		loop_unwatch(h->loop, s);
		return 0;
	}
	unsigned ev = 0;
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		ev |= LOOP_READ;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		ev |= LOOP_WRITE;
	return loop_watch(h->loop, s, ev, on_fd, h, NULL) == MD_OK ? 0 : -1;
}

static void on_loop_timer(struct loop *loop, void *ud)
{
	struct discover_http *h = ud;
	int running = 0;
	h->timer = 0;
	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	reap(h);
}

/* --ca-file adds to the system's store (CURLOPT_CAINFO would replace
 * it): libcurl calls this with each new OpenSSL context. */
static CURLcode add_ca_file(CURL *easy, void *ssl_ctx, void *userp)
{
	(void)easy;
	const char *file = userp;
	X509_STORE *store = SSL_CTX_get_cert_store(ssl_ctx);
	if (!store || X509_STORE_load_file(store, file) != 1) {
		ERR_clear_error();
		return CURLE_SSL_CACERT_BADFILE;
	}
	return CURLE_OK;
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp)
{
	struct discover_http *h = userp;
	loop_timer_cancel(h->loop, h->timer);
	h->timer = 0;
	if (timeout_ms >= 0 &&
	    !(h->timer =
		  loop_timer(h->loop, (uint64_t)timeout_ms, on_loop_timer, h)))
		return -1;
	return 0;
}

struct discover_http *discover_http_new(struct loop *loop, bool allow_http,
					const char *ca_file, struct md_err *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		md_err_set(err, MD_ERR_INTERNAL, NULL, 0, "%s",
			   _("the HTTP library cannot start"));
		return NULL;
	}
	struct discover_http *h = calloc(1, sizeof *h);
	if (h)
		h->multi = curl_multi_init();
	if (h && ca_file)
		h->ca_file = strdup(ca_file);
	if (!h || !h->multi || (ca_file && !h->ca_file)) {
		if (h && h->multi)
			curl_multi_cleanup(h->multi);
		if (h)
			free(h->ca_file);
		free(h);
		curl_global_cleanup();
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	h->loop = loop;
	h->allow_http = allow_http;
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, h);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, h);
	return h;
}

void discover_http_free(struct discover_http *h)
{
	if (!h)
		return;
	while (h->fetches) {
		struct fetch *f = h->fetches;
		h->fetches = f->next;
		curl_multi_remove_handle(h->multi, f->easy);
		fetch_free(f);
	}
	curl_multi_cleanup(h->multi); /* unwatches through on_socket */
	loop_timer_cancel(h->loop, h->timer);
	free(h->ca_file);
	free(h);
	curl_global_cleanup();
}

enum md_status discover_http_get(struct discover_http *h, const char *url,
				 unsigned timeout_ms, discover_http_fn *fn,
				 void *ud, struct md_err *err)
{
	if (!url || !fn)
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("bad usage"));
	struct fetch *f = calloc(1, sizeof *f);
	if (f) {
		f->url = strdup(url);
		f->easy = curl_easy_init();
	}
	if (!f || !f->url || !f->easy) {
		fetch_free(f);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	}
	f->h = h;
	f->fn = fn;
	f->ud = ud;
	const char *protos = h->allow_http ? "http,https" : "https";
	CURL *e = f->easy;
	bool ok =
	    curl_easy_setopt(e, CURLOPT_URL, url) == CURLE_OK &&
	    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protos) == CURLE_OK &&
	    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protos) ==
		CURLE_OK;
	curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)f);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, f->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
			 (long)(timeout_ms ? timeout_ms : 10000));
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)BODY_MAX);
	curl_easy_setopt(e, CURLOPT_NOPROXY, "127.0.0.1,::1,localhost");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "maildoctor/" MD_VERSION);
	/* Always verified, whatever --insecure says: discovered settings
	 * become fixes. */
	ok = ok &&
	     curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
	     curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
	/* A libcurl without OpenSSL cannot add: the file replaces then. */
	if (h->ca_file && (curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA,
					    h->ca_file) != CURLE_OK ||
			   curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION,
					    add_ca_file) != CURLE_OK))
		curl_easy_setopt(e, CURLOPT_CAINFO, h->ca_file);
	if (!ok) {
		fetch_free(f);
		return md_err_set(err, MD_ERR_USAGE, url, 0, "%s",
				  _("the address cannot be fetched"));
	}
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK) {
		fetch_free(f);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	}
	f->next = h->fetches;
	h->fetches = f;
	return MD_OK;
}
