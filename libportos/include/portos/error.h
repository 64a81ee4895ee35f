/*
 * portos/error.h - error convention of libportos
 *
 * Every libportos call that can fail returns 0 (or a non-negative value)
 * on success and a negative error code on failure, like libuv. Compare
 * results with the PORTOS_E* names below, never with the C library's own
 * E* names: on posix and wasm a code is -errno (PORTOS_EINVAL == -EINVAL),
 * and where a C library lacks a name (MinGW has no ELOOP in older
 * headers...) the code is a stable value of libportos's own. On Windows
 * the system error is translated to one of these codes in one place.
 */
#ifndef PORTOS_ERROR_H
#define PORTOS_ERROR_H

#include <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Names every supported C library (glibc, musl/Emscripten, MinGW) has. */
#define PORTOS_EPERM (-EPERM)
#define PORTOS_ENOENT (-ENOENT)
#define PORTOS_EINTR (-EINTR)
#define PORTOS_EIO (-EIO)
#define PORTOS_EBADF (-EBADF)
#define PORTOS_EAGAIN (-EAGAIN)
#define PORTOS_ENOMEM (-ENOMEM)
#define PORTOS_EACCES (-EACCES)
#define PORTOS_EFAULT (-EFAULT)
#define PORTOS_EBUSY (-EBUSY)
#define PORTOS_EEXIST (-EEXIST)
#define PORTOS_EXDEV (-EXDEV)
#define PORTOS_ENODEV (-ENODEV)
#define PORTOS_EISDIR (-EISDIR)
#define PORTOS_EINVAL (-EINVAL)
#define PORTOS_EMFILE (-EMFILE)
#define PORTOS_ENOTTY (-ENOTTY)
#define PORTOS_EFBIG (-EFBIG)
#define PORTOS_ENOSPC (-ENOSPC)
#define PORTOS_ESPIPE (-ESPIPE)
#define PORTOS_EROFS (-EROFS)
#define PORTOS_EPIPE (-EPIPE)
#define PORTOS_ERANGE (-ERANGE)
#define PORTOS_ENAMETOOLONG (-ENAMETOOLONG)
#define PORTOS_ENOSYS (-ENOSYS)
#define PORTOS_ENOTEMPTY (-ENOTEMPTY)
#define PORTOS_ENOTDIR (-ENOTDIR)

/* Names some C libraries lack: libportos's own values there. */
#ifdef ENOTSUP
#define PORTOS_ENOTSUP (-ENOTSUP)
#else
#define PORTOS_ENOTSUP (-4095)
#endif
#ifdef ELOOP
#define PORTOS_ELOOP (-ELOOP)
#else
#define PORTOS_ELOOP (-4094)
#endif
#ifdef ETIMEDOUT
#define PORTOS_ETIMEDOUT (-ETIMEDOUT)
#else
#define PORTOS_ETIMEDOUT (-4093)
#endif
#ifdef ENOBUFS
#define PORTOS_ENOBUFS (-ENOBUFS)
#else
#define PORTOS_ENOBUFS (-4092)
#endif
#ifdef ECANCELED
#define PORTOS_ECANCELED (-ECANCELED)
#else
#define PORTOS_ECANCELED (-4091)
#endif
#ifdef EADDRINUSE
#define PORTOS_EADDRINUSE (-EADDRINUSE)
#else
#define PORTOS_EADDRINUSE (-4090)
#endif
#ifdef ECONNREFUSED
#define PORTOS_ECONNREFUSED (-ECONNREFUSED)
#else
#define PORTOS_ECONNREFUSED (-4089)
#endif

/**
 * portos_strerror: describe a libportos error code.
 * @err: a negative code as returned by a libportos call
 *
 * Returns: a static, human-readable string (never NULL).
 */
const char *portos_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
