/* test_rejections.c — the rejections knowledge base: the file follows its
 * RelaxNG schema, every text of it is in the gettext catalogue, a broken
 * file is refused, and rules match with their captures. */
#include "core/kb/rejections.h"

#include "core/base/i18n.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static struct rej_kb *kb;

static int setup(void **state)
{
	(void)state;
	/* the translations bound before any text is looked up, as the
	 * program does: on Windows, libintl keeps English for the whole
	 * process once a text was looked up before them */
	i18n_init("en", "build/locale");
	struct md_err err;
	return rej_kb_load("assets/rejections.xml", &kb, &err) == MD_OK ? 0
									: -1;
}

static int teardown(void **state)
{
	(void)state;
	rej_kb_free(kb);
	kb = NULL;
	return 0;
}

static void test_rejections_schema_valid(void **state)
{
	(void)state;
	struct md_err err;
	md_err_clear(&err);
	enum md_status st = rej_validate("assets/rejections.xml",
					 "assets/rejections.rng", &err);
	if (st != MD_OK)
		fail_msg("%s line %u: %s", err.file, err.line, err.text);
}

static void test_rejections_invalid_refused(void **state)
{
	(void)state;
	char dir[512], path[600];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-rej"));
	snprintf(path, sizeof path, "%s/rej.xml", dir);
	const char *bad = "<?xml version=\"1.0\"?><rejections version=\"1\">"
			  "<rule id=\"x\" reason=\"blocked\"/></rejections>";
	FILE *w = os_fopen(path, "wb");
	assert_non_null(w);
	assert_int_equal(fwrite(bad, 1, strlen(bad), w), strlen(bad));
	assert_int_equal(fclose(w), 0);
	struct md_err err;
	md_err_clear(&err);
	assert_int_equal(rej_validate(path, "assets/rejections.rng", &err),
			 MD_ERR_PARSE);
	assert_true(err.text[0] != '\0');
	/* a pattern that does not compile is refused by the loader */
	FILE *f = os_fopen(path, "w");
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?><rejections version=\"1\">"
	      "<reason name=\"blocked\" hard=\"false\" who=\"sender\">"
	      "<summary>s</summary><advice>a</advice></reason>"
	      "<rule id=\"x\" reason=\"blocked\"><text>(unclosed</text></rule>"
	      "</rejections>",
	      f);
	fclose(f);
	struct rej_kb *k = NULL;
	assert_int_equal(rej_kb_load(path, &k, &err), MD_ERR_PARSE);
	assert_null(k);
	assert_true(ho_rmtree(dir));
}

/* Every summary and advice of the XML is in rejections_msgs.c. */
static void test_rejections_msgs_up_to_date(void **state)
{
	(void)state;
	xmlDocPtr doc =
	    xmlReadFile("assets/rejections.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	int missing = 0;
	xmlNode *stack[4] = {xmlDocGetRootElement(doc)};
	for (xmlNode *n = stack[0]->children; n; n = n->next) {
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE ||
			    (strcmp((const char *)c->name, "summary") &&
			     strcmp((const char *)c->name, "advice")))
				continue;
			xmlChar *t = xmlNodeGetContent(c);
			bool found = false;
			for (size_t i = 0; rejections_msgs[i]; i++)
				if (strcmp(rejections_msgs[i],
					   (const char *)t) == 0)
					found = true;
			if (!found) {
				printf("not in core/kb/rejections_msgs.c: %s\n",
				       (const char *)t);
				missing++;
			}
			xmlFree(t);
		}
	}
	xmlFreeDoc(doc);
	if (missing)
		fail_msg("%d texts missing; run tools/gen_rejections_msgs.py "
			 "> core/kb/rejections_msgs.c",
			 missing);
}

static void test_rejections_proofpoint_captures(void **state)
{
	(void)state;
	struct rej_query q = {
	    .text = "host mx.icloud.com[17.172.34.64] said: 550 5.7.0 "
		    "Blocked - see https://support.proofpoint.com/"
		    "dnsbl-lookup.cgi?ip=198.51.100.7",
	    .status = "5.7.0",
	    .reply = "550",
	};
	struct rej_match m;
	assert_true(rej_kb_match(kb, &q, &m));
	assert_string_equal(m.rule->id, "proofpoint-dnsbl");
	assert_string_equal(m.rule->reason->name, "blocked");
	assert_int_equal(m.rule->who, REJ_WHO_SENDER_ADMIN);
	assert_string_equal(m.ip, "198.51.100.7");
	char *adv = rej_fill(m.rule->advice, &m, NULL);
	assert_non_null(strstr(adv, "dnsbl-lookup.cgi?ip=198.51.100.7"));
	free(adv);
}

