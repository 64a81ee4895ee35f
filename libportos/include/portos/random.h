/*
 * portos/random.h - bytes from the host's cryptographic random source
 *
 * For guest-visible entropy (virtio-rng) and anything else that must not
 * be predictable. Every backend asks the operating system, never a
 * user-space generator seeded once:
 * - posix: getrandom() (Linux 3.17+; blocks only until the kernel's pool
 *   is first initialised at boot);
 * - wasm: getentropy(), which Emscripten serves from the Web Crypto API
 *   (crypto.getRandomValues in a browser, Node's crypto module), at most
 *   256 bytes per call;
 * - win32: BCryptGenRandom with the system-preferred generator.
 */
#ifndef PORTOS_RANDOM_H
#define PORTOS_RANDOM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * portos_random_bytes: fill @buf with @len random bytes.
 * @buf: where the bytes go (may be NULL when @len is 0)
 * @len: how many; any size: the call loops over the backend's limits,
 *       short reads and interruptions by signals
 *
 * Returns: 0 once all @len bytes are written, PORTOS_EINVAL for a NULL
 * @buf with a non-zero @len, PORTOS_ENOSYS where the host has no such
 * source (a Linux kernel older than 3.17), or another PORTOS_E* code
 * from the OS (the buffer's contents are then unspecified).
 */
int portos_random_bytes(void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
