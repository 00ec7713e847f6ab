/* limits.c — the waits of core/base/limits.h. */
#include "core/base/limits.h"

#include <limits.h>

struct md_limits md_limits_of(unsigned timeout_ms)
{
	unsigned t = timeout_ms ? timeout_ms : MD_TIMEOUT_DEFAULT_MS;
	return (struct md_limits){
	    .timeout_ms = t,
	    .connect_ms = t,
	    .reply_ms = t,
	    .row_ms = t > UINT_MAX / 4 ? UINT_MAX : 4 * t,
	    .dns_ms = t,
	    .discovery_ms = t,
	};
}

unsigned md_timeout_ms(double seconds)
{
	if (!(seconds > 0))
		return 0;
	if (seconds * 1000.0 >= (double)UINT_MAX)
		return UINT_MAX;
	unsigned ms = (unsigned)(seconds * 1000.0);
	return ms ? ms : 1;
}
