/*
 * cli.c - qemu-system-arm style option parsing
 */
#include "ui/cli.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "net/net.h"
#include "util/log.h"

#define PROG "portos-arm"

static const char usage_text[] =
    "usage: " PROG " [options]\n"
    "  -M, -machine virt[,accel=tcg][,highmem=on|off][,gic-version=2][,dumpdtb=FILE]\n"
    "                           the board (QEMU virt memory map)\n"
    "  -accel tcg               the only accelerator (an interpreter)\n"
    "  -cpu cortex-a15          the CPU model\n"
    "  -m SIZE                  guest RAM: 256, 256M, 1G (default 128M; 8k units)\n"
    "  -kernel FILE             zImage, raw Image or ELF to boot\n"
    "  -initrd FILE             initial ramdisk\n"
    "  -append CMDLINE          kernel command line\n"
    "  -dtb FILE                use this device tree instead of generating one\n"
    "  -drive file=F,format=raw,if=none,id=ID[,readonly=on][,snapshot=on]\n"
    "         [,file.locking=auto|on|off]  lock the image against other users\n"
    "  -drive file=F,format=raw,if=virtio[,index=N]  a disk with its own device\n"
    "  -device virtio-blk-device,drive=ID | virtio-rng-device | help\n"
    "  -nic user[,hostfwd=tcp:[ADDR]:PORT-:GPORT][,restrict=on][,mac=M]\n"
    "       [,model=virtio-net-device]  a virtio NIC on a user-mode network\n"
    "  -netdev user,id=ID[,hostfwd=...][,restrict=on]\n"
    "  -device virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]\n"
    "  -smp N, -smp cpus=N[,maxcpus=N]  N CPUs (1..8), started by PSCI CPU_ON\n"
    "  -snapshot                write to temporary copies of the disk images\n"
    "  -nographic               no display; the serial port is on stdio\n"
    "  -serial stdio|mon:stdio|file:F|pty|null|none\n"
    "  -monitor stdio|none      a monitor on stdio (then -serial elsewhere)\n"
    "  -display none, -nic none, -net none, -no-reboot, -nodefaults, -name NAME\n"
    "  -vga none, -parallel none, -L DIR, -no-user-config, -global virtio-mmio.force-legacy=false\n"
    "  -rtc base=utc|localtime|DATE,clock=host|rt|vm   the PL031's time\n"
    "  -cpu help, -machine help, -accel help   list what there is\n"
    "  -icount shift=N|N|auto   deterministic time from instruction counts\n"
    "  -d ITEM,...              debug log (in_asm, out_asm, op, op_opt, int, exec, cpu,\n"
    "                           mmu, unimp, guest_errors, nochain; -d help lists them)\n"
    "  -D FILE                  write the debug log to FILE instead of stderr\n"
    "  -dfilter RANGE,...       log only TBs at 0xSTART..0xEND, 0xSTART+LEN, 0xEND-LEN\n"
    "  -gdb tcp::PORT|tcp:HOST:PORT|none  wait for gdb on a TCP port\n"
    "  -s                       -gdb tcp::1234 (listens on 127.0.0.1)\n"
    "  -S                       start stopped (gdb's continue or the monitor's cont starts it)\n"
    "  -h, -help, -version   (docs/options.md lists every option)\n"
    "With the serial port on stdio, Ctrl-A x quits and Ctrl-A h lists keys;\n"
    "with mon:stdio (the default), Ctrl-A c switches to the monitor and back.\n";

bool emu_parse_size(const char *s, uint64_t *bytes)
{
    char *end;
    guint64 v;
    unsigned shift = 20; /* a bare number is MiB, like qemu -m */

    if (!s || !g_ascii_isdigit(*s)) {
        return false;
    }
    v = g_ascii_strtoull(s, &end, 10);
    switch (*end) {
    case '\0':
        break;
    case 'k': case 'K':
        shift = 10;
        end++;
        break;
    case 'm': case 'M':
        shift = 20;
        end++;
        break;
    case 'g': case 'G':
        shift = 30;
        end++;
        break;
    case 'b': case 'B':
        shift = 0;
        end++;
        break;
    default:
        return false;
    }
    if ((*end == 'b' || *end == 'B') && shift) {
        end++; /* "256MB" */
    }
    if (*end || v == 0 || v > (G_MAXUINT64 >> shift)) {
        return false;
    }
    *bytes = v << shift;
    return true;
}

/* Splits "a=b,c=d" into pairs; a lone first word is returned in @first. */
static GHashTable *parse_props(const char *arg, char **first)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char **parts = g_strsplit(arg, ",", -1);

    if (first) {
        *first = NULL;
    }
    for (int i = 0; parts[i]; i++) {
        char *eq = strchr(parts[i], '=');
        if (!eq) {
            if (i == 0 && first) {
                *first = g_strdup(parts[i]);
                continue;
            }
            g_hash_table_insert(h, g_strdup(parts[i]), g_strdup("on"));
            continue;
        }
        *eq = '\0';
        g_hash_table_insert(h, g_strdup(parts[i]), g_strdup(eq + 1));
    }
    g_strfreev(parts);
    return h;
}

static bool bool_prop(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no")) {
        *out = false;
    } else {
        return false;
    }
    return true;
}

/* Keys a -drive may have; anything else is an error, not ignored. */
static char *check_keys(GHashTable *h, const char *const *allowed, const char *opt)
{
    GHashTableIter it;
    gpointer key;

    g_hash_table_iter_init(&it, h);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        bool ok = false;
        for (int i = 0; allowed[i]; i++) {
            ok |= !strcmp(key, allowed[i]);
        }
        if (!ok) {
            return g_strdup_printf("%s: invalid parameter '%s'", opt, (char *)key);
        }
    }
    return NULL;
}

/*
 * An if=virtio drive's index: @index (0..31, unused), or the first free
 * one, as QEMU numbers them. It names the drive (virtioN) and nothing
 * else: devices take slots in -drive order.
 */
