/* explain_text.c — the free-text reports of postfix, sendmail, exim, qmail,
 * Exchange and the rest, where recipients are found by the shape of their
 * lines (delivery-status fields are read by explain_dsn.c). */
#include "core/explain/explain_private.h"

#include "core/base/compat.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DIAG 4096 /* bytes of a server's words kept per recipient */

/* ---- free text ------------------------------------------------------- */

static bool local_ch(unsigned char c)
{
	return isalnum(c) || strchr("._%+-=/!#$&'*?^`{|}~", c) || c >= 0x80;
}

static bool domain_ch(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c >= 0x80;
}

/* The first address in [p, end): sets *s and *e; false when none. */
static bool find_address(const char *p, const char *end, const char **s,
			 const char **e)
{
	for (const char *at = memchr(p, '@', (size_t)(end - p)); at;
	     at = at + 1 < end ? memchr(at + 1, '@', (size_t)(end - at - 1))
			       : NULL) {
		const char *a = at, *b = at + 1;
		while (a > p && local_ch((unsigned char)a[-1]))
			a--;
		while (b < end && domain_ch((unsigned char)*b))
			b++;
		while (b > at + 1 && (b[-1] == '.' || b[-1] == '-'))
			b--;
		while (a < at && (*a == '.' || *a == '\'' || *a == '`'))
			a++;
		if (a == at || b == at + 1 ||
		    !memchr(at + 1, '.', (size_t)(b - at - 1)))
			continue;
		*s = a;
		*e = b;
		return true;
	}
	return false;
}

/* Addresses that are not recipients: the bounce's own parties. */
static bool excluded(const char *a, size_t n, const struct explain_msg *m)
{
	static const char *const locals[] = {
	    "mailer-daemon@", "postmaster@", "double-bounce@",
	    "root@",	      "noreply@",    "no-reply@",
	};
	for (size_t i = 0; i < sizeof locals / sizeof locals[0]; i++)
		if (n > strlen(locals[i]) &&
		    strncasecmp(a, locals[i], strlen(locals[i])) == 0)
			return true;
	/* The bounce is addressed to the original sender. */
	const char *h = m->headers;
	for (const char *to = h ? md_strcasestr(h, "\nTo:") : NULL; to;
	     to = NULL) {
		const char *eol = strchr(to + 4, '\n');
		size_t span = eol ? (size_t)(eol - to) : strlen(to);
		for (const char *p = to; p + n <= to + span; p++)
			if (strncasecmp(p, a, n) == 0 &&
			    !local_ch((unsigned char)p[n]) && p[n] != '.')
				return true;
	}
	for (const char *fr = h ? md_strcasestr(h, "\nFrom:") : NULL; fr;
	     fr = NULL) {
		const char *eol = strchr(fr + 6, '\n');
		size_t span = eol ? (size_t)(eol - fr) : strlen(fr);
		for (const char *p = fr; p + n <= fr + span; p++)
			if (strncasecmp(p, a, n) == 0)
				return true;
	}
	return false;
}

static bool blank(const char *p, const char *end);

/* Length of a leading SMTP reply code with an optional status ("554 ",
 * "550 5.1.1 ") at p, or 0: sendmail's "550 <a@b>... User unknown". */
static size_t reply_lead(const char *p, const char *end)
{
	if (end - p < 5 || !(p[0] == '4' || p[0] == '5') ||
	    !isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) ||
	    p[3] != ' ')
		return 0;
	size_t n = 4;
	if (p + n + 6 <= end && p[n] == p[0] && p[n + 1] == '.') {
		size_t k = n + 2;
		while (p + k < end &&
		       (isdigit((unsigned char)p[k]) || p[k] == '.'))
			k++;
		if (p + k < end && p[k] == ' ')
			n = k + 1;
	}
	return n;
}

/* Is the line "NNN <a@b>... words" (sendmail's report of one recipient)? */
static bool reply_anchor(const char *line, const char *end, const char *as,
			 const char *ae)
{
	size_t n = reply_lead(line, end);
	return n && line + n + 1 == as && line[n] == '<' && ae + 4 <= end &&
	       ae[0] == '>' && strncmp(ae + 1, "...", 3) == 0;
}

