/*
 * gdbstub.c - GDB remote serial protocol: the packet layer (framing,
 * checksums, acks, Ctrl-C) and the commands, for the one ARM CPU of the
 * virt board.
 *
 * Everything runs in the board's main loop: the stub is a poller that
 * reads what the debugger sent, answers, and stops or continues the
 * machine; the board calls stop_for_debug() when the CPU hit a
 * breakpoint, a watchpoint or finished a step.  The peer is not trusted:
 * packets are bounded, every number is parsed with its range checked, and
 * a malformed packet gets an error or an empty reply.
 */
#include "gdbstub/gdbstub.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <portos/error.h>
#include <portos/socket.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "target/arm/cpu.h"
#include "target/arm/gdbstub-arm.h"

/* Largest packet payload either side sends (qSupported's PacketSize). */
#define PACKET_MAX 4096
/* A debugger that stops reading gets disconnected beyond this. */
#define OUT_MAX (1u << 20)
/* Bytes read per main-loop turn. */
#define READ_CHUNK 4096

typedef enum {
    RX_IDLE,       /* between packets: '+', '-', Ctrl-C, '$' */
    RX_DATA,       /* after '$', until '#' */
    RX_CSUM1,
    RX_CSUM2,
} RxState;

struct GdbStub {
    VirtMachine *m;
    ARMCPU *cpu;
    CPUState *cs;
    int listen_fd;
    int fd;                  /* the debugger, or -1 */
    RxState rx;
    uint8_t pkt[PACKET_MAX + 1];
    size_t len;
    bool overflow;           /* this packet was longer than PACKET_MAX */
    uint8_t sum;             /* of the payload so far */
    uint8_t csum;            /* the checksum received */
    bool no_ack;             /* QStartNoAckMode */
    bool running;            /* continued or stepping: a stop reply is due */
    bool phys_mode;          /* Qqemu.PhyMemMode:1: m/M are physical */
    GString *out;            /* bytes not sent yet */
    GString *last;           /* last packet, for a '-' */
};

/* ---- output ---- */

static void flush_out(GdbStub *gs);

static void put_packet_bin(GdbStub *gs, const uint8_t *data, size_t len)
{
    uint8_t sum = 0;

    g_string_truncate(gs->last, 0);
    g_string_append_c(gs->last, '$');
    for (size_t i = 0; i < len; i++) {
        sum += data[i];
    }
    g_string_append_len(gs->last, (const char *)data, (gssize)len);
    g_string_append_printf(gs->last, "#%02x", sum);
    g_string_append_len(gs->out, gs->last->str, (gssize)gs->last->len);
    flush_out(gs);
}

static void put_packet(GdbStub *gs, const char *s)
{
    put_packet_bin(gs, (const uint8_t *)s, strlen(s));
}

static void put_error(GdbStub *gs, int code)
{
    char buf[8];

    snprintf(buf, sizeof(buf), "E%02x", code & 0xff);
    put_packet(gs, buf);
}

static void disconnect(GdbStub *gs);

static void flush_out(GdbStub *gs)
{
    while (gs->fd >= 0 && gs->out->len) {
        int64_t n = portos_socket_send(gs->fd, gs->out->str, gs->out->len);

        if (n == PORTOS_EAGAIN) {
            if (gs->out->len > OUT_MAX) {
                disconnect(gs);   /* the debugger stopped reading */
            }
            return;
        }
        if (n < 0) {
            disconnect(gs);
            return;
        }
        g_string_erase(gs->out, 0, (gssize)n);
    }
}

