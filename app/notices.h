/* notices.h — what maildoctor says of the mail programs besides their
 * accounts, the same in the text and the JSON of accounts and check and
 * on the wizard's first screen: New Outlook for Windows is installed
 * (clients_report.new_outlook), which sends through Microsoft's cloud, so
 * that a port blocked here does not stop it and maildoctor can read
 * nothing of it; and what maildoctor can still check. */
#ifndef MD_NOTICES_H
#define MD_NOTICES_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

/* The sentence about New Outlook (translated), or NULL when package (its
 * package folder, clients_report.new_outlook) is NULL. others: whether
 * accounts of other mail programs were found (the sentence says what
 * follows is about them). */
const char *app_notice_new_outlook(const char *package, bool others);

/* The notices as text: each as a paragraph "Note: …" followed by an empty
 * line; nothing when there is none. */
void app_notices_print(FILE *out, const char *package, bool others);

/* The notices as a JSON array (new reference) of {"id": "new-outlook",
 * "text": …, "package_folder": …}; empty when there is none. */
struct json_object *app_notices_json(const char *package, bool others);

#endif
