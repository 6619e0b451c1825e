/* cmd_xref.c — `crossread xref`: links between the claims of every pair of
 * documents, as a comparison report (text), TSV or JSONL (docs/formats.md);
 * the writer is export_xref (export.h), shared with the explorer. */
#include <stdio.h>

#include "cli.h"
#include "export.h"
#include "xref.h"

/* TSV and JSONL are written a link at a time as cross-referencing finds
 * them (corpus.on_link), so the links are never all in memory; the output
 * is opened at the first one, as it would be after a run that succeeded
 * (an input error still leaves no output). The text report counts every
 * kind of link in its first line: the rest is spilled to a temporary file
 * (export_xref_text_begin) and copied after that line at the end. */
typedef struct link_out {
    const cli_opts *o;
    outfile *of;
    FILE *f;
    int status;                /* of opening the output */
} link_out;

static bool link_out_open(link_out *lo)
{
    if (!lo->f && !lo->status) {
        lo->f = cli_open_output(lo->o, lo->of, &lo->status);
        if (lo->f)
            export_xref_begin(lo->f, (enum export_format)lo->o->format);
    }
    return lo->f != NULL;
}

static void on_link(void *ctx, const corpus *c, const xref_link *l)
{
    link_out *lo = ctx;
    if (link_out_open(lo))
        export_xref_link(lo->f, c, (enum export_format)lo->o->format, l);
}

static void on_text_link(void *ctx, const corpus *c, const xref_link *l)
{
    export_xref_text_link(ctx, c, l);
}

/* cli_load_corpus setups: the links go to the writer as they are found */
static void set_text_link(corpus *c, void *ts)
{
    c->on_link = on_text_link;
    c->link_ctx = ts;
}
static void set_link(corpus *c, void *lo)
{
    c->on_link = on_link;
    c->link_ctx = lo;
}

int cmd_xref(cli_opts *o)
{
    corpus c;
    outfile of;
    int rc = 0;
    xref_text_stream *ts = o->format == FMT_TEXT ? export_xref_text_begin() : NULL;
    if (o->format == FMT_TEXT && !ts) {
        /* no temporary file: the links are kept and the report written at
         * the end; tokens are released after use */
        FILE *f = cli_start(&c, o, STAGE_XREF, true, &of, &rc);
        if (!f)
            return rc;
        export_xref(f, &c, (enum export_format)o->format);
        return cli_finish(&c, o, &of, f, 0);
    }
    if (ts) {
        /* the text report after its first line goes to a temporary file
         * as the links come; it is printed once the run has succeeded */
        rc = cli_load_corpus(&c, o, STAGE_XREF, true, set_text_link, ts);
        FILE *f = rc ? NULL : cli_open_output(o, &of, &rc);
        if (!f) {
            export_xref_text_end(ts, NULL, &c);
            corpus_free(&c);
            return rc;
        }
        if (export_xref_text_end(ts, f, &c)) {
            cli_error("cannot write the report (out of memory or temporary file failed)");
            rc = 2;
        }
        return cli_finish(&c, o, &of, f, rc);
    }
    /* as cli_start does, with the links handed over as they come */
    link_out lo = {.o = o, .of = &of};
    rc = cli_load_corpus(&c, o, STAGE_XREF, true, set_link, &lo);
    if (!rc && !link_out_open(&lo))   /* no link at all: the header alone */
        rc = lo.status;
    if (!lo.f) {
        corpus_free(&c);
        return rc ? rc : lo.status;
    }
    return cli_finish(&c, o, &of, lo.f, rc);
}
