/*
 * chardev.h - where the serial port and the monitor meet the host
 *
 * The serial back ends of -serial (stdio, mon:stdio, file:PATH, pty,
 * null, none) and the monitor of -monitor stdio or mon:stdio, as one
 * VirtConsole for the board. With mon:stdio, stdin is multiplexed as
 * QEMU's: Ctrl-A c gives it to the monitor and back.
 */
#ifndef UI_CHARDEV_H
#define UI_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine/virt.h"
#include "monitor/monitor.h"
#include "ui/cli.h"
#include "ui/console.h"

typedef struct EmuChardev {
    EmuSerialMode serial;
    EmuMonitorMode monitor;
    StdioConsole con;      /* stdin/stdout, for the serial port or the monitor */
    bool con_open;
    int fd;                /* file or pty; -1 */
    const char *path;      /* file: for messages */
    int64_t file_off;
    bool write_failed;     /* reported once */
    bool pty_idle;         /* nobody has the pty open */
    char pty_name[64];
    uint8_t out[4096];     /* file/pty output not yet written */
    size_t out_len;
    Monitor *mon;
    bool mon_focus;        /* mon:stdio: input goes to the monitor */
    bool mon_started;      /* the banner was printed */
    uint8_t pend[256];     /* stdin bytes not looked at yet */
    size_t pend_len;
    uint8_t gq[256];       /* typed bytes for the guest, not taken yet */
    size_t gq_len;
} EmuChardev;

/**
 * chardev_open: open the back ends @cfg asks for (the file, the pty,
 * the terminal). Prints QEMU's "char device redirected to" line for a pty.
 * Returns: 0, or -1 with a one-line *@errmsg.
 */
int chardev_open(EmuChardev *c, const EmuConfig *cfg, char **errmsg);

/** chardev_console: the board's view of the serial port. */
void chardev_console(EmuChardev *c, VirtConsole *vc);

/** chardev_start: start the monitor, if any, on machine @m. */
void chardev_start(EmuChardev *c, VirtMachine *m);

/** chardev_close: flush, close, and give the terminal back. */
void chardev_close(EmuChardev *c);

#endif /* UI_CHARDEV_H */
