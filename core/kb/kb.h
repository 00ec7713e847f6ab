/* kb.h — the provider knowledge base: the files in assets/providers
 * (Mozilla ISPDB clientConfig 1.1 plus maildoctor's facts in the namespace
 * https://maildoctor.example/ns/provider/1) read into neutral structs, and
 * the look-ups the diagnosis asks of it.
 *
 * Files: kb_load.c (loading folders, schema check), kb_read.c (one
 * clientConfig document to a struct kb_provider), kb.c (the store of
 * providers and the look-ups), kb_match.c (host
 * patterns, domain and PTR suffixes), kb_settings.c (ISPDB placeholders,
 * the settings for one address, alternates), kb_msgs.c (the English texts
 * that facts name by id, for gettext), kb_private.h (shared internals).
 *
 * Questions, and what answers them:
 *
 * | question                                       | answer                  |
 * |------------------------------------------------|-------------------------|
 * | which provider serves mail for domain D?       | kb_by_domain()          |
 * | who runs server H (smtpa.jcom.zaq.ne.jp)?      | kb_by_host()            |
 * | which access network (egress PTR) am I on?     | kb_by_ptr()             |
 * | does that access network block port 25, since? | kb_provider.op25b       |
 * | submission server (and login) for address A?   | kb_settings_for()       |
 * | its alternates (port, security, dual-stack)?   | kb_alternates()         |
 * | is H a relay unfit for other domains, why?     | kb_unfit_relay()        |
 * | does P restrict sender domains (since, reply)? | kb_sender_restriction() |
 * | which relay must a home server on P use?       | kb_provider.home_relays |
 * | does P require OAuth2 or app passwords?        | kb_provider.auth        |
 * | oldest TLS version P accepts?                  | kb_provider.tls         |
 * | how sure is a fact, checked when, from where?  | struct kb_fact          |
 * | what does a fact mean, in words?               | kb_fact_text() + _()    |
 *
 * Ownership: a struct kb owns every provider and everything reachable from
 * it; pointers it hands out stay valid until kb_free(). struct kb_settings
 * owns its strings but borrows its fact pointers from the kb it came from.
 * No libxml2 type leaves the kb files. */
#ifndef MD_KB_H
#define MD_KB_H

#include "core/model/account.h"
#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* The namespace of maildoctor's own elements in provider files. */
#define KB_NS "https://maildoctor.example/ns/provider/1"

/* How sure a fact is (the file's confidence attribute). */
enum kb_conf {
	KB_CONF_OFFICIAL,     /* the provider's own page */
	KB_CONF_ISPDB,	      /* Mozilla ISPDB */
	KB_CONF_FIELD_REPORT, /* a first-hand report (CASES.md) */
	KB_CONF_THIRD_PARTY,  /* someone else's page or code */
	KB_CONF_OBSERVED,     /* seen in real mail headers */
	KB_CONF_UNVERIFIED,   /* no source confirms it: say so when shown */
};

/* One source of a fact. */
struct kb_source {
	const char *url;  /* NULL when the source has no address */
	const char *note; /* what the source says (English, for evidence) */
};

/* Where a fact comes from, when it was checked and how sure it is. */
struct kb_fact {
	const char *checked; /* "YYYY-MM-DD" */
	enum kb_conf conf;
	const char *text_id; /* kb_msgs id, or NULL */
	const struct kb_source *sources;
	size_t n_sources; /* at least 1 in a validated file */
	const char *file; /* the provider file */
	unsigned line;	  /* line of the element in it */
};

/* Yes/no/unknown answers. */
enum kb_tri {
	KB_UNKNOWN, /* the file says it is not known */
	KB_NO,
	KB_YES,
};

/* How much a login method is needed (md:auth). */
enum kb_need {
	KB_NEED_UNKNOWN,
	KB_NEED_NO,	  /* not offered */
	KB_NEED_OPTIONAL, /* offered */
	KB_NEED_REQUIRED, /* nothing else works */
};

/* A server as the file gives it; host and username may hold ISPDB
 * placeholders (%EMAILDOMAIN%, …). Unknown values are NULL / 0 /
 * ACCT_SEC_UNKNOWN / ACCT_AUTH_UNKNOWN. */
