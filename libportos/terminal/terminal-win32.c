/*
 * terminal-win32.c - console raw mode for the serial console
 *
 * Input: no line editing, no echo, Ctrl-C as a byte (PROCESSED_INPUT off),
 * keys as VT sequences. Output: VT processing and no automatic CR after
 * LF, like termios without OPOST. A console keeps its modes after the
 * process exits, so they are restored by portos_term_restore(), at exit
 * and from the C runtime's handlers for fatal signals, which then re-raise
 * the signal.
 *
 * Input comes as console events, not bytes: portos_term_read() takes the
 * pending key events and turns their characters into UTF-8. Pipes are
 * polled with PeekNamedPipe, or read by a thread where that is refused
 * (below); files and other devices are read directly.
 */
#include "terminal-int.h"

#include "portos-win32.h"

#include <portos/shutdown.h>
#include <portos/osinfo.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const int fatal_signals[] = { SIGSEGV, SIGILL, SIGFPE, SIGABRT };
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

typedef void (*SignalHandler)(int);

/* The console handles changed by portos_term_raw() and their old modes. */
typedef struct {
    HANDLE h;
    DWORD mode;
} SavedMode;

static SavedMode saved_in, saved_out;
static SignalHandler saved_fatal[NFATAL];

/* UTF-8 of key events that did not fit the caller's buffer. */
static unsigned char pending[64];
static size_t pending_len;
static WCHAR high_surrogate;

