/* mailbox_scan.c — finds the delivery reports in one mbox file or maildir
 * folder, newest first, within the limits of struct mailbox_limits, and
 * keeps only each one's date and reason (mailbox_scan.h). */
#include "core/explain/mailbox_scan.h"
#include "core/explain/explain.h"
#include "core/base/i18n.h"
#include "core/base/os.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mailbox_limits_default(struct mailbox_limits *lim)
{
	lim->max_bytes = (size_t)8 << 20;
	lim->max_messages = 2000;
	lim->max_explained = 200;
	lim->max_message = (size_t)4 << 20;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

struct cursor {
	const char *p, *end;
};

static void skip_space(struct cursor *c)
{
	while (c->p < c->end && (isspace((unsigned char)*c->p) || *c->p == ','))
		c->p++;
}

/* A run of digits (at most 9) as a number, or -1. */
static long number(struct cursor *c)
{
	long v = 0;
	int n = 0;
	while (c->p < c->end && isdigit((unsigned char)*c->p) && n < 9) {
		v = v * 10 + (*c->p++ - '0');
		n++;
	}
	return n ? v : -1;
}

static int month_of(struct cursor *c)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	if (c->end - c->p < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(c->p, names + 3 * i, 3) == 0) {
			while (c->p < c->end && isalpha((unsigned char)*c->p))
				c->p++;
			return i + 1;
		}
	return 0;
}

/* The zone in seconds east of UTC: +hhmm / -hhmm; names (UT, GMT, JST…)
 * or nothing count as UTC, as RFC 5322 section 4.3 allows for unknown
 * ones. */
static long zone_of(struct cursor *c)
{
	skip_space(c);
	if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
		int sign = *c->p++ == '-' ? -1 : 1;
		long hhmm = number(c);
		if (hhmm >= 0)
			return sign * ((hhmm / 100) * 3600 + (hhmm % 100) * 60);
	}
	return 0;
}

long long mailbox_date_parse(const char *s, size_t len)
{
	struct cursor c = {s, s + len};
	skip_space(&c);
	if (c.p < c.end && isalpha((unsigned char)*c.p)) { /* day name */
		while (c.p < c.end && isalpha((unsigned char)*c.p))
			c.p++;
		skip_space(&c);
	}
	long day = number(&c);
	skip_space(&c);
	int mon = month_of(&c);
	skip_space(&c);
	long year = number(&c);
	skip_space(&c);
	long hh = number(&c), mm = -1, ss = 0;
	if (c.p < c.end && *c.p == ':') {
		c.p++;
		mm = number(&c);
	}
	if (c.p < c.end && *c.p == ':') {
		c.p++;
		ss = number(&c);
	}
	if (year >= 0 && year < 50)
		year += 2000; /* RFC 5322 4.3: two-digit years */
	else if (year >= 50 && year < 1000)
		year += 1900;
	if (day < 1 || day > 31 || mon == 0 || year < 1970 || year > 9999 ||
	    hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
		return -1;
	long zone = zone_of(&c);
	return days_from_civil(year, (unsigned)mon, (unsigned)day) * 86400 +
	       hh * 3600 + mm * 60 + ss - zone;
}

/* Where the header block of msg ends (the blank line, or len). */
static size_t header_end(const char *msg, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (msg[i] == '\n' &&
		    (msg[i + 1] == '\n' ||
		     (msg[i + 1] == '\r' && i + 2 < len && msg[i + 2] == '\n')))
			return i + 1;
	return len;
}

/* The value of the first header name (with its colon) in h[0..len), one
 * line, or NULL. */
static const char *header_value(const char *h, size_t len, const char *name,
				size_t *vlen)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + n <= len; i++) {
		if ((i == 0 || h[i - 1] == '\n') &&
		    strncasecmp(h + i, name, n) == 0) {
			size_t e = i + n;
			while (e < len && h[e] != '\n' && h[e] != '\r')
				e++;
			*vlen = e - (i + n);
			return h + i + n;
		}
	}
	return NULL;
}

/* Whether needle (lower case) is in h[0..len), ignoring case. */
static bool has_word(const char *h, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(h + i, needle, n) == 0)
			return true;
	return false;
}

/* A delivery report by its headers: RFC 6522's multipart/report with
 * report-type=delivery-status, or the senders and subjects of the MTAs'
 * own bounce shapes that explain_text.c reads. */
