/*
 * net.h - user-mode networking: the host side of the guest's NIC
 *
 * "-netdev user" as in QEMU: a private 10.0.2.0/24 network where the host
 * is 10.0.2.2, a DNS proxy answers at 10.0.2.3 and DHCP hands out
 * 10.0.2.15 onwards; the guest's TCP/UDP connections become host sockets,
 * and hostfwd rules forward host ports into the guest.  Built on libslirp
 * where the build has it (posix); elsewhere net_user_available() is false
 * and net_user_new() refuses.
 *
 * Frames are Ethernet frames without any virtio header.  The backend runs
 * on the main loop's thread: net_user_poll() each slice moves data
 * between host sockets and the guest and runs the stack's timers on the
 * host's monotonic clock (guest time, which -icount may skew, plays no part).
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NET_MAX_HOSTFWD 8

/* The user network's fixed addresses (host byte order), as QEMU's. */
#define NET_USER_NETWORK   0x0a000200u  /* 10.0.2.0/24 */
#define NET_USER_NETMASK   0xffffff00u
#define NET_USER_HOST      0x0a000202u  /* 10.0.2.2 */
#define NET_USER_DNS       0x0a000203u  /* 10.0.2.3 */
#define NET_USER_DHCP      0x0a00020fu  /* 10.0.2.15 */

/* One hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT rule. */
typedef struct NetHostFwd {
    bool udp;
    uint32_t host_addr;    /* host byte order; 0: every host address */
    uint16_t host_port;
    uint32_t guest_addr;   /* 0: NET_USER_DHCP, the guest's first lease */
    uint16_t guest_port;
} NetHostFwd;

typedef struct NetUserConfig {
    NetHostFwd fwd[NET_MAX_HOSTFWD];
    int nb_fwd;
    bool restricted;       /* restrict=on: no connections out of the guest */
} NetUserConfig;

/** net_user_available: whether this build has user networking. */
bool net_user_available(void);

/**
 * net_parse_hostfwd: parse the value of a hostfwd= option into @fwd.
 * Returns: 0, or -EINVAL with a one-line reason in *@err (g_free it).
 */
int net_parse_hostfwd(const char *s, NetHostFwd *fwd, char **err);

/* A frame from the network for the guest's NIC. */
typedef void NetReceive(void *opaque, const uint8_t *frame, size_t len);

typedef struct NetUser NetUser;

/**
 * net_user_new: start a user network for @cfg; frames for the guest go
 * to @rx(@opaque, ...).
 * Returns: the network, or NULL with a one-line *@errmsg (no such
 * support in this build, a host port that cannot be bound...).
 */
NetUser *net_user_new(const NetUserConfig *cfg, NetReceive *rx, void *opaque,
                      char **errmsg);

/** net_user_send: a frame the guest sent (dropped if malformed). */
void net_user_send(NetUser *nu, const uint8_t *frame, size_t len);

/**
 * net_user_poll: serve host sockets that are ready and due timers,
 * without waiting.  Frames for the guest go to the receive callback.
 */
void net_user_poll(NetUser *nu);

/** net_user_free: close every socket and free @nu (NULL is fine). */
void net_user_free(NetUser *nu);

#endif /* NET_NET_H */
