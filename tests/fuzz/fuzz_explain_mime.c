/* fuzz_explain_mime.c — libFuzzer target: any bytes as a bounce message or
 * an mbox through GMime and the bounce scanners. */
#include "core/explain/explain.h"
#include "tests/fuzz/fuzz_kb.h"

#include <stdint.h>
#include <stdlib.h>

static struct rej_kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_kb_load(&kb);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct explain_result *res = NULL;
	struct md_err err;
	enum explain_input kind =
	    size && data[0] == 'F' ? EXPLAIN_IN_MBOX : EXPLAIN_IN_MESSAGE;
	if (explain_buffer(kb, (const char *)data, size, kind, &res, &err) ==
	    MD_OK) {
		for (size_t i = 0; i < res->n; i++) {
			free(explain_summary(&res->rcpts[i]));
			free(explain_advice(&res->rcpts[i]));
		}
		explain_result_free(res);
	}
	return 0;
}
