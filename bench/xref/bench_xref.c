/* bench_xref.c — time the claims and xref stages on a corpus.
 *   bench_xref [--lexicon FILE] [--runs N] PATH...
 * Loads PATH (files or directories, as the CLI does), runs every stage up
 * to claims once, then cross-references N times (default 20) and prints the
 * fastest and median xref time with the corpus size. Built and run by
 * bench/xref/run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claims.h"
#include "corpus.h"
#include "lexicon.h"
#include "xref.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {0};
    int runs = 20;
    const char *lex = NULL;
    double t0 = now();
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lexicon") && i + 1 < argc) { lex = argv[++i]; continue; }
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) { runs = atoi(argv[++i]); continue; }
        if (corpus_add_path(&c, argv[i], &lo, &e)) {
            fprintf(stderr, "bench_xref: %s: %s\n", e.file, e.msg);
            return 2;
        }
    }
    if (lex) {
        c.lexicon = lexicon_new();
        if (lexicon_load_default(c.lexicon, &e) || lexicon_load_file(c.lexicon, lex, &e)) {
            fprintf(stderr, "bench_xref: %s: %s\n", e.file, e.msg);
            return 2;
        }
    }
    if (corpus_run(&c, STAGE_CLAIMS, &e)) {
        fprintf(stderr, "bench_xref: %s: %s\n", e.file, e.msg);
        return 2;
    }
    double t1 = now();
    size_t claims = 0, bytes = 0;
    for (size_t i = 0; i < c.n_docs; i++) {
        claims += c.docs[i]->n_claims;
        bytes += c.docs[i]->raw_len;
    }
    if (runs < 1)
        runs = 1;
    double *t = calloc((size_t)runs, sizeof *t);
    size_t links = 0, strong = 0;
    for (int r = 0; r < runs; r++) {
        c.links = NULL;
        c.n_links = c.cap_links = 0;
        double a = now();
        if (xref_link_corpus(&c, &e)) {
            fprintf(stderr, "bench_xref: %s\n", e.msg);
            return 2;
        }
        t[r] = now() - a;
        links = c.n_links;
        strong = 0;
        for (size_t i = 0; i < c.n_links; i++)
            strong += c.links[i].relation != XREF_ONLY_IN;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("docs %zu, %zu bytes, claims %zu, pairs %zu, links %zu (%zu not only-in)\n",
           c.n_docs, bytes, claims, c.n_docs * (c.n_docs - 1) / 2, links, strong);
    printf("load..claims %.1f ms; xref min %.2f ms, median %.2f ms over %d runs\n",
           (t1 - t0) * 1e3, t[0] * 1e3, t[runs / 2] * 1e3, runs);
    free(t);
    corpus_free(&c);
    return 0;
}
