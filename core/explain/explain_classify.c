/* explain_classify.c — turns what a bounce says (status, reply code,
 * command, the server's words) into a reason of the taxonomy, who must act
 * and what to do, through the rules of assets/rejections.xml. */
#include "core/explain/explain_private.h"

#include "core/base/compat.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void explain_squeeze(char *s)
{
	if (!s)
		return;
	char *w = s;
	bool space = true; /* drops leading white space */
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '\f' || c == '\v') {
			if (!space)
				*w++ = ' ';
			space = true;
		} else {
			*w++ = (char)c;
			space = false;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/* Multi-line replies repeat their codes on each line ("550-5.7.1 a
 * 550-5.7.1 b 550 5.7.1 c"): keep the first, drop the repeats, so that
 * the words read as one sentence. In place. */
static void drop_repeated_codes(char *s)
{
	if (!s)
		return;
	char *p = s;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "smtp;", 5) == 0)
		p += 5;
	while (*p == ' ')
		p++;
	if (!(p[0] >= '2' && p[0] <= '5') || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || !(p[3] == '-' || p[3] == ' '))
		return;
	char code[4] = {p[0], p[1], p[2], 0};
	char *w = p + 4, *r = p + 4;
	while (*r) {
		if (r[-1] == ' ' && strncmp(r, code, 3) == 0 &&
		    (r[3] == '-' || r[3] == ' ')) {
			r += 4;
			/* and its status code, when it repeats one */
			size_t k = 0;
			while (r[k] && r[k] != ' ')
				k++;
			if (k >= 5 && k < 10 && r[1] == '.' && r[0] == code[0])
				r += k + (r[k] == ' ');
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Read "D.D{1,3}.D{1,3}" at p; its length, or 0. */
static size_t status_at(const char *p)
{
	if (!(p[0] == '2' || p[0] == '4' || p[0] == '5') || p[1] != '.')
		return 0;
	size_t i = 2, d = 0;
	while (isdig(p[i]) && d < 3)
		i++, d++;
	if (!d || d > 1 || p[i] != '.')
		return 0; /* the subject is one digit (0-7) */
	i++;
	d = 0;
	while (isdig(p[i]) && d < 4)
		i++, d++;
	if (!d || d > 3 || isdig(p[i]))
		return 0;
	if (p[i] == '.' && isdig(p[i + 1]))
		return 0; /* an IP address */
	return i;
}

bool explain_find_status(const char *s, char out[16])
{
	if (!s)
		return false;
	for (const char *p = s; *p; p++) {
		if (p > s && (isdig(p[-1]) || p[-1] == '.'))
			continue;
		size_t n = status_at(p);
		if (n && p[2] <= '7') {
			memcpy(out, p, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

bool explain_pick_status(const char *s, char out[16])
{
	char later[16] = "", success[16] = "";
	if (!s)
		return false;
	for (const char *p = s; *p; p++) {
		if (p > s && (isdig(p[-1]) || p[-1] == '.' || p[-1] == 'v' ||
			      p[-1] == 'V'))
			continue;
		size_t n = status_at(p);
		if (!n || p[2] > '7')
			continue;
		/* "x.0.0" says only the class, 4.4.7 only that time ran
		 * out: another code of the text says more */
		bool vague = (n == 5 && strncmp(p + 1, ".0.0", 4) == 0) ||
			     (n == 5 && strncmp(p, "4.4.7", 5) == 0);
		/* a transcript's successes (2.x) give way to its failure */
		if (p[0] == '2') {
			if (!success[0]) {
				memcpy(success, p, n);
				success[n] = '\0';
			}
			continue;
		}
		if (vague) {
			if (!later[0]) {
				memcpy(later, p, n);
				later[n] = '\0';
			}
			continue;
		}
		memcpy(out, p, n);
		out[n] = '\0';
		return true;
	}
	if (!later[0] && !success[0])
		return false;
	memcpy(out, later[0] ? later : success, sizeof later);
	return true;
}

/* The reply codes of RFC 5321 and its extensions, most telling first:
 * when a text holds several, the first of this list that appears wins. */
static const char *const reply_order[] = {
    "550", "552", "553", "551", "521", "525", "523", "524", "530", "533", "534",
    "535", "538", "555", "556", "554", "500", "501", "502", "503", "504", "421",
    "450", "451", "452", "422", "430", "432", "453", "454", "455", "458", "459",
    "211", "214", "220", "221", "235", "250", "251", "252", "253",
};

bool explain_pick_reply(const char *s, char out[4])
{
	return explain_pick_reply_class(s, '\0', out);
}

bool explain_pick_reply_class(const char *s, char cls, char out[4])
{
	if (s && strncasecmp(s, "X-Unix;", 7) == 0) {
		/* a program's exit status is no reply code; words that
		 * follow it may hold one */
		s += 7;
		while (*s == ' ')
			s++;
		while (isdig(*s))
			s++;
	}
	if (!s || md_strcasestr(s, "X-Unix;"))
		return false;
	/* codes of the status's class first, then any */
	for (int pass = cls ? 0 : 1; pass < 2; pass++)
		for (size_t i = 0;
		     i < sizeof reply_order / sizeof reply_order[0]; i++) {
			if (pass == 0 && reply_order[i][0] != cls)
				continue;
			for (const char *p = strstr(s, reply_order[i]); p;
			     p = strstr(p + 3, reply_order[i])) {
				char b = p > s ? p[-1] : ' ';
				char a = p[3];
				if ((b >= '.' && b <= '9') ||
				    (a >= '.' && a <= '9') ||
				    isalpha((unsigned char)b) ||
				    isalpha((unsigned char)a))
					continue;
				memcpy(out, p, 3);
				out[3] = '\0';
				return true;
			}
		}
	return false;
}

bool explain_find_reply(const char *s, char out[4])
{
	if (!s)
		return false;
	for (const char *p = s; *p; p++) {
		if (!(p[0] == '2' || p[0] == '4' || p[0] == '5') ||
		    !(p[1] >= '0' && p[1] <= '5') || !isdig(p[2]))
			continue;
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '.' ||
			      p[-1] == '-' || p[-1] == '/' || p[-1] == '=' ||
			      p[-1] == '#' || p[-1] == '_' || p[-1] == '+'))
			continue;
		char c = p[3];
		if (!(c == '\0' || c == ' ' || c == '-' || c == ',' ||
		      c == '\t'))
			continue;
		if (c == '-' && isdig(p[4]) && p[5] != '.')
			continue; /* a date or a range */
		memcpy(out, p, 3);
		out[3] = '\0';
		return true;
	}
	return false;
}

const char *explain_find_command(const char *s)
{
	static const struct {
		const char *word, *cmd;
	} table[] = {
	    {"RCPT TO", "RCPT"},
	    {"RCPT command", "RCPT"},
	    {"SMTP:RCPT", "RCPT"},
	    {"SMTP:DATA", "DATA"},
	    {"end of data", "DATA"},
	    {"DATA command", "DATA"},
	    {"after DATA", "DATA"},
	    {">>> DATA", "DATA"},
	    {"MAIL FROM", "MAIL"},
	    {"MAIL command", "MAIL"},
	    {"EHLO", "HELO"},
	    {"HELO", "HELO"},
	    {"initial connection", "CONN"},
	    {"greeting", "CONN"},
	    {"STARTTLS", "STARTTLS"},
	    /* qmail-remote.c's own sentences, as sisimai's Lhost::Qmail and
	     * Lhost::X4 (qmail clones) read them (ReSMTP, CommandSet) */
	    {"but greeting failed", "CONN"},
	    {"but my name was rejected", "HELO"},
	    {"but sender was rejected", "MAIL"},
	    {"does not like recipient", "RCPT"},
	    {"failed after I sent the message", "DATA"},
	    /* 1&1's "SMTP error from remote server for TEXT command"
	     * (Sisimai::Lhost::EinsUndEins: the message's text, DATA) */
	    {"for TEXT command", "DATA"},
	};
	if (!s)
		return NULL;
	/* the command named last in the text: the one the failing reply
	 * answered, the commands before it having gone through (sisimai v5
	 * Sisimai::SMTP::Command.find keeps the last one it finds) */
	const char *cmd = NULL, *at = NULL;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const char *p = md_strcasestr(s, table[i].word);
		if (p && (!at || p > at)) {
			at = p;
			cmd = table[i].cmd;
		}
	}
	return cmd;
}

static bool hostch(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
}

bool explain_find_host(const char *s, char *out, size_t n)
{
	if (!s || n < 2)
		return false;
	for (const char *p = md_strcasestr(s, "host"); p;
	     p = md_strcasestr(p + 4, "host")) {
		if (p > s && isalpha((unsigned char)p[-1]))
			continue;
		/* "host NAME [ip]", "host: NAME (ip)" */
		const char *h = p + 4;
		if (*h == ':')
			h++;
		if (*h != ' ')
			continue;
		h++;
		size_t k = 0;
		while (hostch(h[k]))
			k++;
		const char *after = h + k;
		while (*after == ' ')
			after++;
		if (k < 3 || !memchr(h, '.', k) ||
		    !(*after == '[' || *after == '(' || *after == ':'))
			continue;
		if (k >= n)
			k = n - 1;
		memcpy(out, h, k);
		out[k] = '\0';
		return true;
	}
	return false;
}

static bool starts(const char *s, const char *p)
{
	return s && strncasecmp(s, p, strlen(p)) == 0;
}

static void set_reason(const struct rej_kb *kb, struct explain_rcpt *r,
		       const char *name)
{
	const struct rej_reason *rs = rej_kb_reason(kb, name);
	r->reason = rs ? rs->name : name;
	r->hard_bounce = rs ? rs->hard : false;
	r->who = rs ? rs->who : REJ_WHO_NOBODY;
	r->summary = rs ? rs->summary : NULL;
	r->advice = rs ? rs->advice : NULL;
}

static bool temporary(const struct explain_rcpt *r)
{
	if (r->status[0])
		return r->status[0] == '4';
	if (r->reply[0])
		return r->reply[0] == '4';
	if (r->diagnostic && (md_strcasestr(r->diagnostic, "temporar") ||
			      md_strcasestr(r->diagnostic, "persistent")))
		return true;
	return starts(r->action, "delayed");
}

/* Missing status, reply, command and remote host from the server's words
 * d; a precise code in them wins over the report's field (sisimai):
 * "5.0.0" beside "550 5.2.2". */
static void fill_from_words(struct explain_rcpt *r, const char *d)
{
	char s[16];
	if (r->status[0]) {
		r->status_given = true;
		size_t n = strlen(r->status);
		bool vague = n > 4 && strcmp(r->status + 1, ".0.0") == 0;
		if (explain_pick_status(d, s) &&
		    ((s[2] != '0' && s[4] != '0') ||
		     (vague && s[0] == r->status[0])))
			memcpy(r->status, s, sizeof s);
	} else {
		r->status_given = explain_pick_status(d, r->status);
	}
	if (!r->reply[0])
		explain_pick_reply_class(d, r->status[0], r->reply);
	if (!r->command) {
		const char *c = explain_find_command(d);
		if (c)
			explain_set(&r->command, c, strlen(c));
	}
	if (!r->remote_host || !*r->remote_host) {
		char h[256];
		if (explain_find_host(d, h, sizeof h))
			explain_set(&r->remote_host, h, strlen(h));
	}
	/* A status of class 4 or 5 wins over a reply that contradicts it
	 * only when both are present; nothing to reconcile here. */
}

/* The reason: the one the message's kind decided, delivered, the
 * knowledge base's rule that matches, or what is left (expired, onhold,
 * undefined). */
static void find_reason(const struct rej_kb *kb, struct explain_rcpt *r,
			const char *d)
{
	if (r->reason) {
		set_reason(kb, r, r->reason);
		return;
	}
	if (r->status[0] == '2' || starts(r->action, "delivered") ||
	    starts(r->action, "relayed") || starts(r->action, "expanded")) {
		set_reason(kb, r, "delivered");
		return;
	}
	struct rej_query q = {
	    .text = d,
	    .status = r->status,
	    .reply = r->reply,
	    .rhost = r->remote_host && *r->remote_host ? r->remote_host
						       : r->report_host,
	    .mta = r->mta,
	    .command = r->command,
	};
	if (rej_kb_match(kb, &q, &r->match)) {
		const struct rej_rule *ru = r->match.rule;
		r->reason = ru->reason->name;
		r->hard_bounce = ru->hard;
		r->who = ru->who;
		r->summary = ru->summary;
		r->advice = ru->advice;
	} else if (starts(r->action, "delayed")) {
		set_reason(kb, r, "expired");
	} else if (*d) {
		set_reason(kb, r, "onhold");
	} else {
		set_reason(kb, r, "undefined");
	}
}

void explain_classify(const struct rej_kb *kb, struct explain_rcpt *r)
{
	explain_squeeze(r->diagnostic);
	drop_repeated_codes(r->diagnostic);
	explain_squeeze(r->remote_host);
	explain_squeeze(r->address);
	const char *d = r->diagnostic ? r->diagnostic : "";
	explain_family_words(r);
	fill_from_words(r, d);
	find_reason(kb, r, d);
	r->failed = strcmp(r->reason, "delivered") != 0 &&
		    strcmp(r->reason, "vacation") != 0 &&
		    strcmp(r->reason, "feedback") != 0;
	explain_family_status(kb, r);
	if (!r->status[0] && r->failed) {
		const struct rej_reason *rs = rej_kb_reason(kb, r->reason);
		const char *ps = NULL;
		if (rs)
			ps = temporary(r) && rs->pseudo4 ? rs->pseudo4
							 : rs->pseudo5;
		if (ps)
			snprintf(r->status, sizeof r->status, "%s", ps);
	}
	if (temporary(r))
		r->hard_bounce = false;
	/* a reply code of another class than the status is not the
	 * answer this status reports */
	if (r->reply[0] && r->status[0] && r->reply[0] != r->status[0])
		r->reply[0] = '\0';
}
