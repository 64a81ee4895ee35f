/*
 * virt.c - the virt board: wiring, boot, and the main loop
 *
 * Cortex-A15s (1 to 8, -smp) on QEMU's virt memory map (machine/virt.h).
 * The CPUs run in turn on this one thread, a slice each, as QEMU's
 * single-threaded TCG does.  Time is either the host's monotonic clock
 * or, with -icount, derived from the number of instructions all CPUs
 * executed so runs are reproducible.
 */
#include "machine/virt.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include "block/block.h"
#include "exec/cpu.h"
#include "hw/arm-gic.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "hw/pl061.h"
#include "hw/virtio-blk.h"
#include "hw/virtio-mmio.h"
#include "hw/virtio-net.h"
#include "hw/virtio-rng.h"
#include "machine/loader.h"
#include "machine/virt-fdt.h"
#include "machine/virt-rtc.h"
#include "net/net.h"
#include "target/arm/cpu.h"
#include "util/log.h"
#include "util/stats.h"

/* Instructions per slice between device/timer/console checks. */
#define SLICE_INSNS 100000
/*
 * With several CPUs, each runs this many per turn: an IPI or a released
 * lock reaches the next CPU sooner than a whole slice later.
 */
#define SMP_SLICE_INSNS 10000
/* Longest host sleep while the guest waits for an interrupt. */
#define IDLE_SLEEP_NS (1000 * 1000)
/* PSCI function IDs (SMC32 calling convention) and results. */
#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_SUSPEND    0x84000001u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0x84000003u
#define PSCI_AFFINITY_INFO  0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000au
#define PSCI_RET_NOT_SUPPORTED   ((uint32_t)-1)
#define PSCI_RET_INVALID_PARAMS  ((uint32_t)-2)
#define PSCI_RET_ALREADY_ON      ((uint32_t)-4)
/* AFFINITY_INFO states. */
#define PSCI_AFF_ON  0
#define PSCI_AFF_OFF 1

/*
 * A -dtb file larger than this is refused before it is read; real ones
 * are tens of KiB (Linux on arm64 caps a device tree at 2 MiB too).
 */
#define VIRT_DTB_MAX (2u << 20)
/* How often a stopped machine looks at its pollers and console. */
#define STOPPED_POLL_NS (10 * 1000 * 1000)
/* How long the power button stays pressed (QEMU's gpio-key: 100 ms). */
#define POWER_BUTTON_NS (100 * 1000 * 1000)
/* Counter ticks of the 62.5 MHz generic timer, in ns. */
#define NS_PER_TICK 16

typedef enum { RUNNING, POWER_OFF, RESET, QUIT, SIGNALLED } RunState;

/* What a CPU's timer hooks need: its board and its number. */
typedef struct VirtCpuLink {
    VirtMachine *m;
    unsigned index;
    bool timer_level[2];
} VirtCpuLink;

struct VirtMachine {
    ARMCPU cpu[VIRT_MAX_CPUS]; /* first: zeroed with the machine */
    VirtCpuLink link[VIRT_MAX_CPUS];
    unsigned nb_cpus;
    unsigned current_cpu;      /* the one running now (GIC accesses) */
    VirtConfig cfg;            /* strings borrowed from the caller */
    VirtConsole console;
    MemAddressSpace *as;
    ArmGic *gic;
    PL011 *uart;
    PL031 *rtc;
    PL061 *gpio;
    uint64_t button_release_ns; /* guest time; 0: the button is up */
    BlockBackend *disk[VIRT_MAX_DISKS];
    VirtIOBlk *blk[VIRT_MAX_DISKS];
    int nb_blk;
    VirtIORng *rng[VIRT_MMIO_SLOTS];
    int nb_rng;
    VirtIONet *nic;
    NetUser *net;
    VirtRtc rtc_time;
    bool dumped;               /* -machine dumpdtb: nothing to run */
    uint64_t ram_size;
    /* Time. */
    int64_t host_start_ns;
    uint64_t idle_ns;          /* icount: time skipped while idle */
    RunState state;
    /* Run control (monitor, gdbstub). */
    bool stopped;
    int64_t stopped_at_ns;     /* host clock when stopped */
    GArray *pollers;           /* of Poller */
    VirtDebugFn *debug_fn;
    void *debug_opaque;
};

typedef struct Poller {
    VirtPollFn *fn;
    void *opaque;
} Poller;

/* ---- time ---- */

/*
 * Instructions all CPUs executed, the running CPU's up to the TB it is in:
 * under -icount a guest that reads the counter in a loop sees it advance
 * as on QEMU, not only at slice ends.
 */
