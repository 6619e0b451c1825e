/* ner.c — character-level NER: features, model file, Viterbi (see ner.h).
 *
 * Model file (all integers little-endian):
 *   "CRNER\0\0\3"  magic and format version
 *   u32 ntags, u32 nfeats (templates), u32 feature-set version,
 *   u32 buckets, u32 nclass, f32 unit (as u32 bits): score of 1 in weights,
 *   u32 features stored, u32 template mask (bit f: template f is used)
 *   i32 trans[(ntags+1)*ntags]   last row: start; INT32_MIN = forbidden
 *   nclass x { u32 key, u32 cls }
 *   buckets x 64 bytes: u32 fp[3], i16 scale[3], u8 flags, u8 0,
 *                       i8 w[3][ntags], zero padding
 *   u32 FNV-1a of everything before
 * A feature's weight for tag t is w[t] * scale * unit: 8-bit weights with a
 * 16-bit scale per feature keep the file small and the precision relative
 * to each feature's own range. A feature lives in one 64-byte bucket (one
 * cache line) with its fingerprint, scale and weights together, so a look-up
 * costs one cache miss, hit or not: bucket = (low 32 bits of hash *
 * buckets) >> 32, fingerprint = (hash >> 32) | 1 (0 = empty entry). A
 * full bucket passes features on to the next one and sets its flag bit 0
 * (overflow); a look-up goes on to the next bucket only past a flagged one.
 * Buckets are filled to at most 60 %, so few are flagged.
 *
 * Tagging a piece (at most NER_MAX_SEQ chars; tag_piece):
 *   1. piece_context: the values that look beyond the +-2 window (distance
 *      to a surname, to an ORG or LOC end, the name-like run, the words
 *      before and after) for every position in two linear passes; the
 *      per-position searches of ner_features give the same values;
 *   2. emissions: per position the hashes of 21 templates (features_at_),
 *      their buckets prefetched one position ahead; a look-up compares a
 *      bucket's three fingerprints at once. Six templates with few values
 *      are read from dense tables filled at load (dense_fill), the five
 *      unigrams from per-key records kept in a per-thread memo (uni_rec).
 *      The found rows are summed two at a time (SSE2 pmaddwd, exact in
 *      int32);
 *   3. viterbi_vec, and backward when spans were found: all tags in vector
 *      lanes (GCC vector extensions), forbidden transitions masked.
 * Memory is what is left: ~21 look-ups per character into a 10 MB table
 * (docs/performance.md, "Tagger speed"). Each thread keeps its work space
 * (~0.4 MB, with the memos) from call to call (work_get).
 * The plain reference path (emissions_plain, viterbi_plain,
 * backward_plain) is kept for ner_check_paths, which test_ner runs.
 */
#include "ner.h"

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "fold.h"
#include "paths.h"

/* Bump when ner_features or ner_char_init change meaning: old models are
 * then refused instead of silently mis-scoring. */
#define NER_FEATURE_SET 3u

static const unsigned char MAGIC[8] = {'C', 'R', 'N', 'E', 'R', 0, 0, 3};
enum { HEADER = 8 + 8 * 4 };
#define FORBIDDEN INT32_MIN
/* bucket layout: fingerprints, scales, flags, then the weight rows; the
 * last row is read as 16 lanes (3 past its end), still inside the bucket */
enum { BKT = 64, BKT_N = 3, B_SC = 12, B_FLAGS = 18, B_W = 20, B_OVERFLOW = 1 };
_Static_assert(B_W + (BKT_N - 1) * NER_NTAGS + 16 <= BKT, "a bucket is one line");
#define NEG_INF (-(1 << 29))
/* 4 int32 lanes (GCC vector extension: SSE2 on x86-64, NEON on ARM, plain
 * code elsewhere) */
typedef int32_t vi4 __attribute__((vector_size(16)));   /* forbidden; sums of two stay in int32 */

enum { K_BOS = 0x110001, K_EOS = 0x110002, K_FOLD_HASH = 0x200000 };
enum { T_BOUND, T_HAN, T_HANNUM, T_DIGIT, T_LATIN, T_LETTER, T_PUNCT,
       T_SPACE, T_SYMBOL, T_OTHER };
/* templates read from dense tables (see DENSE_TMPL) */
enum { D_BIAS, D_TYPE3, D_DS, D_NRUN, D_DIST, D_WP, D__COUNT };

struct ner_model {
    uint64_t id;      /* unique per load (the threads' memos are per model) */
    uint32_t nbuckets;
    float scale;      /* the file's unit */
    uint32_t mask;    /* templates looked up */
    uint8_t tmpl[NER_NFEATS], ntmpl;   /* their indexes */
    uint8_t rtmpl[NER_NFEATS], nrtmpl; /* those hashed by emissions: not the
                                          unigrams nor the dense ones */
    /* the dense templates used (D_*), and where each one's values start
     * in dense_w / dense_sc: the row and scale of every value, looked up
     * at load (scale 0: not stored) */
    uint8_t dense_of[D__COUNT], ndense;
    uint32_t dense_at[D__COUNT];
    int8_t (*dense_w)[16];
    int16_t *dense_sc;
    int32_t trans[(NER_NTAGS + 1) * NER_NTAGS];
    /* allowed transitions, listed per tag: prev[t] may precede t, next[p]
     * may follow p (every tag has at least O or its own I/E allowed) */
    uint8_t prev[NER_NTAGS][NER_NTAGS], nprev[NER_NTAGS];
    uint8_t next[NER_NTAGS][NER_NTAGS], nnext[NER_NTAGS];
    /* for viterbi_vec: trans[p][t] and whether p may precede t (all ones
     * or 0) as vectors over t, 16 lanes (the last 3 unused) */
    vi4 vtrans[NER_NTAGS][4], vallow[NER_NTAGS][4];
    /* for backward: the same by t, as vectors over p */
    vi4 vtransT[NER_NTAGS][4], vallowT[NER_NTAGS][4];
    uint32_t nclass;
    uint32_t *class_key;
    uint8_t *class_bits;
    uint8_t *class_bmp;    /* class bits of keys below 0x10000, by key */
    unsigned char *tab;    /* nbuckets x BKT, 64-byte aligned, integers in
                              host order */
};

const char *ner_type_name(int type)
{
    static const char *names[] = {"PER", "ORG", "LOC"};
    return type >= 0 && type < NER__COUNT ? names[type] : "?";
}

/* ---- characters and features ---- */

static uint8_t char_type(UChar32 c)
{
    if (u_isUWhiteSpace(c) || u_iscntrl(c))
        return T_SPACE;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    if (sc == USCRIPT_HAN)
        return u_getNumericValue(c) != U_NO_NUMERIC_VALUE ? T_HANNUM : T_HAN;
    int8_t ct = u_charType(c);
    if (ct == U_DECIMAL_DIGIT_NUMBER)
        return T_DIGIT;
    if (u_isalpha(c))
        return sc == USCRIPT_LATIN ? T_LATIN : T_LETTER;
    if (u_ispunct(c))
        return T_PUNCT;
    if (ct == U_MATH_SYMBOL || ct == U_CURRENCY_SYMBOL || ct == U_OTHER_SYMBOL ||
        ct == U_MODIFIER_SYMBOL)
        return T_SYMBOL;
    return T_OTHER;
}

void ner_char_init(int32_t cp, ner_char *c)
{
    char buf[FOLD_MAX_UTF8];
    size_t len = fold_cp(cp, buf);
    int32_t i = 0;
    UChar32 first = cp;   /* a code point that folds to nothing keys as itself */
    if (len > 0)          /* U8_NEXT reads buf[0] before it looks at len */
        U8_NEXT((const uint8_t *)buf, i, (int32_t)len, first);
    if (first < 0)
        first = 0xFFFD;
    if ((size_t)i == len) {
        c->key = (uint32_t)first;
    } else {   /* e.g. a ligature folding to several letters */
        uint32_t h = 2166136261u;
        for (size_t j = 0; j < len; j++)
            h = (h ^ (uint8_t)buf[j]) * 16777619u;
        c->key = K_FOLD_HASH | (h & 0xFFFFF);
    }
    c->type = char_type(first);
    c->cls = 0;
    c->word = 0;
    c->wpos = 0;
    c->wlen = 0;
}

struct ner_seg {
    UBreakIterator *brk;
    UChar u[2 * NER_MAX_SEQ];
    uint16_t owner[2 * NER_MAX_SEQ];   /* char index of each UTF-16 unit */
};

ner_seg *ner_seg_open(cr_error *e)
{
    ner_seg *s = calloc(1, sizeof *s);
    if (!s) {
        cr_error_set(e, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
        return NULL;
    }
    UErrorCode st = U_ZERO_ERROR;
    s->brk = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        cr_error_set(e, CR_EINPUT, NULL, 0, 0, 0, "ICU word break: %s",
                     u_errorName(st));
        free(s);
        return NULL;
    }
    return s;
}

void ner_seg_close(ner_seg *s)
{
    if (!s)
        return;
    ubrk_close(s->brk);
    free(s);
}

/* Give seq[from..to) the word fields of one word: its hash, length and
 * each character's position in it. */
