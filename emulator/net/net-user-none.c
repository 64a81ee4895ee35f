/*
 * net-user-none.c - builds without libslirp (wasm, win32): no user network
 *
 * The command line asks net_user_available() and refuses -nic user /
 * -netdev user before anything starts; net_user_new() refuses too, for
 * any other caller.
 */
#include "net/net.h"

#include <glib.h>

bool net_user_available(void)
{
    return false;
}

NetUser *net_user_new(const NetUserConfig *cfg, NetReceive *rx, void *opaque,
                      char **errmsg)
{
    *errmsg = g_strdup("user networking is not available in this build");
    return NULL;
}

void net_user_send(NetUser *nu, const uint8_t *frame, size_t len)
{
}

void net_user_poll(NetUser *nu)
{
}

void net_user_free(NetUser *nu)
{
}
