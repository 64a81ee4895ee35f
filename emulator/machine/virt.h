/*
 * virt.h - the memory map and interrupt numbers of QEMU's virt board
 * (shared/reference/qemu-virt-cortex-a15-256m.dts)
 */
#ifndef MACHINE_VIRT_H
#define MACHINE_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net.h"

#define VIRT_GIC_DIST      0x08000000u
#define VIRT_GIC_CPU       0x08010000u
#define VIRT_UART          0x09000000u
#define VIRT_RTC           0x09010000u
#define VIRT_GPIO          0x09030000u   /* PL061: the power button */
#define VIRT_MMIO          0x0a000000u   /* first virtio-mmio slot */
#define VIRT_MMIO_SLOT     0x200u
#define VIRT_MMIO_SLOTS    32
#define VIRT_RAM           0x40000000u

/* SPI numbers (GIC interrupt ID = SPI + 32). */
#define VIRT_SPI_UART      1
#define VIRT_SPI_RTC       2
#define VIRT_SPI_GPIO      7
#define VIRT_SPI_MMIO      16            /* slot n uses SPI 16 + n */

/* PPI numbers (GIC interrupt ID = PPI + 16). */
#define VIRT_PPI_SEC_PHYS  13
#define VIRT_PPI_PHYS      14
#define VIRT_PPI_VIRT      11
#define VIRT_PPI_HYP       10
#define VIRT_PPI_PMU       7

/*
 * Phandles as QEMU numbers them with one CPU; with N, cpu@i is
 * 0x8000 + N - i and the GIC's and later ones move up by N - 1.
 */
#define VIRT_PHANDLE_CLK   0x8000
#define VIRT_PHANDLE_CPU   0x8001
#define VIRT_PHANDLE_GIC   0x8002
#define VIRT_PHANDLE_GPIO  0x8004

/* The PL061 pin of the power button (gpio-keys, KEY_POWER), as QEMU's. */
#define VIRT_GPIO_POWER_PIN 3

#define VIRT_APB_CLK_HZ    24000000u

/* ---- the board ---- */

#define VIRT_MAX_DISKS  8
#define VIRT_MAX_CPUS   8     /* QEMU's virt limit with a GICv2 */

/* Image locks against a second user of the file (block/block.h). */
typedef enum {
    VIRT_LOCKING_AUTO,     /* lock where the file system can */
    VIRT_LOCKING_ON,       /* lock, or refuse the image */
    VIRT_LOCKING_OFF,      /* never lock */
} VirtLocking;

/* One virtio-blk disk. */
typedef struct VirtDisk {
    const char *id;        /* the device's serial (VIRTIO_BLK_T_GET_ID) */
    const char *file;      /* raw image */
    bool readonly;
    bool snapshot;         /* writes go to a temporary copy */
    VirtLocking locking;
} VirtDisk;

/* A device on a virtio-mmio transport. */
typedef enum {
    VIRT_VIRTIO_BLK,       /* the next of VirtConfig.disks */
    VIRT_VIRTIO_RNG,       /* entropy from the host (portos/random.h) */
    VIRT_VIRTIO_NET,       /* the NIC, VirtConfig.nic */
} VirtVirtioKind;

/* The virtio-net NIC and its user-mode network (-nic user). */
typedef struct VirtNic {
    uint8_t mac[6];
    NetUserConfig user;
} VirtNic;

/* Where the RTC starts (-rtc base=), and the clock it then follows. */
typedef enum {
    VIRT_RTC_BASE_DEFAULT, /* utc, or 2024-01-01 with icount */
    VIRT_RTC_BASE_UTC,     /* the host's time */
    VIRT_RTC_BASE_LOCALTIME, /* the host's local time */
    VIRT_RTC_BASE_DATE,    /* rtc_base_s */
} VirtRtcBase;

typedef enum {
    VIRT_RTC_CLOCK_DEFAULT, /* host, or vm with icount */
    VIRT_RTC_CLOCK_HOST,   /* follows the host's wall clock, steps included */
    VIRT_RTC_CLOCK_RT,     /* the host's monotonic clock */
    VIRT_RTC_CLOCK_VM,     /* guest time (instruction counts with icount) */
} VirtRtcClock;

/*
 * What the board is built from. The board owns this description; a front
 * end (ui/cli.c) fills it in. Strings are borrowed: they must outlive the
 * machine.
 */
