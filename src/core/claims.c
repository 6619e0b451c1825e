/* claims.c — claim detection and attribution (see claims.h). */
#include "claims.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "entities.h"
#include "fold.h"
#include "paths.h"

/* ---- rules ---------------------------------------------------------------- */

static const char *const word_kinds[CW__COUNT] = {
    "report", "fact", "question", "opinion", "open", "close",
    "pronoun", "filler", "block", "period", "unit", "part",
};
static const char *const period_names[CP__COUNT] = {
    "day", "week", "month", "quarter", "year",
};
static const char *const part_names[CQ__COUNT] = {
    "q1", "q2", "q3", "q4", "h1", "h2",
};

/* First code point of UTF-8 s (0 when empty). */
static int32_t first_cp(const char *s, size_t n)
{
    if (!n)
        return 0;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
    return c < 0 ? 0xFFFD : c;
}

static uint32_t cp_hash(int32_t c, size_t n_heads)
{
    return (uint32_t)(((uint32_t)c * 2654435761u) % n_heads);
}

static int rules_index(claim_rules *r, arena *a)
{
    r->n_heads = r->n_terms * 2 + 1;
    r->heads = arena_alloc(a, r->n_heads * sizeof *r->heads);
    r->next = arena_alloc(a, (r->n_terms + 1) * sizeof *r->next);
    if (!r->heads || !r->next)
        return CR_ENOMEM;
    for (size_t i = 0; i < r->n_heads; i++)
        r->heads[i] = UINT32_MAX;
    /* Chains in file order: insert from the end. */
    for (size_t i = r->n_terms; i-- > 0;) {
        uint32_t h = cp_hash(first_cp(r->terms[i].key, r->terms[i].len), r->n_heads);
        r->next[i] = r->heads[h];
        r->heads[h] = (uint32_t)i;
    }
    return CR_OK;
}

/* The index of name in names[n], or -1 (also for a NULL name). */
static int name_index(const char *name, const char *const *names, int n)
{
    for (int i = 0; name && i < n; i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

int claim_rules_load(claim_rules *r, arena *a, const char *path, cr_error *e)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open: %s",
                            strerror(errno));
    char line[1024];
    size_t ln = 0;
    int rc = CR_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t L = strcspn(line, "\r\n");
        if (line[L] == '\0' && !feof(f)) {
            rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "line too long");
            break;
        }
        line[L] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *kind = line, *term = strchr(line, '\t');
        if (!term) {
            rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0,
                              "expected: kind <TAB> term [<TAB> value]");
            break;
        }
        *term++ = '\0';
        char *value = strchr(term, '\t');
        if (value)
            *value++ = '\0';
        int k = name_index(kind, word_kinds, CW__COUNT);
        if (k < 0) {
            rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "unknown kind '%s'", kind);
            break;
        }
        if (!term[0]) {
            rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "empty term");
            break;
        }
        int period = 0;
        if (k == CW_PERIOD) {
            period = name_index(value, period_names, CP__COUNT);
            if (period < 0) {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0,
                                  "period needs a value: day, week, month, quarter or year");
                break;
            }
        }
        if (k == CW_PART) {
            period = name_index(value, part_names, CQ__COUNT);
            if (period < 0) {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0,
                                  "part needs a value: q1, q2, q3, q4, h1 or h2");
                break;
            }
        }
        if (k == CW_UNIT && (!value || !value[0])) {
            rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "unit needs a class");
            break;
        }
        claim_term *t = ARENA_PUSH(a, r->terms, r->n_terms, r->cap_terms);
        size_t klen;
        if (!t || !(t->key = fold_dup(a, term, strlen(term), &klen)) ||
            !(t->value = arena_strdup(a, value ? value : ""))) {
            rc = cr_error_set(e, CR_ENOMEM, path, ln, 0, 0, "out of memory");
            break;
        }
        t->len = (uint32_t)klen;
        t->kind = (uint8_t)k;
        t->period = (uint8_t)period;
    }
    fclose(f);
    if (!rc && rules_index(r, a))
        rc = cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
    return rc;
}

