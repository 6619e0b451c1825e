/* clean_check.c — the cleaner's speed, and a digest of everything it makes.
 *
 *   clean_check [-v] PATH...
 *
 * Loads every document under the PATHs, then cleans them one at a time on
 * one thread (text_clean) and prints the CPU time and throughput. It also
 * prints a digest of every output of the cleaner (cleaned text, title span,
 * offset map, removed spans, damage spans) per document (-v) and for all of
 * them, so that a change meant to make the cleaner faster can be checked to
 * change nothing: run the same inputs through the old and the new build and
 * compare the digests (bench/search/clean_equiv.sh). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "text.h"

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001B3ULL;
    return h;
}

static uint64_t u32(uint64_t h, uint32_t v) { return fnv(h, &v, sizeof v); }

static uint64_t digest(const doc *d)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    h = u32(h, d->text_len);
    h = fnv(h, d->text, d->text_len);
    h = u32(u32(h, d->title_span.start), d->title_span.end);
    h = u32(h, (uint32_t)d->map.len);
    for (size_t k = 0; k < d->map.len; k++) {
        const offmap_seg *s = &d->map.segs[k];
        h = u32(u32(u32(u32(u32(h, s->clean), s->clean_len), s->raw), s->raw_len), s->repl);
    }
    h = u32(h, (uint32_t)d->n_removed);
    for (size_t k = 0; k < d->n_removed; k++) {
        const removed_span *r = &d->removed[k];
        h = u32(u32(u32(u32(h, r->start), r->end), r->reason), r->rule);
    }
    h = u32(h, (uint32_t)d->n_damage);
    for (size_t k = 0; k < d->n_damage; k++)
        h = u32(u32(u32(h, d->damage[k].start), d->damage[k].end), d->damage[k].kind);
    return h;
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && !strcmp(argv[1], "-v");
    int first = verbose ? 2 : 1;
    if (first >= argc) {
        fprintf(stderr, "usage: clean_check [-v] PATH...\n");
        return 2;
    }
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {.lenient = true};
    for (int a = first; a < argc; a++)
        if (corpus_add_path(&c, argv[a], &lo, &e)) {
            fprintf(stderr, "clean_check: %s: %s\n", e.file, e.msg);
            return 2;
        }
    size_t raw = 0;
    double spent = 0;
    uint64_t all = 0xCBF29CE484222325ULL;
    for (size_t i = 0; i < c.n_docs; i++) {
        doc *d = c.docs[i];
        raw += d->raw_len;
        double t0 = cpu_ms();
        if (text_clean(d, &e)) {
            fprintf(stderr, "clean_check: %s: %s\n", e.file, e.msg);
            return 2;
        }
        spent += cpu_ms() - t0;
        uint64_t h = digest(d);
        all = fnv(all, &h, sizeof h);
        if (verbose)
            printf("%016llx %s\n", (unsigned long long)h, d->path);
    }
    printf("%zu documents, %zu bytes: clean %.0f ms CPU (%.1f MB/s); digest %016llx\n",
           c.n_docs, raw, spent, spent > 0 ? raw / spent / 1e3 : 0.0,
           (unsigned long long)all);
    corpus_free(&c);
    return 0;
}
