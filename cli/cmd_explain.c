/* cmd_explain.c — `maildoctor explain [FILE|-]`: reads a bounce message, an
 * mbox or mail server log lines, and tells for each recipient what
 * happened, who must act and what to do, with the evidence. */
#include "core/explain/explain.h"
#include "core/base/os.h"
#include "core/base/i18n.h"
#include "app/app.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK ((size_t)1 << 20)

/* Distinct reasons counted by the closing summary of many messages. */
#define MAX_REASONS 64

/* Who must act, as the closing summary groups it. */
enum who_group { WHO_PERSON, WHO_PROVIDER, WHO_RCPT_SIDE, WHO_NOBODY, WHO_N };

/* Output state shared by the printers. */
struct out {
	struct app *app;
	struct json_object *list; /* --json: the recipients */
	size_t shown;		  /* recipients printed */
	size_t failed;		  /* of which failures */
	/* many messages: */
	struct json_object *messages; /* --json: one object per message */
	size_t nmsg, not_reports;
	const char *reason[MAX_REASONS];
	size_t reason_n[MAX_REASONS], nreasons, other_reasons;
	size_t who_n[WHO_N];
};

static struct json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static void print_json_rcpt(struct out *o, const struct explain_rcpt *r)
{
	char *summary = explain_summary(r);
	char *advice = explain_advice(r);
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "address", str_or_null(r->address));
	json_object_object_add(j, "status", str_or_null(r->status));
	json_object_object_add(j, "reply_code", str_or_null(r->reply));
	json_object_object_add(j, "remote_host", str_or_null(r->remote_host));
	json_object_object_add(j, "diagnostic", str_or_null(r->diagnostic));
	json_object_object_add(j, "reason", str_or_null(r->reason));
	json_object_object_add(j, "hard_bounce",
			       json_object_new_boolean(r->hard_bounce));
	json_object_object_add(j, "who_acts",
			       json_object_new_string(rej_who_name(r->who)));
	json_object_object_add(j, "summary", str_or_null(summary));
	json_object_object_add(j, "advice", str_or_null(advice));
	json_object_object_add(
	    j, "rule", str_or_null(r->match.rule ? r->match.rule->id : NULL));
	json_object_array_add(o->list, j);
	free(summary);
	free(advice);
}

/* The reasons of the taxonomy (rejections.xml, sisimai's names) in words;
 * the name itself is shown as the technical "kind" of the evidence. */
static const struct {
	const char *name;
	const char *words;
} reason_words[] = {
    {"userunknown", N_("the address does not exist")},
    {"hostunknown", N_("the domain has no mail server")},
    {"hasmoved", N_("the recipient has moved to another address")},
    {"mailboxfull", N_("the mailbox is full")},
    {"filtered", N_("the recipient's filter refused it")},
    {"rejected", N_("the sender's address was refused")},
    {"blocked", N_("the sending server's address or name is blocked")},
    {"requireptr", N_("the sending server's address has no name")},
    {"authfailure", N_("the sender could not be verified")},
    {"policyviolation", N_("it breaks the receiver's rules")},
    {"spamdetected", N_("it was taken for spam")},
    {"virusdetected", N_("a virus was found in it")},
    {"securityerror", N_("a security check failed")},
    {"norelaying", N_("the server does not pass the mail on for you")},
    {"suspend", N_("the recipient's account is suspended")},
    {"expired", N_("it could not be delivered in time")},
    {"networkerror", N_("a network problem")},
    {"systemerror", N_("the receiving server has a fault")},
    {"systemfull", N_("the receiving server is out of space")},
    {"toomanyconn", N_("too many connections at once")},
    {"speeding", N_("too much mail too fast")},
    {"notaccept", N_("the domain takes no mail")},
    {"mesgtoobig", N_("the message is too large")},
    {"exceedlimit", N_("the message exceeds a limit")},
    {"contenterror", N_("the content was refused")},
    {"notcompliantrfc", N_("the message is not in the standard form")},
    {"mailererror", N_("the receiving mail program failed")},
    {"syntaxerror", N_("the server did not understand a command")},
    {"failedstarttls", N_("encryption could not be started")},
    {"badreputation", N_("the sending server has a poor reputation")},
    {"ratelimited", N_("the sending rate is limited")},
    {"onhold", N_("it is held for now")},
    {"undefined", N_("the reason is not known")},
    {"delivered", N_("it was delivered")},
    {"vacation", N_("an automatic reply")},
    {"feedback", N_("a spam complaint report")},
};

/* The reason in the person's language, or NULL for a name not listed. */
static const char *reason_text(const char *name)
{
	for (size_t i = 0;
	     name && i < sizeof reason_words / sizeof reason_words[0]; i++)
		if (strcmp(reason_words[i].name, name) == 0)
			return _(reason_words[i].words);
	return NULL;
}

