/* test_outlook_new.c — New Outlook for Windows found by its package
 * folder (clientcfg/outlook/outlook_new.h) under a made-up %LOCALAPPDATA%:
 * Packages\Microsoft.OutlookForWindows_<publisher id> in any case; not a
 * file of that name, not a look-alike name, not without Packages; and
 * through the read facade (clients_read()'s report), with its notice
 * (app/notices.h) in text and JSON. Built for Linux and Windows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/notices.h"
#include "clientcfg/clients.h"
#include "clientcfg/outlook/outlook_new.h"
#include "tests/unit/helper_os.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char local[4096];

static int setup(void **state)
{
	(void)state;
	return ho_mkdtemp(local, sizeof local, "md-local") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return ho_rmtree(local) ? 0 : -1;
}

static void make_dir(const char *name)
{
	char *p = g_build_filename(local, "Packages", name, NULL);
	assert_int_equal(g_mkdir_with_parents(p, 0700), 0);
	g_free(p);
}

static void test_outlook_new_found(void **state)
{
	(void)state;
	assert_null(outlook_new_package(NULL));
	assert_null(outlook_new_package(""));
	assert_null(outlook_new_package(local)); /* no Packages */
	make_dir("Microsoft.WindowsCommunicationsApps_8wekyb3d8bbwe");
	make_dir("Microsoft.OutlookForWindowsX");
	assert_null(outlook_new_package(local));
	/* a file of the name is no package folder */
	char *file = g_build_filename(local, "Packages",
				      "Microsoft.OutlookForWindows_x", NULL);
	assert_true(g_file_set_contents(file, "", 0, NULL));
	assert_null(outlook_new_package(local));
	g_free(file);
	make_dir("microsoft.outlookforwindows_8wekyb3d8bbwe");
	char *got = outlook_new_package(local);
	assert_non_null(got);
	char *want =
	    g_build_filename(local, "Packages",
			     "microsoft.outlookforwindows_8wekyb3d8bbwe", NULL);
	assert_string_equal(got, want);
	g_free(got);
	g_free(want);
}

static void test_outlook_new_report(void **state)
{
	(void)state;
	struct clients_opts o = {.local_appdata = local};
	struct acct_set *set = acct_set_new();
	struct clients_report rep;
	/* a profile to read, so that discovery does not run */
	static const char *const prof[] = {
	    "tests/fixtures/tb/s4/.thunderbird/Profiles/"
	    "k7xq2m1a.default-release"};
	o.profiles = prof;
	o.n_profiles = 1;
	assert_int_equal(clients_read(&o, set, &rep), MD_OK);
	assert_null(rep.new_outlook);
	clients_report_done(&rep);
	acct_set_free(set);

	make_dir("Microsoft.OutlookForWindows_8wekyb3d8bbwe");
	set = acct_set_new();
	assert_int_equal(clients_read(&o, set, &rep), MD_OK);
	assert_non_null(rep.new_outlook);
	assert_non_null(strstr(rep.new_outlook,
			       "Microsoft.OutlookForWindows_8wekyb3d8bbwe"));
	assert_true(set->n_accounts > 0);
	/* the notice: what it means, and what maildoctor can still do */
	const char *alone = app_notice_new_outlook(rep.new_outlook, false);
	const char *too = app_notice_new_outlook(rep.new_outlook, true);
	assert_non_null(strstr(alone, "Microsoft's cloud"));
	assert_non_null(strstr(alone, "no other mail program"));
	assert_non_null(strstr(alone, "maildoctor check ADDRESS"));
	assert_non_null(strstr(too, "installed too"));
	assert_null(app_notice_new_outlook(NULL, true));
	struct json_object *j = app_notices_json(rep.new_outlook, true);
	assert_int_equal(json_object_array_length(j), 1);
	struct json_object *n = json_object_array_get_idx(j, 0), *v;
	assert_true(json_object_object_get_ex(n, "id", &v));
	assert_string_equal(json_object_get_string(v), "new-outlook");
	assert_true(json_object_object_get_ex(n, "package_folder", &v));
	assert_string_equal(json_object_get_string(v), rep.new_outlook);
	json_object_put(j);
	j = app_notices_json(NULL, false);
	assert_int_equal(json_object_array_length(j), 0);
	json_object_put(j);
	clients_report_done(&rep);
	assert_null(rep.new_outlook);
	acct_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_outlook_new_found, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_outlook_new_report, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
