/* explain_mime.c — reads bounce messages with GMime: walks the MIME tree
 * (bounded depth and count), takes the delivery-status fields, the
 * feedback report, the human-readable text (decoded to UTF-8) and the
 * original message's headers, and hands them to the scanners. */
#include "core/explain/explain_private.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH    48		       /* MIME nesting followed */
#define MAX_PARTS    2000	       /* parts looked at per message */
#define MAX_TEXT     ((size_t)4 << 20) /* bytes of text kept per part */
#define MAX_MESSAGES 100000	       /* messages of one mbox */

/* What the walk collects from one message. */
struct found {
	struct xbuf dsn;   /* message/delivery-status bodies */
	struct xbuf arf;   /* message/feedback-report body */
	struct xbuf human; /* text parts outside the original message */
	struct xbuf html;  /* text/html when there is no text/plain */
	char *orig_to;	   /* To: of the original message */
	char *orig_from;   /* From: of the original message */
	bool has_dsn, has_arf;
};

static const char *const fallback_charsets[] = {
    "UTF-8", "ISO-2022-JP", "Shift_JIS", "EUC-JP", "ISO-8859-1", NULL,
};

/* Decode the transfer encoding of a leaf part into b (at most MAX_TEXT). */
static void part_bytes(GMimePart *part, struct xbuf *b)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	if (!dw)
		return;
	GMimeStream *ms = g_mime_stream_mem_new();
	/* write_to_stream decodes the transfer encoding */
	g_mime_data_wrapper_write_to_stream(dw, ms);
	GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	if (ba) {
		size_t n = ba->len < MAX_TEXT ? ba->len : MAX_TEXT;
		xbuf_add(b, (const char *)ba->data, n);
	}
	g_object_unref(ms);
}

/* Bytes -> UTF-8 through the declared charset, else the likely ones. */
static void add_utf8(struct xbuf *out, const char *s, size_t n,
		     const char *charset, GMimeParserOptions *po)
{
	if (charset && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0) {
		iconv_t cd = g_mime_iconv_open("UTF-8", charset);
		if (cd != (iconv_t)-1) {
			char *u = g_mime_iconv_strndup(cd, s, n);
			g_mime_iconv_close(cd);
			if (u) {
				xbuf_adds(out, u);
				g_free(u);
				return;
			}
		}
	}
	bool esc = memchr(s, 0x1b, n) != NULL; /* ISO-2022-JP */
	if (!esc && g_utf8_validate(s, (gssize)n, NULL)) {
		xbuf_add(out, s, n);
		return;
	}
	char *u = g_mime_utils_decode_8bit(po, s, n);
	if (u) {
		xbuf_adds(out, u);
		g_free(u);
	}
}

