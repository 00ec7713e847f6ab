/* tcp.h — non-blocking TCP connects for probes. What a failed connect's
 * errno means for a diagnosis is core/proto's word (sess_connect_outcome in
 * session.h): the network layer does not know the dialogue's outcomes. */
#ifndef MD_TCP_H
#define MD_TCP_H

#include <sys/socket.h>

/* Start connecting to sa (len bytes). Returns a non-blocking socket that
 * becomes writable when the connect finished (see tcp_connect_result), or
 * -1 with *errnum set when it failed at once. The caller owns the fd. */
int tcp_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum);

/* After the socket became writable: 0 when connected, else the errno of
 * the failed connect. */
int tcp_connect_result(int fd);

#endif
