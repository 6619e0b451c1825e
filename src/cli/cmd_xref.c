/* cmd_xref.c — `crossread xref`: links between the claims of every pair of
 * documents, as a comparison report (text), TSV or JSONL (docs/formats.md);
 * the writer is export_xref (export.h), shared with the explorer. */
#include <stdio.h>

#include "cli.h"
#include "export.h"

int cmd_xref(cli_opts *o)
{
    corpus c;
    corpus_init(&c);
    c.release_tokens = true;   /* only mentions, claims and links are printed */
    int rc = cli_load(&c, o, o->args, o->n_args, STAGE_XREF);
    if (rc) { corpus_free(&c); return rc; }
    outfile of;
    FILE *f = cli_open_output(o, &of, &rc);
    if (!f) { corpus_free(&c); return rc; }
    export_xref(f, &c, (enum export_format)o->format);
    rc = cli_close_output(o, &of, f, 0);
    corpus_free(&c);
    return rc;
}
