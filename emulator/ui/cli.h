/*
 * cli.h - the qemu-system-arm style command line
 *
 * The options follow qemu-system-arm's spelling and meaning so the same
 * command runs a guest on both. Parsing only fills EmuConfig: it opens no
 * file and starts nothing, so every error is reported before the guest
 * runs, as one line.
 */
#ifndef UI_CLI_H
#define UI_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "machine/virt.h"

typedef enum {
    EMU_SERIAL_STDIO,      /* UART on stdin/stdout */
    EMU_SERIAL_MON_STDIO,  /* the same; Ctrl-A c switches to a monitor */
    EMU_SERIAL_NONE,       /* no serial back end */
    EMU_SERIAL_NULL,       /* output dropped, no input */
    EMU_SERIAL_FILE,       /* output to serial_file, no input */
    EMU_SERIAL_PTY,        /* a new pseudo-terminal */
} EmuSerialMode;

typedef enum {
    EMU_MONITOR_DEFAULT,   /* none of its own (mon:stdio has one) */
    EMU_MONITOR_STDIO,     /* the monitor alone on stdin/stdout */
    EMU_MONITOR_NONE,
} EmuMonitorMode;

/* Every -drive may be attached, so the board takes as many disks. */
#define EMU_MAX_DRIVES VIRT_MAX_DISKS
/* QEMU rounds -m up to a multiple of 8 KiB; so do we (-m 4k is 8 KiB). */
#define EMU_RAM_ALIGN 8192u

typedef struct EmuDrive {
    char *id;
    char *file;
    bool readonly;
    bool snapshot;
    VirtLocking locking;   /* file.locking=, as in QEMU (default auto) */
    bool attached;         /* claimed by a -device, or if=virtio */
    bool if_virtio;        /* if=virtio: a virtio-blk device of its own */
    int index;             /* if=virtio: index= (or the first free one) */
} EmuDrive;

/* -netdev user,id=ID (or the one a -nic user makes, id NULL). */
#define EMU_MAX_NETDEVS 4

typedef struct EmuNetdev {
    char *id;
    NetUserConfig user;
    bool attached;         /* claimed by a NIC */
} EmuNetdev;

typedef struct EmuConfig {
    char *machine;         /* "virt" */
    char *cpu;             /* "cortex-a15" */
    uint64_t ram_size;     /* bytes, a multiple of EMU_RAM_ALIGN */
    char *kernel;
    char *initrd;
    char *append;
    char *dtb;
    char *dumpdtb;         /* -machine dumpdtb=FILE */
    bool nodefaults;       /* -nodefaults: no serial unless -serial */
    VirtRtcBase rtc_base;  /* -rtc base= */
    int64_t rtc_base_s;
    VirtRtcClock rtc_clock; /* -rtc clock= */
    bool nographic;
    bool no_reboot;
    bool snapshot;
    EmuSerialMode serial;
    char *serial_file;     /* EMU_SERIAL_FILE */
    bool serial_given;     /* -serial was on the command line */
    EmuMonitorMode monitor;
    EmuDrive drives[EMU_MAX_DRIVES];
    int nb_drives;
    /* virtio-blk devices in command-line order, as indexes into drives[] */
    int blk_drive[EMU_MAX_DRIVES];
    int nb_blk;
    /* Every virtio device in the order it takes a slot (-device order,
       then the if=virtio drives, then a -nic); a BLK is the next of
       blk_drive[]. */
    VirtVirtioKind virtio[VIRT_MMIO_SLOTS];
    int nb_virtio;
    EmuNetdev netdevs[EMU_MAX_NETDEVS];
    int nb_netdevs;
    /* The one NIC: -nic user or -device virtio-net-device,netdev=ID. */
    bool nic;
    char *nic_netdev;      /* -device's netdev= until resolved; NULL for -nic */
    int nic_netdev_index;  /* into netdevs[], once resolved */
    bool nic_option;       /* made by -nic: its slot comes after the rest */
    uint8_t nic_mac[6];
    bool icount;           /* deterministic time: advances with insns */
    int icount_shift;      /* ns per instruction = 2^shift */
    unsigned log_mask;     /* -d: LOG_* (util/log.h), for log_setup() */
    bool log_help;         /* -d help */
    char *log_file;        /* -D, or NULL: stderr */
    char *log_dfilter;     /* -dfilter, checked; NULL: every address */
    bool start_stopped;    /* -S: wait for a debugger or monitor */
    unsigned smp_cpus;     /* -smp: 1..VIRT_MAX_CPUS; 0: one */
    char *gdb_host;        /* -gdb tcp:HOST:PORT, -s; NULL: 127.0.0.1 */
    int gdb_port;          /* -1: no gdbstub */
} EmuConfig;

typedef enum {
    EMU_CLI_RUN = 0,       /* parsed: run the machine */
    EMU_CLI_EXIT = 1,      /* -help, -version, -cpu help...: exit 0 */
    EMU_CLI_ERROR = -1,    /* *errmsg says why: print it, exit 1 */
} EmuCliResult;

/**
 * emu_cli_parse: parse @argv into @cfg (initialised by this call).
 * @errmsg: on EMU_CLI_ERROR receives a one-line message (g_free it).
 * @out: where -help / -version text goes (stdout in the program).
 */
EmuCliResult emu_cli_parse(EmuConfig *cfg, int argc, char **argv,
                           char **errmsg, void *out);

/**
 * emu_cli_virt_config: the board's configuration for parsed @cfg: the
 * attached drives in -device order, -snapshot applied to each. The
 * strings stay @cfg's (valid until emu_cli_free).
 */
void emu_cli_virt_config(const EmuConfig *cfg, VirtConfig *vc);

/** emu_cli_free: release what emu_cli_parse allocated (call it whatever the result). */
void emu_cli_free(EmuConfig *cfg);

/**
 * emu_parse_size: "256", "256M", "1G", "512k" -> bytes; a bare number is
 * MiB, as in qemu's -m. Returns false on a malformed or zero size.
 */
bool emu_parse_size(const char *s, uint64_t *bytes);

#endif /* UI_CLI_H */
