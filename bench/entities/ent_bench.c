/* ent_bench.c — speed of entity extraction against plain ICU word break.
 *
 * usage: ent_bench MB FILE...
 * Loads the files, repeats them as separate documents until the cleaned
 * text reaches MB megabytes, runs clean and segment (not timed), then times
 * (1) ICU word break (zh) over every document's cleaned text, already in
 * UTF-16, and (2) entities_extract + entities_resolve over the same
 * documents. Prints MB/s for both and their ratio. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "corpus.h"
#include "entities.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    if (b && fread(b, 1, (size_t)len, f) != (size_t)len) { free(b); b = NULL; }
    fclose(f);
    *n = (size_t)len;
    return b;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: ent_bench MB FILE...\n");
        return 2;
    }
    double want = atof(argv[1]) * 1e6;
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    size_t total = 0;
    for (int round = 0; total < want; round++) {
        for (int i = 2; i < argc && total < want; i++) {
            size_t n;
            char *b = slurp(argv[i], &n);
            if (!b) { fprintf(stderr, "cannot read %s\n", argv[i]); return 2; }
            char name[64];
            snprintf(name, sizeof name, "r%d-f%d", round, i);
            if (corpus_add_buffer(&c, name, b, n, NULL, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
            free(b);
            total += n;
        }
    }
    if (corpus_run(&c, STAGE_SEGMENT, &e) || entities_prepare(&c, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    size_t clean = 0;
    UChar **u16 = calloc(c.n_docs, sizeof *u16);
    int32_t *u16n = calloc(c.n_docs, sizeof *u16n);
    for (size_t i = 0; i < c.n_docs; i++) {
        doc *d = c.docs[i];
        clean += d->text_len;
        UErrorCode ec = U_ZERO_ERROR;
        u16[i] = malloc(((size_t)d->text_len + 1) * sizeof(UChar));
        u_strFromUTF8(u16[i], (int32_t)d->text_len + 1, &u16n[i], d->text, (int32_t)d->text_len, &ec);
    }
    double t0 = now();
    long breaks = 0;
    for (size_t i = 0; i < c.n_docs; i++) {
        UErrorCode ec = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u16[i], u16n[i], &ec);
        if (U_FAILURE(ec)) { fprintf(stderr, "ubrk_open failed\n"); return 2; }
        while (ubrk_next(bi) != UBRK_DONE)
            breaks++;
        ubrk_close(bi);
    }
    double t1 = now();
    size_t mentions = 0;
    for (size_t i = 0; i < c.n_docs; i++) {
        if (entities_extract(c.docs[i], &c, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
        mentions += c.docs[i]->n_mentions;
    }
    double t2 = now();
    if (entities_resolve(&c, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
    double t3 = now();
    double mb = clean / 1e6;
    printf("documents %zu, cleaned text %.1f MB, word breaks %ld, mentions %zu, entities %zu\n",
           c.n_docs, mb, breaks, mentions, c.n_entities);
    printf("ICU word break:            %.2f s  %.1f MB/s\n", t1 - t0, mb / (t1 - t0));
    printf("entities_extract:          %.2f s  %.1f MB/s\n", t2 - t1, mb / (t2 - t1));
    printf("entities_resolve:          %.2f s\n", t3 - t2);
    printf("extract+resolve vs ICU:    %.2fx ICU's speed\n", (t1 - t0) / (t3 - t1));
    for (size_t i = 0; i < c.n_docs; i++) free(u16[i]);
    free(u16);
    free(u16n);
    corpus_free(&c);
    return 0;
}
