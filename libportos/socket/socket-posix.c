/*
 * socket-posix.c - TCP sockets with BSD sockets
 */
#define _GNU_SOURCE
#include "socket-int.h"

#include <portos/error.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        return -errno;
    }
    return 0;
}

/* ECONNRESET is a peer gone, as EPIPE: one code for callers to test. */
static int sock_err(int e)
{
    return e == ECONNRESET ? PORTOS_EPIPE : -e;
}

int portos__socket_open(const char *host, int port, bool listen_)
{
    struct addrinfo hints = { 0 }, *res = NULL, *ai;
    char service[8];
    int err = PORTOS_EINVAL, one = 1;

    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | (listen_ ? AI_PASSIVE : 0);
    snprintf(service, sizeof(service), "%d", port);
    if (getaddrinfo(host, service, &hints, &res) != 0) {
        return PORTOS_EINVAL;   /* an unknown host is a bad argument */
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                        ai->ai_protocol);
        int r;

        if (fd < 0) {
            err = -errno;
            continue;
        }
        if (listen_) {
            /* A restarted emulator may take its port back at once. */
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            r = bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 ? listen(fd, 1) : -1;
        } else {
            do {
                r = connect(fd, ai->ai_addr, ai->ai_addrlen);
            } while (r < 0 && errno == EINTR);
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        }
        err = r < 0 ? -errno : set_nonblock(fd);
        if (err == 0) {
            freeaddrinfo(res);
            return fd;
        }
        close(fd);
    }
    freeaddrinfo(res);
    return err;
}

int portos__socket_accept(int listen_fd)
{
    int one = 1, fd, r;

    do {
        fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return errno == EWOULDBLOCK ? PORTOS_EAGAIN : -errno;
    }
    r = set_nonblock(fd);
    if (r < 0) {
        close(fd);
        return r;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

int64_t portos__socket_recv(int fd, void *buf, size_t len)
{
    ssize_t n;

    do {
        n = recv(fd, buf, len, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EWOULDBLOCK ? PORTOS_EAGAIN : sock_err(errno);
    }
    return n;
}

int64_t portos__socket_send(int fd, const void *buf, size_t len)
{
    ssize_t n;

    do {
        n = send(fd, buf, len, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EWOULDBLOCK ? PORTOS_EAGAIN : sock_err(errno);
    }
    return n;
}

int portos__socket_wait(int fd, int64_t timeout_ns)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int ms = timeout_ns > INT32_MAX * (int64_t)1000000 ? INT32_MAX
                                                       : (int)(timeout_ns / 1000000);
    int r = poll(&p, 1, ms);

    if (r < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    if (r > 0 && (p.revents & POLLNVAL)) {
        return PORTOS_EBADF;
    }
    return r > 0;
}

int portos__socket_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
        return -errno;
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
    /* Linux closes the descriptor even when close() reports EINTR. */
    if (close(fd) < 0 && errno != EINTR) {
        return -errno;
    }
    return 0;
}
