/*
 * socket-int.h - what a socket backend provides to socket.c
 *
 * socket.c checks arguments and fills in the default host; backends make
 * the OS calls. Every function returns a value >= 0 or a PORTOS_E* code.
 */
#ifndef PORTOS_SOCKET_INT_H
#define PORTOS_SOCKET_INT_H

#include <portos/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A socket bound to @host:@port (host never NULL) and listening, or
 * (@listen false) connected to it; non-blocking either way.
 */
int portos__socket_open(const char *host, int port, bool listen);
/* accept(), the new socket non-blocking with TCP_NODELAY; EAGAIN if none. */
int portos__socket_accept(int fd);
/* recv()/send() once, without blocking; 0 from recv is the peer's close. */
int64_t portos__socket_recv(int fd, void *buf, size_t len);
int64_t portos__socket_send(int fd, const void *buf, size_t len);
/* 1 when @fd is readable within @timeout_ns (>= 0), else 0. */
int portos__socket_wait(int fd, int64_t timeout_ns);
int portos__socket_port(int fd);
int portos__socket_close(int fd);

#endif