static uint64_t total_insns(const VirtMachine *m)
{
    uint64_t n = 0;

    for (unsigned i = 0; i < m->nb_cpus; i++) {
        n += cpu_icount_now(&m->cpu[i].parent);
    }
    return n;
}

static uint64_t now_ns(const VirtMachine *m)
{
    if (m->cfg.icount) {
        return (total_insns(m) << m->cfg.icount_shift) + m->idle_ns;
    }
    return (uint64_t)(portos_clock_monotonic_ns() - m->host_start_ns);
}

static uint64_t timer_now(void *opaque)
{
    VirtCpuLink *l = opaque;

    return now_ns(l->m) / NS_PER_TICK;
}

/* A CPU's timer outputs drive its PPIs 14 (physical) and 11 (virtual). */
static void timer_changed(void *opaque)
{
    VirtCpuLink *l = opaque;
    static const int ppi[2] = { VIRT_PPI_PHYS, VIRT_PPI_VIRT };

    for (int t = 0; t < 2; t++) {
        bool level = arm_gt_irq_level(&l->m->cpu[l->index].env, t);
        if (level != l->timer_level[t]) {
            l->timer_level[t] = level;
            arm_gic_set_ppi(l->m->gic, l->index, 16 + ppi[t], level);
        }
    }
}

static void timers_changed(VirtMachine *m)
{
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        timer_changed(&m->link[i]);
    }
}

/* A CPU's PMU overflow interrupt drives its PPI 7 (not described in the
   32-bit device tree, as in QEMU). */
static void pmu_irq(void *opaque, bool level)
{
    VirtCpuLink *l = opaque;

    arm_gic_set_ppi(l->m->gic, l->index, 16 + VIRT_PPI_PMU, level);
}

static const ARMTimerHooks timer_hooks = { timer_now, timer_changed, pmu_irq };

/* Guest time of the next timer event, or UINT64_MAX. */
static uint64_t next_deadline_ns(VirtMachine *m)
{
    uint64_t best = UINT64_MAX;

    for (unsigned i = 0; i < m->nb_cpus; i++) {
        for (int t = 0; t < 2; t++) {
            uint64_t d = arm_gt_deadline(&m->cpu[i].env, t);
            if (d != UINT64_MAX && d < UINT64_MAX / NS_PER_TICK) {
                best = MIN(best, d * NS_PER_TICK);
            }
        }
    }
    /* A pressed power button is a timer too (idle -icount skips to it). */
    if (m->button_release_ns) {
        best = MIN(best, m->button_release_ns);
    }
    return best;
}

static uint64_t rtc_seconds(void *opaque)
{
    VirtMachine *m = opaque;

    return virt_rtc_seconds(&m->rtc_time, now_ns(m));
}

/* ---- PSCI over HVC ---- */

/* Leave the current slice (whichever CPU runs) at the next TB boundary. */
static void kick_cpus(VirtMachine *m)
{
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        cpu_exit(&m->cpu[i].parent);
    }
}

/* The CPU whose MPIDR affinity is @mpidr (Aff0 = number, as QEMU), or NULL. */
static ARMCPU *cpu_by_mpidr(VirtMachine *m, uint32_t mpidr)
{
    return mpidr < m->nb_cpus ? &m->cpu[mpidr] : NULL;
}

static bool any_cpu_on(const VirtMachine *m)
{
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        if (!m->cpu[i].powered_off) {
            return true;
        }
    }
    return false;
}

static void cpu_power_off(ARMCPU *cpu)
{
    cpu->powered_off = true;
    cpu->parent.halted = true;
}

/*
 * CPU_ON: the target starts at once (AFFINITY_INFO never reports
 * ON_PENDING), from reset, in SVC mode with r0 = @context and bit 0 of
 * @entry choosing Thumb, as QEMU starts it.
 */
static uint32_t psci_cpu_on(VirtMachine *m, uint32_t mpidr, uint32_t entry,
                            uint32_t context)
{
    ARMCPU *cpu = cpu_by_mpidr(m, mpidr);

    if (!cpu) {
        return PSCI_RET_INVALID_PARAMS;
    }
    if (!cpu->powered_off) {
        return PSCI_RET_ALREADY_ON;
    }
    arm_cpu_reset(cpu);
    cpu->powered_off = false;
    cpu->parent.halted = false;
    cpu->env.regs[0] = context;
    cpu->env.regs[15] = entry & ~1u;
    cpu->env.thumb = entry & 1u;
    return 0;
}