static void mark_word(ner_char *seq, size_t from, size_t to)
{
    uint32_t h = 2166136261u;
    for (size_t k = from; k < to; k++)
        h = (h ^ seq[k].key) * 16777619u;
    size_t wl = to - from;
    for (size_t k = from; k < to; k++) {
        seq[k].word = h;
        seq[k].wlen = (uint8_t)(wl > 15 ? 15 : wl);
        seq[k].wpos = (uint8_t)(wl == 1 ? NER_POS_S : k == from ? NER_POS_B
                                : k + 1 == to ? NER_POS_E : NER_POS_I);
    }
}

int ner_seg_words(ner_seg *s, ner_char *seq, size_t n, cr_error *e)
{
    if (n == 0)
        return CR_OK;
    if (n > NER_MAX_SEQ)
        return cr_error_set(e, CR_EINPUT, NULL, 0, 0, 0, "piece too long");
    int32_t len = 0;
    for (size_t k = 0; k < n; k++) {
        UChar32 c = seq[k].key <= 0x10FFFF ? (UChar32)seq[k].key : 0xFFFD;
        int32_t at = len;
        UBool err = 0;
        U16_APPEND(s->u, len, (int32_t)(2 * NER_MAX_SEQ), c, err);
        (void)err;   /* cannot overflow: two units per char at most */
        for (int32_t j = at; j < len; j++)
            s->owner[j] = (uint16_t)k;
    }
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(s->brk, s->u, len, &st);
    if (U_FAILURE(st))
        return cr_error_set(e, CR_EINPUT, NULL, 0, 0, 0, "ICU word break: %s",
                            u_errorName(st));
    int32_t a = ubrk_first(s->brk);
    for (int32_t b = ubrk_next(s->brk); b != UBRK_DONE; a = b, b = ubrk_next(s->brk)) {
        size_t from = s->owner[a], to = s->owner[b - 1] + 1;
        mark_word(seq, from, to);
    }
    return CR_OK;
}

void ner_words_mark(ner_char *seq, size_t n, const uint8_t *starts)
{
    for (size_t from = 0; from < n;) {
        size_t to = from + 1;
        while (to < n && !starts[to])
            to++;
        mark_word(seq, from, to);
        from = to;
    }
}

static inline uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Feature hashes: the template's seed t and up to three 32-bit values.
 * Two values are packed into one 64-bit word exactly, so a feature costs
 * one mix (two for three values). */
static inline uint64_t hk(uint64_t t, uint32_t a)
{
    return mix64(t ^ a);
}
static inline uint64_t hk2(uint64_t t, uint32_t a, uint32_t b)
{
    return mix64(t ^ ((uint64_t)a << 32 | b));
}
static inline uint64_t hk3(uint64_t t, uint32_t a, uint32_t b, uint32_t c)
{
    return mix64(hk2(t, a, b) ^ c);
}

/* The context values of one position that look further than its
 * neighbours: distances to learned classes, the run of name-like chars,
 * the neighbouring words. ner_features finds them for one position by
 * looking around it; the tagger finds them for a whole piece in two linear
 * passes (piece_context), which must give the same values (test_ner). */
typedef struct ner_ctx {
    uint32_t ds;      /* back to the nearest surname (0: here), cap 5 */
    uint32_t dorg;    /* on to the next ORG end (from 1), cap 9 */
    uint32_t dloc;    /* on to the next LOC end, cap 9 */
    uint32_t nrun;    /* name-like run before << 4 | after << 1 | here */
    uint32_t prevw;   /* the word before this char's word (K_BOS: none) */
    uint32_t nextw;   /* the word after it (K_EOS: none) */
} ner_ctx;

enum { NAME_LIKE = NER_CLS_SURNAME | NER_CLS_PER_IN | NER_CLS_FOREIGN,
       DS_CAP = 5, DFWD_CAP = 9, RUN_CAP = 4, WORD_LOOK = 16 };

/* Distance from i back to the nearest char with any of bits (0 = i itself),
 * or forward to the next one (from 1); cap when none is that close. */
static uint32_t dist_back(const ner_char *seq, size_t i, uint8_t bits, uint32_t cap)
{
    for (uint32_t d = 0; d < cap && d <= i; d++)
        if (seq[i - d].cls & bits) return d;
    return cap;
}
static uint32_t dist_fwd(const ner_char *seq, size_t n, size_t i, uint8_t bits,
                         uint32_t cap)
{
    for (uint32_t d = 1; d < cap && i + d < n; d++)
        if (seq[i + d].cls & bits) return d;
    return cap;
}
/* Run of name-like chars (surname or given-name class) ending just before i
 * and starting just after it, capped at 4 each. */
static uint32_t name_run(const ner_char *seq, size_t n, size_t i)
{
    uint32_t l = 0, r = 0;
    while (l < RUN_CAP && l < i && (seq[i - l - 1].cls & NAME_LIKE)) l++;
    while (r < RUN_CAP && i + r + 1 < n && (seq[i + r + 1].cls & NAME_LIKE)) r++;
    return l << 4 | r << 1 | ((seq[i].cls & NAME_LIKE) != 0);
}

/* The context of position i alone, by looking around it. */
static void position_context(const ner_char *seq, size_t n, size_t i, ner_ctx *x)
{
    x->ds = dist_back(seq, i, NER_CLS_SURNAME, DS_CAP);
    x->dorg = dist_fwd(seq, n, i, NER_CLS_ORG_END, DFWD_CAP);
    x->dloc = dist_fwd(seq, n, i, NER_CLS_LOC_END, DFWD_CAP);
    x->nrun = name_run(seq, n, i);
    /* the word before this char's word, and the one after (looked for at
     * most 16 chars away, so a very long word costs no more) */
    uint32_t prevw = K_BOS, nextw = K_EOS;
    size_t j = i;
    while (j > 0 && i - j < WORD_LOOK &&
           (seq[j].wpos == NER_POS_I || seq[j].wpos == NER_POS_E))
        j--;
    if (j > 0)
        prevw = seq[j - 1].word;
    j = i;
    while (j + 1 < n && j - i < WORD_LOOK &&
           (seq[j].wpos == NER_POS_B || seq[j].wpos == NER_POS_I))
        j++;
    if (j + 1 < n)
        nextw = seq[j + 1].word;
    x->prevw = prevw;
    x->nextw = nextw;
}

/* The contexts of all positions of seq[0..n), the same values in two
 * passes without the per-position searches (whose trip counts the branch
 * predictor cannot guess). */
static void piece_context(const ner_char *seq, size_t n, ner_ctx *x)
{
    /* forward: last surname, the name-like run before, this word's start */
    size_t last_sur = SIZE_MAX, wstart = 0;
    uint32_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (seq[i].cls & NER_CLS_SURNAME)
            last_sur = i;
        x[i].ds = last_sur != SIZE_MAX && i - last_sur < DS_CAP
                      ? (uint32_t)(i - last_sur) : DS_CAP;
        if (i > 0)
            run = (seq[i - 1].cls & NAME_LIKE) ? (run < RUN_CAP ? run + 1 : RUN_CAP) : 0;
        x[i].nrun = run << 4 | ((seq[i].cls & NAME_LIKE) != 0);
        if (seq[i].wpos == NER_POS_B || seq[i].wpos == NER_POS_S)
            wstart = i;
        /* the search back stops at the word's start, at 16 chars or at 0 */
        size_t stop = i >= WORD_LOOK && i - WORD_LOOK > wstart ? i - WORD_LOOK : wstart;
        x[i].prevw = stop > 0 ? seq[stop - 1].word : K_BOS;
    }
    /* backward: next ORG and LOC ends, the run after, this word's end */
    size_t next_org = SIZE_MAX, next_loc = SIZE_MAX, wend = n - 1;
    run = 0;
    for (size_t i = n; i-- > 0;) {
        x[i].dorg = next_org != SIZE_MAX && next_org - i < DFWD_CAP
                        ? (uint32_t)(next_org - i) : DFWD_CAP;
        x[i].dloc = next_loc != SIZE_MAX && next_loc - i < DFWD_CAP
                        ? (uint32_t)(next_loc - i) : DFWD_CAP;
        if (seq[i].cls & NER_CLS_ORG_END)
            next_org = i;
        if (seq[i].cls & NER_CLS_LOC_END)
            next_loc = i;
        if (i + 1 < n)
            run = (seq[i + 1].cls & NAME_LIKE) ? (run < RUN_CAP ? run + 1 : RUN_CAP) : 0;
        x[i].nrun |= run << 1;
        if (seq[i].wpos == NER_POS_E || seq[i].wpos == NER_POS_S)
            wend = i;
        size_t stop = wend - i > WORD_LOOK ? i + WORD_LOOK : wend;
        x[i].nextw = stop + 1 < n ? seq[stop + 1].word : K_EOS;
    }
}

/* One seed per template; a feature of one template cannot collide with
 * another of the same template (xor with the seed is one-to-one), and
 * across templates only by chance, at 2^-64. */
