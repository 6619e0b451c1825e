/* cmd_tui.c — open the explorer, after checking there is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"

int cmd_tui(cli_opts *o)
{
    const char *term = getenv("TERM");
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term || !*term ||
        !strcmp(term, "dumb")) {
        fputs("crossread: the explorer needs a terminal (TERM is unset or dumb, or "
              "input/output is not a terminal).\n"
              "Use the subcommands instead: crossread clean|tokens|entities|claims|xref|search "
              "(see crossread --help).\n", stderr);
        return 2;
    }
    corpus c;
    corpus_init(&c);
    int rc = cli_load(&c, o, o->args, o->n_args, STAGE_XREF);
    if (rc) {
        corpus_free(&c);
        return rc;
    }
    draw_opts d = {.ambiguous_wide = false};
    rc = app_run(&c, &d);
    corpus_free(&c);
    return rc;
}
