/*
 * cli.c - qemu-system-arm style option parsing
 */
#include "ui/cli.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define PROG "portos-arm"

static const char usage_text[] =
    "usage: " PROG " [options]\n"
    "  -M, -machine virt        the board (QEMU virt memory map)\n"
    "  -cpu cortex-a15          the CPU model\n"
    "  -m SIZE                  guest RAM: 256, 256M, 1G (default 128M; 8k units)\n"
    "  -kernel FILE             zImage, raw Image or ELF to boot\n"
    "  -initrd FILE             initial ramdisk\n"
    "  -append CMDLINE          kernel command line\n"
    "  -dtb FILE                use this device tree instead of generating one\n"
    "  -drive file=F,format=raw,if=none,id=ID[,readonly=on][,snapshot=on]\n"
    "         [,file.locking=auto|on|off]  lock the image against other users\n"
    "  -device virtio-blk-device,drive=ID\n"
    "  -snapshot                write to temporary copies of the disk images\n"
    "  -nographic               no display; the serial port is on stdio\n"
    "  -serial stdio|mon:stdio|none\n"
    "  -display none, -nic none, -smp 1, -no-reboot\n"
    "  -icount shift=N|N|auto   deterministic time from instruction counts\n"
    "  -d int,unimp,guest_errors,exec   trace to stderr\n"
    "  -gdb tcp::PORT|tcp:HOST:PORT|none  wait for gdb on a TCP port\n"
    "  -s                       -gdb tcp::1234 (listens on 127.0.0.1)\n"
    "  -S                       start stopped (gdb's continue starts it)\n"
    "  -h, -help, -version\n"
    "With the serial port on stdio, Ctrl-A x quits and Ctrl-A h lists keys.\n";

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

static char *parse_drive(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "file", "format", "if", "id",
                                        "readonly", "snapshot", "cache",
                                        "file.locking", NULL };
    GHashTable *h = parse_props(arg, NULL);
    char *err = check_keys(h, keys, "-drive");
    const char *file = g_hash_table_lookup(h, "file");
    const char *fmt = g_hash_table_lookup(h, "format");
    const char *ifc = g_hash_table_lookup(h, "if");
    const char *id = g_hash_table_lookup(h, "id");
    const char *ro = g_hash_table_lookup(h, "readonly");
    const char *snap = g_hash_table_lookup(h, "snapshot");
    const char *locking = g_hash_table_lookup(h, "file.locking");
    EmuDrive *d;

    if (err) {
        goto out;
    }
    if (!file || !*file) {
        err = g_strdup("-drive: 'file' is required");
    } else if (fmt && strcmp(fmt, "raw")) {
        err = g_strdup_printf("-drive: format '%s' is not supported (only raw)", fmt);
    } else if (ifc && strcmp(ifc, "none")) {
        err = g_strdup_printf("-drive: if=%s is not supported (use if=none with -device)", ifc);
    } else if (!id || !*id) {
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
    cfg->nb_drives++;
out:
    g_hash_table_destroy(h);
    return err;
}