static const uint64_t SEED[NER_NFEATS] = {
#define S(f) (0x51ED270B00000000ULL + (f + 1) * 0x9E3779B97F4A7C15ULL)
    S(0), S(1), S(2), S(3), S(4), S(5), S(6), S(7), S(8), S(9), S(10), S(11),
    S(12), S(13), S(14), S(15), S(16), S(17), S(18), S(19), S(20), S(21), S(22),
    S(23), S(24), S(25), S(26), S(27), S(28), S(29), S(30), S(31)
#undef S
};
/* Templates 1..5 are the unigrams at offsets -2..2. */
enum { T_UNI = 1, N_UNI = 5 };
/* Templates with few values (D_*: the bias, three characters' types, the
 * surname distance with the character's type and class, the name-like
 * run, the ORG/LOC-end distances with the type, the word position; D_*
 * at the top): the tagger reads their rows from small dense tables that
 * ner_load fills by looking every value up (model.dense_*), instead of
 * hashing them. */
enum { NTYPE = T_OTHER + 1, NCLS = 32, NDS = DS_CAP + 1, NDIST = DFWD_CAP + 1,
       NRUN = RUN_CAP << 4 | RUN_CAP << 1 | 1 };
static const uint8_t DENSE_TMPL[D__COUNT] = {0, 14, 21, 22, 23, 26};
static const uint32_t DENSE_N[D__COUNT] = {
    1, NTYPE * NTYPE * NTYPE, NDS * NTYPE * NCLS, NRUN + 1,
    NDIST * NDIST * NTYPE, 4 << 4};

/* Feature hashes of position i given its context; with fast set, those of
 * the unigrams and the D_* templates, which emissions does not hash, are
 * left unset. */
static inline void features_at_(const ner_char *seq, size_t n, size_t i,
                                const ner_ctx *x, uint64_t out[NER_NFEATS],
                                int fast)
{
    static const ner_char bos = {K_BOS, K_BOS, T_BOUND, 0, 0, 0},
                          eos = {K_EOS, K_EOS, T_BOUND, 0, 0, 0};
    const ner_char *c[5];
    for (int k = -2; k <= 2; k++) {
        long j = (long)i + k;
        c[k + 2] = j < 0 ? &bos : (size_t)j >= n ? &eos : &seq[j];
    }
    const uint64_t *t = SEED;
    int o = 0;
    if (!fast)
        out[o] = mix64(t[o]);                             /* bias */
    o++;
    for (int k = 0; k < 5; k++, o++)                      /* unigrams */
        if (!fast)
            out[o] = hk(t[o], c[k]->key);
    for (int k = 0; k < 4; k++, o++)                      /* bigrams */
        out[o] = hk2(t[o], c[k]->key, c[k + 1]->key);
    out[o] = hk2(t[o], c[1]->key, c[3]->key); o++;       /* skip bigram */
    for (int k = 0; k < 3; k++, o++)                      /* trigrams */
        out[o] = hk3(t[o], c[k]->key, c[k + 1]->key, c[k + 2]->key);
    if (!fast)
        out[o] = hk(t[o], (uint32_t)c[1]->type << 16 | (uint32_t)c[2]->type << 8 |
                              c[3]->type);
    o++;
    out[o] = hk(t[o], (uint32_t)c[0]->type << 24 | (uint32_t)c[1]->type << 18 |
                          (uint32_t)c[2]->type << 12 | (uint32_t)c[3]->type << 6 |
                          c[4]->type); o++;
    out[o] = hk(t[o], (uint32_t)c[1]->cls << 16 | (uint32_t)c[2]->cls << 8 |
                          c[3]->cls); o++;
    out[o] = hk2(t[o], c[2]->cls, c[1]->key); o++;
    out[o] = hk2(t[o], c[2]->cls, c[3]->key); o++;
    out[o] = hk(t[o], (uint32_t)c[0]->cls << 24 | (uint32_t)c[1]->cls << 18 |
                          (uint32_t)c[2]->cls << 12 | (uint32_t)c[3]->cls << 6 |
                          c[4]->cls); o++;
    out[o] = hk2(t[o], x->ds, c[2]->key); o++;
    if (!fast) {
        out[o] = hk(t[o], x->ds << 16 | (uint32_t)c[2]->type << 8 | c[2]->cls);
        out[o + 1] = hk(t[o + 1], x->nrun);
        out[o + 2] = hk(t[o + 2], x->dorg << 16 | x->dloc << 8 | c[2]->type);
    }
    o += 3;
    out[o] = hk2(t[o], x->dorg, c[2]->key); o++;
    out[o] = hk2(t[o], x->dloc, c[2]->key); o++;
    /* ICU words: position and length, the word itself, its neighbours */
    uint32_t wp = (uint32_t)c[2]->wpos << 4 | c[2]->wlen;
    if (!fast)
        out[o] = hk(t[o], wp);
    o++;
    out[o] = hk2(t[o], wp, c[2]->key); o++;
    out[o] = hk(t[o], (uint32_t)c[1]->wlen << 16 | wp << 8 | c[3]->wlen); o++;
    out[o] = hk2(t[o], wp, c[2]->word); o++;
    out[o] = hk2(t[o], wp, x->prevw); o++;
    out[o] = hk2(t[o], wp, x->nextw); o++;
}

static void features_at(const ner_char *seq, size_t n, size_t i, const ner_ctx *x,
                        uint64_t out[NER_NFEATS])
{
    features_at_(seq, n, i, x, out, 0);
}

void ner_features(const ner_char *seq, size_t n, size_t i,
                  uint64_t out[NER_NFEATS])
{
    ner_ctx x;
    position_context(seq, n, i, &x);
    features_at(seq, n, i, &x, out);
}

/* ---- model file ---- */

static uint32_t fnv1a(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24);
}
static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}
static void put16(unsigned char *p, int16_t v)
{
    uint16_t u = (uint16_t)v;
    p[0] = (unsigned char)u; p[1] = (unsigned char)(u >> 8);
}
static int16_t get16(const unsigned char *p)
{
    return (int16_t)(uint16_t)(p[0] | p[1] << 8);
}

static size_t file_size(uint32_t buckets, uint32_t nclass)
{
    return HEADER + 4 * (NER_NTAGS + 1) * NER_NTAGS + 8 * (size_t)nclass +
           BKT * (size_t)buckets + 4;
}

#define FABS(x) ((x) < 0 ? -(x) : (x))

static long quant(double v, double step, long lim)
{
    double q = v / step;
    if (q > (double)lim) q = (double)lim;
    if (q < -(double)lim) q = -(double)lim;
    return (long)(q < 0 ? q - 0.5 : q + 0.5);
}

static uint32_t bucket_of(uint64_t h, uint32_t buckets)
{
    return (uint32_t)(((h & 0xFFFFFFFFu) * (uint64_t)buckets) >> 32);
}

int ner_trans_ok(int prev, int t)
{
    /* inside an entity: prev is B or I of type X, so t must be I or E of X */
    int open = prev > 0 && prev < NER_NTAGS &&
               (NER_TAG_POS(prev) == NER_POS_B || NER_TAG_POS(prev) == NER_POS_I);
    if (t == NER_NTAGS)
        return !open;
    int cont = t > 0 && (NER_TAG_POS(t) == NER_POS_I || NER_TAG_POS(t) == NER_POS_E);
    if (open)
        return cont && NER_TAG_TYPE(t) == NER_TAG_TYPE(prev);
    /* two names never touch in running text (lists use 、 or spaces), so a
     * name ending right where another starts is a split name */
    if (prev > 0 && prev < NER_NTAGS && t > 0 && NER_TAG_TYPE(prev) == NER_PER &&
        NER_TAG_TYPE(t) == NER_PER)
        return 0;
    return !cont;
}

static int is_forbidden(int prev, int t) { return !ner_trans_ok(prev, t); }