static bool psci_call(void *opaque, CPUARMState *env, ARMCallKind kind,
                      uint32_t imm)
{
    VirtMachine *m = opaque;
    uint32_t fn = env->regs[0], ret;
    ARMCPU *cpu;

    /* PSCI's conduit is HVC; without EL3 an SMC is UNDEFINED, as on QEMU. */
    if (kind != ARM_CALL_HVC) {
        return false;
    }
    switch (fn) {
    case PSCI_VERSION:
        ret = 0x00010001; /* 1.1, as QEMU reports */
        break;
    case PSCI_SYSTEM_OFF:
        m->state = POWER_OFF;
        kick_cpus(m);
        ret = 0;
        break;
    case PSCI_SYSTEM_RESET:
        m->state = m->cfg.no_reboot ? POWER_OFF : RESET;
        kick_cpus(m);
        ret = 0;
        break;
    case PSCI_CPU_ON:
        ret = psci_cpu_on(m, env->regs[1], env->regs[2], env->regs[3]);
        break;
    case PSCI_AFFINITY_INFO:
        /* Levels above 0 are always on (as QEMU). */
        cpu = cpu_by_mpidr(m, env->regs[1]);
        ret = env->regs[2] != 0 ? PSCI_AFF_ON
            : !cpu ? PSCI_RET_INVALID_PARAMS
            : cpu->powered_off ? PSCI_AFF_OFF : PSCI_AFF_ON;
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = 2; /* no trusted OS */
        break;
    case PSCI_CPU_SUSPEND:
        ret = 0; /* a standby state: return at once, like WFI */
        break;
    case PSCI_CPU_OFF:
        /* The caller stops here; with no CPU left on, the board is off. */
        cpu_power_off(env_archcpu(env));
        if (!any_cpu_on(m)) {
            m->state = POWER_OFF;
            kick_cpus(m);
        }
        ret = 0;
        break;
    case PSCI_FEATURES:
        switch (env->regs[1]) {
        case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_OFF:
        case PSCI_CPU_ON: case PSCI_AFFINITY_INFO: case PSCI_MIGRATE_INFO_TYPE:
        case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
            ret = 0;
            break;
        default:
            ret = PSCI_RET_NOT_SUPPORTED;
        }
        break;
    default:
        log_mask_printf(LOG_UNIMP, "HVC #%u: unknown PSCI function 0x%08x\n",
                        imm, fn);
        ret = PSCI_RET_NOT_SUPPORTED;
    }
    env->regs[0] = ret;
    return true;
}

/* ---- wiring ---- */

/* The GIC's IRQ output @n goes to CPU @n. */
static void cpu_irq_line(void *opaque, int n, int level)
{
    VirtMachine *m = opaque;

    arm_cpu_set_irq(&m->cpu[n], level);
}

static void uart_tx(void *opaque, uint8_t byte)
{
    VirtMachine *m = opaque;

    if (m->cfg.serial) {
        m->console.write(m->console.opaque, byte);
    }
}

static int add_disk(VirtMachine *m, EmuIrq irq, VirtIODevice **vdev,
                    char **errmsg)
{
    int i = m->nb_blk;
    const VirtDisk *d = &m->cfg.disks[i];
    unsigned flags = (d->readonly ? BLOCK_OPEN_READONLY : 0) |
                     (d->snapshot ? BLOCK_OPEN_SNAPSHOT : 0) |
                     (d->locking == VIRT_LOCKING_ON ? BLOCK_OPEN_LOCK_ON : 0) |
                     (d->locking == VIRT_LOCKING_OFF ? BLOCK_OPEN_LOCK_OFF : 0);

    if (i >= m->cfg.nb_disks || i >= VIRT_MAX_DISKS) {
        *errmsg = g_strdup("more virtio-blk devices than disks");
        return -1;
    }
    m->disk[i] = block_open(d->file, flags, errmsg);
    if (!m->disk[i]) {
        return -1;
    }
    m->blk[i] = virtio_blk_new(m->as, irq, m->disk[i], d->id);
    m->nb_blk = i + 1;
    *vdev = virtio_blk_vdev(m->blk[i]);
    return 0;
}

/* The NIC's frames and the user network's, each way. */
static void nic_send(void *opaque, const uint8_t *frame, size_t len)
{
    VirtMachine *m = opaque;

    net_user_send(m->net, frame, len);
}

static void net_receive(void *opaque, const uint8_t *frame, size_t len)
{
    VirtMachine *m = opaque;

    virtio_net_receive(m->nic, frame, len);
}

/* Every turn of the main loop: host sockets and timers, no wait. */
static void net_poll(void *opaque)
{
    VirtMachine *m = opaque;

    net_user_poll(m->net);
}

