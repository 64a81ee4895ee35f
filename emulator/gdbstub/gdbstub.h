/*
 * gdbstub.h - GDB's remote serial protocol over TCP, for one ARM CPU
 *
 * The stub is a poller of the board's main loop (machine/virt.h): it
 * accepts one debugger at a time, stops the machine when one attaches,
 * and runs it again on continue, step or detach. Breakpoints and
 * watchpoints are the exec room's (exec/cpu.h).
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include "machine/virt.h"

typedef struct GdbStub GdbStub;

/**
 * gdbstub_start: listen on @host:@port (host NULL: 127.0.0.1) and serve
 * debuggers from @m's main loop.
 * Returns: the stub, or NULL with a one-line *@errmsg (the port is taken,
 * or this build has no TCP sockets).
 */
GdbStub *gdbstub_start(VirtMachine *m, const char *host, int port,
                       char **errmsg);
/** gdbstub_free: close the sockets (after virt_run returned). */
void gdbstub_free(GdbStub *gs);

#endif