int claim_rules_load_default(claim_rules *r, arena *a, cr_error *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/claims.tsv", paths_datadir());
    return claim_rules_load(r, a, path, e);
}

static bool is_word_byte(unsigned char b)
{
    return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

static int hit_cmp(const void *pa, const void *pb)
{
    const claim_hit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return a->term < b->term ? -1 : a->term > b->term;
}

static bool hides(const claim_hit *big, const claim_hit *small)
{
    if (big->start > small->start || big->end < small->end)
        return false;
    if (big->end - big->start <= small->end - small->start)
        return false;
    uint8_t k = big->term->kind;
    return k == CW_BLOCK || k == CW_OPINION || k == small->term->kind;
}

size_t claim_rules_scan(const claim_rules *r, arena *a, const char *text,
                        size_t n, claim_hit **out)
{
    *out = NULL;
    if (!r->n_terms || !n)
        return 0;
    size_t flen = fold_utf8(text, n, NULL, 0, NULL);
    char *ft = malloc(flen + 1);
    uint32_t *map = malloc((flen + 1) * sizeof *map);
    claim_hit *hits = NULL;
    size_t nh = 0, caph = 0;
    if (!ft || !map)
        goto done;
    fold_utf8(text, n, ft, flen, map);
    map[flen] = (uint32_t)n;
    for (size_t i = 0; i < flen;) {
        int32_t ii = (int32_t)i;
        UChar32 c;
        U8_NEXT((const uint8_t *)ft, ii, (int32_t)flen, c);
        for (uint32_t t = r->heads[cp_hash(c < 0 ? 0xFFFD : c, r->n_heads)];
             t != UINT32_MAX; t = r->next[t]) {
            const claim_term *term = &r->terms[t];
            if (term->len > flen - i || memcmp(ft + i, term->key, term->len))
                continue;
            /* Latin terms match whole words only. */
            if (is_word_byte((unsigned char)term->key[0]) && i > 0 &&
                is_word_byte((unsigned char)ft[i - 1]))
                continue;
            size_t fe = i + term->len;
            if (is_word_byte((unsigned char)term->key[term->len - 1]) && fe < flen &&
                is_word_byte((unsigned char)ft[fe]))
                continue;
            /* Source end: the start of the character after the last one. */
            size_t se = fe < flen ? map[fe] : n;
            while (fe < flen && map[fe] == map[fe - 1]) {
                fe++;
                se = fe < flen ? map[fe] : n;
            }
            if (nh == caph) {
                caph = caph ? caph * 2 : 64;
                claim_hit *nhits = realloc(hits, caph * sizeof *nhits);
                if (!nhits)
                    goto done;
                hits = nhits;
            }
            hits[nh].start = map[i];
            hits[nh].end = (uint32_t)se;
            hits[nh].term = term;
            nh++;
        }
        i = (size_t)ii;
    }
    if (nh)
        qsort(hits, nh, sizeof *hits, hit_cmp);
    /* Drop hidden hits and block hits. A hit that contains hit i starts at
     * most one term length before it, so look back only that far. */
    size_t maxlen = 0;
    for (size_t t = 0; t < r->n_terms; t++)
        if (r->terms[t].len > maxlen)
            maxlen = r->terms[t].len;
    maxlen *= 4;   /* folding may shrink a character (full-width forms) */
    claim_hit *kept = nh ? arena_alloc(a, nh * sizeof *kept) : NULL;
    size_t nk = 0;
    for (size_t i = 0; kept && i < nh; i++) {
        bool hidden = false;
        for (size_t j = i; j-- > 0 && !hidden && hits[j].start + maxlen >= hits[i].start;)
            hidden = hits[j].end >= hits[i].end && hides(&hits[j], &hits[i]);
        for (size_t j = i + 1; j < nh && !hidden && hits[j].start == hits[i].start; j++)
            hidden = hits[j].end >= hits[i].end && hides(&hits[j], &hits[i]);
        if (!hidden && hits[i].term->kind != CW_BLOCK)
            kept[nk++] = hits[i];
    }
    *out = kept;
    free(ft);
    free(map);
    free(hits);
    return nk;
done:
    free(ft);
    free(map);
    free(hits);
    return 0;
}

const char *claim_rules_unit_class(const claim_rules *r, const char *unit)
{
    if (!unit || !unit[0])
        return NULL;
    char key[64];
    size_t len = fold_utf8(unit, strlen(unit), key, sizeof key, NULL);
    if (len > sizeof key)
        return NULL;
    for (size_t i = 0; i < r->n_terms; i++)
        if (r->terms[i].kind == CW_UNIT && r->terms[i].len == len &&
            !memcmp(r->terms[i].key, key, len))
            return r->terms[i].value;
    return NULL;
}

/* ---- extraction ----------------------------------------------------------- */

enum { LONG_SENTENCE = 50,   /* characters: longer sentences may be split */
       MAX_SOURCE = 20,      /* characters in a quoted source phrase */
       LOOKBACK = 300,       /* bytes to look back for a pronoun's person */
       /* Length bounds (docs/reliability.md): a run of text with no clause
        * punctuation is cut into pieces of MAX_PIECE bytes, and a claim of
        * several pieces ends before the piece that would take it past
        * MAX_CLAIM bytes, so no claim is longer than MAX_CLAIM and the
        * work per claim stays bounded on a megabyte "sentence". */
       MAX_PIECE = 1024,
       MAX_CLAIM = 4096 };

typedef struct piece {
    uint32_t start, end;     /* end includes the delimiter */
    uint32_t core_end;       /* end without it */
} piece;

typedef struct ctx {
    doc *d;
    const claim_rules *r;
    claim_hit *hits;
    size_t n_hits;
    uint32_t *morder;        /* mention indices sorted by start */
    size_t n_m;
    uint32_t *seen;          /* open-addressing set of claim indices + 1, by text */
    size_t seen_cap;
} ctx;

static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The claim with the same text as [s, e), or NULL; with add, remember
 * claim index `add_index` under that text. */
static bool seen_text(ctx *x, uint32_t s, uint32_t e, long add_index)
{
    const doc *d = x->d;
    if (x->seen_cap == 0 || (add_index >= 0 && (size_t)add_index * 2 >= x->seen_cap)) {
        size_t ncap = x->seen_cap ? x->seen_cap * 2 : 256;
        uint32_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return false;   /* out of memory: keep the claim */
        for (size_t i = 0; i < x->seen_cap; i++)
            if (x->seen[i]) {
                const claim *cl = &d->claims[x->seen[i] - 1];
                size_t h = text_hash(d->text + cl->start, cl->end - cl->start) & (ncap - 1);
                while (ns[h])
                    h = (h + 1) & (ncap - 1);
                ns[h] = x->seen[i];
            }
        free(x->seen);
        x->seen = ns;
        x->seen_cap = ncap;
    }
    size_t h = text_hash(d->text + s, e - s) & (x->seen_cap - 1);
    for (; x->seen[h]; h = (h + 1) & (x->seen_cap - 1)) {
        const claim *cl = &d->claims[x->seen[h] - 1];
        if (cl->end - cl->start == e - s && !memcmp(d->text + cl->start, d->text + s, e - s))
            return true;
    }
    if (add_index >= 0)
        x->seen[h] = (uint32_t)add_index + 1;
    return false;
}

static bool is_entity_type(int t)
{
    return t == MENTION_PERSON || t == MENTION_COMPANY || t == MENTION_PRODUCT;
}
static bool is_figure_type(int t) { return t >= MENTION_MONEY && t <= MENTION_DATE; }
static bool is_anchor_type(int t) { return t >= MENTION_MONEY && t <= MENTION_COUNT; }

static int32_t next_cp(const char *s, uint32_t *i, uint32_t n)
{
    int32_t k = (int32_t)*i;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
    *i = (uint32_t)k;
    return c < 0 ? 0xFFFD : c;
}

static int32_t prev_cp(const char *s, uint32_t start, uint32_t *i)
{
    int32_t k = (int32_t)*i;
    UChar32 c;
    U8_PREV((const uint8_t *)s, (int32_t)start, k, c);
    *i = (uint32_t)k;
    return c < 0 ? 0xFFFD : c;
}

static bool is_space(int32_t c) { return u_isUWhiteSpace(c) || c == 0xFEFF; }

static bool is_opener(int32_t c)
{
    return u_charType(c) == U_START_PUNCTUATION || u_charType(c) == U_INITIAL_PUNCTUATION;
}
static bool is_closer(int32_t c)
{
    return u_charType(c) == U_END_PUNCTUATION || u_charType(c) == U_FINAL_PUNCTUATION;
}

/* Trim spaces (and, with punct, punctuation) from both ends of [*s, *e). */
static void trim(const char *t, uint32_t *s, uint32_t *e, bool punct)
{
    while (*s < *e) {
        uint32_t k = *s;
        int32_t c = next_cp(t, &k, *e);
        if (!(is_space(c) || (punct && u_ispunct(c))))
            break;
        *s = k;
    }
    while (*e > *s) {
        uint32_t k = *e;
        int32_t c = prev_cp(t, *s, &k);
        if (!(is_space(c) || (punct && u_ispunct(c))))
            break;
        *e = k;
    }
}

static size_t count_chars(const char *t, uint32_t s, uint32_t e)
{
    size_t n = 0;
    for (uint32_t i = s; i < e; n++)
        next_cp(t, &i, e);
    return n;
}

/* Letters or digits (not punctuation, not space) in [s, e). */
static size_t count_alnum(const char *t, uint32_t s, uint32_t e)
{
    size_t n = 0;
    for (uint32_t i = s; i < e;) {
        int32_t c = next_cp(t, &i, e);
        if (u_isalnum(c))
            n++;
    }
    return n;
}

/* First hit of kind starting in [s, e) at or after s, or NULL. */
static const claim_hit *hit_in(const ctx *x, uint32_t s, uint32_t e, int kind)
{
    size_t lo = 0, hi = x->n_hits;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->hits[mid].start < s) lo = mid + 1; else hi = mid;
    }
    for (size_t i = lo; i < x->n_hits && x->hits[i].start < e; i++)
        if (x->hits[i].term->kind == kind && x->hits[i].end <= e)
            return &x->hits[i];
    return NULL;
}

