/*
 * portos/socket.h - TCP listening and connected sockets, non-blocking
 *
 * What a debugger stub or a monitor needs: listen on a host and port,
 * accept a client, move bytes without ever blocking the caller's main
 * loop, close.  Sockets are small non-negative ints.
 *
 * Backends:
 * - posix: BSD sockets (getaddrinfo, O_NONBLOCK, SO_REUSEADDR, no SIGPIPE:
 *   send uses MSG_NOSIGNAL).
 * - win32: Winsock 2 (WSAStartup on first use, ioctlsocket FIONBIO); the
 *   SOCKET handle is returned as an int (Windows socket handles fit in 32
 *   bits); WSA errors are mapped to the PORTOS_E* codes below.
 * - wasm: no sockets (Emscripten's are emulated over WebSockets and cannot
 *   listen): every call returns PORTOS_ENOTSUP.
 */
#ifndef PORTOS_SOCKET_H
#define PORTOS_SOCKET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * portos_socket_listen: a TCP socket listening on @host:@port.
 * @host: a numeric address or a name ("localhost"); NULL or "" means
 *        127.0.0.1 (the loopback interface only).
 * @port: 0..65535; 0 picks a free port (see portos_socket_port()).
 *
 * Returns: the socket, or PORTOS_EINVAL (bad port, unknown host),
 * PORTOS_EADDRINUSE (port taken), PORTOS_EACCES, PORTOS_ENOTSUP (wasm),
 * another PORTOS_E* code.
 */
int portos_socket_listen(const char *host, int port);

/**
 * portos_socket_connect: a TCP connection to @host:@port (NULL or "" is
 * 127.0.0.1); waits until it is made or refused (posix: a blocking
 * connect; win32: select() and SO_ERROR, at most 20 s), then the socket
 * is non-blocking.
 * Returns: the socket or a PORTOS_E* code (PORTOS_ECONNREFUSED: nobody
 * listens there).
 */
int portos_socket_connect(const char *host, int port);

/**
 * portos_socket_accept: a pending connection on listening socket @fd,
 * non-blocking, with Nagle's algorithm off (small packets go at once).
 * Returns: the new socket, PORTOS_EAGAIN if none is pending, or a code.
 */
int portos_socket_accept(int fd);

/**
 * portos_socket_recv: read what is pending, at most @len bytes.
 * Returns: bytes read (> 0), 0 when the peer closed, PORTOS_EAGAIN when
 * nothing is pending, or a code (PORTOS_EPIPE for a reset connection).
 */
int64_t portos_socket_recv(int fd, void *buf, size_t len);

/**
 * portos_socket_send: write what fits now, at most @len bytes.
 * Returns: bytes written (may be fewer than @len), PORTOS_EAGAIN when
 * none fit, PORTOS_EPIPE when the peer is gone, or a code.
 */
int64_t portos_socket_send(int fd, const void *buf, size_t len);

/**
 * portos_socket_wait: wait up to @timeout_ns for @fd to be readable (data,
 * a pending connection, or the peer closing).
 * Returns: 1 if readable, 0 on timeout, or a code.
 */
int portos_socket_wait(int fd, int64_t timeout_ns);

/** portos_socket_port: the local port @fd is bound to, or a code. */
int portos_socket_port(int fd);

/** portos_socket_close: close @fd. Returns 0 or a code (PORTOS_EBADF). */
int portos_socket_close(int fd);

#ifdef __cplusplus
}
#endif

#endif
