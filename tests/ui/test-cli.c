/*
 * test-cli.c - the qemu-style command line: accepted forms and one-line
 * errors for everything else
 */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "portos-test.h"
#include "ui/cli.h"
#include "util/log.h"

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
    ck_assert_uint_eq(cfg.log_mask, LOG_INT | LOG_UNIMP);
    ck_assert_uint_eq(cfg.smp_cpus, 1);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -smp 8"), EMU_CLI_RUN);
    ck_assert_uint_eq(cfg.smp_cpus, 8);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -smp cpus=4,maxcpus=4"), EMU_CLI_RUN);
    ck_assert_uint_eq(cfg.smp_cpus, 4);
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
    expect_error("-kernel k -drive file=d.img,if=ide,id=a", "if=ide is not supported");
    expect_error("-kernel k -drive file=d.img", "'id' is required");
    expect_error("-kernel k -drive file=a,id=x -drive file=b,id=x", "duplicate id");
    expect_error("-kernel k -drive file=d.img,id=a", "not attached");
    expect_error("-kernel k -device virtio-blk-device,drive=nope", "drive 'nope' not found");
    expect_error("-kernel k -device e1000", "not a supported device");
    expect_error("-kernel k -drive file=d,id=a -device virtio-blk-device,drive=a "
                 "-device virtio-blk-device,drive=a", "already in use");
    expect_error("-kernel k -serial tcp::4444", "-serial: 'tcp::4444' is not supported");
    expect_error("-kernel k -serial file:", "needs a file name");
    expect_error("-kernel k -monitor tcp::4444", "-monitor: 'tcp::4444'");
    expect_error("-kernel k -monitor", "requires an argument");
    expect_error("-kernel k -mon chardev=m0", "-mon: not supported");
    expect_error("-kernel k -chardev stdio,id=c0", "-chardev: not supported");
    /* QEMU refuses two users of stdio; so do we, on one line. */
    expect_error("-kernel k -monitor stdio", "stdio is already the serial port's");
    expect_error("-kernel k -nographic -monitor stdio -serial mon:stdio", "stdio is already");
    expect_error("-kernel k -monitor stdio -serial stdio", "stdio is already");
    expect_error("-kernel k -gdb stdio", "-gdb: 'stdio' is not supported");
    expect_error("-kernel k -gdb tcp::", "-gdb: invalid port ''");
    expect_error("-kernel k -gdb tcp::0", "invalid port '0'");
    expect_error("-kernel k -gdb tcp::65536", "invalid port '65536'");
    expect_error("-kernel k -gdb tcp::12x", "invalid port '12x'");
    expect_error("-kernel k -gdb tcp:1234", "-gdb: 'tcp:1234' is not supported");
    /* fuzz-cli finding #4: an empty value has no first part. */
    expect_error("-kernel k -gdb ''", "-gdb: a device is missing");
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
    expect_error("-kernel k -D", "-D: requires an argument");
    expect_error("-kernel k -dfilter 0x10+0", "-dfilter: empty or wrapping range");
    expect_error("-kernel k -dfilter 0x10:0x20", "-dfilter: bad range");
    expect_error("-kernel k -smp 9", "-smp: '9': the CPU count must be 1..8 (virt with a GICv2)");
    expect_error("-kernel k -smp 0", "the CPU count must be 1..8");
    expect_error("-kernel k -smp cpus=", "the CPU count must be 1..8");
    expect_error("-kernel k -smp 2x", "the CPU count must be 1..8");
    expect_error("-kernel k -smp maxcpus=2", "the CPU count must be 1..8");
    expect_error("-kernel k -smp cpus=2,maxcpus=4", "maxcpus must equal cpus");
    expect_error("-kernel k -smp 2,cpus=2", "gives the CPU count twice");
    expect_error("-kernel k -smp 2,sockets=2", "-smp: invalid parameter 'sockets'");
    expect_error("-kernel k -nic tap", "-nic: 'tap' is not supported");
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