static const claim_hit *hit_at(const ctx *x, uint32_t s, uint32_t e, int kind, bool at_end)
{
    size_t lo = 0, hi = x->n_hits;
    uint32_t from = at_end ? (e > 64 ? e - 64 : 0) : s;
    if (from < s)
        from = s;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->hits[mid].start < from) lo = mid + 1; else hi = mid;
    }
    const claim_hit *best = NULL;
    for (size_t i = lo; i < x->n_hits && x->hits[i].start < e; i++) {
        const claim_hit *h = &x->hits[i];
        if (h->term->kind != kind || h->end > e)
            continue;
        if (!at_end && h->start == s && (!best || h->end > best->end))
            best = h;
        if (at_end && h->end == e && (!best || h->start < best->start))
            best = h;
    }
    return best;
}

/* Index into x->morder of the first mention starting at or after s. */
static size_t mention_lb(const ctx *x, uint32_t s)
{
    size_t lo = 0, hi = x->n_m;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->d->mentions[x->morder[mid]].start < s) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Does [s, e) hold a mention whose type passes pred? */
static bool has_mention(const ctx *x, uint32_t s, uint32_t e, bool (*pred)(int))
{
    for (size_t i = mention_lb(x, s); i < x->n_m; i++) {
        const mention *m = &x->d->mentions[x->morder[i]];
        if (m->start >= e)
            break;
        if (m->end <= e && pred(m->type))
            return true;
    }
    return false;
}

