/* interceptors.c — the security products that open encrypted mail on the
 * person's own computer and re-sign it with their own root ("mail
 * shields"): read from assets/interceptors.conf into the kb, found by a
 * certificate's issuer, and the sentence that says where to switch each
 * one's scanning off. */
#include "core/kb/kb_private.h"

#include "core/base/file_read.h"
#include "core/base/i18n.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Largest interceptors.conf read. */
#define INTERCEPTORS_MAX_FILE (256 * 1024)

/* Where each product keeps the switch, in its own menu words (the
 * sources are named in assets/interceptors.conf). */
static const struct {
	const char *id;
	const char *text;
} advice[] = {
    {"avast",
     N_("In Avast, open Menu ▸ Settings ▸ Protection ▸ Core Shields ▸ Mail "
	"Shield and turn off the scanning of outbound (SMTP) and inbound "
	"(POP3, IMAP) mail.")},
    {"avg", N_("In AVG, open its settings, find Email Shield and turn off the "
	       "scanning of outbound (SMTP) and inbound (POP3, IMAP) mail.")},
    {"norton",
     N_("In Norton, open its settings and turn off the scanning of email "
	"(the mail shield or Email Antivirus Scan).")},
    {"eset", N_("In ESET, open Advanced setup (F5) ▸ Web and email ▸ SSL/TLS "
		"and turn off SSL/TLS protocol filtering, or exclude the mail "
		"program from it.")},
    {"kaspersky",
     N_("In Kaspersky, open Settings ▸ Network settings and, under "
	"encrypted connections scanning, choose not to scan encrypted "
	"connections, or exclude the mail server.")},
    {"bitdefender",
     N_("In Bitdefender, open Protection ▸ Online Threat Prevention ▸ "
	"Settings and turn off the scanning of encrypted traffic and of "
	"email.")},
};

const char *kb_interceptor_advice(const struct kb_interceptor *ic)
{
	for (size_t i = 0; ic && i < sizeof advice / sizeof advice[0]; i++)
		if (strcmp(advice[i].id, ic->id) == 0)
			return _(advice[i].text);
	return _("Open the security program's settings and turn off its "
		 "scanning of encrypted mail (often called mail shield, email "
		 "protection or SSL/TLS filtering).");
}

/* s with blanks cut off both ends, in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* The next '|'-separated field of *rest (trimmed), or NULL at the end. */
static char *field(char **rest)
{
	if (!*rest)
		return NULL;
	char *f = *rest, *bar = strchr(f, '|');
	if (bar)
		*bar++ = '\0';
	*rest = bar;
	return trim(f);
}

static bool id_ok(const char *id)
{
	if (!*id)
		return false;
	for (const char *c = id; *c; c++)
		if (!islower((unsigned char)*c) &&
		    !isdigit((unsigned char)*c) && *c != '-')
			return false;
	return true;
}

static enum md_status bad_line(const char *path, int line, struct md_err *err)
{
	return md_err_set(err, MD_ERR_PARSE, path, (unsigned)line, "%s",
			  _("expected \"interceptor ID | PRODUCT | ISSUER\""));
}

/* One line that is not blank or a comment. */
static enum md_status take_line(struct kb *kb, char *text, const char *path,
				int line, struct md_err *err)
{
	static const char kw[] = "interceptor";
	if (strncmp(text, kw, sizeof kw - 1) != 0 ||
	    (text[sizeof kw - 1] != ' ' && text[sizeof kw - 1] != '\t'))
		return bad_line(path, line, err);
	char *rest = text + sizeof kw - 1;
	char *id = field(&rest), *product = field(&rest),
	     *issuer = field(&rest);
	if (!id || !product || !issuer || rest || !id_ok(id) || !*product ||
	    !*issuer)
		return bad_line(path, line, err);
	if (kb->n_interceptors == KB_MAX_INTERCEPTORS)
		return md_err_set(err, MD_ERR_PARSE, path, (unsigned)line,
				  _("more than %d security products"),
				  KB_MAX_INTERCEPTORS);
	struct kb_interceptor *ic = &kb->interceptors[kb->n_interceptors];
	ic->id = kb_strndup(kb, id, strlen(id));
	ic->product = kb_strndup(kb, product, strlen(product));
	ic->issuer = kb_strndup(kb, issuer, strlen(issuer));
	ic->line = line;
	if (!ic->id || !ic->product || !ic->issuer)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	kb->n_interceptors++;
	return MD_OK;
}

enum md_status kb_load_interceptors(struct kb *kb, const char *path,
				    struct md_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	enum md_status st =
	    file_read(path, INTERCEPTORS_MAX_FILE, NULL, &buf, &len, err);
	if (st == MD_ERR_NOTFOUND)
		return MD_OK; /* no file: no products known */
	if (st != MD_OK)
		return st;
	if (memchr(buf, '\0', len)) {
		free(buf);
		return md_err_set(err, MD_ERR_PARSE, path, 0, "%s",
				  _("the file holds a NUL byte"));
	}
	int line = 0;
	for (char *s = buf, *next; st == MD_OK && s && *s; s = next) {
		line++;
		next = strchr(s, '\n');
		if (next)
			*next++ = '\0';
		char *hash = strchr(s, '#');
		if (hash)
			*hash = '\0';
		char *text = trim(s);
		if (*text)
			st = take_line(kb, text, path, line, err);
	}
	free(buf);
	return st;
}

/* The common name in a one-line name ("C=SK, O=ESET, CN=ESET SSL Filter
 * CA"), or the whole name when it has none. */
static const char *common_name(const char *name)
{
	for (const char *p = name; *p; p++)
		if ((p == name || p[-1] == ' ' || p[-1] == ',' ||
		     p[-1] == '/') &&
		    strncasecmp(p, "CN=", 3) == 0)
			return p + 3;
	return name;
}

const struct kb_interceptor *kb_interceptor_for(const struct kb *kb,
						const char *issuer)
{
	if (!kb || !issuer || !*issuer)
		return NULL;
	const char *cn = common_name(issuer);
	for (size_t i = 0; i < kb->n_interceptors; i++) {
		const struct kb_interceptor *ic = &kb->interceptors[i];
		if (strncasecmp(cn, ic->issuer, strlen(ic->issuer)) == 0)
			return ic;
	}
	return NULL;
}

size_t kb_interceptor_count(const struct kb *kb)
{
	return kb ? kb->n_interceptors : 0;
}