struct kb_server {
	enum acct_proto proto;	     /* SMTP, IMAP or POP3 */
	const char *host;	     /* NULL: differs per account */
	int port;		     /* 0 when unknown */
	enum acct_security security; /* first socketType */
	enum acct_auth auth;	     /* first authentication */
	enum acct_auth auth_alt;     /* second, or ACCT_AUTH_UNKNOWN */
	const char *username;	     /* template, NULL when unknown */
	bool ispdb;		     /* from the emailProvider part */
	const struct kb_fact *fact;  /* md:server's, or md:settings' */
};

/* An email domain the provider serves. */
struct kb_domain {
	const char *name; /* lower case, no trailing dot */
	bool subdomains;  /* any name under it, too */
};

/* A host-name pattern of servers the provider runs (md:host). */
struct kb_host {
	const char *pattern; /* see kb_host_match() */
	const struct kb_fact *fact;
};

enum kb_alt_reason {
	KB_ALT_DUAL_STACK,     /* another host reachable over IPv4 and IPv6 */
	KB_ALT_OTHER_PORT,     /* same service on another port */
	KB_ALT_OTHER_SECURITY, /* same port, the other TLS mode */
};

/* Another way to reach a server (md:alternate). */
struct kb_alternate {
	const char *for_host;	 /* the server it stands in for */
	int for_port;		 /* 0: any port of it */
	struct kb_server server; /* the alternate itself */
	enum kb_alt_reason reason;
	const struct kb_fact *fact;
};

/* Outbound Port 25 Blocking on the provider's access network. */
struct kb_op25b {
	enum kb_tri blocked;	      /* KB_UNKNOWN when the file is silent */
	const char *since;	      /* "2006-07-26", "2006", or NULL */
	const char *submission_since; /* when 587+AUTH was offered, or NULL */
	const struct kb_fact *fact;   /* NULL when the file is silent */
};

/* The provider's relays refuse senders of other domains. */
struct kb_sender_rule {
	const char *const *hosts; /* the relays concerned */
	size_t n_hosts;
	const char *since; /* or NULL */
	const char *reply; /* the server's words, or NULL */
	const struct kb_fact *fact;
};

enum kb_unfit_reason {
	KB_UNFIT_NO_FORWARD_DNS,    /* name has a PTR but no A/AAAA */
	KB_UNFIT_SHARED_REPUTATION, /* shared IPs often listed */
};

struct kb_provider;

/* Relays whose mail other domains' servers may refuse. */
struct kb_unfit {
	const char *pattern;
	enum kb_unfit_reason reason;
	const struct kb_provider *provider; /* who runs them */
	const struct kb_fact *fact;
};

/* The relay a home server on this provider's addresses must use. */
struct kb_home_relay {
	const char *host;
	int port;	   /* 0 when not said */
	bool dynamic_only; /* only servers on dynamic addresses need it */
	const struct kb_fact *fact;
};

/* How to recognise this access network by the egress PTR name. */
struct kb_access {
	const char *suffix;  /* or NULL */
	const char *pattern; /* or NULL; see kb_host_match() */
	const struct kb_fact *fact;
};

/* What login mail programs need. */
struct kb_auth {
	enum kb_need oauth2;
	enum kb_need app_password;
	const char *since;	    /* or NULL */
	const struct kb_fact *fact; /* NULL when the file is silent */
};

/* Oldest TLS version the servers accept. */
struct kb_tls {
	const char *min; /* "1.2", or NULL when not said */
	const char *since;
	const struct kb_fact *fact;
};

enum kb_topic {
	KB_TOPIC_SETTINGS,
	KB_TOPIC_SECURITY,
	KB_TOPIC_ACCESS,
	KB_TOPIC_HISTORY,
	KB_TOPIC_LIMITS,
	KB_TOPIC_UNKNOWN, /* a note that something is not known */
};

/* Any other fact, told in words (fact->text_id is always set). */
struct kb_note {
	enum kb_topic topic;
	const char *since;
	const struct kb_fact *fact;
};

enum kb_kind {
	KB_KIND_ISP,	 /* access provider with mailboxes */
	KB_KIND_MAILBOX, /* mail-only provider (Gmail, iCloud) */
	KB_KIND_HOSTING, /* rental server for own domains */
};