/* What test harnesses pass: accepted, with the effects QEMU gives them. */
START_TEST(test_harness_options)
{
    EmuConfig cfg;
    VirtConfig vc;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -nodefaults -accel tcg,thread=single "
                           "-machine virt,accel=tcg,highmem=off,gic-version=2 "
                           "-M accel=tcg -machine type=virt,highmem=on "
                           "-name guest0,process=portos,debug-threads=on "
                           "-rtc base=2006-06-17T16:01:21,clock=vm,driftfix=slew "
                           "-machine usb=off,secure=off,virtualization=off -vga none "
                           "-parallel none -global virtio-mmio.force-legacy=false "
                           "-L /usr/share/qemu -no-user-config -icount auto"),
                     EMU_CLI_RUN);
    ck_assert_ptr_null(err);
    ck_assert_int_eq(cfg.serial, EMU_SERIAL_NONE); /* -nodefaults: no serial */
    ck_assert_ptr_null(cfg.dumpdtb);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert(!vc.serial);
    ck_assert_int_eq(vc.rtc_base, VIRT_RTC_BASE_DATE);
    ck_assert_int_eq(vc.rtc_base_s, 1150560081);
    ck_assert_int_eq(vc.rtc_clock, VIRT_RTC_CLOCK_VM);
    ck_assert_int_eq(vc.nb_virtio, 0);
    ck_assert(vc.icount);
    ck_assert_int_eq(vc.icount_shift, 3);
    emu_cli_free(&cfg);

    /* An explicit -serial wins over -nodefaults, in either order. */
    ck_assert_int_eq(parse(&cfg, &err, "-serial stdio -nodefaults -kernel k -rtc base=2020-01-01"),
                     EMU_CLI_RUN);
    ck_assert_int_eq(cfg.serial, EMU_SERIAL_STDIO);
    ck_assert_int_eq(cfg.rtc_base_s, 1577836800);
    ck_assert_int_eq(cfg.rtc_clock, VIRT_RTC_CLOCK_DEFAULT);
    emu_cli_free(&cfg);

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -rtc base=localtime,clock=rt"), EMU_CLI_RUN);
    ck_assert_int_eq(cfg.rtc_base, VIRT_RTC_BASE_LOCALTIME);
    ck_assert_int_eq(cfg.rtc_clock, VIRT_RTC_CLOCK_RT);
    ck_assert_int_eq(cfg.serial, EMU_SERIAL_MON_STDIO);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -rtc base=utc,clock=host"), EMU_CLI_RUN);
    ck_assert_int_eq(cfg.rtc_base, VIRT_RTC_BASE_UTC);
    ck_assert_int_eq(cfg.rtc_clock, VIRT_RTC_CLOCK_HOST);
    emu_cli_free(&cfg);

    /* dumpdtb needs no kernel, as in QEMU; -append and -initrd do. */
    ck_assert_int_eq(parse(&cfg, &err, "-machine virt,dumpdtb=out.dtb"), EMU_CLI_RUN);
    ck_assert_ptr_null(cfg.kernel);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert_str_eq(vc.dumpdtb, "out.dtb");
    emu_cli_free(&cfg);
    expect_error("-M dumpdtb=o.dtb -append x", "-append only allowed with -kernel option");
    expect_error("-M dumpdtb=o.dtb -initrd x", "-initrd only allowed with -kernel option");
}
END_TEST

/*
 * virtio devices take slots in -device order, then the if=virtio drives
 * in -drive order (QEMU creates those after the -device ones).
 */
START_TEST(test_virtio_order)
{
    EmuConfig cfg;
    VirtConfig vc;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -drive file=a.img,format=raw,if=virtio "
                           "-drive file=b.img,if=virtio,index=5 -drive file=d.img,if=virtio "
                           "-drive file=c.img,format=raw,if=none,id=c "
                           "-device virtio-rng-device -device virtio-blk-device,drive=c,id=disk "
                           "-device virtio-rng-device,id=rng1"),
                     EMU_CLI_RUN);
    ck_assert_ptr_null(err);
    emu_cli_virt_config(&cfg, &vc);
    ck_assert_int_eq(vc.nb_virtio, 6);
    ck_assert_int_eq(vc.virtio[0], VIRT_VIRTIO_RNG);
    ck_assert_int_eq(vc.virtio[1], VIRT_VIRTIO_BLK);
    ck_assert_int_eq(vc.virtio[2], VIRT_VIRTIO_RNG);
    ck_assert_int_eq(vc.virtio[3], VIRT_VIRTIO_BLK);
    ck_assert_int_eq(vc.virtio[4], VIRT_VIRTIO_BLK);
    ck_assert_int_eq(vc.virtio[5], VIRT_VIRTIO_BLK);
    ck_assert_int_eq(vc.nb_disks, 4);
    ck_assert_str_eq(vc.disks[0].file, "c.img");
    ck_assert_str_eq(vc.disks[1].file, "a.img");
    ck_assert_str_eq(vc.disks[1].id, "virtio0");
    ck_assert_str_eq(vc.disks[2].file, "b.img");
    ck_assert_str_eq(vc.disks[2].id, "virtio5");
    ck_assert_str_eq(vc.disks[3].file, "d.img");
    ck_assert_str_eq(vc.disks[3].id, "virtio1"); /* the first free index */
    emu_cli_free(&cfg);
}
END_TEST

