/* cmd_claims.c — STUB: being written. */
#include <stdio.h>
#include "cli.h"
int cmd_claims(cli_opts *o) { (void)o; fprintf(stderr, "crossread: 'claims' is not implemented yet\n"); return 2; }
