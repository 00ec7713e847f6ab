/* fuzz_explain_log.c — libFuzzer target: any bytes as MTA log lines,
 * fed in uneven chunks to the streaming log reader. */
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

static bool touch(const struct explain_rcpt *r, void *ud)
{
	(void)ud;
	free(explain_summary(r));
	free(explain_advice(r));
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct explain_log *lg = explain_log_new(kb, touch, NULL);
	if (!lg)
		return 0;
	size_t off = 0, step = size % 7 + 1;
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		explain_log_feed(lg, (const char *)data + off, n);
		off += n;
		step = step * 3 % 97 + 1;
	}
	explain_log_finish(lg);
	explain_log_free(lg);
	return 0;
}