static bool overlaps_entity(const ctx *x, uint32_t s, uint32_t e)
{
    size_t i = mention_lb(x, s > 256 ? s - 256 : 0);
    for (; i < x->n_m; i++) {
        const mention *m = &x->d->mentions[x->morder[i]];
        if (m->start >= e)
            break;
        if (m->end > s && is_entity_type(m->type))
            return true;
    }
    return false;
}

/* Last mention of a person (or, with any_entity, of any entity type) inside
 * [s, e), or -1. */
static long last_mention(const ctx *x, uint32_t s, uint32_t e, bool any_entity)
{
    long best = -1;
    for (size_t i = mention_lb(x, s); i < x->n_m; i++) {
        const mention *m = &x->d->mentions[x->morder[i]];
        if (m->start >= e)
            break;
        if (m->end <= e && (m->type == MENTION_PERSON ||
                            (any_entity && is_entity_type(m->type))))
            best = (long)x->morder[i];
    }
    return best;
}

/* Trim a source phrase: spaces, punctuation and filler words at both ends. */
static void trim_source(const ctx *x, uint32_t *s, uint32_t *e)
{
    for (int guard = 0; guard < 16; guard++) {
        trim(x->d->text, s, e, true);
        const claim_hit *h;
        if ((h = hit_at(x, *s, *e, CW_FILLER, false)) && h->end < *e)
            *s = h->end;
        else if ((h = hit_at(x, *s, *e, CW_FILLER, true)) && h->start > *s)
            *e = h->start;
        else
            break;
    }
}