/* ---- hex ---- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static void append_hex(GString *s, const uint8_t *b, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(s, digits[b[i] >> 4]);
        g_string_append_c(s, digits[b[i] & 15]);
    }
}

/* @n hex pairs at @p into @b; false if any is not hex. */
static bool parse_hex_bytes(const char *p, uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(p[2 * i]), lo = hi < 0 ? -1 : hexval(p[2 * i + 1]);
        if (lo < 0) {
            return false;
        }
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/*
 * A hex number at *@p, at most @max; *@p moves past it.  False for no
 * digits or a value above @max.
 */
static bool parse_num(const char **p, uint64_t max, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    int d;

    if (hexval(*s) < 0) {
        return false;
    }
    while ((d = hexval(*s)) >= 0) {
        if (x > (max >> 4) || (uint64_t)d > max - (x << 4)) {
            return false;
        }
        x = x * 16 + (uint64_t)d;
        s++;
    }
    *p = s;
    *v = x;
    return true;
}

/* "addr,len" then @end (':' or '\0'); the range must stay in 32 bits. */
static bool parse_addr_len(const char **p, char end, uint64_t *addr,
                           uint64_t *len)
{
    if (!parse_num(p, UINT32_MAX, addr) || **p != ',') {
        return false;
    }
    (*p)++;
    if (!parse_num(p, PACKET_MAX, len) || **p != end) {
        return false;
    }
    if (end) {
        (*p)++;
    }
    return true;
}

/* ---- run control ---- */

static void stop_reply(GdbStub *gs, int sig)
{
    char buf[64];
    uint64_t addr;
    int flags, wflags;

    if (sig == 5 && cpu_watchpoint_hit(gs->cs, &addr, &flags, &wflags)) {
        const char *kind = wflags == TLB_WATCH_WRITE ? "" :
                           wflags == TLB_WATCH_READ ? "r" : "a";
        snprintf(buf, sizeof(buf), "T%02xthread:01;%swatch:%" G_GINT64_MODIFIER "x;",
                 sig, kind, addr);
    } else {
        snprintf(buf, sizeof(buf), "T%02xthread:01;", sig);
    }
    put_packet(gs, buf);
}

/* The board: the CPU stopped for us (breakpoint, watchpoint, step). */
static void stop_for_debug(void *opaque)
{
    GdbStub *gs = opaque;

    cpu_single_step(gs->cs, false);
    if (gs->fd < 0) {
        /* Nobody to tell (the debugger left mid-step): carry on. */
        virt_cont(gs->m);
        return;
    }
    gs->running = false;
    stop_reply(gs, 5);   /* SIGTRAP */
}

static void resume(GdbStub *gs, bool step)
{
    cpu_single_step(gs->cs, step);
    gs->running = true;
    virt_cont(gs->m);
}

/* Forget everything a debugger set, and let the guest run. */
static void release_machine(GdbStub *gs)
{
    cpu_breakpoint_remove_all(gs->cs);
    cpu_watchpoint_remove_all(gs->cs);
    cpu_single_step(gs->cs, false);
    gs->running = false;
    virt_cont(gs->m);
}

static void disconnect(GdbStub *gs)
{
    if (gs->fd < 0) {
        return;
    }
    portos_socket_close(gs->fd);
    gs->fd = -1;
    g_string_truncate(gs->out, 0);
    release_machine(gs);
}

/* ---- commands ---- */

static void cmd_read_regs(GdbStub *gs)
{
    GString *s = g_string_new(NULL);
    uint8_t b[8];

    for (int i = 0; i < ARM_GDB_G_REGS; i++) {
        int n = arm_gdb_read_register(gs->cpu, arm_gdb_g_reg(i), b);
        append_hex(s, b, (size_t)n);
    }
    put_packet(gs, s->str);
    g_string_free(s, TRUE);
}

static void cmd_write_regs(GdbStub *gs, const char *p)
{
    uint8_t b[ARM_GDB_G_REGS * 4];

    if (strlen(p) != sizeof(b) * 2 || !parse_hex_bytes(p, b, sizeof(b))) {
        put_error(gs, EINVAL);
        return;
    }
    for (int i = 0; i < ARM_GDB_G_REGS; i++) {
        arm_gdb_write_register(gs->cpu, arm_gdb_g_reg(i), b + 4 * i);
    }
    put_packet(gs, "OK");
}

static void cmd_read_reg(GdbStub *gs, const char *p)
{
    uint64_t n;
    uint8_t b[8];
    int size;
    GString *s;

    if (!parse_num(&p, ARM_GDB_NUM_REGS, &n) || *p ||
        (size = arm_gdb_read_register(gs->cpu, (int)n, b)) == 0) {
        put_error(gs, EINVAL);
        return;
    }
    s = g_string_new(NULL);
    append_hex(s, b, (size_t)size);
    put_packet(gs, s->str);
    g_string_free(s, TRUE);
}

static void cmd_write_reg(GdbStub *gs, const char *p)
{
    uint64_t n;
    uint8_t b[8], probe[8];
    int size;

    if (!parse_num(&p, ARM_GDB_NUM_REGS, &n) || *p != '=' ||
        (size = arm_gdb_read_register(gs->cpu, (int)n, probe)) == 0 ||
        strlen(p + 1) != (size_t)size * 2 ||
        !parse_hex_bytes(p + 1, b, (size_t)size)) {
        put_error(gs, EINVAL);
        return;
    }
    arm_gdb_write_register(gs->cpu, (int)n, b);
    put_packet(gs, "OK");
}

/* Guest memory as the debugger means it: virtual, or physical (QEMU's
 * PhyMemMode). */
static int guest_rw(GdbStub *gs, uint64_t addr, uint8_t *buf, size_t len,
                    bool write)
{
    if (gs->phys_mode) {
        MemAddressSpace *as = virt_address_space(gs->m);
        MemTxResult r = write ? mem_write(as, addr, buf, len)
                              : mem_read(as, addr, buf, len);
        return r == MEM_TX_OK ? 0 : -EFAULT;
    }
    return arm_cpu_debug_rw(gs->cpu, (uint32_t)addr, buf, len, write);
}

static void cmd_read_mem(GdbStub *gs, const char *p)
{
    uint64_t addr, len;
    uint8_t buf[PACKET_MAX / 2];
    GString *s;

    if (!parse_addr_len(&p, '\0', &addr, &len) || len > sizeof(buf) ||
        addr + len - 1 > UINT32_MAX) {
        put_error(gs, EINVAL);
        return;
    }
    if (len && guest_rw(gs, addr, buf, len, false) < 0) {
        put_error(gs, EFAULT);
        return;
    }
    s = g_string_new(NULL);
    append_hex(s, buf, len);
    put_packet(gs, s->str);
    g_string_free(s, TRUE);
}

/* M addr,len:hex and X addr,len:binary (escaped with '}' ^ 0x20). */
static void cmd_write_mem(GdbStub *gs, const uint8_t *pkt, size_t pkt_len,
                          bool binary)
{
    const char *p = (const char *)pkt + 1;
    uint64_t addr, len;
    uint8_t buf[PACKET_MAX];
    size_t data_off, n = 0;

    if (!parse_addr_len(&p, ':', &addr, &len) || addr + len - 1 > UINT32_MAX) {
        put_error(gs, EINVAL);
        return;
    }
    data_off = (size_t)(p - (const char *)pkt);
    if (binary) {
        for (size_t i = data_off; i < pkt_len && n < sizeof(buf); i++) {
            uint8_t c = pkt[i];
            if (c == '}') {
                if (++i == pkt_len) {
                    break;
                }
                c = pkt[i] ^ 0x20;
            }
            buf[n++] = c;
        }
    } else if (pkt_len - data_off == len * 2 &&
               parse_hex_bytes(p, buf, len)) {
        n = len;
    }
    if (n != len) {
        put_error(gs, EINVAL);
        return;
    }
    if (len && guest_rw(gs, addr, buf, len, true) < 0) {
        put_error(gs, EFAULT);
        return;
    }
    put_packet(gs, "OK");
}

/* Z/z type,addr,kind: 0 software, 1 hardware breakpoint; 2 write, 3 read,
 * 4 access watchpoint. */
static void cmd_breakpoint(GdbStub *gs, const char *p, bool insert)
{
    static const int watch_flags[] = {
        [2] = TLB_WATCH_WRITE,
        [3] = TLB_WATCH_READ,
        [4] = TLB_WATCH_READ | TLB_WATCH_WRITE,
    };
    uint64_t type, addr, kind;
    int r;

    if (!parse_num(&p, 4, &type) || *p++ != ',' ||
        !parse_num(&p, UINT32_MAX, &addr) || *p++ != ',' ||
        !parse_num(&p, 0x10000, &kind)) {
        /* An unknown type is "not supported": an empty reply. */
        put_packet(gs, "");
        return;
    }
    if (type <= 1) {
        r = insert ? cpu_breakpoint_insert(gs->cs, addr)
                   : cpu_breakpoint_remove(gs->cs, addr);
    } else {
        if (kind == 0 || addr + kind - 1 > UINT32_MAX) {
            put_error(gs, EINVAL);
            return;
        }
        r = insert ? cpu_watchpoint_insert(gs->cs, addr, kind, watch_flags[type])
                   : cpu_watchpoint_remove(gs->cs, addr, kind, watch_flags[type]);
    }
    if (r < 0) {
        put_error(gs, -r);
    } else {
        put_packet(gs, "OK");
    }
}

/* c [addr], s [addr]: resume, from @addr if given. */
static void cmd_resume(GdbStub *gs, const char *p, bool step)
{
    uint64_t addr;

    if (*p) {
        if (!parse_num(&p, UINT32_MAX, &addr) || *p) {
            put_error(gs, EINVAL);
            return;
        }
        gs->cpu->env.regs[15] = (uint32_t)addr;
    }
    resume(gs, step);
}

/*
 * vCont;ACTION[:thread]...: with one thread, a step for it (or for all)
 * wins over a continue.  C/S carry a signal, which a bare-metal CPU has
 * no use for.
 */
static void cmd_vcont(GdbStub *gs, const char *p)
{
    bool step = false, any = false;

    while (*p == ';') {
        char a = *++p;
        uint64_t sig;

        if (a != 'c' && a != 's' && a != 'C' && a != 'S') {
            put_error(gs, EINVAL);
            return;
        }
        p++;
        if ((a == 'C' || a == 'S') && !parse_num(&p, 0xff, &sig)) {
            put_error(gs, EINVAL);
            return;
        }
        if (*p == ':') {
            /* Thread ids: 1, -1 (all) or 0 (any) are ours. */
            p++;
            if (*p == '-') {
                p++;
            }
            if (!parse_num(&p, 0xffffffff, &sig)) {
                put_error(gs, EINVAL);
                return;
            }
        }
        step |= a == 's' || a == 'S';
        any = true;
    }
    if (*p || !any) {
        put_error(gs, EINVAL);
        return;
    }
    resume(gs, step);
}

/* qXfer:features:read:ANNEX:offset,length */
static void cmd_xfer_features(GdbStub *gs, const char *p)
{
    const char *colon = strchr(p, ':');
    char annex[32];
    const char *xml;
    uint64_t off, len;
    size_t total;
    GByteArray *reply;

    if (!colon || (size_t)(colon - p) >= sizeof(annex)) {
        put_error(gs, EINVAL);
        return;
    }
    memcpy(annex, p, (size_t)(colon - p));
    annex[colon - p] = '\0';
    p = colon + 1;
    xml = arm_gdb_xml(annex);
    if (!xml) {
        put_error(gs, ENOENT);
        return;
    }
    if (!parse_num(&p, UINT32_MAX, &off) || *p++ != ',' ||
        !parse_num(&p, UINT32_MAX, &len) || *p) {
        put_error(gs, EINVAL);
        return;
    }
    total = strlen(xml);
    if (off > total) {
        put_error(gs, EINVAL);
        return;
    }
    /* Room for escapes: each byte may take two. */
    len = MIN(len, (uint64_t)(PACKET_MAX / 2 - 1));
    len = MIN(len, total - off);
    reply = g_byte_array_new();
    g_byte_array_append(reply, (const guint8 *)(off + len < total ? "m" : "l"), 1);
    for (uint64_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)xml[off + i];
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            uint8_t esc[2] = { '}', (uint8_t)(c ^ 0x20) };
            g_byte_array_append(reply, esc, 2);
        } else {
            g_byte_array_append(reply, &c, 1);
        }
    }
    put_packet_bin(gs, reply->data, reply->len);
    g_byte_array_free(reply, TRUE);
}

