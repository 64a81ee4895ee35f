/*
 * net-user.c - user networking: what every build shares (option parsing)
 */
#include "net/net.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

/* A dotted quad "a.b.c.d" into host byte order. */
static bool parse_ipv4(const char *s, uint32_t *addr)
{
    uint32_t a = 0;
    int parts = 0;

    while (parts < 4) {
        guint64 v;
        char *end;

        if (!g_ascii_isdigit(*s)) {
            return false;
        }
        v = g_ascii_strtoull(s, &end, 10);
        if (v > 255 || end - s > 3) {
            return false;
        }
        a = a << 8 | (uint32_t)v;
        parts++;
        s = end;
        if (parts < 4) {
            if (*s != '.') {
                return false;
            }
            s++;
        }
    }
    *addr = a;
    return *s == '\0';
}

static bool parse_port(const char *s, uint16_t *port)
{
    guint64 v;

    if (!g_ascii_string_to_unsigned(s, 10, 1, 65535, &v, NULL)) {
        return false;
    }
    *port = (uint16_t)v;
    return true;
}

/* "ADDR:PORT" or ":PORT" (every address / the default one). */
static bool parse_end(const char *s, uint32_t *addr, uint16_t *port)
{
    const char *colon = strrchr(s, ':');
    bool ok;
    char *a;

    if (!colon) {
        return false;
    }
    a = g_strndup(s, (gsize)(colon - s));
    ok = (!*a || parse_ipv4(a, addr)) && parse_port(colon + 1, port);
    g_free(a);
    return ok;
}

int net_parse_hostfwd(const char *s, NetHostFwd *fwd, char **err)
{
    const char *colon = strchr(s, ':');
    const char *dash = colon ? strchr(colon + 1, '-') : NULL;
    char *proto, *host;
    bool ok;

    memset(fwd, 0, sizeof(*fwd));
    if (!colon || !dash) {
        *err = g_strdup_printf("hostfwd=%s: want [tcp|udp]:[HOSTADDR]:HOSTPORT-"
                               "[GUESTADDR]:GUESTPORT", s);
        return -EINVAL;
    }
    proto = g_strndup(s, (gsize)(colon - s));
    fwd->udp = !strcmp(proto, "udp");
    ok = fwd->udp || !*proto || !strcmp(proto, "tcp");
    g_free(proto);
    if (!ok) {
        *err = g_strdup_printf("hostfwd=%s: the protocol is tcp or udp", s);
        return -EINVAL;
    }
    host = g_strndup(colon + 1, (gsize)(dash - colon - 1));
    ok = parse_end(host, &fwd->host_addr, &fwd->host_port) &&
         parse_end(dash + 1, &fwd->guest_addr, &fwd->guest_port);
    g_free(host);
    if (!ok) {
        *err = g_strdup_printf("hostfwd=%s: want [tcp|udp]:[HOSTADDR]:HOSTPORT-"
                               "[GUESTADDR]:GUESTPORT (IPv4 addresses, ports "
                               "1-65535)", s);
        return -EINVAL;
    }
    return 0;
}
