/*
 * monitor.c - the human monitor: line editing, a command table, and the
 * commands, with QEMU's output formats (see monitor.h)
 */
#include "monitor/monitor.h"

#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mem/memory.h"
#include "target/arm/cpu.h"
#include "target/arm/disas.h"

#define PROMPT "(qemu) "
#define LINE_MAX_LEN 1024
/* x/xp: more items than this in one command is a typing error. */
#define DUMP_MAX_ITEMS (1u << 16)

struct Monitor {
    VirtMachine *m;
    MonitorWriteFn *write;
    void *opaque;
    bool echo;
    char line[LINE_MAX_LEN];
    size_t len;
    bool too_long;         /* the line overflowed: refuse it at Enter */
    bool after_cr;         /* a CR ended a line: skip the LF of CR LF */
    bool quit;             /* quit ran: no more prompts */
    int esc;               /* 0, 1 after ESC, 2 inside ESC [ ... */
    char last_format;      /* x/xp remember format and size, as QEMU */
    unsigned last_size;
};

typedef struct MonCmd {
    const char *name;      /* "name|alias" */
    const char *args;      /* for help */
    const char *help;
    void (*fn)(Monitor *mon, const char *args);
} MonCmd;

/* ---- output ---- */

static void mon_puts(Monitor *mon, const char *s)
{
    const char *p = s;

    /* QEMU's monitor ends its lines with CR LF whatever the terminal. */
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        if (n) {
            mon->write(mon->opaque, p, n);
        }
        if (!nl) {
            break;
        }
        mon->write(mon->opaque, "\r\n", 2);
        p = nl + 1;
    }
}

static void G_GNUC_PRINTF(2, 3) mon_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    mon_puts(mon, s);
    g_free(s);
}

void monitor_prompt(Monitor *mon)
{
    if (mon->quit) {
        return;
    }
    mon_puts(mon, PROMPT);
}

void monitor_banner(Monitor *mon)
{
    mon_puts(mon, "portos-arm monitor - type 'help' for more information\n");
    monitor_prompt(mon);
}

/* ---- argument parsing ---- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    return s;
}

/* $pc, $sp, $lr, $r0..$r15, $cpsr: the register's value. */
static bool reg_value(Monitor *mon, const char *name, size_t n, uint64_t *v)
{
    CPUARMState *env = &virt_cpu(mon->m)->env;
    char buf[8];
    guint64 idx;

    if (n >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, name, n);
    buf[n] = 0;
    if (!g_ascii_strcasecmp(buf, "pc")) {
        *v = env->regs[15];
    } else if (!g_ascii_strcasecmp(buf, "sp")) {
        *v = env->regs[13];
    } else if (!g_ascii_strcasecmp(buf, "lr")) {
        *v = env->regs[14];
    } else if (!g_ascii_strcasecmp(buf, "cpsr")) {
        *v = arm_cpsr_read(env);
    } else if ((buf[0] == 'r' || buf[0] == 'R') && buf[1] &&
               g_ascii_string_to_unsigned(buf + 1, 10, 0, 15, &idx, NULL)) {
        *v = env->regs[idx];
    } else {
        return false;
    }
    return true;
}

/*
 * An address expression: terms (numbers in C syntax, $registers) joined
 * by + and -. Returns false with a message in @err.
 */
