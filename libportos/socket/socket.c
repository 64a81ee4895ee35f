/*
 * socket.c - TCP sockets: argument checks and defaults for all backends
 */
#include "socket-int.h"

#include <portos/error.h>

/* -s / -gdb tcp::PORT must not open a debugger to the whole network. */
static const char *default_host(const char *host)
{
    return host && *host ? host : "127.0.0.1";
}

int portos_socket_listen(const char *host, int port)
{
    if (port < 0 || port > 65535) {
        return PORTOS_EINVAL;
    }
    return portos__socket_open(default_host(host), port, true);
}

int portos_socket_connect(const char *host, int port)
{
    if (port <= 0 || port > 65535) {
        return PORTOS_EINVAL;
    }
    return portos__socket_open(default_host(host), port, false);
}

int portos_socket_accept(int fd)
{
    return fd < 0 ? PORTOS_EBADF : portos__socket_accept(fd);
}

int64_t portos_socket_recv(int fd, void *buf, size_t len)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    if (!buf || len == 0) {
        return PORTOS_EINVAL;
    }
    /* One call moves at most what an int can count on every backend. */
    return portos__socket_recv(fd, buf, len > (1u << 30) ? (1u << 30) : len);
}

int64_t portos_socket_send(int fd, const void *buf, size_t len)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    if (!buf && len) {
        return PORTOS_EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    return portos__socket_send(fd, buf, len > (1u << 30) ? (1u << 30) : len);
}

int portos_socket_wait(int fd, int64_t timeout_ns)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    return portos__socket_wait(fd, timeout_ns < 0 ? 0 : timeout_ns);
}

int portos_socket_port(int fd)
{
    return fd < 0 ? PORTOS_EBADF : portos__socket_port(fd);
}

int portos_socket_close(int fd)
{
    return fd < 0 ? PORTOS_EBADF : portos__socket_close(fd);
}
