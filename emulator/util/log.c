/*
 * log.c - the emulator's debug log: one mask, one output stream
 */
#include "util/log.h"
#include "util/stats.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

/* Meson defines it when the build has a guest disassembler (capstone). */
#ifndef LOG_HAVE_DISAS
#define LOG_HAVE_DISAS 0
#endif

typedef struct LogItem {
    unsigned mask;
    const char *name;
    const char *help;
} LogItem;

static const LogItem log_items[] = {
    { LOG_OUT_ASM, "out_asm", "show the bytecode generated for each translated TB" },
    { LOG_IN_ASM, "in_asm", LOG_HAVE_DISAS
      ? "show the guest instructions of each translated TB"
      : "show the guest instructions of each translated TB (not available on this build)" },
    { LOG_OP, "op", "show the IR ops of each translated TB" },
    { LOG_OP_OPT, "op_opt", "show the IR ops after optimization" },
    { LOG_INT, "int", "show exceptions and interrupts in short format" },
    { LOG_EXEC, "exec", "show a line before each executed TB (lots of logs)" },
    { LOG_CPU, "cpu", "show the CPU registers before each executed TB (lots of logs)" },
    { LOG_MMU, "mmu", "show page-table walks and MMU faults" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors",
      "log when the guest does something invalid (e.g. a bad device register)" },
    { LOG_NOCHAIN, "nochain",
      "do not chain translated TBs, so that \"exec\" and \"cpu\" show complete traces" },
    { LOG_STATS, "stats",
      "at exit, show counters: TBs, TB cache and chaining, TLB, page-table walks, "
      "helpers, MMIO, exceptions, idle time (counts with a slower interpreter)" },
};

/* An inclusive range of guest addresses, for -dfilter. */
typedef struct LogRange {
    uint64_t lo, hi;
} LogRange;

unsigned log_flags;
static FILE *log_fp;            /* the -D file, or NULL for stderr */
static GArray *log_ranges;      /* of LogRange; NULL: no -dfilter */

void log_set_mask(unsigned mask)
{
    log_flags = mask;
}

FILE *log_file(void)
{
    return log_fp ? log_fp : stderr;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
}

char *log_parse_items(const char *arg, unsigned *mask, bool *help)
{
    char **items = g_strsplit(arg, ",", -1);
    char *err = NULL;

    *mask = 0;
    *help = false;
    if (!items[0]) {
        err = g_strdup("-d: no log item given (-d help lists them)");
    }
    for (int i = 0; items[i] && !err; i++) {
        const LogItem *it = NULL;

        if (!strcmp(items[i], "help")) {
            *help = true;
            continue;
        }
        for (size_t k = 0; k < G_N_ELEMENTS(log_items); k++) {
            if (!strcmp(items[i], log_items[k].name)) {
                it = &log_items[k];
            }
        }
        if (!it) {
            err = g_strdup_printf("-d: unknown log item '%s' (-d help lists them)",
                                  items[i]);
        } else if (it->mask == LOG_IN_ASM && !LOG_HAVE_DISAS) {
            err = g_strdup("-d in_asm: not available on this build "
                           "(no guest disassembler)");
        } else {
            *mask |= it->mask;
        }
    }
    g_strfreev(items);
    return err;
}

void log_print_help(void *out)
{
    FILE *f = out;

    fprintf(f, "Log items (comma separated):\n");
    for (size_t k = 0; k < G_N_ELEMENTS(log_items); k++) {
        fprintf(f, "%-15s %s\n", log_items[k].name, log_items[k].help);
    }
}

/* A number as QEMU reads one: 0x hex, leading 0 octal, else decimal. */
static bool parse_u64(const char *s, const char **end, uint64_t *v)
{
    char *e;

    if (!g_ascii_isdigit(*s)) {
        return false;
    }
    errno = 0;
    *v = g_ascii_strtoull(s, &e, 0);
    *end = e;
    return errno == 0 && e != s;
}

/* Parses @arg into @ranges (may be NULL: check only). */
static char *parse_ranges(const char *arg, GArray *ranges)
{
    char **parts = g_strsplit(arg, ",", -1);
    char *err = NULL;

    if (!parts[0]) {
        err = g_strdup("-dfilter: no range given");
    }

    for (int i = 0; parts[i] && !err; i++) {
        const char *p = parts[i], *q;
        uint64_t start, n;
        LogRange r;
        char kind;

        if (!parse_u64(p, &q, &start)) {
            err = g_strdup_printf("-dfilter: '%s' does not start with an address", p);
            break;
        }
        kind = *q;
        if (q[0] == '.' && q[1] == '.') {
            q += 2;
        } else if (*q == '+' || *q == '-') {
            q++;
        } else {
            kind = 0;
        }
        if (!kind || !parse_u64(q, &q, &n) || *q) {
            err = g_strdup_printf("-dfilter: bad range '%s' (0xSTART..0xEND, "
                                  "0xSTART+LEN or 0xEND-LEN)", p);
            break;
        }
        if (kind == '.') {
            r.lo = start;
            r.hi = n;
        } else if (kind == '+') {
            r.lo = start;
            r.hi = start + n - 1;
        } else {
            r.lo = start - n + 1;
            r.hi = start;
        }
        /* LEN 0, END below START, or a range past either end of 2^64. */
        if ((kind != '.' && (n == 0 || n - 1 > (kind == '+' ? ~start : start))) ||
            r.lo > r.hi) {
            err = g_strdup_printf("-dfilter: empty or wrapping range '%s'", p);
            break;
        }
        if (ranges) {
            g_array_append_val(ranges, r);
        }
    }
    g_strfreev(parts);
    return err;
}

char *log_parse_dfilter(const char *arg)
{
    return parse_ranges(arg, NULL);
}

bool log_in_filter(uint64_t addr)
{
    if (!log_ranges) {
        return true;
    }
    for (guint i = 0; i < log_ranges->len; i++) {
        const LogRange *r = &g_array_index(log_ranges, LogRange, i);
        if (addr >= r->lo && addr <= r->hi) {
            return true;
        }
    }
    return false;
}

char *log_setup(unsigned mask, const char *file, const char *dfilter)
{
    GArray *ranges = NULL;
    FILE *fp = NULL;
    char *err;

    if (dfilter) {
        ranges = g_array_new(FALSE, FALSE, sizeof(LogRange));
        err = parse_ranges(dfilter, ranges);
        if (err) {
            g_array_free(ranges, TRUE);
            return err;
        }
    }
    if (file) {
        fp = fopen(file, "w");
        if (!fp) {
            int e = errno;
            if (ranges) {
                g_array_free(ranges, TRUE);
            }
            return g_strdup_printf("-D: cannot open '%s': %s", file, g_strerror(e));
        }
        /* Whole lines reach the file even if the process is killed. */
        setvbuf(fp, NULL, _IOLBF, 0);
    }
    log_close();
    log_fp = fp;
    log_ranges = ranges;
    log_flags = mask;
    if (mask & LOG_STATS) {
        emu_stats.start_ns = (uint64_t)g_get_monotonic_time() * 1000;
    }
    return NULL;
}

void log_close(void)
{
    if (log_fp) {
        fclose(log_fp);
        log_fp = NULL;
    }
    if (log_ranges) {
        g_array_free(log_ranges, TRUE);
        log_ranges = NULL;
    }
    log_flags = 0;
}