/* A phrase made only of reporting words ("報道") names no source. */
static bool only_report_words(const ctx *x, uint32_t s, uint32_t e)
{
    const claim_hit *h = hit_at(x, s, e, CW_REPORT, false);
    if (!h)
        h = hit_at(x, s, e, CW_CLOSE, false);
    return h && h->end == e;
}

typedef struct source {
    long piece;              /* piece holding the reporting verb, or -1 */
    int32_t entity;
    uint32_t start, end;
} source;

static int32_t mention_entity(const ctx *x, long m)
{
    return m < 0 ? -1 : x->d->mentions[m].entity;
}

static source find_source(const ctx *x, const piece *p, size_t np)
{
    source src = {.piece = -1, .entity = -1};
    const char *t = x->d->text;
    for (size_t k = 0; k < np; k++) {
        /* 據 / 根據 SOURCE 報道 / 的數據 ... */
        const claim_hit *o = hit_in(x, p[k].start, p[k].core_end, CW_OPEN);
        if (o) {
            const claim_hit *c = hit_in(x, o->end, p[k].core_end, CW_CLOSE);
            if (c) {
                uint32_t s = o->end, e = c->start;
                trim_source(x, &s, &e);
                if (e > s && count_chars(t, s, e) <= MAX_SOURCE * 2) {
                    long m = last_mention(x, s, e, true);
                    src = (source){(long)k, mention_entity(x, m), s, e};
                    return src;
                }
            }
        }
        /* SOURCE 表示 / 稱 / 指出 ... */
        for (const claim_hit *r = hit_in(x, p[k].start, p[k].core_end, CW_REPORT); r;
             r = hit_in(x, r->end, p[k].core_end, CW_REPORT)) {
            /* 他的預測是: a noun, not someone reporting */
            uint32_t before = r->start;
            if (before > p[k].start && prev_cp(t, p[k].start, &before) == 0x7684)  /* 的 */
                continue;
            uint32_t s = p[k].start, e = r->start;
            trim_source(x, &s, &e);
            const claim_hit *pro = e > s ? hit_at(x, s, e, CW_PRONOUN, false) : NULL;
            if (!pro && e > s)
                pro = hit_at(x, s, e, CW_PRONOUN, true);
            if (pro && !strcmp(pro->term->value, "plural"))
                continue;   /* 他們認為, 有人猜測: a group, not one source */
            long m = last_mention(x, p[k].start, r->start, false);
            if (m < 0 && (pro || e <= s)) {
                /* 他稱: the nearest person named before, in this sentence
                 * or a little way back in the same paragraph. */
                uint32_t from = p[0].start;
                const char *para = NULL;
                uint32_t back = p[0].start > LOOKBACK ? p[0].start - LOOKBACK : 0;
                for (uint32_t i = p[0].start; i > back + 1; i--)
                    if (t[i - 1] == '\n' && t[i - 2] == '\n') { para = t + i; break; }
                from = para ? (uint32_t)(para - t) : back;
                m = last_mention(x, from, r->start, false);
                if (m >= 0) {
                    src = (source){(long)k, mention_entity(x, m),
                                   x->d->mentions[m].start, x->d->mentions[m].end};
                    return src;
                }
                continue;
            }
            if (m < 0)
                m = last_mention(x, s, e, true);
            if (m >= 0) {
                const mention *mm = &x->d->mentions[m];
                bool phrase = mm->start >= s && mm->end <= e &&
                              count_chars(t, s, e) <= MAX_SOURCE;
                /* the phrase up to the name: 分析師郭明錤, not
                 * 馬斯克在接受福克斯採訪時 */
                src = (source){(long)k, mm->entity, phrase ? s : mm->start, mm->end};
                return src;
            }
            size_t nc = count_chars(t, s, e);
            if (nc >= 2 && nc <= MAX_SOURCE && !pro && !only_report_words(x, s, e)) {
                src = (source){(long)k, -1, s, e};
                return src;
            }
        }
    }
    return src;
}