static bool looks_like_report(const char *h, size_t len)
{
	static const char *const words[] = {"delivery-status",
					    "mailer-daemon",
					    "postmaster@",
					    "undeliver",
					    "delivery status notification",
					    "returned mail",
					    "delivery failure",
					    "mail delivery failed",
					    "failure notice",
					    "delivery has failed",
					    "could not be delivered",
					    NULL};
	for (size_t i = 0; words[i]; i++)
		if (has_word(h, len, words[i]))
			return true;
	return false;
}

struct scan {
	const struct rej_kb *kb;
	long long since;
	const struct mailbox_limits *lim;
	struct mailbox_scan *out;
	size_t explained;
};

static bool add_bounce(struct mailbox_scan *out, long long when,
		       const struct explain_rcpt *r)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 8;
		struct mailbox_bounce *p = realloc(out->items, cap * sizeof *p);
		if (!p)
			return false;
		out->items = p;
		out->cap = cap;
	}
	struct mailbox_bounce *b = &out->items[out->n++];
	memset(b, 0, sizeof *b);
	b->when = when;
	snprintf(b->reason, sizeof b->reason, "%s",
		 r->reason ? r->reason : "undefined");
	snprintf(b->status, sizeof b->status, "%s", r->status);
	if (r->match.rule && r->match.rule->reason)
		snprintf(b->cause, sizeof b->cause, "%s",
			 r->match.rule->reason->name);
	snprintf(b->command, sizeof b->command, "%s",
		 r->command ? r->command : "");
	b->who = r->who;
	return true;
}

/* One message: dated within the window, shaped like a report, and with a
 * failed recipient → one bounce. false when out of memory. */
static bool one_message(struct scan *s, const char *msg, size_t len)
{
	s->out->messages++;
	if (len > s->lim->max_message)
		return true;
	size_t hlen = header_end(msg, len), dlen = 0;
	const char *date = header_value(msg, hlen, "date:", &dlen);
	long long when = date ? mailbox_date_parse(date, dlen) : -1;
	if (when < s->since || !looks_like_report(msg, hlen))
		return true;
	if (s->explained >= s->lim->max_explained) {
		s->out->limited = true;
		return true;
	}
	s->explained++;
	struct explain_result *res = NULL;
	struct md_err e = {0};
	if (explain_buffer(s->kb, msg, len, EXPLAIN_IN_MESSAGE, &res, &e) !=
	    MD_OK)
		return e.code != MD_ERR_NOMEM;
	bool ok = true;
	for (size_t i = 0; i < res->n; i++)
		if (res->rcpts[i].failed) {
			ok = add_bounce(s->out, when, &res->rcpts[i]);
			break;
		}
	explain_result_free(res);
	return ok;
}

static int seek_to(FILE *f, long long off)
{
#ifdef _WIN32
	return _fseeki64(f, off, SEEK_SET);
#else
	return fseeko(f, (off_t)off, SEEK_SET);
#endif
}

/* The messages of buf (the last len bytes of an mbox; whole says whether
 * it starts at the file's beginning), newest first. A message begins with
 * "From " at the start of a line; the piece before the first one is the
 * tail of an older message cut by the budget, and skipped. */
static bool split_mbox(struct scan *s, const char *buf, size_t len, bool whole)
{
	size_t end = len;
	for (size_t i = len; i-- > 0;) {
		bool start = (i == 0 && whole) || (i > 0 && buf[i - 1] == '\n');
		if (!start || len - i < 5 || memcmp(buf + i, "From ", 5))
			continue;
		if (s->out->messages >= s->lim->max_messages) {
			s->out->limited = true;
			return true;
		}
		const char *nl = memchr(buf + i, '\n', end - i);
		if (nl && !one_message(s, nl + 1, (size_t)(buf + end - nl - 1)))
			return false;
		end = i;
	}
	if (end > 0 && !whole)
		s->out->limited = true;
	return true;
}

static enum md_status scan_mbox(struct scan *s, const char *path,
				long long size, struct md_err *err)
{
	FILE *f = os_fopen(path, "rb"); /* read-only: never locked */
	if (!f)
		return md_err_sys(err, MD_ERR_IO, errno, path, "%s",
				  _("The mail folder cannot be read."));
	long long want = size < (long long)s->lim->max_bytes
			     ? size
			     : (long long)s->lim->max_bytes;
	char *buf = malloc((size_t)want + 1);
	size_t got = 0;
	if (buf && seek_to(f, size - want) == 0)
		got = fread(buf, 1, (size_t)want, f);
	fclose(f);
	if (!buf)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", "");
	s->out->bytes += got;
	bool ok = split_mbox(s, buf, got, want == size);
	free(buf);
	return ok ? MD_OK : md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", "");
}