static int add_nic(VirtMachine *m, EmuIrq irq, VirtIODevice **vdev,
                   char **errmsg)
{
    if (m->nic) {
        *errmsg = g_strdup("more than one virtio-net device");
        return -1;
    }
    m->nic = virtio_net_new(m->as, irq, m->cfg.nic.mac, nic_send, m);
    m->net = net_user_new(&m->cfg.nic.user, net_receive, m, errmsg);
    if (!m->net) {
        return -1;
    }
    virt_add_poller(m, net_poll, m);
    *vdev = virtio_net_vdev(m->nic);
    return 0;
}

/*
 * Devices take the virtio-mmio slots from the highest down, in the
 * order given, as QEMU hands them out; the other slots answer "no
 * device" so Linux skips them.
 */
static int add_virtio(VirtMachine *m, char **errmsg)
{
    const VirtConfig *cfg = &m->cfg;
    int slot = VIRT_MMIO_SLOTS - 1;

    for (int i = 0; i < cfg->nb_virtio && i < VIRT_MMIO_SLOTS; i++, slot--) {
        EmuIrq irq = arm_gic_input(m->gic, 32 + VIRT_SPI_MMIO + slot);
        VirtIODevice *vdev = NULL;

        if (cfg->virtio[i] == VIRT_VIRTIO_RNG) {
            m->rng[m->nb_rng] = virtio_rng_new(m->as, irq);
            vdev = virtio_rng_vdev(m->rng[m->nb_rng++]);
        } else if (cfg->virtio[i] == VIRT_VIRTIO_NET) {
            if (add_nic(m, irq, &vdev, errmsg) < 0) {
                return -1;
            }
        } else if (add_disk(m, irq, &vdev, errmsg) < 0) {
            return -1;
        }
        if (virtio_mmio_map(m->as, VIRT_MMIO + (uint64_t)slot * VIRT_MMIO_SLOT,
                            vdev) < 0) {
            *errmsg = g_strdup("could not map a virtio-mmio slot");
            return -1;
        }
    }
    if (m->nb_blk != cfg->nb_disks) {
        *errmsg = g_strdup("a disk has no virtio-blk device");
        return -1;
    }
    for (; slot >= 0; slot--) {
        if (virtio_mmio_map(m->as, VIRT_MMIO + (uint64_t)slot * VIRT_MMIO_SLOT, NULL) < 0) {
            *errmsg = g_strdup("could not map a virtio-mmio slot");
            return -1;
        }
    }
    return 0;
}

static int add_devices(VirtMachine *m, char **errmsg)
{
    EmuIrq cpu_irq[VIRT_MAX_CPUS];
    int r = 0;

    for (unsigned i = 0; i < m->nb_cpus; i++) {
        cpu_irq[i] = (EmuIrq){ cpu_irq_line, m, (int)i };
    }
    m->gic = arm_gic_new(m->nb_cpus, cpu_irq, &m->current_cpu);
    m->uart = pl011_new(arm_gic_input(m->gic, 32 + VIRT_SPI_UART), uart_tx, m);
    m->rtc = pl031_new(arm_gic_input(m->gic, 32 + VIRT_SPI_RTC), rtc_seconds, m);
    m->gpio = pl061_new(arm_gic_input(m->gic, 32 + VIRT_SPI_GPIO));
    r |= mem_add_mmio(m->as, "gic-dist", VIRT_GIC_DIST, GIC_DIST_SIZE, &arm_gic_dist_ops, m->gic);
    r |= mem_add_mmio(m->as, "gic-cpu", VIRT_GIC_CPU, GIC_CPU_SIZE, &arm_gic_cpu_ops, m->gic);
    r |= mem_add_mmio(m->as, "pl011", VIRT_UART, PL011_MMIO_SIZE, &pl011_ops, m->uart);
    r |= mem_add_mmio(m->as, "pl031", VIRT_RTC, PL031_MMIO_SIZE, &pl031_ops, m->rtc);
    r |= mem_add_mmio(m->as, "pl061", VIRT_GPIO, PL061_MMIO_SIZE, &pl061_ops, m->gpio);
    if (r) {
        *errmsg = g_strdup("could not map the board's devices");
        return -1;
    }
    return add_virtio(m, errmsg);
}

/* The board's device tree, or the user's -dtb with /chosen patched. */
static int make_dtb(VirtMachine *m, const VirtFdtConfig *fc, void **dtb,
                    size_t *dtb_size, char **errmsg)
{
    void *user;
    size_t len;
    int r;

    if (!m->cfg.dtb) {
        return virt_fdt_build(fc, dtb, dtb_size, errmsg);
    }
    if (loader_read_file(m->cfg.dtb, "device tree", VIRT_DTB_MAX, &user,
                         &len, errmsg) < 0) {
        return -1;
    }
    r = virt_fdt_from_user(m->cfg.dtb, user, len, fc, dtb, dtb_size, errmsg);
    g_free(user);
    return r;
}

