/*
 * virt-rtc.h - what time the board's PL031 says (-rtc base=,clock=)
 *
 * The RTC starts at a base (the host's UTC or local time, or a given
 * date) and then advances with one clock: the host's wall clock, its
 * monotonic clock, or guest time. Without -rtc a run with -icount starts
 * at 2024-01-01 and follows guest time, so it is reproducible; any
 * other starts at the host's time and follows it, as QEMU does.
 */
#ifndef MACHINE_VIRT_RTC_H
#define MACHINE_VIRT_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "machine/virt.h"

/* What a deterministic run's RTC says at its start: 2024-01-01T00:00:00Z. */
#define VIRT_RTC_ICOUNT_BASE 1704067200

typedef struct VirtRtc {
    VirtRtcClock clock;    /* never DEFAULT */
    int64_t start_ns;      /* RTC time at the start, ns since 1970 */
    int64_t clock_start_ns; /* the host clock's reading at the start */
} VirtRtc;

/**
 * virt_rtc_init: start @r for @base (@base_s for a date) and @clock;
 * @icount picks the defaults. Reads the host's clocks (and its time
 * zone for a local-time base).
 */
void virt_rtc_init(VirtRtc *r, VirtRtcBase base, int64_t base_s,
                   VirtRtcClock clock, bool icount);

/**
 * virt_rtc_seconds: the RTC's seconds since 1970 now; @vm_ns is the
 * guest time since the start (used by the vm clock). Never below 0.
 */
uint64_t virt_rtc_seconds(const VirtRtc *r, uint64_t vm_ns);

#endif /* MACHINE_VIRT_RTC_H */