static void print_text_rcpt(struct out *o, const struct explain_rcpt *r)
{
	FILE *f = o->app->out;
	char *summary = explain_summary(r);
	char *advice = explain_advice(r);
	if (o->shown)
		fputc('\n', f);
	fprintf(f, "%zu. %s\n", o->shown + 1,
		r->address && *r->address ? r->address
					  : _("(recipient not named)"));
	fprintf(f, "   %s %s\n", _("What happened:"), summary ? summary : "");
	fprintf(f, "   %s %s\n", _("Who must act:"), explain_who_text(r->who));
	fprintf(f, "   %s %s\n", _("What to do:"), advice ? advice : "");
	const char *why = reason_text(r->reason);
	fprintf(f, "   %s %s (%s)\n", _("Reason:"), why ? why : r->reason,
		r->hard_bounce ? _("hard bounce: retrying will not help")
		: r->failed    ? _("soft bounce: it may work later or once "
				      "fixed")
			       : _("not a failure"));
	fprintf(f, "   %s %s %s, %s", _("Evidence:"), _("kind"), r->reason,
		_("status"));
	fprintf(f, " %s, %s %s, %s %s\n", *r->status ? r->status : "-",
		_("reply code"), *r->reply ? r->reply : "-", _("remote host"),
		r->remote_host && *r->remote_host ? r->remote_host : "-");
	if (r->diagnostic && *r->diagnostic)
		fprintf(f, "   %s \"%s\"\n", _("The server said:"),
			r->diagnostic);
	free(summary);
	free(advice);
}

static enum who_group who_group(enum rej_who who)
{
	switch (who) {
	case REJ_WHO_SENDER:
		return WHO_PERSON;
	case REJ_WHO_SENDER_ADMIN:
		return WHO_PROVIDER;
	case REJ_WHO_RECIPIENT:
	case REJ_WHO_RECIPIENT_ADMIN:
		return WHO_RCPT_SIDE;
	case REJ_WHO_NOBODY:
	default:
		return WHO_NOBODY;
	}
}

static void tally(struct out *o, const struct explain_rcpt *r)
{
	o->who_n[who_group(r->who)]++;
	const char *name = r->reason ? r->reason : "undefined";
	for (size_t i = 0; i < o->nreasons; i++)
		if (strcmp(o->reason[i], name) == 0) {
			o->reason_n[i]++;
			return;
		}
	if (o->nreasons < MAX_REASONS) {
		o->reason[o->nreasons] = name;
		o->reason_n[o->nreasons++] = 1;
	} else {
		o->other_reasons++;
	}
}

static void show(struct out *o, const struct explain_rcpt *r)
{
	tally(o, r);
	if (o->app->json)
		print_json_rcpt(o, r);
	else
		print_text_rcpt(o, r);
	o->shown++;
	o->failed += r->failed;
}

static bool on_log_rcpt(const struct explain_rcpt *r, void *ud)
{
	struct out *o = ud;
	if (o->shown >= EXPLAIN_MAX_RCPTS)
		return false;
	show(o, r);
	return true;
}

/* Read up to want bytes (a short count means end of input). */
static size_t read_some(FILE *in, char *buf, size_t want)
{
	size_t n = 0, k;
	while (n < want && (k = fread(buf + n, 1, want - n, in)) > 0)
		n += k;
	return n;
}

