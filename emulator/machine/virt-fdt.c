/*
 * virt-fdt.c - build the virt board's device tree with libfdt's
 * sequential-write API
 */
#include "machine/virt-fdt.h"

#include <glib.h>
#include <libfdt.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#define FDT_SIZE (64 * 1024)

/* libfdt's calls return negative FDT_ERR_* codes; the first one wins. */
typedef struct {
    void *fdt;
    int err;
} Fdt;

static void chk(Fdt *f, int r)
{
    if (r < 0 && !f->err) {
        f->err = r;
    }
}

static void begin(Fdt *f, const char *name) { chk(f, fdt_begin_node(f->fdt, name)); }
static void end(Fdt *f) { chk(f, fdt_end_node(f->fdt)); }
static void prop_str(Fdt *f, const char *n, const char *v) { chk(f, fdt_property_string(f->fdt, n, v)); }
static void prop_u32(Fdt *f, const char *n, uint32_t v) { chk(f, fdt_property_u32(f->fdt, n, v)); }
static void prop_empty(Fdt *f, const char *n) { chk(f, fdt_property(f->fdt, n, NULL, 0)); }

/* A list of strings: "a\0b\0". */
static void prop_strs(Fdt *f, const char *n, const char *const *v)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; v[i]; i++) {
        g_string_append_len(s, v[i], (gssize)strlen(v[i]) + 1);
    }
    chk(f, fdt_property(f->fdt, n, s->str, (int)s->len));
    g_string_free(s, TRUE);
}

static void prop_cells(Fdt *f, const char *n, const uint32_t *cells, int count)
{
    fdt32_t be[16];

    g_assert(count <= 16);
    for (int i = 0; i < count; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    chk(f, fdt_property(f->fdt, n, be, count * (int)sizeof(fdt32_t)));
}

/* reg with #address-cells = #size-cells = 2. */
static void prop_reg64(Fdt *f, uint64_t addr, uint64_t size)
{
    uint32_t c[4] = { (uint32_t)(addr >> 32), (uint32_t)addr,
                      (uint32_t)(size >> 32), (uint32_t)size };
    prop_cells(f, "reg", c, 4);
}

static void node_psci(Fdt *f)
{
    static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL };

    begin(f, "psci");
    prop_u32(f, "migrate", 0x84000005);
    prop_u32(f, "cpu_on", 0x84000003);
    prop_u32(f, "cpu_off", 0x84000002);
    prop_u32(f, "cpu_suspend", 0x84000001);
    prop_str(f, "method", "hvc");
    prop_strs(f, "compatible", compat);
    end(f);
}

static void node_virtio(Fdt *f, int slot)
{
    uint64_t base = VIRT_MMIO + (uint64_t)slot * VIRT_MMIO_SLOT;
    uint32_t irq[3] = { 0, VIRT_SPI_MMIO + slot, 1 /* edge rising */ };
    char *name = g_strdup_printf("virtio_mmio@%" G_GINT64_MODIFIER "x", base);

    begin(f, name);
    prop_empty(f, "dma-coherent");
    prop_cells(f, "interrupts", irq, 3);
    prop_reg64(f, base, VIRT_MMIO_SLOT);
    prop_str(f, "compatible", "virtio,mmio");
    end(f);
    g_free(name);
}

static void node_primecell(Fdt *f, const char *name, const char *compat,
                           uint64_t base, uint32_t spi, bool uart)
{
    static const char *const uart_clocks[] = { "uartclk", "apb_pclk", NULL };
    const char *const compats[] = { compat, "arm,primecell", NULL };
    uint32_t irq[3] = { 0, spi, 4 /* level high */ };
    uint32_t clocks[2] = { VIRT_PHANDLE_CLK, VIRT_PHANDLE_CLK };

    begin(f, name);
    if (uart) {
        prop_strs(f, "clock-names", uart_clocks);
        prop_cells(f, "clocks", clocks, 2);
    } else {
        prop_str(f, "clock-names", "apb_pclk");
        prop_cells(f, "clocks", clocks, 1);
    }
    prop_cells(f, "interrupts", irq, 3);
    prop_reg64(f, base, 0x1000);
    prop_strs(f, "compatible", compats);
    end(f);
}

