/*
 * portos/cacheflush.h - make freshly written code visible to instruction fetch
 *
 * x86 keeps instruction caches coherent (no-op); aarch64 and arm clean the
 * data cache to the point of unification and invalidate the instruction
 * cache (CTR_EL0 line sizes); win32 calls FlushInstructionCache; wasm has
 * no executable memory, so it is a no-op.
 */
#ifndef PORTOS_CACHEFLUSH_H
#define PORTOS_CACHEFLUSH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * portos_flush_icache: publish code written through @rw for execution at @rx.
 * @rx: executable view of the code
 * @rw: writable view the code was written through (may equal @rx)
 * @len: bytes
 *
 * Returns: 0 or a PORTOS_E* code.
 */
int portos_flush_icache(const void *rx, const void *rw, size_t len);

#ifdef __cplusplus
}
#endif

#endif