static char *address_list(InternetAddressList *l)
{
	if (!l || internet_address_list_length(l) == 0)
		return NULL;
	InternetAddress *a = internet_address_list_get_address(l, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	const char *s =
	    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
	return s ? strdup(s) : NULL;
}

/* The address of field name ("\nTo:") at the start of a line of t (a
 * text/rfc822-headers or feedback-report body; the first line counts). */
static char *header_in_text(const char *t, const char *name)
{
	if (*name == '\n')
		name++;
	size_t n = strlen(name);
	for (const char *p = t; p && *p;) {
		if (strncasecmp(p, name, n) == 0) {
			p += n;
			const char *lt = strchr(p, '<');
			const char *e = strchr(p, '\n');
			if (lt && (!e || lt < e))
				p = lt + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			size_t k = strcspn(p, " >\r\n,;");
			return k ? strndup(p, k) : NULL;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static void leaf(GMimeObject *obj, bool in_orig, struct found *f,
		 GMimeParserOptions *po)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	const char *type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	const char *sub =
	    ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	if (!type)
		type = "text";
	if (!sub)
		sub = "plain";
	if (!GMIME_IS_PART(obj))
		return;
	GMimePart *part = GMIME_PART(obj);
	if (g_ascii_strcasecmp(sub, "delivery-status") == 0 ||
	    g_ascii_strcasecmp(sub, "global-delivery-status") == 0) {
		if (in_orig)
			return;
		f->has_dsn = true;
		part_bytes(part, &f->dsn);
		xbuf_add(&f->dsn, "\n\n", 2);
		return;
	}
	if (g_ascii_strcasecmp(sub, "feedback-report") == 0) {
		if (in_orig)
			return;
		f->has_arf = true;
		part_bytes(part, &f->arf);
		return;
	}
	if (g_ascii_strcasecmp(sub, "rfc822-headers") == 0 ||
	    g_ascii_strcasecmp(sub, "global-headers") == 0) {
		struct xbuf b = {0};
		part_bytes(part, &b);
		if (b.p && !f->orig_to)
			f->orig_to = header_in_text(b.p, "\nTo:");
		if (b.p && !f->orig_from)
			f->orig_from = header_in_text(b.p, "\nFrom:");
		xbuf_done(&b);
		return;
	}
	if (in_orig || g_ascii_strcasecmp(type, "text") != 0)
		return;
	bool html = g_ascii_strcasecmp(sub, "html") == 0;
	struct xbuf raw = {0};
	part_bytes(part, &raw);
	if (raw.p) {
		const char *cs =
		    ct ? g_mime_content_type_get_parameter(ct, "charset")
		       : NULL;
		add_utf8(html ? &f->html : &f->human, raw.p, raw.n, cs, po);
		xbuf_add(html ? &f->html : &f->human, "\n", 1);
	}
	xbuf_done(&raw);
}

/* Walk the tree without recursion: a stack of (object, depth, in the
 * original message). */
struct frame {
	GMimeObject *obj;
	int depth;
	bool in_orig;
};

static void walk(GMimeObject *top, struct found *f, GMimeParserOptions *po)
{
	struct frame stack[256];
	size_t sp = 0, seen = 0;
	stack[sp++] = (struct frame){top, 0, false};
	while (sp && seen++ < MAX_PARTS) {
		struct frame fr = stack[--sp];
		if (GMIME_IS_MULTIPART(fr.obj)) {
			if (fr.depth >= MAX_DEPTH)
				continue;
			GMimeMultipart *mp = GMIME_MULTIPART(fr.obj);
			int n = g_mime_multipart_get_count(mp);
			const char *pro = g_mime_multipart_get_prologue(mp);
			if (n == 0 && !fr.in_orig && pro) {
				/* no part found (a boundary missing or
				 * wrong): its text is the report */
				add_utf8(&f->human, pro, strlen(pro), NULL, po);
				xbuf_add(&f->human, "\n", 1);
			}
			/* push in reverse so parts are seen in order */
			for (int i = n - 1; i >= 0; i--) {
				if (sp >= sizeof stack / sizeof stack[0])
					break;
				stack[sp++] = (struct frame){
				    g_mime_multipart_get_part(mp, i),
				    fr.depth + 1, fr.in_orig};
			}
		} else if (GMIME_IS_MESSAGE_PART(fr.obj)) {
			GMimeMessage *m = g_mime_message_part_get_message(
			    GMIME_MESSAGE_PART(fr.obj));
			if (!m)
				continue;
			/* Microsoft's complaint reports name the original
			 * recipient in X-HmXmrOriginalRecipient (ARF.rb) */
			const char *hm = g_mime_object_get_header(
			    GMIME_OBJECT(m), "X-HmXmrOriginalRecipient");
			if (!fr.in_orig && !f->orig_to && hm) {
				hm += strspn(hm, " \t<");
				size_t k = strcspn(hm, " \t>\r\n,;");
				f->orig_to = k ? strndup(hm, k) : NULL;
			}
			if (!fr.in_orig && !f->orig_to)
				f->orig_to =
				    address_list(g_mime_message_get_to(m));
			if (!fr.in_orig && !f->orig_from)
				f->orig_from =
				    address_list(g_mime_message_get_from(m));
			GMimeObject *body = g_mime_message_get_mime_part(m);
			/* a bounce forwarded as an attachment: its report
			 * is the report (its own original stays apart) */
			GMimeContentType *bt =
			    body ? g_mime_object_get_content_type(body) : NULL;
			bool report = !fr.in_orig && bt &&
				      g_mime_content_type_is_type(
					  bt, "multipart", "report");
			if (body && fr.depth < MAX_DEPTH && sp < 256)
				stack[sp++] =
				    (struct frame){body, fr.depth + 1, !report};
		} else {
			leaf(fr.obj, fr.in_orig, f, po);
		}
	}
}

/* Crude text of an HTML part: tags dropped, entities left. */
static void html_to_text(struct xbuf *out, const char *h)
{
	bool tag = false;
	for (const char *p = h; *p; p++) {
		if (*p == '<') {
			tag = true;
			if (strncasecmp(p, "<br", 3) == 0 ||
			    strncasecmp(p, "<p", 2) == 0 ||
			    strncasecmp(p, "<div", 4) == 0 ||
			    strncasecmp(p, "<tr", 3) == 0)
				xbuf_add(out, "\n", 1);
		} else if (*p == '>') {
			tag = false;
		} else if (!tag) {
			xbuf_add(out, p, 1);
		}
	}
}

/* One "feedback" recipient for address a (borrowed). */
static void feedback_rcpt(const char *a, const char *type,
			  struct explain_result *res)
{
	struct explain_rcpt *r = explain_result_add(res);
	if (!r)
		return;
	explain_set(&r->address, a, strlen(a));
	if (type)
		explain_set(&r->diagnostic, type, strlen(type));
	r->reason = "feedback";
}

/* Feedback report (RFC 5965): a "feedback" recipient for each
 * Original-Rcpt-To (a report may list several), else Removed-Recipient,
 * else the original message's To:. */
static void add_feedback(const struct explain_msg *m, const char *arf,
			 struct explain_result *res)
{
	static const char *const fields[] = {
	    "\nOriginal-Rcpt-To:",
	    "\nRemoved-Recipient:",
	};
	char *ft = header_in_text(arf, "\nFeedback-Type:");
	size_t first = res->n;
	for (size_t i = 0; i < 2 && res->n == first; i++) {
		size_t k = strlen(fields[i]);
		for (const char *p = arf;
		     p && (p = md_strcasestr(p, fields[i])); p += k) {
			char *to = header_in_text(p, fields[i]);
			if (to && *to)
				feedback_rcpt(to, ft, res);
			free(to);
			if (res->truncated)
				break;
		}
	}
	if (res->n == first)
		feedback_rcpt(m->orig_to ? m->orig_to : "", ft, res);
	free(ft);
}

/* A complaint report in Microsoft's (JMRP) or Amazon SES's own format,
 * with no feedback-report part (sisimai's Sisimai::ARF.is_arf): a
 * multipart/mixed message from staff@hotmail.com or
 * complaints@email-abuse.amazonses.com whose Subject says "complaint
 * about message from". */
static bool own_complaint(const struct explain_msg *m)
{
	const char *h = m->headers;
	const char *from = md_strcasestr(h, "\nFrom:");
	const char *eol = from ? strchr(from + 1, '\n') : NULL;
	if (!from || !md_strcasestr(h, "\nContent-Type: multipart/mixed"))
		return false;
	const char *a = md_strcasestr(from, "staff@hotmail.com");
	if (!a || (eol && a > eol))
		a = md_strcasestr(from, "complaints@email-abuse.amazonses.com");
	const char *subj = md_strcasestr(h, "\nX-Decoded-Subject:");
	return a && (!eol || a < eol) && subj &&
	       md_strcasestr(subj, "complaint about message from ");
}

static void add_vacation(GMimeMessage *msg, const struct explain_msg *m,
			 struct explain_result *res)
{
	struct explain_rcpt *r = explain_result_add(res);
	if (!r)
		return;
	char *from = address_list(g_mime_message_get_from(msg));
	r->address = from ? from : strdup("");
	const char *subj = g_mime_message_get_subject(msg);
	if (subj)
		explain_set(&r->diagnostic, subj, strlen(subj));
	r->reason = "vacation";
	/* an automatic reply saying the inbox is no longer in use is a
	 * suspended mailbox (Sisimai::RFC3834's Suspending) */
	const char *a = md_strcasestr(m->human, "this email inbox");
	const char *z = a ? md_strcasestr(a, " is no longer in use.") : NULL;
	if (z) {
		explain_set(&r->diagnostic, a, (size_t)(z - a) + 21);
		r->reason = "suspend";
	}
}

/* Recipients first..res->n still without words: the comments of their
 * Status fields, read again from the same delivery-status text. */
static void status_notes(const char *dsn, size_t len,
			 const struct explain_msg *m,
			 struct explain_result *res, size_t first)
{
	struct explain_result tmp = {0};
	explain_dsn_parse(dsn, len, m, &tmp, true);
	for (size_t i = first, j = 0; i < res->n && j < tmp.n; i++, j++) {
		struct explain_rcpt *r = &res->rcpts[i];
		struct explain_rcpt *t = &tmp.rcpts[j];
		if ((!r->diagnostic || !*r->diagnostic) && t->diagnostic) {
			free(r->diagnostic);
			r->diagnostic = t->diagnostic;
			t->diagnostic = NULL;
		}
	}
	for (size_t j = 0; j < tmp.n; j++)
		explain_rcpt_done(&tmp.rcpts[j]);
	free(tmp.rcpts);
}

/* Give DSN recipients without words the text of the human part. */
static void borrow_words(const struct rej_kb *kb, const struct explain_msg *m,
			 struct explain_result *res, size_t first)
{
	struct explain_result tmp = {0};
	explain_text_scan(kb, m, &tmp);
	for (size_t i = first; i < res->n; i++) {
		struct explain_rcpt *r = &res->rcpts[i];
		/* "X-Unix; 255" is a program's exit, not words */
		const char *dw = r->diagnostic ? r->diagnostic : "";
		if (strncmp(dw, "X-Unix; ", 8) == 0)
			dw += 8;
		bool has_words = *dw && strchr(dw, ' ');
		for (size_t j = 0; j < tmp.n; j++) {
			struct explain_rcpt *t = &tmp.rcpts[j];
			bool same = r->address && t->address &&
				    strcasecmp(r->address, t->address) == 0;
			if (!same && !(tmp.n == 1 || res->n - first == 1))
				continue;
			if (has_words) {
				/* the text may name the SMTP command */
				const char *c =
				    explain_find_command(t->diagnostic);
				if (!r->command && c &&
				    !explain_find_command(r->diagnostic))
					explain_set(&r->command, c, strlen(c));
				break;
			}
			if (t->diagnostic && *t->diagnostic) {
				if (r->diagnostic && *r->diagnostic) {
					struct xbuf b = {0};
					xbuf_adds(&b, r->diagnostic);
					xbuf_adds(&b, " ");
					xbuf_adds(&b, t->diagnostic);
					if (!b.oom) {
						free(r->diagnostic);
						r->diagnostic = b.p;
					} else {
						xbuf_done(&b);
					}
				} else {
					explain_set(&r->diagnostic,
						    t->diagnostic,
						    strlen(t->diagnostic));
				}
			}
			if (!r->command && t->command)
				explain_set(&r->command, t->command,
					    strlen(t->command));
			break;
		}
	}
	for (size_t j = 0; j < tmp.n; j++)
		explain_rcpt_done(&tmp.rcpts[j]);
	free(tmp.rcpts);
}

/* The "by" host of the bounce's first hop: its last Received: header,
 * the server that wrote the report (as sisimai takes its rhost when the
 * report names no remote server). Newly allocated, or NULL. */
static char *report_host(const char *hdrs)
{
	const char *last = NULL;
	for (const char *p = hdrs; (p = md_strcasestr(p, "\nReceived:"));
	     p += 10)
		last = p + 10;
	if (!last)
		return NULL;
	/* the header's value, with its continuation lines */
	const char *end = last;
	while ((end = strchr(end, '\n')) && (end[1] == ' ' || end[1] == '\t'))
		end++;
	if (!end)
		end = last + strlen(last);
	for (const char *p = last; p + 3 < end; p++) {
		if (strncasecmp(p, "by", 2) != 0 ||
		    !(p[2] == ' ' || p[2] == '\t') ||
		    (p > last &&
		     !(p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
		       p[-1] == ')' || p[-1] == ':')))
			continue;
		const char *h = p + 3;
		while (h < end && (*h == ' ' || *h == '\t'))
			h++;
		size_t k = 0;
		while (h + k < end && (g_ascii_isalnum(h[k]) || h[k] == '.' ||
				       h[k] == '-' || h[k] == '_'))
			k++;
		if (k >= 3 && memchr(h, '.', k))
			return strndup(h, k);
		return NULL;
	}
	return NULL;
}

/* The message's header block, for the family detection: "\n", the
 * headers, and the decoded subject as X-Decoded-Subject. */
static void header_block(GMimeMessage *msg, struct xbuf *hb)
{
	GMimeFormatOptions *fo = g_mime_format_options_get_default();
	char *hdrs = g_mime_object_get_headers(GMIME_OBJECT(msg), fo);
	xbuf_adds(hb, "\n");
	if (hdrs)
		xbuf_adds(hb, hdrs);
	const char *subj = g_mime_message_get_subject(msg);
	if (subj) {
		xbuf_adds(hb, "\nX-Decoded-Subject: ");
		xbuf_adds(hb, subj);
		xbuf_adds(hb, "\n");
	}
	g_free(hdrs);
}

/* Recipients from delivery-status fields at [p, p + n), with the words
 * the text gives them and their Status notes. */
static void from_dsn(const struct rej_kb *kb, const char *p, size_t n,
		     const struct explain_msg *m, struct explain_result *res,
		     size_t first)
{
	explain_dsn_parse(p, n, m, res, false);
	if (res->n > first) {
		borrow_words(kb, m, res, first);
		status_notes(p, n, m, res, first);
	}
}

/* The recipients of one message, from the first of its parts that names
 * any: a family's text first, an SES notification in JSON, delivery-status
 * fields in the text or in their own part, a feedback report, an
 * automatic reply, the text. */
static void find_recipients(const struct rej_kb *kb, GMimeMessage *msg,
			    struct found *f, const struct explain_msg *m,
			    bool autoreply, struct explain_result *res)
{
	size_t first = res->n;
	/* a family whose text report wins over its DSN part */
	if (f->has_dsn && explain_family_text_first(m->mta))
		explain_text_scan(kb, m, res);
	/* a body format of one of sisimai's Lhost modules */
	if (res->n == first && !f->has_dsn)
		explain_lhost_scan(m, res);
	/* an Amazon SES notification in JSON */
	if (res->n == first && !f->has_dsn && f->human.p)
		explain_ses_scan(f->human.p, res);
	/* delivery-status fields in the text (a boundary the reader could
	 * not see) */
	const char *fr = f->has_dsn || !f->human.p
			     ? NULL
			     : md_strcasestr(f->human.p, "\nFinal-Recipient:");
	if (res->n == first && fr)
		from_dsn(kb, fr, strlen(fr), m, res, first);
	if (res->n == first && f->has_dsn && f->dsn.p)
		from_dsn(kb, f->dsn.p, f->dsn.n, m, res, first);
	if (res->n == first && f->has_arf && f->arf.p)
		add_feedback(m, f->arf.p, res);
	if (res->n == first && own_complaint(m))
		feedback_rcpt(m->orig_to ? m->orig_to : "", "abuse", res);
	if (res->n == first && autoreply)
		add_vacation(msg, m, res);
	if (res->n == first)
		explain_text_scan(kb, m, res);
}

static void found_done(struct found *f)
{
	xbuf_done(&f->dsn);
	xbuf_done(&f->arf);
	xbuf_done(&f->human);
	xbuf_done(&f->html);
	free(f->orig_to);
	free(f->orig_from);
}

/* An ordinary message (no report part, no family or bounce sender known,
 * not an automatic reply) whose text gave no status, no reply code and no
 * words a rule knows (every recipient fell to "onhold") is not a delivery
 * report: its recipients are dropped, so the caller says so instead of
 * calling it an "onhold" bounce. */
static void drop_not_report(const struct rej_kb *kb, const struct found *f,
			    const struct explain_msg *m, bool autoreply,
			    struct explain_result *res, size_t first)
{
	if (f->has_dsn || f->has_arf || autoreply || m->mta ||
	    rej_kb_mta_is(kb, "bounce", m->headers, m->human))
		return;
	for (size_t i = first; i < res->n; i++)
		if (res->rcpts[i].status_given || res->rcpts[i].reply[0] ||
		    !res->rcpts[i].reason ||
		    strcmp(res->rcpts[i].reason, "onhold") != 0)
			return;
	for (size_t i = first; i < res->n; i++)
		explain_rcpt_done(&res->rcpts[i]);
	res->n = first;
}

static void one_message(const struct rej_kb *kb, GMimeMessage *msg,
			GMimeParserOptions *po, struct explain_result *res)
{
	struct found f = {0};
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	if (body)
		walk(body, &f, po);
	if (!f.human.p && f.html.p)
		html_to_text(&f.human, f.html.p);
	struct xbuf hb = {0};
	header_block(msg, &hb);

	const char *human = f.human.p ? f.human.p : "";
	const char *mta = rej_kb_detect_mta(kb, hb.p ? hb.p : "", human);
	size_t cut = rej_kb_cut(kb, human, f.human.n);
	if (f.human.p)
		f.human.p[cut] = '\0';
	const char *failed =
	    g_mime_object_get_header(GMIME_OBJECT(msg), "X-Failed-Recipients");
	char *rhost = report_host(hb.p ? hb.p : "");
	struct explain_msg m = {
	    .headers = hb.p ? hb.p : "",
	    .human = human,
	    .mta = mta,
	    .orig_to = f.orig_to,
	    .failed = failed,
	    .report_host = rhost,
	    .has_dsn = f.has_dsn,
	};
	size_t first = res->n;
	/* An automatic reply is not a bounce: no report, no bounce sender. */
	bool autoreply = !f.has_dsn &&
			 rej_kb_mta_is(kb, "autoreply", m.headers, "") &&
			 !rej_kb_mta_is(kb, "bounce", m.headers, "");
	find_recipients(kb, msg, &f, &m, autoreply, res);
	for (size_t i = first; i < res->n; i++) {
		res->rcpts[i].mta = mta && !autoreply ? mta : NULL;
		if (rhost && !res->rcpts[i].report_host)
			res->rcpts[i].report_host = strdup(rhost);
		explain_classify(kb, &res->rcpts[i]);
	}
	drop_not_report(kb, &f, &m, autoreply, res, first);
	free(rhost);
	res->messages++;
	xbuf_done(&hb);
	found_done(&f);
}

enum md_status explain_mime(const struct rej_kb *kb, const char *buf,
			    size_t len, bool mbox, struct explain_result *res,
			    struct md_err *err)
{
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(buf, len);
	if (!st)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	GMimeParser *parser = g_mime_parser_new_with_stream(st);
	g_object_unref(st);
	g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX
					      : GMIME_FORMAT_MESSAGE);
	GMimeParserOptions *po = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(
	    po, (const char **)fallback_charsets);
	size_t count = 0;
	while (count < MAX_MESSAGES) {
		GMimeMessage *msg = g_mime_parser_construct_message(parser, po);
		if (!msg)
			break;
		one_message(kb, msg, po, res);
		g_object_unref(msg);
		count++;
		if (!mbox || g_mime_parser_eos(parser))
			break;
	}
	g_mime_parser_options_free(po);
	g_object_unref(parser);
	if (count == 0)
		return md_err_set(err, MD_ERR_PARSE, NULL, 0, "%s",
				  _("the input is not a mail message"));
	return MD_OK;
}

/* The mbox on st, one message after another: each gets its own result,
 * handed to each() with the offset of its "From " line. A message longer
 * than max bytes stops the walk (MD_ERR_TOOBIG). */
enum md_status explain_mime_mbox(const struct rej_kb *kb, GMimeStream *st,
				 size_t max, explain_mbox_cb each, void *ud,
				 struct md_err *err)
{
	GMimeParser *parser = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
	GMimeParserOptions *po = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(
	    po, (const char **)fallback_charsets);
	enum md_status rc = MD_OK;
	size_t count = 0;
	while (rc == MD_OK && !g_mime_parser_eos(parser)) {
		GMimeMessage *msg = g_mime_parser_construct_message(parser, po);
		if (!msg)
			break;
		gint64 from = g_mime_parser_get_mbox_marker_offset(parser);
		gint64 end = g_mime_parser_tell(parser);
		struct explain_result *res = calloc(1, sizeof *res);
		if (!res)
			rc = md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					_("out of memory"));
		else if (end - from > (gint64)max)
			rc = md_err_set(err, MD_ERR_TOOBIG, NULL, 0,
					_("the message at byte %lld is too "
					  "large to read"),
					(long long)from);
		else {
			res->input = EXPLAIN_IN_MESSAGE;
			one_message(kb, msg, po, res);
			count++;
			if (!each(res, (long long)from, ud))
				rc = MD_ERR_CANCELLED;
		}
		explain_result_free(res);
		g_object_unref(msg);
	}
	g_mime_parser_options_free(po);
	g_object_unref(parser);
	if (rc == MD_OK && count == 0)
		return md_err_set(err, MD_ERR_PARSE, NULL, 0, "%s",
				  _("the input is not a mail message"));
	return rc;
}
