/* cmd_search.c — crossread search [OPTIONS] PATTERN [FILE|DIR...]
 *
 * Prints one line per hit, like grep: doc:line:column: context, line and
 * column in the raw file, the hit marked in colour on a terminal and in
 * [brackets] otherwise; -c prints hits per document; --format tsv|jsonl
 * for scripts. Exit status 0 when something matched, 1 when nothing did,
 * 2 on error. Only the stages the query needs are run.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "cache.h"
#include "cli.h"
#include "escape.h"
#include "lexicon.h"
#include "search.h"

enum { CONTEXT_CHARS = 30 };   /* characters of context either side of a hit */

#define C_DOC "\033[35m"
#define C_POS "\033[32m"
#define C_SEP "\033[36m"
#define C_HIT "\033[01;31m"
#define C_END "\033[m"

static bool want_color(const cli_opts *o, FILE *f)
{
    if (o->color && !strcmp(o->color, "always"))
        return true;
    if (o->color && !strcmp(o->color, "never"))
        return false;
    const char *nc = getenv("NO_COLOR");   /* no-color.org: any non-empty value */
    if (nc && *nc)
        return false;
    return isatty(fileno(f)) != 0;
}

/* Display width of s, for the caret under a bad regex. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
        if (c < 0)
            w += 4;
        else {
            int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
            w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
        }
    }
    return w;
}

static int report_pattern_error(const cr_error *e, const char *pattern)
{
    fprintf(stderr, "crossread: %s\n", e->msg);
    size_t n = strlen(pattern);
    bool plain = true;
    for (int32_t i = 0; i < (int32_t)n && plain;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)pattern, i, (int32_t)n, c);
        plain = c >= 0 && !escape_is_unsafe(c);
    }
    if (plain && e->has_byte && e->byte <= n) {
        fprintf(stderr, "  %s\n  %*s^\n", pattern,
                (int)display_width(pattern, e->byte), "");
    }
    return 2;
}

/* The context of a hit: the cleaned line (paragraph) around it, at most
 * CONTEXT_CHARS characters either side. */
typedef struct context {
    uint32_t start, end;
    bool cut_left, cut_right;
} context;

static context context_of(const doc *d, uint32_t hs, uint32_t he)
{
    const uint8_t *t = (const uint8_t *)d->text;
    int32_t s = (int32_t)hs, e = (int32_t)he, n = (int32_t)d->text_len;
    context cx = {0};
    /* Well-formed 3-byte characters (most Chinese text) are stepped over
     * directly; anything else as ICU steps. */
    for (int k = 0; s > 0 && t[s - 1] != '\n'; k++) {
        if (k == CONTEXT_CHARS) { cx.cut_left = true; break; }
        if (s >= 3 && (t[s - 3] & 0xF0) == 0xE0 && ((t[s - 2] ^ 0x80) | (t[s - 1] ^ 0x80)) < 0x40)
            s -= 3;
        else
            U8_BACK_1(t, 0, s);
    }
    for (int k = 0; e < n && t[e] != '\n'; k++) {
        if (k == CONTEXT_CHARS) { cx.cut_right = true; break; }
        if (n - e >= 3 && (t[e] & 0xF0) == 0xE0 && ((t[e + 1] ^ 0x80) | (t[e + 2] ^ 0x80)) < 0x40)
            e += 3;
        else
            U8_FWD_1(t, e, n);
    }
    cx.start = (uint32_t)s;
    cx.end = (uint32_t)e;
    return cx;
}

static void print_text_hit(FILE *f, const doc *d, const search_hit *h,
                           const search_pos *p, bool color)
{
    context cx = context_of(d, h->start, h->end);
    const char *t = d->text;
    if (color) fputs(C_DOC, f);
    escape_text(f, d->id, strlen(d->id), false);
    if (color)
        fprintf(f, C_END C_SEP ":" C_END C_POS "%zu" C_END C_SEP ":" C_END C_POS
                   "%zu" C_END C_SEP ":" C_END " ", p->line, p->col);
    else
        fprintf(f, ":%zu:%zu: ", p->line, p->col);
    if (cx.cut_left) fputs("…", f);
    escape_text(f, t + cx.start, h->start - cx.start, false);
    fputs(color ? C_HIT : "[", f);
    escape_text(f, t + h->start, h->end - h->start, false);
    fputs(color ? C_END : "]", f);
    escape_text(f, t + h->end, cx.end - h->end, false);
    if (cx.cut_right) fputs("…", f);
    fputc('\n', f);
}

static void print_tsv_hit(FILE *f, const doc *d, const search_hit *h,
                          const search_pos *p)
{
    context cx = context_of(d, h->start, h->end);
    escape_tsv(f, d->id, strlen(d->id));
    fprintf(f, "\t%u\t%u\t%zu\t%zu\t%u\t%u\t", h->start, h->end, p->line, p->col,
            p->raw_start, p->raw_end);
    escape_tsv(f, d->text + h->start, h->end - h->start);
    fputc('\t', f);
    escape_tsv(f, d->text + cx.start, cx.end - cx.start);
    fputc('\t', f);
    escape_tsv(f, d->path, strlen(d->path));
    fputc('\n', f);
}

