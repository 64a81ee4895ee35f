/*
 * chardev.c - the serial back ends and the monitor's place on stdio
 */
#include "ui/chardev.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <portos/error.h>
#include <portos/file.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

static bool serial_on_stdio(const EmuChardev *c)
{
    return c->serial == EMU_SERIAL_STDIO || c->serial == EMU_SERIAL_MON_STDIO;
}

int chardev_open(EmuChardev *c, const EmuConfig *cfg, char **errmsg)
{
    int r;

    memset(c, 0, sizeof(*c));
    c->fd = -1;
    c->serial = cfg->serial;
    c->monitor = cfg->monitor;
    if (c->serial == EMU_SERIAL_FILE) {
        c->path = cfg->serial_file;
        c->fd = portos_file_open(c->path, PORTOS_FILE_WRITE | PORTOS_FILE_CREATE);
        if (c->fd < 0) {
            *errmsg = g_strdup_printf("-serial file:%s: cannot open '%s': %s",
                                      c->path, c->path, portos_strerror(c->fd));
            return -1;
        }
    } else if (c->serial == EMU_SERIAL_PTY) {
        c->fd = portos_term_openpty(c->pty_name, sizeof(c->pty_name));
        if (c->fd < 0) {
            *errmsg = g_strdup_printf("-serial pty: cannot open a pseudo-terminal: %s",
                                      c->fd == PORTOS_ENOTSUP ? "not available on this platform"
                                                              : portos_strerror(c->fd));
            return -1;
        }
        c->pty_idle = true;
        /* What QEMU prints, and what scripts look for. */
        fprintf(stderr, "char device redirected to %s (label serial0)\n", c->pty_name);
        fflush(stderr);
    }
    /* Raw mode only for a serial console: a lone monitor keeps the
       terminal's own line editing, and Ctrl-C. */
    r = console_open(&c->con, serial_on_stdio(c));
    if (r < 0) {
        *errmsg = g_strdup_printf("cannot set up the terminal: %s", portos_strerror(r));
        if (c->fd >= 0) {
            portos_file_close(c->fd);
            c->fd = -1;
        }
        return -1;
    }
    c->con_open = true;
    c->con.mux = c->serial == EMU_SERIAL_MON_STDIO;
    return 0;
}

/* ---- file and pty output ---- */

static void flush_out(EmuChardev *c)
{
    size_t done = 0;

    while (done < c->out_len && c->fd >= 0) {
        int64_t n;

        if (c->serial == EMU_SERIAL_PTY) {
            /* Nobody reading: what the pty does not take is dropped, as QEMU. */
            (void)portos_term_write_nowait(c->fd, c->out + done, c->out_len - done);
            break;
        }
        n = portos_pwrite(c->fd, c->out + done, c->out_len - done, c->file_off);
        if (n <= 0) {
            if (!c->write_failed) {
                fprintf(stderr, "portos-arm: -serial file:%s: write failed: %s\n",
                        c->path, n < 0 ? portos_strerror((int)n) : "no space");
                c->write_failed = true;
            }
            break;
        }
        c->file_off += n;
        done += (size_t)n;
    }
    c->out_len = 0;
}

/* ---- the VirtConsole ---- */

static void chr_write(void *opaque, uint8_t byte)
{
    EmuChardev *c = opaque;

    if (serial_on_stdio(c)) {
        console_write(&c->con, byte);
        return;
    }
    if (c->fd < 0) {
        return;
    }
    if (c->out_len == sizeof(c->out)) {
        flush_out(c);
    }
    c->out[c->out_len++] = byte;
}

static void mon_write(void *opaque, const char *buf, size_t len)
{
    EmuChardev *c = opaque;

    for (size_t i = 0; i < len; i++) {
        console_write(&c->con, (uint8_t)buf[i]);
    }
}

static void switch_focus(EmuChardev *c)
{
    c->mon_focus = !c->mon_focus;
    if (!c->mon_focus || !c->mon) {
        return;
    }
    if (!c->mon_started) {
        c->mon_started = true;
        monitor_banner(c->mon);
    } else {
        monitor_prompt(c->mon);
    }
}

/* Reads stdin when it has room; false once it ended. */
static void read_stdin(EmuChardev *c)
{
    int64_t n;

    if (c->con.eof || c->pend_len == sizeof(c->pend)) {
        return;
    }
    n = portos_term_read(0, c->pend + c->pend_len, sizeof(c->pend) - c->pend_len);
    if (n == PORTOS_EPIPE || (n < 0 && n != PORTOS_EAGAIN)) {
        c->con.eof = true; /* end of input (or no stdin): the guest keeps running */
    } else if (n > 0) {
        c->pend_len += (size_t)n;
    }
}