int ner_model_write(const char *path, const float *trans,
                    const uint64_t *feats, const float *weights, size_t nfeat,
                    const ner_class *classes, size_t nclass, uint32_t templates,
                    cr_error *e)
{
    double maxabs = 0;
    for (size_t i = 0; i < nfeat * NER_NTAGS; i++)
        if (FABS(weights[i]) > maxabs) maxabs = FABS(weights[i]);
    for (int p = 0; p <= NER_NTAGS; p++)
        for (int t = 0; t < NER_NTAGS; t++)
            if (!is_forbidden(p, t) && FABS(trans[p * NER_NTAGS + t]) > maxabs)
                maxabs = FABS(trans[p * NER_NTAGS + t]);
    /* the largest weight becomes 127 * 32767 units */
    double unit = maxabs > 0 ? maxabs / (127.0 * 32767.0) : 1.0;

    size_t used = 0;
    for (size_t f = 0; f < nfeat; f++)
        for (int t = 0; t < NER_NTAGS; t++)
            if (weights[f * NER_NTAGS + t] != 0) { used++; break; }
    if (used > (1u << 27))
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "too many features");
    /* buckets at most 60 % full (and at least one never overflows) */
    uint32_t buckets = (uint32_t)(used * 10 / (6 * BKT_N) + 16);

    size_t size = file_size(buckets, (uint32_t)nclass);
    unsigned char *buf = calloc(1, size);
    if (!buf)
        return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
    unsigned char *p = buf;
    memcpy(p, MAGIC, 8); p += 8;
    float unit_f = (float)unit;
    uint32_t unit_bits;
    memcpy(&unit_bits, &unit_f, 4);
    uint32_t hdr[8] = {NER_NTAGS, NER_NFEATS, NER_FEATURE_SET, buckets,
                       (uint32_t)nclass, unit_bits, (uint32_t)used, templates};
    for (int i = 0; i < 8; i++, p += 4)
        put32(p, hdr[i]);
    for (int pr = 0; pr <= NER_NTAGS; pr++)
        for (int t = 0; t < NER_NTAGS; t++, p += 4)
            put32(p, is_forbidden(pr, t)
                         ? (uint32_t)FORBIDDEN
                         : (uint32_t)(int32_t)quant(trans[pr * NER_NTAGS + t], unit,
                                                    127L * 32767L));
    for (size_t i = 0; i < nclass; i++, p += 8) {
        put32(p, classes[i].key);
        put32(p + 4, classes[i].cls);
    }
    unsigned char *tab = p;
    for (size_t f = 0; f < nfeat; f++) {
        const float *w = weights + f * NER_NTAGS;
        double rmax = 0;
        for (int t = 0; t < NER_NTAGS; t++)
            if (FABS(w[t]) > rmax) rmax = FABS(w[t]);
        if (rmax == 0)
            continue;
        long sc = (long)(rmax / 127.0 / unit) + 1;
        if (sc > 32767) sc = 32767;
        uint32_t b = bucket_of(feats[f], buckets);
        uint32_t key = (uint32_t)(feats[f] >> 32) | 1;
        int k;
        for (;;) {
            unsigned char *bk = tab + (size_t)b * BKT;
            for (k = 0; k < BKT_N && get32(bk + 4 * k) != 0; k++)
                ;
            if (k < BKT_N)
                break;
            bk[B_FLAGS] |= B_OVERFLOW;
            if (++b == buckets) b = 0;
        }
        unsigned char *bk = tab + (size_t)b * BKT;
        put32(bk + 4 * k, key);
        put16(bk + B_SC + 2 * k, (int16_t)sc);
        for (int t = 0; t < NER_NTAGS; t++)
            bk[B_W + NER_NTAGS * k + t] =
                (unsigned char)(int8_t)quant(w[t], (double)sc * unit, 127);
    }
    put32(buf + size - 4, fnv1a(buf, size - 4));

    FILE *f = fopen(path, "wb");
    if (!f) {
        free(buf);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot write: %s",
                            strerror(errno));
    }
    size_t wrote = fwrite(buf, 1, size, f);
    int bad = wrote != size || fclose(f) != 0;
    free(buf);
    if (bad)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "write failed");
    return CR_OK;
}

void ner_free(ner_model *m)
{
    if (!m)
        return;
    free(m->class_key);
    free(m->class_bits);
    free(m->class_bmp);
    free(m->dense_w);
    free(m->dense_sc);
    free(m->tab);
    free(m);
}

/* The table in 2 MB pages where the system gives them (a hint): its
 * look-ups are random, and with 4 KB pages most of them would also miss
 * the TLB. */
static unsigned char *alloc_table(size_t size)
{
    enum { HUGE = 2 << 20 };
    size_t round = (size + HUGE - 1) / HUGE * HUGE;
    unsigned char *p = aligned_alloc(HUGE, round);
#ifdef MADV_HUGEPAGE
    if (p)
        madvise(p, round, MADV_HUGEPAGE);
#endif
    return p;
}

static const int8_t *look_up(const ner_model *m, uint32_t b, uint32_t key,
                            int16_t *sc);

/* The templates emissions hashes, and the rows of every value of the
 * dense ones (D_*), as its look-ups would find them. */
static int dense_fill(ner_model *m)
{
    uint32_t total = 0;
    for (int t = 0; t < NER_NFEATS; t++) {
        int dense = 0;
        for (int d = 0; d < D__COUNT; d++)
            dense |= DENSE_TMPL[d] == t;
        if (m->mask >> t & 1 && !dense && (t < T_UNI || t >= T_UNI + N_UNI))
            m->rtmpl[m->nrtmpl++] = (uint8_t)t;
    }
    for (int d = 0; d < D__COUNT; d++) {
        if (m->mask >> DENSE_TMPL[d] & 1)
            m->dense_of[m->ndense++] = (uint8_t)d;
        m->dense_at[d] = total;
        total += DENSE_N[d];
    }
    m->dense_w = calloc(total, sizeof m->dense_w[0]);
    m->dense_sc = calloc(total, sizeof m->dense_sc[0]);
    if (!m->dense_w || !m->dense_sc)
        return -1;
    for (int d = 0; d < D__COUNT; d++) {
        const uint64_t t = SEED[DENSE_TMPL[d]];
        for (uint32_t v = 0; v < DENSE_N[d]; v++) {
            uint32_t a = v, val;   /* the value features_at_ hashes */
            switch (d) {
            case D_TYPE3:   /* (t1 * NTYPE + t2) * NTYPE + t3 */
                val = a / (NTYPE * NTYPE) << 16 | a / NTYPE % NTYPE << 8 | a % NTYPE;
                break;
            case D_DS:      /* (ds * NTYPE + type) * NCLS + cls */
                val = a / (NTYPE * NCLS) << 16 | a / NCLS % NTYPE << 8 | a % NCLS;
                break;
            case D_DIST:    /* (dorg * NDIST + dloc) * NTYPE + type */
                val = a / (NDIST * NTYPE) << 16 | a / NTYPE % NDIST << 8 | a % NTYPE;
                break;
            default:        /* the bias (no value), the run, the word position */
                val = a;
            }
            uint64_t h = d == D_BIAS ? mix64(t) : hk(t, val);
            int16_t sc = 0;
            const int8_t *w = look_up(m, bucket_of(h, m->nbuckets),
                                      (uint32_t)(h >> 32) | 1, &sc);
            if (w) {
                memcpy(m->dense_w[m->dense_at[d] + v], w, NER_NTAGS);
                m->dense_sc[m->dense_at[d] + v] = sc;
            }
        }
    }
    return 0;
}

static ner_model *load_fail(ner_model *m, unsigned char *buf, FILE *f)
{
    ner_free(m);
    free(buf);
    if (f)
        fclose(f);
    return NULL;
}

