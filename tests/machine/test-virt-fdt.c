/*
 * test-virt-fdt.c - the generated device tree reads back with libfdt and
 * matches QEMU's virt layout for what the board models
 */
#include <check.h>
#include <stdbool.h>
#include <glib.h>
#include <libfdt.h>
#include <string.h>

#include "machine/virt-fdt.h"

static void *blob;

static void build(const char *cmdline, uint64_t istart, uint64_t iend)
{
    VirtFdtConfig cfg = { 0x40000000, 256u << 20, cmdline, istart, iend };
    size_t size;
    char *err = NULL;

    ck_assert_int_eq(virt_fdt_build(&cfg, &blob, &size, &err), 0);
    ck_assert_ptr_null(err);
    ck_assert_int_eq(fdt_check_header(blob), 0);
    ck_assert_uint_eq(fdt_totalsize(blob), size);
}

static const void *prop(const char *path, const char *name, int *len)
{
    int node = fdt_path_offset(blob, path);

    ck_assert_msg(node >= 0, "node %s missing", path);
    return fdt_getprop(blob, node, name, len);
}

static uint32_t cell(const void *p, int i)
{
    return fdt32_to_cpu(((const fdt32_t *)p)[i]);
}

START_TEST(test_layout)
{
    int len;
    const void *p;

    build("console=ttyAMA0", 0x48000000, 0x48100000);
    ck_assert_str_eq(prop("/", "compatible", &len), "linux,dummy-virt");
    p = prop("/memory@40000000", "reg", &len);
    ck_assert_int_eq(len, 16);
    ck_assert_uint_eq(cell(p, 1), 0x40000000);
    ck_assert_uint_eq(cell(p, 3), 256u << 20);
    ck_assert_str_eq(prop("/psci", "method", &len), "hvc");
    ck_assert_uint_eq(cell(prop("/psci", "cpu_off", &len), 0), 0x84000002);
    ck_assert_str_eq(prop("/chosen", "bootargs", &len), "console=ttyAMA0");
    ck_assert_str_eq(prop("/chosen", "stdout-path", &len), "/pl011@9000000");
    p = prop("/chosen", "linux,initrd-start", &len);
    ck_assert_int_eq(len, 8);
    ck_assert_uint_eq(cell(p, 1), 0x48000000);
    ck_assert_uint_eq(cell(prop("/chosen", "linux,initrd-end", &len), 1), 0x48100000);
    p = prop("/pl011@9000000", "interrupts", &len);
    ck_assert_uint_eq(cell(p, 1), 1);
    ck_assert_uint_eq(cell(prop("/pl031@9010000", "interrupts", &len), 1), 2);
    ck_assert_str_eq(prop("/intc@8000000", "compatible", &len), "arm,cortex-a15-gic");
    ck_assert_uint_eq(cell(prop("/intc@8000000", "phandle", &len), 0), 0x8002);
    ck_assert_str_eq(prop("/cpus/cpu@0", "compatible", &len), "arm,cortex-a15");
    p = prop("/timer", "interrupts", &len);
    ck_assert_int_eq(len, 48);
    ck_assert_uint_eq(cell(p, 7), 11); /* virtual timer PPI */
    ck_assert_uint_eq(cell(prop("/apb-pclk", "clock-frequency", &len), 0), 24000000);
    /* The highest virtio slot, where QEMU puts the first disk. */
    p = prop("/virtio_mmio@a003e00", "interrupts", &len);
    ck_assert_uint_eq(cell(p, 1), 47);
    ck_assert_ptr_nonnull(prop("/virtio_mmio@a000000", "reg", &len));
    /* The power button, as QEMU describes it: gpio-keys on PL061 pin 3. */
    ck_assert_uint_eq(cell(prop("/pl061@9030000", "interrupts", &len), 1), 7);
    ck_assert_uint_eq(cell(prop("/pl061@9030000", "phandle", &len), 0), 0x8004);
    ck_assert_ptr_nonnull(prop("/pl061@9030000", "gpio-controller", &len));
    ck_assert_uint_eq(cell(prop("/pl061@9030000", "reg", &len), 1), 0x09030000);
    ck_assert_str_eq(prop("/gpio-keys", "compatible", &len), "gpio-keys");
    p = prop("/gpio-keys/poweroff", "gpios", &len);
    ck_assert_int_eq(len, 12);
    ck_assert_uint_eq(cell(p, 0), 0x8004);
    ck_assert_uint_eq(cell(p, 1), 3);
    ck_assert_uint_eq(cell(prop("/gpio-keys/poweroff", "linux,code", &len), 0), 116);
    /* Devices the board does not model are not described. */
    ck_assert_int_lt(fdt_path_offset(blob, "/pcie@10000000"), 0);
    ck_assert_int_lt(fdt_path_offset(blob, "/flash@0"), 0);
    g_free(blob);
}
END_TEST

