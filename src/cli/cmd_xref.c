/* cmd_xref.c — `crossread xref`: links between the claims of every pair of
 * documents, as a comparison report (text), TSV or JSONL (docs/formats.md);
 * the writer is export_xref (export.h), shared with the explorer. */
#include <stdio.h>

#include "cli.h"
#include "export.h"

int cmd_xref(cli_opts *o)
{
    corpus c;
    outfile of;
    int rc = 0;
    /* tokens are released after use: only mentions, claims and links are printed */
    FILE *f = cli_start(&c, o, STAGE_XREF, true, &of, &rc);
    if (!f)
        return rc;
    export_xref(f, &c, (enum export_format)o->format);
    return cli_finish(&c, o, &of, f, 0);
}
