/* lex_bench.c — speed of lexicon loading and matching.
 *
 *   lex_bench FILE [REPEAT]
 * Loads the shipped lexicon, reads FILE (UTF-8) REPEAT times into one
 * buffer, then calls lexicon_match_at at every character start — the
 * worst case; callers that match only at token starts do less — and
 * reports load time, scan time, throughput and the number of matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utf8.h>

#include "lexicon.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: lex_bench FILE [REPEAT]\n");
        return 2;
    }
    int rep = argc > 2 ? atoi(argv[2]) : 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 2;
    }
    long one = ftell(f);
    rewind(f);
    if (one <= 0 || rep < 1) {
        fprintf(stderr, "empty input\n");
        return 2;
    }
    size_t n = (size_t)one * (size_t)rep;
    char *buf = malloc(n);
    if (!buf || fread(buf, 1, (size_t)one, f) != (size_t)one) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(f);
    for (int i = 1; i < rep; i++)
        memcpy(buf + (size_t)one * (size_t)i, buf, (size_t)one);

    double t0 = now_ms();
    lexicon *lx = lexicon_new();
    cr_error e;
    cr_error_clear(&e);
    if (!lx || lexicon_load_default(lx, &e)) {
        char msg[1200];
        cr_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "lexicon: %s\n", msg);
        return 2;
    }
    double t1 = now_ms();
    size_t pos = 0, matches = 0, positions = 0;
    const lex_entry *en;
    while (pos < n) {
        positions++;
        size_t m = lexicon_match_at(lx, buf, n, pos, &en);
        if (m) {
            matches++;
            pos += m;
        } else {
            U8_FWD_1(buf, pos, n);
        }
    }
    double t2 = now_ms();
    printf("lexicon: %zu entries, load %.1f ms\n", lexicon_size(lx), t1 - t0);
    printf("scan: %.1f MB, %zu positions, %.0f ms, %.1f MB/s, %.0f ns/position, %zu matches\n",
           (double)n / 1e6, positions, t2 - t1, (double)n / 1e6 / ((t2 - t1) / 1e3),
           (t2 - t1) * 1e6 / (double)positions, matches);
    lexicon_free(lx);
    free(buf);
    return 0;
}