/* -machine dumpdtb=FILE: the final tree to a file, then stop (as QEMU). */
static int dump_dtb(VirtMachine *m, const void *dtb, size_t size, char **errmsg)
{
    GError *gerr = NULL;

    if (!g_file_set_contents(m->cfg.dumpdtb, dtb, (gssize)size, &gerr)) {
        *errmsg = g_strdup_printf("-machine dumpdtb=%s: %s", m->cfg.dumpdtb,
                                  gerr->message);
        g_error_free(gerr);
        return -1;
    }
    fprintf(stderr, "portos-arm: dtb dumped to %s. Exiting.\n", m->cfg.dumpdtb);
    m->dumped = true;
    return 0;
}

/* Kernel, initrd and device tree, and the registers to enter them with. */
static int boot(VirtMachine *m, char **errmsg)
{
    LoaderRam ram = { m->as, VIRT_RAM, m->ram_size };
    LoadedKernel k;
    VirtFdtConfig fc = { VIRT_RAM, m->ram_size, m->cfg.append, 0, 0, m->nb_cpus };
    uint64_t dtb_addr, initrd_addr;
    int64_t initrd_size;
    void *dtb;
    size_t dtb_size;
    CPUARMState *env = &m->cpu[0].env;
    int r;

    if (!m->cfg.kernel) {
        /* dumpdtb without a kernel, as QEMU allows: the bare tree. */
        r = make_dtb(m, &fc, &dtb, &dtb_size, errmsg);
        if (r == 0) {
            r = dump_dtb(m, dtb, dtb_size, errmsg);
            g_free(dtb);
        }
        return r;
    }
    if (loader_load_kernel(&ram, m->cfg.kernel, &k, errmsg) < 0) {
        return -1;
    }
    initrd_addr = loader_initrd_addr(&ram, k.high);
    if (m->cfg.initrd) {
        if (!k.is_linux) {
            *errmsg = g_strdup("-initrd needs a Linux kernel image, not an ELF program");
            return -1;
        }
        initrd_size = loader_load_blob(&ram, m->cfg.initrd, "initrd", initrd_addr, errmsg);
        if (initrd_size < 0) {
            return -1;
        }
        fc.initrd_start = initrd_addr;
        fc.initrd_end = initrd_addr + (uint64_t)initrd_size;
    }
    if (make_dtb(m, &fc, &dtb, &dtb_size, errmsg) < 0) {
        return -1;
    }
    r = loader_dtb_addr(&ram, &k, fc.initrd_start, fc.initrd_end, dtb_size,
                        &dtb_addr, errmsg);
    if (r == 0 && m->cfg.dumpdtb) {
        r = dump_dtb(m, dtb, dtb_size, errmsg);
        g_free(dtb);
        return r;
    }
    if (r == 0) {
        mem_write(m->as, dtb_addr, dtb, dtb_size);
    }
    g_free(dtb);
    if (r < 0) {
        return -1;
    }

    /* The secondaries wait, powered off, for PSCI CPU_ON (as QEMU's). */
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        arm_cpu_reset(&m->cpu[i]);
        m->cpu[i].powered_off = false;
        if (i > 0) {
            cpu_power_off(&m->cpu[i]);
        }
    }
    if (k.is_linux) {
        env->regs[0] = 0;
        env->regs[1] = 0xffffffffu; /* no machine type: use the device tree */
        env->regs[2] = (uint32_t)dtb_addr;
    }
    env->regs[15] = (uint32_t)k.entry & ~1u;
    env->thumb = (uint32_t)k.entry & 1u;
    return 0;
}

