/* tb_lock_private.h — what tb_lock.c and the system's own signs
 * (tb_lock_posix.c, tb_lock_win.c) share, not exported. */
#ifndef MD_TB_LOCK_PRIVATE_H
#define MD_TB_LOCK_PRIVATE_H

/* The names Thunderbird's program runs under on this system, NULL-ended:
 * Linux "thunderbird", "thunderbird-bin" (also the name a lab or test copy
 * runs under); Windows "thunderbird" (os_process_running() drops ".exe",
 * any case). Defined by the system's file. */
extern const char *const tb_program_names[];

#endif
