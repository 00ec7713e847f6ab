/* fix_tb_private.h — what the planning and the writing of a Thunderbird fix
 * share (fix_tb.c, fix_tb_apply.c). */
#ifndef MD_FIX_TB_PRIVATE_H
#define MD_FIX_TB_PRIVATE_H

#include "clientcfg/tb/prefs.h"

/* The parsed files of a plan, edited: [0] prefs.js, [1] user.js or NULL. */
struct plan_files {
	struct prefs_file *pf[2];
	char *path[2];
	char sha[2][65]; /* SHA-256 of the bytes read at plan time */
};

#endif
