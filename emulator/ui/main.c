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
#include "ui/cli.h"
#include "ui/console.h"

int main(int argc, char **argv)
{
    EmuConfig cfg;
    VirtConfig board;
    StdioConsole con;
    VirtConsole vc = { console_write, console_read, console_quit_requested,
                       console_flush, console_wait, &con };
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
    r = portos_shutdown_init();
    if (r < 0) {
        fprintf(stderr, "portos-arm: cannot install signal handlers: %s\n",
                portos_strerror(r));
        emu_cli_free(&cfg);
        return 1;
    }
    r = console_open(&con, cfg.serial != EMU_SERIAL_NONE);
    if (r < 0) {
        fprintf(stderr, "portos-arm: cannot set up the terminal: %s\n",
                portos_strerror(r));
        portos_shutdown_fini();
        emu_cli_free(&cfg);
        return 1;
    }
    emu_cli_virt_config(&cfg, &board);
    m = virt_create(&board, &vc, &err);
    if (!m) {
        console_close(&con);
        fprintf(stderr, "portos-arm: %s\n", err);
        g_free(err);
        portos_shutdown_fini();
        emu_cli_free(&cfg);
        return 1;
    }
    if (cfg.gdb_port >= 0) {
        gdb = gdbstub_start(m, cfg.gdb_host, cfg.gdb_port, &err);
        if (!gdb) {
            virt_free(m);
            console_close(&con);
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
    console_close(&con);
    portos_shutdown_fini();
    emu_cli_free(&cfg);
    return status;
}
