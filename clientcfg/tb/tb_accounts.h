/* tb_accounts.h — a Thunderbird profile's accounts, identities and servers,
 * read from prefs.js and user.js into the neutral model (core/account.h). */
#ifndef MD_TB_ACCOUNTS_H
#define MD_TB_ACCOUNTS_H

#include "clientcfg/tb/tb_profiles.h"
#include "core/model/account.h"
#include "core/base/err.h"

/* What reading a profile noticed besides the accounts. */
struct tb_notes {
	size_t n_issues; /* syntax errors skipped in prefs.js/user.js */
	struct md_err first_issue; /* the first of them: file, line, sentence */
	bool has_user_js;	   /* user.js exists and overrides prefs.js */
	size_t n_user_js_mail;	   /* mail.* values user.js sets (come back at
				      every start) */
};

/* Read profile p into set (accounts, identities, servers, with the file and
 * line of every value). Syntax errors do not stop the reading: they are
 * counted in notes (may be NULL). Returns MD_ERR_NOTFOUND when the folder
 * has no prefs.js, MD_ERR_IO / MD_ERR_TOOBIG when it cannot be read,
 * MD_ERR_NOMEM; on failure set is unchanged. */
enum md_status tb_read_profile(const struct tb_profile *p, struct acct_set *set,
			       struct tb_notes *notes, struct md_err *err);

/* Split a comma list (NULL: empty) into its non-empty keys, a NULL-ended
 * vector to free with g_strfreev(): trimmed (the account manager strips
 * blanks), or, for mail.smtpservers, exactly as Thunderbird's
 * split(",").filter(Boolean) leaves them. */
char **tb_split_keys(const char *list, bool trim);

#endif