ner_model *ner_load(const char *path, cr_error *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open NER model: %s",
                     strerror(errno));
        return NULL;
    }
    long len = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        len = ftell(f);
    if (len < 0 || fseek(f, 0, SEEK_SET) != 0) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot read NER model");
        return load_fail(NULL, NULL, f);
    }
    size_t size = (size_t)len;
    if (size < HEADER + 4) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                     "NER model truncated (%zu bytes)", size);
        return load_fail(NULL, NULL, f);
    }
    unsigned char *buf = malloc(size);
    if (!buf) {
        cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        return load_fail(NULL, NULL, f);
    }
    if (fread(buf, 1, size, f) != size) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot read NER model");
        return load_fail(NULL, buf, f);
    }
    fclose(f);
    f = NULL;
    if (memcmp(buf, MAGIC, 7) != 0) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 1,
                     "not a crossread NER model (bad magic)");
        return load_fail(NULL, buf, f);
    }
    if (buf[7] != MAGIC[7]) {
        cr_error_set(e, CR_EINPUT, path, 0, 7, 1,
                     "NER model file format version %u, this build reads %u: "
                     "retrain it with train_ner", buf[7], MAGIC[7]);
        return load_fail(NULL, buf, f);
    }
    const unsigned char *p = buf + 8;
    uint32_t ntags = get32(p), nfeats = get32(p + 4), fset = get32(p + 8);
    uint32_t buckets = get32(p + 12), nclass = get32(p + 16), sbits = get32(p + 20);
    uint32_t mask = get32(p + 28);
    p += 32;
    if (ntags != NER_NTAGS || nfeats != NER_NFEATS || fset != NER_FEATURE_SET) {
        cr_error_set(e, CR_EINPUT, path, 0, 8, 1,
                     "NER model was built for another feature set "
                     "(tags %u, templates %u, set %u; this build: %d, %d, %u): "
                     "retrain it with train_ner", ntags, nfeats, fset,
                     NER_NTAGS, NER_NFEATS, NER_FEATURE_SET);
        return load_fail(NULL, buf, f);
    }
    if (buckets == 0 || buckets > (1u << 26) || nclass > (1u << 24) ||
        file_size(buckets, nclass) != size) {
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                     "NER model truncated or corrupt: %zu bytes, header says %zu",
                     size, buckets && buckets <= (1u << 26) && nclass <= (1u << 24)
                               ? file_size(buckets, nclass) : 0);
        return load_fail(NULL, buf, f);
    }
    if (fnv1a(buf, size - 4) != get32(buf + size - 4)) {
        cr_error_set(e, CR_EINPUT, path, 0, size - 4, 1,
                     "NER model corrupt: checksum mismatch");
        return load_fail(NULL, buf, f);
    }
    ner_model *m = calloc(1, sizeof *m);
    if (!m) {
        cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        return load_fail(NULL, buf, f);
    }
    static _Atomic uint64_t next_id = 1;
    m->id = next_id++;
    m->nbuckets = buckets;
    m->mask = mask;
    for (int t = 0; t < NER_NFEATS; t++)
        if (mask >> t & 1)
            m->tmpl[m->ntmpl++] = (uint8_t)t;
    memcpy(&m->scale, &sbits, 4);
    if (!(m->scale > 0) || !(m->scale < 1e30f)) {
        cr_error_set(e, CR_EINPUT, path, 0, 28, 1, "NER model corrupt: bad scale");
        return load_fail(m, buf, f);
    }
    for (int i = 0; i < (NER_NTAGS + 1) * NER_NTAGS; i++, p += 4) {
        int32_t v = (int32_t)get32(p);
        if (v != FORBIDDEN && (v > 127 * 32767 || v < -127 * 32767)) {
            cr_error_set(e, CR_EINPUT, path, 0, (size_t)(p - buf), 1,
                         "NER model corrupt: transition out of range");
            return load_fail(m, buf, f);
        }
        m->trans[i] = v == FORBIDDEN ? NEG_INF : v;
    }
    for (int a = 0; a < NER_NTAGS; a++)
        for (int b = 0; b < NER_NTAGS; b++) {
            if (ner_trans_ok(b, a)) m->prev[a][m->nprev[a]++] = (uint8_t)b;
            if (ner_trans_ok(a, b)) m->next[a][m->nnext[a]++] = (uint8_t)b;
            /* forbidden lanes are masked; 0 keeps their sums in range */
            m->vtrans[a][b / 4][b % 4] = ner_trans_ok(a, b) ? m->trans[a * NER_NTAGS + b] : 0;
            m->vallow[a][b / 4][b % 4] = ner_trans_ok(a, b) ? -1 : 0;
            m->vtransT[b][a / 4][a % 4] = m->vtrans[a][b / 4][b % 4];
            m->vallowT[b][a / 4][a % 4] = m->vallow[a][b / 4][b % 4];
        }
    m->nclass = nclass;
    m->class_key = malloc(sizeof(uint32_t) * (nclass ? nclass : 1));
    m->class_bits = malloc(nclass ? nclass : 1);
    m->class_bmp = calloc(0x10000, 1);
    m->tab = alloc_table((size_t)BKT * buckets);
    if (!m->class_key || !m->class_bits || !m->class_bmp || !m->tab) {
        cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        return load_fail(m, buf, f);
    }
    for (uint32_t i = 0; i < nclass; i++, p += 8) {
        m->class_key[i] = get32(p);
        m->class_bits[i] = (uint8_t)get32(p + 4);
        if (i && m->class_key[i] <= m->class_key[i - 1]) {
            cr_error_set(e, CR_EINPUT, path, 0, (size_t)(p - buf), 1,
                         "NER model corrupt: class table not sorted");
            return load_fail(m, buf, f);
        }
        if (m->class_bits[i] >= NCLS) {   /* the dense tables' range */
            cr_error_set(e, CR_EINPUT, path, 0, (size_t)(p - buf), 1,
                         "NER model corrupt: unknown class bits");
            return load_fail(m, buf, f);
        }
        if (m->class_key[i] < 0x10000)
            m->class_bmp[m->class_key[i]] = m->class_bits[i];
    }
    memcpy(m->tab, p, (size_t)BKT * buckets);
    uint32_t open_end = 0;
    for (uint32_t i = 0; i < buckets; i++) {   /* to host byte order */
        unsigned char *bk = m->tab + (size_t)i * BKT;
        for (int k = 0; k < BKT_N; k++) {
            uint32_t fp = get32(bk + 4 * k);
            int16_t sc = get16(bk + B_SC + 2 * k);
            memcpy(bk + 4 * k, &fp, 4);
            memcpy(bk + B_SC + 2 * k, &sc, 2);
        }
        open_end += !(bk[B_FLAGS] & B_OVERFLOW);
    }
    if (open_end == 0) {   /* a look-up of an unknown feature would never end */
        cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "NER model corrupt: full table");
        return load_fail(m, buf, f);
    }
    if (dense_fill(m)) {
        cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        return load_fail(m, buf, f);
    }
    free(buf);
    return m;
}

ner_model *ner_load_default(cr_error *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ner.model", paths_datadir());
    return ner_load(path, e);
}

uint8_t ner_model_class(const ner_model *m, uint32_t key)
{
    if (key < 0x10000)
        return m->class_bmp[key];
    size_t lo = 0, hi = m->nclass;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->class_key[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < m->nclass && m->class_key[lo] == key ? m->class_bits[lo] : 0;
}

/* ---- tagging ---- */

/* Score rows are NTP int32 wide: the 13 tags and 3 lanes of padding, so
 * that the vector code reads and writes whole rows. */
enum { NTP = 16 };

/* A code point's ner_char fields (but the word's), memoised per call. */
typedef struct char_memo {
    int32_t cp;      /* -1: empty */
    uint32_t key;
    uint8_t type, cls;
} char_memo;
enum { MEMO = 1024 };

/* The weight rows of one character key's unigram features at its five
 * offsets, found once per key and kept in a per-thread memo (work.uni), so
 * that the five positions that need them, and the key's later occurrences,
 * do not look them up in the big table again. */
typedef struct uni_rec {
    uint32_t key;            /* ner_char.key; UNI_EMPTY: unused */
    int16_t sc[N_UNI];       /* a row's scale; 0: the feature is not stored */
    int16_t pad;
    int8_t w[N_UNI][16];     /* rows of NER_NTAGS weights, 16 apart (sum_rows
                                reads 16) */
} uni_rec;
enum { UNI_EMPTY = 0xFFFFFFFFu };
/* memo slots (direct-mapped by key hash); the ring holds copies of the
 * records in use: chars i-2..i+2 for position i, and the next one */
enum { UNI_MEMO = 1024, RING = 8 };

typedef struct work {
    uint64_t model;               /* ner_model.id the memos belong to */
    int busy, cached;             /* in use; kept by the thread (work_get) */
    ner_seg *seg;                 /* opened when words were first not given */
    const uint32_t *words;        /* the caller's word starts, or NULL */
    struct work *twin;            /* ner_check_paths: the plain path's */
    long differ;                  /* ner_check_paths: positions that differ */
    ner_char seq[NER_MAX_SEQ];
    uint8_t wstart[NER_MAX_SEQ];  /* char begins one of the caller's words */
    size_t start[NER_MAX_SEQ], end[NER_MAX_SEQ];   /* byte range of each char */
    ner_ctx cx[NER_MAX_SEQ];      /* piece_context */
    char_memo memo[MEMO];         /* by code point modulo MEMO */
    uni_rec uni[UNI_MEMO];        /* unigram records of the keys seen */
    uni_rec ring[RING];           /* char j's at [(j + 2) % RING] */
    /* Scores; delta and beta are shifted per position so that their max is
     * 0, which keeps them in int32 without changing any comparison made at
     * one position. */
    int32_t em[NER_MAX_SEQ][NTP] __attribute__((aligned(16)));    /* emission scores */
    int32_t delta[NER_MAX_SEQ][NTP] __attribute__((aligned(16))); /* best prefix ending in t */
    int32_t beta[NER_MAX_SEQ][NTP] __attribute__((aligned(16)));  /* best suffix after t */
    uint8_t back[NER_MAX_SEQ][NER_NTAGS];
    uint8_t tag[NER_MAX_SEQ];
} work;

/* Bucket b onwards: the weight row and scale of the feature with
 * fingerprint key, or NULL when it is not stored. */
static inline const int8_t *look_up(const ner_model *m, uint32_t b, uint32_t key,
                                    int16_t *sc)
{
    for (;;) {
        const unsigned char *p = m->tab + (size_t)b * BKT;
#if defined(__SSE2__)
        /* the three fingerprints (and the scales, ignored) compared at once */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned hit = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(
                           _mm_cmpeq_epi32(v, _mm_set1_epi32((int)key)))) & 7u;
#else
        uint32_t fp[BKT_N];
        memcpy(fp, p, sizeof fp);
        unsigned hit = (unsigned)(fp[0] == key) | (unsigned)(fp[1] == key) << 1 |
                       (unsigned)(fp[2] == key) << 2;
#endif
        if (hit) {   /* the first slot that matches */
            unsigned k = (unsigned)__builtin_ctz(hit);
            memcpy(sc, p + B_SC + 2 * k, 2);
            return (const int8_t *)p + B_W + NER_NTAGS * k;
        }
        if (!(p[B_FLAGS] & B_OVERFLOW))
            return NULL;
        if (++b == m->nbuckets)
            b = 0;
    }
}

/* acc[t] = sum of rows[k][t] * sc[k] over k < nrow, for t < 16 (lanes 13..15
 * read bytes of the next row or the bucket's padding and are thrown away).
 * Every product and sum is exact in int32, so the order does not matter. */
