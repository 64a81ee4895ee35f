/*
 * test-options.c - portos-arm itself (the PORTOS_ARM binary) with the
 * harness options: -machine dumpdtb's tree read back with libfdt, a
 * user -dtb validated and patched like QEMU's, if=virtio and
 * virtio-rng-device seen by a guest, -nodefaults' serial port.
 */
#include "portos-test.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>
#include <sys/wait.h>

static char *dir;

typedef struct Run {
    int status;        /* exit status, or -1 if it did not exit */
    char *out, *err;
} Run;

/* Runs portos-arm with @args (NULL-terminated), stdin from /dev/null. */
static Run run_emu(const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    const char *emu = g_getenv("PORTOS_ARM");
    GError *gerr = NULL;
    Run r = { -1, NULL, NULL };
    int ws;

    ck_assert_msg(emu != NULL, "PORTOS_ARM is not set");
    g_ptr_array_add(argv, (char *)emu);
    for (int i = 0; args[i]; i++) {
        g_ptr_array_add(argv, (char *)args[i]);
    }
    g_ptr_array_add(argv, NULL);
    ck_assert_msg(g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                               G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                               &r.out, &r.err, &ws, &gerr),
                  "%s", gerr ? gerr->message : "");
    if (WIFEXITED(ws)) {
        r.status = WEXITSTATUS(ws);
    }
    g_ptr_array_free(argv, TRUE);
    return r;
}

static void run_free(Run *r)
{
    g_free(r->out);
    g_free(r->err);
}

/* Status 1 and exactly one stderr line "portos-arm: ..." containing @needle. */
static void expect_refused(const char *const *args, const char *needle)
{
    Run r = run_emu(args);

    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(g_str_has_prefix(r.err, "portos-arm: ") && strstr(r.err, needle) &&
                  strchr(r.err, '\n') == r.err + strlen(r.err) - 1,
                  "stderr '%s' lacks '%s' or is not one line", r.err, needle);
    run_free(&r);
}

static char *path(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static void write_file(const char *name, const void *data, size_t len)
{
    char *p = path(name);

    ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
    g_free(p);
}

/* A raw A32 program: prints the DeviceID of virtio-mmio slots 31, 30, 29
   as digits and a newline on the PL011, then PSCI SYSTEM_OFF. */
static const uint32_t probe_prog[] = {
    0xe3030e08, 0xe3400a00,             /* movw/movt r0, #0x0a003e08 */
    0xe3002000, 0xe3402900,             /* movw/movt r2, #0x09000000 */
    0xe5901000, 0xe2811030, 0xe5821000, /* ldr r1, [r0]; add '0'; str */
    0xe2400c02,                         /* sub r0, r0, #0x200 */
    0xe5901000, 0xe2811030, 0xe5821000,
    0xe2400c02,
    0xe5901000, 0xe2811030, 0xe5821000,
    0xe3a0100a, 0xe5821000,             /* '\n' */
    0xe3000008, 0xe3480400,             /* r0 = 0x84000008, SYSTEM_OFF */
    0xe1400070,                         /* hvc #0 */
    0xeafffffe,                         /* b . */
};

static void setup(void)
{
    static const char disk[4096];
    static const char rd[1000] = "initrd";
    uint32_t prog[G_N_ELEMENTS(probe_prog)];

    dir = g_dir_make_tmp("portos-options-XXXXXX", NULL);
    ck_assert_ptr_nonnull(dir);
    for (size_t i = 0; i < G_N_ELEMENTS(prog); i++) {
        prog[i] = GUINT32_TO_LE(probe_prog[i]);
    }
    write_file("probe.bin", prog, sizeof(prog));
    write_file("disk.img", disk, sizeof(disk));
    write_file("rd", rd, sizeof(rd));
}

static void teardown(void)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;

    while (d && (n = g_dir_read_name(d))) {
        char *p = path(n);
        g_unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    g_rmdir(dir);
    g_free(dir);
}

/* Reads a dumped tree; checks it with libfdt. */
static void *read_dtb(const char *name, size_t *len)
{
    char *p = path(name), *data = NULL;
    gsize n = 0;

    ck_assert_msg(g_file_get_contents(p, &data, &n, NULL), "%s was not written", p);
    ck_assert_int_eq(fdt_check_header(data), 0);
    ck_assert_uint_eq(fdt_totalsize(data), n);
    g_free(p);
    *len = n;
    return data;
}

static int count_compatible(const void *fdt, const char *compat)
{
    int n = 0;

    for (int off = fdt_node_offset_by_compatible(fdt, -1, compat); off >= 0;
         off = fdt_node_offset_by_compatible(fdt, off, compat)) {
        n++;
    }
    return n;
}

static uint64_t chosen_addr(const void *fdt, const char *name, int cells)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), name, &len);

    ck_assert_msg(p != NULL, "/chosen/%s missing", name);
    ck_assert_int_eq(len, 4 * cells);
    return cells == 2 ? ((uint64_t)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1])
                      : fdt32_to_cpu(p[0]);
}