/* The power button: QEMU's gpio-keys node and the PL061 it hangs on. */
static void node_gpio(Fdt *f, uint32_t gpio_phandle)
{
    static const char *const compats[] = { "arm,pl061", "arm,primecell", NULL };
    uint32_t gpios[3] = { gpio_phandle, VIRT_GPIO_POWER_PIN, 0 };
    uint32_t irq[3] = { 0, VIRT_SPI_GPIO, 4 /* level high */ };

    begin(f, "gpio-keys");
    prop_str(f, "compatible", "gpio-keys");
    begin(f, "poweroff");
    prop_cells(f, "gpios", gpios, 3);
    prop_u32(f, "linux,code", 116); /* KEY_POWER */
    prop_str(f, "label", "GPIO Key Poweroff");
    end(f);
    end(f);

    begin(f, "pl061@9030000");
    prop_u32(f, "phandle", gpio_phandle);
    prop_str(f, "clock-names", "apb_pclk");
    prop_u32(f, "clocks", VIRT_PHANDLE_CLK);
    prop_cells(f, "interrupts", irq, 3);
    prop_empty(f, "gpio-controller");
    prop_u32(f, "#gpio-cells", 2);
    prop_strs(f, "compatible", compats);
    prop_reg64(f, VIRT_GPIO, 0x1000);
    end(f);
}

static void node_gic(Fdt *f, uint32_t gic_phandle)
{
    uint32_t reg[8] = { 0, VIRT_GIC_DIST, 0, 0x10000, 0, VIRT_GIC_CPU, 0, 0x10000 };

    begin(f, "intc@8000000");
    prop_u32(f, "phandle", gic_phandle);
    prop_cells(f, "reg", reg, 8);
    prop_str(f, "compatible", "arm,cortex-a15-gic");
    prop_empty(f, "ranges");
    prop_u32(f, "#size-cells", 2);
    prop_u32(f, "#address-cells", 2);
    prop_empty(f, "interrupt-controller");
    prop_u32(f, "#interrupt-cells", 3);
    end(f);
}

/* One node per CPU; with several, PSCI starts the secondaries (as QEMU). */
static void node_cpus(Fdt *f, unsigned nb_cpus)
{
    begin(f, "cpus");
    prop_u32(f, "#size-cells", 0);
    prop_u32(f, "#address-cells", 1);
    for (unsigned i = 0; i < nb_cpus; i++) {
        char name[16];

        g_snprintf(name, sizeof(name), "cpu@%u", i);
        begin(f, name);
        prop_u32(f, "phandle", VIRT_PHANDLE_CPU + nb_cpus - 1 - i);
        prop_u32(f, "reg", i);
        if (nb_cpus > 1) {
            prop_str(f, "enable-method", "psci");
        }
        prop_str(f, "compatible", "arm,cortex-a15");
        prop_str(f, "device_type", "cpu");
        end(f);
    }
    end(f);
}

static void node_timer(Fdt *f, unsigned nb_cpus)
{
    /* PPIs, level-high, to every CPU: secure, non-secure, virtual, hyp. */
    uint32_t fl = ((1u << nb_cpus) - 1) << 8 | 4;
    uint32_t irq[12] = { 1, VIRT_PPI_SEC_PHYS, fl, 1, VIRT_PPI_PHYS, fl,
                         1, VIRT_PPI_VIRT, fl, 1, VIRT_PPI_HYP, fl };

    begin(f, "timer");
    prop_cells(f, "interrupts", irq, 12);
    prop_empty(f, "always-on");
    prop_str(f, "compatible", "arm,armv7-timer");
    end(f);
}

