/* tcp.h — non-blocking TCP connects for probes, and the outcome class of
 * a failed connect (timeout, refused, unreachable, reset). */
#ifndef MD_TCP_H
#define MD_TCP_H

#include "core/proto/session.h"

#include <sys/socket.h>

/* Start connecting to sa (len bytes). Returns a non-blocking socket that
 * becomes writable when the connect finished (see tcp_connect_result), or
 * -1 with *errnum set when it failed at once. The caller owns the fd. */
int tcp_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum);

/* After the socket became writable: 0 when connected, else the errno of
 * the failed connect. */
int tcp_connect_result(int fd);

/* The outcome class of a connect errno: ECONNREFUSED refused, ETIMEDOUT
 * timeout, no route (EHOSTUNREACH, ENETUNREACH, …, EPERM from a local
 * firewall) unreachable, ECONNRESET reset, anything else error. */
enum sess_outcome tcp_classify(int errnum);

#endif
