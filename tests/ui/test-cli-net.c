/*
 * test-cli-net.c - -nic, -netdev and -device virtio-net-device: what the
 * board gets from them (slot order, MAC, hostfwd rules) and one-line
 * errors; in builds without user networking, the refusal.
 */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "net/net.h"
#include "ui/cli.h"

/* @line split at spaces (no quoting needed here). */
static EmuCliResult parse(EmuConfig *cfg, char **err, const char *line)
{
    char *full = g_strconcat("portos-arm ", line, NULL);
    char **argv = g_strsplit(full, " ", -1);
    EmuCliResult r = emu_cli_parse(cfg, (int)g_strv_length(argv), argv, err,
                                   stdout);

    g_strfreev(argv);
    g_free(full);
    return r;
}

static void expect_error(const char *line, const char *needle)
{
    EmuConfig cfg;
    char *err = NULL;

    ck_assert_int_eq(parse(&cfg, &err, line), EMU_CLI_ERROR);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, needle), "'%s' -> '%s' lacks '%s'", line, err,
                  needle);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
    emu_cli_free(&cfg);
}

/* Parse @line (must succeed) into the board's configuration @vc. */
static void board(const char *line, EmuConfig *cfg, VirtConfig *vc)
{
    char *err = NULL;

    ck_assert_msg(parse(cfg, &err, line) == EMU_CLI_RUN, "'%s': %s", line,
                  err ? err : "");
    emu_cli_virt_config(cfg, vc);
}

/* The virtio devices in slot order, as letters: "BNR" = blk, net, rng. */
static void check_order(const VirtConfig *vc, const char *want)
{
    GString *got = g_string_new(NULL);

    for (int i = 0; i < vc->nb_virtio; i++) {
        g_string_append_c(got, vc->virtio[i] == VIRT_VIRTIO_BLK ? 'B' :
                               vc->virtio[i] == VIRT_VIRTIO_NET ? 'N' : 'R');
    }
    ck_assert_str_eq(got->str, want);
    g_string_free(got, TRUE);
}

static void check_mac(const VirtConfig *vc, const char *want)
{
    char *got = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", vc->nic.mac[0],
                                vc->nic.mac[1], vc->nic.mac[2], vc->nic.mac[3],
                                vc->nic.mac[4], vc->nic.mac[5]);

    ck_assert_str_eq(got, want);
    g_free(got);
}

START_TEST(test_nic_user)
{
    EmuConfig cfg;
    VirtConfig vc;
    const NetHostFwd *f;

    if (!net_user_available()) {
        expect_error("-kernel k -nic user", "user networking is not available in this build");
        expect_error("-kernel k -netdev user,id=n0 -device virtio-net-device,netdev=n0",
                     "user networking is not available in this build");
        return;
    }
    /* -nic goes after the -device devices and if=virtio drives. */
    board("-kernel k -nic user,hostfwd=tcp::2222-:22,hostfwd=tcp:127.0.0.1:8080-10.0.2.16:80,"
          "hostfwd=udp::5353-:53,model=virtio-net-device -drive file=e,if=virtio "
          "-drive file=d,if=none,id=d0 -device virtio-blk-device,drive=d0 "
          "-device virtio-rng-device", &cfg, &vc);
    check_order(&vc, "BRBN");
    check_mac(&vc, "52:54:00:12:34:56");
    ck_assert(!vc.nic.user.restricted);
    ck_assert_int_eq(vc.nic.user.nb_fwd, 3);
    f = &vc.nic.user.fwd[0];
    ck_assert(!f->udp && f->host_addr == 0 && f->host_port == 2222 &&
              f->guest_addr == 0 && f->guest_port == 22);
    f = &vc.nic.user.fwd[1];
    ck_assert(!f->udp && f->host_addr == 0x7f000001 && f->host_port == 8080 &&
              f->guest_addr == 0x0a000210 && f->guest_port == 80);
    f = &vc.nic.user.fwd[2];
    ck_assert(f->udp && f->host_port == 5353 && f->guest_port == 53);
    emu_cli_free(&cfg);

    board("-kernel k -nic user,model=virtio,mac=02:00:00:00:00:01,restrict=on", &cfg, &vc);
    check_mac(&vc, "02:00:00:00:00:01");
    ck_assert(vc.nic.user.restricted);
    check_order(&vc, "N");
    emu_cli_free(&cfg);

    board("-kernel k -nic none -net none", &cfg, &vc);
    check_order(&vc, "");
    emu_cli_free(&cfg);
}
END_TEST