static char *virtio_index(const EmuConfig *cfg, const char *index, int *idx)
{
    guint64 v = 0;
    bool taken = true;

    if (index && !g_ascii_string_to_unsigned(index, 10, 0, VIRT_MMIO_SLOTS - 1, &v, NULL)) {
        return g_strdup_printf("-drive: index must be 0..%d, not '%s'", VIRT_MMIO_SLOTS - 1, index);
    }
    for (; taken; v += taken && !index) {
        taken = false;
        for (int i = 0; i < cfg->nb_drives; i++) {
            taken |= cfg->drives[i].if_virtio && cfg->drives[i].index == (int)v;
        }
        if (taken && index) {
            return g_strdup_printf("-drive: index=%s is already in use", index);
        }
    }
    *idx = (int)v;
    return NULL;
}

static char *parse_drive(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "file", "format", "if", "id",
                                        "readonly", "snapshot", "cache",
                                        "file.locking", "index", NULL };
    GHashTable *h = parse_props(arg, NULL);
    char *err = check_keys(h, keys, "-drive");
    const char *file = g_hash_table_lookup(h, "file");
    const char *fmt = g_hash_table_lookup(h, "format");
    const char *ifc = g_hash_table_lookup(h, "if");
    const char *id = g_hash_table_lookup(h, "id");
    const char *ro = g_hash_table_lookup(h, "readonly");
    const char *snap = g_hash_table_lookup(h, "snapshot");
    const char *locking = g_hash_table_lookup(h, "file.locking");
    const char *index = g_hash_table_lookup(h, "index");
    bool virtio = ifc && !strcmp(ifc, "virtio");
    char *auto_id = NULL;
    int idx = 0;
    EmuDrive *d;

    if (err) {
        goto out;
    }
    if (!file || !*file) {
        err = g_strdup("-drive: 'file' is required");
    } else if (fmt && strcmp(fmt, "raw")) {
        err = g_strdup_printf("-drive: format '%s' is not supported (only raw)", fmt);
    } else if (ifc && strcmp(ifc, "none") && !virtio) {
        err = g_strdup_printf("-drive: if=%s is not supported (if=virtio, or if=none with -device)", ifc);
    } else if (index && !virtio) {
        err = g_strdup("-drive: index= needs if=virtio");
    } else if (virtio) {
        err = virtio_index(cfg, index, &idx);
    }
    if (!err && virtio && (!id || !*id)) {
        id = auto_id = g_strdup_printf("virtio%d", idx); /* QEMU's name */
    }
    if (err) {
        goto out;
    }
    if (!id || !*id) {
        err = g_strdup("-drive: 'id' is required (attach it with -device virtio-blk-device,drive=ID)");
    } else if (cfg->nb_drives == EMU_MAX_DRIVES) {
        err = g_strdup_printf("-drive: at most %d drives", EMU_MAX_DRIVES);
    }
    for (int i = 0; !err && i < cfg->nb_drives; i++) {
        if (!strcmp(cfg->drives[i].id, id)) {
            err = g_strdup_printf("-drive: duplicate id '%s'", id);
        }
    }
    if (err) {
        goto out;
    }
    d = &cfg->drives[cfg->nb_drives];
    memset(d, 0, sizeof(*d));
    if ((ro && !bool_prop(ro, &d->readonly)) || (snap && !bool_prop(snap, &d->snapshot))) {
        err = g_strdup("-drive: readonly/snapshot take on or off");
        goto out;
    }
    if (locking) {
        bool on;
        if (!strcmp(locking, "auto")) {
            d->locking = VIRT_LOCKING_AUTO;
        } else if (bool_prop(locking, &on)) {
            d->locking = on ? VIRT_LOCKING_ON : VIRT_LOCKING_OFF;
        } else {
            err = g_strdup_printf("-drive: file.locking takes on, off or auto, not '%s'", locking);
            goto out;
        }
    }
    d->id = g_strdup(id);
    d->file = g_strdup(file);
    d->if_virtio = virtio;
    d->attached = virtio;  /* its device comes after the -device ones */
    d->index = idx;
    cfg->nb_drives++;
out:
    g_free(auto_id);
    g_hash_table_destroy(h);
    return err;
}

/* Another device on a virtio-mmio slot, or why not. */
static char *add_virtio(EmuConfig *cfg, VirtVirtioKind kind)
{
    if (cfg->nb_virtio == VIRT_MMIO_SLOTS) {
        return g_strdup_printf("-device: all %d virtio-mmio slots are taken", VIRT_MMIO_SLOTS);
    }
    cfg->virtio[cfg->nb_virtio++] = kind;
    return NULL;
}

static char *parse_blk_device(EmuConfig *cfg, GHashTable *h)
{
    static const char *const keys[] = { "drive", "id", NULL };
    char *err = check_keys(h, keys, "-device virtio-blk-device");
    const char *drive = g_hash_table_lookup(h, "drive");
    int i;

    if (err) {
        return err;
    }
    if (!drive) {
        return g_strdup("-device virtio-blk-device: 'drive' is required");
    }
    for (i = 0; i < cfg->nb_drives && strcmp(cfg->drives[i].id, drive); i++) {
    }
    if (i == cfg->nb_drives) {
        return g_strdup_printf("-device virtio-blk-device: drive '%s' not found (give -drive first)", drive);
    }
    if (cfg->drives[i].attached) {
        return g_strdup_printf("-device virtio-blk-device: drive '%s' is already in use", drive);
    }
    err = add_virtio(cfg, VIRT_VIRTIO_BLK);
    if (!err) {
        cfg->drives[i].attached = true;
        cfg->blk_drive[cfg->nb_blk++] = i;
    }
    return err;
}

/* "52:54:00:12:34:56"; a multicast address is no NIC's. */
static bool parse_mac(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        if (!g_ascii_isxdigit(s[0]) || !g_ascii_isxdigit(s[1]) ||
            s[2] != (i < 5 ? ':' : '\0')) {
            return false;
        }
        mac[i] = (uint8_t)(g_ascii_xdigit_value(s[0]) << 4 |
                           g_ascii_xdigit_value(s[1]));
        s += 3;
    }
    return !(mac[0] & 1);
}

/* QEMU's default: 52:54:00:12:34:56 for the first NIC. */
static const uint8_t default_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static char *set_mac(EmuConfig *cfg, const char *opt, const char *mac)
{
    memcpy(cfg->nic_mac, default_mac, 6);
    if (mac && !parse_mac(mac, cfg->nic_mac)) {
        return g_strdup_printf("%s: mac=%s is not a unicast MAC address "
                               "(52:54:00:12:34:56)", opt, mac);
    }
    return NULL;
}