static char *parse_device(EmuConfig *cfg, const char *arg)
{
    static const char *const keys[] = { "drive", "id", NULL };
    char *driver;
    GHashTable *h = parse_props(arg, &driver);
    char *err = NULL;
    const char *drive;
    int i;

    if (!driver || strcmp(driver, "virtio-blk-device")) {
        err = g_strdup_printf("-device: '%s' is not a supported device (virtio-blk-device)",
                              driver ? driver : arg);
        goto out;
    }
    err = check_keys(h, keys, "-device virtio-blk-device");
    if (err) {
        goto out;
    }
    drive = g_hash_table_lookup(h, "drive");
    if (!drive) {
        err = g_strdup("-device virtio-blk-device: 'drive' is required");
        goto out;
    }
    for (i = 0; i < cfg->nb_drives && strcmp(cfg->drives[i].id, drive); i++) {
    }
    if (i == cfg->nb_drives) {
        err = g_strdup_printf("-device virtio-blk-device: drive '%s' not found (give -drive first)", drive);
    } else if (cfg->drives[i].attached) {
        err = g_strdup_printf("-device virtio-blk-device: drive '%s' is already in use", drive);
    } else {
        cfg->drives[i].attached = true;
        cfg->blk_drive[cfg->nb_blk++] = i;
    }
out:
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

    /* "-icount 4" is shift=4; otherwise key=value pairs. */
    if (g_ascii_isdigit(arg[0])) {
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

static char *parse_log(EmuConfig *cfg, const char *arg)
{
    char **items = g_strsplit(arg, ",", -1);
    char *err = NULL;

    for (int i = 0; items[i] && !err; i++) {
        if (!strcmp(items[i], "int")) {
            cfg->log_mask |= VIRT_LOG_INT;
        } else if (!strcmp(items[i], "unimp")) {
            cfg->log_mask |= VIRT_LOG_UNIMP;
        } else if (!strcmp(items[i], "guest_errors")) {
            cfg->log_mask |= VIRT_LOG_GUEST_ERROR;
        } else if (!strcmp(items[i], "exec")) {
            cfg->log_mask |= VIRT_LOG_EXEC;
        } else {
            err = g_strdup_printf("-d: unknown log item '%s' (int, unimp, guest_errors, exec)", items[i]);
        }
    }
    g_strfreev(items);
    return err;
}

static char *parse_serial(EmuConfig *cfg, const char *arg)
{
    if (!strcmp(arg, "stdio")) {
        cfg->serial = EMU_SERIAL_STDIO;
    } else if (!strcmp(arg, "mon:stdio")) {
        cfg->serial = EMU_SERIAL_MON_STDIO;
    } else if (!strcmp(arg, "none") || !strcmp(arg, "null")) {
        cfg->serial = EMU_SERIAL_NONE;
    } else {
        return g_strdup_printf("-serial: '%s' is not supported (stdio, mon:stdio, none)", arg);
    }
    return NULL;
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
static char *apply_option(EmuConfig *cfg, const char *opt, const char *arg)
{
    if (!strcmp(opt, "M") || !strcmp(opt, "machine")) {
        char *type;
        GHashTable *h = parse_props(arg, &type);
        bool ok = type && !strcmp(type, "virt") && g_hash_table_size(h) == 0;
        g_free(type);
        g_hash_table_destroy(h);
        if (!ok) {
            return g_strdup_printf("-machine: '%s' is not supported (virt)", arg);
        }
        g_free(cfg->machine);
        cfg->machine = g_strdup("virt");
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
    } else if (!strcmp(opt, "icount")) {
        return parse_icount(cfg, arg);
    } else if (!strcmp(opt, "d")) {
        return parse_log(cfg, arg);
    } else if (!strcmp(opt, "gdb")) {
        return parse_gdb(cfg, arg);
    } else if (!strcmp(opt, "display")) {
        if (strcmp(arg, "none")) {
            return g_strdup_printf("-display: '%s' is not supported (none)", arg);
        }
    } else if (!strcmp(opt, "nic") || !strcmp(opt, "net")) {
        if (strcmp(arg, "none")) {
            return g_strdup_printf("-%s: '%s' is not supported (none)", opt, arg);
        }
    } else if (!strcmp(opt, "smp")) {
        if (strcmp(arg, "1") && strcmp(arg, "cpus=1")) {
            return g_strdup_printf("-smp: '%s' is not supported (one CPU)", arg);
        }
    } else {
        return NULL; /* not an option with an argument */
    }
    return NULL;
}

static const char *const with_arg[] = {
    "M", "machine", "cpu", "m", "kernel", "initrd", "append", "dtb", "drive",
    "device", "serial", "icount", "d", "display", "nic", "net", "smp", "gdb",
    NULL
};

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
            err = apply_option(cfg, opt, argv[++i]);
        } else if (!strcmp(opt, "nographic")) {
            cfg->nographic = true;
        } else if (!strcmp(opt, "no-reboot")) {
            cfg->no_reboot = true;
        } else if (!strcmp(opt, "snapshot")) {
            cfg->snapshot = true;
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
    if (!err && !cfg->kernel) {
        err = g_strdup("no -kernel given: nothing to run (see -help)");
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
    vc->serial = cfg->serial != EMU_SERIAL_NONE;
    for (int i = 0; i < cfg->nb_blk && i < VIRT_MAX_DISKS; i++) {
        const EmuDrive *d = &cfg->drives[cfg->blk_drive[i]];
        VirtDisk *vd = &vc->disks[vc->nb_disks++];

        vd->id = d->id;
        vd->file = d->file;
        vd->readonly = d->readonly;
        vd->snapshot = d->snapshot || cfg->snapshot;
        vd->locking = d->locking;
    }
    vc->icount = cfg->icount;
    vc->icount_shift = cfg->icount_shift;
    vc->log_mask = cfg->log_mask;
    vc->start_stopped = cfg->start_stopped;
}

void emu_cli_free(EmuConfig *cfg)
{
    g_free(cfg->machine);
    g_free(cfg->cpu);
    g_free(cfg->kernel);
    g_free(cfg->initrd);
    g_free(cfg->append);
    g_free(cfg->dtb);
    g_free(cfg->gdb_host);
    for (int i = 0; i < cfg->nb_drives; i++) {
        g_free(cfg->drives[i].id);
        g_free(cfg->drives[i].file);
    }
    memset(cfg, 0, sizeof(*cfg));
}
