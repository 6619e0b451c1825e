/* xref.c — cross-article linking (see xref.h). */
#include "xref.h"

#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "claims.h"
#include "entities.h"
#include "figures.h"
#include "fold.h"
#include "grow.h"
#include "pool.h"
#include "tokpack.h"

const char *xref_relation_name(int r)
{
    static const char *n[] = {"same", "differs", "related", "only-in"};
    return r >= 0 && r <= XREF_ONLY_IN ? n[r] : "related";
}

/* ---- figures --------------------------------------------------------------- */

static double decimal_to_double(const decimal *v)
{
    double x = (double)v->coef;
    for (int32_t i = 0; i < v->scale; i++)
        x /= 10.0;
    return x;
}

/* Read one run of digits (ASCII or full-width) with thousands separators and
 * a decimal point from s at i; returns its value and the number of digits
 * after the point. */
static bool digit_run(const char *s, size_t n, size_t *i, double *val, int *decimals)
{
    size_t k = *i;
    double v = 0, scale = 1;
    bool point = false, any = false;
    int dec = 0;
    while (k < n) {
        int32_t kk = (int32_t)k;
        UChar32 c;
        U8_NEXT((const uint8_t *)s, kk, (int32_t)n, c);
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 0xFF10 && c <= 0xFF19) d = c - 0xFF10;
        if (d >= 0) {
            any = true;
            if (point) { scale /= 10; v += d * scale; dec++; }
            else v = v * 10 + d;
            k = (size_t)kk;
            continue;
        }
        /* a separator counts only between digits */
        if (any && (c == '.' || c == 0xFF0E || c == ',' || c == 0xFF0C) && (size_t)kk < n) {
            int32_t k2 = kk;
            UChar32 c2;
            U8_NEXT((const uint8_t *)s, k2, (int32_t)n, c2);
            bool digit_next = (c2 >= '0' && c2 <= '9') || (c2 >= 0xFF10 && c2 <= 0xFF19);
            if (digit_next && (c == '.' || c == 0xFF0E) && !point) {
                point = true;
                k = (size_t)kk;
                continue;
            }
            if (digit_next && (c == ',' || c == 0xFF0C) && !point) {
                k = (size_t)kk;
                continue;
            }
        }
        break;
    }
    *i = k;
    *val = v;
    *decimals = dec;
    return any;
}

double xref_figure_half_step(const char *s, size_t n, double value)
{
    double first = 0;
    int dec_last = 0;
    bool found = false;
    for (size_t i = 0; i < n;) {
        double v;
        int dec;
        size_t at = i;
        if (digit_run(s, n, &i, &v, &dec)) {
            if (!found)
                first = v;
            found = true;
            dec_last = dec;
        }
        if (i == at) {
            int32_t k = (int32_t)i;
            UChar32 c;
            U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
            (void)c;
            i = (size_t)k;
        }
    }
    double av = fabs(value);
    if (found && first > 0 && av > 0) {
        /* value / written digits = the magnitude word (萬, 億, %, k ...) */
        double mult = pow(10.0, round(log10(av / first)));
        return 0.5 * mult * pow(10.0, -dec_last);
    }
    if (found)
        return 0.5 * pow(10.0, -dec_last);
    /* Chinese numerals: the last non-zero digit sets the step (兩千六 -> 100,
     * 十 -> 10). */
    if (av >= 1 && av < 1e18 && av == floor(av)) {
        double p = 1;
        while (p * 10 <= av && fmod(av, p * 10) == 0)
            p *= 10;
        return 0.5 * p;
    }
    return 0.5;
}

/* A figure of a claim, with what is compared and shown of its mention
 * (the mentions themselves may be freed once read: doc_keep_claims). */
typedef struct fig {
    double v, vmax, half;
    const char *uclass;        /* count unit class (or the unit itself) */
    uint32_t start, end;       /* the mention's text */
    uint32_t ctx_first, ctx_n; /* context word keys in the key pool */
    char currency[8];          /* money */
    int16_t y, mo, dd;         /* dates: fields written, -1 when absent */
    uint8_t type, qualifier;
} fig;

/* Within half a step of the less precise figure; a value exactly half a
 * step away rounds the other way (10 and 5 do not agree). */
static bool values_agree(const fig *a, const fig *b)
{
    double tol = (a->half > b->half ? a->half : b->half) * (1 - 1e-9);
    double eps = 1e-9 * (fabs(a->v) + fabs(b->v)) + 1e-12;
    double alo = a->v, ahi = a->qualifier == Q_RANGE ? a->vmax : a->v;
    double blo = b->v, bhi = b->qualifier == Q_RANGE ? b->vmax : b->v;
    if (alo <= bhi + eps && blo <= ahi + eps)
        return true;   /* equal, or ranges that overlap */
    return alo < bhi + tol && blo < ahi + tol;
}

static bool money_comparable(const mention *a, const mention *b)
{
    return a->type == MENTION_MONEY && b->type == MENTION_MONEY &&
           strcmp(a->currency, b->currency) == 0;
}

static void fill_value(fig *f, const doc *d, const mention *m)
{
    f->start = m->start;
    f->end = m->end;
    f->qualifier = m->qualifier;
    memcpy(f->currency, m->currency, sizeof f->currency);
    f->currency[sizeof f->currency - 1] = '\0';
    f->type = m->type;
    f->v = decimal_to_double(&m->value);
    f->vmax = m->qualifier == Q_RANGE ? decimal_to_double(&m->max) : f->v;
    /* the figures stage records how many trailing digits a multiplier
     * implied (5.4億: 7); the written text gives the same for Arabic
     * digits, and a fallback for hand-made mentions */
    double step = 1;
    for (int i = 0; i < m->value.unsig; i++)
        step *= 10;
    for (int i = 0; i < m->value.scale; i++)
        step /= 10;
    double h = xref_figure_half_step(d->text + m->start, m->end - m->start, f->v);
    f->half = 0.5 * step > h ? 0.5 * step : h;
}

bool xref_figures_agree(const doc *da, const mention *a, const doc *db, const mention *b)
{
    if (a->type != b->type || a->value.overflow || b->value.overflow)
        return false;
    if (a->type == MENTION_MONEY && !money_comparable(a, b))
        return false;
    fig fa = {0}, fb = {0};
    fill_value(&fa, da, a);
    fill_value(&fb, db, b);
    return values_agree(&fa, &fb);
}

/* Dates: the year, month and day written in the mention (2024年底 -> 2024;
 * 7月 -> month 7). Relative dates (今年, 去年) give nothing. */
static void parse_date(fig *f, const char *s, size_t n)
{
    f->y = f->mo = f->dd = -1;
    for (size_t i = 0; i < n;) {
        double v;
        int dec;
        size_t at = i;
        bool got = digit_run(s, n, &i, &v, &dec);
        if (!got) {
            decimal dv;
            size_t used = figures_parse_number(s + i, n - i, &dv);
            if (used && !dv.overflow) {
                got = true;
                v = decimal_to_double(&dv);
                i += used;
            }
        }
        if (got) {
            size_t k = i;
            while (k < n && s[k] == ' ')
                k++;
            int32_t kk = (int32_t)k;
            UChar32 c = 0;
            if (k < n)
                U8_NEXT((const uint8_t *)s, kk, (int32_t)n, c);
            if (c == 0x5E74 && v >= 1000 && v < 3000) f->y = (int16_t)v;        /* 年 */
            else if (c == 0x6708 && v >= 1 && v <= 12) f->mo = (int16_t)v;    /* 月 */
            else if ((c == 0x65E5 || c == 0x865F || c == 0x53F7) && v >= 1 && v <= 31)
                f->dd = (int16_t)v;                                          /* 日 號 */
            else if (c == '-' && v >= 1000 && v < 3000) f->y = (int16_t)v;
            continue;
        }
        if (i == at) {
            int32_t k = (int32_t)i;
            UChar32 c;
            U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
            (void)c;
            i = (size_t)k;
        }
    }
}

static bool date_known(const fig *f) { return f->y >= 0 || f->mo >= 0 || f->dd >= 0; }

/* 1: agree on every field both give (and share one); -1: a shared field
 * differs; 0: nothing in common. */
static int dates_cmp(const fig *a, const fig *b)
{
    int shared = 0;
    if (a->y >= 0 && b->y >= 0) { if (a->y != b->y) return -1; shared++; }
    if (a->mo >= 0 && b->mo >= 0) { if (a->mo != b->mo) return -1; shared++; }
    if (a->dd >= 0 && b->dd >= 0) { if (a->dd != b->dd) return -1; shared++; }
    return shared ? 1 : 0;
}

/* ---- claim features --------------------------------------------------------- */

typedef struct cfeat {
    uint32_t doc, claim;
    int32_t *ents;             /* sorted, unique */
    uint32_t n_ents;
    int32_t src_ent;
    uint32_t *words;           /* sorted, unique folded words (dictionary
                                * ranks: the order of their keys) */
    uint32_t n_words;
    fig *figs;
    uint32_t n_figs;
    uint16_t *facts;           /* sorted predicates of fact (term indices) */
    uint32_t n_facts;
    uint8_t periods, parts;
    double wsum;               /* sum of idf over words */
    double esum;               /* sum of idf over entities */
} cfeat;

/* Sorted distinct keys with how often each occurred (arena-held). */
typedef struct freq_table {
    uint64_t *keys;
    uint32_t *counts;
    size_t n;
} freq_table;

