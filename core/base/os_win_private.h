/* os_win_private.h — what os_win.c and os_win_file.c share: UTF-8 <-> UTF-16
 * and Win32 errors as errno values. Windows only, private to core/base
 * (and to the Windows side of the unit tests' seam,
 * tests/unit/helper_os_win.c, which converts with the same calls). */
#ifndef MD_OS_WIN_PRIVATE_H
#define MD_OS_WIN_PRIVATE_H
#ifdef _WIN32

#include <windows.h>

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* UTF-8 -> UTF-16, malloc'd; NULL when s is not valid UTF-8. */
wchar_t *win_wide(const char *s);

/* UTF-16 -> UTF-8 into buf; false when it does not fit. */
bool win_narrow(const wchar_t *w, char *buf, size_t len);

/* GetFileAttributesW() of a UTF-8 path. */
DWORD win_attributes(const char *path);

/* A Win32 error as the errno value os.h promises. */
int win_errno_of(DWORD e);

/* errno set from GetLastError() (see os_win_file.c). */
int win_fail_win(void);

/* A UTF-8 path as UTF-16 for the W calls (see os_win_file.c). */
wchar_t *win_wide_path(const char *path);

#endif /* _WIN32 */
#endif