static void sum_rows(const int8_t *const *rows, const int16_t *sc, int nrow,
                     int32_t acc[NTP])
{
#if defined(__SSE2__)
    /* two rows at a time: their bytes interleaved and widened to int16
     * pairs (r[t], q[t]); pmaddwd by (sc_r, sc_q) is r[t]*sc_r + q[t]*sc_q */
    static const int8_t zero[16];
    __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
    for (int k = 0; k < nrow; k += 2) {
        const int8_t *qr = k + 1 < nrow ? rows[k + 1] : zero;
        int16_t qs = k + 1 < nrow ? sc[k + 1] : 0;
        __m128i r = _mm_loadu_si128((const __m128i *)(const void *)rows[k]);
        __m128i q = _mm_loadu_si128((const __m128i *)(const void *)qr);
        __m128i s = _mm_set1_epi32((int)((uint32_t)(uint16_t)sc[k] |
                                         (uint32_t)(uint16_t)qs << 16));
        __m128i lo = _mm_unpacklo_epi8(r, q), hi = _mm_unpackhi_epi8(r, q);
        a0 = _mm_add_epi32(a0, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(lo, lo), 8), s));
        a1 = _mm_add_epi32(a1, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(lo, lo), 8), s));
        a2 = _mm_add_epi32(a2, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(hi, hi), 8), s));
        a3 = _mm_add_epi32(a3, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(hi, hi), 8), s));
    }
    _mm_storeu_si128((__m128i *)(void *)acc, a0);
    _mm_storeu_si128((__m128i *)(void *)(acc + 4), a1);
    _mm_storeu_si128((__m128i *)(void *)(acc + 8), a2);
    _mm_storeu_si128((__m128i *)(void *)(acc + 12), a3);
#else
    for (int t = 0; t < NTP; t++)
        acc[t] = 0;
    for (int k = 0; k < nrow; k++)
        for (int t = 0; t < NTP; t++)
            acc[t] += (int32_t)rows[k][t] * sc[k];
#endif
}

/* A unigram record being fetched: its memo slot, key, and the buckets and
 * fingerprints of its features (prefetched one position ahead). */
typedef struct uni_pend {
    uni_rec *slot;
    uint32_t key;
    uint32_t bk[N_UNI], fp[N_UNI];
} uni_pend;

static inline uint32_t key_at(const work *wk, size_t n, long j)
{
    return j < 0 ? K_BOS : (size_t)j >= n ? K_EOS : wk->seq[j].key;
}

/* Char j's unigram record into r (the ring) from the memo; or, when the
 * key is not there, its features hashed and prefetched into *pd: returns 1
 * and uni_finish completes it. */
static int uni_get(const ner_model *m, work *wk, size_t n, long j, uni_rec *r,
                   uni_pend *pd)
{
    uint32_t key = key_at(wk, n, j);
    uni_rec *g = &wk->uni[(uint32_t)(key * 0x9E3779B1u) >> 22];
    _Static_assert(UNI_MEMO == 1 << 10, "slot from the top 10 bits");
    if (g->key == key) {
        *r = *g;
        return 0;
    }
    pd->slot = g;
    pd->key = key;
    for (int k = 0; k < N_UNI; k++) {
        uint64_t h = hk(SEED[T_UNI + k], key);
        pd->bk[k] = bucket_of(h, m->nbuckets);
        pd->fp[k] = (uint32_t)(h >> 32) | 1;
        if (m->mask >> (T_UNI + k) & 1)
            __builtin_prefetch(m->tab + (size_t)pd->bk[k] * BKT);
    }
    return 1;
}

/* Look the record's features up into its memo slot and copy it to r. */
static void uni_finish(const ner_model *m, const uni_pend *pd, uni_rec *r)
{
    uni_rec *g = pd->slot;
    g->key = pd->key;
    for (int k = 0; k < N_UNI; k++) {
        int16_t sc = 0;
        const int8_t *w = m->mask >> (T_UNI + k) & 1
                              ? look_up(m, pd->bk[k], pd->fp[k], &sc) : NULL;
        g->sc[k] = w ? sc : 0;
        if (w)
            memcpy(g->w[k], w, 16);   /* inside the bucket (B_W + 2 rows + 16) */
    }
    *r = *g;
}

/* The rows of the small-domain templates at position i (model.dense), and
 * of the unigram records of chars i-2..i+2, appended to rows/sc. */
static int fixed_rows(const ner_model *m, const work *wk, size_t n, size_t i,
                      const int8_t **rows, int16_t *sc, int nrow)
{
    const ner_char *c2 = &wk->seq[i];
    uint32_t t1 = i > 0 ? wk->seq[i - 1].type : T_BOUND;
    uint32_t t3 = i + 1 < n ? wk->seq[i + 1].type : T_BOUND;
    const ner_ctx *x = &wk->cx[i];
    uint32_t idx[D__COUNT];
    idx[D_BIAS] = 0;
    idx[D_TYPE3] = (t1 * NTYPE + c2->type) * NTYPE + t3;
    idx[D_DS] = (x->ds * NTYPE + c2->type) * NCLS + c2->cls;
    idx[D_NRUN] = x->nrun;
    idx[D_DIST] = (x->dorg * NDIST + x->dloc) * NTYPE + c2->type;
    idx[D_WP] = (uint32_t)c2->wpos << 4 | c2->wlen;
    for (int d = 0; d < m->ndense; d++) {
        int k = m->dense_of[d];
        size_t at = m->dense_at[k] + idx[k];
        rows[nrow] = m->dense_w[at];
        sc[nrow] = m->dense_sc[at];
        nrow += sc[nrow] != 0;
    }
    for (int k = 0; k < N_UNI; k++) {   /* char i-2+k, offset k */
        const uni_rec *g = &wk->ring[(i + (size_t)k) % RING];
        rows[nrow] = g->w[k];
        sc[nrow] = g->sc[k];
        nrow += g->sc[k] != 0;
    }
    return nrow;
}

/* Emission scores. Look-ups are random accesses into a table of megabytes,
 * so the buckets of the next position's features are prefetched before
 * this position's are read: their cache misses overlap with the work here
 * instead of following one another. The context of every position is found
 * first, in two passes over the piece. Two kinds of features skip the big
 * table: those of templates with few values, whose rows ner_load copied
 * into small dense tables (fixed_rows), and the unigrams, whose rows come
 * from per-key records (uni_rec): position i reads the records of chars
 * i-2..i+2 from a ring; at position i the record of char i+2 is taken from
 * the memo or, when new, started (hashed and prefetched) and finished at
 * the next position. */
static void emissions(const ner_model *m, work *wk, size_t n)
{
    uint64_t h[NER_NFEATS];
    uint32_t bk[2][NER_NFEATS], key[2][NER_NFEATS];
    const int8_t *rows[NER_NFEATS];
    int16_t sc[NER_NFEATS];
    const int nt = m->nrtmpl;
    uni_pend pu;
    int upend = 0;
    piece_context(wk->seq, n, wk->cx);
    for (long j = -2; j <= 1; j++)   /* position 0's records but char 2's */
        if (uni_get(m, wk, n, j, &wk->ring[(size_t)(j + 2) % RING], &pu))
            uni_finish(m, &pu, &wk->ring[(size_t)(j + 2) % RING]);
    for (size_t i = 0; i <= n; i++) {
        if (upend)   /* char i+1's record, started at the previous position */
            uni_finish(m, &pu, &wk->ring[(i + 3) % RING]);
        if (i < n) {   /* position i: hashes, buckets, prefetch */
            features_at_(wk->seq, n, i, &wk->cx[i], h, 1);
            for (int f = 0; f < nt; f++) {
                uint64_t x = h[m->rtmpl[f]];
                uint32_t b = bucket_of(x, m->nbuckets);
                bk[i & 1][f] = b;
                key[i & 1][f] = (uint32_t)(x >> 32) | 1;
                __builtin_prefetch(m->tab + (size_t)b * BKT);
            }
            upend = uni_get(m, wk, n, (long)i + 2, &wk->ring[(i + 4) % RING], &pu);
        }
        if (i == 0)
            continue;
        size_t at = i - 1;   /* position at: look up and sum */
        int nrow = 0;
        for (int f = 0; f < nt; f++) {
            rows[nrow] = look_up(m, bk[at & 1][f], key[at & 1][f], &sc[nrow]);
            nrow += rows[nrow] != NULL;
        }
        nrow = fixed_rows(m, wk, n, at, rows, sc, nrow);
        sum_rows(rows, sc, nrow, wk->em[at]);
    }
}

/* The same scores the plain way: features one position at a time
 * (ner_features), a scalar sum, no prefetching. */
static void emissions_plain(const ner_model *m, work *wk, size_t n)
{
    uint64_t h[NER_NFEATS];
    for (size_t i = 0; i < n; i++) {
        ner_features(wk->seq, n, i, h);
        int32_t acc[NTP] = {0};
        for (int f = 0; f < m->ntmpl; f++) {
            uint64_t x = h[m->tmpl[f]];
            int16_t sc;
            const int8_t *w = look_up(m, bucket_of(x, m->nbuckets),
                                      (uint32_t)(x >> 32) | 1, &sc);
            for (int t = 0; w && t < NER_NTAGS; t++)
                acc[t] += (int32_t)w[t] * sc;
        }
        memcpy(wk->em[i], acc, sizeof acc);
    }
}

