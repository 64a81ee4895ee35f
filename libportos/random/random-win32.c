/*
 * random-win32.c - BCryptGenRandom with the system-preferred generator
 *
 * It takes a ULONG length and returns an NTSTATUS, which becomes a
 * Windows error code (RtlNtStatusToDosError) and then a libportos code
 * in the one place that maps them (error-win32.c).
 */
#include "random-int.h"

#include "portos-win32.h"

#include <bcrypt.h>
#include <winternl.h>

#define RANDOM_CHUNK ((size_t)1 << 30)

long portos__random_fill(void *buf, size_t len)
{
    ULONG n = (ULONG)(len < RANDOM_CHUNK ? len : RANDOM_CHUNK);
    NTSTATUS st = BCryptGenRandom(NULL, buf, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG);

    if (!BCRYPT_SUCCESS(st)) {
        return portos__winerror(RtlNtStatusToDosError(st));
    }
    return (long)n;
}