static void print_jsonl_hit(FILE *f, const doc *d, const search_hit *h,
                            const search_pos *p)
{
    context cx = context_of(d, h->start, h->end);
    fputs("{\"doc\":", f);
    json_string(f, d->id, strlen(d->id));
    fprintf(f, ",\"start\":%u,\"end\":%u,\"line\":%zu,\"column\":%zu,"
               "\"raw_start\":%u,\"raw_end\":%u,\"text\":",
            h->start, h->end, p->line, p->col, p->raw_start, p->raw_end);
    json_string(f, d->text + h->start, h->end - h->start);
    fputs(",\"context\":", f);
    json_string(f, d->text + cx.start, cx.end - cx.start);
    fputs(",\"path\":", f);
    json_string(f, d->path, strlen(d->path));
    fputs("}\n", f);
}

/* Everything one document contributes to the output: its count line with
 * -c, else one line per hit. Returns -1 when out of memory. */
static int format_doc(FILE *f, const cli_opts *o, const doc *d,
                      const search_hit *hits, size_t n, bool color)
{
    if (o->count) {
        switch (o->format) {
        case FMT_TSV:
            escape_tsv(f, d->id, strlen(d->id));
            fprintf(f, "\t%zu\n", n);
            break;
        case FMT_JSONL:
            fputs("{\"doc\":", f);
            json_string(f, d->id, strlen(d->id));
            fprintf(f, ",\"count\":%zu}\n", n);
            break;
        case FMT_TEXT:
            if (color) fputs(C_DOC, f);
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, color ? C_END C_SEP ":" C_END "%zu\n" : ":%zu\n", n);
            break;
        }
        return 0;
    }
    if (!n)
        return 0;
    search_lines *lines = search_lines_new(d);
    if (!lines)
        return -1;
    for (size_t k = 0; k < n; k++) {
        search_pos p;
        search_lines_pos(lines, hits[k].start, hits[k].end, &p);
        switch (o->format) {
        case FMT_TEXT: print_text_hit(f, d, &hits[k], &p, color); break;
        case FMT_TSV: print_tsv_hit(f, d, &hits[k], &p); break;
        case FMT_JSONL: print_jsonl_hit(f, d, &hits[k], &p); break;
        }
    }
    search_lines_free(lines);
    return 0;
}

static void print_header(FILE *f, const cli_opts *o)
{
    if (o->format != FMT_TSV)
        return;
    fputs(o->count ? "doc\tcount\n"
                   : "doc\tstart\tend\tline\tcolumn\traw_start\traw_end\ttext\tcontext\tpath\n",
          f);
}

/* Streaming: documents finish in any order on worker threads; each one's
 * output is formatted into memory and written as soon as every document
 * before it has been, so output is in document order and memory stays
 * bounded by the documents in flight. */
typedef struct stream_out {
    const cli_opts *o;
    FILE *f;
    bool color;
    pthread_mutex_t lock;
    char **buf;
    size_t *len;
    bool *ready;
    size_t next, n;
    bool oom;
} stream_out;

/* Write the documents that are ready and next in order (lock held). */
static void flush_ready(stream_out *so)
{
    while (so->next < so->n && so->ready[so->next]) {
        if (so->len[so->next])
            fwrite(so->buf[so->next], 1, so->len[so->next], so->f);
        free(so->buf[so->next]);
        so->buf[so->next] = NULL;
        so->next++;
    }
}

static void stream_emit(void *ctx, size_t i, const doc *d, const search_hit *hits,
                        size_t n)
{
    stream_out *so = ctx;
    char *buf = NULL;
    size_t len = 0;
    /* The next document in order is written straight out; others wait in
     * memory for the ones before them. */
    pthread_mutex_lock(&so->lock);
    if (so->next == i) {
        if (format_doc(so->f, so->o, d, hits, n, so->color))
            so->oom = true;
        so->next++;
        flush_ready(so);
        pthread_mutex_unlock(&so->lock);
        return;
    }
    pthread_mutex_unlock(&so->lock);
    if (n || so->o->count) {
        FILE *m = open_memstream(&buf, &len);
        if (!m || format_doc(m, so->o, d, hits, n, so->color) || fclose(m)) {
            so->oom = true;    /* read only after the workers are joined */
            return;
        }
    }
    pthread_mutex_lock(&so->lock);
    so->buf[i] = buf;
    so->len[i] = len;
    so->ready[i] = true;
    flush_ready(so);
    pthread_mutex_unlock(&so->lock);
}

/* The cache of cleaned documents (cache.h), unless --no-cache or there is
 * no place for it. */
static clean_cache *open_cache(const cli_opts *o)
{
    char dir[4096];
    if (o->no_cache || !clean_cache_default_dir(dir, sizeof dir))
        return NULL;
    return clean_cache_open(dir, 0);
}

