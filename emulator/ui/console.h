/*
 * console.h - the serial console on the program's stdin/stdout
 *
 * stdin is put in raw mode (through libportos) when it is a terminal, and
 * restored on every way out. Like QEMU's mon:stdio, Ctrl-A starts an
 * escape: Ctrl-A x quits, Ctrl-A a sends a Ctrl-A, Ctrl-A h lists them.
 */
#ifndef UI_CONSOLE_H
#define UI_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StdioConsole {
    bool raw;          /* stdin was put in raw mode */
    bool eof;          /* stdin ended: stop reading */
    bool escape;       /* Ctrl-A seen */
    bool quit;
    bool mux;          /* mon:stdio: Ctrl-A c switches to the monitor */
    uint8_t out[4096];
    size_t out_len;
} StdioConsole;

/** console_open: take over stdin/stdout. Returns 0 or a negative errno. */
int console_open(StdioConsole *c, bool interactive);
/** console_close: flush and give the terminal back as it was. */
void console_close(StdioConsole *c);

void console_write(void *opaque, uint8_t byte);
size_t console_read(void *opaque, uint8_t *buf, size_t len);
bool console_quit_requested(void *opaque);
void console_flush(void *opaque);
/** console_wait: wait up to @ns for input on stdin (sleep after its end). */
void console_wait(void *opaque, int64_t ns);

/* What one typed byte means once the Ctrl-A escapes are looked at. */
typedef enum {
    CONSOLE_NOTHING,   /* consumed (Ctrl-A, an escape, Ctrl-A x: quit set) */
    CONSOLE_BYTE,      /* *out is input for whoever has the focus */
    CONSOLE_SWITCH,    /* Ctrl-A c with mux: console <-> monitor */
} ConsoleKey;

/** console_key: run one input byte through the Ctrl-A escape state. */
ConsoleKey console_key(StdioConsole *c, uint8_t b, uint8_t *out);

/**
 * console_filter: run input bytes through the Ctrl-A escape state;
 * returns how many bytes of @buf remain for the guest (in place).
 */
size_t console_filter(StdioConsole *c, uint8_t *buf, size_t len);

#endif /* UI_CONSOLE_H */
