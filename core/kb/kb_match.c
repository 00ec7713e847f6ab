/* kb_match.c — host-name patterns (omta[0-9]+.jcom.zaq.ne.jp), domain and
 * PTR suffixes, and the plausibility check for host names read from
 * provider files or fetched configs. */
#include "core/kb/kb_private.h"

#include <string.h>

/* Longest pattern (in tokens) and host name the matcher accepts. */
#define PAT_MAX	 256
#define HOST_MAX 253

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool label_char(char c)
{
	c = lower(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool kb_host_ok(const char *s)
{
	if (!s || !*s)
		return false;
	size_t len = strnlen(s, HOST_MAX + 1);
	if (len > HOST_MAX || s[0] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!label_char(s[i]) && s[i] != '.' && s[i] != '%' &&
		    s[i] != '_')
			return false;
	return strstr(s, "..") == NULL;
}

bool kb_suffix_match(const char *suffix, const char *name)
{
	if (!suffix || !name || !*suffix)
		return false;
	size_t sl = strlen(suffix), nl = strlen(name);
	if (nl && name[nl - 1] == '.')
		nl--; /* a fully qualified name */
	if (sl && suffix[sl - 1] == '.')
		sl--;
	if (sl == 0 || nl < sl)
		return false;
	for (size_t i = 0; i < sl; i++)
		if (lower(name[nl - sl + i]) != lower(suffix[i]))
			return false;
	return nl == sl || name[nl - sl - 1] == '.';
}

/* One token of a pattern: a set of characters, possibly repeated. */
struct tok {
	unsigned char set[32]; /* bit per byte value */
	bool plus;	       /* one or more */
};

static void set_add(struct tok *t, unsigned char c)
{
	t->set[c >> 3] |= (unsigned char)(1u << (c & 7));
}

static bool set_has(const struct tok *t, unsigned char c)
{
	return t->set[c >> 3] & (1u << (c & 7));
}

/* Compile pattern into toks; returns the count, or -1 when malformed. */
static int compile(const char *pat, struct tok *toks)
{
	int n = 0;
	for (const char *p = pat; *p;) {
		if (n == PAT_MAX)
			return -1;
		struct tok *t = &toks[n++];
		memset(t, 0, sizeof *t);
		if (*p == '*') {
			for (int c = 0; c < 256; c++)
				if (label_char((char)c) && lower((char)c) == c)
					set_add(t, (unsigned char)c);
			t->plus = true;
			p++;
		} else if (*p == '[') {
			p++;
			if (*p == ']')
				return -1;
			while (*p && *p != ']') {
				char a = lower(*p);
				if (p[1] == '-' && p[2] && p[2] != ']') {
					char b = lower(p[2]);
					if (b < a)
						return -1;
					for (int c = a; c <= b; c++)
						set_add(t, (unsigned char)c);
					p += 3;
				} else {
					set_add(t, (unsigned char)a);
					p++;
				}
			}
			if (*p != ']')
				return -1;
			p++;
			if (*p == '+') {
				t->plus = true;
				p++;
			}
		} else {
			set_add(t, (unsigned char)lower(*p));
			p++;
		}
	}
	return n;
}

/* Simulates the pattern as an NFA over the host: states are token
 * indexes (state n = all tokens matched). Linear in host × pattern. */
bool kb_host_match(const char *pattern, const char *host)
{
	if (!pattern || !host)
		return false;
	size_t hl = strnlen(host, HOST_MAX + 2);
	if (hl > HOST_MAX + 1)
		return false;
	if (hl && host[hl - 1] == '.')
		hl--;
	struct tok toks[PAT_MAX];
	int n = compile(pattern, toks);
	if (n <= 0)
		return false;
	bool cur[PAT_MAX + 1] = {false}, next[PAT_MAX + 1];
	cur[0] = true;
	for (size_t i = 0; i < hl; i++) {
		unsigned char c = (unsigned char)lower(host[i]);
		memset(next, 0, sizeof next);
		bool any = false;
		for (int s = 0; s < n; s++) {
			/* state s: tokens before s done; s consumes c. A
			 * plus token is "in progress" at state s too. */
			if (!cur[s] || !set_has(&toks[s], c))
				continue;
			next[s + 1] = true;
			any = true;
		}
		/* A plus token may repeat: being at s+1 after token s, it
		 * may consume again. */
		for (int s = 0; s < n; s++)
			if (toks[s].plus && cur[s + 1] &&
			    set_has(&toks[s], c)) {
				next[s + 1] = true;
				any = true;
			}
		if (!any)
			return false;
		memcpy(cur, next, sizeof cur);
	}
	return cur[n];
}
