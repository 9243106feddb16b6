// System headers the Glibc module does not expose: epoll, eventfd and TCP options.
// Used only by the HTTP server's socket and event-loop files.
#ifndef UPLYFT_CSYSTEMSHIM_H
#define UPLYFT_CSYSTEMSHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

// accept4 is declared only under _GNU_SOURCE, and defining _GNU_SOURCE here changes how
// `struct sockaddr` arguments import into Swift. Declaring the one function we need keeps
// the plain POSIX declarations for everything else.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

#endif