VirtMachine *virt_create(const VirtConfig *cfg, const VirtConsole *console,
                         char **errmsg)
{
    VirtMachine *m = g_new0(VirtMachine, 1);
    int r;

    m->cfg = *cfg;
    m->console = *console;
    m->ram_size = cfg->ram_size;
    m->as = mem_as_new();
    r = mem_add_ram(m->as, "ram", VIRT_RAM, m->ram_size, NULL);
    if (r < 0) {
        char *rs = loader_size_str(m->ram_size);
        *errmsg = g_strdup_printf("cannot allocate %s of guest RAM: %s",
                                  rs, g_strerror(-r));
        g_free(rs);
        goto fail;
    }
    m->nb_cpus = cfg->smp_cpus ? cfg->smp_cpus : 1;
    if (m->nb_cpus > VIRT_MAX_CPUS) {
        *errmsg = g_strdup_printf("%u CPUs: virt with a GICv2 has at most %d",
                                  m->nb_cpus, VIRT_MAX_CPUS);
        m->nb_cpus = 0;
        goto fail;
    }
    r = exec_init(0);
    for (unsigned i = 0; r == 0 && i < m->nb_cpus; i++) {
        r = arm_cpu_init(&m->cpu[i], m->as, (int)i);
    }
    if (r < 0) {
        *errmsg = g_strdup("cannot initialise the CPU");
        goto fail;
    }
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        /*
         * Without -icount nothing counts on a slice running exactly its
         * budget: one ending a few instructions early saves translating a
         * one-shot TB for its tail (a quarter of a boot's translations).
         */
        m->cpu[i].parent.budget_at_most = !m->cfg.icount;
        m->link[i] = (VirtCpuLink){ m, i, { false, false } };
        arm_cpu_set_nb_cpus(&m->cpu[i], m->nb_cpus);
        arm_cpu_set_call_hook(&m->cpu[i], psci_call, m);
        arm_cpu_set_timer_hooks(&m->cpu[i], &timer_hooks, &m->link[i]);
    }
    /* -d exec and cpu show every TB run, not only the unchained ones. */
    if (log_mask(LOG_EXEC | LOG_CPU | LOG_NOCHAIN)) {
        exec_set_debug(EXEC_DEBUG_NOCHAIN);
    }
    virt_rtc_init(&m->rtc_time, cfg->rtc_base, cfg->rtc_base_s, cfg->rtc_clock,
                  cfg->icount);
    if (add_devices(m, errmsg) < 0 || boot(m, errmsg) < 0) {
        goto fail;
    }
    m->host_start_ns = portos_clock_monotonic_ns();
    return m;
fail:
    virt_free(m);
    return NULL;
}

/* ---- main loop ---- */

static void poll_console(VirtMachine *m)
{
    uint8_t buf[64];
    size_t room = pl011_can_receive(m->uart), n;

    if (!m->cfg.serial || !m->console.read) {
        return;
    }
    n = m->console.read(m->console.opaque, buf, MIN(room, sizeof(buf)));
    if (n) {
        pl011_receive(m->uart, buf, n);
    }
    if (m->console.quit_requested && m->console.quit_requested(m->console.opaque)) {
        m->state = QUIT;
    }
}

/* The CPU waits for an interrupt: let time pass until one can come. */
static void idle(VirtMachine *m)
{
    uint64_t now = now_ns(m), next = next_deadline_ns(m);

    if (m->cfg.icount) {
        if (next != UINT64_MAX && next > now) {
            m->idle_ns += next - now;
            return;
        }
        /* No timer armed: only input can wake the guest. */
    }
    if (next > now) {
        int64_t ns = (int64_t)MIN(next - now, (uint64_t)IDLE_SLEEP_NS);

        /* Waiting on the console lets typed input end the wait. */
        if (m->cfg.serial && m->console.wait) {
            m->console.wait(m->console.opaque, ns);
        } else {
            portos_sleep_ns(ns);
        }
    }
}

/* idle(), its host time kept for -d stats. */
static void idle_counted(VirtMachine *m)
{
    int64_t t0 = portos_clock_monotonic_ns();

    idle(m);
    emu_stats.idle_waits++;
    emu_stats.idle_ns += (uint64_t)(portos_clock_monotonic_ns() - t0);
}

static int64_t timer_budget(VirtMachine *m)
{
    uint64_t now, next;
    int64_t slice = m->nb_cpus > 1 ? SMP_SLICE_INSNS : SLICE_INSNS;

    if (!m->cfg.icount) {
        return slice;
    }
    /* Stop exactly when the next timer fires, so interrupts are on time. */
    now = now_ns(m);
    next = next_deadline_ns(m);
    if (next == UINT64_MAX) {
        return slice;
    }
    if (next <= now) {
        return 1;
    }
    return (int64_t)MIN((uint64_t)slice,
                        MAX((next - now) >> m->cfg.icount_shift, 1));
}

/* Slices also end where a PMU counter overflows (then synced). */
static int64_t slice_budget(VirtMachine *m, ARMCPU *cpu)
{
    uint64_t pmu = arm_pmu_insns_to_overflow(&cpu->env);

    return (int64_t)MIN((uint64_t)timer_budget(m), MAX(pmu, 1));
}

static void run_pollers(VirtMachine *m)
{
    for (guint i = 0; m->pollers && i < m->pollers->len; i++) {
        Poller *p = &g_array_index(m->pollers, Poller, i);
        p->fn(p->opaque);
    }
}

/* The pressed power button comes up POWER_BUTTON_NS of guest time later. */
static void release_button(VirtMachine *m)
{
    if (m->button_release_ns && now_ns(m) >= m->button_release_ns) {
        m->button_release_ns = 0;
        pl061_set_input(m->gpio, VIRT_GPIO_POWER_PIN, false);
    }
}

