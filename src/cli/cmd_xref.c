/* cmd_xref.c — STUB: being written. */
#include <stdio.h>
#include "cli.h"
int cmd_xref(cli_opts *o) { (void)o; fprintf(stderr, "crossread: 'xref' is not implemented yet\n"); return 2; }
