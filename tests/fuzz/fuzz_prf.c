/* fuzz_prf.c — libFuzzer target for the reader of Outlook profile files (.prf).
 */
#include "tests/fuzz/fuzz_outlook.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_outlook(outlook_parse_prf, data, size);
}