/* Stopped: no guest instruction runs, but the world outside is served. */
static void wait_stopped(VirtMachine *m)
{
    if (m->cfg.serial && m->console.wait) {
        m->console.wait(m->console.opaque, STOPPED_POLL_NS);
    } else {
        portos_sleep_ns(STOPPED_POLL_NS);
    }
}

/*
 * One turn: each CPU that is on runs a slice, in order (a halted one
 * returns at once unless it has work).  Returns: true if every CPU
 * waits for an interrupt, so time may pass idle.
 */
static bool run_cpus(VirtMachine *m)
{
    bool busy = false;
    int r;

    for (unsigned i = 0; i < m->nb_cpus; i++) {
        ARMCPU *cpu = &m->cpu[i];

        if (cpu->powered_off) {
            continue;
        }
        m->current_cpu = i;
        if (i > 0) {
            timer_changed(&m->link[i]); /* time moved on in the last slice */
        }
        r = cpu_exec(&cpu->parent, slice_budget(m, cpu));
        arm_pmu_sync(&cpu->env);
        if (r == EXCP_DEBUG) {
            m->current_cpu = 0;
            virt_stop(m);
            if (m->debug_fn) {
                m->debug_fn(m->debug_opaque);
            }
            return false;
        }
        if (m->state != RUNNING || m->stopped) {
            m->current_cpu = 0;
            return false;
        }
        busy |= r != EXCP_HLT && r != EXCP_HALTED;
    }
    m->current_cpu = 0;
    if (busy) {
        return false;
    }
    /* Woken by a CPU that ran after it (an SGI, CPU_ON)? */
    for (unsigned i = 0; i < m->nb_cpus; i++) {
        CPUState *cs = &m->cpu[i].parent;
        if (!m->cpu[i].powered_off && (!cs->halted || cs->ops->has_work(cs))) {
            return false;
        }
    }
    return true;
}

int virt_run(VirtMachine *m)
{
    char *err = NULL;

    if (m->dumped) {
        return 0;
    }
    m->state = RUNNING;
    if (m->cfg.start_stopped) {
        virt_stop(m);   /* -S: a debugger or monitor starts it */
    }
    while (m->state == RUNNING || m->state == RESET) {
        int sig = portos_shutdown_requested();

        if (sig) {
            fprintf(stderr, "portos-arm: terminating on signal %d\n", sig);
            m->state = SIGNALLED;
            break;
        }
        if (m->state == RESET) {
            if (boot(m, &err) < 0) {
                fprintf(stderr, "portos-arm: reset failed: %s\n", err);
                g_free(err);
                return 1;
            }
            m->state = RUNNING;
        }
        poll_console(m);
        run_pollers(m);
        if (m->state != RUNNING) {
            continue;
        }
        if (m->stopped) {
            block_poll();
            wait_stopped(m);
        } else {
            bool idle_now;

            timers_changed(m);
            pl031_update(m->rtc);
            release_button(m);
            idle_now = run_cpus(m);
            block_poll(); /* completed disk requests interrupt the guest */
            if (idle_now && m->state == RUNNING) {
                idle_counted(m);
            }
        }
        if (m->console.flush) {
            m->console.flush(m->console.opaque);
        }
    }
    if (m->console.flush) {
        m->console.flush(m->console.opaque);
    }
    /* Whatever way out, every acknowledged write reaches the disk. */
    if (block_flush_all() < 0) {
        fprintf(stderr, "portos-arm: flushing the disk images failed\n");
        return 1;
    }
    return m->state == POWER_OFF || m->state == QUIT || m->state == SIGNALLED ? 0 : 1;
}

/* ---- run control ---- */

void virt_add_poller(VirtMachine *m, VirtPollFn *fn, void *opaque)
{
    Poller p = { fn, opaque };

    if (!m->pollers) {
        m->pollers = g_array_new(FALSE, FALSE, sizeof(Poller));
    }
    g_array_append_val(m->pollers, p);
}

void virt_set_debug_handler(VirtMachine *m, VirtDebugFn *fn, void *opaque)
{
    m->debug_fn = fn;
    m->debug_opaque = opaque;
}

void virt_stop(VirtMachine *m)
{
    if (!m->stopped) {
        m->stopped = true;
        m->stopped_at_ns = portos_clock_monotonic_ns();
        kick_cpus(m);
    }
}

void virt_cont(VirtMachine *m)
{
    if (m->stopped) {
        /* Guest time stood still while stopped, as QEMU's virtual clock. */
        m->host_start_ns += portos_clock_monotonic_ns() - m->stopped_at_ns;
        m->stopped = false;
    }
}

