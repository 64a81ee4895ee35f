/*
 * socket-wasm.c - no TCP sockets: Emscripten emulates them over
 * WebSockets, which cannot listen, and a browser tab has none at all.
 */
#include "socket-int.h"

#include <portos/error.h>

int portos__socket_open(const char *host, int port, bool listen)
{
    (void)host, (void)port, (void)listen;
    return PORTOS_ENOTSUP;
}

int portos__socket_accept(int fd)
{
    (void)fd;
    return PORTOS_ENOTSUP;
}

int64_t portos__socket_recv(int fd, void *buf, size_t len)
{
    (void)fd, (void)buf, (void)len;
    return PORTOS_ENOTSUP;
}

int64_t portos__socket_send(int fd, const void *buf, size_t len)
{
    (void)fd, (void)buf, (void)len;
    return PORTOS_ENOTSUP;
}

int portos__socket_wait(int fd, int64_t timeout_ns)
{
    (void)fd, (void)timeout_ns;
    return PORTOS_ENOTSUP;
}

int portos__socket_port(int fd)
{
    (void)fd;
    return PORTOS_ENOTSUP;
}

int portos__socket_close(int fd)
{
    (void)fd;
    return PORTOS_ENOTSUP;
}