/* The file names of a maildir's cur/ and new/, to be read newest first. */
struct names {
	char **v;
	size_t n, cap;
	bool nomem;
};

static bool collect(const char *name, void *ctx)
{
	struct names *nm = ctx;
	if (name[0] == '.')
		return true;
	if (nm->n == nm->cap) {
		size_t cap = nm->cap ? nm->cap * 2 : 64;
		char **p = realloc(nm->v, cap * sizeof *p);
		if (!p) {
			nm->nomem = true;
			return false;
		}
		nm->v = p;
		nm->cap = cap;
	}
	nm->v[nm->n] = strdup(name);
	if (!nm->v[nm->n]) {
		nm->nomem = true;
		return false;
	}
	nm->n++;
	return nm->n < 1000000; /* bounded, even on a folder gone wild */
}

/* Maildir names start with the delivery time in seconds (and Thunderbird's
 * maildir store names its files by the time of writing,
 * mailnews/local/src/nsMsgMaildirStore.cpp), so the greatest name is the
 * newest message. */
static int newest_first(const void *a, const void *b)
{
	return strcmp(os_base_name(*(char *const *)b),
		      os_base_name(*(char *const *)a));
}

static bool read_one(struct scan *s, const char *file)
{
	struct os_stat st;
	if (!os_stat(file, &st) || !st.is_file || st.size < 0 ||
	    (size_t)st.size > s->lim->max_message)
		return true;
	if (s->out->bytes + (size_t)st.size > s->lim->max_bytes) {
		s->out->limited = true;
		return true;
	}
	FILE *f = os_fopen(file, "rb");
	if (!f)
		return true;
	char *buf = malloc((size_t)st.size + 1);
	size_t got = buf ? fread(buf, 1, (size_t)st.size, f) : 0;
	fclose(f);
	if (!buf)
		return false;
	s->out->bytes += got;
	bool ok = one_message(s, buf, got);
	free(buf);
	return ok;
}

static enum md_status scan_maildir(struct scan *s, const char *dir,
				   struct md_err *err)
{
	static const char *const subs[] = {"cur", "new"};
	struct names nm = {0};
	char sub[4096];
	for (size_t i = 0; i < 2 && !nm.nomem; i++) {
		size_t before = nm.n;
		snprintf(sub, sizeof sub, "%s/%s", dir, subs[i]);
		os_dir_each(sub, collect, &nm);
		for (size_t k = before; k < nm.n; k++) { /* keep the folder */
			char *full = malloc(strlen(sub) + strlen(nm.v[k]) + 2);
			if (full)
				sprintf(full, "%s/%s", sub, nm.v[k]);
			free(nm.v[k]);
			nm.v[k] = full;
			nm.nomem |= !full;
		}
	}
	bool ok = !nm.nomem;
	if (ok)
		qsort(nm.v, nm.n, sizeof *nm.v, newest_first);
	for (size_t i = 0; ok && i < nm.n; i++) {
		if (s->out->messages >= s->lim->max_messages) {
			s->out->limited = true;
			break;
		}
		ok = read_one(s, nm.v[i]);
	}
	for (size_t i = 0; i < nm.n; i++)
		free(nm.v[i]);
	free(nm.v);
	return ok ? MD_OK : md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", "");
}

static int later_first(const void *a, const void *b)
{
	const struct mailbox_bounce *x = a, *y = b;
	return (x->when < y->when) - (x->when > y->when);
}

enum md_status mailbox_scan_path(const struct rej_kb *kb, const char *path,
				 long long since,
				 const struct mailbox_limits *lim,
				 struct mailbox_scan *out, struct md_err *err)
{
	struct mailbox_limits def;
	if (!lim) {
		mailbox_limits_default(&def);
		lim = &def;
	}
	struct scan s = {kb, since, lim, out, 0};
	struct os_stat st;
	if (!os_stat(path, &st))
		return md_err_sys(err, MD_ERR_NOTFOUND, errno, path, "%s",
				  _("The mail folder is not there."));
	size_t before = out->n;
	enum md_status rc;
	if (st.is_dir)
		rc = scan_maildir(&s, path, err);
	else
		rc = scan_mbox(&s, path, st.size, err);
	if (out->n > before)
		qsort(out->items + before, out->n - before, sizeof *out->items,
		      later_first);
	return rc;
}

void mailbox_scan_done(struct mailbox_scan *s)
{
	if (!s)
		return;
	free(s->items);
	memset(s, 0, sizeof *s);
}