static void shift_max(int32_t *v)
{
    int32_t mx = v[0];
    for (int t = 1; t < NER_NTAGS; t++)
        if (v[t] > mx) mx = v[t];
    for (int t = 0; t < NER_NTAGS; t++)
        v[t] -= mx;
}

/* Best tag sequence, one allowed predecessor at a time (the reference). */
static void viterbi_plain(const ner_model *m, work *wk, size_t n)
{
    const int32_t *tr = m->trans;
    for (int t = 0; t < NER_NTAGS; t++)
        wk->delta[0][t] = tr[NER_NTAGS * NER_NTAGS + t] + wk->em[0][t];
    shift_max(wk->delta[0]);
    for (size_t i = 1; i < n; i++) {
        for (int t = 0; t < NER_NTAGS; t++) {
            int32_t best = INT32_MIN;
            int bp = 0;
            for (int k = 0; k < m->nprev[t]; k++) {   /* allowed p only */
                int p = m->prev[t][k];
                int32_t v = wk->delta[i - 1][p] + tr[p * NER_NTAGS + t];
                if (v > best) { best = v; bp = p; }
            }
            wk->delta[i][t] = best + wk->em[i][t];
            wk->back[i][t] = (uint8_t)bp;
        }
        shift_max(wk->delta[i]);
    }
}

/* The same, all tags at once in vector lanes: for each predecessor p in
 * ascending order, the candidates delta[p] + trans[p][t] of every t replace
 * the best so far where strictly greater (so ties keep the smallest p, as
 * above) and p may precede t (allowed[p] lanes are all ones). */
static inline vi4 vsel(vi4 mask, vi4 a, vi4 b)   /* mask ? a : b */
{
    return (a & mask) | (b & ~mask);
}

/* Largest of the 13 tag lanes of r[0..3] (padding lanes left out). */
static inline int32_t vmax13(const vi4 r[4])
{
    vi4 m = vsel(r[0] > r[1], r[0], r[1]);
    m = vsel(m > r[2], m, r[2]);
    int32_t mx = r[3][0];
    for (int k = 0; k < 4; k++)
        if (m[k] > mx) mx = m[k];
    return mx;
}

static void viterbi_vec(const ner_model *m, work *wk, size_t n)
{
    const int32_t *tr = m->trans;
    for (int t = 0; t < NER_NTAGS; t++)
        wk->delta[0][t] = tr[NER_NTAGS * NER_NTAGS + t] + wk->em[0][t];
    shift_max(wk->delta[0]);
    const vi4 lo = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
    for (size_t i = 1; i < n; i++) {
        const int32_t *d = wk->delta[i - 1];
        vi4 b0 = lo, b1 = lo, b2 = lo, b3 = {INT32_MIN, 0, 0, 0};   /* padding: 0 */
        vi4 p0 = {0, 0, 0, 0}, p1 = p0, p2 = p0, p3 = p0;
        /* p in ascending order; B and I of type X may only precede I or E
         * of X, which are lanes of vector X alone, so the other three
         * vectors (all lanes forbidden) are skipped for them */
#define VSTEP(P, Q) do { \
            vi4 dp = {d[P], d[P], d[P], d[P]}, pv = {P, P, P, P}; \
            vi4 v = dp + m->vtrans[P][Q], u = (v > b##Q) & m->vallow[P][Q]; \
            b##Q = vsel(u, v, b##Q); p##Q = vsel(u, pv, p##Q); \
        } while (0)
#define VSTEP_ALL(P) do { VSTEP(P, 0); VSTEP(P, 1); VSTEP(P, 2); VSTEP(P, 3); } while (0)
        _Static_assert(NER_NTAGS == 13 && NER_TAG(NER_LOC, NER_POS_I) == 10,
                       "the unrolled steps follow the tag order");
        VSTEP_ALL(0);                          /* O */
        VSTEP(1, 0); VSTEP(2, 0);              /* B, I of PER */
        VSTEP_ALL(3); VSTEP_ALL(4);            /* E, S */
        VSTEP(5, 1); VSTEP(6, 1);              /* ORG */
        VSTEP_ALL(7); VSTEP_ALL(8);
        VSTEP(9, 2); VSTEP(10, 2);             /* LOC */
        VSTEP_ALL(11); VSTEP_ALL(12);
#undef VSTEP_ALL
#undef VSTEP
        vi4 e[4], r[4];
        memcpy(e, wk->em[i], sizeof e);
        r[0] = b0 + e[0]; r[1] = b1 + e[1]; r[2] = b2 + e[2]; r[3] = b3 + e[3];
        int32_t mx = vmax13(r);
        vi4 vm = {mx, mx, mx, mx};
        for (int q = 0; q < 4; q++)
            r[q] -= vm;
        memcpy(wk->delta[i], r, sizeof r);
        uint8_t *bk = wk->back[i];
        for (int k = 0; k < 4; k++) {
            bk[k] = (uint8_t)p0[k];
            bk[4 + k] = (uint8_t)p1[k];
            bk[8 + k] = (uint8_t)p2[k];
        }
        bk[12] = (uint8_t)p3[0];
    }
}

/* The tags from the back pointers. */
static void trace_back(work *wk, size_t n)
{
    int bt = 0;   /* O can always end the text */
    for (int t = 1; t < NER_NTAGS; t++)
        if (ner_trans_ok(t, NER_NTAGS) && wk->delta[n - 1][t] > wk->delta[n - 1][bt])
            bt = t;
    for (size_t i = n; i-- > 0;) {
        wk->tag[i] = (uint8_t)bt;
        if (i)
            bt = wk->back[i][bt];
    }
}

/* Best-suffix scores, for the margins; only needed when spans were found.
 * All predecessors p at once in vector lanes: the best over allowed t of
 * trans[p][t] + em[i][t] + beta[i][t] (a maximum: the order is free). */
static void backward(const ner_model *m, work *wk, size_t n)
{
    for (int t = 0; t < NTP; t++)
        wk->beta[n - 1][t] = t < NER_NTAGS && !ner_trans_ok(t, NER_NTAGS) ? NEG_INF : 0;
    const vi4 lo = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
    for (size_t i = n - 1; i > 0; i--) {
        vi4 b0 = lo, b1 = lo, b2 = lo, b3 = {INT32_MIN, 0, 0, 0};   /* padding: 0 */
        /* I and E of type X may only follow B or I of X, lanes of vector
         * X alone: the other three vectors are skipped for them */
        const int32_t *em = wk->em[i], *be = wk->beta[i];
#define BSTEP(T, Q) do { \
            vi4 sv = {em[T] + be[T], em[T] + be[T], em[T] + be[T], em[T] + be[T]}; \
            vi4 v = sv + m->vtransT[T][Q]; \
            b##Q = vsel((v > b##Q) & m->vallowT[T][Q], v, b##Q); \
        } while (0)
#define BSTEP_ALL(T) do { BSTEP(T, 0); BSTEP(T, 1); BSTEP(T, 2); BSTEP(T, 3); } while (0)
        BSTEP_ALL(0); BSTEP_ALL(1);            /* O, B of PER */
        BSTEP(2, 0); BSTEP(3, 0);              /* I, E of PER */
        BSTEP_ALL(4); BSTEP_ALL(5);            /* S of PER, B of ORG */
        BSTEP(6, 1); BSTEP(7, 1);
        BSTEP_ALL(8); BSTEP_ALL(9);
        BSTEP(10, 2); BSTEP(11, 2);
        BSTEP_ALL(12);
#undef BSTEP_ALL
#undef BSTEP
        vi4 r[4] = {b0, b1, b2, b3};
        int32_t mx = vmax13(r);
        vi4 vm = {mx, mx, mx, mx};
        for (int q = 0; q < 4; q++)
            r[q] -= vm;
        memcpy(wk->beta[i - 1], r, sizeof r);
    }
}

/* The same one allowed successor at a time (the reference). */
static void backward_plain(const ner_model *m, work *wk, size_t n)
{
    const int32_t *tr = m->trans;
    for (int t = 0; t < NER_NTAGS; t++)
        wk->beta[n - 1][t] = ner_trans_ok(t, NER_NTAGS) ? 0 : NEG_INF;
    for (size_t i = n - 1; i > 0; i--) {
        for (int p = 0; p < NER_NTAGS; p++) {
            int32_t best = INT32_MIN;
            for (int k = 0; k < m->nnext[p]; k++) {
                int t = m->next[p][k];
                int32_t v = tr[p * NER_NTAGS + t] + wk->em[i][t] + wk->beta[i][t];
                if (v > best) best = v;
            }
            wk->beta[i - 1][p] = best;
        }
        shift_max(wk->beta[i - 1]);
    }
}

/* Margin at i: best total score minus the best score of any sequence with
 * another tag at i (max-marginals from delta + beta). */
static int64_t margin_at(const work *wk, size_t i)
{
    int tg = wk->tag[i];
    int64_t chosen = (int64_t)wk->delta[i][tg] + wk->beta[i][tg];
    int64_t other = INT64_MIN;
    for (int t = 0; t < NER_NTAGS; t++) {
        int64_t v = (int64_t)wk->delta[i][t] + wk->beta[i][t];
        if (t != tg && v > other)
            other = v;
    }
    return chosen - other;
}