/* Is the line "Short reason: a@b" alone (IMail and the like)? */
static bool phrase_anchor(const char *line, const char *as, const char *ae,
			  const char *end)
{
	const char *p = line;
	while (p < as && (*p == ' ' || *p == '\t'))
		p++;
	const char *colon = as;
	while (colon > p && (colon[-1] == ' ' || colon[-1] == '<'))
		colon--;
	if (colon == p || colon[-1] != ':' || colon - p > 40)
		return false;
	size_t words = 1;
	for (const char *q = p; q < colon - 1; q++) {
		if (*q == ' ')
			words++;
		else if (!isalpha((unsigned char)*q))
			return false;
	}
	/* "From: a@b", "MAIL FROM: a@b", "CC: a@b" name no recipient */
	for (const char *q = p; q + 2 <= colon; q++)
		if (strncasecmp(q, "from", 4) == 0 ||
		    strncasecmp(q, "sender", 6) == 0 ||
		    (strncasecmp(q, "cc", 2) == 0 && q + 3 == colon))
			return false;
	return words <= 4 && blank(ae + (ae < end && *ae == '>'), end);
}

/* Is the line a bracketed field list that names the recipient ("[Status:
 * Error, Address: <a@b>, ResponseCode 421, , words.]", Zoho)? */
static bool field_list_anchor(const char *line, const char *as)
{
	const char *p = line;
	while (p < as && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= as || *p != '[')
		return false;
	const char *q = as;
	while (q > p && (q[-1] == ' ' || q[-1] == '<'))
		q--;
	return q - p > 9 && strncasecmp(q - 8, "Address:", 8) == 0;
}

/* The shapes of a line that names a failed recipient. */
enum anchor_kind {
	ANCHOR_NONE,
	ANCHOR_PLAIN,  /* "a@b", "<a@b>: words", "Recipient: a@b" */
	ANCHOR_REPLY,  /* "550 <a@b>... words" (sendmail) */
	ANCHOR_PHRASE, /* "Unknown user: a@b" (words before) */
};

/* Is the line an anchor (a line that names a failed recipient)? Sets the
 * address span; returns its shape. */
static enum anchor_kind anchor(const char *line, const char *end,
			       const struct explain_msg *m, const char **as,
			       const char **ae)
{
	if (!find_address(line, end, as, ae))
		return ANCHOR_NONE;
	if (reply_anchor(line, end, *as, *ae))
		return excluded(*as, (size_t)(*ae - *as), m) ? ANCHOR_NONE
							     : ANCHOR_REPLY;
	if (field_list_anchor(line, *as))
		return excluded(*as, (size_t)(*ae - *as), m) ? ANCHOR_NONE
							     : ANCHOR_PLAIN;
	if (phrase_anchor(line, *as, *ae, end))
		return excluded(*as, (size_t)(*ae - *as), m) ? ANCHOR_NONE
							     : ANCHOR_PHRASE;
	/* What precedes must be short decoration. */
	size_t deco = 0;
	for (const char *p = line; p < *as; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\t' || c == '<' || c == '"' || c == '>' ||
		    c == ':' || c == '*' || c == '-' || c == '(' || c == '[' ||
		    c == '\'')
			continue;
		deco++;
	}
	if (deco > 0) {
		/* "Recipient: a@b", "To: a@b", "rcpt: a@b" forms */
		static const char *const lead[] = {
		    "recipient",
		    "to",
		    "rcpt",
		    "address",
		    "user",
		    "failed recipient",
		    "original-recipient",
		    "final-recipient",
		    "rfc822",
		};
		bool ok = false;
		const char *p = line;
		while (p < *as && (*p == ' ' || *p == '\t'))
			p++;
		for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
			size_t k = strlen(lead[i]);
			if ((size_t)(*as - p) >= k &&
			    strncasecmp(p, lead[i], k) == 0 && deco <= k + 8)
				ok = true;
		}
		if (!ok)
			return ANCHOR_NONE;
	}
	if (excluded(*as, (size_t)(*ae - *as), m))
		return ANCHOR_NONE;
	/* After the address: end of line, ':' or '>' or "..." or words. */
	return ANCHOR_PLAIN;
}

/* A line of an SMTP transcript: ">>> RCPT To:<a@b>", "<<< 550 ...", or
 * "While talking to host:" that opens one. */
static bool transcript_line(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	size_t n = (size_t)(end - p);
	return (n >= 4 &&
		(strncmp(p, ">>> ", 4) == 0 || strncmp(p, "<<< ", 4) == 0)) ||
	       (n >= 16 && strncasecmp(p, "While talking to", 16) == 0) ||
	       (n >= 20 && strncasecmp(p, "... while talking to", 20) == 0);
}

static void add_words(struct xbuf *d, const char *p, const char *end)
{
	while (p < end && (*p == '>' || *p == ':' || *p == ' ' || *p == '\t' ||
			   *p == '.' || *p == ','))
		p++;
	if (p >= end || d->n >= MAX_DIAG)
		return;
	size_t n = (size_t)(end - p);
	if (d->n + n > MAX_DIAG)
		n = MAX_DIAG - d->n;
	if (d->n)
		xbuf_add(d, " ", 1);
	xbuf_add(d, p, n);
}

static bool blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