typedef struct xctx {
    corpus *c;
    claim_rules rules;
    arena scratch;
    arena doc_tmp;             /* one document's claim-word hits */
    xref_link *links;          /* gathered here (malloc), then kept in the
                                * corpus arena at their exact size */
    size_t n_links, cap_links;
    const char **whys;         /* reasons, each kept once: many links of a
                                * repeated story share one */
    size_t n_whys, cap_whys;
    uint64_t *wbuf;            /* one claim's words, before they are kept */
    size_t wcap;
    cfeat *f;                  /* every claim of every document */
    size_t n_f;
    size_t *doc_first;         /* first feature index of each document */
    /* Words and context keys are numbered as they come (a hash table of
     * the distinct keys, dtab), so the pools hold 4-byte numbers from the
     * start (8-byte keys took twice as much at xref's peak); build_dict
     * turns the numbers into dictionary ranks. */
    uint32_t *key_pool;        /* figure context keys: numbers, then ranks */
    size_t n_pool, cap_pool;
    uint32_t *wpool;           /* every claim's words in turn: the same */
    size_t n_wpool, cap_wpool;
    struct dict_slot *dtab;    /* distinct keys -> number, word count */
    size_t dmask, n_dtab;
    /* The dictionary: every distinct word and context key, sorted, with
     * in how many claims each occurs as a word and its idf. Features hold
     * ranks in it (4 bytes, not 8, and no search for an idf). */
    uint64_t *dict_keys;
    uint32_t *dict_df;
    double *dict_idf;
    size_t n_dict;
    freq_table ent_df;         /* ... and each entity (keyed by its id) */
    /* A run that releases (corpus.release_tokens and release_raw): each
     * document keeps only its claims' text once its features are built
     * (doc_keep_claims): its mentions, sentences and the rest of its text
     * were more than half of what xref held at its peak. */
    bool keep_claims;
    double rare_idf;           /* idf of an entity in at most 5% of claims */
} xctx;

static uint64_t hash_bytes(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = 1469598103934665603ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}
static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Build t from n values, sorting them in place. */
static int freq_build(arena *a, uint64_t *v, size_t n, freq_table *t)
{
    if (n > 1)   /* v may be NULL when n is 0 */
        qsort(v, n, sizeof *v, cmp_u64);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += !i || v[i] != v[i - 1];
    t->keys = arena_alloc(a, (distinct + 1) * sizeof *t->keys);
    t->counts = arena_alloc(a, (distinct + 1) * sizeof *t->counts);
    if (!t->keys || !t->counts)
        return CR_ENOMEM;
    t->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (t->n && t->keys[t->n - 1] == v[i]) {
            t->counts[t->n - 1]++;
        } else {
            t->keys[t->n] = v[i];
            t->counts[t->n++] = 1;
        }
    }
    return CR_OK;
}

static uint32_t freq_get(const freq_table *t, uint64_t key)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->keys[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo < t->n && t->keys[lo] == key ? t->counts[lo] : 0;
}

/* The rank of key in the dictionary, or -1. */
static int64_t dict_rank(const xctx *x, uint64_t key)
{
    size_t lo = 0, hi = x->n_dict;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->dict_keys[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo < x->n_dict && x->dict_keys[lo] == key ? (int64_t)lo : -1;
}

static double ent_idf(const xctx *x, int32_t id)
{
    return log((x->n_f + 1.0) / (freq_get(&x->ent_df, (uint64_t)(uint32_t)id) + 0.5));
}

/* A word unit: a token, or a pair of Han characters, and its key. */
typedef struct unit {
    uint32_t start, end;
    uint64_t key;
    bool stop;                 /* clause punctuation: ends a figure's context */
    bool gram;                 /* a character pair, not a token */
} unit;

enum { COVER_FIG = 1, COVER_ENT = 2 };

/* Mark each unit that overlaps a figure mention (COVER_FIG) or a resolved
 * entity mention (COVER_ENT) of its claim in cover[]. Coverage is counted
 * over the claim's bytes, so the cost is linear in the claim's length, its
 * mentions and its units: a claim naming one company 100,000 times must not
 * cost 100,000 steps per unit. */
static int mark_units(const doc *d, const claim *cl, const unit *u, size_t nu,
                      uint8_t *cover)
{
    size_t len = cl->end - cl->start;
    int32_t *fig = calloc(2 * (len + 1), sizeof *fig);
    if (!fig)
        return CR_ENOMEM;
    int32_t *ent = fig + len + 1;
    for (size_t i = 0; i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        uint32_t s = m->start > cl->start ? m->start : cl->start;
        uint32_t e = m->end < cl->end ? m->end : cl->end;
        if (s >= e)
            continue;
        int32_t *c = m->type >= MENTION_MONEY ? fig : m->entity >= 0 ? ent : NULL;
        if (c) {
            c[s - cl->start]++;
            c[e - cl->start]--;
        }
    }
    /* in place: depth at each byte -> number of covered bytes before it */
    int32_t df = 0, de = 0, nf = 0, ne = 0;
    for (size_t i = 0; i <= len; i++) {
        df += fig[i];
        de += ent[i];
        fig[i] = nf;
        ent[i] = ne;
        nf += df > 0;
        ne += de > 0;
    }
    for (size_t k = 0; k < nu; k++) {
        uint32_t s = u[k].start > cl->start ? u[k].start - cl->start : 0;
        uint32_t e = u[k].end < cl->end ? u[k].end - cl->start : (uint32_t)len;
        cover[k] = 0;
        if (s < e) {
            cover[k] |= fig[e] > fig[s] ? COVER_FIG : 0;
            cover[k] |= ent[e] > ent[s] ? COVER_ENT : 0;
        }
    }
    free(fig);
    return CR_OK;
}

static bool is_clause_punct(int32_t c)
{
    return c == 0xFF0C || c == ',' || c == 0x3002 || c == 0xFF1B || c == ';' ||
           c == 0xFF01 || c == '!' || c == 0xFF1F || c == '?' || c == 0xFF1A ||
           c == ':' || c == 0x3001;
}

static uint64_t unit_key(const char *s, size_t n)
{
    char buf[256];
    size_t len = fold_utf8(s, n, buf, sizeof buf, NULL);
    if (len > sizeof buf)
        len = sizeof buf;
    return hash_bytes(buf, len, 0x77);
}

static int cmp_unit(const void *pa, const void *pb)
{
    const unit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->gram != b->gram)
        return a->gram ? 1 : -1;
    return (a->end > b->end) - (a->end < b->end);
}

/* Has the segment stage's tokens, as an array or packed. */
static bool has_tokens(const doc *d)
{
    return d->n_tokens || d->n_tok_packed;
}

/* The unit of one token, if it makes one: clause punctuation (a stop),
 * or a Han, Latin or other word keyed by its folded text. */
static bool token_unit(const doc *d, const token *t, unit *u)
{
    *u = (unit){t->start, t->end, 0, false, false};
    if (t->kind == TOK_PUNCT) {
        int32_t k = (int32_t)t->start;
        UChar32 c;
        U8_NEXT((const uint8_t *)d->text, k, (int32_t)t->end, c);
        u->stop = true;
        return is_clause_punct(c);
    }
    if (t->kind != TOK_HAN && t->kind != TOK_LATIN && t->kind != TOK_OTHER)
        return false;
    u->key = unit_key(d->text + t->start, t->end - t->start);
    return true;
}

/* Word units of a claim, in text order: the segment stage's tokens (Latin
 * words without them), and every pair of adjacent Han characters. Pairs
 * make the match independent of how a word was segmented in each script
 * (董事會 as one token, 董事 会 as two). */
static size_t claim_units(const doc *d, const claim *cl, unit **out, size_t *cap)
{
    size_t n = 0;
#define PUSH_UNIT(S, E, K, STOP, GRAM)                                         \
    do {                                                                       \
        if (n == *cap) {                                                       \
            unit *nu = grow_array(*out, cap, sizeof *nu, 64);                  \
            if (!nu) return n;                                                 \
            *out = nu;                                                         \
        }                                                                      \
        (*out)[n++] = (unit){(S), (E), (K), (STOP), (GRAM)};                   \
    } while (0)
    if (d->tok_packed && !d->n_tokens) {
        /* the same tokens, packed (corpus.release_tokens) */
        const uint8_t *p = d->tok_packed + cl->tok_at, *end = d->tok_packed + d->tok_packed_len;
        uint32_t prev = cl->tok_base;
        token tk;
        while (tokpack_next(&p, end, &prev, &tk) && tk.start < cl->end) {
            unit u;
            if (tk.end > cl->start && token_unit(d, &tk, &u))
                PUSH_UNIT(u.start, u.end, u.key, u.stop, false);
        }
    } else if (d->n_tokens) {
        size_t lo = 0, hi = d->n_tokens;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (d->tokens[mid].end <= cl->start) lo = mid + 1; else hi = mid;
        }
        for (size_t i = lo; i < d->n_tokens && d->tokens[i].start < cl->end; i++) {
            unit u;
            if (token_unit(d, &d->tokens[i], &u))
                PUSH_UNIT(u.start, u.end, u.key, u.stop, false);
        }
    }
    uint32_t prev_start = UINT32_MAX;
    for (uint32_t i = cl->start; i < cl->end;) {
        uint32_t at = i;
        int32_t k = (int32_t)i;
        UChar32 c;
        U8_NEXT((const uint8_t *)d->text, k, (int32_t)cl->end, c);
        i = (uint32_t)k;
        if (c >= 0 && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
            if (prev_start != UINT32_MAX)
                PUSH_UNIT(prev_start, i, unit_key(d->text + prev_start, i - prev_start),
                          false, true);
            prev_start = at;
            continue;
        }
        prev_start = UINT32_MAX;
        if (has_tokens(d))
            continue;
        if (c >= 0 && u_isalpha(c)) {
            uint32_t e = i;
            while (e < cl->end) {
                int32_t k2 = (int32_t)e;
                UChar32 c2;
                U8_NEXT((const uint8_t *)d->text, k2, (int32_t)cl->end, c2);
                if (c2 < 0 || !(u_isalnum(c2) || c2 == '-') ||
                    u_hasBinaryProperty(c2, UCHAR_IDEOGRAPHIC))
                    break;
                e = (uint32_t)k2;
            }
            PUSH_UNIT(at, e, unit_key(d->text + at, e - at), false, false);
            i = e;
        } else if (c >= 0 && is_clause_punct(c)) {
            PUSH_UNIT(at, i, 0, true, false);
        }
    }
    if (n)
        qsort(*out, n, sizeof **out, cmp_unit);
    return n;
