/* helper_http.h — a loopback HTTP/1.0 file server for the unit tests of
 * discovery: serves the files of one folder on 127.0.0.1, run as a task of
 * helper_os.h (a forked child on Linux, a thread on Windows). */
#ifndef MD_HELPER_HTTP_H
#define MD_HELPER_HTTP_H

#include "tests/unit/helper_os.h"

/* Serve the files under folder dir (GET only; 200 with Content-Length, or
 * 404) on 127.0.0.1, a free port put into *port. Stop it with
 * ho_task_stop(). NULL on failure. */
struct ho_task *http_serve(const char *dir, int *port);

#endif