static void cmd_query(GdbStub *gs, const char *p)
{
    if (g_str_has_prefix(p, "qSupported")) {
        put_packet(gs, "PacketSize=1000;qXfer:features:read+;"
                       "QStartNoAckMode+;vContSupported+");
    } else if (g_str_has_prefix(p, "qXfer:features:read:")) {
        cmd_xfer_features(gs, p + strlen("qXfer:features:read:"));
    } else if (!strcmp(p, "qAttached")) {
        put_packet(gs, "1");   /* attached to an existing process */
    } else if (!strcmp(p, "qC")) {
        put_packet(gs, "QC1");
    } else if (!strcmp(p, "qfThreadInfo")) {
        put_packet(gs, "m1");
    } else if (!strcmp(p, "qsThreadInfo")) {
        put_packet(gs, "l");
    } else if (!strcmp(p, "qqemu.PhyMemMode")) {
        put_packet(gs, gs->phys_mode ? "1" : "0");
    } else {
        put_packet(gs, "");
    }
}

static void cmd_set(GdbStub *gs, const char *p)
{
    if (!strcmp(p, "QStartNoAckMode")) {
        put_packet(gs, "OK");
        gs->no_ack = true;   /* after this reply's ack */
    } else if (!strcmp(p, "Qqemu.PhyMemMode:1")) {
        gs->phys_mode = true;
        put_packet(gs, "OK");
    } else if (!strcmp(p, "Qqemu.PhyMemMode:0")) {
        gs->phys_mode = false;
        put_packet(gs, "OK");
    } else {
        put_packet(gs, "");
    }
}