/*
 * The board's tree after /chosen patching: bootargs, the initrd where
 * QEMU puts it (RAM + min(RAM/2, 128 MiB)), the RAM size, 32 virtio-mmio
 * nodes. Devices on virtio-mmio are probed, not described (as on QEMU),
 * so adding a disk and an rng leaves the tree unchanged.
 */
START_TEST(test_dumpdtb_board)
{
    char *k = path("probe.bin"), *rd = path("rd"), *disk = path("disk.img");
    char *drive = g_strdup_printf("file=%s,format=raw,if=virtio", disk);
    const char *plain[] = { "-M", "virt,dumpdtb=", "-kernel", k, "-initrd", rd,
                            "-append", "console=ttyAMA0 root=/dev/vda", "-m", "256",
                            "-nographic", NULL };
    const char *more[] = { "-machine", "virt,accel=tcg,highmem=off,gic-version=2,dumpdtb=",
                           "-kernel", k, "-initrd", rd,
                           "-append", "console=ttyAMA0 root=/dev/vda", "-m", "256",
                           "-nographic", "-device", "virtio-rng-device", "-drive", drive,
                           "-nodefaults", "-accel", "tcg", "-name", "g", NULL };
    char *out1 = path("board.dtb"), *out2 = path("board2.dtb");
    char *arg1 = g_strconcat("virt,dumpdtb=", out1, NULL);
    char *arg2 = g_strconcat("virt,accel=tcg,highmem=off,gic-version=2,dumpdtb=", out2, NULL);
    void *fdt, *fdt2;
    size_t len, len2;
    const char *bootargs;
    const fdt32_t *reg;
    Run r;
    int lenp;

    plain[1] = arg1;
    r = run_emu(plain);
    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    ck_assert_msg(strstr(r.err, "dtb dumped to"), "%s", r.err);
    ck_assert_str_eq(r.out, "");  /* the guest never ran */
    run_free(&r);
    fdt = read_dtb("board.dtb", &len);
    bootargs = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL);
    ck_assert_ptr_nonnull(bootargs);
    ck_assert_str_eq(bootargs, "console=ttyAMA0 root=/dev/vda");
    ck_assert_uint_eq(chosen_addr(fdt, "linux,initrd-start", 2), 0x48000000u);
    ck_assert_uint_eq(chosen_addr(fdt, "linux,initrd-end", 2), 0x48000000u + 1000);
    reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/memory@40000000"), "reg", &lenp);
    ck_assert_ptr_nonnull(reg);
    ck_assert_int_eq(lenp, 16);
    ck_assert_uint_eq(fdt32_to_cpu(reg[3]), 256u << 20);
    ck_assert_int_eq(count_compatible(fdt, "virtio,mmio"), 32);
    ck_assert_int_eq(count_compatible(fdt, "arm,pl031"), 1);
    ck_assert_int_eq(count_compatible(fdt, "arm,cortex-a15-gic"), 1);

    more[1] = arg2;
    r = run_emu(more);
    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    run_free(&r);
    fdt2 = read_dtb("board2.dtb", &len2);
    ck_assert_uint_eq(len, len2);
    ck_assert_int_eq(memcmp(fdt, fdt2, len), 0);
    g_free(fdt);
    g_free(fdt2);
    g_free(out1);
    g_free(out2);
    g_free(arg1);
    g_free(arg2);
    g_free(drive);
    g_free(k);
    g_free(rd);
    g_free(disk);
}
END_TEST