bool portos__term_isatty(int fd)
{
    HANDLE h = portos__fd_handle(fd);
    DWORD mode;

    /* The C runtime's isatty() is also true for NUL and serial ports. */
    return h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

static bool is_console_input(HANDLE h)
{
    DWORD n;

    return GetNumberOfConsoleInputEvents(h, &n);
}

static void restore_now(void)
{
    if (saved_in.h) {
        SetConsoleMode(saved_in.h, saved_in.mode);
    }
    if (saved_out.h) {
        SetConsoleMode(saved_out.h, saved_out.mode);
    }
    saved_in.h = saved_out.h = NULL;
}

static void on_fatal(int signo)
{
    restore_now();
    /* The C runtime reset the handler to the default: die the same way. */
    raise(signo);
}

static int set_mode(SavedMode *save, HANDLE h, DWORD clear, DWORD set)
{
    DWORD mode;

    if (!GetConsoleMode(h, &mode)) {
        return portos__last_winerror();
    }
    /* Windows before 10 refuses the VT flags: an error, not a half-raw mode. */
    if (!SetConsoleMode(h, (mode & ~clear) | set)) {
        return portos__last_winerror();
    }
    save->h = h;
    save->mode = mode;
    return 0;
}

static int raw_output(HANDLE h)
{
    return set_mode(&saved_out, h, 0, ENABLE_PROCESSED_OUTPUT |
                    ENABLE_VIRTUAL_TERMINAL_PROCESSING | DISABLE_NEWLINE_AUTO_RETURN);
}

int portos__term_enter_raw(int fd)
{
    HANDLE h = portos__fd_handle(fd), out;
    int err;

    if (is_console_input(h)) {
        err = set_mode(&saved_in, h,
                       ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT |
                       ENABLE_MOUSE_INPUT | ENABLE_WINDOW_INPUT,
                       ENABLE_VIRTUAL_TERMINAL_INPUT);
        /* What the guest prints goes to this process's console output. */
        out = GetStdHandle(STD_OUTPUT_HANDLE);
        if (!err && out && out != INVALID_HANDLE_VALUE &&
            GetConsoleMode(out, &(DWORD){ 0 })) {
            err = raw_output(out);
        }
    } else {
        err = raw_output(h);
    }
    if (err < 0) {
        restore_now();
        return err;
    }
    pending_len = 0;
    high_surrogate = 0;
    for (size_t i = 0; i < NFATAL; i++) {
        saved_fatal[i] = signal(fatal_signals[i], on_fatal);
    }
    return 0;
}

int portos__term_leave_raw(void)
{
    SavedMode in = saved_in, out = saved_out;
    int err = 0;

    for (size_t i = 0; i < NFATAL; i++) {
        signal(fatal_signals[i], saved_fatal[i] == SIG_ERR ? SIG_DFL : saved_fatal[i]);
    }
    saved_in.h = saved_out.h = NULL;
    if (in.h && !SetConsoleMode(in.h, in.mode)) {
        err = portos__last_winerror();
    }
    if (out.h && !SetConsoleMode(out.h, out.mode) && !err) {
        err = portos__last_winerror();
    }
    return err;
}

/* Append one UTF-16 unit as UTF-8 to the pending bytes. */
static void put_utf16(WCHAR c)
{
    unsigned char *p = pending + pending_len;
    uint32_t cp = c;

    if (c >= 0xd800 && c < 0xdc00) {
        high_surrogate = c;
        return;
    }
    if (c >= 0xdc00 && c < 0xe000) {
        if (!high_surrogate) {
            return; /* a lone low half: nothing to encode */
        }
        cp = 0x10000 + (((uint32_t)high_surrogate - 0xd800) << 10) + (c - 0xdc00);
    }
    high_surrogate = 0;
    if (cp < 0x80) {
        p[0] = (unsigned char)cp;
        pending_len += 1;
    } else if (cp < 0x800) {
        p[0] = (unsigned char)(0xc0 | cp >> 6);
        p[1] = (unsigned char)(0x80 | (cp & 0x3f));
        pending_len += 2;
    } else if (cp < 0x10000) {
        p[0] = (unsigned char)(0xe0 | cp >> 12);
        p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        p[2] = (unsigned char)(0x80 | (cp & 0x3f));
        pending_len += 3;
    } else {
        p[0] = (unsigned char)(0xf0 | cp >> 18);
        p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
        p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        p[3] = (unsigned char)(0x80 | (cp & 0x3f));
        pending_len += 4;
    }
}

/* Key presses already queued on a console, without waiting for more. */
static int64_t read_console(HANDLE h, unsigned char *buf, size_t len)
{
    size_t done = 0;

    for (;;) {
        INPUT_RECORD rec;
        DWORD n;

        /* Hand out what earlier events left over first. */
        while (pending_len && done < len) {
            size_t take = pending_len < len - done ? pending_len : len - done;
            memcpy(buf + done, pending, take);
            memmove(pending, pending + take, pending_len - take);
            pending_len -= take;
            done += take;
        }
        if (done == len) {
            return (int64_t)done;
        }
        if (!GetNumberOfConsoleInputEvents(h, &n)) {
            return done ? (int64_t)done : portos__last_winerror();
        }
        if (!n) {
            return (int64_t)done;
        }
        if (!ReadConsoleInputW(h, &rec, 1, &n)) {
            return done ? (int64_t)done : portos__last_winerror();
        }
        /* Focus, mouse and key-up events carry no input bytes. */
        if (n == 1 && rec.EventType == KEY_EVENT && rec.Event.KeyEvent.bKeyDown &&
            rec.Event.KeyEvent.uChar.UnicodeChar) {
            WORD repeat = rec.Event.KeyEvent.wRepeatCount;
            /* Room for this many characters of up to 4 bytes each. */
            WORD max = (WORD)(sizeof(pending) / 4);

            for (WORD i = 0; i < (repeat ? repeat : 1) && i < max; i++) {
                put_utf16(rec.Event.KeyEvent.uChar.UnicodeChar);
            }
        }
    }
}

/*
 * Wine refuses PeekNamedPipe (ERROR_NOT_SUPPORTED) on a pipe that is a
 * Unix pipe underneath, as stdin is for `cmd | wine prog`, while a
 * blocking ReadFile works there. Such a pipe gets one reader thread that
 * blocks in ReadFile and hands the bytes over through a buffer; "ready" is
 * set while bytes or the end of input are waiting, so portos_term_wait()
 * can wait on it. One pipe at a time: stdin is the one that matters.
 */
typedef struct {
    HANDLE h, thread;
    HANDLE ready;                   /* manual reset */
    HANDLE room;                    /* auto reset: the reader took bytes */
    CRITICAL_SECTION lock;
    unsigned char buf[4096];
    size_t len;
    int end;                        /* 0, or the code the input ended with */
} PipeReader;

static PipeReader *reader;

static DWORD WINAPI reader_main(void *opaque)
{
    PipeReader *r = opaque;
    unsigned char chunk[sizeof(r->buf)];

    for (;;) {
        size_t room;
        DWORD n = 0;
        int end = 0;

        EnterCriticalSection(&r->lock);
        room = sizeof(r->buf) - r->len;
        LeaveCriticalSection(&r->lock);
        if (!room) {
            WaitForSingleObject(r->room, INFINITE);
            continue;
        }
        if (!ReadFile(r->h, chunk, (DWORD)room, &n, NULL)) {
            end = portos__last_winerror(); /* writer gone: PORTOS_EPIPE */
        } else if (!n) {
            end = PORTOS_EPIPE;
        }
        EnterCriticalSection(&r->lock);
        if (!end) {
            memcpy(r->buf + r->len, chunk, n);
            r->len += n;
        }
        r->end = end;
        SetEvent(r->ready);
        LeaveCriticalSection(&r->lock);
        if (end) {
            return 0;
        }
    }
}

/* The reader for @h, started on first use; NULL for a second pipe. */
static PipeReader *pipe_reader(HANDLE h)
{
    PipeReader *r;

    if (reader) {
        return reader->h == h ? reader : NULL;
    }
    r = calloc(1, sizeof(*r));
    if (!r) {
        return NULL;
    }
    r->h = h;
    r->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    r->room = CreateEventW(NULL, FALSE, FALSE, NULL);
    InitializeCriticalSection(&r->lock);
    if (r->ready && r->room) {
        r->thread = CreateThread(NULL, 0, reader_main, r, 0, NULL);
    }
    if (!r->thread) {
        /* Never started: nothing else holds these. */
        if (r->ready) {
            CloseHandle(r->ready);
        }
        if (r->room) {
            CloseHandle(r->room);
        }
        DeleteCriticalSection(&r->lock);
        free(r);
        return NULL;
    }
    /* The thread lives as long as the process: stdin stays open. */
    reader = r;
    return r;
}

static int64_t reader_take(PipeReader *r, void *buf, size_t len)
{
    int64_t ret;

    EnterCriticalSection(&r->lock);
    if (r->len) {
        size_t n = r->len < len ? r->len : len;

        memcpy(buf, r->buf, n);
        memmove(r->buf, r->buf + n, r->len - n);
        r->len -= n;
        SetEvent(r->room);
        ret = (int64_t)n;
    } else {
        ret = r->end;
    }
    if (!r->len && !r->end) {
        ResetEvent(r->ready);
    }
    LeaveCriticalSection(&r->lock);
    return ret;
}

/* Bytes already in a pipe; -EPIPE once the writer is gone and it is empty. */
static int64_t read_pipe(HANDLE h, void *buf, size_t len)
{
    DWORD avail, n;

    if (reader && reader->h == h) {
        return reader_take(reader, buf, len);
    }
    if (!PeekNamedPipe(h, NULL, 0, NULL, &avail, NULL)) {
        DWORD code = GetLastError();
        PipeReader *r;

        if (code == ERROR_NOT_SUPPORTED && (r = pipe_reader(h))) {
            return reader_take(r, buf, len);
        }
        return portos__winerror(code);
    }
    if (!avail) {
        return 0;
    }
    if (!ReadFile(h, buf, len < avail ? (DWORD)len : avail, &n, NULL)) {
        return portos__last_winerror();
    }
    return n;
}

int64_t portos__term_read(int fd, void *buf, size_t len)
{
    HANDLE h = portos__fd_handle(fd);
    DWORD n, type;

    if (h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    if (len > (1u << 30)) {
        len = 1u << 30;
    }
    if (is_console_input(h)) {
        return read_console(h, buf, len);
    }
    type = GetFileType(h);
    if (type == FILE_TYPE_PIPE) {
        return read_pipe(h, buf, len);
    }
    /* Files, NUL and other devices: a read does not wait for input. */
    if (!ReadFile(h, buf, (DWORD)len, &n, NULL)) {
        DWORD code = GetLastError();
        return code == ERROR_HANDLE_EOF ? PORTOS_EPIPE : portos__winerror(code);
    }
    return n ? (int64_t)n : PORTOS_EPIPE;
}

/*
 * WriteFile on a full pipe cannot be interrupted from a console control
 * handler: the request is looked at between chunks, which are kept small
 * so a reader that stopped holds up at most one.
 */
int64_t portos__term_write(int fd, const void *buf, size_t len)
{
    HANDLE h = portos__fd_handle(fd);
    const char *p = buf;
    size_t done = 0;

    if (h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    while (done < len) {
        DWORD chunk = len - done < 4096 ? (DWORD)(len - done) : 4096, n;

        if (portos_shutdown_requested()) {
            return PORTOS_ECANCELED;
        }
        if (!WriteFile(h, p + done, chunk, &n, NULL)) {
            return portos__last_winerror(); /* no reader: -EPIPE */
        }
        done += n;
    }
    return (int64_t)done;
}

/*
 * A console input handle is signalled while input events are queued.
 * Waiting on it is also what makes Wine's console on a terminal read the
 * typed input: polling with GetNumberOfConsoleInputEvents alone never
 * sees any there.
 */
int portos__term_wait(int fd, int64_t timeout_ns)
{
    HANDLE h = portos__fd_handle(fd);
    DWORD ms;

    if (h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    if (pending_len) {
        return 1;
    }
    ms = (DWORD)((timeout_ns + 999999) / 1000000);
    if (reader && reader->h == h) {
        h = reader->ready;
    } else if (!is_console_input(h)) {
        portos_sleep_ns(timeout_ns);
        return 0;
    }
    switch (WaitForSingleObject(h, ms)) {
    case WAIT_OBJECT_0:
        return 1;
    case WAIT_TIMEOUT:
        return 0;
    default:
        return portos__last_winerror();
    }
}

/* No pseudo-terminals here (portos/terminal.h). */
int portos__term_openpty(char *name, size_t len)
{
    return PORTOS_ENOTSUP;
}

int64_t portos__term_write_nowait(int fd, const void *buf, size_t len)
{
    return PORTOS_ENOTSUP;
}