typedef struct VirtConfig {
    uint64_t ram_size;     /* bytes */
    const char *kernel;    /* zImage, uImage, ELF or raw image; NULL
                              only with dumpdtb (no guest runs) */
    const char *initrd;    /* NULL: none */
    const char *append;    /* kernel command line; NULL: none */
    const char *dtb;       /* NULL: the board's own device tree */
    bool no_reboot;        /* a guest reset powers off */
    bool serial;           /* the UART is connected to the console */
    VirtDisk disks[VIRT_MAX_DISKS]; /* in the order they take slots */
    int nb_disks;
    /*
     * The virtio-mmio devices in the order they take slots, from the
     * highest down as on QEMU; each VIRT_VIRTIO_BLK is the next disk.
     */
    VirtVirtioKind virtio[VIRT_MMIO_SLOTS];
    int nb_virtio;
    VirtNic nic;           /* for the one VIRT_VIRTIO_NET, if any */
    VirtRtcBase rtc_base;
    int64_t rtc_base_s;    /* VIRT_RTC_BASE_DATE: seconds since 1970 (UTC) */
    VirtRtcClock rtc_clock;
    const char *dumpdtb;   /* write the final device tree here and stop */
    bool icount;           /* deterministic time: advances with insns */
    int icount_shift;      /* ns per instruction = 2^shift */
    bool start_stopped;    /* -S: virt_run starts with virt_stop */
    unsigned smp_cpus;     /* -smp: 1..VIRT_MAX_CPUS (0: one) */
} VirtConfig;

typedef struct VirtMachine VirtMachine;

/*
 * The serial console as the board sees it: bytes out, and input bytes
 * that are pending (never blocks). The front end also decides when the
 * user asked to quit (Ctrl-A x).
 */
typedef struct VirtConsole {
    void (*write)(void *opaque, uint8_t byte);
    size_t (*read)(void *opaque, uint8_t *buf, size_t len);
    bool (*quit_requested)(void *opaque);
    void (*flush)(void *opaque);
    /* Idle: wait up to @ns for input (NULL: the board just sleeps). */
    void (*wait)(void *opaque, int64_t ns);
    void *opaque;
} VirtConsole;

/**
 * virt_create: build the board for @cfg: RAM, CPU, GIC, UART, RTC, the
 * virtio-mmio slots, and load kernel/initrd/device tree.
 * Returns: the machine, or NULL with a one-line *@errmsg.
 */
VirtMachine *virt_create(const VirtConfig *cfg, const VirtConsole *console,
                         char **errmsg);

/**
 * virt_run: run until the guest powers off (PSCI SYSTEM_OFF, or RESET
 * with -no-reboot), the user quits, or a shutdown signal arrives.
 * Returns: the process exit status (0 for a clean power-off; 0 at once
 * when virt_create only dumped the device tree, -machine dumpdtb).
 */
int virt_run(VirtMachine *m);

/** virt_free: flush disks and free everything. */
void virt_free(VirtMachine *m);

/* ---- run control, for the front ends that drive a machine (monitor, gdbstub) ---- */

/*
 * A poller is called on every turn of virt_run's loop (at least every
 * slice of guest instructions, and about every 10 ms while the machine
 * is stopped), from the main loop: it may call any virt_* function.
 */
typedef void VirtPollFn(void *opaque);
/** virt_add_poller: call @fn(@opaque) on every turn of the main loop. */
void virt_add_poller(VirtMachine *m, VirtPollFn *fn, void *opaque);

/*
 * Called when the CPU stops for the debugger (cpu_exec returned
 * EXCP_DEBUG: breakpoint, watchpoint, single step); the machine is
 * stopped before the call.
 */
typedef void VirtDebugFn(void *opaque);
void virt_set_debug_handler(VirtMachine *m, VirtDebugFn *fn, void *opaque);

/**
 * virt_stop / virt_cont: stop the guest (no instruction runs, guest time
 * stands still with -icount; devices, console and pollers stay served)
 * and let it run again. virt_stop takes effect at the end of the current
 * translation block.
 */
void virt_stop(VirtMachine *m);
void virt_cont(VirtMachine *m);
bool virt_is_stopped(const VirtMachine *m);
/** virt_system_reset: reset the board and reload the images, as PSCI SYSTEM_RESET. */
void virt_system_reset(VirtMachine *m);
/** virt_quit: leave virt_run with status 0, as Ctrl-A x. */
void virt_quit(VirtMachine *m);
/**
 * virt_system_powerdown: press the power button: the PL061's pin 3 goes
 * high and, 100 ms of guest time later, low again (QEMU's gpio-key);
 * the guest's gpio-keys driver reports KEY_POWER.
 */
void virt_system_powerdown(VirtMachine *m);
/**
 * virt_describe_devices: the board's devices, one per line with their
 * addresses and interrupts (the monitor's info qtree). g_free the result.
 */
char *virt_describe_devices(VirtMachine *m);

/* The parts a debugger or monitor inspects. */
struct ARMCPU;
struct MemAddressSpace;
struct ARMCPU *virt_cpu(VirtMachine *m);
struct MemAddressSpace *virt_address_space(VirtMachine *m);

/** virt_insns: guest instructions executed so far (for benchmarks). */
uint64_t virt_insns(const VirtMachine *m);

#endif /* MACHINE_VIRT_H */