/* Without a kernel, as QEMU allows: the bare tree, no bootargs. */
START_TEST(test_dumpdtb_without_kernel)
{
    char *out = path("bare.dtb");
    char *arg = g_strconcat("dumpdtb=", out, NULL);
    const char *args[] = { "-machine", arg, NULL };
    void *fdt;
    size_t len;
    Run r = run_emu(args);

    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    run_free(&r);
    fdt = read_dtb("bare.dtb", &len);
    ck_assert_int_ge(fdt_path_offset(fdt, "/chosen"), 0);
    ck_assert_ptr_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL));
    ck_assert_ptr_nonnull(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL));
    g_free(fdt);
    g_free(out);
    g_free(arg);
}
END_TEST

/* A minimal user tree: root with @cells address cells, maybe a /chosen. */
static void make_user_dtb(const char *name, int cells, const char *old_bootargs)
{
    char buf[1024];

    ck_assert_int_eq(fdt_create(buf, sizeof(buf)), 0);
    ck_assert_int_eq(fdt_finish_reservemap(buf), 0);
    ck_assert_int_eq(fdt_begin_node(buf, ""), 0);
    ck_assert_int_eq(fdt_property_u32(buf, "#address-cells", cells), 0);
    ck_assert_int_eq(fdt_property_u32(buf, "#size-cells", 1), 0);
    ck_assert_int_eq(fdt_property_string(buf, "portos-mark", "kept"), 0);
    if (old_bootargs) {
        ck_assert_int_eq(fdt_begin_node(buf, "chosen"), 0);
        ck_assert_int_eq(fdt_property_string(buf, "bootargs", old_bootargs), 0);
        ck_assert_int_eq(fdt_end_node(buf), 0);
    }
    ck_assert_int_eq(fdt_end_node(buf), 0);
    ck_assert_int_eq(fdt_finish(buf), 0);
    write_file(name, buf, fdt_totalsize(buf));
}

/* -dtb: /chosen created or patched like QEMU's, the rest kept. */
START_TEST(test_user_dtb_patched)
{
    char *k = path("probe.bin"), *rd = path("rd");
    char *u1 = path("user1.dtb"), *u2 = path("user2.dtb");
    char *o1 = path("out1.dtb"), *o2 = path("out2.dtb");
    char *m1 = g_strconcat("virt,dumpdtb=", o1, NULL), *m2 = g_strconcat("virt,dumpdtb=", o2, NULL);
    const char *a1[] = { "-M", m1, "-kernel", k, "-initrd", rd, "-append", "hello world",
                         "-dtb", u1, NULL };
    const char *a2[] = { "-M", m2, "-kernel", k, "-append", "new", "-dtb", u2, NULL };
    void *fdt;
    size_t len;
    Run r;

    make_user_dtb("user1.dtb", 1, NULL);
    r = run_emu(a1);
    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    run_free(&r);
    fdt = read_dtb("out1.dtb", &len);
    ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL),
                     "hello world");
    /* One address cell, as the root says; the initrd where QEMU puts it
       for 128 MiB of RAM (RAM + 64 MiB). */
    ck_assert_uint_eq(chosen_addr(fdt, "linux,initrd-start", 1), 0x44000000u);
    ck_assert_uint_eq(chosen_addr(fdt, "linux,initrd-end", 1), 0x44000000u + 1000);
    ck_assert_str_eq(fdt_getprop(fdt, 0, "portos-mark", NULL), "kept");
    ck_assert_int_lt(fdt_path_offset(fdt, "/memory@40000000"), 0); /* the user's tree */
    g_free(fdt);

    make_user_dtb("user2.dtb", 2, "old");
    r = run_emu(a2);
    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    run_free(&r);
    fdt = read_dtb("out2.dtb", &len);
    ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL), "new");
    ck_assert_ptr_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", NULL));
    g_free(fdt);
    g_free(k);
    g_free(rd);
    g_free(u1);
    g_free(u2);
    g_free(o1);
    g_free(o2);
    g_free(m1);
    g_free(m2);
}
END_TEST

