/* seg_score.c — SIGHAN bakeoff word segmentation scorer.
 *
 *   seg_score GOLD TEST [TRAINING_WORDS]
 *
 * Both files: one sentence per line, words separated by white space (any
 * Unicode White_Space, so the U+3000 of the AS corpus counts). A leading BOM
 * is ignored. A test word is correct when its start and end character
 * offsets (white space not counted, counted over the whole file) match a
 * gold word.
 * Precision, recall and F are summed over the whole file, as the bakeoff
 * did. With TRAINING_WORDS (one word per line), gold words are split into
 * in-vocabulary and out-of-vocabulary for IV and OOV recall.
 *
 * Prints one tab-separated line:
 *   gold_words test_words correct P R F oov_rate iv_recall oov_recall
 * and warns on stderr about lines whose characters differ between the files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

typedef struct span { uint32_t start, end, byte, blen; } span;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n == cap)
            buf = realloc(buf, cap *= 2);
        size_t k = fread(buf + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    buf = realloc(buf, n + 1);
    buf[n] = '\0';
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(buf, buf + 3, n - 3);
        n -= 3;
    }
    *len = n;
    return buf;
}

/* Words of [s, s+n) as character spans (offsets count non-space
 * characters); returns the count and the number of characters in *nchars. */
static size_t line_words(const char *s, size_t n, span **out, size_t *cap, uint32_t *nchars)
{
    size_t nw = 0;
    uint32_t ch = 0;
    int in = 0;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && u_isUWhiteSpace(c)) {
            in = 0;
            continue;
        }
        if (!in) {
            if (nw == *cap)
                *out = realloc(*out, (*cap = *cap ? *cap * 2 : 256) * sizeof **out);
            (*out)[nw++] = (span){ch, ch, (uint32_t)at, 0};
            in = 1;
        }
        ch++;
        (*out)[nw - 1].end = ch;
        (*out)[nw - 1].blen = (uint32_t)(i - (*out)[nw - 1].byte);
    }
    *nchars = ch;
    return nw;
}

/* A string set for the training vocabulary: open addressing, FNV-1a. */
typedef struct strset { const char **keys; uint32_t *lens; size_t cap; } strset;

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
    return h;
}

static void set_add(strset *t, const char *s, size_t n)
{
    size_t i = hash(s, n) & (t->cap - 1);
    while (t->keys[i]) {
        if (t->lens[i] == n && memcmp(t->keys[i], s, n) == 0)
            return;
        i = (i + 1) & (t->cap - 1);
    }
    t->keys[i] = s;
    t->lens[i] = (uint32_t)n;
}

static int set_has(const strset *t, const char *s, size_t n)
{
    size_t i = hash(s, n) & (t->cap - 1);
    while (t->keys[i]) {
        if (t->lens[i] == n && memcmp(t->keys[i], s, n) == 0)
            return 1;
        i = (i + 1) & (t->cap - 1);
    }
    return 0;
}

static void load_vocab(strset *t, const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    t->cap = 1;
    while (t->cap < len / 2 + 1024)
        t->cap <<= 1;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->lens = calloc(t->cap, sizeof *t->lens);
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        /* trim white space (CR, spaces, U+3000) around the word */
        span *w = NULL;
        size_t cap = 0;
        uint32_t nc;
        size_t nw = line_words(p, (size_t)(le - p), &w, &cap, &nc);
        if (nw == 1)
            set_add(t, p + w[0].byte, w[0].blen);
        free(w);
        p = nl ? nl + 1 : end;
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: seg_score GOLD TEST [TRAINING_WORDS]\n");
        return 2;
    }
    size_t glen, tlen;
    char *g = slurp(argv[1], &glen), *t = slurp(argv[2], &tlen);
    strset vocab = {0};
    if (argc == 4)
        load_vocab(&vocab, argv[3]);

    /* Offsets run over the whole file, not per line: one gold file (msr)
     * moves a quotation mark to the previous line, which a per-line count
     * would turn into a cascade of misses the bakeoff's own scorer (diff
     * over the word lists) does not have. Line breaks separate words. */
    span *gw = NULL, *tw = NULL;
    size_t gcap = 0, tcap = 0;
    uint32_t gc, tc;
    size_t ng = line_words(g, glen, &gw, &gcap, &gc);
    size_t nt = line_words(t, tlen, &tw, &tcap, &tc);
    if (gc != tc)
        fprintf(stderr, "seg_score: %u characters in gold, %u in test\n", gc, tc);

    uint64_t correct = 0, n_iv = 0, n_oov = 0, c_iv = 0, c_oov = 0;
    for (size_t i = 0, j = 0; i < ng; i++) {
        while (j < nt && tw[j].start < gw[i].start)
            j++;
        int ok = j < nt && tw[j].start == gw[i].start && tw[j].end == gw[i].end;
        correct += ok;
        if (argc == 4) {
            if (set_has(&vocab, g + gw[i].byte, gw[i].blen)) {
                n_iv++;
                c_iv += ok;
            } else {
                n_oov++;
                c_oov += ok;
            }
        }
    }
    double p = nt ? (double)correct / nt : 0, r = ng ? (double)correct / ng : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%zu\t%zu\t%llu\t%.3f\t%.3f\t%.3f", ng, nt, (unsigned long long)correct, p, r, f);
    if (argc == 4)
        printf("\t%.3f\t%.3f\t%.3f", ng ? (double)n_oov / ng : 0,
               n_iv ? (double)c_iv / n_iv : 0, n_oov ? (double)c_oov / n_oov : 0);
    printf("\n");
    free(g);
    free(t);
    free(gw);
    free(tw);
    return gc != tc;
}
