/*
 * console.c - stdin/stdout serial console with Ctrl-A escapes
 */
#include "ui/console.h"

#include <string.h>

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

#define CTRL_A 0x01

static const char help_text[] =
    "\r\nC-a h    print this help\r\n"
    "C-a x    exit emulator\r\n"
    "C-a a    sends C-a\r\n";
static const char mux_help_text[] = "C-a c    switch between console and monitor\r\n";

static void console_puts(StdioConsole *c, const char *s)
{
    for (const char *p = s; *p; p++) {
        console_write(c, (uint8_t)*p);
    }
}

int console_open(StdioConsole *c, bool interactive)
{
    memset(c, 0, sizeof(*c));
    if (interactive && portos_term_isatty(0)) {
        int r = portos_term_raw(0);
        if (r < 0) {
            return r;
        }
        c->raw = true;
    }
    return 0;
}

/*
 * Waits while stdout is full, but not after a shutdown request: a signal
 * must end the run even when nobody reads our output.  What stdout does
 * not take then (or ever, once its reader is gone) is dropped.
 */
void console_flush(void *opaque)
{
    StdioConsole *c = opaque;

    if (c->out_len) {
        (void)portos_term_write(1, c->out, c->out_len);
        c->out_len = 0;
    }
}

void console_close(StdioConsole *c)
{
    console_flush(c);
    if (c->raw) {
        portos_term_restore();
        c->raw = false;
    }
}

void console_write(void *opaque, uint8_t byte)
{
    StdioConsole *c = opaque;

    if (c->out_len == sizeof(c->out)) {
        console_flush(c);
    }
    c->out[c->out_len++] = byte;
}

ConsoleKey console_key(StdioConsole *c, uint8_t b, uint8_t *out)
{
    if (!c->escape) {
        if (b == CTRL_A) {
            c->escape = true;
            return CONSOLE_NOTHING;
        }
        *out = b;
        return CONSOLE_BYTE;
    }
    c->escape = false;
    switch (b) {
    case 'x':
    case 'X':
        /* The host's prompt then starts on a line of its own. */
        console_puts(c, "\r\n");
        c->quit = true;
        return CONSOLE_NOTHING;
    case 'h':
    case '?':
        console_puts(c, help_text);
        if (c->mux) {
            console_puts(c, mux_help_text);
        }
        return CONSOLE_NOTHING;
    case 'c':
        return c->mux ? CONSOLE_SWITCH : CONSOLE_NOTHING;
    case CTRL_A:
    case 'a':
        *out = CTRL_A;
        return CONSOLE_BYTE;
    default:
        return CONSOLE_NOTHING; /* unknown escapes are dropped, as QEMU does */
    }
}

size_t console_filter(StdioConsole *c, uint8_t *buf, size_t len)
{
    size_t kept = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t out;

        if (console_key(c, buf[i], &out) == CONSOLE_BYTE) {
            buf[kept++] = out;
        }
    }
    return kept;
}

size_t console_read(void *opaque, uint8_t *buf, size_t len)
{
    StdioConsole *c = opaque;
    int64_t n;

    if (c->eof || !len) {
        return 0;
    }
    n = portos_term_read(0, buf, len);
    if (n == PORTOS_EPIPE || (n < 0 && n != PORTOS_EAGAIN)) {
        c->eof = true; /* end of input (or no stdin): the guest keeps running */
        return 0;
    }
    if (n <= 0) {
        return 0;
    }
    return console_filter(c, buf, (size_t)n);
}

bool console_quit_requested(void *opaque)
{
    return ((StdioConsole *)opaque)->quit;
}

void console_wait(void *opaque, int64_t ns)
{
    StdioConsole *c = opaque;

    if (c->eof || portos_term_wait(0, ns) < 0) {
        portos_sleep_ns(ns);
    }
}