/* Not a tree, or a truncated one: one line, status 1, nothing dumped. */
START_TEST(test_bad_dtb_refused)
{
    char *k = path("probe.bin"), *junk = path("junk.dtb"), *cut = path("cut.dtb");
    char *o = path("never.dtb"), *m = g_strconcat("virt,dumpdtb=", o, NULL);
    const char *a1[] = { "-kernel", k, "-dtb", junk, NULL };
    const char *a2[] = { "-M", m, "-kernel", k, "-dtb", cut, NULL };
    char buf[1024];

    write_file("junk.dtb", "this is not a device tree at all", 32);
    make_user_dtb("whole.dtb", 2, "some bootargs");
    {
        char *whole = path("whole.dtb"), *data;
        gsize n;

        ck_assert(g_file_get_contents(whole, &data, &n, NULL));
        memcpy(buf, data, MIN(n, sizeof(buf)));
        write_file("cut.dtb", buf, n - 20);
        g_free(data);
        g_free(whole);
    }
    expect_refused(a1, "not a valid device tree (FDT_ERR_BADMAGIC)");
    expect_refused(a2, "not a valid device tree (FDT_ERR_TRUNCATED)");
    ck_assert(!g_file_test(o, G_FILE_TEST_EXISTS));
    g_free(k);
    g_free(junk);
    g_free(cut);
    g_free(o);
    g_free(m);
}
END_TEST

START_TEST(test_dumpdtb_unwritable)
{
    char *m = g_strconcat("virt,dumpdtb=", dir, "/no-such-dir/x.dtb", NULL);
    const char *args[] = { "-M", m, NULL };

    expect_refused(args, "-machine dumpdtb=");
    g_free(m);
}
END_TEST

/*
 * A guest sees the devices: virtio-rng-device in the highest slot, then
 * the if=virtio disk (devices come after the -device ones), then none.
 */
START_TEST(test_guest_sees_virtio_devices)
{
    char *k = path("probe.bin"), *disk = path("disk.img");
    char *drive = g_strdup_printf("file=%s,format=raw,if=virtio", disk);
    const char *args[] = { "-kernel", k, "-drive", drive, "-device", "virtio-rng-device",
                           "-nographic", NULL };
    const char *none[] = { "-kernel", k, NULL };
    Run r = run_emu(args);

    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
    ck_assert_str_eq(r.out, "420\n");
    run_free(&r);
    r = run_emu(none);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "000\n");
    run_free(&r);
    g_free(k);
    g_free(disk);
    g_free(drive);
}
END_TEST

/* -nodefaults: the UART is unconnected unless -serial is given. */
START_TEST(test_nodefaults_serial)
{
    char *k = path("probe.bin");
    const char *quiet[] = { "-kernel", k, "-nodefaults", "-nographic", NULL };
    const char *loud[] = { "-kernel", k, "-nodefaults", "-serial", "stdio", NULL };
    Run r = run_emu(quiet);

    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
    r = run_emu(loud);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "000\n");
    run_free(&r);
    g_free(k);
}
END_TEST

/* Refused values: one line, status 1, before anything runs. */
START_TEST(test_refused_values)
{
    static const struct { const char *opt, *arg, *needle; } cases[] = {
        { "-accel", "kvm", "only tcg" },
        { "-machine", "virt,accel=hvf", "only tcg" },
        { "-machine", "virt,gic-version=3", "GICv3 is not modelled" },
        { "-machine", "virt,gic-version=host", "only 2" },
        { "-rtc", "base=yesterday", "-rtc: base 'yesterday'" },
        { "-rtc", "clock=tsc", "-rtc: clock 'tsc'" },
        { "-device", "virtio-rng-pci", "no PCI bus" },
        { "-drive", "file=x,if=scsi", "if=scsi is not supported" },
    };
    char *k = path("probe.bin");

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *args[] = { "-kernel", k, cases[i].opt, cases[i].arg, NULL };
        expect_refused(args, cases[i].needle);
    }
    g_free(k);
}
END_TEST

Suite *suite_options(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("portos-arm");

    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_dumpdtb_board);
    tcase_add_test(tc, test_dumpdtb_without_kernel);
    tcase_add_test(tc, test_user_dtb_patched);
    tcase_add_test(tc, test_bad_dtb_refused);
    tcase_add_test(tc, test_dumpdtb_unwritable);
    tcase_add_test(tc, test_guest_sees_virtio_devices);
    tcase_add_test(tc, test_nodefaults_serial);
    tcase_add_test(tc, test_refused_values);
    suite_add_tcase(s, tc);
    return s;
}