static void node_clock(Fdt *f)
{
    begin(f, "apb-pclk");
    prop_u32(f, "phandle", VIRT_PHANDLE_CLK);
    prop_str(f, "clock-output-names", "clk24mhz");
    prop_u32(f, "clock-frequency", VIRT_APB_CLK_HZ);
    prop_u32(f, "#clock-cells", 0);
    prop_str(f, "compatible", "fixed-clock");
    end(f);
}

static void node_chosen(Fdt *f, const VirtFdtConfig *cfg)
{
    begin(f, "chosen");
    prop_str(f, "stdout-path", "/pl011@9000000");
    if (cfg->cmdline) {
        prop_str(f, "bootargs", cfg->cmdline);
    }
    if (cfg->initrd_end > cfg->initrd_start) {
        chk(f, fdt_property_u64(f->fdt, "linux,initrd-start", cfg->initrd_start));
        chk(f, fdt_property_u64(f->fdt, "linux,initrd-end", cfg->initrd_end));
    }
    end(f);
}

int virt_fdt_build(const VirtFdtConfig *cfg, void **blob, size_t *size,
                   char **errmsg)
{
    Fdt f = { g_malloc0(FDT_SIZE), 0 };
    unsigned nb_cpus = cfg->nb_cpus ? cfg->nb_cpus : 1;
    /* QEMU numbers the CPUs' phandles first, then the GIC's and on. */
    uint32_t gic_phandle = VIRT_PHANDLE_CPU + nb_cpus;
    uint32_t gpio_phandle = gic_phandle + (VIRT_PHANDLE_GPIO - VIRT_PHANDLE_GIC);
    char *memname;

    chk(&f, fdt_create(f.fdt, FDT_SIZE));
    chk(&f, fdt_finish_reservemap(f.fdt));
    begin(&f, "");
    prop_u32(&f, "interrupt-parent", gic_phandle);
    prop_str(&f, "model", "linux,dummy-virt");
    prop_u32(&f, "#size-cells", 2);
    prop_u32(&f, "#address-cells", 2);
    prop_str(&f, "compatible", "linux,dummy-virt");

    node_psci(&f);
    memname = g_strdup_printf("memory@%" G_GINT64_MODIFIER "x", cfg->ram_base);
    begin(&f, memname);
    prop_reg64(&f, cfg->ram_base, cfg->ram_size);
    prop_str(&f, "device_type", "memory");
    end(&f);
    g_free(memname);
    for (int slot = 0; slot < VIRT_MMIO_SLOTS; slot++) {
        node_virtio(&f, slot);
    }
    node_gpio(&f, gpio_phandle);
    node_primecell(&f, "pl031@9010000", "arm,pl031", VIRT_RTC, VIRT_SPI_RTC, false);
    node_primecell(&f, "pl011@9000000", "arm,pl011", VIRT_UART, VIRT_SPI_UART, true);
    begin(&f, "pmu");          /* empty on 32-bit virt, as QEMU's */
    end(&f);
    node_gic(&f, gic_phandle);
    node_cpus(&f, nb_cpus);
    node_timer(&f, nb_cpus);
    node_clock(&f);
    node_chosen(&f, cfg);
    end(&f);
    chk(&f, fdt_finish(f.fdt));
    if (f.err) {
        *errmsg = g_strdup_printf("device tree: %s", fdt_strerror(f.err));
        g_free(f.fdt);
        return -1;
    }
    chk(&f, fdt_pack(f.fdt));
    *size = fdt_totalsize(f.fdt);
    *blob = f.fdt;
    return 0;
}

/* A /chosen address property: one or two cells, as the root says. */
static int set_chosen_addr(void *fdt, int node, int cells, const char *name,
                           uint64_t v)
{
    if (cells == 1) {
        return v > UINT32_MAX ? -FDT_ERR_BADVALUE
                              : fdt_setprop_u32(fdt, node, name, (uint32_t)v);
    }
    return fdt_setprop_u64(fdt, node, name, v);
}