#undef PUSH_UNIT
}

static inline size_t key_slot(uint64_t k, size_t mask);

/* Distinct keys with their word counts and numbers, by open addressing (a
 * sort of every word would take a copy of them all). */
typedef struct dict_slot {
    uint64_t key;
    uint32_t df;
    uint32_t id;               /* in order of arrival; UINT32_MAX: empty */
} dict_slot;

static dict_slot *dict_find(dict_slot *t, size_t mask, uint64_t key)
{
    size_t s = key_slot(key, mask);
    while (t[s].id != UINT32_MAX && t[s].key != key)
        s = (s + 1) & mask;
    return &t[s];
}

/* The number of key (a new one if it is new), its word count raised by df. */
static int dict_id(xctx *x, uint64_t key, uint32_t df, uint32_t *id)
{
    if (2 * (x->n_dtab + 1) > x->dmask + 1) {
        size_t cap = x->dtab ? 2 * (x->dmask + 1) : 4096;
        dict_slot *nt = malloc(cap * sizeof *nt);
        if (!nt)
            return CR_ENOMEM;
        for (size_t i = 0; i < cap; i++)
            nt[i].id = UINT32_MAX;
        for (size_t i = 0; x->dtab && i <= x->dmask; i++)
            if (x->dtab[i].id != UINT32_MAX)
                *dict_find(nt, cap - 1, x->dtab[i].key) = x->dtab[i];
        free(x->dtab);
        x->dtab = nt;
        x->dmask = cap - 1;
    }
    dict_slot *d = dict_find(x->dtab, x->dmask, key);
    if (d->id == UINT32_MAX) {
        if (x->n_dtab >= UINT32_MAX - 1)
            return CR_ENOMEM;
        *d = (dict_slot){key, 0, (uint32_t)x->n_dtab++};
    }
    d->df += df;
    *id = d->id;
    return CR_OK;
}

enum { CTX_BEFORE = 12, CTX_AFTER = 6,    /* units: tokens and pairs */
       CTX_SCAN = 256 };                   /* units looked at for them */

/* The pool grows with realloc, not in the arena: a grown array left its
 * old copies behind there (half again its size). */
static int push_key(xctx *x, uint64_t key)
{
    uint32_t id;
    if (dict_id(x, key, 0, &id))
        return CR_ENOMEM;
    if (x->n_pool == x->cap_pool) {
        uint32_t *np = grow_array(x->key_pool, &x->cap_pool, sizeof *np, 4096);
        if (!np)
            return CR_ENOMEM;
        x->key_pool = np;
    }
    x->key_pool[x->n_pool++] = id;
    return CR_OK;
}

/* n elements for one claim's features; none takes no memory (most claims
 * have no figure or no predicate of fact: 43,000 empty arrays took 3 MB). */
static void *feat_alloc(xctx *x, size_t n, size_t elem)
{
    static max_align_t none;
    return n ? arena_alloc(&x->scratch, n * elem) : (void *)&none;
}

/* Hand the memory freed by doc_keep_claims back to the system: it was
 * mostly allocated by the pool's threads, so the features (allocated on
 * this thread) would not reuse it. */
