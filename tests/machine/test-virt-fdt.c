/*
 * test-virt-fdt.c - the generated device tree reads back with libfdt and
 * matches QEMU's virt layout for what the board models
 */
#include <check.h>
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

Suite *suite_virt_fdt(void)
{
    Suite *su = suite_create("virt-fdt");
    TCase *tc = tcase_create("fdt");

    tcase_add_test(tc, test_layout);
    tcase_add_test(tc, test_no_initrd_no_cmdline);
    tcase_add_test(tc, test_huge_cmdline_fails_cleanly);
    suite_add_tcase(su, tc);
    return su;
}