static int patch_chosen(void *fdt, const VirtFdtConfig *cfg)
{
    int cells = fdt_address_cells(fdt, 0);
    int node = fdt_path_offset(fdt, "/chosen");
    int r = 0;

    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (node < 0) {
        return node;
    }
    if (cells < 0) {
        return cells;
    }
    if (cfg->cmdline && *cfg->cmdline) {
        r = fdt_setprop_string(fdt, node, "bootargs", cfg->cmdline);
    }
    if (r == 0 && cfg->initrd_end > cfg->initrd_start) {
        r = set_chosen_addr(fdt, node, cells, "linux,initrd-start", cfg->initrd_start);
        if (r == 0) {
            r = set_chosen_addr(fdt, node, cells, "linux,initrd-end", cfg->initrd_end);
        }
    }
    return r;
}

/*
 * Libfdt's own full check (fdt_check_full) is missing from the libfdt that
 * the cross sysroots build (arm-trusted-firmware's copy), so the walk is
 * done here with what every libfdt has: the header and its sizes, then
 * every node's name and every property's name and value, each of which
 * libfdt bounds-checks against the blob.
 */
int virt_fdt_check(const void *blob, size_t len)
{
    int node, depth = 0, r;

    if (len < sizeof(struct fdt_header)) {
        return -FDT_ERR_TRUNCATED;
    }
    r = fdt_check_header(blob);
    if (r < 0) {
        return r;
    }
    if (fdt_totalsize(blob) > len) {
        return -FDT_ERR_TRUNCATED;
    }
    for (node = 0; node >= 0; node = fdt_next_node(blob, node, &depth)) {
        int prop, plen;

        if (depth < 0) {
            return 0;   /* past the root node's end: every node was seen */
        }
        if (!fdt_get_name(blob, node, &plen)) {
            return plen < 0 ? plen : -FDT_ERR_BADSTRUCTURE;
        }
        fdt_for_each_property_offset(prop, blob, node) {
            const char *pname;

            if (!fdt_getprop_by_offset(blob, prop, &pname, &plen) || !pname) {
                return plen < 0 ? plen : -FDT_ERR_BADSTRUCTURE;
            }
        }
        if (prop != -FDT_ERR_NOTFOUND) {
            return prop;
        }
    }
    return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

int virt_fdt_from_user(const char *name, const void *data, size_t len,
                       const VirtFdtConfig *cfg, void **blob, size_t *size,
                       char **errmsg)
{
    size_t extra = 1024 + (cfg->cmdline ? strlen(cfg->cmdline) : 0);
    void *fdt;
    int r;

    /* virt_fdt_check validates the header, the sizes and every node. */
    if (len >= sizeof(fdt32_t) && fdt_magic(data) != FDT_MAGIC) {
        r = -FDT_ERR_BADMAGIC;      /* what QEMU reports for a non-tree */
    } else if (len < sizeof(struct fdt_header)) {
        r = -FDT_ERR_TRUNCATED;
    } else {
        r = virt_fdt_check(data, len);
    }
    if (r < 0) {
        *errmsg = g_strdup_printf("-dtb '%s': not a valid device tree (%s)",
                                  name, fdt_strerror(r));
        return -1;
    }
    if (fdt_totalsize(data) > INT_MAX - extra) {
        *errmsg = g_strdup_printf("-dtb '%s': device tree too large", name);
        return -1;
    }
    fdt = g_malloc(fdt_totalsize(data) + extra);
    r = fdt_open_into(data, fdt, (int)(fdt_totalsize(data) + extra));
    if (r == 0) {
        r = patch_chosen(fdt, cfg);
    }
    if (r == 0) {
        r = fdt_pack(fdt);
    }
    if (r < 0) {
        *errmsg = g_strdup_printf("-dtb '%s': cannot set /chosen: %s", name,
                                  fdt_strerror(r));
        g_free(fdt);
        return -1;
    }
    *blob = fdt;
    *size = fdt_totalsize(fdt);
    return 0;
}
