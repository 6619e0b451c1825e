/* cr_seg.c — crossread's segmenter (src/core/segment.c) over a raw file,
 * for scoring against the SIGHAN bakeoff. The whole input is one document
 * (no cleaning: the cleaner would drop repeated lines); white space tokens
 * are dropped, line breaks kept, other tokens separated by one space.
 *
 *   cr_seg [-r RULES] [-L] < pku_test.utf8 > out
 *
 * -r RULES  bit mask of enum seg_rule (default SEG_RULES), for ablation
 * -L        no lexicon (default: the data/ lexicon crossread ships)
 * --list    print the rules: bit, name, 1 when in SEG_RULES
 * Prints the segmentation time on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "lexicon.h"
#include "segment.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static const struct { unsigned bit; const char *name; } rule_names[] = {
    {SEG_LEXICON, "lexicon"},           {SEG_NUM_JOIN, "num_join"},
    {SEG_NUM_MAGNITUDE, "num_magnitude"}, {SEG_HAN_DIGITS, "han_digits"},
    {SEG_LATIN_HYPHEN, "latin_hyphen"}, {SEG_PUNCT_RUN, "punct_run"},
    {SEG_NUM_MONTH, "num_month"},       {SEG_NUM_SIGN, "num_sign"},
    {SEG_NUM_PERCENT, "num_percent"},   {SEG_NUM_CLAUSE, "num_clause"},
};

int main(int argc, char **argv)
{
    unsigned rules = SEG_RULES;
    int use_lexicon = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-r") && i + 1 < argc)
            rules = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "-L"))
            use_lexicon = 0;
        else if (!strcmp(argv[i], "--list")) {
            for (size_t k = 0; k < sizeof rule_names / sizeof *rule_names; k++)
                printf("%u %s %d\n", rule_names[k].bit, rule_names[k].name,
                       (SEG_RULES & rule_names[k].bit) != 0);
            return 0;
        }
        else {
            fprintf(stderr, "usage: cr_seg [-r RULES] [-L] [--list] < in > out\n");
            return 2;
        }
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t k; buf && (k = fread(buf + n, 1, cap - n, stdin)) > 0;)
        if ((n += k) == cap)
            buf = realloc(buf, cap *= 2);
    if (!buf)
        return 2;
    size_t skip = n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;

    cr_error e;
    cr_error_clear(&e);
    lexicon *lx = NULL;
    if (use_lexicon) {
        lx = lexicon_new();
        if (!lx || lexicon_load_default(lx, &e)) {
            char msg[1200];
            cr_error_format(&e, msg, sizeof msg);
            fprintf(stderr, "cr_seg: lexicon: %s\n", msg);
            return 2;
        }
    }
    doc d;
    memset(&d, 0, sizeof d);
    arena_init(&d.arena);
    d.id = d.path = "stdin";
    d.text = buf + skip;
    d.text_len = (uint32_t)(n - skip);
    double t0 = now();
    if (segment_document_rules(&d, lx, rules, &e)) {
        char msg[1200];
        cr_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "cr_seg: %s\n", msg);
        return 2;
    }
    double dt = now() - t0;
    int sep = 0;
    for (size_t i = 0; i < d.n_tokens; i++) {
        const token *t = &d.tokens[i];
        if (t->kind == TOK_SPACE) {
            for (uint32_t j = t->start; j < t->end; j++)
                if (d.text[j] == '\n') {
                    putchar('\n');
                    sep = 0;
                }
            continue;
        }
        if (sep)
            putchar(' ');
        fwrite(d.text + t->start, 1, t->end - t->start, stdout);
        sep = 1;
    }
    fprintf(stderr, "cr_seg: %zu bytes, %zu tokens, %zu sentences in %.3f s (%.1f MB/s)\n",
            (size_t)d.text_len, d.n_tokens, d.n_sentences, dt,
            dt > 0 ? d.text_len / dt / 1e6 : 0.0);
    arena_free(&d.arena);
    if (lx)
        lexicon_free(lx);
    free(buf);
    return 0;
}
