/* cmd_tui.c — open the explorer, after checking there is a terminal and
 * that the files named exist (everything else loads inside the explorer,
 * on a thread of its own, so the first screen comes at once). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "export.h"

/* The subcommands pass their format to export.h as is. */
_Static_assert((int)FMT_TEXT == (int)EXPORT_TEXT && (int)FMT_TSV == (int)EXPORT_TSV &&
                   (int)FMT_JSONL == (int)EXPORT_JSONL,
               "cli out_format and export_format must agree");

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
    /* Fail before the screen changes when a file is missing. */
    for (int i = 0; i < o->n_args; i++) {
        struct stat st;
        if (stat(o->args[i], &st) != 0) {
            cli_error("%s: cannot open: %s", o->args[i], strerror(errno));
            return 2;
        }
    }
    for (int i = 0; i < o->n_lexicons; i++)
        if (access(o->lexicons[i], R_OK) != 0) {
            cli_error("%s: cannot open: %s", o->lexicons[i], strerror(errno));
            return 2;
        }
    tui_source src = {
        .paths = o->args, .n_paths = o->n_args,
        .lexicons = o->lexicons, .n_lexicons = o->n_lexicons,
        .load = o->load,
        .no_tagger = o->no_tagger,
    };
    return app_run(&src);
}