static bool parse_expr(Monitor *mon, const char *s, uint64_t *out, char **err)
{
    uint64_t acc = 0;
    int sign = 1;

    s = skip_ws(s);
    if (!*s) {
        *err = g_strdup("address expected");
        return false;
    }
    for (;;) {
        uint64_t v;

        s = skip_ws(s);
        if (*s == '$') {
            size_t n = strspn(s + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
            if (!reg_value(mon, s + 1, n, &v)) {
                *err = g_strdup_printf("unknown register '%.*s'", (int)n + 1, s);
                return false;
            }
            s += n + 1;
        } else if (g_ascii_isdigit(*s)) {
            char *end;
            errno = 0;
            v = g_ascii_strtoull(s, &end, 0);
            if (errno || (g_ascii_isalnum(*end) || *end == '_')) {
                *err = g_strdup_printf("invalid number '%s'", s);
                return false;
            }
            s = end;
        } else {
            *err = g_strdup_printf("invalid address '%s'", s);
            return false;
        }
        acc += sign > 0 ? v : -v;
        s = skip_ws(s);
        if (!*s) {
            break;
        }
        if (*s != '+' && *s != '-') {
            *err = g_strdup_printf("unexpected '%s'", s);
            return false;
        }
        sign = *s == '+' ? 1 : -1;
        s++;
    }
    *out = acc;
    return true;
}

/* ---- commands ---- */

static void cmd_info(Monitor *mon, const char *args);
static void cmd_help(Monitor *mon, const char *args);

static void cmd_stop(Monitor *mon, const char *args)
{
    virt_stop(mon->m);
}

static void cmd_cont(Monitor *mon, const char *args)
{
    virt_cont(mon->m);
}

static void cmd_system_reset(Monitor *mon, const char *args)
{
    virt_system_reset(mon->m);
}

static void cmd_system_powerdown(Monitor *mon, const char *args)
{
    virt_system_powerdown(mon->m);
}

static void cmd_quit(Monitor *mon, const char *args)
{
    /* Unechoed input left the cursor after the prompt: the host's own
       prompt starts on a fresh line. */
    if (!mon->echo) {
        mon_puts(mon, "\n");
    }
    mon->quit = true;
    virt_quit(mon->m);
}

/* One item of a dump in @format; @size bytes, @v zero-extended. */
static void dump_item(Monitor *mon, char format, unsigned size, uint64_t v)
{
    unsigned bits = size * 8;
    int digits;

    switch (format) {
    case 'o':
        digits = (int)((bits + 2) / 3);
        mon_printf(mon, " %#*" PRIo64, digits, v);
        break;
    case 'u':
        digits = (int)((bits * 10 + 32) / 33);
        mon_printf(mon, " %*" PRIu64, digits, v);
        break;
    case 'd': {
        int64_t sv = bits == 64 ? (int64_t)v
                                : (int64_t)(v << (64 - bits)) >> (64 - bits);
        digits = (int)((bits * 10 + 32) / 33);
        mon_printf(mon, " %*" PRId64, digits, sv);
        break;
    }
    case 'c':
        if (v == '\'' || v == '\\') {
            mon_printf(mon, " '\\%c'", (int)v);
        } else if (v == '\n') {
            mon_puts(mon, " '\\n'");
        } else if (v == '\r') {
            mon_puts(mon, " '\\r'");
        } else if (v >= 0x20 && v < 0x7f) {
            mon_printf(mon, " '%c'", (int)v);
        } else {
            mon_printf(mon, " '\\x%02x'", (unsigned)(v & 0xff));
        }
        break;
    default:
        mon_printf(mon, " 0x%0*" PRIx64, (int)(bits / 4), v);
        break;
    }
}

/* Read guest memory for a dump: virtual as PL1 sees it, or physical. */
static bool dump_read(Monitor *mon, uint64_t addr, uint8_t *buf, size_t n,
                      bool physical)
{
    if (physical) {
        return mem_read(virt_address_space(mon->m), addr, buf, n) == MEM_TX_OK;
    }
    return arm_cpu_debug_rw(virt_cpu(mon->m), (uint32_t)addr, buf, n, false) == 0;
}

/* x/Ni: @count instructions in the CPU's current instruction set. */
static void dump_insns(Monitor *mon, uint64_t addr, unsigned count,
                       bool physical)
{
    bool thumb = virt_cpu(mon->m)->env.thumb;
    char line[160];

    for (unsigned i = 0; i < count; i++) {
        uint8_t buf[4];
        size_t size = 0;

        /* A 16-bit Thumb instruction may end a mapped page. */
        if (dump_read(mon, addr, buf, 4, physical)) {
            size = arm_disas_insn(line, sizeof(line), addr, buf, 4, thumb);
        } else if (thumb && dump_read(mon, addr, buf, 2, physical)) {
            size = arm_disas_insn(line, sizeof(line), addr, buf, 2, thumb);
        }
        if (!size) {
            mon_printf(mon, "0x%08" PRIx64 ": Cannot access memory\n", addr);
            return;
        }
        mon_printf(mon, "%s\n", line);
        addr += size;
    }
}

/*
 * x /fmt addr, xp /fmt addr: fmt is [count][format][size], format one of
 * x d u o c i, size b h w g; what is left out is the last one used.
 */
static void memory_dump(Monitor *mon, const char *args, bool physical)
{
    const char *cmd = physical ? "xp" : "x";
    char format = mon->last_format;
    unsigned size = mon->last_size, count = 1;
    uint64_t addr, total;
    char *err = NULL;
    const char *p = skip_ws(args);

    if (*p == '/') {
        p++;
        if (g_ascii_isdigit(*p)) {
            char *end;
            guint64 c = g_ascii_strtoull(p, &end, 10);

            if (c == 0 || c > DUMP_MAX_ITEMS) {
                mon_printf(mon, "%s: count must be 1..%u\n", cmd, DUMP_MAX_ITEMS);
                return;
            }
            count = (unsigned)c;
            p = end;
        }
        for (; *p && *p != ' ' && *p != '\t'; p++) {
            switch (*p) {
            case 'x': case 'd': case 'u': case 'o': case 'c':
                format = *p;
                break;
            case 'b': size = 1; break;
            case 'h': size = 2; break;
            case 'w': size = 4; break;
            case 'g': size = 8; break;
            case 'i':
                if (!arm_disas_available()) {
                    mon_printf(mon, "%s: format 'i' needs a disassembler, which this build has not (no capstone)\n", cmd);
                    return;
                }
                format = *p;
                break;
            default:
                mon_printf(mon, "invalid char in format: '%c'\n", *p);
                return;
            }
        }
    }
    if (!parse_expr(mon, p, &addr, &err)) {
        mon_printf(mon, "%s: %s\n", cmd, err);
        g_free(err);
        return;
    }
    mon->last_format = format;
    mon->last_size = size;
    if (format == 'c') {
        size = 1;
    }
    if (!physical) {
        addr = (uint32_t)addr;
    }
    if (format == 'i') {
        dump_insns(mon, addr, count, physical);
        return;
    }
    total = (uint64_t)count * size;
    while (total) {
        unsigned line = size == 1 ? 8 : 16;
        unsigned n = total < line ? (unsigned)total : line;
        uint8_t buf[16];
        bool ok;

        if (physical) {
            mon_printf(mon, "%016" PRIx64 ":", addr);
        } else {
            mon_printf(mon, "%08" PRIx32 ":", (uint32_t)addr);
        }
        ok = dump_read(mon, addr, buf, n, physical);
        if (!ok) {
            mon_puts(mon, " Cannot access memory\n");
            return;
        }
        for (unsigned i = 0; i < n; i += size) {
            uint64_t v = 0;

            for (unsigned b = 0; b < size; b++) {
                v |= (uint64_t)buf[i + b] << (8 * b); /* the guest is little-endian */
            }
            dump_item(mon, format, size, v);
        }
        mon_puts(mon, "\n");
        addr += n;
        total -= n;
    }
}

static void cmd_x(Monitor *mon, const char *args)
{
    memory_dump(mon, args, false);
}

static void cmd_xp(Monitor *mon, const char *args)
{
    memory_dump(mon, args, true);
}

static const MonCmd commands[] = {
    { "help|?", "[cmd]", "show the help", cmd_help },
    { "info", "[subcommand]", "show various information about the system state", cmd_info },
    { "x", "/fmt addr", "virtual memory dump starting at 'addr'", cmd_x },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'", cmd_xp },
    { "stop|s", "", "stop emulation", cmd_stop },
    { "cont|c", "", "resume emulation", cmd_cont },
    { "system_reset", "", "reset the system", cmd_system_reset },
    { "system_powerdown", "", "send system power down event", cmd_system_powerdown },
    { "quit|q", "", "quit the emulator", cmd_quit },
    { NULL, NULL, NULL, NULL },
};

/* ---- info ---- */

static const char *const mode_names[16] = {
    "usr", "fiq", "irq", "svc", "???", "???", "mon", "abt",
    "???", "???", "hyp", "und", "???", "???", "???", "sys",
};

static void info_registers(Monitor *mon)
{
    CPUARMState *env = &virt_cpu(mon->m)->env;
    uint32_t psr = arm_cpsr_read(env);

    for (int i = 0; i < 16; i++) {
        mon_printf(mon, "R%02d=%08x%s", i, env->regs[i], (i % 4) == 3 ? "\n" : " ");
    }
    mon_printf(mon, "PSR=%08x %c%c%c%c %c %s%d\n", psr,
               psr & (1u << 31) ? 'N' : '-', psr & (1u << 30) ? 'Z' : '-',
               psr & (1u << 29) ? 'C' : '-', psr & (1u << 28) ? 'V' : '-',
               psr & (1u << 5) ? 'T' : 'A', mode_names[psr & 0xf],
               psr & 0x10 ? 32 : 26);
    for (int i = 0; i < 32; i++) {
        uint64_t d = env->vfp.d[i];
        mon_printf(mon, "s%02d=%08x s%02d=%08x d%02d=%016" PRIx64 "\n",
                   2 * i, (uint32_t)d, 2 * i + 1, (uint32_t)(d >> 32), i, d);
    }
    mon_printf(mon, "FPSCR: %08x\n", env->vfp.fpscr);
}

static void info_mtree(Monitor *mon)
{
    static const char *const kinds[] = { "ram", "rom", "i/o" };
    MemAddressSpace *as = virt_address_space(mon->m);
    MemRegion *r;

    mon_puts(mon, "address-space: memory\n"
                  "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n");
    for (unsigned i = 0; (r = mem_region_at(as, i)) != NULL; i++) {
        mon_printf(mon, "    %016" PRIx64 "-%016" PRIx64 " (prio 0, %s): %s\n",
                   r->base, r->base + r->size - 1, kinds[r->kind], r->name);
    }
    mon_puts(mon, "\n");
}

static void info_status(Monitor *mon)
{
    mon_printf(mon, "VM status: %s\n", virt_is_stopped(mon->m) ? "paused" : "running");
}

static void info_qtree(Monitor *mon)
{
    char *s = virt_describe_devices(mon->m);

    mon_puts(mon, s);
    g_free(s);
}

static void info_version(Monitor *mon)
{
    mon_puts(mon, "0.1.0 (portos-arm)\n");
}

static const struct {
    const char *name;
    const char *help;
    void (*fn)(Monitor *mon);
} infos[] = {
    { "mtree", "show memory tree", info_mtree },
    { "qtree", "show device tree", info_qtree },
    { "registers", "show the cpu registers", info_registers },
    { "status", "show the current VM status (running|paused)", info_status },
    { "version", "show the version of QEMU", info_version },
};

static void info_list(Monitor *mon)
{
    for (size_t i = 0; i < G_N_ELEMENTS(infos); i++) {
        mon_printf(mon, "info %s  -- %s\n", infos[i].name, infos[i].help);
    }
}

static void cmd_info(Monitor *mon, const char *args)
{
    const char *what = skip_ws(args);
    size_t n = strcspn(what, " \t");

    if (!n) {
        info_list(mon);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(infos); i++) {
        if (strlen(infos[i].name) == n && !strncmp(what, infos[i].name, n)) {
            infos[i].fn(mon);
            return;
        }
    }
    mon_printf(mon, "unknown command: 'info %.*s'\n", (int)n, what);
}

/* ---- the command table ---- */

/* Does @name ("a|b") list the @n bytes at @word? */
static bool name_matches(const char *name, const char *word, size_t n)
{
    while (*name) {
        size_t len = strcspn(name, "|");

        if (len == n && !strncmp(name, word, n)) {
            return true;
        }
        name += len + (name[len] == '|');
    }
    return false;
}

static void print_cmd_help(Monitor *mon, const MonCmd *c)
{
    mon_printf(mon, "%s %s -- %s\n", c->name, c->args, c->help);
}

static void cmd_help(Monitor *mon, const char *args)
{
    const char *what = skip_ws(args);
    size_t n = strcspn(what, " \t");

    for (const MonCmd *c = commands; c->name; c++) {
        if (!n || name_matches(c->name, what, n)) {
            print_cmd_help(mon, c);
            if (n && c->fn == cmd_info) {
                info_list(mon);
            }
        }
    }
}

void monitor_command(Monitor *mon, const char *line)
{
    const char *p = skip_ws(line);
    size_t n = strcspn(p, " \t/");

    if (!*p) {
        return;
    }
    for (const MonCmd *c = commands; c->name; c++) {
        if (name_matches(c->name, p, n)) {
            c->fn(mon, p + n);
            return;
        }
    }
    mon_printf(mon, "unknown command: '%.*s'\n", (int)strcspn(p, " \t"), p);
}

/* ---- line input ---- */

static void end_line(Monitor *mon)
{
    if (mon->echo) {
        mon->write(mon->opaque, "\r\n", 2);
    }
    mon->line[mon->len] = 0;
    if (mon->too_long) {
        mon_printf(mon, "command line longer than %d characters: ignored\n",
                   LINE_MAX_LEN - 1);
    } else {
        monitor_command(mon, mon->line);
    }
    mon->len = 0;
    mon->too_long = false;
    monitor_prompt(mon);
}

void monitor_input(Monitor *mon, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len && !mon->quit; i++) {
        uint8_t b = buf[i];
        bool after_cr = mon->after_cr;

        mon->after_cr = false;
        if (mon->esc == 1) {
            mon->esc = (b == '[' || b == 'O') ? 2 : 0;
            continue;
        }
        if (mon->esc == 2) {
            if (b >= 0x40 && b <= 0x7e) {
                mon->esc = 0; /* the sequence's final byte */
            }
            continue;
        }
        switch (b) {
        case '\n':
            if (!after_cr) {
                end_line(mon);
            }
            break;
        case '\r':
            end_line(mon);
            mon->after_cr = true;
            break;
        case 0x7f:
        case '\b':
            if (mon->len) {
                mon->len--;
                if (mon->echo) {
                    mon->write(mon->opaque, "\b \b", 3);
                }
            }
            break;
        case 0x1b:
            mon->esc = 1;
            break;
        default:
            if (b < 0x20) {
                break; /* other control keys do nothing */
            }
            if (mon->len + 1 >= sizeof(mon->line)) {
                mon->too_long = true;
                break;
            }
            mon->line[mon->len++] = (char)b;
            if (mon->echo) {
                mon->write(mon->opaque, (const char *)&b, 1);
            }
        }
    }
}

Monitor *monitor_new(VirtMachine *m, MonitorWriteFn *write, void *opaque,
                     bool echo)
{
    Monitor *mon = g_new0(Monitor, 1);

    mon->m = m;
    mon->write = write;
    mon->opaque = opaque;
    mon->echo = echo;
    mon->last_format = 'x';
    mon->last_size = 4;
    return mon;
}

void monitor_free(Monitor *mon)
{
    g_free(mon);
}
