/* outlook_regtext.c — the .reg text rules (quoting, type prefixes, hex byte
 * lists, value decoding) that the reader uses and a writer will reuse. */
#include "clientcfg/outlook/outlook_private.h"
#include "clientcfg/outlook/outlook_reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *outlook_reg_type_prefix(uint32_t type, char buf[16])
{
	switch (type) {
	case OUTLOOK_REG_SZ:
		buf[0] = '\0';
		break;
	case OUTLOOK_REG_DWORD:
		snprintf(buf, 16, "dword:");
		break;
	case OUTLOOK_REG_BINARY:
		snprintf(buf, 16, "hex:");
		break;
	default:
		snprintf(buf, 16, "hex(%x):", (unsigned)type);
	}
	return buf;
}

char *outlook_reg_quote(const char *s)
{
	size_t n = 3;
	for (const char *p = s; *p; p++) {
		if (*p == '\n' || *p == '\r')
			return NULL;
		n += (*p == '\\' || *p == '"') ? 2 : 1;
	}
	char *q = malloc(n), *o = q;
	if (!q)
		return NULL;
	*o++ = '"';
	for (const char *p = s; *p; p++) {
		if (*p == '\\' || *p == '"')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return q;
}

bool outlook_reg_unquote(const char *p, size_t n, size_t *used, char **out,
			 bool *nomem)
{
	*out = NULL;
	*nomem = false;
	size_t i = 1, close = 0;
	bool found = false;
	for (; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n &&
		    (p[i + 1] == '\\' || p[i + 1] == '"')) {
			i++;
			continue;
		}
		if (p[i] == '"') {
			close = i;
			found = true;
			break;
		}
	}
	if (!found)
		return false;
	char *o = malloc(close);
	if (!o) {
		*nomem = true;
		return false;
	}
	size_t k = 0;
	for (i = 1; i < close; i++) {
		if (p[i] == '\\' && i + 1 < close &&
		    (p[i + 1] == '\\' || p[i + 1] == '"'))
			i++;
		o[k++] = p[i];
	}
	o[k] = '\0';
	*out = o;
	*used = close + 1;
	return true;
}

bool outlook_reg_hex_bytes(const char *p, size_t n, unsigned char **bytes,
			   size_t *len, bool *nomem)
{
	*bytes = NULL;
	*len = 0;
	*nomem = false;
	outlook_trim(&p, &n);
	if (n == 0)
		return true;
	unsigned char *b = malloc(n / 3 + 1);
	if (!b) {
		*nomem = true;
		return false;
	}
	size_t k = 0, i = 0;
	for (;;) {
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i + 2 > n)
			goto bad;
		int hi = outlook_hexdigit(p[i]),
		    lo = outlook_hexdigit(p[i + 1]);
		if (hi < 0 || lo < 0)
			goto bad;
		b[k++] = (unsigned char)(hi * 16 + lo);
		i += 2;
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == n)
			break;
		if (p[i] != ',')
			goto bad;
		i++;
	}
	*bytes = b;
	*len = k;
	return true;
bad:
	free(b);
	return false;
}

bool outlook_reg_is_secret(const char *name)
{
	static const char word[] = "password";
	size_t n = strlen(name), w = sizeof word - 1;
	return n >= w && outlook_eqi(name + n - w, w, word);
}

enum md_status outlook_reg_value_text(const struct outlook_reg_value *v,
				      char **out)
{
	*out = NULL;
	if (v->withheld || v->deleted)
		return MD_ERR_PARSE;
	if (v->quoted) {
		*out = acct_strdup((const char *)v->data);
		return *out ? MD_OK : MD_ERR_NOMEM;
	}
	if (v->type != OUTLOOK_REG_BINARY && v->type != OUTLOOK_REG_EXPAND_SZ &&
	    v->type != OUTLOOK_REG_SZ)
		return MD_ERR_PARSE;
	bool nomem;
	*out = outlook_utf16le_to_utf8(v->data, v->len, &nomem);
	if (*out)
		return MD_OK;
	return nomem ? MD_ERR_NOMEM : MD_ERR_PARSE;
}

bool outlook_reg_value_number(const struct outlook_reg_value *v, long *out)
{
	if (v->withheld || v->deleted || !v->data)
		return false;
	const unsigned char *d = v->data;
	if (v->quoted)
		return outlook_parse_number((const char *)d, out);
	if (v->len == 8 && (d[4] | d[5] | d[6] | d[7]))
		return false;
	if (v->len != 4 && v->len != 8)
		return false;
	*out = (long)((unsigned long)d[0] | (unsigned long)d[1] << 8 |
		      (unsigned long)d[2] << 16 | (unsigned long)d[3] << 24);
	return true;
}
