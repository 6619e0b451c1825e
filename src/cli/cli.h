/* cli.h — shared pieces of the subcommands.
 *
 * main.c parses the options common to every subcommand into struct cli_opts
 * and calls the subcommand's cmd_* function with the remaining arguments.
 * Subcommands return an exit status (0, 1, 2); only main() calls exit.
 */
#ifndef CR_CLI_H
#define CR_CLI_H
#include <stdbool.h>
#include <stdio.h>

#include "corpus.h"
#include "outfile.h"

enum out_format { FMT_TEXT, FMT_TSV, FMT_JSONL };

typedef struct cli_opts {
    enum out_format format;
    const char *output;        /* -o FILE, or NULL for stdout */
    bool force;                /* --force: -o may replace a file */
    load_opts load;            /* --lenient, --max-size */
    const char **lexicons;     /* --lexicon FILE, repeatable */
    int n_lexicons;
    const char *color;         /* --color=auto|always|never */
    bool removed;              /* clean --removed: list what cleaning took out */
    /* search */
    bool regex, word, count, ignore_case;
    bool no_cache;             /* --no-cache: neither read nor write cleaned documents */
    const char *entity;
    /* entities */
    const char *types;         /* --type person,company,...; NULL: all */
    bool no_tagger;            /* --no-tagger: rules and lexicons only */
    /* remaining positional arguments */
    char **args;
    int n_args;
} cli_opts;

/* Print "crossread: <formatted error>" to stderr; returns exit status. */
int cli_report(const cr_error *e);
/* Print "crossread: <message>" to stderr with printf formatting. File
 * names and arguments can hold control characters (a file named
 * ESC]0;...BEL): the message goes through escape_text, like all output. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Load the files named in args (or the bundled corpus when none) and the
 * extra lexicons, then run the stages up to `upto`. */
int cli_load(corpus *c, const cli_opts *o, char **paths, int n_paths,
             enum stage upto);
/* Open the output: stdout, or -o FILE through outfile (atomic, no
 * clobber without --force). cli_close commits or aborts. */
FILE *cli_open_output(const cli_opts *o, outfile *of, int *status);
int cli_close_output(const cli_opts *o, outfile *of, FILE *f, int status);
/* corpus_init and cli_load up to `upto`, with release_tokens as cli_start
 * says; corpus hooks (on_link) may be set between corpus_init and the
 * load by passing `setup` (called with the fresh corpus and ctx), or NULL.
 * Returns the exit status of the load (0: loaded). */
int cli_load_corpus(corpus *c, const cli_opts *o, enum stage upto, bool release_tokens,
                    void (*setup)(corpus *, void *), void *ctx);
/* The usual start of a printing command: corpus_init, cli_load up to
 * `upto` (with release_tokens, tokens are released after use and raw text
 * after cleaning, each file read in the run: corpus.h), cli_open_output.
 * On failure the corpus is freed and NULL returned with *status set. */
FILE *cli_start(corpus *c, const cli_opts *o, enum stage upto, bool release_tokens,
                outfile *of, int *status);
/* cli_close_output, then corpus_free; returns the exit status. */
int cli_finish(corpus *c, const cli_opts *o, outfile *of, FILE *f, int status);

/* A command that prints each document on its own (clean, tokens,
 * sentences) streams: the files are read and checked as cli_start does
 * (a bad file is reported before any output), the output opened, `header`
 * written when not NULL, then the stages up to `upto` run a batch of
 * documents at a time (corpus_stream) and fn prints each document in
 * order before its memory is freed. Returns the exit status. */
typedef struct cli_doc_out {
    FILE *f;
    const cli_opts *o;
    size_t n_docs;
} cli_doc_out;
typedef void (*cli_doc_fn)(const cli_doc_out *out, size_t i, const doc *d);
int cli_stream(const cli_opts *o, enum stage upto, const char *header, cli_doc_fn fn);

int cmd_clean(cli_opts *o);
int cmd_tokens(cli_opts *o);
int cmd_sentences(cli_opts *o);
int cmd_entities(cli_opts *o);
int cmd_claims(cli_opts *o);
int cmd_xref(cli_opts *o);
int cmd_search(cli_opts *o);
int cmd_tui(cli_opts *o);

#endif