/* Thread ids for H and T: ours is 1; 0 (any) and -1 (all) name it too. */
static bool our_thread(const char *p)
{
    uint64_t id;

    if (!strcmp(p, "-1")) {
        return true;
    }
    return parse_num(&p, 0xffffffff, &id) && !*p && id <= 1;
}

static void handle_packet(GdbStub *gs, const uint8_t *pkt, size_t len)
{
    const char *p = (const char *)pkt;

    /* Text commands must not hide a NUL; X carries binary. */
    if (len == 0 || (pkt[0] != 'X' && memchr(pkt, '\0', len))) {
        put_packet(gs, "");
        return;
    }
    switch (p[0]) {
    case '?':
        put_packet(gs, "T05thread:01;");
        break;
    case 'g':
        cmd_read_regs(gs);
        break;
    case 'G':
        cmd_write_regs(gs, p + 1);
        break;
    case 'p':
        cmd_read_reg(gs, p + 1);
        break;
    case 'P':
        cmd_write_reg(gs, p + 1);
        break;
    case 'm':
        cmd_read_mem(gs, p + 1);
        break;
    case 'M':
        cmd_write_mem(gs, pkt, len, false);
        break;
    case 'X':
        cmd_write_mem(gs, pkt, len, true);
        break;
    case 'c':
        cmd_resume(gs, p + 1, false);
        break;
    case 's':
        cmd_resume(gs, p + 1, true);
        break;
    case 'v':
        if (!strcmp(p, "vCont?")) {
            put_packet(gs, "vCont;c;C;s;S");
        } else if (g_str_has_prefix(p, "vCont;")) {
            cmd_vcont(gs, p + 5);
        } else {
            put_packet(gs, "");   /* vMustReplyEmpty and the rest */
        }
        break;
    case 'Z':
    case 'z':
        cmd_breakpoint(gs, p + 1, p[0] == 'Z');
        break;
    case 'H':
        put_packet(gs, len > 1 && our_thread(p + 2) ? "OK" : "E01");
        break;
    case 'T':
        put_packet(gs, our_thread(p + 1) ? "OK" : "E01");
        break;
    case 'q':
        cmd_query(gs, p);
        break;
    case 'Q':
        cmd_set(gs, p);
        break;
    case 'D':
        put_packet(gs, "OK");
        release_machine(gs);
        break;
    case 'k':
        /* As QEMU: kill ends the emulator (the ack still goes out). */
        virt_quit(gs->m);
        flush_out(gs);
        disconnect(gs);
        break;
    default:
        put_packet(gs, "");
        break;
    }
}