static void give_back(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* Document d, features [from, to) built: only its claims' text is kept,
 * and its figures' offsets follow. */
static int keep_claims(xctx *x, doc *d, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += 2 * x->f[i].n_figs;
    uint32_t *offs = malloc((n + 1) * sizeof *offs);
    if (!offs)
        return CR_ENOMEM;
    n = 0;
    for (size_t i = from; i < to; i++)
        for (uint32_t g = 0; g < x->f[i].n_figs; g++) {
            offs[n++] = x->f[i].figs[g].start;
            offs[n++] = x->f[i].figs[g].end;
        }
    int rc = doc_keep_claims(d, offs, n);
    n = 0;
    for (size_t i = from; i < to && !rc; i++)
        for (uint32_t g = 0; g < x->f[i].n_figs; g++) {
            x->f[i].figs[g].start = offs[n++];
            x->f[i].figs[g].end = offs[n++];
        }
    free(offs);
    return rc;
}

static int build_features(xctx *x, unit **ubuf, size_t *ucap)
{
    corpus *c = x->c;
    size_t total = 0;
    for (size_t i = 0; i < c->n_docs; i++)
        total += c->docs[i]->n_claims;
    x->n_f = total;
    x->doc_first = arena_alloc(&x->scratch, (c->n_docs + 1) * sizeof *x->doc_first);
    if (!x->doc_first)
        return CR_ENOMEM;
    size_t fi = 0, cap = 0;
    for (size_t di = 0; di < c->n_docs; di++) {
        doc *d = c->docs[di];
        x->doc_first[di] = fi;
        /* grown as the documents go: with keep_claims their memory is
         * freed as it grows, so the two are not held at their largest
         * together */
        if (fi + d->n_claims + 1 > cap) {
            size_t ncap = 2 * cap > fi + d->n_claims + 1 ? 2 * cap : fi + d->n_claims + 1;
            if (ncap > total + 1)
                ncap = total + 1;
            cfeat *nf = realloc(x->f, ncap * sizeof *nf);
            if (!nf)
                return CR_ENOMEM;
            memset(nf + cap, 0, (ncap - cap) * sizeof *nf);
            x->f = nf;
            cap = ncap;
        }
        claim_hit *hits;
        /* the hits are needed for this document only */
        arena_free(&x->doc_tmp);
        size_t nh = claim_rules_scan(&x->rules, &x->doc_tmp, d->text, d->text_len, &hits);
        size_t hi = 0;
        for (size_t ci = 0; ci < d->n_claims; ci++, fi++) {
            const claim *cl = &d->claims[ci];
            cfeat *f = &x->f[fi];
            f->doc = (uint32_t)di;
            f->claim = (uint32_t)ci;
            f->periods = cl->periods;
            f->parts = cl->parts;
            f->src_ent = cl->source_entity;
            /* entities */
            /* at their exact size: most mentions are of one kind or the other */
            size_t n_ent = cl->source_entity >= 0, n_fig = 0;
            for (size_t k = 0; k < cl->n_mentions; k++) {
                const mention *m = &d->mentions[cl->mentions[k]];
                if (m->type < MENTION_MONEY)
                    n_ent += m->entity >= 0;
                else
                    n_fig += !m->value.overflow;
            }
            f->ents = feat_alloc(x, n_ent, sizeof *f->ents);
            f->figs = feat_alloc(x, n_fig, sizeof *f->figs);
            if (!f->ents || !f->figs)
                return CR_ENOMEM;
            for (size_t k = 0; k < cl->n_mentions; k++) {
                const mention *m = &d->mentions[cl->mentions[k]];
                if (m->type < MENTION_MONEY) {
                    if (m->entity >= 0)
                        f->ents[f->n_ents++] = m->entity;
                } else if (!m->value.overflow) {
                    fig *g = &f->figs[f->n_figs++];
                    memset(g, 0, sizeof *g);
                    fill_value(g, d, m);
                    g->y = g->mo = g->dd = -1;
                    if (m->type == MENTION_DATE) {
                        parse_date(g, d->text + m->start, m->end - m->start);
                        if (!date_known(g))
                            f->n_figs--;
                    } else if (m->type == MENTION_COUNT) {
                        const char *cls = claim_rules_unit_class(&x->rules, m->unit);
                        g->uclass = cls ? cls : (m->unit && m->unit[0] ? m->unit : NULL);
                        /* the unit may be in the document's arena */
                        if (g->uclass && g->uclass == m->unit && x->keep_claims &&
                            !(g->uclass = arena_strdup(&x->scratch, m->unit)))
                            return CR_ENOMEM;
                    }
                }
            }
            if (cl->source_entity >= 0)
                f->ents[f->n_ents++] = cl->source_entity;
            if (f->n_ents > 1)   /* empty arrays are NULL */
                qsort(f->ents, f->n_ents, sizeof *f->ents, cmp_i32);
            uint32_t ne = 0;
            for (uint32_t k = 0; k < f->n_ents; k++)
                if (!ne || f->ents[ne - 1] != f->ents[k])
                    f->ents[ne++] = f->ents[k];
            f->n_ents = ne;
            /* predicates of fact (破產, 收購): the same one in two claims
             * about one entity is a strong sign of one fact */
            while (hi < nh && hits[hi].start < cl->start)
                hi++;
            size_t nf = 0;
            for (size_t k = hi; k < nh && hits[k].start < cl->end; k++)
                nf += hits[k].term->kind == CW_FACT;
            f->facts = feat_alloc(x, nf, sizeof *f->facts);
            if (!f->facts)
                return CR_ENOMEM;
            for (size_t k = hi; k < nh && hits[k].start < cl->end; k++)
                if (hits[k].term->kind == CW_FACT && hits[k].end <= cl->end)
                    f->facts[f->n_facts++] = (uint16_t)(hits[k].term - x->rules.terms);
            if (f->n_facts > 1)
                qsort(f->facts, f->n_facts, sizeof *f->facts, cmp_u16);
            /* words and figure contexts */
            size_t nu = claim_units(d, cl, ubuf, ucap);
            unit *u = *ubuf;
            /* sorted and unique in a buffer, then kept at their exact size:
             * a claim has about twice as many units as distinct words */
            if (nu + 1 > x->wcap) {
                uint64_t *nw = realloc(x->wbuf, (nu + 1) * sizeof *nw);
                if (!nw)
                    return CR_ENOMEM;
                x->wbuf = nw;
                x->wcap = nu + 1;
            }
            uint8_t *cover = malloc(nu + 1);
            if (!cover || mark_units(d, cl, u, nu, cover)) {
                free(cover);
                return CR_ENOMEM;
            }
            uint32_t nwords = 0;
            for (size_t k = 0; k < nu; k++)
                if (!u[k].stop && !cover[k])
                    x->wbuf[nwords++] = u[k].key;
            if (nwords)
                qsort(x->wbuf, nwords, sizeof *x->wbuf, cmp_u64);
            uint32_t nw = 0;
            for (uint32_t k = 0; k < nwords; k++)
                if (!nw || x->wbuf[nw - 1] != x->wbuf[k])
                    x->wbuf[nw++] = x->wbuf[k];
            /* kept in turn in one pool: build_dict makes them ranks */
            if (x->n_wpool + nw > x->cap_wpool) {
                size_t ncap = x->cap_wpool ? x->cap_wpool : 4096;
                while (ncap < x->n_wpool + nw)
                    ncap *= 2;
                uint32_t *np = realloc(x->wpool, ncap * sizeof *np);
                if (!np) {
                    free(cover);
                    return CR_ENOMEM;
                }
                x->wpool = np;
                x->cap_wpool = ncap;
            }
            for (uint32_t k = 0; k < nw; k++)
                if (dict_id(x, x->wbuf[k], 1, &x->wpool[x->n_wpool++])) {
                    free(cover);
                    return CR_ENOMEM;
                }
            f->n_words = nw;
            for (uint32_t g = 0; g < f->n_figs; g++) {
                fig *fg = &f->figs[g];
                fg->ctx_first = (uint32_t)x->n_pool;
                size_t k = 0, hi = nu;   /* first unit at or after the figure */
                while (k < hi) {
                    size_t mid = (k + hi) / 2;
                    if (u[mid].start < fg->start) k = mid + 1; else hi = mid;
                }
                /* at most CTX_SCAN units either side, however many figures
                 * stand in a row: each figure costs CTX_SCAN steps at most */
                int got = 0;
                for (size_t j = k; j-- > 0 && got < CTX_BEFORE && k - j <= CTX_SCAN;) {
                    if (u[j].stop)
                        break;
                    if (cover[j] & COVER_FIG)
                        continue;
                    if (push_key(x, u[j].key)) {
                        free(cover);
                        return CR_ENOMEM;
                    }
                    got++;
                }
                got = 0;
                for (size_t j = k; j < nu && got < CTX_AFTER && j - k < CTX_SCAN; j++) {
                    if (u[j].stop)
                        break;
                    if (cover[j] & COVER_FIG)
                        continue;
                    if (push_key(x, u[j].key)) {
                        free(cover);
                        return CR_ENOMEM;
                    }
                    got++;
                }
                fg->ctx_n = (uint32_t)(x->n_pool - fg->ctx_first);
            }
            free(cover);
        }
        if (x->keep_claims && keep_claims(x, d, x->doc_first[di], fi))
            return CR_ENOMEM;
        if (x->keep_claims && di % 64 == 0)
            give_back();
    }
    x->doc_first[c->n_docs] = fi;
    arena_free(&x->doc_tmp);
    free(x->wbuf);
    x->wbuf = NULL;
    x->wcap = 0;
    return CR_OK;
}

/* The dictionary from the table of distinct keys, and the numbers in the
 * pools made ranks in it. A claim's words, sorted by key, stay sorted. */
static int build_dict(xctx *x)
{
    size_t n = x->n_dtab;
    x->dict_keys = malloc((n + 1) * sizeof *x->dict_keys);
    x->dict_df = malloc((n + 1) * sizeof *x->dict_df);
    x->dict_idf = malloc((n + 1) * sizeof *x->dict_idf);
    uint32_t *rank = malloc((n + 1) * sizeof *rank);   /* by number */
    if (!x->dict_keys || !x->dict_df || !x->dict_idf || !rank) {
        free(rank);
        return CR_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; x->dtab && i <= x->dmask; i++)
        if (x->dtab[i].id != UINT32_MAX)
            x->dict_keys[k++] = x->dtab[i].key;
    if (n > 1)
        qsort(x->dict_keys, n, sizeof *x->dict_keys, cmp_u64);
    x->n_dict = n;
    for (size_t r = 0; r < n; r++) {
        dict_slot *d = dict_find(x->dtab, x->dmask, x->dict_keys[r]);
        rank[d->id] = (uint32_t)r;
        x->dict_df[r] = d->df;
        x->dict_idf[r] = log((x->n_f + 1.0) / (d->df + 0.5));
    }
    free(x->dtab);
    x->dtab = NULL;
    for (size_t i = 0; i < x->n_wpool; i++)
        x->wpool[i] = rank[x->wpool[i]];
    for (size_t i = 0; i < x->n_pool; i++)
        x->key_pool[i] = rank[x->key_pool[i]];
    free(rank);
    size_t at = 0;
    for (size_t i = 0; i < x->n_f; i++) {
        x->f[i].words = x->wpool ? x->wpool + at : NULL;
        at += x->f[i].n_words;
    }
    return CR_OK;
}

static int build_df(xctx *x)
{
    int rc = build_dict(x);
    if (rc)
        return rc;
    size_t k;
    /* entity frequencies, so that the entity every claim names (the
     * story's subject) counts for less than a rarer one */
    size_t ne = 0;
    for (size_t i = 0; i < x->n_f; i++)
        ne += x->f[i].n_ents;
    uint64_t *ents = malloc((ne + 1) * sizeof *ents);
    if (!ents)
        return CR_ENOMEM;
    k = 0;
    for (size_t i = 0; i < x->n_f; i++)
        for (uint32_t j = 0; j < x->f[i].n_ents; j++)
            ents[k++] = (uint32_t)x->f[i].ents[j];
    rc = freq_build(&x->scratch, ents, ne, &x->ent_df);
    free(ents);
    if (rc)
        return rc;
    double rare_df = x->n_f / 20.0 > 2 ? x->n_f / 20.0 : 2;
    x->rare_idf = log((x->n_f + 1.0) / (rare_df + 0.5));
    for (size_t i = 0; i < x->n_f; i++) {
        x->f[i].wsum = x->f[i].esum = 0;
        for (uint32_t w = 0; w < x->f[i].n_words; w++)
            x->f[i].wsum += x->dict_idf[x->f[i].words[w]];
        for (uint32_t j = 0; j < x->f[i].n_ents; j++)
            x->f[i].esum += ent_idf(x, x->f[i].ents[j]);
    }
    return CR_OK;
}

/* ---- comparing two claims ----------------------------------------------------- */

enum { MAX_PAIRS = 4 };

/* Kept for every scored candidate until its pair is chosen: figures are
 * named by their index in each claim's figs (at most 64 are compared), so
 * a candidate takes 72 bytes, not 208. */
typedef struct cmpres {
    double score;
    int32_t shared[MAX_PAIRS];
    int n_shared;
    int8_t rel;                /* enum xref_relation, or -1: no link */
    uint8_t n_agree, n_diff;
    bool has_date;             /* date: a pair of agreeing dates */
    uint8_t agree[MAX_PAIRS][2], diff[MAX_PAIRS][2], date[2];
} cmpres;

static bool informative(const fig *f)
{
    return f->type != MENTION_COUNT || f->v >= 3 || f->v != floor(f->v);
}

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            return true;
        /* full-width digits: EF BC 90..99 */
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
            (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99)
            return true;
    }
    return false;
}

/* 上萬, 數萬, 近百萬: an order of magnitude rather than a number. Two of
 * them agreeing says little; one next to a written number (1萬) does. */
static bool vague(const doc *d, const fig *f)
{
    if (f->qualifier == Q_EXACT || has_digit(d->text + f->start, f->end - f->start))
        return false;
    double l = log10(f->v);
    return f->v > 0 && fabs(l - round(l)) < 1e-9;
}

static bool kind_comparable(const fig *a, const fig *b)
{
    if (a->type != b->type || a->type == MENTION_DATE)
        return false;
    if (a->type == MENTION_MONEY)
        return strcmp(a->currency, b->currency) == 0;
    if (a->type == MENTION_COUNT && a->uclass && b->uclass)
        return strcmp(a->uclass, b->uclass) == 0;
    return true;
}

static double ctx_overlap(const xctx *x, const fig *a, const fig *b)
{
    const uint32_t *ctx = x->key_pool;   /* ranks */
    double s = 0;
    for (uint32_t i = 0; i < a->ctx_n; i++) {
        uint32_t k = ctx[a->ctx_first + i];
        bool dup = false;
        for (uint32_t p = 0; p < i && !dup; p++)
            dup = ctx[a->ctx_first + p] == k;
        if (dup)
            continue;
        for (uint32_t j = 0; j < b->ctx_n; j++)
            if (ctx[b->ctx_first + j] == k) {
                s += x->dict_idf[k];
                break;
            }
    }
    return s;
}

/* Dates that cannot both be right: some pair contradicts (2022年 / 2024年)
 * and no pair agrees. */
