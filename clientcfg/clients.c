/* clients.c — gather the accounts of every mail program maildoctor reads. */
#include "clientcfg/clients.h"

#include "clientcfg/outlook/outlook.h"
#include "clientcfg/outlook/outlook_live.h"
#include "clientcfg/tb/tb_accounts.h"
#include "clientcfg/tb/tb_profiles.h"

#include <string.h>

static void add_problem(struct clients_report *rep, const struct md_err *e)
{
	if (rep->n_problems < CLIENTS_MAX_PROBLEMS)
		rep->problems[rep->n_problems++] = *e;
}

/* The worse of two statuses: memory beats input errors beats OK. */
static enum md_status worse(enum md_status a, enum md_status b)
{
	if (a == MD_ERR_NOMEM || b == MD_ERR_NOMEM)
		return MD_ERR_NOMEM;
	return a != MD_OK ? a : b;
}

enum md_status clients_read(const struct clients_opts *opts,
			    struct acct_set *set, struct clients_report *rep)
{
	memset(rep, 0, sizeof *rep);
	enum md_status result = MD_OK;
	struct md_err e;
	struct tb_profile_list profiles = {0};
	struct tb_search search = {opts->home, opts->wsl_users};

	md_err_clear(&e);
	if (opts->n_profiles == 0 && opts->n_outlook == 0) {
		enum md_status st =
		    tb_profiles_discover(&search, &profiles, &e);
		if (st != MD_OK || e.code != MD_OK) {
			add_problem(rep, &e);
			result = worse(result, st != MD_OK ? st : e.code);
		}
	}
	for (size_t i = 0; i < opts->n_profiles; i++) {
		enum md_status st =
		    tb_profiles_from_arg(opts->profiles[i], &profiles, &e);
		if (st != MD_OK) {
			add_problem(rep, &e);
			result = worse(result, st);
		}
	}
	for (size_t i = 0; i < profiles.n && result != MD_ERR_NOMEM; i++) {
		struct tb_notes notes;
		enum md_status st =
		    tb_read_profile(&profiles.items[i], set, &notes, &e);
		if (st != MD_OK) {
			add_problem(rep, &e);
			result = worse(result, st);
			continue;
		}
		if (notes.n_issues) {
			add_problem(rep, &notes.first_issue);
			result = worse(result, MD_ERR_PARSE);
		}
		rep->n_user_js_overrides += notes.n_user_js_mail;
	}
	/* Nothing named: Outlook's accounts in the registry too (Windows). */
	if (opts->n_profiles == 0 && opts->n_outlook == 0 &&
	    result != MD_ERR_NOMEM) {
		enum md_status st = outlook_live_read(set, &e);
		if (st != MD_OK) {
			add_problem(rep, &e);
			result = worse(result, st);
		}
	}
	for (size_t i = 0; i < opts->n_outlook && result != MD_ERR_NOMEM; i++) {
		enum md_status st = outlook_read(opts->outlook[i], set, &e);
		if (st != MD_OK) {
			add_problem(rep, &e);
			result = worse(result, st);
		}
	}
	rep->n_profiles = profiles.n;
	tb_profile_list_done(&profiles);
	acct_set_mark_orphans(set);
	return result;
}

void clients_report_done(struct clients_report *rep)
{
	memset(rep, 0, sizeof *rep);
}
