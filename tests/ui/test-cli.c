/*
 * test-cli.c - the qemu-style command line: accepted forms and one-line
 * errors for everything else
 */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "ui/cli.h"

/*
 * @line split at spaces, '...' quoting a word. Not g_shell_parse_argv():
 * it frees through g_slist_free_full(), which calls g_free as a GFunc and
 * traps on wasm (portos/glib-compat.h).
 */
static char **split_words(const char *line, int *argc)
{
    GPtrArray *words = g_ptr_array_new();
    GString *w = NULL;
    bool quoted = false;

    for (const char *p = line;; p++) {
        if (*p == '\'') {
            quoted = !quoted;
        } else if (!*p || (*p == ' ' && !quoted)) {
            if (w) {
                g_ptr_array_add(words, g_string_free(w, FALSE));
                w = NULL;
            }
            if (!*p) {
                break;
            }
            continue;
        }
        if (!w) {
            w = g_string_new(NULL);
        }
        if (*p != '\'') {
            g_string_append_c(w, *p);
        }
    }
    *argc = (int)words->len;
    g_ptr_array_add(words, NULL);
    return (char **)g_ptr_array_free(words, FALSE);
}

static EmuCliResult parse(EmuConfig *cfg, char **err, const char *line)
{
    char **argv = NULL;
    int argc = 0;
    EmuCliResult r;
    char *full = g_strconcat("portos-arm ", line, NULL);
    FILE *out = fopen("/dev/null", "w");

    argv = split_words(full, &argc);
    r = emu_cli_parse(cfg, argc, argv, err, out ? (void *)out : (void *)stdout);
    if (out) {
        fclose(out);
    }
    g_strfreev(argv);
    g_free(full);
    return r;
}

/* Parses @line, expects an error containing @needle, on one line. */
static void expect_error(const char *line, const char *needle)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, line), EMU_CLI_ERROR);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, needle), "'%s' -> '%s' lacks '%s'", line, err, needle);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
    emu_cli_free(&cfg);
}

START_TEST(test_qemu_reference_command)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err,
        "-M virt -cpu cortex-a15 -m 256 -nographic -no-reboot -kernel vmlinuz "
        "-initrd initrd.cpio.gz -append 'console=ttyAMA0 panic=-1' "
        "-drive if=none,file=disk.img,format=raw,id=d0 "
        "-device virtio-blk-device,drive=d0 -nic none"), EMU_CLI_RUN);
    ck_assert_ptr_null(err);
    ck_assert_str_eq(cfg.machine, "virt");
    ck_assert_uint_eq(cfg.ram_size, 256u << 20);
    ck_assert(cfg.nographic && cfg.no_reboot);
    ck_assert_str_eq(cfg.kernel, "vmlinuz");
    ck_assert_str_eq(cfg.initrd, "initrd.cpio.gz");
    ck_assert_str_eq(cfg.append, "console=ttyAMA0 panic=-1");
    ck_assert_int_eq(cfg.nb_drives, 1);
    ck_assert_str_eq(cfg.drives[0].file, "disk.img");
    ck_assert_int_eq(cfg.nb_blk, 1);
    ck_assert_int_eq(cfg.blk_drive[0], 0);
    emu_cli_free(&cfg);
}
END_TEST

START_TEST(test_defaults_and_flags)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -snapshot -serial stdio -cpu cortex-a15,neon=off "
                           "-icount shift=4 -d int,unimp --smp 1 -display none"),
                     EMU_CLI_RUN);
    ck_assert_uint_eq(cfg.ram_size, 128u << 20);
    ck_assert(cfg.snapshot);
    ck_assert_int_eq(cfg.serial, EMU_SERIAL_STDIO);
    ck_assert(cfg.icount);
    ck_assert_int_eq(cfg.icount_shift, 4);
    ck_assert_uint_eq(cfg.log_mask, VIRT_LOG_INT | VIRT_LOG_UNIMP);
    emu_cli_free(&cfg);
}
END_TEST

/* -s, -S, -gdb: QEMU's spellings, the host kept for the stub. */
START_TEST(test_gdb_options)
{
    EmuConfig cfg;
    VirtConfig vc;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k"), EMU_CLI_RUN);
    ck_assert_int_eq(cfg.gdb_port, -1);
    ck_assert(!cfg.start_stopped);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -s -S"), EMU_CLI_RUN);
    ck_assert_int_eq(cfg.gdb_port, 1234);
    ck_assert_ptr_null(cfg.gdb_host);
    ck_assert(cfg.start_stopped);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert(vc.start_stopped);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -gdb tcp:localhost:4321,server,nowait"),
                     EMU_CLI_RUN);
    ck_assert_int_eq(cfg.gdb_port, 4321);
    ck_assert_str_eq(cfg.gdb_host, "localhost");
    emu_cli_free(&cfg);
    /* The last one wins, as in QEMU; none turns it off. */
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -s -gdb none"), EMU_CLI_RUN);
    ck_assert_int_eq(cfg.gdb_port, -1);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -gdb tcp::1 -gdb tcp:0.0.0.0:65535"),
                     EMU_CLI_RUN);
    ck_assert_int_eq(cfg.gdb_port, 65535);
    ck_assert_str_eq(cfg.gdb_host, "0.0.0.0");
    emu_cli_free(&cfg);
}
END_TEST

