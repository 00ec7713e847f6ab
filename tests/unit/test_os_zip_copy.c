/* test_os_zip_copy.c — os_in_zip_copy(): the folder Explorer makes in
 * %TEMP% to run one file of a zip opened as a folder is told from an
 * unpacked zip, a zip's name elsewhere, and temp's other folders. */
#include "core/base/os.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#define TEMP "C:/Users/田中花子/AppData/Local/Temp"

static const struct {
	const char *dir, *temp;
	bool copy;
} cases[] = {
    /* Explorer's copies: Temp<N>_<zip's name>, and the later form */
    {TEMP "/Temp1_maildoctor-0.1.0-win64.zip/maildoctor-0.1.0-win64", TEMP,
     true},
    {TEMP "/Temp1_maildoctor-0.1.0-win64.zip", TEMP, true},
    {TEMP "/Temp12_maildoctor-0.1.0-win64 (1).zip/maildoctor-0.1.0-win64", TEMP,
     true},
    {TEMP "/Temp1_MAILDOCTOR.ZIP/x", TEMP, true},
    {TEMP "/3f1c0d2e-8a7b-4c55-9e0f-1a2b3c4d5e6f_maildoctor-0.1.0-win64.zip."
	  "b2c/maildoctor-0.1.0-win64",
     TEMP, true},
    {TEMP "/Temp1_maildoctor-0.1.0-win64.zip/maildoctor-0.1.0-win64", TEMP "/",
     true},
    /* temp's case as Windows compares it */
    {"c:/users/田中花子/appdata/local/temp/Temp1_a.zip/a", TEMP, true},
    /* not a copy: unpacked, elsewhere, another folder of temp */
    {"C:/Users/田中花子/Downloads/maildoctor-0.1.0-win64", TEMP, false},
    {"C:/Users/田中花子/Downloads/Temp1_maildoctor.zip/maildoctor", TEMP,
     false},
    {TEMP "/maildoctor-0.1.0-win64", TEMP, false},
    {TEMP "/maildoctor.zip/maildoctor", TEMP, false},
    {TEMP "/Temp1_maildoctor.zipper/maildoctor", TEMP, false},
    {TEMP "/7zO0A1B2C3D/maildoctor-0.1.0-win64", TEMP, false},
    {TEMP, TEMP, false},
    {TEMP "x/Temp1_a.zip/a", TEMP, false},
    {TEMP "/Temp1_a.zip/a", "", false},
    {"", TEMP, false},
};

static void each_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool got = os_in_zip_copy(cases[i].dir, cases[i].temp);
		if (got != cases[i].copy)
			fail_msg("%s in %s: %d, wanted %d", cases[i].dir,
				 cases[i].temp, got, cases[i].copy);
	}
}

#ifdef _WIN32
/* The paths as GetModuleFileNameW and GetTempPathW give them. */
static void backslashes(void **state)
{
	(void)state;
	assert_true(
	    os_in_zip_copy("C:\\Users\\a\\AppData\\Local\\Temp\\Temp1_m.zip\\m",
			   "C:\\Users\\a\\AppData\\Local\\Temp\\"));
	assert_false(os_in_zip_copy("C:\\Users\\a\\Desktop\\m",
				    "C:\\Users\\a\\AppData\\Local\\Temp\\"));
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(each_case),
#ifdef _WIN32
	    cmocka_unit_test(backslashes),
#endif
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
