/* cmd_claims.c — `crossread claims`: checkable sentences, their entities,
 * figures and attribution, as text, TSV or JSONL (docs/formats.md); the
 * writer is export_claims (export.h), shared with the explorer. */
#include <stdio.h>

#include "cli.h"
#include "export.h"

int cmd_claims(cli_opts *o)
{
    corpus c;
    outfile of;
    int rc = 0;
    /* tokens are released after use: only mentions, claims and links are printed */
    FILE *f = cli_start(&c, o, STAGE_CLAIMS, true, &of, &rc);
    if (!f)
        return rc;
    export_claims(f, &c, (enum export_format)o->format);
    return cli_finish(&c, o, &of, f, 0);
}