START_TEST(test_sizes)
{
    uint64_t b;

    ck_assert(emu_parse_size("256", &b) && b == 256u << 20);
    ck_assert(emu_parse_size("1G", &b) && b == 1u << 30);
    ck_assert(emu_parse_size("512k", &b) && b == 512u << 10);
    ck_assert(emu_parse_size("64MB", &b) && b == 64u << 20);
    ck_assert(!emu_parse_size("0", &b));
    ck_assert(!emu_parse_size("-5", &b));
    ck_assert(!emu_parse_size("12X", &b));
    ck_assert(!emu_parse_size("", &b));
    ck_assert(!emu_parse_size("99999999999999999999G", &b));
}
END_TEST

START_TEST(test_errors)
{
    expect_error("-kernel k -frobnicate", "-frobnicate: invalid option");
    expect_error("-kernel", "-kernel: requires an argument");
    expect_error("-kernel k -m lots", "-m: invalid size 'lots'");
    expect_error("-kernel k -m 8G", "3 GiB");
    expect_error("-kernel k -M vexpress-a9", "not supported");
    expect_error("-kernel k -cpu cortex-a9", "-cpu: 'cortex-a9'");
    expect_error("-kernel k -cpu cortex-a15,neon=on", "NEON is not implemented");
    expect_error("-kernel k -cpu cortex-a15,frob=1", "not supported");
    expect_error("-m 256", "no -kernel");
    expect_error("-kernel k stray", "unexpected argument");
    expect_error("-kernel k -drive file=d.img,format=qcow2,id=a -device virtio-blk-device,drive=a", "only raw");
    expect_error("-kernel k -drive file=d.img,id=a,bogus=1", "invalid parameter 'bogus'");
    expect_error("-kernel k -drive format=raw,id=a", "'file' is required");
    expect_error("-kernel k -drive file=d.img,if=virtio,id=a", "if=virtio");
    expect_error("-kernel k -drive file=d.img", "'id' is required");
    expect_error("-kernel k -drive file=a,id=x -drive file=b,id=x", "duplicate id");
    expect_error("-kernel k -drive file=d.img,id=a", "not attached");
    expect_error("-kernel k -device virtio-blk-device,drive=nope", "drive 'nope' not found");
    expect_error("-kernel k -device e1000", "not a supported device");
    expect_error("-kernel k -drive file=d,id=a -device virtio-blk-device,drive=a "
                 "-device virtio-blk-device,drive=a", "already in use");
    expect_error("-kernel k -serial pty", "-serial: 'pty'");
    expect_error("-kernel k -gdb stdio", "-gdb: 'stdio' is not supported");
    expect_error("-kernel k -gdb tcp::", "-gdb: invalid port ''");
    expect_error("-kernel k -gdb tcp::0", "invalid port '0'");
    expect_error("-kernel k -gdb tcp::65536", "invalid port '65536'");
    expect_error("-kernel k -gdb tcp::12x", "invalid port '12x'");
    expect_error("-kernel k -gdb tcp:1234", "-gdb: 'tcp:1234' is not supported");
    expect_error("-kernel k -gdb tcp::1234,reconnect=1", "option 'reconnect=1'");
    expect_error("-kernel k -gdb", "-gdb: requires an argument");
    expect_error("-kernel k -icount shift=99", "-icount");
    expect_error("-kernel k -icount shift=", "-icount: shift must be 0..10 or auto, not ''");
    expect_error("-kernel k -icount shift=3x", "not '3x'");
    expect_error("-kernel k -icount 3x", "not '3x'");
    expect_error("-kernel k -icount shift=-1", "not '-1'");
    expect_error("-kernel k -icount shift=2,bogus=1", "-icount: invalid parameter 'bogus'");
    expect_error("-kernel k -drive file=d.img,id=a,file.locking=maybe "
                 "-device virtio-blk-device,drive=a", "file.locking takes on, off or auto, not 'maybe'");
    expect_error("-kernel k -d everything", "unknown log item");
    expect_error("-kernel k -smp 4", "one CPU");
    expect_error("-kernel k -nic user", "-nic");
}
END_TEST