/* Split [s, e) at clause punctuation outside brackets and quotes, and a
 * piece that reaches MAX_PIECE bytes without any at a code point. */
static size_t split_pieces(const char *t, uint32_t s, uint32_t e, piece **out,
                           size_t *cap)
{
    size_t n = 0;
    int depth = 0;
    uint32_t ps = s;
    int32_t prev = 0;
    for (uint32_t i = s; i < e;) {
        uint32_t at = i;
        int32_t c = next_cp(t, &i, e);
        if (is_opener(c)) depth++;
        else if (is_closer(c) && depth > 0) depth--;
        bool split = false;
        if (depth == 0) {
            if (c == 0xFF0C || c == 0xFF1B || c == ';')
                split = true;
            else if (c == ',') {
                /* 8,000 is a number, not two clauses */
                uint32_t k = i;
                int32_t nx = i < e ? next_cp(t, &k, e) : 0;
                split = !(u_isdigit(prev) && u_isdigit(nx));
            }
        }
        bool cut = !split && i - ps >= MAX_PIECE;
        if (split || cut) {
            if (n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                piece *np = realloc(*out, *cap * sizeof *np);
                if (!np)
                    return n;
                *out = np;
            }
            (*out)[n++] = (piece){ps, i, cut ? i : at};
            ps = i;
        }
        prev = c;
    }
    if (ps < e) {
        if (n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            piece *np = realloc(*out, *cap * sizeof *np);
            if (!np)
                return n;
            *out = np;
        }
        (*out)[n++] = (piece){ps, e, e};
    }
    return n;
}

static bool ends_with_question(const char *t, uint32_t s, uint32_t e)
{
    while (e > s) {
        uint32_t k = e;
        int32_t c = prev_cp(t, s, &k);
        if (c == '?' || c == 0xFF1F)
            return true;
        if (!(is_space(c) || is_closer(c)))
            return false;
        e = k;
    }
    return false;
}

static bool is_anchor_t(int t) { return is_anchor_type(t); }
static bool is_entity_t(int t) { return is_entity_type(t); }
static bool is_figure_t(int t) { return is_figure_type(t); }

