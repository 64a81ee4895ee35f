/*
 * portos-test-hooks.h - what libportos's own tests may ask (not installed)
 *
 * These look inside the library to make tests exact; programs have no use
 * for them, so they are not part of the public API.
 */
#ifndef PORTOS_TEST_HOOKS_H
#define PORTOS_TEST_HOOKS_H

/*
 * portos__copy_file_range_used_kernel: whether the last
 * portos_copy_file_range() on this thread moved data through the OS's
 * range copy (the kernel's copy_file_range) rather than the loop.
 */
int portos__copy_file_range_used_kernel(void);

/* portos__shutdown_reset: forget a shutdown request (between tests). */
void portos__shutdown_reset(void);

#endif