static void test_rejections_status_and_reply(void **state)
{
	(void)state;
	struct rej_match m;
	struct rej_query q = {.text = "", .status = "5.2.2"};
	assert_true(rej_kb_match(kb, &q, &m));
	assert_string_equal(m.rule->reason->name, "mailboxfull");
	/* "5.1.1" must not match a rule for "5.1.10" and the reverse */
	struct rej_query q2 = {.text = "", .status = "5.1.10"};
	assert_true(rej_kb_match(kb, &q2, &m));
	assert_string_equal(m.rule->reason->name, "notaccept");
	struct rej_query q3 = {.text = "auth", .reply = "535"};
	assert_true(rej_kb_match(kb, &q3, &m));
	assert_string_equal(m.rule->id, "smtp-auth-failed");
}

static void test_rejections_fill_fallbacks(void **state)
{
	(void)state;
	struct rej_vars v = {.address = "a@example.jp",
			     .ip_fallback = "YOUR-IP"};
	char *s = rej_fill("{address} {domain} {ip} {nope}", NULL, &v);
	assert_string_equal(s, "a@example.jp example.jp YOUR-IP ?");
	free(s);
	s = rej_fill("{unclosed", NULL, NULL);
	assert_string_equal(s, "{unclosed");
	free(s);
}

/* '?' characters of tmpl outside its {placeholders}. */
static size_t literal_marks(const char *tmpl)
{
	size_t n = 0;
	int depth = 0;
	for (const char *p = tmpl; *p; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if (*p == '?' && depth == 0)
			n++;
	}
	return n;
}

/* Every summary and advice, in English and in Japanese, reads as a
 * sentence when the bounce names no host, address, domain or URL: no
 * placeholder is left as "?" (explain printed "(? said no to its IP
 * address or name)"). */
static void test_rejections_fill_without_values(void **state)
{
	(void)state;
	static const char *const langs[] = {"en", "ja"};
	struct rej_vars v = {.ip_fallback = "YOUR.SERVER.IP"};
	int bad = 0;
	for (size_t l = 0; l < 2; l++) {
		i18n_init(langs[l], "build/locale");
		for (size_t i = 0; rejections_msgs[i]; i++) {
			const char *t = gettext(rejections_msgs[i]);
			if (l == 1 && t == rejections_msgs[i]) {
				printf("not translated: %s\n", t);
				bad++;
				continue;
			}
			char *s = rej_fill(t, NULL, &v);
			assert_non_null(s);
			size_t want = literal_marks(t), got = 0;
			for (const char *p = s; *p; p++)
				got += *p == '?';
			if (got != want || strchr(s, '{')) {
				printf("%s: %s\n", langs[l], s);
				bad++;
			}
			free(s);
		}
	}
	i18n_init("en", "build/locale");
	assert_int_equal(bad, 0);
}

/* {name|words}: the words stand where the value is not known. */
static void test_rejections_fill_default_words(void **state)
{
	(void)state;
	struct rej_vars v = {.rhost = "mx.example.jp"};
	char *s = rej_fill("{host|The server} said no; {domain|the domain}.",
			   NULL, &v);
	assert_string_equal(s, "mx.example.jp said no; the domain.");
	free(s);
	s = rej_fill("{host|}x{url|a|b}", NULL, NULL);
	assert_string_equal(s, "xa|b");
	free(s);
}

/* A rule's <command>none</command> matches a query that names no command
 * and no other; <lead> finds where the failed recipients are listed. */
static void test_rejections_command_none_and_lead(void **state)
{
	(void)state;
	struct rej_match m;
	struct rej_query q = {.text = "550 5.0.0 <a@b.example>... User unknown",
			      .status = "5.0.0",
			      .reply = "550"};
	assert_true(rej_kb_match(kb, &q, &m));
	assert_string_equal(m.rule->reason->name, "filtered");
	q.command = "RCPT";
	assert_true(rej_kb_match(kb, &q, &m));
	assert_string_equal(m.rule->reason->name, "userunknown");
	q.command = "";
	assert_true(rej_kb_match(kb, &q, &m));
	assert_string_equal(m.rule->reason->name, "filtered");
	const char *body = "Your message\n  To: x@example.net\n"
			   "did not reach the following recipient(s):\n"
			   "y@example.jp on Thu\n";
	size_t at = rej_kb_lead(kb, body, strlen(body));
	assert_true(at > 0);
	assert_true(strncmp(body + at, "y@example.jp", 12) == 0);
	assert_int_equal(rej_kb_lead(kb, "nothing here", 12), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rejections_schema_valid),
	    cmocka_unit_test(test_rejections_invalid_refused),
	    cmocka_unit_test(test_rejections_msgs_up_to_date),
	    cmocka_unit_test(test_rejections_proofpoint_captures),
	    cmocka_unit_test(test_rejections_status_and_reply),
	    cmocka_unit_test(test_rejections_fill_fallbacks),
	    cmocka_unit_test(test_rejections_fill_without_values),
	    cmocka_unit_test(test_rejections_fill_default_words),
	    cmocka_unit_test(test_rejections_command_none_and_lead),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