static bool dates_conflict(const cfeat *a, const cfeat *b)
{
    bool conflict = false;
    for (uint32_t i = 0; i < a->n_figs; i++) {
        if (a->figs[i].type != MENTION_DATE)
            continue;
        for (uint32_t j = 0; j < b->n_figs; j++) {
            if (b->figs[j].type != MENTION_DATE)
                continue;
            int c = dates_cmp(&a->figs[i], &b->figs[j]);
            if (c == 1)
                return false;
            conflict |= c == -1;
        }
    }
    return conflict;
}

/* Every known date of a has an agreeing date in b. */
static bool dates_covered(const cfeat *a, const cfeat *b)
{
    for (uint32_t i = 0; i < a->n_figs; i++) {
        if (a->figs[i].type != MENTION_DATE)
            continue;
        bool ok = false;
        for (uint32_t j = 0; j < b->n_figs && !ok; j++)
            ok = b->figs[j].type == MENTION_DATE && dates_cmp(&a->figs[i], &b->figs[j]) == 1;
        if (!ok)
            return false;
    }
    return true;
}

/* Figures of f's kind in c not matched by an agreeing figure. */
static int unmatched_of_kind(const cfeat *c, const bool *agreed, uint32_t n, const fig *f)
{
    int k = 0;
    for (uint32_t i = 0; i < n; i++)
        k += !agreed[i] && c->figs[i].type == f->type && kind_comparable(&c->figs[i], f);
    return k;
}

static bool has_dates(const cfeat *a)
{
    for (uint32_t i = 0; i < a->n_figs; i++)
        if (a->figs[i].type == MENTION_DATE)
            return true;
    return false;
}

static bool has_quantities(const cfeat *a)
{
    for (uint32_t i = 0; i < a->n_figs; i++)
        if (a->figs[i].type != MENTION_DATE && informative(&a->figs[i]))
            return true;
    return false;
}

static cmpres compare(const xctx *x, const cfeat *A, const cfeat *B)
{
    const doc *da = x->c->docs[A->doc], *db = x->c->docs[B->doc];
    cmpres r = {.rel = -1};
    /* entities, weighted by rarity */
    double shared_e = 0;
    bool rare_shared = false;   /* a name few claims mention (a source) */
    bool shared_subject = false;
    for (uint32_t i = 0, j = 0; i < A->n_ents && j < B->n_ents;) {
        if (A->ents[i] < B->ents[j]) i++;
        else if (A->ents[i] > B->ents[j]) j++;
        else {
            if (r.n_shared < MAX_PAIRS)
                r.shared[r.n_shared] = A->ents[i];
            r.n_shared++;
            double w = ent_idf(x, A->ents[i]);
            shared_e += w;
            shared_subject |= A->ents[i] != A->src_ent && A->ents[i] != B->src_ent;
            rare_shared |= w >= x->rare_idf;
            i++, j++;
        }
    }
    double ent_sim = A->esum + B->esum > 0 ? 2.0 * shared_e / (A->esum + B->esum) : 0;
    /* words */
    double shared_w = 0;
    for (uint32_t i = 0, j = 0; i < A->n_words && j < B->n_words;) {
        if (A->words[i] < B->words[j]) i++;
        else if (A->words[i] > B->words[j]) j++;
        else { shared_w += x->dict_idf[A->words[i]]; i++, j++; }
    }
    double word_sim = A->wsum + B->wsum > 0 ? 2.0 * shared_w / (A->wsum + B->wsum) : 0;
    int shared_facts = 0;
    for (uint32_t i = 0, j = 0; i < A->n_facts && j < B->n_facts;) {
        if (A->facts[i] < B->facts[j]) i++;
        else if (A->facts[i] > B->facts[j]) j++;
        else { shared_facts++; i++, j++; }
    }
    if (r.n_shared > MAX_PAIRS)
        r.n_shared = MAX_PAIRS;

    /* the same period: no clash of period words (每天 / 每月), of parts of
     * the year (第二季 / 第三季) or of dates */
    bool period_ok = !(A->periods && B->periods && !(A->periods & B->periods)) &&
                     !(A->parts && B->parts && !(A->parts & B->parts));
    bool dates_ok = !dates_conflict(A, B);
    /* a differing figure needs the dates to match, not merely not clash */
    bool dates_match = !has_dates(A) || !has_dates(B) || dates_covered(A, B) ||
                       dates_covered(B, A);
    /* figures */
    bool agreed_a[64] = {0}, agreed_b[64] = {0};
    uint32_t na = A->n_figs < 64 ? A->n_figs : 64, nb = B->n_figs < 64 ? B->n_figs : 64;
    for (uint32_t i = 0; i < na; i++) {
        const fig *fa = &A->figs[i];
        for (uint32_t j = 0; j < nb; j++) {
            const fig *fb = &B->figs[j];
            if (fa->type == MENTION_DATE && fb->type == MENTION_DATE) {
                if (!r.has_date && dates_cmp(fa, fb) == 1) {
                    r.has_date = true;
                    r.date[0] = (uint8_t)i;
                    r.date[1] = (uint8_t)j;
                }
                continue;
            }
            if (!kind_comparable(fa, fb) || !informative(fa) || !informative(fb) ||
                (vague(da, fa) && vague(db, fb)) || !values_agree(fa, fb))
                continue;
            if (r.n_agree < MAX_PAIRS && !agreed_a[i] && !agreed_b[j]) {
                r.agree[r.n_agree][0] = (uint8_t)i;
                r.agree[r.n_agree][1] = (uint8_t)j;
                r.n_agree++;
            }
            agreed_a[i] = agreed_b[j] = true;
        }
    }
    double agree_ctx = 0;
    for (int i = 0; i < r.n_agree; i++) {
        double o = ctx_overlap(x, &A->figs[r.agree[i][0]], &B->figs[r.agree[i][1]]);
        if (o > agree_ctx)
            agree_ctx = o;
    }
    for (uint32_t i = 0; i < na; i++) {
        const fig *fa = &A->figs[i];
        if (agreed_a[i] || !informative(fa) || vague(da, fa))
            continue;
        for (uint32_t j = 0; j < nb && r.n_diff < MAX_PAIRS; j++) {
            const fig *fb = &B->figs[j];
            if (agreed_b[j] || !kind_comparable(fa, fb) || !informative(fb) || vague(db, fb))
                continue;
            double lo = fa->v < fb->v ? fa->v : fb->v, hi = fa->v < fb->v ? fb->v : fa->v;
            if (lo <= 0 || hi / lo > 2.0)
                continue;
            /* the same kind of quantity: shared words around the figures,
             * or, beside an agreeing figure, the one figure of its kind
             * left on each side (24.9億 = 24.9亿; 增長22% / 年增約20%) */
            if (ctx_overlap(x, fa, fb) < 1.0 &&
                !(r.n_agree && unmatched_of_kind(A, agreed_a, na, fa) == 1 &&
                  unmatched_of_kind(B, agreed_b, nb, fb) == 1))
                continue;
            r.diff[r.n_diff][0] = (uint8_t)i;
            r.diff[r.n_diff][1] = (uint8_t)j;
            r.n_diff++;
            break;
        }
    }
    /* both name who the claim is about (its source aside), and no one in
     * common: two companies' costs, not one fact. A headline without
     * names may still match on its figure. */
    int subj_a = (int)A->n_ents - (A->src_ent >= 0), subj_b = (int)B->n_ents - (B->src_ent >= 0);
    bool subjects_clash = subj_a > 0 && subj_b > 0 && !shared_subject;
    double base = 0.45 * ent_sim + 0.55 * word_sim;
    /* the same dates (6月, 5月 on both sides) make one event likelier */
    if (r.has_date) {
        base += 0.02;
        if (dates_covered(A, B) && dates_covered(B, A))
            base += 0.04;
    }
    /* what ties two agreeing figures to one fact: a shared entity, similar
     * wording, or the same period (日燒70萬美元 / 每天的運營成本為70萬美元) */
    bool context = r.n_shared > 0 || word_sim >= 0.25 || (A->periods & B->periods) ||
                   r.n_agree >= 2 || agree_ctx >= 1.0;
    /* differs: the same fact, tied by a shared entity, an agreeing figure
     * (24.9億 = 24.9亿 beside 22% / 約20%) or very similar wording */
    bool same_fact = r.n_shared > 0 || r.n_agree > 0 || word_sim >= 0.3;
    if (r.n_diff && period_ok && dates_match && same_fact && !subjects_clash &&
        (word_sim >= 0.12 || r.n_agree)) {
        r.rel = XREF_DIFFERS;
        r.score = 0.5 + 0.5 * base;
    } else if (r.n_agree && period_ok && dates_ok && context && !subjects_clash) {
        r.rel = XREF_SAME;
        r.score = 0.5 + 0.5 * base;
    } else if (r.has_date && dates_match && !r.n_diff && r.n_shared > 0 &&
               (word_sim >= 0.15 || shared_facts) && !has_quantities(A) && !has_quantities(B)) {
        r.rel = XREF_SAME;
        r.score = 0.4 + 0.5 * base;
    } else if (((r.n_shared > 0 && base >= 0.25 &&
                (word_sim >= 0.15 ||
                 (ent_sim >= 0.6 && (word_sim >= 0.06 || shared_facts || r.has_date)))) ||
               (rare_shared && base >= 0.3) ||
               word_sim >= 0.3) && !subjects_clash) {
        r.rel = XREF_RELATED;
        r.score = base;
    }
    if (r.score > 1)
        r.score = 1;
    return r;
}

/* ---- candidate index ---------------------------------------------------------- */

enum { KEY_ENTITY = 1, KEY_FIGURE, KEY_YEAR, KEY_WORD };

