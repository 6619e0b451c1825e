/* cmd_search.c — STUB: being written. */
#include <stdio.h>
#include "cli.h"
int cmd_search(cli_opts *o) { (void)o; fprintf(stderr, "crossread: 'search' is not implemented yet\n"); return 2; }
