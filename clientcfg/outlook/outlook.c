/* outlook.c — the Outlook reader's entry points: read a file, tell its kind
 * and hand it to the parser of that kind. */
#include "clientcfg/outlook/outlook.h"

#include "core/base/file_read.h"
#include "core/base/compat.h"
#include "core/base/i18n.h"
#include "clientcfg/outlook/outlook_private.h"
#include "clientcfg/outlook/outlook_reg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIFF_CHARS 4096

/* The ASCII characters of the first SNIFF_CHARS characters of buf, whatever
 * its encoding (UTF-16 with or without BOM, UTF-8); others become '?'. */
static size_t ascii_prefix(const unsigned char *b, size_t len, char *out)
{
	size_t i = 0, step = 1, k = 0;
	int lo = 0; /* in UTF-16, which byte of a unit holds the ASCII */
	if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		i = 2, step = 2, lo = 0;
	else if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		i = 2, step = 2, lo = 1;
	else if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	else if (len >= 2 && b[0] != 0 && b[1] == 0)
		step = 2, lo = 0;
	else if (len >= 2 && b[0] == 0 && b[1] != 0)
		step = 2, lo = 1;
	for (; i + step <= len && k < SNIFF_CHARS; i += step) {
		unsigned c = b[i + (size_t)lo];
		bool wide = step == 2 && b[i + (size_t)(1 - lo)] != 0;
		out[k++] = (char)(c < 0x80 && !wide && c ? c : '?');
	}
	out[k] = '\0';
	return k;
}

static bool starts_i(const char *p, const char *w)
{
	size_t n = strlen(w);
	return strlen(p) >= n && outlook_eqi(p, n, w);
}

enum outlook_kind outlook_sniff(const char *buf, size_t len)
{
	char pre[SNIFF_CHARS + 1];
	ascii_prefix((const unsigned char *)buf, len, pre);
	const char *p = pre;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p != ';' && *p != '#')
			break;
		p += strcspn(p, "\r\n");
	}
	if (starts_i(p, "Windows Registry Editor") ||
	    starts_i(p, OUTLOOK_REG_HEADER4))
		return OUTLOOK_KIND_REG;
	if (*p == '<')
		return OUTLOOK_KIND_AUTODISCOVER;
	if (*p == '[')
		return OUTLOOK_KIND_PRF;
	/* Other UTF-16 text: most likely a damaged regedit export. */
	const unsigned char *b = (const unsigned char *)buf;
	if (len >= 2 &&
	    ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return OUTLOOK_KIND_REG;
	return OUTLOOK_KIND_UNKNOWN;
}

enum md_status outlook_parse_reg(const char *buf, size_t len, const char *name,
				 struct acct_set *set, struct md_err *err)
{
	struct outlook_reg *reg;
	enum md_status st = outlook_reg_parse(buf, len, name, &reg, err);
	if (st != MD_OK)
		return st;
	struct acct_set *tmp = acct_set_new();
	if (!tmp)
		st = md_err_set(err, MD_ERR_NOMEM, name, 0, NULL);
	if (st == MD_OK)
		st = outlook_reg_accounts(reg, name, tmp, err);
	if (st == MD_OK && !acct_set_merge(set, tmp))
		st = md_err_set(err, MD_ERR_NOMEM, name, 0, NULL);
	acct_set_free(tmp);
	outlook_reg_free(reg);
	return st;
}

enum md_status outlook_parse_buffer(const char *buf, size_t len,
				    const char *name, struct acct_set *set,
				    struct md_err *err)
{
	if (len > OUTLOOK_MAX_BYTES)
		return md_err_set(err, MD_ERR_TOOBIG, name, 0,
				  _("%s is larger than %u MiB."),
				  outlook_name(name), OUTLOOK_MAX_BYTES >> 20);
	switch (outlook_sniff(buf, len)) {
	case OUTLOOK_KIND_REG:
		return outlook_parse_reg(buf, len, name, set, err);
	case OUTLOOK_KIND_PRF:
		return outlook_parse_prf(buf, len, name, set, err);
	case OUTLOOK_KIND_AUTODISCOVER:
		return outlook_parse_autodiscover(buf, len, name, set, err);
	case OUTLOOK_KIND_UNKNOWN:
		break;
	}
	return md_err_set(err, MD_ERR_PARSE, name, 0,
			  _("%s is not an Outlook registry export (.reg), "
			    "profile file (.prf) or Autodiscover response."),
			  outlook_name(name));
}

/* The whole file in a new buffer (*buf, the caller frees it). */
static enum md_status slurp(const char *path, char **buf, size_t *len,
			    struct md_err *err)
{
	struct file_read_words w = {
	    .cannot_open = _("Cannot open %s: %s."),
	    .cannot_read = _("Cannot read %s: %s."),
	    .too_big = _("%s is larger than %u MiB."),
	};
	return file_read(path, OUTLOOK_MAX_BYTES, &w, buf, len, err);
}

enum md_status outlook_read(const char *path, struct acct_set *set,
			    struct md_err *err)
{
	char *buf;
	size_t len;
	enum md_status st = slurp(path, &buf, &len, err);
	if (st != MD_OK)
		return st;
	st = outlook_parse_buffer(buf, len, path, set, err);
	explicit_bzero(buf, len);
	free(buf);
	return st;
}
