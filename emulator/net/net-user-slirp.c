/*
 * net-user-slirp.c - user networking on libslirp (posix builds)
 *
 * libslirp owns the TCP/IP stack and the host sockets; this file gives it
 * a clock, timers and a poll() each main-loop slice.  It runs on the main
 * loop's thread only, so nothing here locks.
 */
#include "net/net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <string.h>

#include <slirp/libslirp.h>

#include <portos/osinfo.h>

#include "util/log.h"

/* Timer callbacks run per poll at most (one re-arming itself in the past
   must not hold up the main loop). */
#define MAX_TIMER_RUNS 16

typedef struct UserTimer {
    SlirpTimerCb cb;
    void *cb_opaque;
    int64_t expire_ms;     /* -1: not armed */
} UserTimer;

struct NetUser {
    Slirp *slirp;
    NetReceive *rx;
    void *rx_opaque;
    GArray *pfd;           /* struct pollfd, refilled every poll */
    GPtrArray *timers;     /* UserTimer, owned */
};

bool net_user_available(void)
{
    return true;
}

/* ---- the callbacks libslirp needs ---- */

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
    NetUser *nu = opaque;

    nu->rx(nu->rx_opaque, buf, len);
    return (ssize_t)len;
}

/* Like the devices' guest errors: only with -d guest_errors. */
static void guest_error(const char *msg, void *opaque)
{
    log_mask_printf(LOG_GUEST_ERROR, "user network: %s\n", msg);
}

static int64_t clock_get_ns(void *opaque)
{
    return portos_clock_monotonic_ns();
}

static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    NetUser *nu = opaque;
    UserTimer *t = g_new0(UserTimer, 1);

    t->cb = cb;
    t->cb_opaque = cb_opaque;
    t->expire_ms = -1;
    g_ptr_array_add(nu->timers, t);
    return t;
}

static void timer_free(void *timer, void *opaque)
{
    NetUser *nu = opaque;

    g_ptr_array_remove_fast(nu->timers, timer);
    g_free(timer);
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    ((UserTimer *)timer)->expire_ms = expire_ms;
}

/* Sockets are polled every slice anyway: nothing to register. */
static void register_poll_fd(int fd, void *opaque)
{
}

static void unregister_poll_fd(int fd, void *opaque)
{
}

static void notify(void *opaque)
{
}

static const SlirpCb slirp_cb = {
    .send_packet = send_packet,
    .guest_error = guest_error,
    .clock_get_ns = clock_get_ns,
    .timer_new = timer_new,
    .timer_free = timer_free,
    .timer_mod = timer_mod,
    .register_poll_fd = register_poll_fd,
    .unregister_poll_fd = unregister_poll_fd,
    .notify = notify,
};

/* ---- setup ---- */

static struct in_addr in4(uint32_t host_order)
{
    struct in_addr a = { htonl(host_order) };

    return a;
}

NetUser *net_user_new(const NetUserConfig *cfg, NetReceive *rx, void *opaque,
                      char **errmsg)
{
    NetUser *nu = g_new0(NetUser, 1);
    SlirpConfig sc;

    memset(&sc, 0, sizeof(sc));
    sc.version = 1;
    sc.restricted = cfg->restricted;
    sc.in_enabled = true;
    sc.vnetwork = in4(NET_USER_NETWORK);
    sc.vnetmask = in4(NET_USER_NETMASK);
    sc.vhost = in4(NET_USER_HOST);
    sc.vdhcp_start = in4(NET_USER_DHCP);
    sc.vnameserver = in4(NET_USER_DNS);
    /* IPv4 only: the guest's tests and QEMU's common use need no more. */
    sc.in6_enabled = false;

    nu->rx = rx;
    nu->rx_opaque = opaque;
    nu->pfd = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
    nu->timers = g_ptr_array_new();
    nu->slirp = slirp_new(&sc, &slirp_cb, nu);
    if (!nu->slirp) {
        *errmsg = g_strdup("user network: libslirp could not start");
        net_user_free(nu);
        return NULL;
    }
    for (int i = 0; i < cfg->nb_fwd; i++) {
        const NetHostFwd *f = &cfg->fwd[i];
        uint32_t guest = f->guest_addr ? f->guest_addr : NET_USER_DHCP;

        if (slirp_add_hostfwd(nu->slirp, f->udp, in4(f->host_addr),
                              f->host_port, in4(guest), f->guest_port) < 0) {
            *errmsg = g_strdup_printf("user network: could not forward host "
                                      "%s port %u (in use, or not an address "
                                      "of this host?)", f->udp ? "udp" : "tcp",
                                      f->host_port);
            net_user_free(nu);
            return NULL;
        }
    }
    return nu;
}

void net_user_send(NetUser *nu, const uint8_t *frame, size_t len)
{
    if (len <= G_MAXINT) {
        slirp_input(nu->slirp, frame, (int)len);
    }
}

/* ---- polling ---- */

static int add_poll(int fd, int events, void *opaque)
{
    NetUser *nu = opaque;
    struct pollfd p = { fd, 0, 0 };

    if (events & SLIRP_POLL_IN) {
        p.events |= POLLIN;
    }
    if (events & SLIRP_POLL_OUT) {
        p.events |= POLLOUT;
    }
    if (events & SLIRP_POLL_PRI) {
        p.events |= POLLPRI;
    }
    g_array_append_val(nu->pfd, p);
    return (int)nu->pfd->len - 1;
}

static int get_revents(int idx, void *opaque)
{
    NetUser *nu = opaque;
    short r;
    int ev = 0;

    if (idx < 0 || (guint)idx >= nu->pfd->len) {
        return 0;
    }
    r = g_array_index(nu->pfd, struct pollfd, idx).revents;
    ev |= r & POLLIN ? SLIRP_POLL_IN : 0;
    ev |= r & POLLOUT ? SLIRP_POLL_OUT : 0;
    ev |= r & POLLPRI ? SLIRP_POLL_PRI : 0;
    ev |= r & POLLERR ? SLIRP_POLL_ERR : 0;
    ev |= r & POLLHUP ? SLIRP_POLL_HUP : 0;
    return ev;
}

static void run_timers(NetUser *nu)
{
    int64_t now_ms = portos_clock_monotonic_ns() / 1000000;
    int runs = 0;

    /* A callback may free or re-arm timers: restart after each one. */
    for (guint i = 0; i < nu->timers->len && runs < MAX_TIMER_RUNS; i++) {
        UserTimer *t = g_ptr_array_index(nu->timers, i);

        if (t->expire_ms >= 0 && t->expire_ms <= now_ms) {
            t->expire_ms = -1;
            runs++;
            t->cb(t->cb_opaque);
            i = (guint)-1;
        }
    }
}

void net_user_poll(NetUser *nu)
{
    uint32_t timeout = 0;
    int r;

    g_array_set_size(nu->pfd, 0);
    slirp_pollfds_fill(nu->slirp, &timeout, add_poll, nu);
    r = poll((struct pollfd *)(void *)nu->pfd->data, nu->pfd->len, 0);
    slirp_pollfds_poll(nu->slirp, r < 0, get_revents, nu);
    run_timers(nu);
}

void net_user_free(NetUser *nu)
{
    if (!nu) {
        return;
    }
    if (nu->slirp) {
        slirp_cleanup(nu->slirp);
    }
    for (guint i = 0; i < nu->timers->len; i++) {
        g_free(g_ptr_array_index(nu->timers, i));
    }
    g_ptr_array_free(nu->timers, TRUE);
    g_array_free(nu->pfd, TRUE);
    g_free(nu);
}
