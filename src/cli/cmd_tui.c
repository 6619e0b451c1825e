/* cmd_tui.c — STUB: being written. */
#include <stdio.h>
#include "cli.h"
int cmd_tui(cli_opts *o) { (void)o; fprintf(stderr, "crossread: 'tui' is not implemented yet\n"); return 2; }