START_TEST(test_no_initrd_no_cmdline)
{
    int len;

    build(NULL, 0, 0);
    ck_assert_ptr_null(prop("/chosen", "bootargs", &len));
    ck_assert_ptr_null(prop("/chosen", "linux,initrd-start", &len));
    g_free(blob);
}
END_TEST

/* -smp 4: the nodes and numbers QEMU's virt gives four CPUs. */
START_TEST(test_four_cpus)
{
    VirtFdtConfig cfg = { 0x40000000, 256u << 20, NULL, 0, 0, 4 };
    size_t size;
    char *err = NULL;
    int len;
    const void *p;

    ck_assert_int_eq(virt_fdt_build(&cfg, &blob, &size, &err), 0);
    for (unsigned i = 0; i < 4; i++) {
        char path[32];

        g_snprintf(path, sizeof(path), "/cpus/cpu@%u", i);
        ck_assert_uint_eq(cell(prop(path, "reg", &len), 0), i);
        ck_assert_uint_eq(cell(prop(path, "phandle", &len), 0), 0x8004 - i);
        ck_assert_str_eq(prop(path, "enable-method", &len), "psci");
    }
    ck_assert_int_lt(fdt_path_offset(blob, "/cpus/cpu@4"), 0);
    ck_assert_uint_eq(cell(prop("/intc@8000000", "phandle", &len), 0), 0x8005);
    ck_assert_uint_eq(cell(prop("/", "interrupt-parent", &len), 0), 0x8005);
    ck_assert_uint_eq(cell(prop("/pl061@9030000", "phandle", &len), 0), 0x8007);
    ck_assert_uint_eq(cell(prop("/gpio-keys/poweroff", "gpios", &len), 0), 0x8007);
    p = prop("/timer", "interrupts", &len);
    ck_assert_int_eq(len, 48);
    for (int i = 0; i < 4; i++) {
        ck_assert_uint_eq(cell(p, 3 * i + 2), 0xf04);   /* PPI mask: 4 CPUs */
    }
    g_free(blob);
    /* One CPU: no enable-method, as QEMU. */
    cfg.nb_cpus = 1;
    ck_assert_int_eq(virt_fdt_build(&cfg, &blob, &size, &err), 0);
    ck_assert_ptr_null(prop("/cpus/cpu@0", "enable-method", &len));
    ck_assert_uint_eq(cell(prop("/timer", "interrupts", &len), 2), 0x104);
    g_free(blob);
}
END_TEST

START_TEST(test_huge_cmdline_fails_cleanly)
{
    VirtFdtConfig cfg = { 0x40000000, 256u << 20, NULL, 0, 0 };
    char *line = g_malloc(100000);
    size_t size;
    char *err = NULL;

    memset(line, 'x', 99999);
    line[99999] = 0;
    cfg.cmdline = line;
    ck_assert_int_eq(virt_fdt_build(&cfg, &blob, &size, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "device tree"));
    g_free(err);
    g_free(line);
}
END_TEST

/* A user's tree: one cell per address, an unrelated /chosen property. */
static void *user_tree(bool with_chosen, size_t *len)
{
    void *fdt = g_malloc0(4096);

    ck_assert_int_eq(fdt_create(fdt, 4096), 0);
    ck_assert_int_eq(fdt_finish_reservemap(fdt), 0);
    ck_assert_int_eq(fdt_begin_node(fdt, ""), 0);
    ck_assert_int_eq(fdt_property_u32(fdt, "#address-cells", 1), 0);
    ck_assert_int_eq(fdt_property_string(fdt, "model", "mine"), 0);
    if (with_chosen) {
        ck_assert_int_eq(fdt_begin_node(fdt, "chosen"), 0);
        ck_assert_int_eq(fdt_property_string(fdt, "stdout-path", "/uart"), 0);
        ck_assert_int_eq(fdt_property_string(fdt, "bootargs", "old"), 0);
        ck_assert_int_eq(fdt_end_node(fdt), 0);
    }
    ck_assert_int_eq(fdt_end_node(fdt), 0);
    ck_assert_int_eq(fdt_finish(fdt), 0);
    *len = fdt_totalsize(fdt);
    return fdt;
}

