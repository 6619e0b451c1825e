/* cmd_text.c — clean, tokens, sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "fold.h"
#include "segment.h"
#include "text.h"

/* clean --removed: one row per removed span of the raw file. */
static void print_removed(FILE *f, const cli_opts *o, const doc *d)
{
    for (size_t k = 0; k < d->n_removed; k++) {
        const removed_span *r = &d->removed[k];
        const char *s = d->raw + r->start;
        size_t n = r->end - r->start;
        const char *why = text_reason_name(r->reason), *rule = text_rule_name(r->rule);
        if (o->format == FMT_TSV) {
            escape_tsv(f, d->id, strlen(d->id));
            fprintf(f, "\t%u\t%u\t%s\t%s\t", r->start, r->end, why, rule);
            escape_tsv(f, s, n);
            fputc('\n', f);
        } else if (o->format == FMT_JSONL) {
            fputs("{\"doc\":", f);
            json_string(f, d->id, strlen(d->id));
            fprintf(f, ",\"start\":%u,\"end\":%u,\"reason\":\"%s\",\"rule\":\"%s\",\"text\":",
                    r->start, r->end, why, rule);
            json_string(f, s, n);
            fputs("}\n", f);
        } else {
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, ":%u-%u: %s/%s: ", r->start, r->end, why, rule);
            escape_text(f, s, n, false);
            fputc('\n', f);
        }
    }
}

static void clean_doc(const cli_doc_out *out, size_t i, const doc *d)
{
    FILE *f = out->f;
    const cli_opts *o = out->o;
    if (o->removed) {
        print_removed(f, o, d);
        return;
    }
    if (o->format == FMT_JSONL) {
        fputs("{\"doc\":", f);
        json_string(f, d->id, strlen(d->id));
        fputs(",\"title\":", f);
        json_string(f, d->text + d->title_span.start,
                    d->title_span.end - d->title_span.start);
        fputs(",\"text\":", f);
        json_string(f, d->text, d->text_len);
        fputs("}\n", f);
    } else {
        if (out->n_docs > 1 || o->format == FMT_TSV) {
            fputs("==> ", f);
            escape_text(f, d->id, strlen(d->id), false);
            fputs(" <==\n", f);
        }
        escape_text(f, d->text, d->text_len, true);
        fputs(i + 1 < out->n_docs ? "\n\n" : "\n", f);
    }
}

/* Each document is printed, then freed, as soon as it is cleaned. */
int cmd_clean(cli_opts *o)
{
    return cli_stream(o, STAGE_CLEAN,
                      o->removed && o->format == FMT_TSV ? "doc\tstart\tend\treason\trule\ttext\n"
                                                         : NULL,
                      clean_doc);
}

static void print_key(FILE *f, const char *s, size_t n, void (*esc)(FILE *, const char *, size_t))
{
    char buf[256];
    size_t len = fold_utf8(s, n, buf, sizeof buf, NULL);
    if (len <= sizeof buf) {
        esc(f, buf, len);
        return;
    }
    char *big = malloc(len);
    if (!big)
        return;
    fold_utf8(s, n, big, len, NULL);
    esc(f, big, len);
    free(big);
}

static void esc_tsv(FILE *f, const char *s, size_t n) { escape_tsv(f, s, n); }
static void esc_json(FILE *f, const char *s, size_t n) { escape_json(f, s, n); }

static void tokens_doc(const cli_doc_out *out, size_t i, const doc *d)
{
    FILE *f = out->f;
    const cli_opts *o = out->o;
    (void)i;
    for (size_t k = 0; k < d->n_tokens; k++) {
        const token *t = &d->tokens[k];
        if (t->kind == TOK_SPACE && o->format == FMT_TEXT)
            continue;
        const char *s = d->text + t->start;
        size_t n = t->end - t->start;
        switch (o->format) {
        case FMT_TSV:
            escape_tsv(f, d->id, strlen(d->id));
            fprintf(f, "\t%u\t%u\t%s\t", t->start, t->end, token_kind_name(t->kind));
            escape_tsv(f, s, n);
            fputc('\t', f);
            print_key(f, s, n, esc_tsv);
            fputc('\n', f);
            break;
        case FMT_JSONL:
            fputs("{\"doc\":", f);
            json_string(f, d->id, strlen(d->id));
            fprintf(f, ",\"start\":%u,\"end\":%u,\"kind\":\"%s\",\"text\":",
                    t->start, t->end, token_kind_name(t->kind));
            json_string(f, s, n);
            fputs(",\"key\":\"", f);
            print_key(f, s, n, esc_json);
            fputs("\"}\n", f);
            break;
        case FMT_TEXT:
            escape_text(f, s, n, false);
            if (k + 1 < d->n_tokens)
                putc(' ', f);   /* one per token: no fputs/strlen */
            break;
        }
    }
    if (o->format == FMT_TEXT)
        fputc('\n', f);
}

/* Streamed: a document's tokens are printed and freed as soon as it is
 * segmented, so the corpus's tokens are never all in memory. */
int cmd_tokens(cli_opts *o)
{
    return cli_stream(o, STAGE_SEGMENT,
                      o->format == FMT_TSV ? "doc\tstart\tend\tkind\ttext\tkey\n" : NULL,
                      tokens_doc);
}

static void sentences_doc(const cli_doc_out *out, size_t i, const doc *d)
{
    FILE *f = out->f;
    const cli_opts *o = out->o;
    (void)i;
    for (size_t k = 0; k < d->n_sentences; k++) {
        const sentence *st = &d->sentences[k];
        const char *s = d->text + st->start;
        size_t n = st->end - st->start;
        if (o->format == FMT_TSV) {
            escape_tsv(f, d->id, strlen(d->id));
            fprintf(f, "\t%zu\t%u\t%u\t", k + 1, st->start, st->end);
            escape_tsv(f, s, n);
            fputc('\n', f);
        } else if (o->format == FMT_JSONL) {
            fputs("{\"doc\":", f);
            json_string(f, d->id, strlen(d->id));
            fprintf(f, ",\"n\":%zu,\"start\":%u,\"end\":%u,\"text\":", k + 1,
                    st->start, st->end);
            json_string(f, s, n);
            fputs("}\n", f);
        } else {
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, ":%zu: ", k + 1);
            escape_text(f, s, n, false);
            fputc('\n', f);
        }
    }
}

int cmd_sentences(cli_opts *o)
{
    return cli_stream(o, STAGE_SEGMENT,
                      o->format == FMT_TSV ? "doc\tn\tstart\tend\ttext\n" : NULL,
                      sentences_doc);
}
