/* text_clean.c — turning a raw web capture into article text (text.h).
 *
 * Two passes. text_inline (text_inline.c) works character by character:
 * line ends, HTML, entities, pinyin annotations, encoding damage. This file
 * then works on whole lines ("paragraphs"): it drops lines with no words
 * and lines that are mostly URLs, folds repeated paragraphs into their first
 * copy, finds the title, and drops page furniture before the title, between
 * the title and the body, and after the body. Everything dropped is listed
 * in doc->removed. The rules look only at shape (length, punctuation,
 * position, repetition, shared vocabulary), never at particular words; see
 * docs/cleaning.md. Every step is linear in the text (hash tables, bounded
 * per-paragraph work; the title's vocabulary is measured against the body
 * at most 2 * TITLE_SCAN times), so 20 MB corpora clean in about the time
 * they load.
 *
 * Speed (docs/performance.md, "Search"): one scan per paragraph computes
 * everything the line rules ask, vocabulary units included; characters are
 * keyed by their folded code point (fold_key), ICU is asked once per
 * distinct character outside the common Han block (ccache), and buffers
 * come from a scratch arena a caller may reuse (text_clean_scratch).
 * bench/search/clean_equiv.sh checks a change gives the same output.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "fold.h"
#include "text_internal.h"

enum {
    TITLE_SCAN = 12,        /* leading paragraphs looked at for the title */
    TITLE_MAX_CP = 100,     /* longer lines are not titles */
    UNITS_MAX = 512,        /* vocabulary units taken from one paragraph */
    LONG_PROSE_CP = 40,     /* a body paragraph has at least this many */
    SHORT_KEY = 8,          /* repeats this short are kept unless in a block */
    NEAR_EDGE = 12,         /* near-duplicates share this many first/last */
    NEAR_MIN = 24,          /* ...and are at least this long */
    HEADING_CP = 24,        /* a link list's heading is at most this long */
};
/* Shared vocabulary (units found later in the body / units + 2) above which
 * a paragraph reads as part of the article; measured on the bundled corpus
 * and unseen-style samples in tests/unit/test_clean.c. */
#define THETA_BODY 0.2
#define THETA_TITLE 0.3
#define REPEAT_BONUS 0.3

/* Units are kept for at most this many (about 8 bytes per character): past
 * it, paragraphs recompute theirs when asked. */
#define UNITS_KEEP_MAX ((size_t)1 << 21)
#define UNITS_NONE UINT32_MAX
/* Scratch memory kept between documents (text_clean_scratch). */
#define SCRATCH_KEEP ((size_t)16 << 20)

enum status { ST_KEEP, ST_TITLE, ST_REMOVED, ST_EMIT_OTHER, ST_MOVED };

typedef struct para {
    uint32_t s, e;            /* range in the inline text, trimmed */
    uint32_t cp;              /* code points, spaces excluded */
    uint32_t key_len;         /* code points in the comparison key */
    uint64_t key, ends;       /* key hash; hash of its first and last NEAR_EDGE */
    uint32_t n_fffd;          /* U+FFFD in the paragraph (damage) */
    int32_t dup_of;           /* leader of its group of repeats, or -1 */
    int32_t src;              /* whose text to write here */
    uint32_t u_off, u_n;      /* its units in cleaner.units (UNITS_NONE: not kept) */
    uint8_t words, prose, long_prose, bullet, urlish, has_url, has_dup;
    uint8_t status, reason, rule;
} para;

/* ---- hashing ------------------------------------------------------------ */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

/* The per-character hashes, cheaper than mix64 (they run once or twice per
 * character): unit_mix is a bijection (an odd multiply, then an xorshift),
 * so units made from distinct inputs never collide; chain folds one more
 * character key into a running hash, a bijection of the running value for
 * each key. Only equality of the results matters, never their values. */
static inline uint64_t unit_mix(uint64_t x)
{
    x *= 0x9E3779B97F4A7C15ULL;
    return x ^ x >> 32;         /* low bits from the high product bits too */
}

/* A table index from a 64-bit hash: the high bits of a multiply, which
 * depend on all of its bits (low bits alone cluster). */
static inline size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0xD1B54A32D192ED03ULL) >> 32) & (cap - 1);
}

static inline uint64_t chain(uint64_t acc, uint64_t h)
{
    acc = (acc ^ h) * 0xD6E8FEB86659FD93ULL;
    return acc ^ acc >> 32;
}

static inline uint32_t fold_hash(int32_t c)
{
    return fold_key(c);
}

/* Open-addressing map from nonzero 64-bit keys to int32 values. */
typedef struct umap {
    uint64_t *k;
    int32_t *v;
    size_t cap, n;
    arena *a;
} umap;

static int umap_init(umap *m, arena *a, size_t expect)
{
    size_t cap = 64;
    while (cap < expect * 2 + 16)
        cap *= 2;
    m->a = a;
    m->cap = cap;
    m->n = 0;
    m->k = arena_alloc(a, cap * sizeof *m->k);
    m->v = arena_alloc_nozero(a, cap * sizeof *m->v);   /* read only where k is set */
    return m->k && m->v ? 0 : -1;
}