static int emit_claim(ctx *x, uint32_t s, uint32_t e, bool clause, const source *src,
                      bool need_figure)
{
    doc *d = x->d;
    trim(d->text, &s, &e, false);
    /* A clause ends before its comma; a bullet or dash before it goes. */
    while (e > s) {
        uint32_t k = e;
        int32_t c = prev_cp(d->text, s, &k);
        if (!(c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' || c == 0x3001 || is_space(c)))
            break;
        e = k;
    }
    while (s < e) {
        uint32_t k = s;
        int32_t c = next_cp(d->text, &k, e);
        if (!(is_space(c) || c == '*' || c == 0x2022 || c == 0xFF0A || c == '-' ||
              c == 0x2014 || c == 0xFF0C || c == ','))
            break;
        s = k;
    }
    if (e <= s || count_alnum(d->text, s, e) < 2)
        return CR_OK;

    bool headline = d->title_span.end > d->title_span.start &&
                    s >= d->title_span.start && e <= d->title_span.end;
    bool figure = has_mention(x, s, e, is_figure_t);
    bool entity = has_mention(x, s, e, is_entity_t);
    bool report = hit_in(x, s, e, CW_REPORT) != NULL;
    bool fact = hit_in(x, s, e, CW_FACT) != NULL;
    bool opinion = hit_in(x, s, e, CW_OPINION) != NULL;
    if (!(figure || (entity && (report || headline || (fact && !opinion)))))
        return CR_OK;
    /* what stands before a question (與其選擇X, 為什麼…?) is a claim only
     * with a figure of its own (日燒508萬, OpenAI只能活到2024?) */
    if (need_figure && !figure)
        return CR_OK;

    /* The same words twice in one document (a repeated body) count once. */
    if (seen_text(x, s, e, -1))
        return CR_OK;

    claim *cl = ARENA_PUSH(&d->arena, d->claims, d->n_claims, d->cap_claims);
    if (!cl)
        return CR_ENOMEM;
    memset(cl, 0, sizeof *cl);
    cl->id = (uint32_t)d->n_claims;
    cl->start = s;
    cl->end = e;
    cl->flags = (uint8_t)((headline ? CLAIM_HEADLINE : 0) | (clause ? CLAIM_CLAUSE : 0));
    cl->source_entity = -1;
    seen_text(x, s, e, (long)(d->n_claims - 1));
    if (src && src->piece >= 0) {
        cl->source_entity = src->entity;
        cl->source_start = src->start;
        cl->source_end = src->end;
    }
    size_t nm = 0;
    size_t first = mention_lb(x, s);
    for (size_t i = first; i < x->n_m && d->mentions[x->morder[i]].start < e; i++)
        if (d->mentions[x->morder[i]].end <= e)
            nm++;
    if (nm) {
        cl->mentions = arena_alloc(&d->arena, nm * sizeof *cl->mentions);
        if (!cl->mentions)
            return CR_ENOMEM;
        for (size_t i = first; i < x->n_m && d->mentions[x->morder[i]].start < e; i++)
            if (d->mentions[x->morder[i]].end <= e)
                cl->mentions[cl->n_mentions++] = x->morder[i];
    }
    /* period words inside a name ("Foo Weekly") do not count */
    for (const claim_hit *h = hit_in(x, s, e, CW_PERIOD); h;
         h = hit_in(x, h->end, e, CW_PERIOD))
        if (!overlaps_entity(x, h->start, h->end))
            cl->periods |= (uint8_t)(1u << h->term->period);
    for (const claim_hit *h = hit_in(x, s, e, CW_PART); h; h = hit_in(x, h->end, e, CW_PART))
        if (!overlaps_entity(x, h->start, h->end))
            cl->parts |= (uint8_t)(1u << h->term->period);
    return CR_OK;
}

static int sentence_claims(ctx *x, uint32_t s, uint32_t e, piece **pbuf, size_t *pcap)
{
    const char *t = x->d->text;
    trim(t, &s, &e, false);
    if (e <= s)
        return CR_OK;
    size_t np = split_pieces(t, s, e, pbuf, pcap);
    piece *p = *pbuf;
    if (!np)
        return CR_OK;
    size_t keep = np;
    bool question = ends_with_question(t, s, e);
    if (question) {
        /* The question starts at its first marker, else it is the last
         * clause; what comes before it may still state facts. */
        keep = np - 1;
        for (size_t k = 0; k < np; k++)
            if (hit_in(x, p[k].start, p[k].core_end, CW_QUESTION)) { keep = k; break; }
        if (!keep)
            return CR_OK;
        p[keep - 1].end = p[keep - 1].core_end;
    }
    source src = find_source(x, p, keep);
    bool is_long = count_chars(t, p[0].start, p[keep - 1].end) > LONG_SENTENCE;
    size_t cstart = 0;
    bool anchored = false;
    int rc;
    for (size_t k = 0; k < keep; k++) {
        if (k > cstart && p[k].end - p[cstart].start > MAX_CLAIM) {
            bool applies = src.piece >= 0 && (size_t)src.piece < k;
            if ((rc = emit_claim(x, p[cstart].start, p[k - 1].end, true,
                                 applies ? &src : NULL, question)))
                return rc;
            cstart = k;
            anchored = false;
        }
        bool pa = has_mention(x, p[k].start, p[k].core_end, is_anchor_t);
        /* a new clause when this piece has a figure and a subject of its
         * own and the clause so far has both too */
        if (is_long && pa && anchored &&
            has_mention(x, p[k].start, p[k].core_end, is_entity_t) &&
            has_mention(x, p[cstart].start, p[k - 1].core_end, is_entity_t)) {
            bool applies = src.piece >= 0 && (size_t)src.piece < k;
            if ((rc = emit_claim(x, p[cstart].start, p[k - 1].end, true,
                                 applies ? &src : NULL, question)))
                return rc;
            cstart = k;
            anchored = false;
        }
        anchored |= pa;
    }
    bool applies = src.piece >= 0;
    return emit_claim(x, p[cstart].start, p[keep - 1].end, cstart > 0 || keep < np,
                      applies ? &src : NULL, question);
}

int claims_extract_with(doc *d, const corpus *c, const claim_rules *r, cr_error *e)
{
    (void)c;
    ctx x = {.d = d, .r = r};
    x.n_hits = claim_rules_scan(r, &d->arena, d->text, d->text_len, &x.hits);
    x.n_m = d->n_mentions;
    x.morder = x.n_m ? malloc(x.n_m * sizeof *x.morder) : NULL;
    if (x.n_m && !x.morder)
        return cr_error_set(e, CR_ENOMEM, d->path ? d->path : "", 0, 0, 0, "out of memory");
    for (size_t i = 0; i < x.n_m; i++)
        x.morder[i] = (uint32_t)i;
    /* Insertion sort: mentions arrive nearly sorted, and qsort would need
     * a global to reach the document. */
    for (size_t i = 1; i < x.n_m; i++) {
        uint32_t v = x.morder[i];
        size_t j = i;
        while (j > 0 && (d->mentions[x.morder[j - 1]].start > d->mentions[v].start ||
                         (d->mentions[x.morder[j - 1]].start == d->mentions[v].start &&
                          d->mentions[x.morder[j - 1]].end > d->mentions[v].end))) {
            x.morder[j] = x.morder[j - 1];
            j--;
        }
        x.morder[j] = v;
    }
    piece *pbuf = NULL;
    size_t pcap = 0;
    int rc = CR_OK;
    for (size_t i = 0; i < d->n_sentences && !rc; i++)
        rc = sentence_claims(&x, d->sentences[i].start, d->sentences[i].end, &pbuf, &pcap);
    free(pbuf);
    free(x.morder);
    free(x.seen);
    if (rc)
        return cr_error_set(e, rc, d->path ? d->path : "", 0, 0, 0, "out of memory");
    /* An empty document still counts as done. */
    if (!d->claims)
        d->claims = arena_alloc(&d->arena, sizeof *d->claims);
    return CR_OK;
}

int claims_extract(doc *d, const corpus *c, cr_error *e)
{
    arena scratch;
    arena_init(&scratch);
    claim_rules r = {0};
    int rc = claim_rules_load_default(&r, &scratch, e);
    if (!rc)
        rc = claims_extract_with(d, c, &r, e);
    arena_free(&scratch);
    return rc;
}

const char *claim_source_text(const doc *d, const claim *cl, size_t *len)
{
    if (cl->source_end > cl->source_start) {
        *len = cl->source_end - cl->source_start;
        return d->text + cl->source_start;
    }
    *len = 0;
    return NULL;
}
