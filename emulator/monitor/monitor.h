/*
 * monitor.h - a QEMU-style human monitor (HMP) for the virt board
 *
 * Lines typed by the user are run against a VirtMachine: info status /
 * registers / mtree / qtree / version, x and xp memory dumps, stop, cont,
 * system_reset, system_powerdown, quit, help. Output uses QEMU's formats
 * and its "(qemu) " prompt, so harnesses written for qemu-system-arm can
 * drive it. The monitor owns no I/O: the front end (ui/chardev.c) feeds
 * it typed bytes and gives it a writer; it is called from the main loop.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine/virt.h"

typedef struct Monitor Monitor;

/* Where the monitor's output goes ("\n" already turned into "\r\n"). */
typedef void MonitorWriteFn(void *opaque, const char *buf, size_t len);

/**
 * monitor_new: a monitor of @m writing through @write.
 * @echo: echo typed characters and do the line editing (a raw terminal);
 * false when the terminal does it (cooked) or input is a pipe.
 */
Monitor *monitor_new(VirtMachine *m, MonitorWriteFn *write, void *opaque,
                     bool echo);
void monitor_free(Monitor *mon);

/** monitor_banner: the greeting and a first prompt. */
void monitor_banner(Monitor *mon);
/** monitor_prompt: "(qemu) ". */
void monitor_prompt(Monitor *mon);

/**
 * monitor_input: typed bytes: printable characters, backspace, Enter
 * (CR, LF or CR LF) runs the line; terminal escape sequences are ignored.
 */
void monitor_input(Monitor *mon, const uint8_t *buf, size_t len);

/** monitor_command: run one command line (without its newline). */
void monitor_command(Monitor *mon, const char *line);

#endif /* MONITOR_MONITOR_H */