/* One provider file. Arrays are empty (n 0) when the file says nothing. */
struct kb_provider {
	const char *id; /* md:provider id, "plala" */
	enum kb_kind kind;
	const char *name; /* display name */
	const char *file; /* where it was read from */
	const struct kb_domain *domains;
	size_t n_domains;
	const struct kb_server *incoming;
	size_t n_incoming;
	const struct kb_server *outgoing;
	size_t n_outgoing;
	const struct kb_fact *settings; /* provenance of emailProvider */
	const struct kb_host *hosts;
	size_t n_hosts;
	const struct kb_alternate *alternates;
	size_t n_alternates;
	struct kb_op25b op25b;
	const struct kb_sender_rule *senders;
	size_t n_senders;
	const struct kb_unfit *unfit;
	size_t n_unfit;
	const struct kb_home_relay *home_relays;
	size_t n_home_relays;
	const struct kb_access *access;
	size_t n_access;
	struct kb_auth auth;
	struct kb_tls tls;
	const struct kb_note *notes;
	size_t n_notes;
};

struct kb;

/* An empty knowledge base; NULL when out of memory. Free with kb_free(). */
struct kb *kb_new(void);

/* Free a knowledge base and every provider in it; NULL is fine. */
void kb_free(struct kb *kb);

/* Load every *.xml file of each folder of dirs (NULL-terminated), in
 * order and by file name within a folder, each checked against the
 * RelaxNG schema at schema_path (NULL: paths_assets()/providers.rng).
 * A provider whose id was loaded before replaces the earlier one, so a
 * test's fixture folder listed last overrides or adds providers.
 * On success *out is the new kb (free with kb_free()). Returns MD_ERR_IO
 * (folder or file unreadable), MD_ERR_PARSE (not XML, not valid, or a text
 * id without a message; err names file and line) or MD_ERR_NOMEM. */
enum md_status kb_load(const char *const *dirs, const char *schema_path,
		       struct kb **out, struct md_err *err);

/* kb_load() of paths_assets()/providers, then the folders of extra
 * (NULL-terminated, may be NULL), then the security products of
 * paths_assets()/interceptors.conf (kb_load_interceptors()). */
enum md_status kb_load_default(const char *const *extra, struct kb **out,
			       struct md_err *err);

/* Add one provider from a clientConfig held in memory (a fetched
 * autoconfig answer, a fuzz input). No schema is applied: the reader
 * itself skips values that are not plausible (bad host names, ports out
 * of range) and refuses DOCTYPEs. name is used in messages and as the
 * provider's file. A document without md:provider gets the id of its
 * emailProvider. If out_p is not NULL it receives the provider (owned by
 * kb). Returns MD_OK, MD_ERR_PARSE, MD_ERR_TOOBIG (over 1 MiB) or
 * MD_ERR_NOMEM. */
enum md_status kb_add_memory(struct kb *kb, const char *buf, size_t len,
			     const char *name, const struct kb_provider **out_p,
			     struct md_err *err);

/* Check one file against a RelaxNG schema without loading it: MD_OK, or
 * MD_ERR_PARSE with the first problem (file, line, message) in err. */
enum md_status kb_validate(const char *xml_path, const char *rng_path,
			   struct md_err *err);

/* Number of providers, the i-th (load order), and the one with id. */
size_t kb_count(const struct kb *kb);
const struct kb_provider *kb_provider_at(const struct kb *kb, size_t i);
const struct kb_provider *kb_by_id(const struct kb *kb, const char *id);

/* The provider serving email domain (or an address: the part after the
 * last '@' is used). An exact domain of any provider wins; else the
 * longest parent declared with subdomains (user@abc.plala.or.jp).
 * Case-insensitive; NULL when none. */
const struct kb_provider *kb_by_domain(const struct kb *kb, const char *domain);

/* The provider running server host: an exact server, alternate or relay
 * host name first, then the most specific md:host or unfit-relay
 * pattern. *why (may be NULL) receives the md:host matched, or NULL for
 * an exact name. NULL when none. */
const struct kb_provider *kb_by_host(const struct kb *kb, const char *host,
				     const struct kb_host **why);

/* The access network whose md:accessPtr matches ptr, the PTR name of the
 * egress address (longest suffix or pattern wins). *why (may be NULL)
 * receives the rule. NULL when none. */
const struct kb_provider *kb_by_ptr(const struct kb *kb, const char *ptr,
				    const struct kb_access **why);

/* The unfit-relay rule matching host (omta0014.jcom.zaq.ne.jp), or NULL. */
const struct kb_unfit *kb_unfit_relay(const struct kb *kb, const char *host);

/* The sender-domain rule of p that covers relay host (NULL host: any
 * rule of p), or NULL. */
