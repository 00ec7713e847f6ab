/* explain_ses.c — Amazon SES notifications in JSON (json-c): a message whose
 * text is the JSON of a Bounce, Complaint or Delivery notification, bare
 * or inside an SNS envelope ({"Type":"Notification","Message":"{...}"}),
 * one recipient each from bouncedRecipients, complainedRecipients or
 * delivery.recipients.
 *
 * Facts, from Amazon's "Contents of notifications for Amazon SES" (the
 * field names) and sisimai v5's Sisimai::Lhost::AmazonSES (p5-sisimai
 * lib/Sisimai/Lhost/AmazonSES.pm, how a classifier reads them): an SNS
 * e-mail folds long lines with "!" at the end, the next line going on
 * after one space; a complaint is "feedback"; a delivery "delivered",
 * its words the smtpResponse; a bounce's reason is decided by its status
 * and words, except bounceType "Transient" with bounceSubType
 * "MailboxFull" (mailboxfull) or "MessageTooLarge" (mesgtoobig). */
#include "core/explain/explain_private.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* Notifications larger than this are not read as JSON. */
#define MAX_JSON ((size_t)4 << 20)

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static struct json_object *obj(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	if (!o || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* The text with SNS's "!" folds joined, up to a line "--" (the start of
 * the SNS footer); NULL when it does not start with "{". */
static char *unfold(const char *t)
{
	while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
		t++;
	if (*t != '{')
		return NULL;
	size_t n = strnlen(t, MAX_JSON + 1);
	if (n > MAX_JSON)
		return NULL;
	char *out = malloc(n + 1), *w = out;
	if (!out)
		return NULL;
	bool folded = false;
	for (const char *p = t; *p;) {
		const char *e = strchr(p, '\n');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k && p[k - 1] == '\r')
			k--;
		if (k == 2 && p[0] == '-' && p[1] == '-')
			break;
		if (folded && k && p[0] == ' ')
			p++, k--;
		folded = k && p[k - 1] == '!';
		if (folded)
			k--;
		memcpy(w, p, k);
		w += k;
		if (!e)
			break;
		p = e + 1;
	}
	*w = '\0';
	return out;
}

/* The notification itself: the SNS envelope's Message, or the object. */
static struct json_object *payload(struct json_object *top,
				   struct json_object **inner)
{
	*inner = NULL;
	const char *msg = str(top, "Message");
	if (msg) {
		*inner = json_tokener_parse(msg);
		return *inner;
	}
	return top;
}

static const char *ses_reason(struct json_object *bounce)
{
	const char *type = str(bounce, "bounceType");
	const char *sub = str(bounce, "bounceSubType");
	if (!type || !sub || strcmp(type, "Transient") != 0)
		return NULL;
	if (strcmp(sub, "MailboxFull") == 0)
		return "mailboxfull";
	if (strcmp(sub, "MessageTooLarge") == 0)
		return "mesgtoobig";
	return NULL;
}

/* "dsn; a1-2.smtp-out.amazonses.com" -> the host; "smtp; 550 ..." ->
 * "550 ...". */
static const char *after_type(const char *s)
{
	const char *p = s ? strstr(s, "; ") : NULL;
	return p && p - s > 2 && p - s < 16 ? p + 2 : s;
}

static bool add(struct explain_result *res, const char *addr,
		const char *action, const char *status, const char *words,
		const char *reporting, const char *reason)
{
	if (!addr || !strchr(addr, '@'))
		return true;
	struct explain_rcpt *r = explain_result_add(res);
	if (!r)
		return false;
	explain_set(&r->address, addr, strlen(addr));
	if (action)
		explain_set(&r->action, action, strlen(action));
	if (status && strlen(status) < sizeof r->status)
		strcpy(r->status, status);
	if (words)
		explain_set(&r->diagnostic, words, strlen(words));
	if (reporting && *reporting)
		explain_set(&r->report_host, reporting, strlen(reporting));
	r->reason = reason;
	return true;
}

static void bounces(struct json_object *p, struct explain_result *res)
{
	struct json_object *b = obj(p, "bounce");
	struct json_object *list = obj(b, "bouncedRecipients");
	if (!json_object_is_type(list, json_type_array))
		return;
	const char *reason = ses_reason(b);
	const char *mta = after_type(str(b, "reportingMTA"));
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *e = json_object_array_get_idx(list, i);
		if (!add(res, str(e, "emailAddress"), str(e, "action"),
			 str(e, "status"), after_type(str(e, "diagnosticCode")),
			 mta, reason))
			return;
	}
}

static void complaints(struct json_object *p, struct explain_result *res)
{
	struct json_object *list =
	    obj(obj(p, "complaint"), "complainedRecipients");
	if (!json_object_is_type(list, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *e = json_object_array_get_idx(list, i);
		if (!add(res, str(e, "emailAddress"), NULL, NULL, NULL, NULL,
			 "feedback"))
			return;
	}
}

static void deliveries(struct json_object *p, struct explain_result *res)
{
	struct json_object *d = obj(p, "delivery");
	struct json_object *list = obj(d, "recipients");
	if (!json_object_is_type(list, json_type_array))
		return;
	const char *words = str(d, "smtpResponse");
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *e = json_object_array_get_idx(list, i);
		if (!json_object_is_type(e, json_type_string))
			continue;
		if (!add(res, json_object_get_string(e), "delivered", NULL,
			 words, str(d, "reportingMTA"), "delivered"))
			return;
	}
}

size_t explain_ses_scan(const char *text, struct explain_result *res)
{
	char *json = text ? unfold(text) : NULL;
	if (!json)
		return 0;
	size_t first = res->n;
	struct json_object *top = json_tokener_parse(json), *inner = NULL;
	free(json);
	struct json_object *p = top ? payload(top, &inner) : NULL;
	const char *type = str(p, "notificationType");
	if (!type)
		type = str(p, "eventType"); /* the event-publishing form */
	if (type && strcmp(type, "Bounce") == 0)
		bounces(p, res);
	else if (type && strcmp(type, "Complaint") == 0)
		complaints(p, res);
	else if (type && strcmp(type, "Delivery") == 0)
		deliveries(p, res);
	if (inner)
		json_object_put(inner);
	if (top)
		json_object_put(top);
	return res->n - first;
}
