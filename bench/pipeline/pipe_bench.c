/* pipe_bench.c — where the pipeline's time and memory go, stage by stage.
 *
 *   pipe_bench [-r] [-u STAGE] FILE|DIR...   STAGE: clean ... xref (default)
 *
 * -r sets corpus.release_tokens, as the entities, claims and xref commands
 * do (tokens freed once no stage of the run needs them).
 * Loads the documents, then runs corpus_run one stage further at a time
 * (each stage only adds to the documents, so the sum is one full run) and
 * prints, per stage, wall and CPU time (all threads), and the resident set
 * after it. Threads: $CROSSREAD_THREADS (pool.h). Then what the corpus
 * holds: counts, the bytes of each kind of array, arena totals, peak RSS.
 * Lines are "key value..." for bench/run.sh to read. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "claims.h"
#include "corpus.h"
#include "entities.h"
#include "pool.h"
#include "xref.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2)
            res = 0;
        fclose(f);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static const char *names[] = {"load", "clean", "segment", "extract", "claims", "xref"};

int main(int argc, char **argv)
{
    int upto = STAGE_XREF, a = 1;
    bool release = false, one = false;
    for (;;) {
        if (a + 1 < argc && !strcmp(argv[a], "-u")) {
            for (int s = STAGE_CLEAN; s <= STAGE_XREF; s++)
                if (!strcmp(argv[a + 1], names[s]))
                    upto = s;
            a += 2;
        } else if (a < argc && !strcmp(argv[a], "-1")) {
            one = true;       /* one corpus_run to the last stage, as the commands */
            a++;
        } else if (a < argc && !strcmp(argv[a], "-r")) {
            release = true;   /* as the entities, claims and xref commands */
            a++;
        } else {
            break;
        }
    }
    if (a >= argc) {
        fprintf(stderr, "usage: pipe_bench [-r] [-u STAGE] FILE|DIR...\n");
        return 2;
    }
    corpus c;
    corpus_init(&c);
    c.release_tokens = release;
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {0};
    double t0 = now_ms(), c0 = cpu_ms();
    for (; a < argc; a++)
        if (corpus_add_path(&c, argv[a], &lo, &e)) {
            fprintf(stderr, "pipe_bench: %s: %s\n", e.file, e.msg);
            return 2;
        }
    size_t raw = 0;
    for (size_t i = 0; i < c.n_docs; i++)
        raw += c.docs[i]->raw_len;
    printf("input %zu docs %zu bytes threads %u\n", c.n_docs, raw,
           pool_workers(c.n_docs, 0));
    printf("stage load wall_ms %.1f cpu_ms %.1f rss_kb %ld\n", now_ms() - t0,
           cpu_ms() - c0, rss_kb());
    for (int s = one ? upto : STAGE_CLEAN; s <= upto; s++) {
        t0 = now_ms();
        c0 = cpu_ms();
        if (corpus_run(&c, (enum stage)s, &e)) {
            fprintf(stderr, "pipe_bench: %s: %s\n", e.file, e.msg);
            return 2;
        }
        double w = now_ms() - t0, cpu = cpu_ms() - c0;
        size_t arenas = c.arena.total;
        for (size_t i = 0; i < c.n_docs; i++)
            arenas += c.docs[i]->arena.total;
        printf("stage %s wall_ms %.1f cpu_ms %.1f rss_kb %ld arenas_kb %zu\n", names[s], w,
               cpu, rss_kb(), arenas / 1024);
    }
    size_t text = 0, tok = 0, sen = 0, men = 0, cla = 0, arena_b = 0, claim_m = 0;
    for (size_t i = 0; i < c.n_docs; i++) {
        const doc *d = c.docs[i];
        text += d->text_len;
        tok += d->n_tokens;
        sen += d->n_sentences;
        men += d->n_mentions;
        cla += d->n_claims;
        for (size_t k = 0; k < d->n_claims; k++)
            claim_m += d->claims[k].n_mentions;
        arena_b += d->arena.total;
    }
    printf("count tokens %zu sentences %zu mentions %zu claims %zu entities %zu links %zu\n",
           tok, sen, men, cla, c.n_entities, c.n_links);
    printf("bytes raw %zu text %zu tokens %zu sentences %zu mentions %zu claims %zu "
           "doc_arenas %zu corpus_arena %zu\n",
           raw, text, tok * sizeof(token), sen * sizeof(sentence), men * sizeof(mention),
           cla * sizeof(claim) + claim_m * sizeof(uint32_t), arena_b, c.arena.total);
    /* room reserved or left behind by growing arrays, per kind */
    size_t ctok = 0, csen = 0, cmen = 0, ccla = 0, cmap = 0, crem = 0;
    for (size_t i = 0; i < c.n_docs; i++) {
        const doc *d = c.docs[i];
        ctok += d->cap_tokens * sizeof(token);
        csen += d->cap_sentences * sizeof(sentence);
        cmen += d->cap_mentions * sizeof(mention);
        ccla += d->cap_claims * sizeof(claim);
        cmap += d->map.cap * sizeof *d->map.segs;
        crem += d->cap_removed * sizeof(removed_span) + d->cap_damage * sizeof(damage);
    }
    printf("capacity tokens %zu sentences %zu mentions %zu claims %zu offmap %zu removed %zu\n",
           ctok, csen, cmen, ccla, cmap, crem);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak_rss_kb %ld\n", ru.ru_maxrss);
    corpus_free(&c);
    return 0;
}