/* ---- input ---- */

/* Ctrl-C from the debugger: stop and report SIGINT. */
static void interrupt(GdbStub *gs)
{
    if (!virt_is_stopped(gs->m)) {
        virt_stop(gs->m);
    }
    cpu_single_step(gs->cs, false);
    gs->running = false;
    stop_reply(gs, 2);
}

static void send_ack(GdbStub *gs, char c)
{
    if (!gs->no_ack) {
        g_string_append_c(gs->out, c);
    }
}

static void rx_byte(GdbStub *gs, uint8_t c)
{
    int d;

    switch (gs->rx) {
    case RX_IDLE:
        if (c == '$') {
            gs->rx = RX_DATA;
            gs->len = 0;
            gs->sum = 0;
            gs->overflow = false;
        } else if (c == 0x03) {
            interrupt(gs);
        } else if (c == '-' && !gs->no_ack && gs->last->len) {
            g_string_append_len(gs->out, gs->last->str, (gssize)gs->last->len);
        }
        /* '+' and noise between packets are ignored. */
        break;
    case RX_DATA:
        if (c == '#') {
            gs->rx = RX_CSUM1;
        } else if (gs->len < PACKET_MAX) {
            gs->pkt[gs->len++] = c;
            gs->sum += c;
        } else {
            gs->overflow = true;
            gs->sum += c;
        }
        break;
    case RX_CSUM1:
        d = hexval(c);
        gs->csum = (uint8_t)(d < 0 ? 0 : d << 4);
        gs->rx = d < 0 ? RX_IDLE : RX_CSUM2;
        if (d < 0) {
            send_ack(gs, '-');
        }
        break;
    case RX_CSUM2:
        gs->rx = RX_IDLE;
        d = hexval(c);
        if (d < 0 || (uint8_t)(gs->csum | d) != gs->sum) {
            send_ack(gs, '-');   /* please send it again */
            break;
        }
        send_ack(gs, '+');
        if (gs->overflow) {
            put_error(gs, ENOBUFS & 0xff);
            break;
        }
        gs->pkt[gs->len] = '\0';
        handle_packet(gs, gs->pkt, gs->len);
        break;
    }
}