/* Backends QEMU has and this build has not: refused, saying so. */
static char *netdev_type_error(const char *opt, const char *type)
{
    if (!type || !*type) {
        return g_strdup_printf("%s: the backend type is missing (user)", opt);
    }
    if (!strcmp(type, "user")) {
        return g_strdup_printf("%s user: user networking is not available in "
                               "this build", opt);
    }
    return g_strdup_printf("%s: '%s' is not supported (only user networking)",
                           opt, type);
}

/*
 * -netdev user,... and -nic user,...: @type is the first word; the rest
 * are key=value pairs, hostfwd= repeatable, so parse_props (one value per
 * key) does not fit.  @nic: -nic, whose NIC keys (model, mac) are allowed.
 */
static char *parse_user_net(EmuConfig *cfg, const char *opt, const char *arg,
                            bool nic, EmuNetdev *nd)
{
    char **parts = g_strsplit(arg, ",", -1);
    const char *mac = NULL;
    char *err = NULL;

    memset(nd, 0, sizeof(*nd));
    /* "" splits into no parts at all. */
    if (!parts[0] || strcmp(parts[0], "user") || !net_user_available()) {
        err = netdev_type_error(opt, parts[0]);
        goto out;
    }
    for (int i = 1; parts[i] && !err; i++) {
        char *eq = strchr(parts[i], '=');
        const char *key = parts[i], *val = eq ? eq + 1 : "on";
        bool on;

        if (eq) {
            *eq = '\0';
        }
        if (!strcmp(key, "hostfwd")) {
            if (nd->user.nb_fwd == NET_MAX_HOSTFWD) {
                err = g_strdup_printf("%s: at most %d hostfwd rules", opt,
                                      NET_MAX_HOSTFWD);
            } else if (net_parse_hostfwd(val, &nd->user.fwd[nd->user.nb_fwd],
                                         &err) == 0) {
                nd->user.nb_fwd++;
            } else {
                char *e = g_strdup_printf("%s: %s", opt, err);
                g_free(err);
                err = e;
            }
        } else if (!strcmp(key, "restrict")) {
            if (bool_prop(val, &on)) {
                nd->user.restricted = on;
            } else {
                err = g_strdup_printf("%s: restrict takes on or off", opt);
            }
        } else if (!strcmp(key, "id") && !nic) {
            g_free(nd->id);
            nd->id = g_strdup(val);
        } else if (!strcmp(key, "model") && nic) {
            if (strcmp(val, "virtio-net-device") && strcmp(val, "virtio")) {
                err = g_strdup_printf("%s: model=%s is not supported "
                                      "(virtio-net-device)", opt, val);
            }
        } else if (!strcmp(key, "mac") && nic) {
            mac = val;
            err = set_mac(cfg, opt, mac);
        } else {
            err = g_strdup_printf("%s: invalid parameter '%s'", opt, key);
        }
    }
    if (!err && nic && !mac) {
        err = set_mac(cfg, opt, NULL);
    }
out:
    g_strfreev(parts);
    if (err) {
        g_free(nd->id);
        nd->id = NULL;
    }
    return err;
}

static char *add_netdev(EmuConfig *cfg, const char *opt, const char *arg,
                        bool nic)
{
    EmuNetdev nd;
    char *err;

    if (cfg->nb_netdevs == EMU_MAX_NETDEVS) {
        return g_strdup_printf("%s: at most %d network backends", opt,
                               EMU_MAX_NETDEVS);
    }
    if (nic && cfg->nic) {
        return g_strdup_printf("%s: only one network device is supported", opt);
    }
    err = parse_user_net(cfg, opt, arg, nic, &nd);
    if (err) {
        return err;
    }
    if (!nic && (!nd.id || !*nd.id)) {
        g_free(nd.id);
        return g_strdup_printf("%s: 'id' is required (attach it with -device "
                               "virtio-net-device,netdev=ID)", opt);
    }
    for (int i = 0; !nic && i < cfg->nb_netdevs; i++) {
        if (cfg->netdevs[i].id && !strcmp(cfg->netdevs[i].id, nd.id)) {
            err = g_strdup_printf("%s: duplicate id '%s'", opt, nd.id);
            g_free(nd.id);
            return err;
        }
    }
    if (nic) {
        nd.attached = true;
        cfg->nic = true;
        cfg->nic_netdev_index = cfg->nb_netdevs;
        cfg->nic_option = true; /* its slot: after the -device devices */
    }
    cfg->netdevs[cfg->nb_netdevs++] = nd;
    return NULL;
}

/* -nic: "none" (no NIC, as QEMU's default here) or a user-network NIC. */
static char *parse_nic(EmuConfig *cfg, const char *opt, const char *arg)
{
    if (!strcmp(arg, "none")) {
        return NULL;
    }
    if (!strcmp(opt, "net")) {
        return g_strdup_printf("-net: '%s' is not supported (none; use -nic "
                               "user or -netdev user with -device "
                               "virtio-net-device)", arg);
    }
    return add_netdev(cfg, "-nic", arg, true);
}

static char *parse_net_device(EmuConfig *cfg, GHashTable *h)
{
    static const char *const keys[] = { "netdev", "mac", "id", NULL };
    static const char opt[] = "-device virtio-net-device";
    char *err = check_keys(h, keys, opt);
    const char *netdev = g_hash_table_lookup(h, "netdev");

    if (!err && cfg->nic) {
        err = g_strdup_printf("%s: only one network device is supported", opt);
    }
    if (!err && !netdev) {
        err = g_strdup_printf("%s: 'netdev' is required (-netdev user,id=ID)",
                              opt);
    }
    if (!err) {
        err = set_mac(cfg, opt, g_hash_table_lookup(h, "mac"));
    }
    if (!err) {
        err = add_virtio(cfg, VIRT_VIRTIO_NET);
    }
    if (!err) {
        cfg->nic = true;
        cfg->nic_netdev = g_strdup(netdev);
    }
    return err;
}