static inline size_t umap_slot(const umap *m, uint64_t key)
{
    size_t i = slot_of(key, m->cap);
    while (m->k[i] && m->k[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static inline int32_t *umap_get(const umap *m, uint64_t key)
{
    size_t i = umap_slot(m, key | 1);
    return m->k[i] ? &m->v[i] : NULL;
}

/* Insert key with value v unless present; returns its value slot. */
static int32_t *umap_put(umap *m, uint64_t key, int32_t v)
{
    key |= 1;
    if ((m->n + 1) * 2 > m->cap) {
        umap old = *m;
        if (umap_init(m, old.a, old.n + 1))
            return NULL;
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i]) {
                size_t s = umap_slot(m, old.k[i]);
                m->k[s] = old.k[i];
                m->v[s] = old.v[i];
                m->n++;
            }
    }
    size_t i = umap_slot(m, key);
    if (!m->k[i]) {
        m->k[i] = key;
        m->v[i] = v;
        m->n++;
    }
    return &m->v[i];
}

/* ---- paragraphs --------------------------------------------------------- */

static inline int32_t next_cp(const char *t, uint32_t *i, uint32_t e)
{
    const uint8_t *u = (const uint8_t *)t + *i;
    if (u[0] < 0x80) {
        *i += 1;
        return u[0];
    }
    /* Three-byte characters (all of CJK) without the general decoder:
     * lead E1-EC or EE-EF, or E0/ED with the second byte in range. */
    if (e - *i >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80 && (u[0] != 0xE0 || u[1] >= 0xA0) &&
        (u[0] != 0xED || u[1] < 0xA0)) {
        *i += 3;
        return (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
    }
    int32_t k = 0, avail = e - *i > 4 ? 4 : (int32_t)(e - *i);
    UChar32 c;
    U8_NEXT(u, k, avail, c);
    *i += (uint32_t)k;
    return c < 0 ? 0xFFFD : c;
}

static int32_t prev_cp(const char *t, uint32_t s, uint32_t *i)
{
    int32_t k = (int32_t)(*i - s);
    UChar32 c;
    U8_PREV((const uint8_t *)t + s, 0, k, c);
    *i = s + (uint32_t)k;
    return c < 0 ? 0xFFFD : c;
}

static bool is_space(int32_t c)
{
    if (c >= 0x4E00 && c <= 0x9FFF)    /* most characters here: skip ICU */
        return false;
    return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

static bool sentence_end(int32_t c)
{
    switch (c) {
    case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?': case 0x2026:
    case 0xFF0E: case '.': case 0xFF1B: case ';': case 0xFF61:
    case 0xFFFD:   /* damaged punctuation is what damage mostly hits */
        return true;
    }
    return false;
}

static bool is_closer(int32_t c)
{
    int8_t t = u_charType(c);
    return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || c == '"' || c == '\'';
}

static bool key_char(int32_t c)
{
    if (c >= 0x4E00 && c <= 0x9FFF)
        return true;
    return !(is_space(c) || u_ispunct(c) || (U_GET_GC_MASK(c) & U_GC_S_MASK) || c == 0xFFFD);
}

/* The properties the paragraph scan asks of each character, from the
 * functions above (ICU), remembered per document in a small direct-mapped
 * cache: a document uses few distinct characters outside the common Han
 * block (punctuation, digits, Latin), and asking ICU for each occurrence
 * cost more than the rest of the scan. */
enum {
    CC_SPACE = 1,           /* is_space */
    CC_HAN = 2,             /* text_is_han */
    CC_WORD = 4,            /* text_is_han or a letter */
    CC_KEY = 8,             /* key_char */
    CC_STOP = 16,           /* sentence_end, other than U+FFFD */
    CC_SLOTS = 512,
};
typedef struct ccache {
    int32_t cp[CC_SLOTS];
    uint8_t cls[CC_SLOTS];
} ccache;

static void ccache_init(ccache *cc)
{
    memset(cc->cp, 0xFF, sizeof cc->cp);     /* -1: no code point */
}

static inline uint8_t char_class(ccache *cc, int32_t c)
{
    if (c >= 0x4E00 && c <= 0x9FFF)
        return CC_HAN | CC_WORD | CC_KEY;
    size_t k = (size_t)(c ^ (c >> 9)) & (CC_SLOTS - 1);
    if (cc->cp[k] == c)
        return cc->cls[k];
    bool han = text_is_han(c);
    uint8_t f = (uint8_t)((is_space(c) ? CC_SPACE : 0) | (han ? CC_HAN : 0) |
                          (han || u_isalpha(c) ? CC_WORD : 0) | (key_char(c) ? CC_KEY : 0) |
                          (sentence_end(c) && c != 0xFFFD ? CC_STOP : 0));
    cc->cp[k] = c;
    cc->cls[k] = f;
    return f;
}

static bool is_bullet(int32_t c)
{
    switch (c) {
    case 0x2022: case 0x25CF: case 0x25CB: case 0x25A0: case 0x25A1: case 0x25AA:
    case 0x25C6: case 0x25C7: case 0x25BA: case 0x25B6: case 0x30FB: case 0xB7:
    case 0x2023: case 0x2043: case 0x25E6:
        return true;
    }
    return false;
}

/* Bytes of [s, e) inside URLs (http://, https://, www. up to a space or a
 * non-ASCII character). */
static uint32_t url_bytes(const char *t, uint32_t s, uint32_t e)
{
    uint32_t total = 0;
    for (uint32_t i = s; i < e;) {
        char first = (char)(t[i] | 0x20);   /* cheap filter before strncasecmp */
        if (first != 'h' && first != 'w') {
            i++;
            continue;
        }
        bool at = (e - i >= 7 && strncasecmp(t + i, "http://", 7) == 0) ||
                  (e - i >= 8 && strncasecmp(t + i, "https://", 8) == 0) ||
                  (e - i >= 4 && strncasecmp(t + i, "www.", 4) == 0);
        if (!at) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < e && (uint8_t)t[j] > 0x20 && (uint8_t)t[j] < 0x7F && t[j] != '"' &&
               t[j] != '<' && t[j] != '>')
            j++;
        total += j - i;
        i = j;
    }
    return total;
}

/* One pass over a paragraph for everything the line rules ask: its length,
 * key, ends, damage, shape, URLs, and (when uo is not NULL) its vocabulary
 * units as para_units below makes them, the first UNITS_MAX * 8 of them
 * into uo; returns how many were written. */
static inline bool ascii_alnum(int32_t c)
{
    return c < 0x80 && (((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9'));
}

static size_t para_scan(ccache *cc, const char *t, para *p, uint64_t *uo)
{
    const uint32_t e = p->e;
    uint32_t i = p->s, nonspace_bytes = 0, inner_stops = 0;
    uint32_t n_cp = 0, key_len = 0, n_fffd = 0;
    uint64_t key = 0, pre = 0;
    uint32_t ring[16];          /* the last NEAR_EDGE keys, at key_len & 15 */
    bool first = true, maybe_url = false, words = false;
    /* units, as in para_units */
    size_t nu = 0, umax = uo ? UNITS_MAX * 8 : 0;
    uint32_t prev_h = 0, run = 0, wlen = 0;
    uint64_t word = 0;
    while (i < e) {
        const uint8_t *u = (const uint8_t *)t + i;
        int32_t c;
        if ((uint8_t)(u[0] - 0xE4) < 6 && e - i >= 3 && ((u[1] ^ 0x80) | (u[2] ^ 0x80)) < 0x40 &&
            (c = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F))) >= 0x4E00) {
            /* U+4E00..U+9FFF, most of the text: what the general path
             * below does for a Han character that is not a space, a
             * stop, damage or a bullet. */
            i += 3;
            uint32_t h = fold_hash(c);
            if (run && nu < umax)
                uo[nu++] = unit_mix(((uint64_t)prev_h << 32 | h) ^ 0x5A5A);
            prev_h = h;
            run++;
            if (wlen) {
                if (wlen >= 2 && nu < umax)
                    uo[nu++] = word ^ 0x77;
                word = 0;
                wlen = 0;
            }
            nonspace_bytes += 3;
            n_cp++;
            if (first) {   /* the general rule below, for a non-ASCII c */
                p->bullet = is_bullet(c) || (i < e && t[i] == ' ');
                first = false;
            }
            words = true;
            key = chain(key, h);
            if (key_len < NEAR_EDGE)
                pre = chain(pre, h);
            ring[key_len & 15] = h;
            key_len++;
            continue;
        }
        uint32_t at = i;
        c = next_cp(t, &i, e);
        uint8_t f = char_class(cc, c);
        uint32_t h = 0;
        if (f & CC_HAN) {
            h = fold_hash(c);
            if (run && nu < umax)
                uo[nu++] = unit_mix(((uint64_t)prev_h << 32 | h) ^ 0x5A5A);
            prev_h = h;
            run++;
        } else {
            if (run == 1 && nu < umax)
                uo[nu++] = unit_mix((uint64_t)prev_h ^ 0xA5A5);
            run = 0;
            if (ascii_alnum(c)) {
                word = chain(word, (uint64_t)((c >= 'A' && c <= 'Z') ? c + 32 : c));
                wlen++;
            }
            maybe_url |= (c | 0x20) == 'h' || (c | 0x20) == 'w';   /* URLs start so */
        }
        if (wlen && !ascii_alnum(c)) {
            if (wlen >= 2 && nu < umax)
                uo[nu++] = word ^ 0x77;
            word = 0;
            wlen = 0;
        }
        if (f & CC_SPACE)
            continue;
        nonspace_bytes += i - at;
        n_cp++;
        if (first) {
            p->bullet = is_bullet(c) ||
                        (strchr("-*+>", c < 0x80 ? (int)c : 0) && c && i < e && t[i] == ' ');
            first = false;
        }
        words |= (f & CC_WORD) != 0;
        n_fffd += c == 0xFFFD;
        inner_stops += (f & CC_STOP) && i < e;
        if (!(f & CC_KEY))
            continue;
        if (!(f & CC_HAN))
            h = fold_hash(c);
        key = chain(key, h);
        if (key_len < NEAR_EDGE)
            pre = chain(pre, h);
        ring[key_len & 15] = h;
        key_len++;
    }
    if (run == 1 && nu < umax)
        uo[nu++] = unit_mix((uint64_t)prev_h ^ 0xA5A5);
    if (wlen >= 2 && nu < umax)
        uo[nu++] = word ^ 0x77;
    p->cp += n_cp;
    p->key_len += key_len;
    p->n_fffd += n_fffd;
    p->words |= words;
    p->key = mix64(key + p->key_len);
    if (p->key_len >= NEAR_EDGE) {
        uint64_t suf = 0;
        for (uint32_t k = 0; k < NEAR_EDGE; k++)
            suf = mix64(suf + ring[(p->key_len - NEAR_EDGE + k) & 15]);
        p->ends = mix64(pre ^ (suf * 31));
    }
    /* Ends like a sentence: the last character, past closing quotes and
     * brackets, is sentence punctuation. */
    uint32_t j = p->e;
    int32_t last = 0;
    while (j > p->s) {
        last = prev_cp(t, p->s, &j);
        if (!is_closer(last) && !is_space(last))
            break;
    }
    p->prose = sentence_end(last);
    p->long_prose = p->cp >= LONG_PROSE_CP && (p->prose || inner_stops > 0);
    uint32_t ub = maybe_url ? url_bytes(t, p->s, p->e) : 0;
    p->has_url = ub > 0;
    p->urlish = nonspace_bytes && ub * 2 >= nonspace_bytes;
    return nu;
}

/* ---- vocabulary units --------------------------------------------------- */

/* The units of a paragraph: Han character bigrams (a lone Han character on
 * its own), and ASCII words and numbers of two or more characters. Folded,
 * so Traditional and Simplified copies share units. */
static size_t para_units(ccache *cc, const char *t, const para *p, uint64_t *out, size_t max)
{
    size_t n = 0;
    uint32_t i = p->s, prev_h = 0, run = 0;
    uint64_t word = 0;
    uint32_t wlen = 0;
    while (i < p->e && n < max) {
        int32_t c = next_cp(t, &i, p->e);
        bool han = char_class(cc, c) & CC_HAN;
        if (han) {
            uint32_t h = fold_hash(c);
            if (run)
                out[n++] = unit_mix(((uint64_t)prev_h << 32 | h) ^ 0x5A5A);
            prev_h = h;
            run++;
        } else {
            if (run == 1 && n < max)
                out[n++] = unit_mix((uint64_t)prev_h ^ 0xA5A5);
            run = 0;
        }
        bool alnum = c < 0x80 &&
                     (((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9'));
        if (alnum) {
            word = chain(word, (uint64_t)((c >= 'A' && c <= 'Z') ? c + 32 : c));
            wlen++;
        } else {
            if (wlen >= 2 && n < max)
                out[n++] = word ^ 0x77;
            word = 0;
            wlen = 0;
        }
    }
    if (run == 1 && n < max)
        out[n++] = unit_mix((uint64_t)prev_h ^ 0xA5A5);
    if (wlen >= 2 && n < max)
        out[n++] = word ^ 0x77;
    return n;
}

/* A set of units, for comparing the distinct units of two paragraphs (at
 * most UNITS_MAX each): open addressing over 4 * UNITS_MAX slots, each
 * stamped with the round it was filled in, so that a new round needs no
 * clearing. mark holds which of the two sets a unit is in. Made on first
 * use (most documents have no near copies to compare). */
enum { USET_SLOTS = 4 * UNITS_MAX };
typedef struct uset {
    uint64_t key[USET_SLOTS];
    uint32_t round[USET_SLOTS];
    uint8_t mark[USET_SLOTS];
    uint32_t now;
} uset;

/* The slot of unit u in the current round; *fresh: it was not there. */
static size_t uset_slot(uset *s, uint64_t u, bool *fresh)
{
    size_t i = slot_of(u, USET_SLOTS);
    while (s->round[i] == s->now && s->key[i] != u)
        i = (i + 1) & (USET_SLOTS - 1);
    *fresh = s->round[i] != s->now;
    if (*fresh) {
        s->round[i] = s->now;
        s->key[i] = u;
        s->mark[i] = 0;
    }
    return i;
}

/* ---- the whole-line pass ------------------------------------------------ */

typedef struct cleaner {
    doc *d;
    arena *tmp;
    inline_out io;
    para *ps;
    size_t np, cap_ps;
    int32_t title;
    uint64_t *ubuf;           /* UNITS_MAX scratch units */
    uint64_t *units;          /* every paragraph's units (para.u_off, u_n) */
    size_t n_units, cap_units;
    ccache *cc;
    uset *uset;
    uint64_t *chunk;          /* UNITS_MAX * 8 units of a long paragraph */
    /* output */
    char *out;
    uint32_t len, cap;
    removed_span *rm;
    size_t n_rm, cap_rm;
} cleaner;

static void drop(cleaner *c, size_t i, int reason, int rule)
{
    para *p = &c->ps[i];
    if (p->status == ST_EMIT_OTHER) {
        /* The better copy it was to show goes too. */
        para *q = &c->ps[p->src];
        q->status = ST_REMOVED;
        q->reason = REMOVED_DUPLICATE;
        q->rule = RULE_DUP_NEAR;
    }
    p->status = ST_REMOVED;
    p->reason = (uint8_t)reason;
    p->rule = (uint8_t)rule;
}

static bool shown(const para *p)
{
    return p->status == ST_KEEP || p->status == ST_EMIT_OTHER;
}

static int split_paragraphs(cleaner *c)
{
    const char *t = c->io.text;
    uint32_t n = c->io.len;
    c->cap_units = (size_t)n + 16 < UNITS_KEEP_MAX ? (size_t)n + 16 : UNITS_KEEP_MAX;
    c->n_units = 0;
    if (!(c->units = arena_alloc_nozero(c->tmp, c->cap_units * sizeof *c->units)))
        return -1;
    for (uint32_t i = 0; i < n;) {
        uint32_t s = i;
        const char *nl = memchr(t + i, '\n', n - i);
        uint32_t e = nl ? (uint32_t)(nl - t) : n;
        i = nl ? e + 1 : n;
        /* Trim white space (ASCII, U+3000, NBSP, zero-width) at both ends. */
        while (s < e) {
            uint32_t k = s;
            if (!is_space(next_cp(t, &k, e)))
                break;
            s = k;
        }
        while (e > s) {
            uint32_t k = e;
            if (!is_space(prev_cp(t, s, &k)))
                break;
            e = k;
        }
        if (s == e)
            continue;
        para *p = ARENA_PUSH(c->tmp, c->ps, c->np, c->cap_ps);
        if (!p)
            return -1;
        memset(p, 0, sizeof *p);
        p->s = s;
        p->e = e;
        p->dup_of = -1;
        p->src = (int32_t)(c->np - 1);
        /* A paragraph has at most one unit per byte and one more. */
        bool keep = c->cap_units - c->n_units > (size_t)(e - s) + 1;
        size_t nu = para_scan(c->cc, t, p, keep ? c->units + c->n_units : NULL);
        p->u_off = keep ? (uint32_t)c->n_units : 0;
        p->u_n = keep ? (uint32_t)nu : UNITS_NONE;
        c->n_units += nu;
    }
    return 0;
}

/* Lines with no letters or Han at all, and lines that are mostly URLs. */
static void drop_non_text(cleaner *c)
{
    for (size_t i = 0; i < c->np; i++) {
        para *p = &c->ps[i];
        if (!p->words && !p->n_fffd)
            drop(c, i, REMOVED_FURNITURE, RULE_NO_WORDS);
        else if (p->urlish)
            drop(c, i, REMOVED_FURNITURE, RULE_URL_LINE);
    }
}

/* The first max units of paragraph p: kept ones, or made into buf. */
static const uint64_t *units_of(cleaner *c, const para *p, uint64_t *buf, size_t max,
                                size_t *n)
{
    if (p->u_n != UNITS_NONE) {
        *n = p->u_n < max ? p->u_n : max;
        return c->units + p->u_off;
    }
    *n = para_units(c->cc, c->io.text, p, buf, max);
    return buf;
}

/* Near copies must also share most of their vocabulary (Jaccard of units
 * at least 0.7), so two different paragraphs that merely start and end
 * alike (a template sentence) are not taken for one. */
static bool similar(cleaner *c, const para *a, const para *b)
{
    uint64_t *u = c->ubuf;
    uset *s = c->uset;
    size_t na = 0, nb = 0, both = 0;
    s->now++;
    for (int side = 1; side <= 2; side++) {
        size_t n;
        const uint64_t *src = units_of(c, side == 1 ? a : b, u, UNITS_MAX, &n);
        for (size_t j = 0; j < n; j++) {
            bool fresh;
            size_t k = uset_slot(s, src[j], &fresh);
            if (s->mark[k] & side)
                continue;
            if (side == 1) {
                na++;
            } else {
                nb++;
                both += s->mark[k] & 1;
            }
            s->mark[k] |= (uint8_t)side;
        }
    }
    size_t any = na + nb - both;
    return any && both * 10 >= any * 7;
}

/* Repeated paragraphs. Two paragraphs are the same when their keys (text
 * without spaces, punctuation, symbols and damage, folded) are equal, or
 * near the same when long keys share their first and last NEAR_EDGE
 * characters and differ in length by at most a quarter: that is a copy in
 * which encoding damage ate a few characters. The first copy keeps its
 * place; when a later copy has less damage, its text is shown there. */
static int mark_repeats(cleaner *c)
{
    umap exact, near;
    c->ubuf = arena_alloc_nozero(c->tmp, UNITS_MAX * sizeof *c->ubuf);
    c->uset = NULL;
    if (!c->ubuf || umap_init(&exact, c->tmp, c->np) || umap_init(&near, c->tmp, c->np))
        return -1;
    for (size_t i = 0; i < c->np; i++) {
        para *p = &c->ps[i];
        if (p->status != ST_KEEP || !p->key_len)
            continue;
        int32_t *l = umap_get(&exact, p->key);
        if (l) {
            p->dup_of = *l;
            p->rule = RULE_DUP_EXACT;
            continue;
        }
        if (p->key_len >= NEAR_MIN && (l = umap_get(&near, p->ends))) {
            const para *q = &c->ps[*l];
            uint32_t a = p->key_len, b = q->key_len;
            if (!c->uset && (c->uset = arena_alloc_nozero(c->tmp, sizeof *c->uset))) {
                /* a slot is read only when stamped this round */
                memset(c->uset->round, 0, sizeof c->uset->round);
                c->uset->now = 0;
            }
            if (!c->uset)
                return -1;
            if ((a > b ? a - b : b - a) * 4 <= (a > b ? a : b) && similar(c, p, q)) {
                p->dup_of = *l;
                p->rule = RULE_DUP_NEAR;
                continue;
            }
        }
        if (!umap_put(&exact, p->key, (int32_t)i))
            return -1;
        if (p->key_len >= NEAR_MIN && !umap_put(&near, p->ends, (int32_t)i))
            return -1;
    }
    /* Short repeats ("評論", a byline) count only inside a run of repeats
     * that holds a long one: a repeated block, not a repeated word. */
    for (size_t i = 0; i < c->np;) {
        if (c->ps[i].dup_of < 0) { i++; continue; }
        size_t j = i;
        bool has_long = false;
        while (j < c->np && (c->ps[j].dup_of >= 0 || c->ps[j].status == ST_REMOVED)) {
            has_long |= c->ps[j].dup_of >= 0 && c->ps[j].key_len >= SHORT_KEY;
            j++;
        }
        for (size_t k = i; k < j; k++) {
            para *p = &c->ps[k];
            if (p->dup_of < 0)
                continue;
            if (p->key_len < SHORT_KEY && !has_long)
                p->dup_of = -1;
            else if (p->key_len < SHORT_KEY)
                p->rule = RULE_DUP_BLOCK;
        }
        i = j;
    }
    /* Pick the copy with the least damage for each group. */
    for (size_t i = 0; i < c->np; i++) {
        para *p = &c->ps[i];
        if (p->dup_of < 0)
            continue;
        para *l = &c->ps[p->dup_of];
        l->has_dup = 1;
        if (p->n_fffd < c->ps[l->src].n_fffd)
            l->src = (int32_t)i;
    }
    for (size_t i = 0; i < c->np; i++) {
        para *p = &c->ps[i];
        if (p->dup_of >= 0) {
            const para *l = &c->ps[p->dup_of];
            if (l->src == (int32_t)i) {
                p->status = ST_MOVED;
            } else {
                p->status = ST_REMOVED;
                p->reason = REMOVED_DUPLICATE;
            }
        } else if (p->src != (int32_t)i) {
            p->status = ST_EMIT_OTHER;
            p->reason = REMOVED_DUPLICATE;
            p->rule = RULE_DUP_NEAR;
        }
    }
    return 0;
}

static bool title_shaped(const cleaner *c, const para *p)
{
    if (p->cp > TITLE_MAX_CP || p->bullet || p->has_url || !p->words)
        return false;
    uint32_t j = p->e;
    int32_t last = prev_cp(c->io.text, p->s, &j);
    /* A title does not end in a full stop or introduce something. */
    return last != 0x3002 && last != ':' && last != 0xFF1A && last != 0xFF0E;
}

/* Key of a string computed like a paragraph's, for the manifest title. */
static uint64_t key_of(ccache *cc, const char *s, uint32_t *key_len)
{
    para p = {.s = 0, .e = (uint32_t)strlen(s)};
    para_scan(cc, s, &p, NULL);
    *key_len = p.key_len;
    return p.key;
}

/* One candidate's units as a set, to look the body's units up in: open
 * addressing (keys | 1, 0 empty) with a mark per unit found, and a bit
 * per unit so that most body units cost a bit test. */
typedef struct cset {
    uint64_t *k;              /* 2 * UNITS_MAX slots, cleared per use */
    uint8_t *hit;
    size_t cap;
    uint64_t bloom[64];
} cset;
#define BLOOM_BIT(u) ((size_t)((u) >> 40) & 4095)

/* Start an empty set for up to n units. */
static void cset_clear(cset *s, size_t n)
{
    s->cap = 16;
    while (s->cap < 2 * n)
        s->cap *= 2;
    memset(s->k, 0, s->cap * sizeof *s->k);
    memset(s->hit, 0, s->cap);
    memset(s->bloom, 0, sizeof s->bloom);
}

/* Add u; false when it was there already. */
static bool cset_add(cset *s, uint64_t u)
{
    uint64_t key = u | 1;
    size_t i = slot_of(key, s->cap);
    while (s->k[i] && s->k[i] != key)
        i = (i + 1) & (s->cap - 1);
    if (s->k[i])
        return false;
    s->k[i] = key;
    s->bloom[BLOOM_BIT(u) >> 6] |= (uint64_t)1 << (BLOOM_BIT(u) & 63);
    return true;
}

/* Mark the set's units among u[0, n); returns how many were new. */
static size_t cset_mark(cset *s, const uint64_t *u, size_t n)
{
    size_t found = 0;
    for (size_t j = 0; j < n; j++) {
        if (!(s->bloom[BLOOM_BIT(u[j]) >> 6] >> (BLOOM_BIT(u[j]) & 63) & 1))
            continue;
        uint64_t key = u[j] | 1;
        size_t i = slot_of(key, s->cap);
        while (s->k[i] && s->k[i] != key)
            i = (i + 1) & (s->cap - 1);
        if (s->k[i] && !s->hit[i]) {
            s->hit[i] = 1;
            found++;
        }
    }
    return found;
}

/* The share of paragraph t's distinct units (of its first UNITS_MAX) that
 * some body-like paragraph (long, not a repeat, not removed: body[i])
 * after paragraph `after` also has, over their number + 2. Only the
 * candidates the title rules look at are measured (usually one or two),
 * each against the body once. The rules only compare the share with
 * thresholds (and 0), so counting stops as soon as it reaches `enough`,
 * the highest threshold the caller will compare it with: every
 * comparison then comes out as with the full count. */
static double overlap(cleaner *c, cset *s, const uint8_t *body, size_t t, int32_t after,
                      double enough)
{
    size_t n, nu = 0;
    const uint64_t *src = units_of(c, &c->ps[t], c->ubuf, UNITS_MAX, &n);
    cset_clear(s, n);
    for (size_t j = 0; j < n; j++)
        nu += cset_add(s, src[j]);
    size_t stop = 0;          /* the smallest count whose share is enough */
    while (stop < nu && (double)stop / (double)(nu + 2) < enough)
        stop++;
    if ((double)stop / (double)(nu + 2) < enough)
        stop = SIZE_MAX;      /* not reachable: count everything */
    size_t hits = 0;
    for (size_t i = (size_t)(after + 1); i < c->np && hits < nu && hits < stop; i++) {
        if (!body[i])
            continue;
        const para *p = &c->ps[i];
        if (p->u_n != UNITS_NONE && p->u_n < UNITS_MAX * 8) {
            hits += cset_mark(s, c->units + p->u_off, p->u_n);
            continue;
        }
        /* All of the paragraph, a chunk of units at a time. */
        para part = *p;
        while (part.s < part.e) {
            size_t nu = para_units(c->cc, c->io.text, &part, c->chunk, UNITS_MAX * 8);
            hits += cset_mark(s, c->chunk, nu);
            if (nu < UNITS_MAX * 8)
                break;
            /* Move on by about as many characters as units taken; a unit
             * or two at the seam may be counted twice, which is harmless. */
            uint32_t q = part.s;
            for (size_t m = 0; m < UNITS_MAX * 8 && q < part.e; m++)
                next_cp(c->io.text, &q, part.e);
            part.s = q;
        }
    }
    return (double)hits / (double)(nu + 2);
}

/* The title: among the first TITLE_SCAN paragraphs that are not repeats,
 * the first title-shaped one (short, not ending in a full stop) that is the
 * manifest's title, or whose vocabulary the body shares, a repeated line
 * counting extra (pages repeat their headline). Scanning stops at the first
 * long paragraph that shares the body's vocabulary: the article has begun.
 * With no such line, the first line is the title (if short enough). */
static int find_title(cleaner *c)
{
    size_t ks[TITLE_SCAN];     /* the candidates' paragraph indexes */
    size_t nk = 0;
    for (size_t i = 0; i < c->np && nk < TITLE_SCAN; i++) {
        para *p = &c->ps[i];
        if (!shown(p) || p->dup_of >= 0)
            continue;
        ks[nk++] = i;
    }
    /* The body-like paragraphs, as they are now (the drops below must not
     * change what later measurements see). */
    uint8_t *body = arena_alloc_nozero(c->tmp, c->np ? c->np : 1);
    cset s;
    s.k = arena_alloc_nozero(c->tmp, 2 * UNITS_MAX * sizeof *s.k);
    s.hit = arena_alloc_nozero(c->tmp, 2 * UNITS_MAX);
    c->chunk = arena_alloc_nozero(c->tmp, UNITS_MAX * 8 * sizeof *c->chunk);
    if (!body || !s.k || !s.hit || !c->chunk)
        return -1;
    for (size_t i = 0; i < c->np; i++) {
        const para *p = &c->ps[i];
        body[i] = p->long_prose && p->dup_of < 0 && p->status != ST_REMOVED;
    }
    c->title = -1;
    uint32_t mk_len = 0;
    uint64_t mk = c->d->title && c->d->title[0] ? key_of(c->cc, c->d->title, &mk_len) : 0;
    for (size_t k = 0; k < nk && mk_len; k++)
        if (c->ps[ks[k]].key == mk && c->ps[ks[k]].key_len == mk_len) {
            c->title = (int32_t)ks[k];
            break;
        }
    for (size_t k = 0; k < nk && c->title < 0; k++) {
        const para *p = &c->ps[ks[k]];
        bool shaped = title_shaped(c, p);
        if (!p->long_prose && !shaped)
            continue;              /* nothing below depends on its overlap */
        double ov = overlap(c, &s, body, ks[k], (int32_t)ks[k],
                            shaped ? THETA_TITLE : THETA_BODY);
        if (p->long_prose && ov >= THETA_BODY)
            break;
        if (!shaped)
            continue;
        /* Repetition helps only a line that shares some vocabulary: a
         * repeated "評論" is not a headline. */
        if (ov >= THETA_TITLE || (p->has_dup && ov > 0 && ov + REPEAT_BONUS >= THETA_TITLE))
            c->title = (int32_t)ks[k];
    }
    /* No evidence: the first line, as long as it is short enough. */
    if (c->title < 0 && nk && c->ps[ks[0]].cp <= TITLE_MAX_CP)
        c->title = (int32_t)ks[0];
    if (c->title < 0)
        return 0;
    /* Before the title: lines that are not sentences, lines with URLs,
     * and long paragraphs about something else go. A short sentence stays
     * (after the title): it may be a lead, and dropping body is worse than
     * keeping a line of furniture. */
    for (size_t k = 0; k < nk && ks[k] < (size_t)c->title; k++) {
        const para *p = &c->ps[ks[k]];
        if (!p->prose || p->has_url ||
            (p->long_prose && overlap(c, &s, body, ks[k], c->title, THETA_BODY) < THETA_BODY))
            drop(c, ks[k], REMOVED_FURNITURE, RULE_BEFORE_TITLE);
    }
    c->ps[c->title].status = c->ps[c->title].status == ST_EMIT_OTHER ? ST_EMIT_OTHER : ST_TITLE;
    return 0;
}

/* A byline: two or three short parts split by spaces or bars, no colon
 * ("記者 王小明", "文|融中財經"). Kept where other short lines go: it names
 * who wrote the article, which a reader and the entity stage want. */
static bool byline_shaped(const char *t, const para *p)
{
    if (p->cp > 20 || p->prose || p->bullet)
        return false;
    uint32_t parts = 0, len = 0, longest = 0;
    for (uint32_t i = p->s; i < p->e;) {
        int32_t c = next_cp(t, &i, p->e);
        if (c == ':' || c == 0xFF1A)
            return false;
        if (is_space(c) || c == '|' || c == 0xFF5C || c == '/' || c == 0xFF0F) {
            len = 0;
            continue;
        }
        if (!u_isalnum(c))
            return false;
        if (len++ == 0)
            parts++;
        if (len > longest)
            longest = len;
    }
    return parts >= 2 && parts <= 3 && longest <= 8;
}

/* Furniture around the body. The body runs from the first to the last long
 * paragraph after the title. Between the title and the body, lines that do
 * not end like sentences go (credits, bylines, app prompts); after the
 * body, everything from the first such line on goes (tags, related links,
 * comment prompts, share buttons). Blocks of bullet lines that are not
 * sentences, and the short heading over them or over a URL list, go
 * anywhere. */
static void drop_furniture(cleaner *c)
{
    size_t start = c->title >= 0 ? (size_t)c->title + 1 : 0;
    size_t first = SIZE_MAX, last = SIZE_MAX;
    for (size_t i = start; i < c->np; i++)
        if (shown(&c->ps[i]) && c->ps[i].long_prose) {
            if (first == SIZE_MAX)
                first = i;
            last = i;
        }
    if (first != SIZE_MAX) {
        for (size_t i = start; i < first; i++)
            if (shown(&c->ps[i]) && (!c->ps[i].prose || c->ps[i].bullet) &&
                !byline_shaped(c->io.text, &c->ps[i]))
                drop(c, i, REMOVED_FURNITURE, RULE_HEAD);
        size_t t = last + 1;
        while (t < c->np && !(shown(&c->ps[t]) &&
                              (!c->ps[t].prose || c->ps[t].bullet || c->ps[t].urlish)))
            t++;
        for (size_t i = t; i < c->np; i++)
            if (shown(&c->ps[i]))
                drop(c, i, REMOVED_FURNITURE, RULE_TAIL);
    }
    for (size_t i = start; i < c->np;) {
        size_t j = i;
        while (j < c->np && shown(&c->ps[j]) && c->ps[j].bullet && !c->ps[j].prose)
            j++;
        bool list = j - i >= 2;
        bool urls = j == i && c->ps[i].status == ST_REMOVED && c->ps[i].rule == RULE_URL_LINE;
        if (list)
            for (size_t k = i; k < j; k++)
                drop(c, k, REMOVED_FURNITURE, RULE_LINK_LIST);
        if ((list || urls) && i > start) {
            para *h = &c->ps[i - 1];
            if (shown(h) && !h->prose && h->cp <= HEADING_CP)
                drop(c, i - 1, REMOVED_FURNITURE, RULE_LINK_LIST);
        }
        i = j > i ? j : i + 1;
    }
}

/* ---- output ------------------------------------------------------------- */

static int out_put(cleaner *c, const char *s, uint32_t n)
{
    /* First: room for every paragraph and its separator, which is all the
     * output can hold, so it is never copied. The buffer is kept exact at
     * the end. */
    return text_buf_put(c->tmp, &c->out, &c->len, &c->cap,
                        (uint64_t)c->io.len + 2 * c->np + 16, s, n);
}

/* Write inline text [s, e) with its map segments and damage spans. */
static int out_range(cleaner *c, uint32_t s, uint32_t e)
{
    const offmap *m = &c->io.map;
    offmap *fm = &c->d->map;
    size_t lo = 0, hi = m->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->segs[mid].clean <= s)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t base = c->len;
    for (size_t k = lo; k < m->len && m->segs[k].clean < e; k++) {
        const offmap_seg *g = &m->segs[k];
        uint32_t a = g->clean > s ? g->clean : s;
        uint32_t b = g->clean + g->clean_len < e ? g->clean + g->clean_len : e;
        if (a >= b)
            continue;
        uint32_t at = c->len;
        if (out_put(c, c->io.text + a, b - a))
            return -1;
        int rc = g->repl ? offmap_add_repl(fm, at, b - a, g->raw, g->raw_len)
                         : offmap_add(fm, at, b - a, g->raw + (a - g->clean), b - a);
        if (rc)
            return -1;
    }
    const damage *dm = c->io.damage;
    lo = 0, hi = c->io.n_damage;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dm[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < c->io.n_damage && dm[k].start < e; k++) {
        damage *d = ARENA_PUSH(c->tmp, c->d->damage, c->d->n_damage, c->d->cap_damage);
        if (!d)
            return -1;
        *d = (damage){dm[k].start - s + base, dm[k].end - s + base, dm[k].kind};
    }
    return 0;
}

static int out_para(cleaner *c, size_t i, bool sep)
{
    const para *p = &c->ps[c->ps[i].src];
    if (sep) {
        uint32_t at = c->len;
        if (out_put(c, "\n\n", 2) ||
            offmap_add_repl(&c->d->map, at, 2, offmap_raw(&c->io.map, p->s), 0))
            return -1;
    }
    return out_range(c, p->s, p->e);
}

static int cmp_removed(const void *a, const void *b)
{
    const removed_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* doc->removed: paragraphs dropped here plus what the inline pass took,
 * sorted, with spans inside a dropped paragraph left out. */
static int collect_removed(cleaner *c)
{
    size_t n = c->io.n_removed;
    for (size_t i = 0; i < c->np; i++)
        n += c->ps[i].status == ST_REMOVED || c->ps[i].status == ST_EMIT_OTHER;
    removed_span *all = arena_alloc(c->tmp, (n ? n : 1) * sizeof *all);
    if (!all)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < c->io.n_removed; i++)
        all[k++] = c->io.removed[i];
    for (size_t i = 0; i < c->np; i++) {
        const para *p = &c->ps[i];
        if (p->status != ST_REMOVED && p->status != ST_EMIT_OTHER)
            continue;
        all[k++] = (removed_span){offmap_raw(&c->io.map, p->s),
                                  offmap_raw_end(&c->io.map, p->e), p->reason, p->rule};
    }
    qsort(all, k, sizeof *all, cmp_removed);
    uint32_t cover = 0;
    doc *d = c->d;
    for (size_t i = 0; i < k; i++) {
        if (all[i].end <= cover && i > 0)
            continue;
        removed_span *r = ARENA_PUSH(c->tmp, d->removed, d->n_removed, d->cap_removed);
        if (!r)
            return -1;
        *r = all[i];
        if (all[i].end > cover)
            cover = all[i].end;
    }
    return 0;
}

/* The end of a clean: a scratch arena is emptied for the next document
 * (its memory kept), a local one freed. */
static void done(arena *scratch, arena *local)
{
    if (scratch)
        arena_reset(scratch, SCRATCH_KEEP);
    else
        arena_free(local);
}

static void *copy_exact(arena *a, const void *p, size_t n, size_t elem)
{
    void *q = arena_alloc_nozero(a, (n ? n : 1) * elem);
    if (q && n)
        memcpy(q, p, n * elem);
    return q;
}

/* The text, its map, damage and removed spans into the document's arena. */
static int keep_exact(cleaner *c)
{
    doc *d = c->d;
    char *text = copy_exact(&d->arena, c->out, (size_t)c->len + 1, 1);
    offmap_seg *segs = copy_exact(&d->arena, d->map.segs, d->map.len, sizeof *segs);
    damage *dm = copy_exact(&d->arena, d->damage, d->n_damage, sizeof *dm);
    removed_span *rm = copy_exact(&d->arena, d->removed, d->n_removed, sizeof *rm);
    if (!text || !segs || !dm || !rm)
        return -1;
    d->text = text;
    d->text_len = c->len;
    d->map.segs = segs;
    d->map.cap = d->map.len;
    d->map.arena = &d->arena;
    d->damage = d->n_damage ? dm : NULL;
    d->cap_damage = d->n_damage;
    d->removed = d->n_removed ? rm : NULL;
    d->cap_removed = d->n_removed;
    return 0;
}

int text_clean_scratch(doc *d, arena *scratch, cr_error *e)
{
    if (d->raw_len > UINT32_MAX - 16)
        return cr_error_set(e, CR_EINPUT, d->path, 0, 0, 0, "file too large to clean");
    arena local, *tmp = scratch ? scratch : &local;
    if (!scratch)
        arena_init(&local);
    ccache cc;
    ccache_init(&cc);
    cleaner c = {.d = d, .tmp = tmp, .title = -1, .cc = &cc};
    /* Built in tmp while they grow, then kept in the document's arena at
     * their exact size: growing them there left a third of the cleaned
     * document's memory behind in abandoned copies. */
    offmap_init(&d->map, tmp);
    d->damage = NULL;
    d->n_damage = d->cap_damage = 0;
    d->removed = NULL;
    d->n_removed = d->cap_removed = 0;
    if (text_inline(d->raw, (uint32_t)d->raw_len, tmp, &c.io) || split_paragraphs(&c))
        goto oom;
    drop_non_text(&c);
    if (mark_repeats(&c) || find_title(&c))
        goto oom;
    drop_furniture(&c);
    if (out_put(&c, "", 0))
        goto oom;
    if (c.title >= 0) {
        if (out_para(&c, (size_t)c.title, false))
            goto oom;
        d->title_span.start = 0;
        d->title_span.end = c.len;
    } else {
        d->title_span.start = d->title_span.end = 0;
    }
    for (size_t i = 0; i < c.np; i++)
        if ((int32_t)i != c.title && shown(&c.ps[i]) && out_para(&c, i, true))
            goto oom;
    if (collect_removed(&c) || keep_exact(&c))
        goto oom;
    done(scratch, &local);
    return CR_OK;
oom:
    done(scratch, &local);
    offmap_init(&d->map, &d->arena);
    d->damage = NULL;
    d->n_damage = d->cap_damage = 0;
    d->removed = NULL;
    d->n_removed = d->cap_removed = 0;
    return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
}

int text_clean(doc *d, cr_error *e)
{
    return text_clean_scratch(d, NULL, e);
}

const char *text_reason_name(int reason)
{
    switch (reason) {
    case REMOVED_PINYIN: return "pinyin";
    case REMOVED_HTML: return "html";
    case REMOVED_DUPLICATE: return "duplicate";
    case REMOVED_FURNITURE: return "furniture";
    }
    return "?";
}

const char *text_rule_name(int rule)
{
    static const char *const names[] = {
        [RULE_PINYIN] = "annotation", [RULE_HTML_TAG] = "tag",
        [RULE_HTML_BROKEN] = "broken-tag", [RULE_HTML_COMMENT] = "comment",
        [RULE_HTML_SCRIPT] = "script", [RULE_HTML_ENTITY] = "entity",
        [RULE_DUP_EXACT] = "exact", [RULE_DUP_NEAR] = "near",
        [RULE_DUP_BLOCK] = "block", [RULE_BEFORE_TITLE] = "before-title",
        [RULE_HEAD] = "head", [RULE_TAIL] = "tail", [RULE_URL_LINE] = "urls",
        [RULE_NO_WORDS] = "no-words", [RULE_LINK_LIST] = "link-list",
    };
    if (rule > 0 && (size_t)rule < sizeof names / sizeof names[0] && names[rule])
        return names[rule];
    return "?";
}

const char *text_damage_name(int kind)
{
    switch (kind) {
    case DAMAGE_INVALID_UTF8: return "invalid-utf8";
    case DAMAGE_MOJIBAKE: return "mojibake";
    }
    return "?";
}
