/* helper_tests.c — cmocka test lists that differ by system: the tests a
 * system cannot run are taken out of the list, each said by name and
 * never counted as passed (helper_os.h). The same code on both systems. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <string.h>

static bool named(const char *name, const char *const *names)
{
	for (size_t j = 0; names && names[j]; j++)
		if (strcmp(name, names[j]) == 0)
			return true;
	return false;
}

size_t ho_leave_out(struct CMUnitTest *t, size_t n, const char *const *names,
		    const char *why)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!named(t[i].name, names))
			t[k++] = t[i];
		else
			printf("[ LEFT OUT ] %s (%s)\n", t[i].name, why);
	}
	return k;
}
