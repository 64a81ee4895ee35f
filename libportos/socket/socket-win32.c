/*
 * socket-win32.c - TCP sockets with Winsock 2
 *
 * SOCKET handles are returned as ints (Windows keeps them in 32 bits for
 * 32-bit interoperability); Winsock errors go through the one Windows
 * error table (error/error-win32.c).
 */
/* Before windows.h (portos-win32.h), which would bring in Winsock 1. */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "socket-int.h"

#include "portos-win32.h"

#include <portos/error.h>

#include <stdio.h>

static INIT_ONCE wsa_once = INIT_ONCE_STATIC_INIT;
static int wsa_status;

static BOOL CALLBACK wsa_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    WSADATA data;
    int r = WSAStartup(MAKEWORD(2, 2), &data);

    (void)once, (void)param, (void)ctx;
    wsa_status = r ? portos__winerror((DWORD)r) : 0;
    return TRUE;
}

static int wsa_ready(void)
{
    InitOnceExecuteOnce(&wsa_once, wsa_init, NULL, NULL);
    return wsa_status;
}

static int wsa_err(void)
{
    return portos__winerror((DWORD)WSAGetLastError());
}

static int set_nonblock(SOCKET s)
{
    u_long on = 1;

    return ioctlsocket(s, FIONBIO, &on) == 0 ? 0 : wsa_err();
}

/*
 * connect() made non-blocking and waited for: Wine's blocking connect()
 * reports success even when the peer refuses, while the outcome that
 * select() and SO_ERROR give is right on Windows and Wine alike.
 * Returns 0 or a PORTOS_E* code.
 */
static int connect_wait(SOCKET s, const struct addrinfo *ai)
{
    fd_set wset, eset;
    struct timeval tv = { 20, 0 };
    int err = 0, len = sizeof(err), r;

    if ((r = set_nonblock(s)) < 0) {
        return r;
    }
    if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0) {
        return 0;
    }
    if (WSAGetLastError() != WSAEWOULDBLOCK) {
        return wsa_err();
    }
    FD_ZERO(&wset);
    FD_ZERO(&eset);
    FD_SET(s, &wset);
    FD_SET(s, &eset);
    r = select(0, NULL, &wset, &eset, &tv);
    if (r == SOCKET_ERROR) {
        return wsa_err();
    }
    if (r == 0) {
        return PORTOS_ETIMEDOUT;
    }
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len) != 0) {
        return wsa_err();
    }
    return err ? portos__winerror((DWORD)err) : 0;
}

int portos__socket_open(const char *host, int port, bool listen_)
{
    struct addrinfo hints = { 0 }, *res = NULL, *ai;
    char service[8];
    int err = PORTOS_EINVAL, r;
    BOOL one = TRUE;

    if ((r = wsa_ready()) < 0) {
        return r;
    }
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | (listen_ ? AI_PASSIVE : 0);
    snprintf(service, sizeof(service), "%d", port);
    if (getaddrinfo(host, service, &hints, &res) != 0) {
        return PORTOS_EINVAL;   /* an unknown host is a bad argument */
    }
    for (ai = res; ai; ai = ai->ai_next) {
        SOCKET s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);

        if (s == INVALID_SOCKET) {
            err = wsa_err();
            continue;
        }
        SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
        if (listen_) {
            /* Not SO_REUSEADDR: on Windows it lets another socket steal
             * a port in use; exclusive use is what a listener wants. */
            setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&one,
                       sizeof(one));
            r = bind(s, ai->ai_addr, (int)ai->ai_addrlen) == 0 &&
                listen(s, 1) == 0 ? 0 : wsa_err();
        } else {
            r = connect_wait(s, ai);
            setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one,
                       sizeof(one));
        }
        err = r != 0 ? r : set_nonblock(s);
        if (err == 0) {
            freeaddrinfo(res);
            return (int)s;
        }
        closesocket(s);
    }
    freeaddrinfo(res);
    return err;
}

int portos__socket_accept(int fd)
{
    SOCKET s = accept((SOCKET)fd, NULL, NULL);
    BOOL one = TRUE;
    int r;

    if (s == INVALID_SOCKET) {
        return wsa_err();
    }
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    r = set_nonblock(s);
    if (r < 0) {
        closesocket(s);
        return r;
    }
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof(one));
    return (int)s;
}

int64_t portos__socket_recv(int fd, void *buf, size_t len)
{
    int n = recv((SOCKET)fd, buf, (int)len, 0);

    return n == SOCKET_ERROR ? wsa_err() : n;
}

int64_t portos__socket_send(int fd, const void *buf, size_t len)
{
    int n = send((SOCKET)fd, buf, (int)len, 0);

    return n == SOCKET_ERROR ? wsa_err() : n;
}

int portos__socket_wait(int fd, int64_t timeout_ns)
{
    fd_set set;
    struct timeval tv;
    int r;

    FD_ZERO(&set);
    FD_SET((SOCKET)fd, &set);
    tv.tv_sec = (long)(timeout_ns / 1000000000);
    tv.tv_usec = (long)(timeout_ns % 1000000000 / 1000);
    r = select(0, &set, NULL, NULL, &tv);
    return r == SOCKET_ERROR ? wsa_err() : r > 0;
}

int portos__socket_port(int fd)
{
    struct sockaddr_storage ss;
    int len = sizeof(ss);

    if (getsockname((SOCKET)fd, (struct sockaddr *)&ss, &len) != 0) {
        return wsa_err();
    }
    if (ss.ss_family == AF_INET) {
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    if (ss.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return PORTOS_EINVAL;
}

int portos__socket_close(int fd)
{
    return closesocket((SOCKET)fd) == 0 ? 0 : wsa_err();
}