static int finish(struct out *o, int rc)
{
	if (o->app->json) {
		struct json_object *top = json_object_new_object();
		json_object_object_add(top, "recipients", o->list);
		o->list = NULL;
		fprintf(o->app->out, "%s\n",
			json_object_to_json_string_ext(
			    top, JSON_C_TO_STRING_PRETTY |
				     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(top);
	}
	if (rc == 0 && o->failed)
		rc = 1;
	return rc;
}

/* Log mode: the first chunk is in buf; stream the rest. */
static int run_log(struct out *o, const struct rej_kb *kb, FILE *in, char *buf,
		   size_t n, bool more)
{
	struct explain_log *lg = explain_log_new(kb, on_log_rcpt, o);
	if (!lg) {
		app_error(o->app, "%s", _("out of memory"));
		return 3;
	}
	explain_log_feed(lg, buf, n);
	while (more) {
		n = read_some(in, buf, CHUNK);
		more = n == CHUNK;
		explain_log_feed(lg, buf, n);
	}
	size_t lines = explain_log_finish(lg);
	explain_log_free(lg);
	if (ferror(in)) {
		app_error(o->app, "%s", _("the input could not be read"));
		return 2;
	}
	if (!o->shown && !o->app->json)
		fprintf(o->app->out,
			_("No failed delivery in %zu log lines.\n"), lines);
	return finish(o, 0);
}

static int run_message(struct out *o, const struct rej_kb *kb, FILE *in,
		       char *buf, size_t n, bool more)
{
	size_t cap = CHUNK;
	while (more) {
		if (n + CHUNK > EXPLAIN_MAX_MESSAGE) {
			app_error(o->app, "%s",
				  _("the message is too large to read"));
			free(buf);
			return 2;
		}
		char *nb = realloc(buf, cap + CHUNK);
		if (!nb) {
			free(buf);
			app_error(o->app, "%s", _("out of memory"));
			return 3;
		}
		buf = nb;
		cap += CHUNK;
		size_t k = read_some(in, buf + n, CHUNK);
		n += k;
		more = k == CHUNK;
	}
	struct md_err err;
	md_err_clear(&err);
	struct explain_result *res = NULL;
	enum md_status st =
	    explain_buffer(kb, buf, n, EXPLAIN_IN_UNKNOWN, &res, &err);
	free(buf);
	if (st != MD_OK) {
		app_error(o->app, "%s",
			  err.text[0] ? err.text : _(md_status_message(st)));
		return md_status_exit(st);
	}
	if (res->n == 0) {
		bool message = res->input == EXPLAIN_IN_MESSAGE;
		explain_result_free(res);
		app_error(o->app, "%s",
			  message
			      ? _("this is not a delivery report: it is an "
				  "ordinary message, and nothing in it says "
				  "that mail failed")
			      : _("no bounce, delivery report or server reply "
				  "was found in the input"));
		return 2;
	}
	for (size_t i = 0; i < res->n; i++)
		show(o, &res->rcpts[i]);
	explain_result_free(res);
	return finish(o, 0);
}

/* Many messages: one message's heading and recipients. */
static bool on_item(const struct explain_item *it, void *ud)
{
	struct out *o = ud;
	struct explain_result *res = it->res;
	o->nmsg++;
	o->not_reports += res->n == 0;
	if (o->app->json) {
		struct json_object *m = json_object_new_object();
		json_object_object_add(m, "file",
				       json_object_new_string(it->file));
		if (it->offset >= 0)
			json_object_object_add(
			    m, "offset", json_object_new_int64(it->offset));
		o->list = json_object_new_array();
		for (size_t i = 0; i < res->n; i++)
			show(o, &res->rcpts[i]);
		json_object_object_add(m, "recipients", o->list);
		o->list = NULL;
		if (res->n == 0)
			json_object_object_add(
			    m, "note",
			    json_object_new_string("not a delivery report"));
		json_object_array_add(o->messages, m);
		return true;
	}
	FILE *f = o->app->out;
	if (o->nmsg > 1)
		fputc('\n', f);
	if (it->offset >= 0)
		fprintf(f, _("== %s, the message at byte %lld\n"), it->file,
			it->offset);
	else
		fprintf(f, "== %s\n", it->file);
	if (res->n == 0)
		fprintf(f, "   %s\n",
			_("this is not a delivery report: it is an ordinary "
			  "message, and nothing in it says that mail failed"));
	size_t before = o->shown;
	o->shown = 0; /* recipients are numbered within their message */
	for (size_t i = 0; i < res->n; i++)
		show(o, &res->rcpts[i]);
	o->shown += before;
	return o->shown < EXPLAIN_MAX_RCPTS;
}

static struct json_object *json_summary(const struct out *o)
{
	static const char *const who_names[WHO_N] = {
	    "person", "provider", "recipient-side", "nobody"};
	struct json_object *s = json_object_new_object();
	json_object_object_add(s, "messages",
			       json_object_new_int64((int64_t)o->nmsg));
	json_object_object_add(s, "recipients",
			       json_object_new_int64((int64_t)o->shown));
	json_object_object_add(s, "not_reports",
			       json_object_new_int64((int64_t)o->not_reports));
	struct json_object *r = json_object_new_object();
	for (size_t i = 0; i < o->nreasons; i++)
		json_object_object_add(
		    r, o->reason[i],
		    json_object_new_int64((int64_t)o->reason_n[i]));
	json_object_object_add(s, "by_reason", r);
	struct json_object *w = json_object_new_object();
	for (int i = 0; i < WHO_N; i++)
		json_object_object_add(
		    w, who_names[i],
		    json_object_new_int64((int64_t)o->who_n[i]));
	json_object_object_add(s, "by_who_acts", w);
	return s;
}

static void text_summary(const struct out *o)
{
	static const char *const who_words[WHO_N] = {
	    N_("you, the person who sent the mail"),
	    N_("your mail provider (the server you send through)"),
	    N_("the recipient's side"),
	    N_("nobody (nothing failed, or wait)"),
	};
	FILE *f = o->app->out;
	fprintf(f, "\n%s\n", _("Summary"));
	fprintf(f,
		_("  %zu messages, %zu recipients, %zu not delivery "
		  "reports\n"),
		o->nmsg, o->shown, o->not_reports);
	if (o->nreasons)
		fprintf(f, "%s\n", _("  By reason:"));
	for (size_t i = 0; i < o->nreasons; i++) {
		const char *why = reason_text(o->reason[i]);
		fprintf(f, "    %zu  %s (%s)\n", o->reason_n[i],
			why ? why : o->reason[i], o->reason[i]);
	}
	if (o->shown)
		fprintf(f, "%s\n", _("  Who must act:"));
	for (int i = 0; i < WHO_N; i++)
		if (o->who_n[i])
			fprintf(f, "    %zu  %s\n", o->who_n[i],
				_(who_words[i]));
}

/* explain with several inputs, a Maildir folder or an mbox file. */
static int run_many(struct app *app, const struct rej_kb *kb, int n,
		    char **paths)
{
	struct out o = {.app = app};
	if (app->json)
		o.messages = json_object_new_array();
	struct explain_many m = {.kb = kb, .cb = on_item, .ud = &o};
	int rc = 0;
	for (int i = 0; i < n && !m.stopped; i++) {
		struct md_err err;
		md_err_clear(&err);
		enum md_status st = explain_many_path(&m, paths[i], &err);
		if (st != MD_OK) {
			app_error(app, "%s",
				  err.text[0] ? err.text
					      : _(md_status_message(st)));
			rc = md_status_exit(st) > rc ? md_status_exit(st) : rc;
			if (st == MD_ERR_TOOBIG &&
			    m.total > EXPLAIN_MANY_MAX_TOTAL)
				break;
		}
	}
	if (app->json) {
		struct json_object *top = json_object_new_object();
		json_object_object_add(top, "messages", o.messages);
		json_object_object_add(top, "summary", json_summary(&o));
		fprintf(app->out, "%s\n",
			json_object_to_json_string_ext(
			    top, JSON_C_TO_STRING_PRETTY |
				     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(top);
	} else if (o.nmsg) {
		text_summary(&o);
	}
	if (rc == 0 && o.failed)
		rc = 1;
	return rc;
}

/* One file or the standard input: a log is streamed, a message read whole;
 * an mbox file goes to run_many (its messages one by one). */
static int run_one(struct app *app, const struct rej_kb *kb, char *path)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : os_fopen(path, "rb");
	if (!in) {
		app_error(app, _("cannot open %s: %s"), path, strerror(errno));
		return 2;
	}
	struct out o = {.app = app};
	if (app->json)
		o.list = json_object_new_array();
	char *buf = malloc(CHUNK);
	int rc;
	size_t n = buf ? read_some(in, buf, CHUNK) : 0;
	enum explain_input kind = buf ? explain_detect(buf, n) : 0;
	if (!buf) {
		app_error(app, "%s", _("out of memory"));
		rc = 3;
	} else if (ferror(in)) {
		app_error(app, _("cannot read %s: %s"), path, strerror(errno));
		free(buf);
		rc = 2;
	} else if (n == 0) {
		app_error(app, "%s", _("the input is empty"));
		free(buf);
		rc = 2;
	} else if (kind == EXPLAIN_IN_MBOX && in != stdin) {
		free(buf);
		fclose(in);
		in = stdin;
		rc = run_many(app, kb, 1, &path);
	} else if (kind == EXPLAIN_IN_LOG) {
		rc = run_log(&o, kb, in, buf, n, n == CHUNK);
		free(buf);
	} else if (kind == EXPLAIN_IN_UNKNOWN) {
		app_error(app, "%s",
			  _("the input is neither a mail message nor "
			    "a mail server log"));
		free(buf);
		rc = 2;
	} else {
		rc = run_message(&o, kb, in, buf, n, n == CHUNK);
	}
	json_object_put(o.list);
	if (in != stdin)
		fclose(in);
	return rc;
}

static int run(struct app *app, int argc, char **argv)
{
	struct md_err err;
	md_err_clear(&err);
	struct rej_kb *kb = NULL;
	if (rej_kb_load_default(&kb, &err) != MD_OK) {
		app_error(app, "%s (%s)", err.text, err.file);
		return 3;
	}
	int rc;
	if (argc > 2 || (argc == 2 && os_is_dir(argv[1])))
		rc = run_many(app, kb, argc - 1, argv + 1);
	else
		rc = run_one(app, kb, argc == 2 ? argv[1] : (char *)"-");
	rej_kb_free(kb);
	return rc;
}

const struct md_cmd cmd_explain = {
    .name = "explain",
    .usage = "explain [FILE|FOLDER|-]... [OPTIONS]",
    .summary = N_("explain a bounce message or a mail server log line"),
    .run = run,
};