START_TEST(test_harness_errors)
{
    expect_error("-kernel k -accel kvm", "-accel: 'kvm' is not supported (only tcg");
    expect_error("-kernel k -accel hvf", "only tcg");
    expect_error("-kernel k -accel tcg,thread=many", "thread takes single or multi");
    expect_error("-kernel k -accel tcg,bogus=1", "invalid parameter 'bogus'");
    expect_error("-kernel k -machine virt,accel=kvm", "-machine accel: 'kvm' is not supported (only tcg");
    expect_error("-kernel k -machine accel=kvm:tcg", "only tcg");
    expect_error("-kernel k -machine virt,gic-version=3", "gic-version=3 is not supported (only 2: GICv3");
    expect_error("-kernel k -machine virt,gic-version=host", "no host GIC");
    expect_error("-kernel k -machine virt,gic-version=max", "only 2");
    expect_error("-kernel k -machine virt,highmem=maybe", "highmem takes on or off");
    expect_error("-kernel k -machine virt,its=off", "invalid parameter 'its'");
    expect_error("-kernel k -machine virt,secure=on", "secure=on is not supported (only off: EL3");
    expect_error("-kernel k -machine virtualization=on", "EL2 is not modelled");
    expect_error("-kernel k -machine usb=on", "no USB controller");
    expect_error("-kernel k -machine usb=maybe", "usb=maybe");
    expect_error("-kernel k -vga std", "-vga: 'std' is not supported (none)");
    expect_error("-kernel k -global virtio-mmio.force-legacy=true", "-global:");
    expect_error("-kernel k -icount autox", "-icount");
    expect_error("-kernel k -machine type=sbsa-ref", "'sbsa-ref' is not supported");
    expect_error("-kernel k -machine virt,dumpdtb=", "dumpdtb needs a file name");
    expect_error("-kernel k -rtc base=2020-13-01", "-rtc: base '2020-13-01'");
    expect_error("-kernel k -rtc base=1969-12-31", "1970-2105");
    expect_error("-kernel k -rtc base=2020-01-01T25:00:00", "YYYY-MM-DDTHH:MM:SS");
    expect_error("-kernel k -rtc base=2020-01-01T10:00", "-rtc: base");
    expect_error("-kernel k -rtc base=2020-1-1", "-rtc: base");
    expect_error("-kernel k -rtc clock=guest", "-rtc: clock 'guest' is not host, rt or vm");
    expect_error("-kernel k -rtc driftfix=fast", "driftfix");
    expect_error("-kernel k -rtc base=utc,tz=1", "invalid parameter 'tz'");
    expect_error("-kernel k -name x,colour=red", "-name: invalid parameter 'colour'");
    expect_error("-kernel k -device virtio-rng-device,rng=r0", "invalid parameter 'rng'");
    expect_error("-kernel k -device virtio-rng-pci", "no PCI bus");
    expect_error("-kernel k -device virtio-gpu-device", "not a supported device (-device help");
    expect_error("-kernel k -drive file=a,if=virtio,index=1 -drive file=b,if=virtio,index=1",
                 "index=1 is already in use");
    expect_error("-kernel k -drive file=a,if=virtio,index=32", "index must be 0..31");
    expect_error("-kernel k -drive file=a,if=none,id=a,index=0", "index= needs if=virtio");
    expect_error("-kernel k -drive file=a,if=virtio,id=v -device virtio-blk-device,drive=v",
                 "already in use");
    expect_error("-kernel k -drive file=a,if=virtio -drive file=b,if=none,id=virtio0",
                 "duplicate id 'virtio0'");
}
END_TEST

/* -cpu help and its kin print a list on @out and exit 0, like QEMU's. */
static void expect_help(const char *line, const char *needle)
{
    char *argv[4] = { (char *)"portos-arm", NULL, NULL, NULL };
    char *words = g_strdup(line), *sp = strchr(words, ' ');
    char *path = portos_test_tmpname("help");
    FILE *out = fopen(path, "w+");
    char buf[1024] = "";
    EmuConfig cfg;
    char *err = NULL;
    size_t n;

    *sp = '\0';
    argv[1] = words;
    argv[2] = sp + 1;
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(emu_cli_parse(&cfg, 3, argv, &err, out), EMU_CLI_EXIT);
    rewind(out);
    n = fread(buf, 1, sizeof(buf) - 1, out);
    buf[n] = '\0';
    ck_assert_msg(strstr(buf, needle), "'%s' printed '%s'", line, buf);
    fclose(out);
    remove(path);
    g_free(path);
    g_free(words);
    emu_cli_free(&cfg);
}

