/* common.c — loading, error reporting and output files for subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "lexicon.h"
#include "paths.h"

void cli_error(const char *fmt, ...)
{
    char buf[1400];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    fputs("crossread: ", stderr);
    escape_text(stderr, buf, len, false);
    fputc('\n', stderr);
}

int cli_report(const cr_error *e)
{
    char buf[1200];
    cr_error_format(e, buf, sizeof buf);
    cli_error("%s", buf);
    return 2;
}

/* The files and extra lexicons of cli_load, without running the stages. */
static int load_inputs(corpus *c, const cli_opts *o, char **paths, int n_paths,
                       enum stage upto)
{
    cr_error e;
    cr_error_clear(&e);
    if (n_paths == 0) {
        if (corpus_add_path(c, paths_corpusdir(), &o->load, &e))
            return cli_report(&e);
    }
    for (int i = 0; i < n_paths; i++)
        if (corpus_add_path(c, paths[i], &o->load, &e))
            return cli_report(&e);
    if (o->n_lexicons && upto >= STAGE_SEGMENT) {
        if (!c->lexicon) {
            c->lexicon = lexicon_new();
            if (!c->lexicon || lexicon_load_default(c->lexicon, &e))
                return cli_report(&e);
        }
        for (int i = 0; i < o->n_lexicons; i++)
            if (lexicon_load_file(c->lexicon, o->lexicons[i], &e))
                return cli_report(&e);
    }
    return 0;
}

int cli_load(corpus *c, const cli_opts *o, char **paths, int n_paths,
             enum stage upto)
{
    int status = load_inputs(c, o, paths, n_paths, upto);
    if (status)
        return status;
    cr_error e;
    cr_error_clear(&e);
    if (corpus_run(c, upto, &e))
        return cli_report(&e);
    return 0;
}

FILE *cli_open_output(const cli_opts *o, outfile *of, int *status)
{
    *status = 0;
    if (!o->output || !strcmp(o->output, "-"))
        return stdout;
    cr_error e;
    cr_error_clear(&e);
    if (outfile_open(of, o->output, o->force, &e)) {
        *status = cli_report(&e);
        return NULL;
    }
    return of->f;
}

int cli_close_output(const cli_opts *o, outfile *of, FILE *f, int status)
{
    if (f == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "crossread: write error on standard output\n");
            return 2;
        }
        return status;
    }
    (void)o;
    if (status >= 2) {
        outfile_abort(of);
        return status;
    }
    cr_error e;
    cr_error_clear(&e);
    if (outfile_commit(of, &e))
        return cli_report(&e);
    return status;
}

int cli_load_corpus(corpus *c, const cli_opts *o, enum stage upto, bool release_tokens,
                    void (*setup)(corpus *, void *), void *ctx)
{
    corpus_init(c);
    /* The commands that release tokens print mentions, claims and links:
     * neither raw text nor offset maps are read after cleaning either, so
     * each file is read in the run and its raw text freed once cleaned. */
    c->release_tokens = release_tokens;
    c->release_raw = release_tokens;
    c->no_tagger = o->no_tagger;
    if (setup)
        setup(c, ctx);
    cli_opts lo = *o;
    lo.load.defer = release_tokens;
    return cli_load(c, &lo, o->args, o->n_args, upto);
}

FILE *cli_start(corpus *c, const cli_opts *o, enum stage upto, bool release_tokens,
                outfile *of, int *status)
{
    *status = cli_load_corpus(c, o, upto, release_tokens, NULL, NULL);
    FILE *f = *status ? NULL : cli_open_output(o, of, status);
    if (!f)
        corpus_free(c);
    return f;
}

int cli_finish(corpus *c, const cli_opts *o, outfile *of, FILE *f, int status)
{
    status = cli_close_output(o, of, f, status);
    corpus_free(c);
    return status;
}

typedef struct stream_ctx {
    cli_doc_out out;
    cli_doc_fn fn;
} stream_ctx;

static void stream_emit(void *ctx, size_t i, const doc *d)
{
    stream_ctx *s = ctx;
    s->fn(&s->out, i, d);
}

int cli_stream(const cli_opts *o, enum stage upto, const char *header, cli_doc_fn fn)
{
    corpus c;
    outfile of;
    corpus_init(&c);
    int status = load_inputs(&c, o, o->args, o->n_args, upto);
    FILE *f = status ? NULL : cli_open_output(o, &of, &status);
    if (!f) {
        corpus_free(&c);
        return status;
    }
    if (header)
        fputs(header, f);
    stream_ctx s = {{f, o, c.n_docs}, fn};
    cr_error e;
    cr_error_clear(&e);
    if (corpus_stream(&c, upto, stream_emit, &s, &e))
        status = cli_report(&e);
    return cli_finish(&c, o, &of, f, status);
}
