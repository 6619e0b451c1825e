/* icu_wb.c — the floor for segmentation: plain ICU word break (locale "zh")
 * over every file, nothing else. Timing variant of bench/seg/icu_seg.c,
 * which writes the words for SIGHAN scoring.
 *
 *   icu_wb [-j THREADS] FILE|DIR...
 *
 * Files are listed as crossread lists them (*.txt, recursively, sorted),
 * then each is read (open/read, no UTF-8 check), converted to UTF-16 and
 * walked with a word break iterator; white-space pieces are not counted.
 * Files are spread over THREADS threads (default: $CROSSREAD_THREADS or
 * the number of CPUs) with one iterator per thread, as a fair parallel
 * floor. Prints files, bytes and words (the same on every run). */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "corpus.h"
#include "pool.h"

typedef struct worker {
    UBreakIterator *bi;
    UChar *u;
    int32_t ucap;
    char *buf;
    size_t cap;
} worker;

typedef struct job {
    corpus *c;
    worker w[POOL_MAX_THREADS];
    atomic_size_t bytes, words, failed;
} job;

static void one(void *arg, size_t i, unsigned wid)
{
    job *j = arg;
    worker *w = &j->w[wid];
    int fd = open(j->c->docs[i]->path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        atomic_fetch_add(&j->failed, 1);
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t n = (size_t)st.st_size;
    if (n + 1 > w->cap) {
        w->cap = n + 1;
        w->buf = realloc(w->buf, w->cap);
    }
    size_t got = 0;
    ssize_t r;
    while (got < n && (r = read(fd, w->buf + got, n - got)) > 0)
        got += (size_t)r;
    close(fd);
    UErrorCode st2 = U_ZERO_ERROR;
    int32_t ul = 0;
    u_strFromUTF8WithSub(w->u, w->ucap, &ul, w->buf, (int32_t)got, 0xFFFD, NULL, &st2);
    if (st2 == U_BUFFER_OVERFLOW_ERROR || ul >= w->ucap) {
        w->ucap = ul + 1;
        w->u = realloc(w->u, (size_t)w->ucap * sizeof *w->u);
        st2 = U_ZERO_ERROR;
        u_strFromUTF8WithSub(w->u, w->ucap, &ul, w->buf, (int32_t)got, 0xFFFD, NULL, &st2);
    }
    if (!w->bi)
        w->bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st2);
    ubrk_setText(w->bi, w->u, ul, &st2);
    if (U_FAILURE(st2)) {
        atomic_fetch_add(&j->failed, 1);
        return;
    }
    size_t words = 0;
    for (int32_t a = ubrk_first(w->bi), b; (b = ubrk_next(w->bi)) != UBRK_DONE; a = b) {
        UChar32 ch;
        int32_t k = a;
        U16_NEXT(w->u, k, b, ch);
        if (!u_isUWhiteSpace(ch))
            words++;
    }
    atomic_fetch_add(&j->bytes, got);
    atomic_fetch_add(&j->words, words);
}

int main(int argc, char **argv)
{
    unsigned threads = 0;
    int a = 1;
    if (a + 1 < argc && !strcmp(argv[a], "-j")) {
        threads = (unsigned)atoi(argv[a + 1]);
        a += 2;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: icu_wb [-j THREADS] FILE|DIR...\n");
        return 2;
    }
    static job j;
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {.defer = true};
    for (; a < argc; a++)
        if (corpus_add_path(&c, argv[a], &lo, &e)) {
            fprintf(stderr, "icu_wb: %s: %s\n", e.file, e.msg);
            return 2;
        }
    j.c = &c;
    atomic_init(&j.bytes, 0);
    atomic_init(&j.words, 0);
    atomic_init(&j.failed, 0);
    pool_for(c.n_docs, threads, one, &j);
    for (unsigned t = 0; t < POOL_MAX_THREADS; t++) {
        if (j.w[t].bi)
            ubrk_close(j.w[t].bi);
        free(j.w[t].u);
        free(j.w[t].buf);
    }
    printf("%zu files, %zu bytes, %zu words (%u threads)\n", c.n_docs,
           atomic_load(&j.bytes), atomic_load(&j.words), pool_workers(c.n_docs, threads));
    corpus_free(&c);
    return atomic_load(&j.failed) ? 2 : 0;
}
