/*
 * portos/error.h - error convention of libportos
 *
 * Every libportos call that can fail returns 0 (or a non-negative value)
 * on success and a negative errno value on failure, like libuv. On Windows
 * the system error is translated to the closest errno value in one place.
 */
#ifndef PORTOS_ERROR_H
#define PORTOS_ERROR_H

#include <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Some C libraries (MinGW's) lack these; give them stable values. */
#ifndef ENOTSUP
#define ENOTSUP 129
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP ENOTSUP
#endif

/**
 * portos_strerror: describe a libportos error code.
 * @err: a negative errno value as returned by a libportos call
 *
 * Returns: a static, human-readable string (never NULL).
 */
const char *portos_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