/*
 * stdio and mon:stdio: typed bytes through the Ctrl-A escapes at once
 * (Ctrl-A x works while the guest reads nothing, as with QEMU's mux), to
 * the guest or, after Ctrl-A c, to the monitor. What the guest cannot
 * take yet waits in gq[], in order; when that is full, stdin waits.
 */
static size_t stdio_read(EmuChardev *c, uint8_t *buf, size_t len)
{
    size_t i = 0, n;

    read_stdin(c);
    while (i < c->pend_len && (c->mon_focus || c->gq_len < sizeof(c->gq))) {
        uint8_t out;

        switch (console_key(&c->con, c->pend[i++], &out)) {
        case CONSOLE_SWITCH:
            switch_focus(c);
            break;
        case CONSOLE_BYTE:
            if (!c->mon_focus) {
                c->gq[c->gq_len++] = out;
            } else if (c->mon) {
                monitor_input(c->mon, &out, 1);
            }
            break;
        case CONSOLE_NOTHING:
            break;
        }
    }
    memmove(c->pend, c->pend + i, c->pend_len - i);
    c->pend_len -= i;
    n = MIN(len, c->gq_len);
    memcpy(buf, c->gq, n);
    memmove(c->gq, c->gq + n, c->gq_len - n);
    c->gq_len -= n;
    return n;
}

static size_t chr_read(void *opaque, uint8_t *buf, size_t len)
{
    EmuChardev *c = opaque;
    int64_t n;

    if (serial_on_stdio(c)) {
        return stdio_read(c, buf, len);
    }
    if (c->serial != EMU_SERIAL_PTY || !len) {
        return 0;
    }
    n = portos_term_read(c->fd, buf, len);
    /* Nobody has the pty open (yet, or any more): look again later. */
    c->pty_idle = n == PORTOS_EPIPE;
    return n > 0 ? (size_t)n : 0;
}

static bool chr_quit_requested(void *opaque)
{
    return ((EmuChardev *)opaque)->con.quit;
}

static void chr_flush(void *opaque)
{
    EmuChardev *c = opaque;

    if (c->out_len) {
        flush_out(c);
    }
    if (c->con_open) {
        console_flush(&c->con);
    }
}

static void chr_wait(void *opaque, int64_t ns)
{
    EmuChardev *c = opaque;

    if (serial_on_stdio(c) || c->monitor == EMU_MONITOR_STDIO) {
        console_wait(&c->con, ns);
    } else if (c->serial == EMU_SERIAL_PTY && !c->pty_idle &&
               portos_term_wait(c->fd, ns) >= 0) {
        return;
    } else {
        portos_sleep_ns(ns);
    }
}

void chardev_console(EmuChardev *c, VirtConsole *vc)
{
    vc->write = chr_write;
    vc->read = chr_read;
    vc->quit_requested = chr_quit_requested;
    vc->flush = chr_flush;
    vc->wait = chr_wait;
    vc->opaque = c;
}

/* ---- the monitor ---- */

/* -monitor stdio: stdin is the monitor's alone, read every loop turn. */
static void monitor_poll(void *opaque)
{
    EmuChardev *c = opaque;

    read_stdin(c);
    if (c->pend_len) {
        monitor_input(c->mon, c->pend, c->pend_len);
        c->pend_len = 0;
    }
}

void chardev_start(EmuChardev *c, VirtMachine *m)
{
    if (c->serial == EMU_SERIAL_MON_STDIO) {
        /* On a raw terminal the monitor echoes and edits the line itself. */
        c->mon = monitor_new(m, mon_write, c, c->con.raw);
    } else if (c->monitor == EMU_MONITOR_STDIO) {
        c->mon = monitor_new(m, mon_write, c, false);
        c->mon_started = true;
        monitor_banner(c->mon);
        virt_add_poller(m, monitor_poll, c);
    }
}

void chardev_close(EmuChardev *c)
{
    chr_flush(c);
    if (c->fd >= 0) {
        portos_file_close(c->fd);
        c->fd = -1;
    }
    if (c->con_open) {
        console_close(&c->con);
        c->con_open = false;
    }
    monitor_free(c->mon);
    c->mon = NULL;
}
