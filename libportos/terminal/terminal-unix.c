/*
 * terminal-unix.c - the write loop, shared by the posix and wasm backends
 * (Emscripten's write() is a POSIX one); only how a backend waits before
 * each chunk differs.
 */
#include "terminal-int.h"

#include <portos/error.h>

#include <errno.h>
#include <unistd.h>

int64_t portos__term_write_chunks(int fd, const void *buf, size_t len,
                                  size_t chunk_max, int (*ready)(int fd))
{
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        size_t chunk = len - done < chunk_max ? len - done : chunk_max;
        ssize_t n;
        int r = ready(fd);

        if (r < 0) {
            return r;
        }
        n = write(fd, p + done, chunk);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return -errno;
        }
        done += (size_t)n;
    }
    return (int64_t)done;
}
