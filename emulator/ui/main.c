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
#include "machine/virt-stats.h"
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
    /* From here every way out unwinds what was set up, in reverse. */
    status = 1;
    err = log_setup(cfg.log_mask, cfg.log_file, cfg.log_dfilter);
    if (err) {
        goto free_cfg;
    }
    r = portos_shutdown_init();
    if (r < 0) {
        err = g_strdup_printf("cannot install signal handlers: %s",
                              portos_strerror(r));
        goto close_log;
    }
    if (chardev_open(&chr, &cfg, &err) < 0) {
        goto fini_shutdown;
    }
    chardev_console(&chr, &vc);
    emu_cli_virt_config(&cfg, &board);
    m = virt_create(&board, &vc, &err);
    if (!m) {
        goto close_chardev;
    }
    chardev_start(&chr, m);
    if (cfg.gdb_port >= 0) {
        gdb = gdbstub_start(m, cfg.gdb_host, cfg.gdb_port, &err);
        if (!gdb) {
            goto free_machine;
        }
    }
    status = virt_run(m);
    if (log_mask(LOG_STATS)) {
        virt_print_stats(m, log_file());
    }
    gdbstub_free(gdb);
free_machine:
    virt_free(m);
close_chardev:
    chardev_close(&chr);   /* the terminal is restored before any message */
fini_shutdown:
    portos_shutdown_fini();
close_log:
    log_close();
free_cfg:
    if (err) {
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
    }
    emu_cli_free(&cfg);
    return status;
}
