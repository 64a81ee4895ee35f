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
    EMU_SERIAL_MON_STDIO,  /* the same; Ctrl-A escapes (x quits) */
    EMU_SERIAL_NONE,
} EmuSerialMode;

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
    bool attached;         /* claimed by a -device */
} EmuDrive;

typedef struct EmuConfig {
    char *machine;         /* "virt" */
    char *cpu;             /* "cortex-a15" */
    uint64_t ram_size;     /* bytes, a multiple of EMU_RAM_ALIGN */
    char *kernel;
    char *initrd;
    char *append;
    char *dtb;
    bool nographic;
    bool no_reboot;
    bool snapshot;
    EmuSerialMode serial;
    EmuDrive drives[EMU_MAX_DRIVES];
    int nb_drives;
    /* virtio-blk devices in command-line order, as indexes into drives[] */
    int blk_drive[EMU_MAX_DRIVES];
    int nb_blk;
    bool icount;           /* deterministic time: advances with insns */
    int icount_shift;      /* ns per instruction = 2^shift */
    unsigned log_mask;     /* -d: VIRT_LOG_* */
    bool start_stopped;    /* -S: wait for a debugger or monitor */
    char *gdb_host;        /* -gdb tcp:HOST:PORT, -s; NULL: 127.0.0.1 */
    int gdb_port;          /* -1: no gdbstub */
} EmuConfig;

typedef enum {
    EMU_CLI_RUN = 0,       /* parsed: run the machine */
    EMU_CLI_EXIT = 1,      /* -help / -version printed: exit 0 */
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