/* ner_check_paths: run the plain path on the twin and count the positions
 * whose emission scores, prefix or suffix scores, back pointers or tags
 * differ. */
static void check_twin(const ner_model *m, work *wk, size_t n)
{
    work *tw = wk->twin;
    memcpy(tw->seq, wk->seq, n * sizeof wk->seq[0]);
    emissions_plain(m, tw, n);
    viterbi_plain(m, tw, n);
    trace_back(tw, n);
    backward_plain(m, tw, n);
    backward(m, wk, n);
    for (size_t i = 0; i < n; i++)
        wk->differ += memcmp(tw->em[i], wk->em[i], NER_NTAGS * 4) != 0 ||
                      memcmp(tw->delta[i], wk->delta[i], NER_NTAGS * 4) != 0 ||
                      memcmp(tw->beta[i], wk->beta[i], NER_NTAGS * 4) != 0 ||
                      (i > 0 && memcmp(tw->back[i], wk->back[i], NER_NTAGS) != 0) ||
                      tw->tag[i] != wk->tag[i];
}

static int tag_piece(const ner_model *m, work *wk, size_t n, ner_span_fn fn,
                     void *ctx, cr_error *e)
{
    if (n == 0)
        return 0;
    int rc = 0;
    if (wk->words) {
        wk->wstart[0] = 1;
        ner_words_mark(wk->seq, n, wk->wstart);
    } else {
        if (!wk->seg && !(wk->seg = ner_seg_open(e)))
            return e ? e->code : CR_ENOMEM;
        if ((rc = ner_seg_words(wk->seg, wk->seq, n, e)))
            return rc;
    }
    emissions(m, wk, n);
    viterbi_vec(m, wk, n);
    trace_back(wk, n);
    if (wk->twin)
        check_twin(m, wk, n);
    int spans = 0;
    for (size_t i = 0; i < n && !spans; i++)
        spans = wk->tag[i] != 0;
    if (!spans)
        return 0;
    backward(m, wk, n);
    for (size_t i = 0; i < n;) {
        int t = wk->tag[i];
        if (t == 0 || NER_TAG_POS(t) == NER_POS_I || NER_TAG_POS(t) == NER_POS_E) {
            i++;   /* the transitions make this unreachable for I and E */
            continue;
        }
        size_t j = i + 1;
        if (NER_TAG_POS(t) == NER_POS_B) {
            while (j < n && wk->tag[j] == t + NER_POS_I)
                j++;
            if (j < n)
                j++;   /* the E */
        }
        int64_t mg = INT64_MAX;
        for (size_t k = i; k < j; k++) {
            int64_t v = margin_at(wk, k);
            if (v < mg) mg = v;
        }
        ner_span sp = {wk->start[i], wk->end[j - 1], NER_TAG_TYPE(t),
                       (float)mg * m->scale};
        rc = fn(&sp, ctx);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}

int ner_char_break(const ner_char *c)
{
    if (c->type == T_SPACE)
        return NER_BREAK_DROP;
    if (c->key == 0x3002 || c->key == '!' || c->key == '?')
        return NER_BREAK_AFTER;
    return 0;
}

int ner_tag(const ner_model *m, const char *utf8, size_t n,
            ner_span_fn fn, void *ctx, cr_error *e)
{
    return ner_tag_words(m, utf8, n, NULL, 0, fn, ctx, e);
}

/* Each thread keeps its work space between calls, so that the memos
 * (folded chars, unigram and bigram records) carry over from one text to
 * the next: news repeats a few thousand characters. The memos belong to
 * one model: m->id tells (ids are never reused, unlike addresses). A call
 * made while the thread's work space is in use (from a span callback)
 * gets a fresh one, freed on return. */
static pthread_key_t work_key;
static pthread_once_t work_once = PTHREAD_ONCE_INIT;
static int work_key_ok;

static void work_free(void *p)
{
    work *wk = p;
    if (!wk)
        return;
    ner_seg_close(wk->seg);
    free(wk);
}

static void work_key_init(void)
{
    work_key_ok = pthread_key_create(&work_key, work_free) == 0;
}

static work *work_get(const ner_model *m)
{
    pthread_once(&work_once, work_key_init);
    work *wk = work_key_ok ? pthread_getspecific(work_key) : NULL;
    if (wk && wk->busy)
        wk = NULL;   /* a nested call */
    else if (!wk && work_key_ok) {
        if (!(wk = malloc(sizeof *wk)))
            return NULL;
        wk->seg = NULL;
        wk->model = 0;
        if (pthread_setspecific(work_key, wk) != 0) {
            free(wk);
            return NULL;
        }
        wk->cached = 1;
    }
    if (!wk) {
        if (!(wk = malloc(sizeof *wk)))
            return NULL;
        wk->seg = NULL;
        wk->model = 0;
        wk->cached = 0;
    }
    wk->busy = 1;
    if (wk->model != m->id) {
        wk->model = m->id;
        for (int k = 0; k < MEMO; k++)
            wk->memo[k].cp = -1;
        for (int k = 0; k < UNI_MEMO; k++)
            wk->uni[k].key = UNI_EMPTY;
    }
    return wk;
}

static void work_put(work *wk)
{
    wk->busy = 0;
    if (!wk->cached)
        work_free(wk);
}

static int tag_words(const ner_model *m, const char *utf8, size_t n,
                     const uint32_t *words, size_t nwords,
                     ner_span_fn fn, void *ctx, cr_error *e, long *differ)
{
    work *wk = work_get(m);
    if (!wk)
        return cr_error_set(e, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
    wk->words = words;
    wk->twin = NULL;
    wk->differ = 0;
    if (differ && !(wk->twin = malloc(sizeof *wk))) {
        work_put(wk);
        return cr_error_set(e, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
    }
    const uint8_t *u = (const uint8_t *)utf8;
    size_t len = 0, i = 0, wi = 0;
    int rc = 0;
    while (i < n && !rc) {
        size_t at = i;
        while (wi < nwords && words[wi] < at)
            wi++;
        uint8_t ws = wi < nwords && words[wi] == at;
        UChar32 c;
        if (u[i] < 0x80) {
            c = u[i++];
        } else {
            int32_t k = 0, lim = n - i > 8 ? 8 : (int32_t)(n - i);
            U8_NEXT(u + i, k, lim, c);
            i += (size_t)k;
            if (c < 0)
                c = 0xFFFD;
        }
        /* the folded key, type and class of c, from the cache when c was
         * seen before in this text (folding asks ICU several questions) */
        ner_char ch;
        char_memo *cm = &wk->memo[(uint32_t)c % MEMO];
        if (cm->cp == c) {
            memset(&ch, 0, sizeof ch);
            ch.key = cm->key;
            ch.type = cm->type;
            ch.cls = cm->cls;
        } else {
            ner_char_init(c, &ch);
            ch.cls = ner_model_class(m, ch.key);
            *cm = (char_memo){c, ch.key, ch.type, ch.cls};
        }
        int brk = ner_char_break(&ch);
        if (brk == NER_BREAK_DROP) {   /* entities never span white space */
            rc = tag_piece(m, wk, len, fn, ctx, e);
            len = 0;
            continue;
        }
        wk->seq[len] = ch;
        wk->wstart[len] = ws;
        wk->start[len] = at;
        wk->end[len] = i;
        len++;
        if (brk == NER_BREAK_AFTER) {
            rc = tag_piece(m, wk, len, fn, ctx, e);
            len = 0;
        } else if (len == NER_MAX_SEQ) {
            /* Cut after the last punctuation in the second half if any, so
             * an entity is rarely split; carry the rest over. */
            size_t cut = len;
            for (size_t k = len; k-- > len / 2;)
                if (wk->seq[k].type == T_PUNCT) { cut = k + 1; break; }
            rc = tag_piece(m, wk, cut, fn, ctx, e);
            size_t rest = len - cut;
            memmove(wk->seq, wk->seq + cut, rest * sizeof wk->seq[0]);
            memmove(wk->start, wk->start + cut, rest * sizeof wk->start[0]);
            memmove(wk->end, wk->end + cut, rest * sizeof wk->end[0]);
            memmove(wk->wstart, wk->wstart + cut, rest);
            len = rest;
        }
    }
    if (!rc)
        rc = tag_piece(m, wk, len, fn, ctx, e);
    if (differ)
        *differ = wk->differ;
    free(wk->twin);
    wk->twin = NULL;
    work_put(wk);
    return rc;
}

int ner_tag_words(const ner_model *m, const char *utf8, size_t n,
                  const uint32_t *words, size_t nwords,
                  ner_span_fn fn, void *ctx, cr_error *e)
{
    return tag_words(m, utf8, n, words, nwords, fn, ctx, e, NULL);
}

static int no_span(const ner_span *sp, void *ctx)
{
    (void)sp;
    (void)ctx;
    return 0;
}

long ner_check_paths(const ner_model *m, const char *utf8, size_t n,
                     const uint32_t *words, size_t nwords, cr_error *e)
{
    long differ = 0;
    if (tag_words(m, utf8, n, words, nwords, no_span, NULL, e, &differ))
        return -1;
    return differ;
}