/* -device virtio-net-device takes its slot in -device order, as QEMU. */
START_TEST(test_netdev_device)
{
    EmuConfig cfg;
    VirtConfig vc;

    if (!net_user_available()) {
        return;
    }
    board("-kernel k -drive file=a,if=none,id=d0 -drive file=b,if=none,id=d1 "
          "-device virtio-blk-device,drive=d0 "
          "-device virtio-net-device,netdev=n0,mac=52:54:00:AA:bb:cc "
          "-device virtio-blk-device,drive=d1 "
          "-netdev user,id=n0,hostfwd=tcp::2222-:22,restrict=off", &cfg, &vc);
    check_order(&vc, "BNB");
    check_mac(&vc, "52:54:00:aa:bb:cc");
    ck_assert_int_eq(vc.nic.user.nb_fwd, 1);
    ck_assert_int_eq(vc.nic.user.fwd[0].host_port, 2222);
    emu_cli_free(&cfg);

    board("-kernel k -netdev user,id=n0 -device virtio-net-device,netdev=n0", &cfg, &vc);
    check_order(&vc, "N");
    check_mac(&vc, "52:54:00:12:34:56");
    ck_assert_int_eq(vc.nic.user.nb_fwd, 0);
    emu_cli_free(&cfg);
}
END_TEST

START_TEST(test_errors)
{
    /* Refused whatever the build. */
    expect_error("-kernel k -nic tap", "-nic: 'tap' is not supported (only user networking)");
    expect_error("-kernel k -netdev tap,id=n0", "-netdev: 'tap' is not supported");
    expect_error("-kernel k -nic ", "-nic: the backend type is missing");
    expect_error("-kernel k -netdev ,id=n0", "-netdev: the backend type is missing");
    expect_error("-kernel k -netdev bridge,id=n0,br=br0", "'bridge' is not supported");
    expect_error("-kernel k -net user", "-net: 'user' is not supported");
    expect_error("-kernel k -net nic", "-net: 'nic' is not supported");
    expect_error("-kernel k -device virtio-net-device", "'netdev' is required");
    expect_error("-kernel k -device virtio-net-device,netdev=n9", "netdev 'n9' not found");
    expect_error("-kernel k -device virtio-net-device,netdev=n0,bogus=1", "invalid parameter 'bogus'");
    if (!net_user_available()) {
        return;
    }
    expect_error("-kernel k -netdev user", "'id' is required");
    expect_error("-kernel k -netdev user,id=n0", "-netdev id=n0 is not attached");
    expect_error("-kernel k -netdev user,id=n0 -netdev user,id=n0", "duplicate id 'n0'");
    expect_error("-kernel k -nic user -nic user", "only one network device");
    expect_error("-kernel k -netdev user,id=n0 -device virtio-net-device,netdev=n0 -nic user",
                 "only one network device");
    expect_error("-kernel k -nic user -netdev user,id=n0 -device virtio-net-device,netdev=n0",
                 "only one network device");
    expect_error("-kernel k -nic user,model=e1000", "model=e1000 is not supported");
    expect_error("-kernel k -nic user,bogus=1", "-nic: invalid parameter 'bogus'");
    expect_error("-kernel k -netdev user,id=n0,model=virtio", "invalid parameter 'model'");
    expect_error("-kernel k -nic user,restrict=maybe", "restrict takes on or off");
    expect_error("-kernel k -nic user,mac=52:54:00:12:34", "not a unicast MAC address");
    expect_error("-kernel k -nic user,mac=01:00:5e:00:00:01", "not a unicast MAC address");
    expect_error("-kernel k -nic user,mac=52:54:00:12:34:5g", "not a unicast MAC address");
    expect_error("-kernel k -nic user,hostfwd=tcp::2222", "hostfwd=tcp::2222: want");
    expect_error("-kernel k -nic user,hostfwd=sctp::1-:2", "the protocol is tcp or udp");
    expect_error("-kernel k -nic user,hostfwd=tcp::0-:22", "ports 1-65535");
    expect_error("-kernel k -nic user,hostfwd=tcp::65536-:22", "ports 1-65535");
    expect_error("-kernel k -nic user,hostfwd=tcp::22-:", "want");
    expect_error("-kernel k -nic user,hostfwd=tcp:256.0.0.1:22-:22", "IPv4");
    expect_error("-kernel k -nic user,hostfwd=tcp:1.2.3:22-:22", "IPv4");
    expect_error("-kernel k -nic user,hostfwd=tcp::22-1.2.3.4.5:22", "IPv4");
    expect_error("-kernel k -nic user,hostfwd=tcp::1-:1,hostfwd=tcp::2-:2,hostfwd=tcp::3-:3,"
                 "hostfwd=tcp::4-:4,hostfwd=tcp::5-:5,hostfwd=tcp::6-:6,hostfwd=tcp::7-:7,"
                 "hostfwd=tcp::8-:8,hostfwd=tcp::9-:9", "at most 8 hostfwd rules");
}
END_TEST

Suite *suite_cli_net(void)
{
    Suite *s = suite_create("cli-net");
    TCase *tc = tcase_create("net");

    tcase_add_test(tc, test_nic_user);
    tcase_add_test(tc, test_netdev_device);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
