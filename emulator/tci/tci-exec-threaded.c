/*
 * The interpreter with threaded dispatch: each handler jumps straight to
 * the next one through a table of label addresses (computed goto), which
 * gives the host's branch predictor one indirect jump per handler instead
 * of one shared jump.  Without compiler support, this is the switch again.
 */
#ifdef TCI_HAVE_COMPUTED_GOTO
#define TCI_THREADED 1
const int tci_have_threaded = 1;
#else
#define TCI_THREADED 0
const int tci_have_threaded = 0;
#endif
#define TCI_EXEC_NAME tci_exec_threaded
#include "tci/tci-interp.c.inc"
