/*
 * The interpreter with a plain switch: portable to any C compiler, and
 * built and tested everywhere as the reference for the threaded variant.
 */
#define TCI_THREADED 0
#define TCI_EXEC_NAME tci_exec_switch
#include "tci/tci-interp.c.inc"
