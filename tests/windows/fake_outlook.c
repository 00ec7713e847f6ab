/* fake_outlook.c — a stand-in for a running Outlook in the wine tests
 * (tests/windows/test_outlook_live.sh builds it as OUTLOOK.EXE): it
 * creates the file named by its argument once it runs, then sleeps until
 * the test stops it by its pid. */
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
	if (argc > 1) {
		HANDLE h = CreateFileW(argv[1], GENERIC_WRITE, 0, NULL,
				       CREATE_ALWAYS, 0, NULL);
		if (h != INVALID_HANDLE_VALUE)
			CloseHandle(h);
	}
	Sleep(600000);
	return 0;
}