const struct kb_sender_rule *kb_sender_restriction(const struct kb_provider *p,
						   const char *host);

/* Alternates of p for server host (and port, 0 for any): fills out[] with
 * up to max pointers (owned by the kb) and returns how many there are in
 * all. Host is compared without case. */
size_t kb_alternates(const struct kb_provider *p, enum acct_proto proto,
		     const char *host, int port,
		     const struct kb_alternate **out, size_t max);

/* True when host matches pattern: letters, digits, '-' and '.' stand for
 * themselves (case-insensitive), '*' for one or more letters, digits or
 * '-' within one label, "[a-z0-9]" for one character of the set and
 * "[0-9]+" for one or more. */
bool kb_host_match(const char *pattern, const char *host);

/* True when name equals suffix or ends with "." suffix (no case). */
bool kb_suffix_match(const char *suffix, const char *name);

/* One concrete server for one address. */
struct kb_endpoint {
	enum acct_proto proto;
	char *host; /* placeholders expanded */
	int port;   /* 0 when unknown */
	enum acct_security security;
	enum acct_auth auth;
	char *user;		    /* expanded, NULL when unknown */
	bool ispdb;		    /* from an ISPDB/autoconfig part */
	const struct kb_fact *fact; /* borrowed, or NULL */
};

/* Settings for one address, from the kb or from discovery. */
struct kb_settings {
	char *provider_id; /* or NULL (a guess) */
	char *source;	   /* "kb:plala", a URL, "srv", "mx", … */
	struct kb_endpoint *incoming;
	size_t n_incoming;
	struct kb_endpoint *outgoing;
	size_t n_outgoing;
};

/* The servers of p for email, in file order (ISPDB part first, then
 * md:server), placeholders expanded; servers without a host are left
 * out. source is copied into the result (NULL: "kb:<id>"). On success
 * *out is owned by the caller (kb_settings_free()). MD_ERR_USAGE when
 * email has no '@', MD_ERR_NOMEM. */
enum md_status kb_settings_for(const struct kb_provider *p, const char *email,
			       const char *source, struct kb_settings **out,
			       struct md_err *err);

/* Free settings; NULL is fine. */
void kb_settings_free(struct kb_settings *s);

/* A new copy of tmpl with %EMAILADDRESS%, %EMAILLOCALPART% and
 * %EMAILDOMAIN% replaced from email (the domain in lower case); other
 * text is kept. NULL when out of memory. The caller frees it. */
char *kb_expand(const char *tmpl, const char *email);

/* The English text a fact names (translate with _()), or NULL. */
const char *kb_fact_text(const struct kb_fact *fact);

/* The English text of message id, or NULL when there is none. */
const char *kb_msg(const char *id);

/* Stable words for JSON and tests: "official", "ispdb", … */
const char *kb_conf_word(enum kb_conf conf);

/* A security product that re-signs mail servers' certificates with its
 * own root on the person's computer (assets/interceptors.conf). */
struct kb_interceptor {
	const char *id;	     /* "eset": names its advice */
	const char *product; /* "ESET", a name (not translated) */
	const char *issuer;  /* what its certificates' issuer begins with */
	int line;	     /* its line in the file, for messages */
};

/* Add the products of an interceptors.conf at path to kb (a file that
 * does not exist adds none). Returns MD_OK, MD_ERR_IO (unreadable),
 * MD_ERR_PARSE (a line not "interceptor ID | PRODUCT | ISSUER", or over
 * KB_MAX_INTERCEPTORS products; err names file and line), MD_ERR_NOMEM. */
enum md_status kb_load_interceptors(struct kb *kb, const char *path,
				    struct md_err *err);

/* The product whose root issued a certificate with this issuer name (its
 * common name, or its one-line form "C=SK, O=…, CN=…"), or NULL. */
const struct kb_interceptor *kb_interceptor_for(const struct kb *kb,
						const char *issuer);

/* Number of products loaded. */
size_t kb_interceptor_count(const struct kb *kb);

/* Where, in product ic, to switch the scanning of encrypted mail off: one
 * translated sentence. */
const char *kb_interceptor_advice(const struct kb_interceptor *ic);

/* One message of the kb's texts. */
struct kb_msg_entry {
	const char *id;	  /* the text attribute in provider files */
	const char *text; /* English, marked with N_() */
};

/* Every message, terminated by an entry with id NULL. */
extern const struct kb_msg_entry kb_msgs[];

#endif