static uint64_t tag_key(int tag, uint64_t v)
{
    return ((uint64_t)tag << 60) ^ (v & 0x0FFFFFFFFFFFFFFFull);
}

static uint64_t figure_key(const fig *g, int bucket)
{
    char buf[96];
    int n = snprintf(buf, sizeof buf, "%d|%s|%d", g->type,
                     g->type == MENTION_MONEY ? g->currency
                     : g->type == MENTION_COUNT && g->uclass ? g->uclass : "",
                     bucket);
    return tag_key(KEY_FIGURE, hash_bytes(buf, (size_t)n, 0x5F));
}

typedef struct keyw {
    uint64_t key;
    double w;                  /* weight before the rarity factor */
} keyw;

/* Keys of a claim. At query time a figure also looks in the neighbouring
 * magnitude buckets, so values up to a factor of two apart meet. */
static size_t claim_keys(const xctx *x, const cfeat *f, bool query, size_t word_limit,
                         keyw **out, size_t *cap)
{
    size_t n = 0;
#define PUSH_KEY(K, W)                                                         \
    do {                                                                       \
        if (n == *cap) {                                                       \
            *cap = *cap ? *cap * 2 : 64;                                       \
            keyw *nk = realloc(*out, *cap * sizeof *nk);                       \
            if (!nk) return n;                                                 \
            *out = nk;                                                         \
        }                                                                      \
        (*out)[n++] = (keyw){(K), (W)};                                        \
    } while (0)
    for (uint32_t i = 0; i < f->n_ents; i++)
        PUSH_KEY(tag_key(KEY_ENTITY, (uint64_t)(uint32_t)f->ents[i]), 1.0);
    for (uint32_t i = 0; i < f->n_figs; i++) {
        const fig *g = &f->figs[i];
        if (g->type == MENTION_DATE) {
            if (g->y >= 0)
                PUSH_KEY(tag_key(KEY_YEAR, (uint64_t)g->y), 0.3);
            continue;
        }
        if (!informative(g) || g->v <= 0)
            continue;
        int b = (int)floor(log2(g->v));
        PUSH_KEY(figure_key(g, b), 1.0);
        if (query) {
            PUSH_KEY(figure_key(g, b - 1), 1.0);
            PUSH_KEY(figure_key(g, b + 1), 1.0);
        }
    }
    for (uint32_t i = 0; i < f->n_words; i++) {
        uint32_t df = x->dict_df[f->words[i]];
        if (df <= word_limit && df > 1)
            PUSH_KEY(tag_key(KEY_WORD, x->dict_keys[f->words[i]]), 0.5);
    }
    return n;
#undef PUSH_KEY
}

/* ---- reasons ------------------------------------------------------------------ */

typedef struct sbuf {
    char s[640];
    size_t n;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n >= sizeof b->s - 4) {
        /* cut at a character boundary */
        size_t room = sizeof b->s - 4 - b->n;
        while (room > 0 && (s[room] & 0xC0) == 0x80)
            room--;
        n = room < n ? room : n;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}
static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

static void sb_fig(sbuf *b, const doc *d, const fig *f)
{
    sb_add(b, d->text + f->start, f->end - f->start);
}

static const char *entity_name(const corpus *c, int32_t id)
{
    if (c->entities && id >= 0 && (size_t)id < c->n_entities && c->entities[id].name)
        return c->entities[id].name;
    return NULL;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

/* The corpus arena's copy of s, made once per distinct reason. */
static const char *intern_why(xctx *x, const char *s)
{
    if (2 * (x->n_whys + 1) > x->cap_whys) {
        size_t ncap = x->cap_whys ? 2 * x->cap_whys : 1024;
        const char **nt = calloc(ncap, sizeof *nt);
        if (!nt)
            return NULL;
        for (size_t i = 0; i < x->cap_whys; i++)
            if (x->whys[i]) {
                size_t j = str_hash(x->whys[i]) & (ncap - 1);
                while (nt[j])
                    j = (j + 1) & (ncap - 1);
                nt[j] = x->whys[i];
            }
        free(x->whys);
        x->whys = nt;
        x->cap_whys = ncap;
    }
    size_t j = str_hash(s) & (x->cap_whys - 1);
    for (; x->whys[j]; j = (j + 1) & (x->cap_whys - 1))
        if (!strcmp(x->whys[j], s))
            return x->whys[j];
    const char *copy = arena_strdup(&x->c->arena, s);
    if (copy) {
        x->whys[j] = copy;
        x->n_whys++;
    }
    return copy;
}

static xref_link *new_link(xctx *x)
{
    if (x->n_links == x->cap_links) {
        size_t ncap = x->cap_links ? 2 * x->cap_links : 1024;
        xref_link *nl = realloc(x->links, ncap * sizeof *nl);
        if (!nl)
            return NULL;
        x->links = nl;
        x->cap_links = ncap;
    }
    xref_link *l = &x->links[x->n_links++];
    memset(l, 0, sizeof *l);
    return l;
}

static const char *make_why(xctx *x, const cfeat *A, const cfeat *B, const cmpres *r,
                            unit **ubuf, size_t *ucap)
{
    const corpus *c = x->c;
    const doc *da = c->docs[A->doc], *db = c->docs[B->doc];
    sbuf b = {.n = 0};
    b.s[0] = '\0';
    int named = 0;
    for (int i = 0; i < r->n_shared; i++) {
        const char *name = entity_name(c, r->shared[i]);
        if (!name)
            continue;
        sb_str(&b, named ? ", " : "shared: ");
        sb_str(&b, name);
        named++;
    }
    /* a related link has no comparable figures to show, whatever the
     * numbers that happen to look alike (第二季 135.1億 / 第三季 160億) */
    int n_diff = r->rel == XREF_RELATED ? 0 : r->n_diff;
    int n_agree = r->rel == XREF_RELATED ? 0 : r->n_agree;
    for (int i = 0; i < n_diff; i++) {
        sb_str(&b, b.n ? "; " : "");
        sb_fig(&b, da, &A->figs[r->diff[i][0]]);
        sb_str(&b, " ≠ ");
        sb_fig(&b, db, &B->figs[r->diff[i][1]]);
    }
    for (int i = 0; i < n_agree; i++) {
        sb_str(&b, b.n ? "; " : "");
        sb_fig(&b, da, &A->figs[r->agree[i][0]]);
        sb_str(&b, " = ");
        sb_fig(&b, db, &B->figs[r->agree[i][1]]);
    }
    static const char *const per[] = {"per day", "per week", "per month",
                                      "per quarter", "per year"};
    for (int p = 0; p < 5; p++)
        if (A->periods & B->periods & (1u << p)) {
            sb_str(&b, b.n ? "; " : "");
            sb_str(&b, per[p]);
            break;
        }
    if (!n_agree && !n_diff && r->has_date) {
        sb_str(&b, b.n ? "; " : "");
        sb_fig(&b, da, &A->figs[r->date[0]]);
        sb_str(&b, " = ");
        sb_fig(&b, db, &B->figs[r->date[1]]);
    }
    if (!named || r->rel == XREF_RELATED) {
        /* the rarest shared words, as written in the left claim */
        size_t nu = claim_units(da, &da->claims[A->claim], ubuf, ucap);
        const unit *u = *ubuf;
        bool d_has_tokens = has_tokens(da);
        size_t pick[3];
        double pw[3];
        int np = 0;
        for (size_t k = 0; k < nu; k++) {
            /* single characters (的, 個) say little in a reason */
            if (u[k].stop || (u[k].gram && d_has_tokens) ||
                (u[k].end - u[k].start <= 3 && (unsigned char)da->text[u[k].start] >= 0x80))
                continue;
            int64_t rank = dict_rank(x, u[k].key);
            if (rank < 0)
                continue;
            uint32_t r32 = (uint32_t)rank;
            bool in_b = bsearch(&r32, B->words, B->n_words, sizeof *B->words, cmp_u32);
            bool in_a = bsearch(&r32, A->words, A->n_words, sizeof *A->words, cmp_u32);
            if (!in_a || !in_b)
                continue;
            bool dup = false;
            for (int p = 0; p < np; p++)
                dup |= u[pick[p]].key == u[k].key;
            if (dup)
                continue;
            double w = x->dict_idf[r32];
            if (np < 3) {
                pick[np] = k;
                pw[np++] = w;
            } else {
                int lo = 0;
                for (int p = 1; p < 3; p++)
                    if (pw[p] < pw[lo]) lo = p;
                if (w > pw[lo]) { pick[lo] = k; pw[lo] = w; }
            }
        }
        for (int p = 0; p < np; p++) {
            sb_str(&b, p ? ", " : b.n ? "; words: " : "words: ");
            sb_add(&b, da->text + u[pick[p]].start, u[pick[p]].end - u[pick[p]].start);
        }
    }
    if (!b.n)
        sb_str(&b, "similar wording");
    return intern_why(x, b.s);
}

/* ---- linking ------------------------------------------------------------------- */

typedef struct cand {
    uint32_t a, b;             /* feature indices */
    cmpres r;
    bool keep;
} cand;

static int cmp_cand(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->r.rel != b->r.rel)
        return a->r.rel - b->r.rel;
    if (a->r.score != b->r.score)
        return a->r.score > b->r.score ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

enum { MAX_LINKS_PER_CLAIM = 3 };
#define NEAR_BEST 0.85
#define CAND_MIN 0.2
#define RELATED_ALONGSIDE 0.45
enum { MAX_CANDIDATES = 64 };

static int cmp_acc(const void *pa, const void *pb, void *ctx)
{
    const double *acc = ctx;
    double a = acc[*(const uint32_t *)pa], b = acc[*(const uint32_t *)pb];
    if (a != b)
        return a > b ? -1 : 1;
    return (*(const uint32_t *)pa > *(const uint32_t *)pb) -
           (*(const uint32_t *)pa < *(const uint32_t *)pb);
}

/* Is claim a a better-supported candidate than claim b? The order of
 * cmp_acc, a total order. */
static inline bool acc_better(const double *acc, uint32_t a, uint32_t b)
{
    return acc[a] > acc[b] || (acc[a] == acc[b] && a < b);
}

/* Keep the k best of v[0..n) by cmp_acc's order, in that order, in v[0..k):
 * a heap of k instead of sorting all n (a common key can touch thousands
 * of claims). The result is the same as sorting and truncating. */
static size_t best_k(uint32_t *v, size_t n, size_t k, const double *acc)
{
    if (n <= k)
        return n;
    /* v[0..k) is a heap whose root is the worst of the kept ones */
    for (size_t i = k / 2; i-- > 0;)
        for (size_t p = i;;) {
            size_t l = 2 * p + 1, r = l + 1, w = p;
            if (l < k && acc_better(acc, v[w], v[l])) w = l;
            if (r < k && acc_better(acc, v[w], v[r])) w = r;
            if (w == p) break;
            uint32_t t = v[p]; v[p] = v[w]; v[w] = t;
            p = w;
        }
    for (size_t i = k; i < n; i++) {
        if (!acc_better(acc, v[i], v[0]))
            continue;
        v[0] = v[i];
        for (size_t p = 0;;) {
            size_t l = 2 * p + 1, r = l + 1, w = p;
            if (l < k && acc_better(acc, v[w], v[l])) w = l;
            if (r < k && acc_better(acc, v[w], v[r])) w = r;
            if (w == p) break;
            uint32_t t = v[p]; v[p] = v[w]; v[w] = t;
            p = w;
        }
    }
    if (k > 1)
        qsort_r(v, k, sizeof *v, cmp_acc, (void *)acc);
    return k;
}

/* The candidate index: for each key, the claims that hold it in ascending
 * order, as runs of one array of claim indices (4 bytes a posting; the
 * key is kept once, in its run). An open addressing table over the
 * distinct keys finds a key's run with one probe or two. It is built in
 * two passes over the claims' keys: count per key, then fill each run
 * from its end with the claims taken last to first, so every run comes
 * out sorted without sorting anything. */
typedef struct key_run {
    uint64_t key;
    uint32_t from, to;       /* to == 0: empty slot */
} key_run;

typedef struct key_index {
    key_run *t;
    size_t mask, n;          /* n distinct keys */
    uint32_t *posts;         /* every run, one after the other */
    size_t n_posts;
} key_index;

static inline size_t key_slot(uint64_t k, size_t mask)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & mask;
}