/* After parsing: a -device's netdev= exists (it may come later), every -netdev is used. */
static char *resolve_netdevs(EmuConfig *cfg)
{
    if (cfg->nic_netdev) {
        int i;

        for (i = 0; i < cfg->nb_netdevs && (!cfg->netdevs[i].id ||
             strcmp(cfg->netdevs[i].id, cfg->nic_netdev)); i++) {
        }
        if (i == cfg->nb_netdevs) {
            return g_strdup_printf("-device virtio-net-device: netdev '%s' "
                                   "not found (give -netdev user,id=%s)",
                                   cfg->nic_netdev, cfg->nic_netdev);
        }
        cfg->netdevs[i].attached = true;
        cfg->nic_netdev_index = i;
    }
    for (int i = 0; i < cfg->nb_netdevs; i++) {
        if (!cfg->netdevs[i].attached) {
            return g_strdup_printf("-netdev id=%s is not attached to a device "
                                   "(add -device virtio-net-device,netdev=%s)",
                                   cfg->netdevs[i].id, cfg->netdevs[i].id);
        }
    }
    return NULL;
}

static char *parse_device(EmuConfig *cfg, const char *arg)
{
    static const char *const rng_keys[] = { "id", NULL };
    char *driver;
    GHashTable *h = parse_props(arg, &driver);
    char *err = NULL;

    if (driver && !strcmp(driver, "virtio-blk-device")) {
        err = parse_blk_device(cfg, h);
    } else if (driver && !strcmp(driver, "virtio-net-device")) {
        err = parse_net_device(cfg, h);
    } else if (driver && !strcmp(driver, "virtio-rng-device")) {
        err = check_keys(h, rng_keys, "-device virtio-rng-device");
        if (!err) {
            err = add_virtio(cfg, VIRT_VIRTIO_RNG);
        }
    } else if (driver && g_str_has_suffix(driver, "-pci")) {
        err = g_strdup_printf("-device: '%s' is not supported (no PCI bus: use the "
                              "virtio-mmio devices, -device help)", driver);
    } else {
        err = g_strdup_printf("-device: '%s' is not a supported device (-device help lists them)",
                              driver ? driver : arg);
    }
    g_free(driver);
    g_hash_table_destroy(h);
    return err;
}

static char *parse_icount(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "shift", NULL };
    GHashTable *h = NULL;
    const char *shift = NULL;
    guint64 v;
    char *err = NULL;

    /* "-icount 4" is shift=4, "-icount auto" shift=auto; otherwise key=value pairs. */
    if (g_ascii_isdigit(arg[0]) || !strcmp(arg, "auto")) {
        shift = arg;
    } else {
        h = parse_props(arg, NULL);
        err = check_keys(h, keys, "-icount");
        shift = g_hash_table_lookup(h, "shift");
    }
    cfg->icount = true;
    if (err) {
        goto out;
    }
    if (!shift || !strcmp(shift, "auto")) {
        cfg->icount_shift = 3; /* 8 ns per instruction, i.e. 125 MIPS */
    } else if (!g_ascii_string_to_unsigned(shift, 10, 0, 10, &v, NULL)) {
        err = g_strdup_printf("-icount: shift must be 0..10 or auto, not '%s'", shift);
    } else {
        cfg->icount_shift = (int)v;
    }
out:
    if (h) {
        g_hash_table_destroy(h);
    }
    return err;
}


static char *parse_serial(EmuConfig *cfg, const char *arg)
{
    g_free(cfg->serial_file);
    cfg->serial_file = NULL;
    cfg->serial_given = true;
    if (!strcmp(arg, "stdio")) {
        cfg->serial = EMU_SERIAL_STDIO;
    } else if (!strcmp(arg, "mon:stdio")) {
        cfg->serial = EMU_SERIAL_MON_STDIO;
    } else if (!strcmp(arg, "none")) {
        cfg->serial = EMU_SERIAL_NONE;
    } else if (!strcmp(arg, "null")) {
        cfg->serial = EMU_SERIAL_NULL;
    } else if (!strcmp(arg, "pty")) {
        cfg->serial = EMU_SERIAL_PTY;
    } else if (g_str_has_prefix(arg, "file:")) {
        if (!arg[5]) {
            return g_strdup("-serial file: needs a file name (file:PATH)");
        }
        cfg->serial = EMU_SERIAL_FILE;
        cfg->serial_file = g_strdup(arg + 5);
    } else {
        return g_strdup_printf("-serial: '%s' is not supported (stdio, mon:stdio, file:PATH, pty, null, none)", arg);
    }
    return NULL;
}

/* vc is QEMU's graphical console: there is none, so no monitor either. */
static char *parse_monitor(EmuConfig *cfg, const char *arg)
{
    if (!strcmp(arg, "stdio")) {
        cfg->monitor = EMU_MONITOR_STDIO;
    } else if (!strcmp(arg, "none") || !strcmp(arg, "vc")) {
        cfg->monitor = EMU_MONITOR_NONE;
    } else {
        return g_strdup_printf("-monitor: '%s' is not supported (stdio, none; or -serial mon:stdio)", arg);
    }
    return NULL;
}

/* "accel=tcg" and -accel's type: the one accelerator there is. */
static char *check_accel(const char *opt, const char *v)
{
    if (strcmp(v, "tcg")) {
        return g_strdup_printf("%s: '%s' is not supported (only tcg: guest code is "
                               "translated and interpreted)", opt, v);
    }
    return NULL;
}

/*
 * -machine [type=]virt[,accel=tcg][,highmem=on|off][,gic-version=2]
 * [,dumpdtb=FILE]: the properties a virt user passes, each either what
 * this board already is or refused with the reason.
 */
