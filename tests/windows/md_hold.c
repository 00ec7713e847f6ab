/* md_hold.c — a tiny Windows program the Windows tests start and stop by
 * its process id (built by tools/windows/windows.mk as
 * build/windows/tests/md_hold.exe, never run as a test itself):
 *   md_hold sleep SECONDS        sleeps; copied and renamed (e.g. to
 *                                thunderbird.exe) it is "a running
 *                                Thunderbird" for the process checks
 *   md_hold hold PATH SECONDS    opens PATH as Thunderbird opens its
 *                                parent.lock (GENERIC_READ | GENERIC_WRITE,
 *                                share mode 0, CREATE_ALWAYS: mozilla's
 *                                toolkit/profile/nsProfileLock.cpp,
 *                                nsProfileLock::Lock, XP_WIN), prints "held"
 *                                on stdout once it holds it, then sleeps
 * Exits 0 after SECONDS, 2 on a wrong command line, 3 when PATH cannot be
 * opened. Paths are UTF-16 (wmain), so a Japanese user name is kept. */
#include <windows.h>

#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv);

int wmain(int argc, wchar_t **argv)
{
	if (argc == 3 && wcscmp(argv[1], L"sleep") == 0) {
		Sleep((DWORD)_wtoi(argv[2]) * 1000u);
		return 0;
	}
	if (argc != 4 || wcscmp(argv[1], L"hold") != 0) {
		fputs("usage: md_hold sleep SECONDS | hold PATH SECONDS\n",
		      stderr);
		return 2;
	}
	HANDLE h = CreateFileW(argv[2], GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, 0, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "md_hold: cannot open the file (error %lu)\n",
			(unsigned long)GetLastError());
		return 3;
	}
	fputs("held\n", stdout);
	fflush(stdout);
	Sleep((DWORD)_wtoi(argv[3]) * 1000u);
	CloseHandle(h);
	return 0;
}