static key_run *key_find_slot(const key_run *t, size_t mask, uint64_t key)
{
    size_t s = key_slot(key, mask);
    while (t[s].to && t[s].key != key)
        s = (s + 1) & mask;
    return (key_run *)&t[s];
}

static const key_run *key_find(const key_run *t, size_t mask, uint64_t key)
{
    const key_run *r = key_find_slot(t, mask, key);
    return r->to ? r : NULL;
}

/* Count one more posting under key (to holds the count while counting). */
static int key_count(key_index *ix, uint64_t key)
{
    if (2 * (ix->n + 1) > ix->mask + 1) {
        size_t cap = ix->t ? 2 * (ix->mask + 1) : 1024;
        key_run *nt = calloc(cap, sizeof *nt);
        if (!nt)
            return CR_ENOMEM;
        for (size_t i = 0; ix->t && i <= ix->mask; i++)
            if (ix->t[i].to)
                *key_find_slot(nt, cap - 1, ix->t[i].key) = ix->t[i];
        free(ix->t);
        ix->t = nt;
        ix->mask = cap - 1;
    }
    key_run *r = key_find_slot(ix->t, ix->mask, key);
    if (!r->to) {
        r->key = key;
        ix->n++;
    }
    r->to++;
    return CR_OK;
}

static void key_index_free(key_index *ix)
{
    free(ix->t);
    free(ix->posts);
    *ix = (key_index){0};
}

/* One more link: to corpus.on_link, or kept. */
static int emit_link(xctx *x, const xref_link *l)
{
    if (x->c->on_link) {
        x->c->on_link(x->c->link_ctx, x->c, l);
        return CR_OK;
    }
    xref_link *k = new_link(x);
    if (!k)
        return CR_ENOMEM;
    *k = *l;
    return CR_OK;
}

static int push_link(xctx *x, const cand *k, const char *why)
{
    xref_link l;
    memset(&l, 0, sizeof l);
    const cfeat *A = &x->f[k->a], *B = &x->f[k->b];
    l.relation = (uint8_t)k->r.rel;
    l.score = k->r.score;
    l.why = why;
    l.left_doc = A->doc;
    l.left_claim = A->claim;
    l.right_doc = (int32_t)B->doc;
    l.right_claim = (int32_t)B->claim;
    return emit_link(x, &l);
}

/* Choose the links of one document pair among its scored candidates. */
static int select_pair(xctx *x, cand *cs, size_t n, bool *linked, unit **ubuf, size_t *ucap)
{
    if (!n)
        return CR_OK;
    size_t fa0 = x->doc_first[x->f[cs[0].a].doc], fb0 = x->doc_first[x->f[cs[0].b].doc];
    size_t na = x->doc_first[x->f[cs[0].a].doc + 1] - fa0;
    size_t nb = x->doc_first[x->f[cs[0].b].doc + 1] - fb0;
    double *best = calloc(2 * (na + nb) + 1, sizeof *best);
    int *count = calloc(na + nb + 1, sizeof *count);
    bool *strong = calloc(na + nb + 1, sizeof *strong);
    bool *related = calloc(na + nb + 1, sizeof *related);
    if (!best || !count || !strong || !related) {
        free(best); free(count); free(strong); free(related);
        return CR_ENOMEM;
    }
    bool *rel_a = related, *rel_b = related + na;
    double *bsd_a = best, *bsd_b = best + na, *brel_a = best + na + nb,
           *brel_b = best + 2 * na + nb;
    for (size_t i = 0; i < n; i++) {
        size_t a = cs[i].a - fa0, b = cs[i].b - fb0;
        double s = cs[i].r.score;
        if (cs[i].r.rel == XREF_RELATED) {
            if (s > brel_a[a]) brel_a[a] = s;
            if (s > brel_b[b]) brel_b[b] = s;
        } else {
            if (s > bsd_a[a]) bsd_a[a] = s;
            if (s > bsd_b[b]) bsd_b[b] = s;
        }
    }
    if (n > 1)
        qsort(cs, n, sizeof *cs, cmp_cand);
    for (size_t i = 0; i < n; i++) {
        size_t a = cs[i].a - fa0, b = cs[i].b - fb0;
        double s = cs[i].r.score;
        if (cs[i].r.rel != XREF_RELATED) {
            bool near = s >= NEAR_BEST * bsd_a[a] || s >= NEAR_BEST * bsd_b[b];
            if (near && count[a] < MAX_LINKS_PER_CLAIM &&
                count[na + b] < MAX_LINKS_PER_CLAIM) {
                cs[i].keep = true;
                count[a]++;
                count[na + b]++;
                strong[a] = strong[na + b] = true;
            }
        } else if (s >= brel_a[a] && s >= brel_b[b] && !rel_a[a] && !rel_b[b] &&
                   ((bsd_a[a] == 0 && bsd_b[b] == 0) || s >= RELATED_ALONGSIDE)) {
            /* related: the best for both claims (the first of equals), and
             * either neither has a stronger link in this pair or the
             * subject is clearly shared (both cite one source) */
            cs[i].keep = true;
            rel_a[a] = rel_b[b] = true;
        }
    }
    int rc = CR_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!cs[i].keep)
            continue;
        const char *why = make_why(x, &x->f[cs[i].a], &x->f[cs[i].b], &cs[i].r, ubuf, ucap);
        if (!why || push_link(x, &cs[i], why))
            rc = CR_ENOMEM;
        linked[cs[i].a] = linked[cs[i].b] = true;
    }
    free(best);
    free(count);
    free(strong);
    free(related);
    return rc;
}

static int cmp_cand_doc(const void *pa, const void *pb, void *ctx)
{
    const xctx *x = ctx;
    const cand *a = pa, *b = pb;
    uint32_t da = x->f[a->b].doc, db = x->f[b->b].doc;
    if (da != db)
        return da < db ? -1 : 1;
    return (a->a > b->a) - (a->a < b->a);
}

/* ---- gathering candidates, one document at a time --------------------------- */

enum { GATHER_BLOCK = 16 };   /* documents gathered between two selections */

typedef struct gather_worker {  /* one per thread */
    uint32_t *stamp, *touched;  /* per claim: last query that touched it */
    double *acc;                /* per claim: support from shared keys */
    keyw *kbuf;
    size_t kcap;
} gather_worker;

typedef struct doc_cands {      /* the scored candidates of one document */
    cand *v;
    size_t n, cap;
    bool failed;                /* out of memory */
} doc_cands;

typedef struct gather_job {
    const xctx *x;
    const uint32_t *posts;
    const key_run *runs;
    size_t runs_mask, word_limit, max_postings;
    double logn;
    size_t first_doc;           /* job i is document first_doc + i */
    doc_cands *out;             /* per job */
    gather_worker *w;           /* per worker */
} gather_job;

/* Every claim of document di against the claims of later documents that
 * share its keys: the best-supported ones are scored in full. */
