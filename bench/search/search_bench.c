/* search_bench.c — what the TUI's incremental search costs per keystroke.
 *
 *   search_bench DIR QUERY [QUERY...]
 *
 * Loads and cleans every document under DIR (as the TUI would have; the
 * time of each phase is printed, wall and CPU), then
 * "types" each QUERY one character at a time: each prefix is a new keyword
 * search over a cached search_index, narrowed to the documents the previous
 * prefix matched (search_run's mask), as the TUI does. Prints the time of
 * each keystroke; the first keystroke also folds every document into the
 * cache. Times are wall-clock milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utf8.h>

#include "corpus.h"
#include "search.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double cpu_ms(void)   /* this process, all threads */
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: search_bench DIR QUERY [QUERY...]\n");
        return 2;
    }
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {0};
    double t0 = now_ms(), c0 = cpu_ms();
    if (corpus_add_path(&c, argv[1], &lo, &e)) {
        fprintf(stderr, "search_bench: %s: %s\n", e.file, e.msg);
        return 2;
    }
    size_t raw = 0;
    for (size_t i = 0; i < c.n_docs; i++)
        raw += c.docs[i]->raw_len;
    printf("%zu documents, %zu bytes\n", c.n_docs, raw);
    printf("%-44s %7.0f ms wall %7.0f ms CPU\n", "load (read + validate, all threads)",
           now_ms() - t0, cpu_ms() - c0);
    t0 = now_ms(), c0 = cpu_ms();
    if (corpus_run(&c, STAGE_CLEAN, &e)) {
        fprintf(stderr, "search_bench: %s: %s\n", e.file, e.msg);
        return 2;
    }
    printf("%-44s %7.0f ms wall %7.0f ms CPU\n", "clean (corpus_run, one thread)",
           now_ms() - t0, cpu_ms() - c0);
    search_index *x = search_index_new(&c, true);
    t0 = now_ms(), c0 = cpu_ms();
    if (search_index_prepare(x, 0, &e)) {
        fprintf(stderr, "search_bench: %s\n", e.msg);
        return 2;
    }
    printf("%-44s %7.0f ms wall %7.0f ms CPU\n", "fold every document (search_index_prepare)",
           now_ms() - t0, cpu_ms() - c0);
    uint8_t *mask = malloc(c.n_docs ? c.n_docs : 1);
    double worst = 0;
    for (int a = 2; a < argc; a++) {
        const char *qs = argv[a];
        size_t n = strlen(qs);
        bool narrowed = false;
        for (int32_t i = 0; i < (int32_t)n;) {
            U8_FWD_1((const uint8_t *)qs, i, (int32_t)n);
            char prefix[256];
            snprintf(prefix, sizeof prefix, "%.*s", (int)i, qs);
            search_opts o = {.mode = SEARCH_KEYWORD};
            search_query *q = NULL;
            search_hits h = {0};
            double s = now_ms();
            if (search_compile(&q, &c, prefix, &o, &e) ||
                search_run(q, x, narrowed ? mask : NULL, &h, &e)) {
                fprintf(stderr, "search_bench: %s\n", e.msg);
                return 2;
            }
            double ms = now_ms() - s;
            size_t docs = 0;
            for (size_t k = 0; k < c.n_docs; k++) {
                mask[k] = h.per_doc[k] != 0;
                docs += mask[k];
            }
            narrowed = true;
            printf("  %-24s %8.1f ms  %7zu hits in %4zu documents\n", prefix, ms,
                   h.len, docs);
            if (ms > worst)
                worst = ms;
            search_hits_free(&h);
            search_query_free(q);
        }
    }
    printf("slowest keystroke: %.1f ms\n", worst);
    free(mask);
    search_index_free(x);
    corpus_free(&c);
    return 0;
}
