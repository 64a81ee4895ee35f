/*
 * virt-rtc.c - the RTC's base and clock
 */
#include "machine/virt-rtc.h"

#include <glib.h>

#include <portos/osinfo.h>

#define NS_PER_S 1000000000LL

/* The host's offset from UTC now, in seconds (east positive). */
static int64_t local_offset_s(void)
{
    GDateTime *now = g_date_time_new_now_local();
    int64_t off = now ? g_date_time_get_utc_offset(now) / G_TIME_SPAN_SECOND : 0;

    if (now) {
        g_date_time_unref(now);
    }
    return off;
}

static int64_t clock_ns(VirtRtcClock clock)
{
    switch (clock) {
    case VIRT_RTC_CLOCK_HOST:
        return portos_clock_realtime_ns();
    case VIRT_RTC_CLOCK_RT:
        return portos_clock_monotonic_ns();
    default:
        return 0; /* vm: the board passes guest time */
    }
}

void virt_rtc_init(VirtRtc *r, VirtRtcBase base, int64_t base_s,
                   VirtRtcClock clock, bool icount)
{
    if (base == VIRT_RTC_BASE_DEFAULT) {
        base = icount ? VIRT_RTC_BASE_DATE : VIRT_RTC_BASE_UTC;
        base_s = VIRT_RTC_ICOUNT_BASE;
    }
    if (clock == VIRT_RTC_CLOCK_DEFAULT) {
        clock = icount ? VIRT_RTC_CLOCK_VM : VIRT_RTC_CLOCK_HOST;
    }
    r->clock = clock;
    r->clock_start_ns = clock_ns(clock);
    switch (base) {
    case VIRT_RTC_BASE_LOCALTIME:
        r->start_ns = portos_clock_realtime_ns() + local_offset_s() * NS_PER_S;
        break;
    case VIRT_RTC_BASE_DATE:
        r->start_ns = base_s * NS_PER_S;
        break;
    default:
        r->start_ns = portos_clock_realtime_ns();
        break;
    }
}

uint64_t virt_rtc_seconds(const VirtRtc *r, uint64_t vm_ns)
{
    int64_t elapsed = r->clock == VIRT_RTC_CLOCK_VM
                      ? (int64_t)MIN(vm_ns, (uint64_t)G_MAXINT64 / 2)
                      : clock_ns(r->clock) - r->clock_start_ns;
    int64_t now = r->start_ns + elapsed;

    /* A host clock stepped back before 1970 reads as 1970. */
    return now < 0 ? 0 : (uint64_t)(now / NS_PER_S);
}
