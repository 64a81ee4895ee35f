/*
 * main.c - portos-arm: an ARMv7-A virt machine with qemu-system-arm's
 * command line
 */
#include <stdio.h>

#include <glib.h>
#include <portos/error.h>
#include <portos/shutdown.h>

#include "gdbstub/gdbstub.h"
#include "machine/virt.h"
#include "ui/chardev.h"
#include "ui/cli.h"
#include "util/log.h"

int main(int argc, char **argv)
{
    EmuConfig cfg;
    VirtConfig board;
    EmuChardev chr;
    VirtConsole vc;
    VirtMachine *m;
    GdbStub *gdb = NULL;
    char *err = NULL;
    int status, r;

    switch (emu_cli_parse(&cfg, argc, argv, &err, stdout)) {
    case EMU_CLI_EXIT:
        emu_cli_free(&cfg);
        return 0;
    case EMU_CLI_ERROR:
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
        emu_cli_free(&cfg);
        return 1;
    case EMU_CLI_RUN:
        break;
    }
    err = log_setup(cfg.log_mask, cfg.log_file, cfg.log_dfilter);
    if (err) {
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
        emu_cli_free(&cfg);
        return 1;
    }
    r = portos_shutdown_init();
    if (r < 0) {
        fprintf(stderr, "portos-arm: cannot install signal handlers: %s\n",
                portos_strerror(r));
        emu_cli_free(&cfg);
        return 1;
    }
    if (chardev_open(&chr, &cfg, &err) < 0) {
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
        portos_shutdown_fini();
        emu_cli_free(&cfg);
        return 1;
    }
    chardev_console(&chr, &vc);
    emu_cli_virt_config(&cfg, &board);
    m = virt_create(&board, &vc, &err);
    if (!m) {
        chardev_close(&chr);
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
        portos_shutdown_fini();
        emu_cli_free(&cfg);
        return 1;
    }
    chardev_start(&chr, m);
    if (cfg.gdb_port >= 0) {
        gdb = gdbstub_start(m, cfg.gdb_host, cfg.gdb_port, &err);
        if (!gdb) {
            virt_free(m);
            chardev_close(&chr);
            fprintf(stderr, "portos-arm: %s\n", err);
            g_free(err);
            portos_shutdown_fini();
            emu_cli_free(&cfg);
            return 1;
        }
    }
    status = virt_run(m);
    gdbstub_free(gdb);
    virt_free(m);
    chardev_close(&chr);
    portos_shutdown_fini();
    log_close();
    emu_cli_free(&cfg);
    return status;
}