static void gather_doc(void *arg, size_t i, unsigned worker)
{
    gather_job *g = arg;
    const xctx *x = g->x;
    gather_worker *w = &g->w[worker];
    doc_cands *out = &g->out[i];
    out->n = 0;
    out->failed = false;
    size_t di = g->first_doc + i;
    uint32_t min_f = (uint32_t)x->doc_first[di + 1];
    for (size_t fa = x->doc_first[di]; fa < x->doc_first[di + 1]; fa++) {
        size_t nk = claim_keys(x, &x->f[fa], true, g->word_limit, &w->kbuf, &w->kcap);
        size_t nt = 0;
        for (size_t k = 0; k < nk; k++) {
            const key_run *run = key_find(g->runs, g->runs_mask, w->kbuf[k].key);
            if (!run)
                continue;   /* no postings: nothing to gather */
            size_t lo = run->from, end = run->to;
            double wt = w->kbuf[k].w * log((x->n_f + 1.0) / (end - lo + 0.5)) / g->logn;
            /* a key half the corpus shares finds nothing in particular */
            if (wt <= 0 || end - lo > g->max_postings)
                continue;
            /* only documents after di */
            size_t from = lo, to = end;
            while (from < to) {
                size_t mid = (from + to) / 2;
                if (g->posts[mid] < min_f) from = mid + 1; else to = mid;
            }
            for (size_t p = from; p < end; p++) {
                uint32_t fb = g->posts[p];
                if (w->stamp[fb] != fa + 1) {
                    w->stamp[fb] = (uint32_t)fa + 1;
                    w->acc[fb] = 0;
                    w->touched[nt++] = fb;
                }
                w->acc[fb] += wt;
            }
        }
        /* score at most MAX_CANDIDATES, the best-supported ones */
        size_t kept = 0;
        for (size_t t = 0; t < nt; t++)
            if (w->acc[w->touched[t]] >= CAND_MIN)
                w->touched[kept++] = w->touched[t];
        nt = best_k(w->touched, kept, MAX_CANDIDATES, w->acc);
        for (size_t t = 0; t < nt; t++) {
            uint32_t fb = w->touched[t];
            cmpres r = compare(x, &x->f[fa], &x->f[fb]);
            if (r.rel < 0)
                continue;
            if (out->n == out->cap) {
                size_t ncap = out->cap ? 2 * out->cap : 64;
                cand *nv = realloc(out->v, ncap * sizeof *nv);
                if (!nv) {
                    out->failed = true;
                    return;
                }
                out->v = nv;
                out->cap = ncap;
            }
            out->v[out->n++] = (cand){(uint32_t)fa, fb, r, false};
        }
    }
}

int xref_link_corpus(corpus *c, cr_error *e)
{
    xctx x = {.c = c};
    arena_init(&x.scratch);
    int rc = claim_rules_load_default(&x.rules, &x.scratch, e);
    if (rc) {
        arena_free(&x.scratch);
        return rc;
    }
    unit *ubuf = NULL;
    size_t ucap = 0;
    keyw *kbuf = NULL;
    size_t kcap = 0;
    key_index ix = {0};
    bool *linked = NULL;
    x.keep_claims = c->release_tokens && c->release_raw;
    if (x.keep_claims && (rc = corpus_keep_names(c)))
        goto out;
    if ((rc = build_features(&x, &ubuf, &ucap)) || (rc = build_df(&x)))
        goto out;
    size_t word_limit = x.n_f / 20 > 3 ? x.n_f / 20 : 3;
    /* postings: counted per key first, so the array (the largest thing
     * xref holds) is allocated once at its exact size */
    for (size_t i = 0; i < x.n_f && !rc; i++) {
        size_t nk = claim_keys(&x, &x.f[i], false, word_limit, &kbuf, &kcap);
        for (size_t k = 0; k < nk && !rc; k++)
            rc = key_count(&ix, kbuf[k].key);
    }
    if (!rc && !ix.t && !(ix.t = calloc(16, sizeof *ix.t)))
        rc = CR_ENOMEM;
    if (rc)
        goto out;
    if (!ix.mask)
        ix.mask = 15;
    for (size_t s = 0; s <= ix.mask; s++)
        if (ix.t[s].to) {   /* count -> [from, to), from at the end for now */
            ix.n_posts += ix.t[s].to;
            ix.t[s].to = ix.t[s].from = (uint32_t)ix.n_posts;
        }
    if (!(ix.posts = malloc((ix.n_posts + 1) * sizeof *ix.posts))) { rc = CR_ENOMEM; goto out; }
    for (size_t i = x.n_f; i-- > 0;) {
        size_t nk = claim_keys(&x, &x.f[i], false, word_limit, &kbuf, &kcap);
        for (size_t k = 0; k < nk; k++) {
            key_run *r = key_find_slot(ix.t, ix.mask, kbuf[k].key);
            if (r->to && r->from > 0)   /* the same keys as when counting */
                ix.posts[--r->from] = (uint32_t)i;
        }
    }
    linked = calloc(x.n_f + 1, sizeof *linked);
    if (!linked) { rc = CR_ENOMEM; goto out; }
    /* Candidates are gathered and scored for a block of documents at a
     * time on the pool (each document on its own, reading shared tables),
     * then chosen and stored in document order on this thread: the links
     * come out exactly as if one thread did everything. */
    gather_job g = {.x = &x, .posts = ix.posts, .runs = ix.t, .runs_mask = ix.mask,
                    .word_limit = word_limit,
                    .max_postings = x.n_f / 20 > 2000 ? x.n_f / 20 : 2000,
                    .logn = log(x.n_f + 1.0)};
    size_t n_work = c->n_docs ? c->n_docs - 1 : 0;   /* the last has no later one */
    unsigned nw = pool_workers(n_work, 0);
    g.w = calloc(nw, sizeof *g.w);
    g.out = calloc(GATHER_BLOCK, sizeof *g.out);
    if (!g.w || !g.out) { rc = CR_ENOMEM; goto gathered; }
    for (unsigned t = 0; t < nw; t++) {
        g.w[t].stamp = calloc(x.n_f + 1, sizeof *g.w[t].stamp);
        g.w[t].touched = calloc(x.n_f + 1, sizeof *g.w[t].touched);
        g.w[t].acc = calloc(x.n_f + 1, sizeof *g.w[t].acc);
        if (!g.w[t].stamp || !g.w[t].touched || !g.w[t].acc) { rc = CR_ENOMEM; goto gathered; }
    }
    for (size_t first = 0; first < n_work && !rc; first += GATHER_BLOCK) {
        size_t n_block = n_work - first < GATHER_BLOCK ? n_work - first : GATHER_BLOCK;
        g.first_doc = first;
        pool_for(n_block, nw, gather_doc, &g);
        for (size_t i = 0; i < n_block && !rc; i++) {
            doc_cands *dc = &g.out[i];
            if (dc->failed) { rc = CR_ENOMEM; break; }
            if (dc->n)
                qsort_r(dc->v, dc->n, sizeof *dc->v, cmp_cand_doc, &x);
            for (size_t a = 0; a < dc->n && !rc;) {
                size_t b = a;
                while (b < dc->n && x.f[dc->v[b].b].doc == x.f[dc->v[a].b].doc)
                    b++;
                rc = select_pair(&x, dc->v + a, b - a, linked, &ubuf, &ucap);
                a = b;
            }
        }
    }
gathered:
    if (g.w)
        for (unsigned t = 0; t < nw; t++) {
            free(g.w[t].stamp);
            free(g.w[t].touched);
            free(g.w[t].acc);
            free(g.w[t].kbuf);
        }
    if (g.out)
        for (size_t i = 0; i < GATHER_BLOCK; i++)
            free(g.out[i].v);
    free(g.w);
    free(g.out);
    /* the index is done with: what is left is small next to the links */
    key_index_free(&ix);
    if (rc)
        goto out;
    /* claims with no counterpart anywhere */
    for (size_t i = 0; i < x.n_f; i++) {
        if (linked[i])
            continue;
        xref_link l;
        memset(&l, 0, sizeof l);
        l.relation = XREF_ONLY_IN;
        l.score = 0;
        l.why = c->n_docs > 2 ? "no counterpart in the other documents"
                              : "no counterpart in the other document";
        l.left_doc = x.f[i].doc;
        l.left_claim = x.f[i].claim;
        l.right_doc = l.right_claim = -1;
        if ((rc = emit_link(&x, &l)))
            goto out;
    }
    /* the features go before the links are copied, so the two are never
     * held together */
    arena_free(&x.scratch);
    free(x.f);
    x.f = NULL;
    free(x.key_pool);
    x.key_pool = NULL;
    free(x.wpool);
    x.wpool = NULL;
    /* into the corpus, after any links already there; an empty result
     * still marks the stage as done */
    xref_link *all = arena_alloc(&c->arena, (c->n_links + x.n_links + 1) * sizeof *all);
    if (!all) { rc = CR_ENOMEM; goto out; }
    if (c->n_links)
        memcpy(all, c->links, c->n_links * sizeof *all);
    if (x.n_links)
        memcpy(all + c->n_links, x.links, x.n_links * sizeof *all);
    c->links = all;
    c->n_links += x.n_links;
    c->cap_links = c->n_links + 1;
out:
    if (rc == CR_ENOMEM)
        cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    free(ubuf);
    free(kbuf);
    key_index_free(&ix);
    free(linked);
    arena_free(&x.scratch);
    free(x.f);
    arena_free(&x.doc_tmp);
    free(x.wbuf);
    free(x.key_pool);
    free(x.wpool);
    free(x.dict_keys);
    free(x.dict_df);
    free(x.dict_idf);
    free(x.dtab);
    free(x.links);
    free(x.whys);
    return rc;
}
