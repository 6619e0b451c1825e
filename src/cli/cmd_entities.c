/* cmd_entities.c — STUB: being written. */
#include <stdio.h>
#include "cli.h"
int cmd_entities(cli_opts *o) { (void)o; fprintf(stderr, "crossread: 'entities' is not implemented yet\n"); return 2; }
