/* term_win_private.h — what term_win.c and term_text_win.c share: whether
 * a handle is a console. Windows only. */
#ifndef MD_TERM_WIN_PRIVATE_H
#define MD_TERM_WIN_PRIVATE_H

#ifdef _WIN32
#include <windows.h>

#include <stdbool.h>

/* h is a console (not _isatty, which a pipe's NUL also passes): what
 * GetConsoleMode accepts; its mode in *mode when mode is not NULL. */
bool term_win_is_console(HANDLE h, DWORD *mode);
#endif

#endif