static char *parse_machine(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "type", "accel", "highmem",
                                        "gic-version", "dumpdtb", "usb",
                                        "secure", "virtualization", NULL };
    static const struct { const char *key, *why; } off_only[] = {
        { "usb", "there is no USB controller" },
        { "secure", "EL3 (TrustZone) is not modelled" },
        { "virtualization", "EL2 is not modelled" },
    };
    char *type;
    GHashTable *h = parse_props(arg, &type);
    char *err = check_keys(h, keys, "-machine");
    const char *t = type ? type : g_hash_table_lookup(h, "type");
    const char *accel = g_hash_table_lookup(h, "accel");
    const char *highmem = g_hash_table_lookup(h, "highmem");
    const char *gic = g_hash_table_lookup(h, "gic-version");
    const char *dumpdtb = g_hash_table_lookup(h, "dumpdtb");
    bool b;

    if (!err && t && strcmp(t, "virt")) {
        err = g_strdup_printf("-machine: '%s' is not supported (virt)", t);
    }
    if (!err && accel) {
        err = check_accel("-machine accel", accel);
    }
    if (!err && highmem && !bool_prop(highmem, &b)) {
        err = g_strdup_printf("-machine: highmem takes on or off, not '%s'", highmem);
    }
    if (!err && gic && strcmp(gic, "2")) {
        err = g_strdup_printf("-machine: gic-version=%s is not supported (only 2: %s)", gic,
                              !strcmp(gic, "3") || !strcmp(gic, "max") ? "GICv3 is not modelled" :
                              !strcmp(gic, "host") ? "there is no host GIC without KVM" :
                              "the board has a GICv2");
    }
    /* Off is what the board is; on would need what it does not model. */
    for (size_t i = 0; !err && i < G_N_ELEMENTS(off_only); i++) {
        const char *v = g_hash_table_lookup(h, off_only[i].key);
        if (v && (!bool_prop(v, &b) || b)) {
            err = g_strdup_printf("-machine: %s=%s is not supported (only off: %s)",
                                  off_only[i].key, v, off_only[i].why);
        }
    }
    if (!err && dumpdtb) {
        if (!*dumpdtb) {
            err = g_strdup("-machine: dumpdtb needs a file name");
        } else {
            g_free(cfg->dumpdtb);
            cfg->dumpdtb = g_strdup(dumpdtb);
        }
    }
    g_free(type);
    g_hash_table_destroy(h);
    return err;
}

/* -accel tcg[,thread=single|multi][,tb-size=N]: one CPU, its own cache. */
static char *parse_accel(const char *arg)
{
    static const char *const keys[] = { "thread", "tb-size", NULL };
    char *type;
    GHashTable *h = parse_props(arg, &type);
    char *err = type ? check_accel("-accel", type)
                     : g_strdup_printf("-accel: '%s' has no accelerator name (tcg)", arg);
    const char *thread = g_hash_table_lookup(h, "thread");
    const char *tb = g_hash_table_lookup(h, "tb-size");

    if (!err) {
        err = check_keys(h, keys, "-accel tcg");
    }
    if (!err && thread && strcmp(thread, "single") && strcmp(thread, "multi")) {
        err = g_strdup_printf("-accel tcg: thread takes single or multi, not '%s'", thread);
    }
    if (!err && tb && !g_ascii_string_to_unsigned(tb, 10, 0, G_MAXUINT32, NULL, NULL)) {
        err = g_strdup_printf("-accel tcg: tb-size takes a number (MiB), not '%s'", tb);
    }
    g_free(type);
    g_hash_table_destroy(h);
    return err;
}

/*
 * "2006-06-17" or "2006-06-17T16:01:21" (UTC) -> seconds since 1970,
 * within what the PL031's 32-bit counter holds.
 */
static bool parse_rtc_date(const char *s, int64_t *secs)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, n = -1;
    GDateTime *dt;

    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) {
        return false;
    }
    if (s[n] == 'T') {
        int m = -1;
        if (sscanf(s + n + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &m) != 3 || m != 8) {
            return false;
        }
        n += 1 + m;
    }
    if (s[n] || y < 1970 || y > 2105) {
        return false;
    }
    dt = g_date_time_new_utc(y, mo, d, h, mi, sec);
    if (!dt) {
        return false;
    }
    *secs = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return true;
}

/* -rtc base=utc|localtime|DATE,clock=host|rt|vm[,driftfix=none|slew] */
static char *parse_rtc(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "base", "clock", "driftfix", NULL };
    GHashTable *h = parse_props(arg, NULL);
    char *err = check_keys(h, keys, "-rtc");
    const char *base = g_hash_table_lookup(h, "base");
    const char *clock = g_hash_table_lookup(h, "clock");
    const char *drift = g_hash_table_lookup(h, "driftfix");

    if (err || !base) {
        /* nothing (more) to read */
    } else if (!strcmp(base, "utc")) {
        cfg->rtc_base = VIRT_RTC_BASE_UTC;
    } else if (!strcmp(base, "localtime")) {
        cfg->rtc_base = VIRT_RTC_BASE_LOCALTIME;
    } else if (parse_rtc_date(base, &cfg->rtc_base_s)) {
        cfg->rtc_base = VIRT_RTC_BASE_DATE;
    } else {
        err = g_strdup_printf("-rtc: base '%s' is not utc, localtime, YYYY-MM-DD or "
                              "YYYY-MM-DDTHH:MM:SS (years 1970-2105)", base);
    }
    if (err || !clock) {
        /* nothing (more) to read */
    } else if (!strcmp(clock, "host")) {
        cfg->rtc_clock = VIRT_RTC_CLOCK_HOST;
    } else if (!strcmp(clock, "rt")) {
        cfg->rtc_clock = VIRT_RTC_CLOCK_RT;
    } else if (!strcmp(clock, "vm")) {
        cfg->rtc_clock = VIRT_RTC_CLOCK_VM;
    } else {
        err = g_strdup_printf("-rtc: clock '%s' is not host, rt or vm", clock);
    }
    /* slew corrects lost x86 RTC interrupts: nothing to do for a PL031. */
    if (!err && drift && strcmp(drift, "none") && strcmp(drift, "slew")) {
        err = g_strdup_printf("-rtc: driftfix '%s' is not none or slew", drift);
    }
    g_hash_table_destroy(h);
    return err;
}

/* -name NAME[,guest=NAME][,process=NAME][,debug-threads=on|off]: no window, no effect. */
static char *parse_name(const char *arg)
{
    static const char *const keys[] = { "guest", "process", "debug-threads", NULL };
    char *first;
    GHashTable *h = parse_props(arg, &first);
    char *err = check_keys(h, keys, "-name");
    const char *dt = g_hash_table_lookup(h, "debug-threads");
    bool b;

    if (!err && dt && !bool_prop(dt, &b)) {
        err = g_strdup_printf("-name: debug-threads takes on or off, not '%s'", dt);
    }
    g_free(first);
    g_hash_table_destroy(h);
    return err;
}

