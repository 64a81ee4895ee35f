/*
 * fuzz-cli.c - the qemu-system-arm style command line (ui/cli.c).
 *
 * Input: the arguments after the program name, separated by NUL bytes.
 * Every input must end in RUN, EXIT or ERROR with a message;
 * ASan/UBSan catch the rest (and LeakSanitizer what emu_cli_free misses).
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/cli.h"

#define MAX_ARGS 64

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    devnull = fopen("/dev/null", "w");
    if (!devnull) {
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = g_malloc(size + 1);
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    size_t start = 0;
    EmuConfig cfg;
    char *err = NULL;
    EmuCliResult r;
    uint64_t bytes;

    memcpy(copy, data, size);
    copy[size] = '\0';
    argv[argc++] = "portos-arm";
    for (size_t i = 0; i <= size && argc <= MAX_ARGS; i++) {
        if (copy[i] == '\0') {
            argv[argc++] = copy + start;
            start = i + 1;
        }
    }
    argv[argc] = NULL;

    r = emu_cli_parse(&cfg, argc, argv, &err, devnull);
    if (r == EMU_CLI_ERROR) {
        /* It may quote an argument, newlines included: not checked. */
        if (!err || !*err) {
            fprintf(stderr, "fuzz-cli: error without a message\n");
            abort();
        }
    } else if (err) {
        fprintf(stderr, "fuzz-cli: message '%s' on success\n", err);
        abort();
    }
    if (r == EMU_CLI_RUN && (cfg.nb_drives > EMU_MAX_DRIVES ||
                             cfg.nb_blk > cfg.nb_drives || !cfg.ram_size)) {
        fprintf(stderr, "fuzz-cli: inconsistent configuration\n");
        abort();
    }
    emu_cli_free(&cfg);
    g_free(err);
    /* The size parser alone, on the first argument. */
    if (argc > 1 && emu_parse_size(argv[1], &bytes) && bytes == 0) {
        abort();
    }
    g_free(copy);
    return 0;
}