START_TEST(test_help_lists)
{
    expect_help("-cpu help", "  cortex-a15");
    expect_help("-cpu ?", "Available CPUs:");
    expect_help("-device help", "name \"virtio-rng-device\", bus virtio-bus");
    expect_help("-device help", "name \"virtio-blk-device\", bus virtio-bus");
    expect_help("-machine help", "virt ");
    expect_help("-M help", "Supported machines are:");
    expect_help("-accel help", "tcg");
}
END_TEST

START_TEST(test_serial_monitor)
{
    static const struct {
        const char *line;
        EmuSerialMode serial;
        EmuMonitorMode monitor;
        bool uart;
    } ok[] = {
        { "", EMU_SERIAL_MON_STDIO, EMU_MONITOR_DEFAULT, true },
        { "-serial stdio", EMU_SERIAL_STDIO, EMU_MONITOR_DEFAULT, true },
        { "-serial pty", EMU_SERIAL_PTY, EMU_MONITOR_DEFAULT, true },
        { "-serial null", EMU_SERIAL_NULL, EMU_MONITOR_DEFAULT, false },
        { "-serial none", EMU_SERIAL_NONE, EMU_MONITOR_DEFAULT, false },
        { "-serial file:out.txt", EMU_SERIAL_FILE, EMU_MONITOR_DEFAULT, true },
        { "-monitor none", EMU_SERIAL_STDIO, EMU_MONITOR_NONE, true },
        { "-monitor vc", EMU_SERIAL_STDIO, EMU_MONITOR_NONE, true },
        { "-monitor stdio -serial file:out.txt", EMU_SERIAL_FILE, EMU_MONITOR_STDIO, true },
        { "-serial pty -monitor stdio", EMU_SERIAL_PTY, EMU_MONITOR_STDIO, true },
        { "-monitor stdio -serial none", EMU_SERIAL_NONE, EMU_MONITOR_STDIO, false },
        { "-serial mon:stdio -monitor none", EMU_SERIAL_MON_STDIO, EMU_MONITOR_NONE, true },
        /* -nodefaults leaves stdio to the monitor. */
        { "-nodefaults -monitor stdio", EMU_SERIAL_NONE, EMU_MONITOR_STDIO, false },
        { "-monitor stdio -nodefaults -serial file:out.txt", EMU_SERIAL_FILE, EMU_MONITOR_STDIO, true },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        EmuConfig cfg;
        VirtConfig vc;
        char *err = NULL;
        char *line = g_strdup_printf("-kernel k %s", ok[i].line);

        ck_assert_msg(parse(&cfg, &err, line) == EMU_CLI_RUN, "%s: %s", line, err);
        ck_assert_int_eq(cfg.serial, ok[i].serial);
        ck_assert_int_eq(cfg.monitor, ok[i].monitor);
        emu_cli_virt_config(&cfg, &vc);
        ck_assert_int_eq(vc.serial, ok[i].uart);
        if (ok[i].serial == EMU_SERIAL_FILE) {
            ck_assert_str_eq(cfg.serial_file, "out.txt");
        }
        emu_cli_free(&cfg);
        g_free(line);
    }
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
    /* -d help lists the items and exits, with or without -kernel. */
    ck_assert_int_eq(parse(&cfg, &err, "-d help"), EMU_CLI_EXIT);
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -d int,help"), EMU_CLI_EXIT);
    emu_cli_free(&cfg);
    ck_assert_ptr_null(err);
}
END_TEST

/* -d, -D and -dfilter are kept for log_setup(); a repeated -d replaces. */
START_TEST(test_log_options)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, "-kernel k -d exec -d cpu,int -D trace.log "
                           "-dfilter 0x40010000+0x100"), EMU_CLI_RUN);
    ck_assert_uint_eq(cfg.log_mask, LOG_CPU | LOG_INT);
    ck_assert(!cfg.log_help);
    ck_assert_str_eq(cfg.log_file, "trace.log");
    ck_assert_str_eq(cfg.log_dfilter, "0x40010000+0x100");
    emu_cli_free(&cfg);
    ck_assert_int_eq(parse(&cfg, &err, "-kernel k"), EMU_CLI_RUN);
    ck_assert_uint_eq(cfg.log_mask, 0);
    ck_assert_ptr_null(cfg.log_file);
    ck_assert_ptr_null(cfg.log_dfilter);
    emu_cli_free(&cfg);
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
    tcase_add_test(tc, test_harness_options);
    tcase_add_test(tc, test_virtio_order);
    tcase_add_test(tc, test_harness_errors);
    tcase_add_test(tc, test_help_lists);
    tcase_add_test(tc, test_log_options);
    tcase_add_test(tc, test_serial_monitor);
    suite_add_tcase(s, tc);
    return s;
}
