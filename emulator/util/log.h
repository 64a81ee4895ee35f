/*
 * log.h - the emulator's debug log (-d ITEMS, -D FILE, -dfilter RANGES)
 *
 * One global mask of LOG_* items, tested with log_mask() wherever a room
 * has something to say; output goes to stderr or to the -D file.  The
 * mask is a plain global so that a disabled item costs one load and one
 * branch, and nothing at all on the interpreter's fast path.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

/* The -d items; the names are QEMU's (log_print_help lists them). */
#define LOG_IN_ASM       (1u << 0)  /* guest code of each translated TB */
#define LOG_OUT_ASM      (1u << 1)  /* bytecode of each translated TB */
#define LOG_OP           (1u << 2)  /* IR as the translator emitted it */
#define LOG_OP_OPT       (1u << 3)  /* IR after tcg_optimize() */
#define LOG_INT          (1u << 4)  /* exceptions and interrupts taken */
#define LOG_EXEC         (1u << 5)  /* each TB the CPU loop runs */
#define LOG_CPU          (1u << 6)  /* CPU registers before each TB run */
#define LOG_MMU          (1u << 7)  /* page-table walks and their faults */
#define LOG_UNIMP        (1u << 8)  /* unimplemented features used */
#define LOG_GUEST_ERROR  (1u << 9)  /* the guest misused a device */
#define LOG_NOCHAIN      (1u << 10) /* no TB chaining: exec/cpu see all */
#define LOG_STATS        (1u << 11) /* counters and where time went, at exit */

/* Read through log_mask(); set with log_set_mask(). */
extern unsigned log_flags;

/** log_mask: whether any of the LOG_* items in @mask is enabled. */
static inline bool log_mask(unsigned mask)
{
    return (log_flags & mask) != 0;
}

/** log_set_mask: enable exactly the LOG_* items in @mask. */
void log_set_mask(unsigned mask);

/**
 * log_printf: write to the log (stderr, or the -D file).  The caller
 * tests log_mask() first, or uses log_mask_printf().
 */
void log_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* log_mask_printf: log_printf() if an item of @mask is enabled. */
#define log_mask_printf(mask, ...) \
    do { \
        if (G_UNLIKELY(log_mask(mask))) { \
            log_printf(__VA_ARGS__); \
        } \
    } while (0)

/**
 * log_file: the stream the log goes to, for functions that print to a
 * FILE * (register and IR dumps).  Never NULL.
 */
FILE *log_file(void);

/**
 * log_parse_items: parse a -d argument ("in_asm,int").
 * @mask: receives the LOG_* items.
 * @help: set when the list holds "help" (print log_print_help, exit).
 * Returns: NULL, or a one-line error message to g_free() (an unknown
 * item, or one this build cannot provide).
 */
char *log_parse_items(const char *arg, unsigned *mask, bool *help);

/** log_print_help: the -d items, one a line, to @out (a FILE *). */
void log_print_help(void *out);

/**
 * log_parse_dfilter: check a -dfilter argument: comma-separated ranges
 * 0xSTART..0xEND (inclusive), 0xSTART+LEN or 0xEND-LEN, as in QEMU.
 * Returns: NULL, or a one-line error message to g_free().
 */
char *log_parse_dfilter(const char *arg);

/**
 * log_setup: make @mask the log mask, send the log to @file (NULL:
 * stderr; an existing file is truncated) and keep only the TBs whose
 * guest address is in @dfilter (NULL: all).
 * Returns: NULL, or a one-line error message to g_free() (the file
 * cannot be opened, the filter is invalid).
 */
char *log_setup(unsigned mask, const char *file, const char *dfilter);

/**
 * log_in_filter: whether guest address @addr passes -dfilter (always
 * true without one).  The per-TB items (in_asm, out_asm, op, op_opt,
 * exec, cpu) are only logged for TBs that pass.
 */
bool log_in_filter(uint64_t addr);

/** log_close: flush and close the -D file, back to mask 0 and stderr. */
void log_close(void);

#endif /* UTIL_LOG_H */