static void accept_debugger(GdbStub *gs)
{
    int fd = portos_socket_accept(gs->listen_fd);

    if (fd < 0) {
        return;
    }
    gs->fd = fd;
    gs->rx = RX_IDLE;
    gs->no_ack = false;
    gs->phys_mode = false;
    gs->running = false;
    g_string_truncate(gs->out, 0);
    g_string_truncate(gs->last, 0);
    /* As QEMU: an attaching debugger finds the machine stopped. */
    virt_stop(gs->m);
}

static void poll_stub(void *opaque)
{
    GdbStub *gs = opaque;
    uint8_t buf[READ_CHUNK];
    int64_t n;

    if (gs->fd < 0) {
        accept_debugger(gs);
        if (gs->fd < 0) {
            return;
        }
    }
    n = portos_socket_recv(gs->fd, buf, sizeof(buf));
    if (n == 0 || (n < 0 && n != PORTOS_EAGAIN)) {
        disconnect(gs);   /* the debugger went away: run on */
        return;
    }
    for (int64_t i = 0; i < n && gs->fd >= 0; i++) {
        rx_byte(gs, buf[i]);
    }
    flush_out(gs);
}

GdbStub *gdbstub_start(VirtMachine *m, const char *host, int port,
                       char **errmsg)
{
    int fd = portos_socket_listen(host, port);
    GdbStub *gs;

    if (fd < 0) {
        if (fd == PORTOS_ENOTSUP) {
            *errmsg = g_strdup("-gdb: not available in this build (no TCP sockets)");
        } else {
            *errmsg = g_strdup_printf("-gdb: cannot listen on %s:%d: %s",
                                      host && *host ? host : "127.0.0.1",
                                      port, portos_strerror(fd));
        }
        return NULL;
    }
    gs = g_new0(GdbStub, 1);
    gs->m = m;
    gs->cpu = virt_cpu(m);
    gs->cs = &gs->cpu->parent;
    gs->listen_fd = fd;
    gs->fd = -1;
    gs->out = g_string_new(NULL);
    gs->last = g_string_new(NULL);
    virt_add_poller(m, poll_stub, gs);
    virt_set_debug_handler(m, stop_for_debug, gs);
    return gs;
}

void gdbstub_free(GdbStub *gs)
{
    if (!gs) {
        return;
    }
    if (gs->fd >= 0) {
        flush_out(gs);
        portos_socket_close(gs->fd);
    }
    portos_socket_close(gs->listen_fd);
    g_string_free(gs->out, TRUE);
    g_string_free(gs->last, TRUE);
    g_free(gs);
}