bool virt_is_stopped(const VirtMachine *m)
{
    return m->stopped;
}

void virt_system_reset(VirtMachine *m)
{
    m->state = RESET;
    kick_cpus(m);
}

void virt_quit(VirtMachine *m)
{
    m->state = QUIT;
    kick_cpus(m);
}

void virt_system_powerdown(VirtMachine *m)
{
    pl061_set_input(m->gpio, VIRT_GPIO_POWER_PIN, true);
    /* Guest time, as QEMU's virtual clock: a stopped guest holds it down. */
    m->button_release_ns = now_ns(m) + POWER_BUTTON_NS;
}

char *virt_describe_devices(VirtMachine *m)
{
    GString *s = g_string_new("bus: main-system-bus\n  type System\n");

    for (unsigned i = 0; i < m->nb_cpus; i++) {
        g_string_append_printf(s, "  dev: cortex-a15-cpu, id \"cpu%u\"\n", i);
    }
    g_string_append_printf(s, "  dev: arm_gic, mmio %08x/%08x, mmio %08x/%08x, irq -> cpu0",
                           VIRT_GIC_DIST, GIC_DIST_SIZE, VIRT_GIC_CPU, GIC_CPU_SIZE);
    for (unsigned i = 1; i < m->nb_cpus; i++) {
        g_string_append_printf(s, " cpu%u", i);
    }
    g_string_append_c(s, '\n');
    g_string_append_printf(s, "  dev: pl011, mmio %08x/%08x, irq SPI %d\n",
                           VIRT_UART, PL011_MMIO_SIZE, VIRT_SPI_UART);
    g_string_append_printf(s, "  dev: pl031, mmio %08x/%08x, irq SPI %d\n",
                           VIRT_RTC, PL031_MMIO_SIZE, VIRT_SPI_RTC);
    g_string_append_printf(s, "  dev: pl061, mmio %08x/%08x, irq SPI %d\n",
                           VIRT_GPIO, PL061_MMIO_SIZE, VIRT_SPI_GPIO);
    g_string_append_printf(s, "  dev: gpio-key, gpio pl061 pin %d (power button)\n",
                           VIRT_GPIO_POWER_PIN);
    g_string_append_printf(s, "  dev: armv7-timer, irq PPI %d %d %d %d\n", VIRT_PPI_SEC_PHYS,
                           VIRT_PPI_PHYS, VIRT_PPI_VIRT, VIRT_PPI_HYP);
    for (int slot = VIRT_MMIO_SLOTS - 1; slot >= 0; slot--) {
        int disk = VIRT_MMIO_SLOTS - 1 - slot;

        g_string_append_printf(s, "  dev: virtio-mmio, mmio %08x/%08x, irq SPI %d\n",
                               VIRT_MMIO + slot * VIRT_MMIO_SLOT, VIRT_MMIO_SLOT,
                               VIRT_SPI_MMIO + slot);
        if (disk < m->nb_blk) {
            g_string_append_printf(s, "    bus: virtio-mmio-bus.%d\n"
                                      "      dev: virtio-blk-device, drive \"%s\"%s\n",
                                   slot, m->cfg.disks[disk].id,
                                   m->cfg.disks[disk].readonly ? ", read-only" : "");
        }
    }
    return g_string_free(s, FALSE);
}

struct ARMCPU *virt_cpu(VirtMachine *m)
{
    return &m->cpu[0];
}

struct MemAddressSpace *virt_address_space(VirtMachine *m)
{
    return m->as;
}

uint64_t virt_insns(const VirtMachine *m)
{
    return total_insns(m);
}

void virt_free(VirtMachine *m)
{
    if (!m) {
        return;
    }
    for (unsigned i = 0; i < VIRT_MAX_CPUS; i++) {
        arm_cpu_destroy(&m->cpu[i]);   /* a no-op unless initialised */
    }
    exec_exit();
    for (int i = 0; i < m->nb_blk; i++) {
        virtio_blk_free(m->blk[i]);
    }
    for (int i = 0; i < m->nb_rng; i++) {
        virtio_rng_free(m->rng[i]);
    }
    for (int i = 0; i < VIRT_MAX_DISKS; i++) {
        block_close(m->disk[i]);
    }
    net_user_free(m->net);
    virtio_net_free(m->nic);
    if (m->pollers) {
        g_array_free(m->pollers, TRUE);
    }
    pl011_free(m->uart);
    pl031_free(m->rtc);
    pl061_free(m->gpio);
    arm_gic_free(m->gic);
    mem_as_free(m->as);
    g_free(m);
}