/*
 * -gdb tcp::PORT / tcp:HOST:PORT[,server=on,wait=off...] / none.  QEMU
 * takes a character device here; a TCP server is what gdb users pass.
 */
static char *parse_gdb(EmuConfig *cfg, const char *arg)
{
    char **parts = NULL, **opts = NULL;
    char *err = NULL;
    const char *port_s;
    guint64 port;

    if (!strcmp(arg, "none")) {
        g_free(cfg->gdb_host);
        cfg->gdb_host = NULL;
        cfg->gdb_port = -1;
        return NULL;
    }
    /* g_strsplit("") has no first part to skip. */
    if (!*arg) {
        return g_strdup("-gdb: a device is missing (tcp::PORT, tcp:HOST:PORT or none)");
    }
    opts = g_strsplit(arg, ",", -1);
    for (int i = 1; opts[i]; i++) {
        /* What QEMU's own -gdb tcp: adds, and the old spellings. */
        if (strcmp(opts[i], "server") && strcmp(opts[i], "server=on") &&
            strcmp(opts[i], "nowait") && strcmp(opts[i], "wait=off") &&
            strcmp(opts[i], "nodelay") && strcmp(opts[i], "nodelay=on") &&
            strcmp(opts[i], "ipv4") && strcmp(opts[i], "ipv4=on")) {
            err = g_strdup_printf("-gdb: option '%s' is not supported", opts[i]);
            goto out;
        }
    }
    parts = g_strsplit(opts[0], ":", 3);
    if (!parts[0] || strcmp(parts[0], "tcp") || !parts[1] || !parts[2]) {
        err = g_strdup_printf("-gdb: '%s' is not supported (tcp::PORT, tcp:HOST:PORT or none)", arg);
        goto out;
    }
    port_s = parts[2];
    if (!g_ascii_string_to_unsigned(port_s, 10, 1, 65535, &port, NULL)) {
        err = g_strdup_printf("-gdb: invalid port '%s' (1..65535)", port_s);
        goto out;
    }
    g_free(cfg->gdb_host);
    cfg->gdb_host = *parts[1] ? g_strdup(parts[1]) : NULL;
    cfg->gdb_port = (int)port;
out:
    g_strfreev(parts);
    g_strfreev(opts);
    return err;
}

/* Options that take an argument, and whether a repeat replaces it. */
/* -smp N, -smp cpus=N[,maxcpus=N]: 1..8 CPUs, none hot-pluggable. */
static char *parse_smp(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "cpus", "maxcpus", NULL };
    char *first = NULL, *err;
    GHashTable *h = parse_props(arg, &first);
    const char *cpus = first ? first : g_hash_table_lookup(h, "cpus");
    const char *max = g_hash_table_lookup(h, "maxcpus");
    guint64 n = 0, m = 0;

    err = check_keys(h, keys, "-smp");
    if (!err && (first && g_hash_table_contains(h, "cpus"))) {
        err = g_strdup_printf("-smp: '%s' gives the CPU count twice", arg);
    }
    if (!err && (!cpus || !g_ascii_string_to_unsigned(cpus, 10, 1, VIRT_MAX_CPUS,
                                                       &n, NULL))) {
        err = g_strdup_printf("-smp: '%s': the CPU count must be 1..%d "
                              "(virt with a GICv2)", arg, VIRT_MAX_CPUS);
    }
    if (!err && max && (!g_ascii_string_to_unsigned(max, 10, 1, VIRT_MAX_CPUS,
                                                    &m, NULL) || m != n)) {
        err = g_strdup_printf("-smp: '%s': maxcpus must equal cpus "
                              "(no CPU hot-plug)", arg);
    }
    if (!err) {
        cfg->smp_cpus = (unsigned)n;
    }
    g_free(first);
    g_hash_table_destroy(h);
    return err;
}