static struct explain_rcpt *new_rcpt(struct explain_result *res, const char *a,
				     size_t n)
{
	struct explain_rcpt *r = explain_result_add(res);
	if (r)
		explain_set(&r->address, a, n);
	return r;
}

static void take_diag(struct explain_rcpt *r, struct xbuf *d)
{
	if (!r)
		return;
	if (d->p && !d->oom) {
		free(r->diagnostic);
		r->diagnostic = d->p;
		memset(d, 0, sizeof *d);
	}
	xbuf_done(d);
}

/* No anchor: the recipients named elsewhere, the words of the whole text. */
static size_t fallback(const struct explain_msg *m, struct explain_result *res)
{
	struct xbuf d = {0};
	const char *t = m->human;
	size_t n = strlen(t);
	add_words(&d, t, t + (n > MAX_DIAG ? MAX_DIAG : n));
	size_t added = 0;
	if (m->failed && *m->failed) {
		const char *p = m->failed, *end = p + strlen(p), *s, *e;
		while (find_address(p, end, &s, &e)) {
			struct explain_rcpt *r =
			    new_rcpt(res, s, (size_t)(e - s));
			if (!r)
				break;
			if (d.p)
				explain_set(&r->diagnostic, d.p, d.n);
			added++;
			p = e;
		}
	}
	if (!added) {
		const char *s, *e, *p = t, *end = t + n;
		const char *addr = NULL;
		size_t alen = 0;
		while (find_address(p, end, &s, &e)) {
			if (!excluded(s, (size_t)(e - s), m)) {
				addr = s;
				alen = (size_t)(e - s);
				break;
			}
			p = e;
		}
		if (!addr && m->orig_to) {
			addr = m->orig_to;
			alen = strlen(addr);
		}
		if (addr || d.n) {
			struct explain_rcpt *r =
			    new_rcpt(res, addr ? addr : "", alen);
			if (r) {
				take_diag(r, &d);
				added++;
			}
		}
	}
	xbuf_done(&d);
	return added;
}

/* The walk of a free-text report, line by line. */
struct scan {
	const struct explain_msg *m;
	struct explain_result *res;
	struct explain_rcpt *cur; /* the recipient whose words go on */
	char cur_addr[320];
	struct xbuf d;	  /* cur's words */
	struct xbuf talk; /* the transcript lines before a recipient */
	struct xbuf pre;  /* the words before the first recipient */
	size_t added;
	int lines;     /* lines of words cur has had */
	bool gap;      /* a blank line after cur's words */
	bool closed;   /* nothing more for cur (its line said it all) */
	bool one_line; /* OpenSMTPD: "a@b: words", one line each */
};

/* A new recipient as of the address [as, as + n): the words so far go to
 * the one before. False when there is no room for more. */
static bool start_rcpt(struct scan *sc, const char *as, size_t n)
{
	take_diag(sc->cur, &sc->d);
	sc->cur = new_rcpt(sc->res, as, n);
	if (!sc->cur)
		return false;
	sc->added++;
	snprintf(sc->cur_addr, sizeof sc->cur_addr, "%.*s",
		 (int)(n < 319 ? n : 319), as);
	sc->lines = 0;
	sc->gap = false;
	return true;
}

/* sendmail: the dialogue that leads to the next "NNN <a@b>..." line; it
 * ends the words before. */
static void on_transcript(struct scan *sc, const char *line, const char *eol)
{
	if (strncasecmp(line, "While", 5) == 0 || strncmp(line, "...", 3) == 0)
		xbuf_done(&sc->talk);
	else if (sc->talk.n < MAX_DIAG)
		add_words(&sc->talk, line, eol);
	sc->closed = sc->cur != NULL;
}

/* "NNN <a@b>... words" after a transcript: the server's reply belongs to
 * this recipient, and the line says it all. */
static bool on_reply(struct scan *sc, const char *as, const char *ae,
		     const char *eol)
{
	if (!start_rcpt(sc, as, (size_t)(ae - as)))
		return false;
	add_words(&sc->d, sc->talk.p, sc->talk.p + sc->talk.n);
	add_words(&sc->d, ae + 4, eol);
	xbuf_done(&sc->talk);
	sc->closed = true;
	return true;
}

/* A line that names a recipient: more words of the current one, or a new
 * one. */