START_TEST(test_user_dtb_patched)
{
    VirtFdtConfig cfg = { 0x40000000, 256u << 20, "console=ttyAMA0", 0x48000000, 0x48100000 };
    size_t len, size;
    char *err = NULL;
    void *user;
    const void *p;
    int n;

    for (int with_chosen = 0; with_chosen < 2; with_chosen++) {
        user = user_tree(with_chosen, &len);
        ck_assert_int_eq(virt_fdt_from_user("u.dtb", user, len, &cfg, &blob, &size, &err), 0);
        ck_assert_ptr_null(err);
        ck_assert_int_eq(virt_fdt_check(blob, size), 0);
        ck_assert_str_eq(prop("/", "model", &n), "mine");
        ck_assert_str_eq(prop("/chosen", "bootargs", &n), "console=ttyAMA0");
        /* #address-cells = 1: one cell each, as QEMU writes them. */
        p = prop("/chosen", "linux,initrd-start", &n);
        ck_assert_int_eq(n, 4);
        ck_assert_uint_eq(cell(p, 0), 0x48000000);
        ck_assert_uint_eq(cell(prop("/chosen", "linux,initrd-end", &n), 0), 0x48100000);
        if (with_chosen) {
            ck_assert_str_eq(prop("/chosen", "stdout-path", &n), "/uart");
        }
        g_free(blob);
        g_free(user);
    }
    /* No command line, no initrd: the user's /chosen is left as it is. */
    cfg = (VirtFdtConfig){ 0x40000000, 256u << 20, NULL, 0, 0 };
    user = user_tree(true, &len);
    ck_assert_int_eq(virt_fdt_from_user("u.dtb", user, len, &cfg, &blob, &size, &err), 0);
    ck_assert_str_eq(prop("/chosen", "bootargs", &n), "old");
    ck_assert_ptr_null(prop("/chosen", "linux,initrd-start", &n));
    g_free(blob);
    g_free(user);
}
END_TEST

static void expect_user_error(const void *data, size_t len, const char *needle)
{
    VirtFdtConfig cfg = { 0x40000000, 256u << 20, "x", 0, 0 };
    size_t size;
    char *err = NULL;
    void *out = NULL;

    ck_assert_int_eq(virt_fdt_from_user("bad.dtb", data, len, &cfg, &out, &size, &err), -1);
    ck_assert_ptr_null(out);
    ck_assert_msg(err && strstr(err, needle), "'%s' lacks '%s'", err, needle);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
}

START_TEST(test_user_dtb_refused)
{
    static const char junk[] = "not a device tree, just some text that is long enough";
    size_t len;
    uint8_t *user = user_tree(true, &len);

    expect_user_error(junk, sizeof(junk), "-dtb 'bad.dtb': not a valid device tree (FDT_ERR_BADMAGIC)");
    expect_user_error(user, 8, "not a valid device tree");
    expect_user_error(user, len - 1, "not a valid device tree");
    /* A structure block that runs past its own end. */
    user[fdt_off_dt_struct(user) + 3] = 0x7;
    expect_user_error(user, len, "not a valid device tree");
    g_free(user);
}
END_TEST

Suite *suite_virt_fdt(void)
{
    Suite *su = suite_create("virt-fdt");
    TCase *tc = tcase_create("fdt");

    tcase_add_test(tc, test_layout);
    tcase_add_test(tc, test_no_initrd_no_cmdline);
    tcase_add_test(tc, test_four_cpus);
    tcase_add_test(tc, test_huge_cmdline_fails_cleanly);
    tcase_add_test(tc, test_user_dtb_patched);
    tcase_add_test(tc, test_user_dtb_refused);
    suite_add_tcase(su, tc);
    return su;
}