static char *apply_option(EmuConfig *cfg, const char *opt, const char *arg)
{
    if (!strcmp(opt, "M") || !strcmp(opt, "machine")) {
        return parse_machine(cfg, arg);
    } else if (!strcmp(opt, "accel")) {
        return parse_accel(arg);
    } else if (!strcmp(opt, "rtc")) {
        return parse_rtc(cfg, arg);
    } else if (!strcmp(opt, "name")) {
        return parse_name(arg);
    } else if (!strcmp(opt, "cpu")) {
        char *model;
        GHashTable *h = parse_props(arg, &model);
        const char *neon = g_hash_table_lookup(h, "neon");
        bool ok = model && (!strcmp(model, "cortex-a15") || !strcmp(model, "max")) &&
                  g_hash_table_size(h) == (neon ? 1u : 0u);
        bool neon_on = neon && strcmp(neon, "off");

        g_free(model);
        g_hash_table_destroy(h);
        if (!ok) {
            return g_strdup_printf("-cpu: '%s' is not supported (cortex-a15[,neon=off])", arg);
        }
        /* The CPU has VFPv3-D32 but no Advanced SIMD: neon=off is what it is. */
        if (neon_on) {
            return g_strdup("-cpu: NEON is not implemented (use neon=off or leave it out)");
        }
    } else if (!strcmp(opt, "m")) {
        const char *sz = g_str_has_prefix(arg, "size=") ? arg + 5 : arg;
        if (!emu_parse_size(sz, &cfg->ram_size)) {
            return g_strdup_printf("-m: invalid size '%s'", arg);
        }
        if (cfg->ram_size > G_MAXUINT64 - EMU_RAM_ALIGN) {
            return g_strdup_printf("-m: %s is more than the 3 GiB this board can map", arg);
        }
        cfg->ram_size = (cfg->ram_size + EMU_RAM_ALIGN - 1) & ~(uint64_t)(EMU_RAM_ALIGN - 1);
        /* virt RAM starts at 1 GiB; RAM above 4 GiB (QEMU's highmem for
           LPAE guests) is not modelled, so the rest of 4 GiB is the limit. */
        if (cfg->ram_size > (uint64_t)3 << 30) {
            return g_strdup_printf("-m: %s is more than the 3 GiB this board can map", arg);
        }
    } else if (!strcmp(opt, "kernel")) {
        g_free(cfg->kernel);
        cfg->kernel = g_strdup(arg);
    } else if (!strcmp(opt, "initrd")) {
        g_free(cfg->initrd);
        cfg->initrd = g_strdup(arg);
    } else if (!strcmp(opt, "append")) {
        g_free(cfg->append);
        cfg->append = g_strdup(arg);
    } else if (!strcmp(opt, "dtb")) {
        g_free(cfg->dtb);
        cfg->dtb = g_strdup(arg);
    } else if (!strcmp(opt, "drive")) {
        return parse_drive(cfg, arg);
    } else if (!strcmp(opt, "device")) {
        return parse_device(cfg, arg);
    } else if (!strcmp(opt, "serial")) {
        return parse_serial(cfg, arg);
    } else if (!strcmp(opt, "monitor")) {
        return parse_monitor(cfg, arg);
    } else if (!strcmp(opt, "mon") || !strcmp(opt, "chardev")) {
        return g_strdup_printf("-%s: not supported (use -monitor stdio, or -serial mon:stdio, file:PATH or pty)", opt);
    } else if (!strcmp(opt, "icount")) {
        return parse_icount(cfg, arg);
    } else if (!strcmp(opt, "d")) {
        /* The items are util/log.c's; as in QEMU, a repeat replaces them. */
        return log_parse_items(arg, &cfg->log_mask, &cfg->log_help);
    } else if (!strcmp(opt, "D")) {
        g_free(cfg->log_file);
        cfg->log_file = g_strdup(arg);
    } else if (!strcmp(opt, "dfilter")) {
        char *err = log_parse_dfilter(arg);
        if (err) {
            return err;
        }
        g_free(cfg->log_dfilter);
        cfg->log_dfilter = g_strdup(arg);
    } else if (!strcmp(opt, "gdb")) {
        return parse_gdb(cfg, arg);
    } else if (!strcmp(opt, "display")) {
        if (strcmp(arg, "none")) {
            return g_strdup_printf("-display: '%s' is not supported (none)", arg);
        }
    } else if (!strcmp(opt, "nic") || !strcmp(opt, "net")) {
        return parse_nic(cfg, opt, arg);
    } else if (!strcmp(opt, "netdev")) {
        return add_netdev(cfg, "-netdev", arg, false);
    } else if (!strcmp(opt, "vga") || !strcmp(opt, "parallel")) {
        /* virt has neither a VGA card nor a parallel port. */
        if (strcmp(arg, "none")) {
            return g_strdup_printf("-%s: '%s' is not supported (none)", opt, arg);
        }
    } else if (!strcmp(opt, "global")) {
        /* The one a virt user passes: virtio-mmio is modern only here. */
        if (strcmp(arg, "virtio-mmio.force-legacy=false") &&
            strcmp(arg, "virtio-mmio.force-legacy=off")) {
            return g_strdup_printf("-global: '%s' is not supported "
                                   "(virtio-mmio.force-legacy=false)", arg);
        }
    } else if (!strcmp(opt, "L")) {
        /* A firmware search path: portos-arm loads no firmware or ROMs. */
    } else if (!strcmp(opt, "smp")) {
        return parse_smp(cfg, arg);
    } else {
        return NULL; /* not an option with an argument */
    }
    return NULL;
}

static const char *const with_arg[] = {
    "M", "machine", "cpu", "m", "kernel", "initrd", "append", "dtb", "drive",
    "device", "serial", "monitor", "mon", "chardev", "icount", "d", "D", "dfilter", "display", "nic", "net",
    "netdev", "smp", "gdb", "accel", "rtc", "name", "vga", "parallel", "global", "L",
    NULL
};

static const char cpu_help[] =
    "Available CPUs:\n"
    "  cortex-a15   VFPv4-D32, no NEON (add ,neon=off to compare with QEMU)\n"
    "  max          the same CPU here\n";
static const char machine_help[] =
    "Supported machines are:\n"
    "virt                 QEMU's ARM Virtual Machine layout (one CPU, GICv2, PL011, PL031, virtio-mmio)\n";
static const char accel_help[] =
    "Accelerators supported in portos-arm:\n"
    "tcg\n";
static const char device_help[] =
    "Storage devices:\n"
    "name \"virtio-blk-device\", bus virtio-bus\n"
    "\n"
    "Network devices:\n"
    "name \"virtio-net-device\", bus virtio-bus\n"
    "\n"
    "Misc devices:\n"
    "name \"virtio-rng-device\", bus virtio-bus\n";

/* "-cpu help" and its kin: the text to print, or NULL if @arg is not help. */
static const char *help_text(const char *opt, const char *arg)
{
    if (strcmp(arg, "help") && strcmp(arg, "?")) {
        return NULL;
    }
    if (!strcmp(opt, "cpu")) {
        return cpu_help;
    }
    if (!strcmp(opt, "M") || !strcmp(opt, "machine")) {
        return machine_help;
    }
    if (!strcmp(opt, "accel")) {
        return accel_help;
    }
    if (!strcmp(opt, "device")) {
        return device_help;
    }
    return NULL;
}

static bool takes_arg(const char *opt)
{
    for (int i = 0; with_arg[i]; i++) {
        if (!strcmp(opt, with_arg[i])) {
            return true;
        }
    }
    return false;
}

