/* fuzz_reg.c — libFuzzer target for the reader of regedit exports (.reg). */
#include "clientcfg/outlook/outlook.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acct_set *set = acct_set_new();
	struct md_err err;
	if (!set)
		return 0;
	if (outlook_parse_reg((const char *)data, size, "fuzz", set, &err) ==
		MD_OK &&
	    set->n_accounts == 0)
		__builtin_trap(); /* success always brings an account */
	/* The sniffing entry point too, on the same bytes. */
	outlook_parse_buffer((const char *)data, size, "fuzz", set, &err);
	acct_set_free(set);
	return 0;
}