/* QEMU rounds -m up to 8 KiB: -m 4k is 8 KiB of RAM, not "0 MiB". */
START_TEST(test_ram_rounding)
{
    static const struct { const char *arg; uint64_t bytes; } cases[] = {
        { "4k", 8192 }, { "1k", 8192 }, { "8k", 8192 }, { "12k", 16384 },
        { "1000k", 1024000 }, { "1025k", 1056768 }, { "size=256", 256u << 20 },
        { "1G", 1u << 30 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        EmuConfig cfg;
        char *err = NULL;
        char *line = g_strdup_printf("-kernel k -m %s", cases[i].arg);

        ck_assert_int_eq(parse(&cfg, &err, line), EMU_CLI_RUN);
        ck_assert_msg(cfg.ram_size == cases[i].bytes, "-m %s: %llu", cases[i].arg,
                      (unsigned long long)cfg.ram_size);
        emu_cli_free(&cfg);
        g_free(line);
    }
    expect_error("-kernel k -m 3145729k", "3 GiB");
    expect_error("-kernel k -m 17179869183G", "-m");
}
END_TEST

START_TEST(test_drive_locking)
{
    static const struct { const char *v; VirtLocking l; } cases[] = {
        { "", VIRT_LOCKING_AUTO }, { ",file.locking=auto", VIRT_LOCKING_AUTO },
        { ",file.locking=on", VIRT_LOCKING_ON }, { ",file.locking=off", VIRT_LOCKING_OFF },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        EmuConfig cfg;
        char *err = NULL;
        char *line = g_strdup_printf("-kernel k -drive file=d.img,format=raw,if=none,id=a%s "
                                     "-device virtio-blk-device,drive=a", cases[i].v);

        ck_assert_int_eq(parse(&cfg, &err, line), EMU_CLI_RUN);
        ck_assert_int_eq(cfg.drives[0].locking, cases[i].l);
        emu_cli_free(&cfg);
        g_free(line);
    }
}
END_TEST

/* The board's configuration: attached drives in -device order, -snapshot on each. */
START_TEST(test_virt_config)
{
    EmuConfig cfg;
    VirtConfig vc;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel zImage -m 64 -initrd rd -append 'console=ttyAMA0' "
                           "-no-reboot -snapshot -serial none -icount shift=3 -d int,guest_errors "
                           "-drive file=a.img,format=raw,if=none,id=a,readonly=on "
                           "-drive file=b.img,format=raw,if=none,id=b,file.locking=off "
                           "-device virtio-blk-device,drive=b -device virtio-blk-device,drive=a"),
                     EMU_CLI_RUN);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert_uint_eq(vc.ram_size, 64u << 20);
    ck_assert_str_eq(vc.kernel, "zImage");
    ck_assert_str_eq(vc.initrd, "rd");
    ck_assert_str_eq(vc.append, "console=ttyAMA0");
    ck_assert_ptr_null(vc.dtb);
    ck_assert(vc.no_reboot);
    ck_assert(!vc.serial);
    ck_assert(vc.icount);
    ck_assert_int_eq(vc.icount_shift, 3);
    ck_assert_uint_eq(vc.log_mask, VIRT_LOG_INT | VIRT_LOG_GUEST_ERROR);
    ck_assert_int_eq(vc.nb_disks, 2);
    ck_assert_str_eq(vc.disks[0].file, "b.img");
    ck_assert_str_eq(vc.disks[0].id, "b");
    ck_assert(!vc.disks[0].readonly);
    ck_assert_int_eq(vc.disks[0].locking, VIRT_LOCKING_OFF);
    ck_assert_str_eq(vc.disks[1].file, "a.img");
    ck_assert(vc.disks[1].readonly);
    ck_assert_int_eq(vc.disks[1].locking, VIRT_LOCKING_AUTO);
    ck_assert(vc.disks[0].snapshot && vc.disks[1].snapshot);
    emu_cli_free(&cfg);

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -serial mon:stdio "
                           "-drive file=c.img,format=raw,if=none,id=c,snapshot=on "
                           "-drive file=d.img,format=raw,if=none,id=d "
                           "-device virtio-blk-device,drive=d -device virtio-blk-device,drive=c"),
                     EMU_CLI_RUN);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert(vc.serial);
    ck_assert(!vc.no_reboot && !vc.icount);
    ck_assert_int_eq(vc.nb_disks, 2);
    ck_assert(!vc.disks[0].snapshot);
    ck_assert(vc.disks[1].snapshot);
    emu_cli_free(&cfg);
    ck_assert_ptr_null(err);
}
END_TEST

START_TEST(test_help_version)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-help"), EMU_CLI_EXIT);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-version"), EMU_CLI_EXIT);
    emu_cli_free(&cfg);
    ck_assert_ptr_null(err);
}
END_TEST

Suite *suite_cli(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, test_qemu_reference_command);
    tcase_add_test(tc, test_defaults_and_flags);
    tcase_add_test(tc, test_gdb_options);
    tcase_add_test(tc, test_sizes);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_ram_rounding);
    tcase_add_test(tc, test_drive_locking);
    tcase_add_test(tc, test_virt_config);
    tcase_add_test(tc, test_help_version);
    suite_add_tcase(s, tc);
    return s;
}