EmuCliResult emu_cli_parse(EmuConfig *cfg, int argc, char **argv,
                           char **errmsg, void *out)
{
    FILE *fout = out;
    char *err = NULL;

    memset(cfg, 0, sizeof(*cfg));
    cfg->machine = g_strdup("virt");
    cfg->cpu = g_strdup("cortex-a15");
    cfg->ram_size = (uint64_t)128 << 20; /* qemu's default for virt */
    cfg->serial = EMU_SERIAL_MON_STDIO;
    cfg->gdb_port = -1;
    *errmsg = NULL;

    for (int i = 1; i < argc && !err; i++) {
        const char *a = argv[i];
        const char *opt;

        if (a[0] != '-' || !a[1]) {
            err = g_strdup_printf("'%s': unexpected argument (options start with -)", a);
            break;
        }
        opt = a + (a[1] == '-' ? 2 : 1); /* -opt and --opt alike */
        if (takes_arg(opt)) {
            if (i + 1 >= argc) {
                err = g_strdup_printf("-%s: requires an argument", opt);
                break;
            }
            if (help_text(opt, argv[i + 1])) {
                fputs(help_text(opt, argv[i + 1]), fout);
                return EMU_CLI_EXIT;
            }
            err = apply_option(cfg, opt, argv[++i]);
            if (!err && cfg->log_help) {
                log_print_help(fout);   /* -d help, as QEMU: list and exit */
                return EMU_CLI_EXIT;
            }
        } else if (!strcmp(opt, "nographic")) {
            cfg->nographic = true;
        } else if (!strcmp(opt, "no-reboot")) {
            cfg->no_reboot = true;
        } else if (!strcmp(opt, "snapshot")) {
            cfg->snapshot = true;
        } else if (!strcmp(opt, "nodefaults")) {
            cfg->nodefaults = true;
        } else if (!strcmp(opt, "no-user-config")) {
            /* portos-arm reads no configuration files anyway. */
        } else if (!strcmp(opt, "s")) {
            err = parse_gdb(cfg, "tcp::1234");
        } else if (!strcmp(opt, "S")) {
            cfg->start_stopped = true;
        } else if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            fputs(usage_text, fout);
            return EMU_CLI_EXIT;
        } else if (!strcmp(opt, "version")) {
            fprintf(fout, PROG " version 0.1 (qemu-system-arm compatible command line)\n");
            return EMU_CLI_EXIT;
        } else {
            err = g_strdup_printf("-%s: invalid option", opt);
        }
    }
    /*
     * The serial default: none with -nodefaults (the UART unconnected);
     * as QEMU -nographic, stdio when a -monitor is given.
     */
    if (!cfg->serial_given && cfg->nodefaults) {
        cfg->serial = EMU_SERIAL_NONE;
    } else if (!cfg->serial_given && cfg->monitor != EMU_MONITOR_DEFAULT) {
        cfg->serial = EMU_SERIAL_STDIO;
    }
    if (!err && cfg->monitor == EMU_MONITOR_STDIO &&
        (cfg->serial == EMU_SERIAL_STDIO || cfg->serial == EMU_SERIAL_MON_STDIO)) {
        err = g_strdup("-monitor stdio: stdio is already the serial port's "
                       "(add -serial file:PATH, pty, null or none)");
    }
    if (!err && !cfg->kernel && !cfg->dumpdtb) {
        err = g_strdup("no -kernel given: nothing to run (see -help)");
    }
    /* As QEMU: these only mean something to a kernel. */
    if (!err && !cfg->kernel && cfg->append) {
        err = g_strdup("-append only allowed with -kernel option");
    }
    if (!err && !cfg->kernel && cfg->initrd) {
        err = g_strdup("-initrd only allowed with -kernel option");
    }
    /* if=virtio drives get their devices after the -device ones, as in QEMU. */
    for (int i = 0; !err && i < cfg->nb_drives; i++) {
        if (cfg->drives[i].if_virtio) {
            err = add_virtio(cfg, VIRT_VIRTIO_BLK);
            cfg->blk_drive[cfg->nb_blk++] = i;
        }
    }
    /* A -nic's device comes last (QEMU's board makes its NICs itself). */
    if (!err && cfg->nic_option) {
        err = add_virtio(cfg, VIRT_VIRTIO_NET);
    }
    if (!err) {
        err = resolve_netdevs(cfg);
    }
    for (int i = 0; !err && i < cfg->nb_drives; i++) {
        if (!cfg->drives[i].attached) {
            err = g_strdup_printf("-drive id=%s is not attached to a device (add -device virtio-blk-device,drive=%s)",
                                  cfg->drives[i].id, cfg->drives[i].id);
        }
    }
    if (err) {
        *errmsg = err;
        return EMU_CLI_ERROR;
    }
    return EMU_CLI_RUN;
}

void emu_cli_virt_config(const EmuConfig *cfg, VirtConfig *vc)
{
    memset(vc, 0, sizeof(*vc));
    vc->ram_size = cfg->ram_size;
    vc->kernel = cfg->kernel;
    vc->initrd = cfg->initrd;
    vc->append = cfg->append;
    vc->dtb = cfg->dtb;
    vc->no_reboot = cfg->no_reboot;
    vc->serial = cfg->serial != EMU_SERIAL_NONE && cfg->serial != EMU_SERIAL_NULL;
    for (int i = 0; i < cfg->nb_blk && i < VIRT_MAX_DISKS; i++) {
        const EmuDrive *d = &cfg->drives[cfg->blk_drive[i]];
        VirtDisk *vd = &vc->disks[vc->nb_disks++];

        vd->id = d->id;
        vd->file = d->file;
        vd->readonly = d->readonly;
        vd->snapshot = d->snapshot || cfg->snapshot;
        vd->locking = d->locking;
    }
    memcpy(vc->virtio, cfg->virtio, sizeof(vc->virtio));
    vc->nb_virtio = cfg->nb_virtio;
    if (cfg->nic) {
        memcpy(vc->nic.mac, cfg->nic_mac, 6);
        vc->nic.user = cfg->netdevs[cfg->nic_netdev_index].user;
    }
    vc->rtc_base = cfg->rtc_base;
    vc->rtc_base_s = cfg->rtc_base_s;
    vc->rtc_clock = cfg->rtc_clock;
    vc->dumpdtb = cfg->dumpdtb;
    vc->icount = cfg->icount;
    vc->icount_shift = cfg->icount_shift;
    vc->start_stopped = cfg->start_stopped;
    vc->smp_cpus = cfg->smp_cpus;
}

void emu_cli_free(EmuConfig *cfg)
{
    g_free(cfg->machine);
    g_free(cfg->cpu);
    g_free(cfg->kernel);
    g_free(cfg->initrd);
    g_free(cfg->append);
    g_free(cfg->dtb);
    g_free(cfg->dumpdtb);
    g_free(cfg->log_file);
    g_free(cfg->log_dfilter);
    g_free(cfg->serial_file);
    g_free(cfg->gdb_host);
    for (int i = 0; i < cfg->nb_drives; i++) {
        g_free(cfg->drives[i].id);
        g_free(cfg->drives[i].file);
    }
    for (int i = 0; i < cfg->nb_netdevs; i++) {
        g_free(cfg->netdevs[i].id);
    }
    g_free(cfg->nic_netdev);
    memset(cfg, 0, sizeof(*cfg));
}
