/*
 * test-socket.c - TCP listen, accept, connect, non-blocking send/recv,
 * wait, close over the real loopback interface; on wasm, PORTOS_ENOTSUP.
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/socket.h>

#include <string.h>

#ifdef __EMSCRIPTEN__
/* No sockets on wasm: every call says so, none crashes. */
START_TEST(test_wasm_enotsup)
{
    char b[4];

    ck_assert_int_eq(portos_socket_listen(NULL, 0), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_connect(NULL, 1234), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_accept(3), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_recv(3, b, 4), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_send(3, "x", 1), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_wait(3, 0), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_port(3), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_socket_close(3), PORTOS_ENOTSUP);
}
END_TEST
#else

/* Accept, waiting a little: the connection may take a moment to show. */
static int accept_wait(int lfd)
{
    for (int i = 0; i < 500; i++) {
        int fd = portos_socket_accept(lfd);
        if (fd != PORTOS_EAGAIN) {
            return fd;
        }
        portos_socket_wait(lfd, 10 * 1000 * 1000);
    }
    return PORTOS_ETIMEDOUT;
}

static int64_t recv_wait(int fd, void *buf, size_t len)
{
    for (int i = 0; i < 500; i++) {
        int64_t n = portos_socket_recv(fd, buf, len);
        if (n != PORTOS_EAGAIN) {
            return n;
        }
        portos_socket_wait(fd, 10 * 1000 * 1000);
    }
    return PORTOS_ETIMEDOUT;
}

/* A listener on a free port, a client and the accepted server side. */
static void pair(int *lfd, int *cfd, int *sfd)
{
    int port;

    *lfd = portos_socket_listen(NULL, 0);
    ck_assert_int_ge(*lfd, 0);
    port = portos_socket_port(*lfd);
    ck_assert_int_gt(port, 0);
    ck_assert_int_eq(portos_socket_accept(*lfd), PORTOS_EAGAIN);
    *cfd = portos_socket_connect("127.0.0.1", port);
    ck_assert_int_ge(*cfd, 0);
    ck_assert_int_eq(portos_socket_wait(*lfd, 2000 * 1000 * 1000LL), 1);
    *sfd = accept_wait(*lfd);
    ck_assert_int_ge(*sfd, 0);
}

START_TEST(test_loopback_round_trip)
{
    int lfd, cfd, sfd;
    char buf[64];

    pair(&lfd, &cfd, &sfd);
    /* Nothing pending: no blocking, EAGAIN, and a wait that times out. */
    ck_assert_int_eq(portos_socket_recv(sfd, buf, sizeof(buf)), PORTOS_EAGAIN);
    ck_assert_int_eq(portos_socket_wait(sfd, 20 * 1000 * 1000), 0);
    ck_assert_int_eq(portos_socket_send(cfd, "$qC#b4", 6), 6);
    ck_assert_int_eq(portos_socket_wait(sfd, 2000 * 1000 * 1000LL), 1);
    ck_assert_int_eq(recv_wait(sfd, buf, sizeof(buf)), 6);
    ck_assert_int_eq(memcmp(buf, "$qC#b4", 6), 0);
    ck_assert_int_eq(portos_socket_send(sfd, "+", 1), 1);
    ck_assert_int_eq(recv_wait(cfd, buf, sizeof(buf)), 1);
    ck_assert_int_eq(buf[0], '+');
    /* The peer's close reads as 0, then sends fail with EPIPE. */
    ck_assert_int_eq(portos_socket_close(cfd), 0);
    ck_assert_int_eq(recv_wait(sfd, buf, sizeof(buf)), 0);
    {
        int64_t r = 0;
        for (int i = 0; i < 100 && r >= 0; i++) {
            r = portos_socket_send(sfd, buf, sizeof(buf));
            portos_sleep_ns(1000 * 1000);
        }
        ck_assert_int_eq(r, PORTOS_EPIPE);
    }
    ck_assert_int_eq(portos_socket_close(sfd), 0);
    ck_assert_int_eq(portos_socket_close(lfd), 0);
}
END_TEST

/* A send larger than the socket buffers takes what fits, then EAGAIN. */
START_TEST(test_send_never_blocks)
{
    static char big[1 << 20];
    int lfd, cfd, sfd;
    int64_t total = 0, r;

    pair(&lfd, &cfd, &sfd);
    for (int i = 0; i < 64; i++) {
        r = portos_socket_send(cfd, big, sizeof(big));
        if (r == PORTOS_EAGAIN) {
            break;
        }
        ck_assert_int_gt(r, 0);
        total += r;
    }
    ck_assert_int_eq(r, PORTOS_EAGAIN);
    ck_assert_int_gt(total, 0);
    portos_socket_close(cfd);
    portos_socket_close(sfd);
    portos_socket_close(lfd);
}
END_TEST

START_TEST(test_port_in_use_and_refused)
{
    int lfd = portos_socket_listen("127.0.0.1", 0);
    int port;

    ck_assert_int_ge(lfd, 0);
    port = portos_socket_port(lfd);
    ck_assert_int_eq(portos_socket_listen("127.0.0.1", port), PORTOS_EADDRINUSE);
    ck_assert_int_eq(portos_socket_close(lfd), 0);
    /* Nobody listens there any more. */
    ck_assert_int_eq(portos_socket_connect(NULL, port), PORTOS_ECONNREFUSED);
}
END_TEST

START_TEST(test_bad_arguments)
{
    char b[4];

    ck_assert_int_eq(portos_socket_listen(NULL, -1), PORTOS_EINVAL);
    ck_assert_int_eq(portos_socket_listen(NULL, 65536), PORTOS_EINVAL);
    ck_assert_int_eq(portos_socket_connect(NULL, 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_socket_listen("no-such-host.invalid", 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_socket_accept(-1), PORTOS_EBADF);
    ck_assert_int_eq(portos_socket_recv(-1, b, 4), PORTOS_EBADF);
    ck_assert_int_eq(portos_socket_recv(0, NULL, 4), PORTOS_EINVAL);
    ck_assert_int_eq(portos_socket_send(-1, b, 4), PORTOS_EBADF);
    ck_assert_int_eq(portos_socket_send(0, b, 0), 0);
    ck_assert_int_eq(portos_socket_wait(-1, 0), PORTOS_EBADF);
    ck_assert_int_eq(portos_socket_port(-1), PORTOS_EBADF);
    ck_assert_int_eq(portos_socket_close(-1), PORTOS_EBADF);
}
END_TEST
#endif

Suite *suite_socket(void)
{
    Suite *s = suite_create("socket");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
#ifdef __EMSCRIPTEN__
    tcase_add_test(tc, test_wasm_enotsup);
#else
    tcase_add_test(tc, test_loopback_round_trip);
    tcase_add_test(tc, test_send_never_blocks);
    tcase_add_test(tc, test_port_in_use_and_refused);
    tcase_add_test(tc, test_bad_arguments);
#endif
    suite_add_tcase(s, tc);
    return s;
}
