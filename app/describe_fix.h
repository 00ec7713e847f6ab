/* describe_fix.h — a fix in words, computed here once for the commands,
 * the wizard and the report: the values of the server before → after,
 * each line of a file that changes, and the one setting of a fix that has
 * no preview. (The fix's one-line summary is ui_fix_line(), describe.h.) */
#ifndef MD_DESCRIBE_FIX_H
#define MD_DESCRIBE_FIX_H

#include "clientcfg/fix.h"
#include "core/model/account.h"
#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stddef.h>

/* The values of the server a fix changes, as they are now and after it:
 * rows of a translated label, the value before (NULL: not known or not
 * set) and after. Strings are borrowed from the fix, the set and the
 * ports here: do not copy the struct. */
struct fix_values {
	struct fix_value {
		const char *label;
		const char *before;
		const char *after;
	} rows[5];
	size_t n;
	char ports[2][16]; /* before, after */
};

/* The values of fix f against the settings in set. Thunderbird's fix is
 * in plain words (server, encryption, login, user name), its port and the
 * names of the encryption in the technical view (technical: true), where
 * they are the words of Thunderbird's own settings dialog; the others
 * show them all at once. */
void describe_fix_values(const struct fix *f, const struct acct_set *set,
			 bool technical, struct fix_values *out);

/* Where a line of a file's change is written. */
enum change_style {
	CHANGE_SCREEN,	/* the wizard: "prefs.js: NAME  BEFORE → AFTER" */
	CHANGE_COMMAND, /* `fix --apply`: "prefs.js NAME: BEFORE -> AFTER" */
	CHANGE_REPORT,	/* the report: "/full/prefs.js: NAME BEFORE -> AFTER" */
};

/* One line of a plan in words, in style: a setting not set before is
 * "(new)", one removed "(removed)" (translated). Writes at most len bytes
 * into buf, returns buf. */
char *describe_change(const struct fix_change *c, enum change_style style,
		      char *buf, size_t len);

/* The one setting a fix without a preview changes, as the JSON of `check`
 * names it: "smtp.example.jp:587 starttls password". */
char *describe_fix_setting(const struct fix *f, char *buf, size_t len);

#endif