static int run_stream(const cli_opts *o, corpus *c, const search_query *q,
                      FILE *f, bool color, size_t *total, cr_error *e)
{
    size_t n = c->n_docs;
    stream_out so = {.o = o, .f = f, .color = color, .n = n};
    so.buf = calloc(n ? n : 1, sizeof *so.buf);
    so.len = calloc(n ? n : 1, sizeof *so.len);
    so.ready = calloc(n ? n : 1, sizeof *so.ready);
    pthread_mutex_init(&so.lock, NULL);
    int rc;
    if (!so.buf || !so.len || !so.ready)
        rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    else {
        clean_cache *cache = open_cache(o);
        rc = search_stream_cached(q, c, &o->load, cache, stream_emit, &so, total, e);
        clean_cache_close(cache);
    }
    if (!rc && so.oom)
        rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    if (so.buf)
        for (size_t i = 0; i < n; i++)
            free(so.buf[i]);
    free(so.buf);
    free(so.len);
    free(so.ready);
    pthread_mutex_destroy(&so.lock);
    return rc;
}

/* The segmenter's lexicon for -w, as cli_load loads it for the stages. */
static int load_lexicons(corpus *c, const cli_opts *o)
{
    cr_error e;
    cr_error_clear(&e);
    if (!(c->lexicon = lexicon_new())) {
        cr_error_set(&e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
        return cli_report(&e);
    }
    if (lexicon_load_default(c->lexicon, &e))
        return cli_report(&e);
    for (int i = 0; i < o->n_lexicons; i++)
        if (lexicon_load_file(c->lexicon, o->lexicons[i], &e))
            return cli_report(&e);
    return 0;
}

int cmd_search(cli_opts *o)
{
    const char *pattern;
    char **paths;
    int n_paths;
    if (o->entity) {
        pattern = o->entity;
        paths = o->args;
        n_paths = o->n_args;
    } else {
        if (o->n_args < 1) {
            fputs("crossread: search needs a PATTERN (or --entity NAME)\n"
                  "usage: crossread search [OPTIONS] PATTERN [FILE|DIR...]\n", stderr);
            return 2;
        }
        pattern = o->args[0];
        paths = o->args + 1;
        n_paths = o->n_args - 1;
    }
    search_opts so = {
        .mode = o->entity ? SEARCH_ENTITY : o->regex ? SEARCH_REGEX : SEARCH_KEYWORD,
        .word = o->word && !o->entity,
        .caseless = o->ignore_case,
    };
    /* Only the stages the query needs. Keyword and regex search stream the
     * documents: list them, then read, clean (segment for -w), search and
     * release each on the worker threads (search_stream). --entity needs
     * the whole extraction, over a loaded corpus. */
    bool stream = so.mode != SEARCH_ENTITY;
    enum stage upto = stream ? STAGE_LOAD : STAGE_EXTRACT;
    cli_opts lo = *o;
    lo.load.defer = stream;
    cr_error e;
    cr_error_clear(&e);
    corpus c;
    corpus_init(&c);
    c.no_tagger = o->no_tagger;   /* --entity runs the extractor */
    search_query *q = NULL;
    search_index *x = NULL;
    search_hits hits = {0};
    outfile of;
    FILE *f = NULL;
    int rc;

    /* A bad pattern is reported before any file is read. */
    if (so.mode != SEARCH_ENTITY) {
        if ((rc = search_compile(&q, &c, pattern, &so, &e))) {
            rc = so.mode == SEARCH_REGEX ? report_pattern_error(&e, pattern)
                                         : cli_report(&e);
            goto out;
        }
        search_query_free(q);
        q = NULL;
    }
    if ((rc = cli_load(&c, &lo, paths, n_paths, upto)))
        goto out;
    if (stream && so.word && (rc = load_lexicons(&c, o)))
        goto out;
    if (search_compile(&q, &c, pattern, &so, &e)) {
        rc = cli_report(&e);
        goto out;
    }
    if (so.mode == SEARCH_ENTITY && search_query_entities(q) == 0)
        cli_error("no entity named '%s' in these documents", pattern);
    f = cli_open_output(o, &of, &rc);
    if (!f)
        goto out;
    bool color = o->format == FMT_TEXT && want_color(o, f);
    size_t total = 0;
    print_header(f, o);
    if (stream) {
        rc = run_stream(o, &c, q, f, color, &total, &e);
    } else if (!(x = search_index_new(&c, false))) {
        rc = cr_error_set(&e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    } else if (!(rc = search_run(q, x, NULL, &hits, &e))) {
        total = hits.len;
        for (size_t i = 0, k = 0; i < c.n_docs && !rc; i++) {
            size_t n = hits.per_doc[i];
            if (format_doc(f, o, c.docs[i], hits.v + k, n, color))
                rc = cr_error_set(&e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
            k += n;
        }
    }
    if (rc)
        rc = cli_report(&e);
    rc = cli_close_output(o, &of, f, rc ? rc : total ? 0 : 1);
out:
    search_hits_free(&hits);
    search_index_free(x);
    search_query_free(q);
    corpus_free(&c);
    return rc;
}