static bool on_anchor(struct scan *sc, enum anchor_kind kind, const char *line,
		      const char *eol, const char *as, const char *ae)
{
	size_t n = (size_t)(ae - as);
	/* a transcript that no reply line took: the words of the recipient
	 * before it */
	if (sc->talk.n && sc->cur) {
		add_words(&sc->d, sc->talk.p, sc->talk.p + sc->talk.n);
		xbuf_done(&sc->talk);
	}
	bool same = sc->cur && n < sizeof sc->cur_addr &&
		    strlen(sc->cur_addr) == n &&
		    strncasecmp(sc->cur_addr, as, n) == 0;
	bool indented = *line == ' ' || *line == '\t';
	if (same && (indented || !sc->gap)) {
		add_words(&sc->d, line, eol);
		sc->lines++;
		return true;
	}
	if (same) {
		/* the address again after a gap: more words */
		add_words(&sc->d, ae, eol);
		sc->gap = false;
		return true;
	}
	if (!start_rcpt(sc, as, n))
		return false;
	/* "Unknown user: a@b"; not an envelope's field name ("RCPT TO:
	 * a@b") */
	const char *ph = line;
	while (ph < as && (*ph == ' ' || *ph == '\t'))
		ph++;
	if (kind == ANCHOR_PHRASE && strncasecmp(ph, "RCPT", 4) != 0 &&
	    strncasecmp(ph, "To:", 3) != 0)
		add_words(&sc->d, line, as);
	add_words(&sc->d, ae, eol);
	sc->closed = false;
	return true;
}

/* A line that names nobody: words before the first recipient (up to the
 * line that gives a code), or the current one's words going on, across
 * blank lines, until the next recipient or the original message. */
static void on_words(struct scan *sc, const char *line, const char *eol)
{
	if (!sc->cur) {
		char c16[16], c4[4];
		if (sc->pre.n < MAX_DIAG && !blank(line, eol) &&
		    !(sc->pre.p && (explain_find_status(sc->pre.p, c16) ||
				    explain_find_reply(sc->pre.p, c4))))
			add_words(&sc->pre, line, eol);
	} else if (sc->closed || sc->one_line) {
		/* after a transcript, or past a one-line report: nothing
		 * more for cur */
	} else if (blank(line, eol)) {
		if (sc->lines > 0 || sc->d.n)
			sc->gap = true;
	} else if (sc->lines < 24) {
		add_words(&sc->d, line, eol);
		sc->lines++;
		sc->gap = false;
	}
}

/* One line; false when no more recipients fit. */
static bool scan_line(struct scan *sc, const char *line, const char *eol)
{
	const char *as, *ae;
	enum anchor_kind kind = anchor(line, eol, sc->m, &as, &ae);
	if (transcript_line(line, eol) && kind != ANCHOR_REPLY) {
		on_transcript(sc, line, eol);
		return true;
	}
	if (kind == ANCHOR_REPLY && sc->talk.n)
		return on_reply(sc, as, ae, eol);
	if (kind)
		return on_anchor(sc, kind, line, eol, as, ae);
	on_words(sc, line, eol);
	return true;
}

/* One recipient without words, or whose own words give no code after
 * words that hold one: those words say why (Apache James, EZweb's "not
 * delivered within"). */
static void words_before(struct scan *sc)
{
	char st[16], rp[4];
	struct explain_result *res = sc->res;
	struct xbuf *pre = &sc->pre;
	const struct explain_rcpt *last =
	    sc->added == 1 ? &res->rcpts[res->n - 1] : NULL;
	bool mute = last && !sc->m->has_dsn &&
		    (!last->diagnostic || !*last->diagnostic);
	if (sc->added != 1 || !pre->n || pre->oom ||
	    !(mute || explain_find_status(pre->p, st) ||
	      explain_find_reply(pre->p, rp)))
		return;
	struct explain_rcpt *r = &res->rcpts[res->n - 1];
	const char *w = r->diagnostic ? r->diagnostic : "";
	if (explain_find_status(w, st) || explain_find_reply(w, rp))
		return;
	struct xbuf b = {0};
	add_words(&b, pre->p, pre->p + pre->n);
	if (*w)
		add_words(&b, w, w + strlen(w));
	take_diag(r, &b);
}

size_t explain_text_scan(const struct rej_kb *kb, const struct explain_msg *m,
			 struct explain_result *res)
{
	const char *t = m->human ? m->human : "";
	const char *end = t + strlen(t);
	/* the recipients follow the line that announces them */
	t += rej_kb_lead(kb, t, (size_t)(end - t));
	struct scan sc = {
	    .m = m, .res = res, .one_line = explain_family_one_line(m->mta)};
	for (const char *line = t; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		if (!scan_line(&sc, line, eol))
			break;
		line = eol < end ? eol + 1 : end;
	}
	if (sc.talk.n && sc.cur)
		add_words(&sc.d, sc.talk.p, sc.talk.p + sc.talk.n);
	take_diag(sc.cur, &sc.d);
	xbuf_done(&sc.d);
	xbuf_done(&sc.talk);
	words_before(&sc);
	xbuf_done(&sc.pre);
	return sc.added ? sc.added : fallback(m, res);
}
