/* search.c — folded keyword, PCRE2 and entity search (see search.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "search.h"

#include <fcntl.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/utf8.h>

#include "cache.h"
#include "entities.h"
#include "fold.h"
#include "utf8.h"
#include "pool.h"
#include "segment.h"
#include "text.h"
#include "grow.h"

/* ---- compiled queries ---------------------------------------------------- */

struct search_query {
    search_opts o;
    const corpus *c;
    char *needle;              /* keyword: folded pattern */
    size_t needle_len;
    pcre2_code *re;            /* regex */
    uint8_t *entity_mark;      /* entity: 1 for each matching entity */
    size_t n_entity_mark, n_matched;
};

static char *fold_malloc(const char *s, size_t n, size_t *len)
{
    size_t need = fold_utf8(s, n, NULL, 0, NULL);
    char *out = malloc(need + 1);
    if (!out)
        return NULL;
    fold_utf8(s, n, out, need, NULL);
    out[need] = '\0';
    *len = need;
    return out;
}

static int compile_regex(search_query *q, const char *pattern, cr_error *e)
{
    int err;
    PCRE2_SIZE off;
    uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE |
                     PCRE2_NEVER_BACKSLASH_C;   /* \C could split a character */
    if (q->o.caseless)
        flags |= PCRE2_CASELESS;
    q->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags, &err,
                          &off, NULL);
    if (!q->re) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(err, msg, sizeof msg) < 0)
            strcpy((char *)msg, "unknown error");
        return cr_error_set(e, CR_EINPUT, "", 0, (size_t)off, 1,
                            "bad regular expression at offset %zu: %s",
                            (size_t)off, (const char *)msg);
    }
    /* Without JIT support pcre2_match simply interprets. Memory checkers
     * cannot follow JIT code (valgrind reports its reads as uninitialised),
     * so CROSSREAD_NO_JIT (set by tools/valgrind.sh) turns it off. */
    const char *nojit = getenv("CROSSREAD_NO_JIT");
    if (!nojit || !*nojit)
        (void)pcre2_jit_compile(q->re, PCRE2_JIT_COMPLETE);
    return CR_OK;
}

static int compile_entity(search_query *q, const char *name, cr_error *e)
{
    const corpus *c = q->c;
    size_t klen;
    char *key = fold_malloc(name, strlen(name), &klen);
    if (!key)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    q->n_entity_mark = c->n_entities;
    q->entity_mark = calloc(c->n_entities ? c->n_entities : 1, 1);
    if (!q->entity_mark) {
        free(key);
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < c->n_entities; i++) {
        const entity *en = &c->entities[i];
        for (size_t k = 0; k <= en->n_aliases && !q->entity_mark[i]; k++) {
            const char *s = k == 0 ? en->name : en->aliases[k - 1];
            if (!s)
                continue;
            size_t sl;
            char *sk = fold_malloc(s, strlen(s), &sl);
            if (!sk) {
                free(key);
                return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
            }
            if (sl == klen && memcmp(sk, key, klen) == 0) {
                q->entity_mark[i] = 1;
                q->n_matched++;
            }
            free(sk);
        }
    }
    free(key);
    return CR_OK;
}

int search_compile(search_query **out, const corpus *c, const char *pattern,
                   const search_opts *o, cr_error *e)
{
    *out = NULL;
    search_query *q = calloc(1, sizeof *q);
    if (!q)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    q->o = o ? *o : (search_opts){0};
    q->c = c;
    int rc = CR_OK;
    if (!pattern)
        pattern = "";
    switch (q->o.mode) {
    case SEARCH_KEYWORD:
        if (text_validate(pattern, strlen(pattern), "pattern", e)) {
            rc = e->code;
            break;
        }
        q->needle = fold_malloc(pattern, strlen(pattern), &q->needle_len);
        if (!q->needle)
            rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
        else if (q->needle_len == 0)
            rc = cr_error_set(e, CR_EINPUT, "", 0, 0, 0,
                              "empty search pattern");
        break;
    case SEARCH_REGEX:
        rc = compile_regex(q, pattern, e);
        break;
    case SEARCH_ENTITY:
        if (!*pattern)
            rc = cr_error_set(e, CR_EINPUT, "", 0, 0, 0, "empty entity name");
        else
            rc = compile_entity(q, pattern, e);
        break;
    default:
        rc = cr_error_set(e, CR_EINPUT, "", 0, 0, 0, "unknown search mode");
    }
    if (rc) {
        search_query_free(q);
        return rc;
    }
    *out = q;
    return CR_OK;
}

void search_query_free(search_query *q)
{
    if (!q)
        return;
    free(q->needle);
    if (q->re)
        pcre2_code_free(q->re);
    free(q->entity_mark);
    free(q);
}

size_t search_query_entities(const search_query *q) { return q ? q->n_matched : 0; }

/* ---- folded text per document ------------------------------------------- */

/* The folded text of one document and a map from folded offsets back to
 * cleaned offsets, kept as offmap segments whose "clean" side is the folded
 * text and whose "raw" side is the cleaned text (so offmap_raw and
 * offmap_raw_end do the lookups). Runs where every character folds to as
 * many bytes as it has are one segment; only characters whose folded form
 * changes length (full-width forms, ligatures, ignorables) get their own. */
typedef struct fbuf {
    char *fold;
    uint32_t len, cap;
    offmap_seg *segs;
    size_t n_segs, cap_segs;
    bool ready;
} fbuf;

static void fbuf_free(fbuf *f)
{
    free(f->fold);
    free(f->segs);
    memset(f, 0, sizeof *f);
}

struct search_index {
    const corpus *c;
    bool cache;                  /* keep each document's folded text */
    fbuf *docs;                  /* cache: one per document */
    fbuf scratch[POOL_MAX_THREADS]; /* no cache: one per worker, reused */
    size_t n;
};

search_index *search_index_new(const corpus *c, bool cache)
{
    search_index *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->c = c;
    x->n = c->n_docs;
    x->cache = cache;
    if (cache && !(x->docs = calloc(x->n ? x->n : 1, sizeof *x->docs))) {
        free(x);
        return NULL;
    }
    return x;
}

void search_index_free(search_index *x)
{
    if (!x)
        return;
    if (x->docs)
        for (size_t i = 0; i < x->n; i++)
            fbuf_free(&x->docs[i]);
    for (size_t w = 0; w < POOL_MAX_THREADS; w++)
        fbuf_free(&x->scratch[w]);
    free(x->docs);
    free(x);
}

static inline int add_seg(fbuf *f, uint32_t fo, uint32_t flen, uint32_t co, uint32_t clen)
{
    if (flen == 0 && clen == 0)
        return 0;
    if (f->n_segs) {    /* merge byte-for-byte runs, as offmap_add does */
        offmap_seg *l = &f->segs[f->n_segs - 1];
        if (l->clean_len == l->raw_len && flen == clen &&
            l->clean + l->clean_len == fo && l->raw + l->raw_len == co) {
            l->clean_len += flen;
            l->raw_len += clen;
            return 0;
        }
    }
    if (f->n_segs == f->cap_segs) {
        offmap_seg *ns = grow_array(f->segs, &f->cap_segs, sizeof *ns, 16);
        if (!ns)
            return -1;
        f->segs = ns;
    }
    f->segs[f->n_segs++] = (offmap_seg){fo, flen, co, clen, 0};
    return 0;
}

/* Fold s[0, n) into f (reusing its buffers).
 *
 * Folding every character through fold_cp costs a call, a two-level lookup
 * and a variable copy. Nearly all Chinese text is 3-byte UTF-8 whose folded
 * form is one 3-byte character too (Traditional->Simplified, or itself), or
 * one ASCII byte (full-width punctuation and digits): the inner loop takes
 * those from fold_bmp_one (fold.h) with one load and no branch on whether
 * the character changes, and ASCII directly. Both keep their length (or
 * shrink), so they need no room check (the buffer always has n - i bytes
 * plus slack left); only the full-width ones add a map segment. Everything
 * else goes through fold_cp one at a time. */
static int fold_doc(fbuf *f, const char *s, uint32_t n)
{
    f->len = 0;
    f->n_segs = 0;
    f->ready = false;
    size_t want = (size_t)n + n / 8 + 2 * FOLD_MAX_UTF8;
    if (!f->fold || f->cap < want) {
        if (want > UINT32_MAX)
            return -1;
        char *nb = realloc(f->fold, want);
        if (!nb)
            return -1;
        f->fold = nb;
        f->cap = (uint32_t)want;
    }
    char *out = f->fold;
    const uint8_t *u = (const uint8_t *)s;
    const uint16_t *to = fold_bmp_one;
    uint32_t o = 0, i = 0, run_f = 0, run_c = 0;
    for (;;) {
        /* invariant: f->cap - o >= n - i + FOLD_MAX_UTF8 */
        while (i + 3 <= n) {
            uint8_t b = u[i];
            if (b < 0x80) {        /* ASCII: only A-Z change */
                out[o++] = (char)((unsigned)(b - 'A') < 26u ? b + ('a' - 'A') : b);
                i++;
                continue;
            }
            if ((b & 0xF0) != 0xE0 || ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) >= 0x40)
                break;
            uint32_t c = ((uint32_t)(b & 0x0F) << 12) |
                         ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            uint32_t t = to[c];
            if (t < 0x800 || c < 0x800) {
                /* overlong, surrogate, a longer or 2-byte fold: fold_cp */
                if (t == 0 || t >= 0x80 || c < 0x800)
                    break;
                /* full-width ASCII: 3 bytes fold to 1, a map segment */
                if (add_seg(f, run_f, o - run_f, run_c, i - run_c) ||
                    add_seg(f, o, 1, i, 3))
                    return -1;
                out[o++] = (char)t;
                i += 3;
                run_f = o;
                run_c = i;
                continue;
            }
            /* No branch on whether the character changes: Traditional text
             * changes every few characters, unpredictably. */
            out[o] = (char)(0xE0 | (t >> 12));
            out[o + 1] = (char)(0x80 | ((t >> 6) & 0x3F));
            out[o + 2] = (char)(0x80 | (t & 0x3F));
            o += 3;
            i += 3;
        }
        if (i >= n)
            break;
        UChar32 cp;
        int32_t k = (int32_t)i;
        U8_NEXT(u, k, (int32_t)n, cp);
        uint32_t clen = (uint32_t)k - i;
        if (cp < 0)
            cp = 0xFFFD;
        uint32_t flen = (uint32_t)fold_cp(cp, out + o);
        if (flen != clen) {
            if (add_seg(f, run_f, o - run_f, run_c, i - run_c) ||
                add_seg(f, o, flen, i, clen))
                return -1;
            run_f = o + flen;
            run_c = i + clen;
        }
        o += flen;
        i += clen;
        if (flen > clen && (size_t)f->cap - o < (size_t)(n - i) + FOLD_MAX_UTF8) {
            size_t ncap = (size_t)f->cap * 2;
            if (ncap > UINT32_MAX)
                return -1;
            char *nb = realloc(f->fold, ncap);
            if (!nb)
                return -1;
            f->fold = out = nb;
            f->cap = (uint32_t)ncap;
        }
    }
    if (add_seg(f, run_f, o - run_f, run_c, n - run_c))
        return -1;
    f->len = o;
    f->ready = true;
    return 0;
}

/* ---- matching one document ---------------------------------------------- */

typedef struct hitvec {
    search_hit *v;
    size_t len, cap;
} hitvec;

static int push_hit(hitvec *h, uint32_t doc_i, uint32_t start, uint32_t end)
{
    if (h->len == h->cap) {
        search_hit *nv = grow_array(h->v, &h->cap, sizeof *nv, 16);
        if (!nv)
            return -1;
        h->v = nv;
    }
    h->v[h->len++] = (search_hit){doc_i, start, end};
    return 0;
}

/* Does some token start at off (want_end false) or end at off? Tokens
 * cover the text in order, so a binary search on start suffices. */
static bool token_edge(const doc *d, uint32_t off, bool want_end)
{
    size_t lo = 0, hi = d->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t key = want_end ? d->tokens[mid].end : d->tokens[mid].start;
        if (key < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->n_tokens) {
        uint32_t key = want_end ? d->tokens[lo].end : d->tokens[lo].start;
        if (key == off)
            return true;
    }
    return false;
}

static bool on_word_boundaries(const doc *d, uint32_t start, uint32_t end)
{
    return token_edge(d, start, false) && token_edge(d, end, true);
}

static size_t char_len_at(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 1;
    int32_t k = (int32_t)i;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
    (void)c;
    return (size_t)k - i;
}

/* memmem for a short needle in text. glibc's memmem is not vectorised and
 * its memchr is: look for the needle's last byte with memchr (for Chinese
 * text a continuation byte, each about one byte in a hundred), then
 * compare the rest. When the candidates turn out false too often (a byte
 * that is everywhere), the rest goes to memmem, so the worst case stays
 * linear. */
static const char *find_bytes(const char *h, size_t n, const char *nd, size_t m)
{
    if (m == 0)
        return h;
    if (m > n)
        return NULL;
    if (m == 1)
        return memchr(h, nd[0], n);
    const size_t k = m - 1;
    const char *p = h + k, *end = h + n;
    size_t misses = 0;
    while (p < end) {
        const char *q = memchr(p, nd[k], (size_t)(end - p));
        if (!q)
            return NULL;
        const char *at = q - k;
        if (q[-1] == nd[k - 1] && (k == 1 || memcmp(at, nd, k - 1) == 0))
            return at;
        if (++misses > 32 + (size_t)(q - h) / 16)
            return memmem(at + 1, (size_t)(end - at - 1), nd, m);
        p = q + 1;
    }
    return NULL;
}

/* Folded offsets to cleaned offsets for hits found in increasing order:
 * the same answers as offmap_raw and offmap_raw_end on the fold map, but a
 * cursor walks the segments forward instead of a binary search per hit
 * (a one-character query can have hundreds of thousands of hits). */
typedef struct map_cursor {
    const offmap_seg *segs;
    size_t n, k_start, k_end;
} map_cursor;

static uint32_t map_start(map_cursor *m, uint32_t off)
{
    if (!m->n)
        return off;
    size_t k = m->k_start;
    while (k + 1 < m->n && m->segs[k + 1].clean <= off)
        k++;
    m->k_start = k;
    const offmap_seg *s = &m->segs[k];
    if (off >= s->clean + s->clean_len)
        return s->raw + s->raw_len;
    return s->clean_len == s->raw_len ? s->raw + (off - s->clean) : s->raw;
}

static uint32_t map_end(map_cursor *m, uint32_t end)
{
    if (!m->n)
        return end;
    if (end == 0)
        return map_start(m, 0);
    uint32_t last = end - 1;
    size_t k = m->k_end;
    while (k + 1 < m->n && m->segs[k + 1].clean <= last)
        k++;
    m->k_end = k;
    const offmap_seg *s = &m->segs[k];
    if (last >= s->clean + s->clean_len)
        return s->raw + s->raw_len;
    return s->clean_len == s->raw_len ? s->raw + (last - s->clean) + 1
                                      : s->raw + s->raw_len;
}

/* Hits of q in folded text f, which is doc d's cleaned text from offset
 * base on. */
static int search_keyword(const search_query *q, const fbuf *f, const doc *d,
                          uint32_t doc_i, hitvec *h, uint32_t base)
{
    const char *fold = f->fold;
    map_cursor map = {.segs = f->segs, .n = f->n_segs};
    size_t pos = 0, max = q->o.max_hits;
    uint32_t last_end = 0;
    while (pos + q->needle_len <= f->len) {
        const char *p = find_bytes(fold + pos, f->len - pos, q->needle, q->needle_len);
        if (!p)
            break;
        uint32_t fs = (uint32_t)(p - fold), fe = fs + (uint32_t)q->needle_len;
        uint32_t cs = base + map_start(&map, fs), ce = base + map_end(&map, fe);
        /* A needle may start inside one character's folded expansion; two
         * such hits map to the same characters: keep the first. */
        bool keep = cs >= last_end && ce > cs;
        if (keep && q->o.word && !on_word_boundaries(d, cs, ce))
            keep = false;
        if (!keep) {
            pos = fs + 1;
            continue;
        }
        if (push_hit(h, doc_i, cs, ce))
            return -1;
        last_end = ce;
        pos = fe;
        if (max && h->len >= max)
            break;
    }
    return 0;
}

static int search_regex(const search_query *q, pcre2_match_data *md, const doc *d,
                        uint32_t doc_i, hitvec *h, cr_error *e)
{
    const char *s = d->text;
    size_t n = d->text_len, pos = 0, max = q->o.max_hits;
    uint32_t opts = 0;
    while (pos <= n) {
        int rc = pcre2_match(q->re, (PCRE2_SPTR)s, n, pos, opts, md, NULL);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0) {
            PCRE2_UCHAR msg[256];
            if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
                strcpy((char *)msg, "unknown error");
            size_t at = rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21
                            ? pcre2_get_startchar(md) : pos;
            return cr_error_set(e, CR_EINPUT, d->path, 0, at, 0,
                                "regex search in %s (cleaned text, byte %zu): %s",
                                d->id, at, (const char *)msg);
        }
        opts = PCRE2_NO_UTF_CHECK;   /* checked on the first call */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t ms = ov[0], me = ov[1];
        if (me <= ms || (q->o.word && !on_word_boundaries(d, (uint32_t)ms, (uint32_t)me))) {
            /* Empty match or not a word: retry one character further on. */
            pos = ms + char_len_at(s, n, ms);
            continue;
        }
        if (push_hit(h, doc_i, (uint32_t)ms, (uint32_t)me))
            return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
        pos = me;
        if (max && h->len >= max)
            break;
    }
    return 0;
}

static int cmp_hit(const void *a, const void *b)
{
    const search_hit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static int search_entity(const search_query *q, const doc *d, uint32_t doc_i,
                         hitvec *h)
{
    if (!q->n_matched)
        return 0;
    size_t first = h->len;
    for (size_t k = 0; k < d->n_mentions; k++) {
        const mention *m = &d->mentions[k];
        if (m->entity < 0 || (size_t)m->entity >= q->n_entity_mark ||
            !q->entity_mark[m->entity] || m->end <= m->start)
            continue;
        if (push_hit(h, doc_i, m->start, m->end))
            return -1;
    }
    /* Sorted and without overlaps, like the other modes. */
    if (h->len - first > 1)   /* h->v is NULL while nothing was found */
        qsort(h->v + first, h->len - first, sizeof *h->v, cmp_hit);
    size_t w = first;
    for (size_t r = first; r < h->len; r++)
        if (w == first || h->v[r].start >= h->v[w - 1].end)
            h->v[w++] = h->v[r];
    h->len = w;
    if (q->o.max_hits && h->len - first > q->o.max_hits)
        h->len = first + q->o.max_hits;
    return 0;
}

/* ---- prefilter on raw bytes --------------------------------------------- */

/* search_stream skips the cleaner for documents that cannot match. Every
 * code point of a keyword hit lies within the folded form of one character
 * of the cleaned text (folded forms are whole UTF-8 strings, and the needle
 * starts on a lead byte), and every character of the cleaned text is
 * copied from the raw file byte for byte, except what the cleaner writes
 * itself: line breaks, U+FFFD for damage, and characters decoded from
 * HTML entities. So for a needle code point q other than '\n' and U+FFFD,
 * a raw file without '&' whose bytes contain no code point that folds to
 * something holding q (fold_variants) has no hit. A needle code point with
 * few variants is looked for with find_bytes, one variant at a time; the
 * others (a Latin letter has about fifty: full-width, circled, math
 * alphanumerics...) together in one decoding pass. A document passes when
 * it holds some variant of every needle code point checked. */
enum {
    PRE_SMALL = 6,          /* variants looked for one at a time */
    PRE_MAX_SMALL = 4,      /* needle code points checked that way */
    PRE_MAX_LARGE = 8,      /* ...and in the decoding pass (bits of a byte) */
    PRE_VARIANTS = 512,     /* code points with more variants are not checked */
};

typedef struct pre_small {
    uint8_t n, len[PRE_SMALL];
    char s[PRE_SMALL][4];
} pre_small;

typedef struct prefilter {
    pre_small small[PRE_MAX_SMALL];
    size_t n_small;
    uint8_t *bmp;            /* 0x10000 entries: bit g = variant of large group g */
    /* 1 when some variant of a large group is a 2- or 3-byte character
     * that starts with these two bytes: (lead - 0xC0) << 6 | (second & 0x3F).
     * Lets the scan skip a Han character without looking it up. */
    uint8_t lead2[48 << 6];
    uint8_t all;             /* the bits of every large group */
    int32_t *supp;           /* supplementary variants and their bits, sorted */
    uint8_t *supp_bits;
    size_t n_supp;
    /* Sparse search in cleaned text (search_sparse): the variants of the
     * needle's first code point, when it has few and the needle no line
     * break. */
    bool sparse;
    pre_small first;
    /* The needle as code points, for checking a candidate in place
     * (verify_at); n_cps 0 when it is too long for that. */
    uint16_t cps[32];
    size_t n_cps;
    /* The needle's folded code points other than a line break and U+FFFD,
     * for a cached document's signature (cache.h). */
    uint32_t need[16];
    size_t n_need;
} prefilter;

static void prefilter_free(prefilter *p)
{
    if (!p)
        return;
    free(p->bmp);
    free(p->supp);
    free(p->supp_bits);
    free(p);
}

/* NULL when nothing can be checked (or out of memory: the prefilter only
 * saves time, so no prefilter is always correct). */
static prefilter *prefilter_new(const char *needle, size_t n)
{
    prefilter *p = calloc(1, sizeof *p);
    int32_t *v = malloc(PRE_VARIANTS * sizeof *v);
    int32_t seen[PRE_MAX_SMALL + PRE_MAX_LARGE];
    size_t n_seen = 0, n_large = 0;
    if (!p || !v)
        goto none;
    for (int32_t i = 0; i < (int32_t)n && n_seen < PRE_MAX_SMALL + PRE_MAX_LARGE;) {
        UChar32 q;
        U8_NEXT((const uint8_t *)needle, i, (int32_t)n, q);
        bool dup = false;
        for (size_t k = 0; k < n_seen; k++)
            dup |= seen[k] == q;
        if (q < 0 || q == '\n' || q == 0xFFFD || dup)
            continue;
        seen[n_seen++] = q;
        size_t nv = fold_variants(q, v, PRE_VARIANTS);
        bool usable = nv > 0 && nv <= PRE_VARIANTS;
        for (size_t k = 0; k < nv && usable; k++)
            usable = v[k] != '\n' && v[k] != 0xFFFD;
        if (!usable)
            continue;
        if (nv <= PRE_SMALL && p->n_small < PRE_MAX_SMALL) {
            pre_small *g = &p->small[p->n_small++];
            g->n = (uint8_t)nv;
            for (size_t k = 0; k < nv; k++) {
                size_t len = 0;
                U8_APPEND_UNSAFE(g->s[k], len, v[k]);
                g->len[k] = (uint8_t)len;
            }
            continue;
        }
        if (n_large == PRE_MAX_LARGE)
            continue;
        if (!p->bmp && !(p->bmp = calloc(0x10000, 1)))
            goto none;
        uint8_t bit = (uint8_t)(1u << n_large++);
        p->all |= bit;
        for (size_t k = 0; k < nv; k++) {
            if (v[k] < 0x10000) {
                p->bmp[v[k]] |= bit;
                if (v[k] >= 0x80) {
                    uint8_t b[3];
                    size_t bl = 0;
                    U8_APPEND_UNSAFE(b, bl, v[k]);
                    p->lead2[(b[0] - 0xC0) << 6 | (b[1] & 0x3F)] = 1;
                }
                continue;
            }
            size_t at = 0;
            while (at < p->n_supp && p->supp[at] < v[k])
                at++;
            if (at < p->n_supp && p->supp[at] == v[k]) {
                p->supp_bits[at] |= bit;
                continue;
            }
            int32_t *ns = realloc(p->supp, (p->n_supp + 1) * sizeof *ns);
            if (!ns)
                goto none;
            p->supp = ns;
            uint8_t *nb = realloc(p->supp_bits, p->n_supp + 1);
            if (!nb)
                goto none;
            p->supp_bits = nb;
            memmove(p->supp + at + 1, p->supp + at, (p->n_supp - at) * sizeof *ns);
            memmove(p->supp_bits + at + 1, p->supp_bits + at, p->n_supp - at);
            p->supp[at] = v[k];
            p->supp_bits[at] = bit;
            p->n_supp++;
        }
    }
    for (int32_t i = 0; i < (int32_t)n && p->n_need < sizeof p->need / sizeof p->need[0];) {
        UChar32 q;
        U8_NEXT((const uint8_t *)needle, i, (int32_t)n, q);
        bool dup = false;
        for (size_t k = 0; k < p->n_need; k++)
            dup |= p->need[k] == (uint32_t)q;
        if (q >= 0 && q != '\n' && q != 0xFFFD && !dup)
            p->need[p->n_need++] = (uint32_t)q;
    }
    /* A hit never spans a line of the cleaned text when the needle has no
     * line break and nothing else folds to one: then only the lines that
     * hold a variant of the needle's first code point need folding. */
    if (n && !memchr(needle, '\n', n) && fold_variants('\n', v, PRE_VARIANTS) == 1) {
        int32_t k = 0;
        UChar32 q0;
        U8_NEXT((const uint8_t *)needle, k, (int32_t)n, q0);
        size_t nv = q0 >= 0 ? fold_variants(q0, v, PRE_VARIANTS) : 0;
        if (nv >= 1 && nv <= PRE_SMALL) {
            p->sparse = true;
            size_t m = 0;
            bool bmp = true;
            for (int32_t i = 0; i < (int32_t)n && bmp;) {
                UChar32 q;
                U8_NEXT((const uint8_t *)needle, i, (int32_t)n, q);
                bmp = q > 0 && q < 0x10000 && m < sizeof p->cps / sizeof p->cps[0];
                if (bmp)
                    p->cps[m++] = (uint16_t)q;
            }
            p->n_cps = bmp ? m : 0;
            p->first.n = (uint8_t)nv;
            for (size_t j = 0; j < nv; j++) {
                size_t len = 0;
                U8_APPEND_UNSAFE(p->first.s[j], len, v[j]);
                p->first.len[j] = (uint8_t)len;
            }
        }
    }
    free(v);
    if (!p->n_small && !p->all && !p->sparse && !p->n_need) {
        prefilter_free(p);
        return NULL;
    }
    return p;
none:
    free(v);
    prefilter_free(p);
    return NULL;
}

/* False only when raw[0, n) cannot hold a hit. */
static bool prefilter_pass(const prefilter *p, const char *raw, size_t n)
{
    if (!p->n_small && !p->all)
        return true;
    if (memchr(raw, '&', n))
        return true;          /* an entity may stand for any character */
    for (size_t g = 0; g < p->n_small; g++) {
        const pre_small *s = &p->small[g];
        bool found = false;
        for (size_t k = 0; k < s->n && !found; k++)
            found = s->len[k] == 1 ? memchr(raw, s->s[k][0], n) != NULL
                                   : find_bytes(raw, n, s->s[k], s->len[k]) != NULL;
        if (!found)
            return false;
    }
    if (!p->all)
        return true;
    const uint8_t *u = (const uint8_t *)raw;
    uint8_t got = 0;
    for (size_t i = 0; i < n;) {
        /* Most characters of Chinese text are three bytes whose first two
         * already rule them out (no variant of the needle starts so): step
         * over those before decoding. An overlong or surrogate form passing
         * this test is skipped or decoded; either way harmless here. */
        if ((u[i] & 0xF0) == 0xE0 && n - i >= 3 &&
            ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40 &&
            !p->lead2[(u[i] - 0xC0) << 6 | (u[i + 1] & 0x3F)]) {
            i += 3;
            continue;
        }
        UChar32 c = utf8_next(u, n, &i);
        if (c < 0)
            continue;   /* ill-formed: U+FFFD at most, never a needle's */
        if (c < 0x10000) {
            got |= p->bmp[c];
        } else {
            size_t lo = 0, hi = p->n_supp;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (p->supp[mid] < c)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < p->n_supp && p->supp[lo] == c)
                got |= p->supp_bits[lo];
        }
        if (got == p->all)
            return true;
    }
    return false;
}

/* Does the needle start at t[at] (a variant of its first code point)?
 * While every character from there folds to exactly one BMP code point
 * (nearly all Chinese and Latin text) the folded text is the characters'
 * folds one for one, so comparing them with the needle's code points is
 * the same as finding the needle in the folded text: 1 with *end set when
 * it is there, 0 when not. -1 when a character folds to none or several
 * (an ignorable, a ligature, a circled number...) before a mismatch: the
 * caller then folds the line. */
static int verify_at(const prefilter *pre, const char *t, size_t n, size_t at, size_t *end)
{
    const uint8_t *u = (const uint8_t *)t;
    size_t i = at;
    for (size_t j = 0; j < pre->n_cps; j++) {
        if (i >= n)
            return 0;
        UChar32 c;
        if (u[i] < 0x80) {
            c = u[i++];
        } else {
            int32_t k = (int32_t)i;
            U8_NEXT(u, k, (int32_t)n, c);
            i = (size_t)k;
            if (c < 0 || c >= 0x10000)
                return -1;
        }
        uint32_t f = fold_bmp_one[c];
        if (!f)
            return -1;
        if (f != pre->cps[j])
            return 0;
    }
    *end = i;
    return 1;
}

/* Keyword search of doc d folding only the stretches of its cleaned text
 * from a variant of the needle's first code point to the end of its line
 * (pre->sparse): every hit starts in the folded form of such a character
 * and ends on the same line. Most candidates are checked in place
 * (verify_at) without folding anything. The hits are those search_keyword
 * finds in the whole folded text: in both, the next hit is the leftmost
 * one starting at or after the end of the last. */
static int search_sparse(const search_query *q, const prefilter *pre, fbuf *f,
                         const doc *d, uint32_t doc_i, hitvec *h)
{
    const char *t = d->text;
    size_t n = d->text_len, pos = 0, next[PRE_SMALL];
    for (size_t k = 0; k < pre->first.n; k++)
        next[k] = SIZE_MAX;
    while (pos < n) {
        size_t cand = n;
        for (size_t k = 0; k < pre->first.n; k++) {
            if (next[k] == SIZE_MAX || next[k] < pos) {
                const char *at = find_bytes(t + pos, n - pos, pre->first.s[k], pre->first.len[k]);
                next[k] = at ? (size_t)(at - t) : n;
            }
            if (next[k] < cand)
                cand = next[k];
        }
        if (cand >= n)
            break;
        size_t end = 0;
        int v = pre->n_cps ? verify_at(pre, t, n, cand, &end) : -1;
        if (v == 1) {
            if (push_hit(h, doc_i, (uint32_t)cand, (uint32_t)end))
                return -1;
            if (q->o.max_hits && h->len >= q->o.max_hits)
                break;
            pos = end;
            continue;
        }
        if (v == 0) {
            pos = cand + char_len_at(t, n, cand);
            continue;
        }
        /* From the candidate (no hit starts before it) to its line's end. */
        const char *nl = memchr(t + cand, '\n', n - cand);
        size_t ls = cand, le = nl ? (size_t)(nl - t) : n;
        if (fold_doc(f, t + ls, (uint32_t)(le - ls)) ||
            search_keyword(q, f, d, doc_i, h, (uint32_t)ls))
            return -1;
        if (q->o.max_hits && h->len >= q->o.max_hits)
            break;
        pos = le + 1;
    }
    f->ready = false;     /* it holds a line, not the document */
    return 0;
}

/* ---- running over the corpus -------------------------------------------- */

/* Memory a streaming worker keeps from one document for the next. */
#define DOC_KEEP ((size_t)16 << 20)

typedef struct run_ctx {
    const search_query *q;
    corpus *c;
    search_index *x;
    const uint8_t *mask;
    hitvec *per_doc;             /* search_run: hits per document */
    pcre2_match_data **md;       /* per worker */
    /* search_stream */
    const load_opts *lo;
    search_emit_fn emit;
    void *emit_ctx;
    hitvec *per_worker;
    arena *scratch;              /* per worker: the cleaner's temporary memory */
    arena *docmem;               /* per worker: memory of released documents */
    struct open_dir *dirs;       /* per worker: the directory last read from */
    const prefilter *pre;        /* keyword: skip documents that cannot match */
    clean_cache *cache;          /* cleaned documents from earlier runs, or NULL */
    load_opts lo_read;           /* lo, reading without validating (cache) */
    atomic_size_t total;
    /* The error reported is that of the lowest document index, so that it
     * does not depend on thread timing. Documents after it are skipped. */
    pthread_mutex_t lock;
    atomic_size_t bad;           /* lowest failing index, SIZE_MAX if none */
    cr_error err;
} run_ctx;

static void fail(run_ctx *r, size_t i, const cr_error *e)
{
    pthread_mutex_lock(&r->lock);
    if (i < atomic_load(&r->bad)) {
        atomic_store(&r->bad, i);
        r->err = *e;
    }
    pthread_mutex_unlock(&r->lock);
}

/* Search cleaned document d (index i) into h with query q. refold: fold
 * the text into the worker's scratch buffer even if it holds something
 * (false: it holds this document already). */
static int search_one(run_ctx *r, const search_query *q, doc *d, size_t i,
                      unsigned worker, hitvec *h, bool refold, cr_error *e)
{
    switch (q->o.mode) {
    case SEARCH_KEYWORD: {
        search_index *x = r->x;
        fbuf *f = x->cache ? &x->docs[i] : &x->scratch[worker];
        if (!x->cache && refold && r->pre && r->pre->sparse && !r->q->o.word) {
            if (search_sparse(q, r->pre, f, d, (uint32_t)i, h))
                break;
            return CR_OK;
        }
        if (((!x->cache && refold) || !f->ready) &&
            fold_doc(f, d->text, d->text_len))
            break;
        if (search_keyword(q, f, d, (uint32_t)i, h, 0))
            break;
        return CR_OK;
    }
    case SEARCH_REGEX:
        return search_regex(q, r->md[worker], d, (uint32_t)i, h, e);
    case SEARCH_ENTITY:
        if (search_entity(q, d, (uint32_t)i, h))
            break;
        return CR_OK;
    }
    return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
}

static void run_doc(void *arg, size_t i, unsigned worker)
{
    run_ctx *r = arg;
    if (i > atomic_load_explicit(&r->bad, memory_order_relaxed))
        return;
    if (r->mask && !r->mask[i])
        return;
    doc *d = r->c->docs[i];
    cr_error e;
    cr_error_clear(&e);
    if (!d->text && text_clean(d, &e)) {
        fail(r, i, &e);
        return;
    }
    if (r->q->o.word && !d->tokens && d->text_len) {
        /* Segment on demand only with the corpus's lexicon: tokens made
         * without it would differ from what corpus_run makes later. */
        if (!r->c->lexicon)
            cr_error_set(&e, CR_EINPUT, d->path, 0, 0, 0,
                         "word search needs segmented documents (run STAGE_SEGMENT first)");
        if (!r->c->lexicon || segment_document(d, r->c->lexicon, &e)) {
            fail(r, i, &e);
            return;
        }
    }
    if (search_one(r, r->q, d, i, worker, &r->per_doc[i], true, &e))
        fail(r, i, &e);
}

/* Give back everything read or derived from a document's text (its
 * arena); it stays in the corpus with its id and metadata and empty text.
 * The memory goes to *recycle (emptied, blocks kept) for the next document
 * the worker reads, when that is free, else back to the system. */
static void release_doc(doc *d, arena *recycle)
{
    if (recycle && !recycle->head && !recycle->spare) {
        arena_reset(&d->arena, DOC_KEEP);
        *recycle = d->arena;
    } else {
        arena_free(&d->arena);
    }
    doc keep = {.id = d->id, .path = d->path, .title = d->title,
                .outlet = d->outlet, .date = d->date, .script = d->script};
    *d = keep;
    d->raw = d->text = (char *)"";
    arena_init(&d->arena);
}

/* The directory a worker last read a file from, open, so that the next
 * file of the same directory is opened by its name alone (text_load_at):
 * the kernel does not walk the whole path again for each file. */
typedef struct open_dir {
    char *dir;
    size_t len;
    int fd;                      /* -1: none (then files are opened by path) */
} open_dir;

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

static int load_doc(open_dir *od, doc *d, const load_opts *lo, cr_error *e)
{
    const char *slash = strrchr(d->path, '/');
    if (!od || !slash || slash == d->path || !slash[1])
        return text_load(d, d->path, lo, e);
    size_t len = (size_t)(slash - d->path);
    if (od->fd < 0 || od->len != len || memcmp(od->dir, d->path, len) != 0) {
        if (od->fd >= 0)
            close(od->fd);
        od->fd = -1;
        char *nd = realloc(od->dir, len + 1);
        if (!nd)
            return text_load(d, d->path, lo, e);
        memcpy(nd, d->path, len);
        nd[len] = '\0';
        od->dir = nd;
        od->len = len;
        od->fd = open(nd, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (od->fd < 0)
            return text_load(d, d->path, lo, e);
    }
    return text_load_at(d, od->fd, slash + 1, d->path, lo, e);
}

static void stream_doc(void *arg, size_t i, unsigned worker)
{
    run_ctx *r = arg;
    if (i > atomic_load_explicit(&r->bad, memory_order_relaxed))
        return;
    doc *d = r->c->docs[i];
    cr_error e;
    cr_error_clear(&e);
    hitvec *h = &r->per_worker[worker];
    h->len = 0;
    arena *mem = &r->docmem[worker];
    bool lenient = r->lo && r->lo->lenient, unchecked = false;
    if (!d->raw) {
        if (!d->arena.head && !d->arena.spare) {   /* read into reused memory */
            d->arena = *mem;
            arena_init(mem);
        }
        /* With a cache, UTF-8 is checked below, only for files it does
         * not know (their bytes were checked when they were stored). */
        if (load_doc(r->dirs ? &r->dirs[worker] : NULL, d,
                     r->cache ? &r->lo_read : r->lo, &e))
            goto failed;
        unchecked = r->cache && !lenient;
    }
    cache_key key;
    cache_sig sig;
    enum cache_hit known = CACHE_MISS;
    if (r->cache && !d->text) {
        clean_cache_key(r->cache, d, lenient, &key);
        known = clean_cache_get(r->cache, d, &key, false, &sig);
    }
    if (unchecked && known == CACHE_MISS && text_validate(d->raw, d->raw_len, d->path, &e))
        goto failed;
    /* A known document's signature answers the prefilter without a scan;
     * a cleaned one is searched at once (the sparse search is as quick). */
    bool can_match = true;
    if (r->pre && known != CACHE_MISS)
        for (size_t k = 0; k < r->pre->n_need && can_match; k++)
            can_match = cache_sig_has(&sig, r->pre->need[k]);
    if (r->pre && !d->text &&
        (!can_match || (known != CACHE_CLEAN && !prefilter_pass(r->pre, d->raw, d->raw_len)))) {
        if (r->cache && known == CACHE_MISS)
            clean_cache_put_valid(r->cache, d, &key);
        release_doc(d, mem);   /* no hit possible: not even cleaned */
        r->emit(r->emit_ctx, i, d, NULL, 0);
        return;
    }
    if (!d->text && !(known == CACHE_CLEAN &&
                      clean_cache_get(r->cache, d, &key, true, NULL) == CACHE_CLEAN)) {
        if (text_clean_scratch(d, &r->scratch[worker], &e))
            goto failed;
        if (r->cache)
            clean_cache_put(r->cache, d, &key);
    }
    bool refold = true;
    if (r->q->o.word && !d->tokens) {
        /* Segmenting costs far more than searching: only documents with a
         * hit somewhere are segmented, then the hits checked for words. */
        search_query any = *r->q;
        any.o.word = false;
        any.o.max_hits = 1;
        if (search_one(r, &any, d, i, worker, h, true, &e))
            goto failed;
        refold = false;
        if (h->len && (h->len = 0, segment_document(d, r->c->lexicon, &e)))
            goto failed;
    }
    if ((d->tokens || !r->q->o.word) && search_one(r, r->q, d, i, worker, h, refold, &e))
        goto failed;
    atomic_fetch_add(&r->total, h->len);
    r->emit(r->emit_ctx, i, d, h->v, h->len);
    release_doc(d, mem);
    return;
failed:
    fail(r, i, &e);
}

static int run_setup(run_ctx *r, const search_query *q, corpus *c, search_index *x,
                     unsigned workers, pcre2_match_data **md, cr_error *e)
{
    *r = (run_ctx){.q = q, .c = c, .x = x, .md = md};
    pthread_mutex_init(&r->lock, NULL);
    atomic_init(&r->bad, SIZE_MAX);
    atomic_init(&r->total, 0);
    cr_error_clear(&r->err);
    if (q->re)
        for (unsigned w = 0; w < workers; w++)
            if (!(md[w] = pcre2_match_data_create_from_pattern(q->re, NULL)))
                return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    return CR_OK;
}

static int run_finish(run_ctx *r, unsigned workers, int rc, cr_error *e)
{
    if (!rc && atomic_load(&r->bad) != SIZE_MAX) {
        *e = r->err;
        rc = r->err.code ? r->err.code : CR_EINPUT;
    }
    for (unsigned w = 0; w < workers; w++)
        if (r->md[w])
            pcre2_match_data_free(r->md[w]);
    pthread_mutex_destroy(&r->lock);
    return rc;
}

int search_run(const search_query *q, search_index *x, const uint8_t *mask,
               search_hits *out, cr_error *e)
{
    corpus *c = (corpus *)q->c;   /* documents are cleaned on demand */
    if (!x || x->c != c || x->n != c->n_docs)
        return cr_error_set(e, CR_EINPUT, "", 0, 0, 0,
                            "search index does not belong to this corpus");
    size_t n = c->n_docs;
    unsigned workers = pool_workers(n, q->o.threads);
    pcre2_match_data *md[POOL_MAX_THREADS] = {0};
    run_ctx r;
    int rc = run_setup(&r, q, c, x, workers, md, e);
    r.mask = mask;
    r.per_doc = calloc(n ? n : 1, sizeof *r.per_doc);
    uint32_t *counts = calloc(n ? n : 1, sizeof *counts);
    if (!rc && (!r.per_doc || !counts))
        rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    if (!rc)
        pool_for(n, workers, run_doc, &r);
    rc = run_finish(&r, workers, rc, e);
    if (!rc) {
        size_t total = out->len;
        for (size_t i = 0; i < n; i++)
            total += r.per_doc[i].len;
        if (total > out->cap) {
            search_hit *nv = realloc(out->v, total * sizeof *nv);
            if (!nv)
                rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
            else {
                out->v = nv;
                out->cap = total;
            }
        }
    }
    if (!rc) {
        for (size_t i = 0; i < n; i++) {
            if (r.per_doc[i].len)   /* v is NULL for a document with no hits */
                memcpy(out->v + out->len, r.per_doc[i].v, r.per_doc[i].len * sizeof *out->v);
            out->len += r.per_doc[i].len;
            counts[i] = (uint32_t)r.per_doc[i].len;
        }
        if (out->per_doc && out->n_docs == n) {
            for (size_t i = 0; i < n; i++)
                out->per_doc[i] += counts[i];
        } else {
            free(out->per_doc);
            out->per_doc = counts;
            out->n_docs = n;
            counts = NULL;
        }
    }
    if (r.per_doc)
        for (size_t i = 0; i < n; i++)
            free(r.per_doc[i].v);
    free(r.per_doc);
    free(counts);
    return rc;
}

static void prepare_doc(void *arg, size_t i, unsigned worker)
{
    (void)worker;
    run_ctx *r = arg;
    if (i > atomic_load_explicit(&r->bad, memory_order_relaxed))
        return;
    doc *d = r->c->docs[i];
    fbuf *f = &r->x->docs[i];
    cr_error e;
    cr_error_clear(&e);
    if (!d->text && text_clean(d, &e)) {
        fail(r, i, &e);
        return;
    }
    if (!f->ready && fold_doc(f, d->text, d->text_len)) {
        cr_error_set(&e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
        fail(r, i, &e);
    }
}

int search_index_prepare(search_index *x, unsigned threads, cr_error *e)
{
    if (!x->cache)
        return CR_OK;
    run_ctx r = {.c = (corpus *)x->c, .x = x};
    pthread_mutex_init(&r.lock, NULL);
    atomic_init(&r.bad, SIZE_MAX);
    pool_for(x->n, pool_workers(x->n, threads), prepare_doc, &r);
    int rc = CR_OK;
    if (atomic_load(&r.bad) != SIZE_MAX) {
        *e = r.err;
        rc = r.err.code ? r.err.code : CR_EINPUT;
    }
    pthread_mutex_destroy(&r.lock);
    return rc;
}

int search_stream(const search_query *q, corpus *c, const load_opts *lo,
                  search_emit_fn emit, void *ctx, size_t *total, cr_error *e)
{
    return search_stream_cached(q, c, lo, NULL, emit, ctx, total, e);
}

int search_stream_cached(const search_query *q, corpus *c, const load_opts *lo,
                         struct clean_cache *cache, search_emit_fn emit, void *ctx,
                         size_t *total, cr_error *e)
{
    if (q->c != c || q->o.mode == SEARCH_ENTITY)
        return cr_error_set(e, CR_EINPUT, "", 0, 0, 0,
                            "search_stream: keyword or regex queries on their own corpus only");
    search_index *x = search_index_new(c, false);
    if (!x)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    size_t n = c->n_docs;
    unsigned workers = pool_workers(n, q->o.threads);
    pcre2_match_data *md[POOL_MAX_THREADS] = {0};
    hitvec per_worker[POOL_MAX_THREADS] = {{0}};
    run_ctx r;
    int rc = run_setup(&r, q, c, x, workers, md, e);
    r.lo = lo;
    r.cache = cache;
    if (lo)
        r.lo_read = *lo;
    r.lo_read.lenient = true;
    r.emit = emit;
    r.emit_ctx = ctx;
    r.per_worker = per_worker;
    prefilter *pre = NULL;
    if (q->o.mode == SEARCH_KEYWORD)
        r.pre = pre = prefilter_new(q->needle, q->needle_len);
    arena scratch[POOL_MAX_THREADS], docmem[POOL_MAX_THREADS];
    open_dir dirs[POOL_MAX_THREADS];
    for (unsigned w = 0; w < POOL_MAX_THREADS; w++) {
        arena_init(&scratch[w]);
        arena_init(&docmem[w]);
        dirs[w] = (open_dir){NULL, 0, -1};
    }
    r.scratch = scratch;
    r.docmem = docmem;
    r.dirs = dirs;
    if (!rc)
        pool_for(n, workers, stream_doc, &r);
    for (unsigned w = 0; w < POOL_MAX_THREADS; w++) {
        arena_free(&scratch[w]);
        arena_free(&docmem[w]);
        if (dirs[w].fd >= 0)
            close(dirs[w].fd);
        free(dirs[w].dir);
    }
    prefilter_free(pre);
    rc = run_finish(&r, workers, rc, e);
    if (total)
        *total = atomic_load(&r.total);
    for (unsigned w = 0; w < workers; w++)
        free(per_worker[w].v);
    search_index_free(x);
    return rc;
}

void search_hits_free(search_hits *h)
{
    free(h->v);
    free(h->per_doc);
    memset(h, 0, sizeof *h);
}

/* ---- raw positions -------------------------------------------------------- */

struct search_lines {
    const doc *d;
    uint32_t *nl;                /* offsets of '\n' in doc->raw */
    size_t n;
    /* cursor: the column of raw offset cur_off on line cur_line, so that
     * hits in order are counted from the previous one, not the line start */
    size_t cur_line, cur_col;
    uint32_t cur_off;
};

search_lines *search_lines_new(const doc *d)
{
    search_lines *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->d = d;
    size_t cap = 0;
    const char *p = d->raw, *end = d->raw + d->raw_len;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        if (l->n == cap) {
            cap = cap ? cap * 2 : 64;
            uint32_t *nn = realloc(l->nl, cap * sizeof *nn);
            if (!nn) {
                search_lines_free(l);
                return NULL;
            }
            l->nl = nn;
        }
        l->nl[l->n++] = (uint32_t)(p - d->raw);
        p++;
    }
    return l;
}

void search_lines_free(search_lines *l)
{
    if (!l)
        return;
    free(l->nl);
    free(l);
}

/* Characters in raw[from, to), counted as U8_NEXT does (a bad sequence
 * is one character), so columns agree with doc_raw_position. */
static size_t count_chars(const char *raw, uint32_t from, uint32_t to)
{
    size_t n = 0;
    const uint8_t *u = (const uint8_t *)raw;
    for (uint32_t i = from; i < to;) {
        if (u[i] < 0x80) {
            i++;
        } else if (to - i >= 3 && u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED &&
                   ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40) {
            i += 3;      /* a well-formed 3-byte character (most Chinese) */
        } else {
            int32_t k = (int32_t)i;
            UChar32 c;
            U8_NEXT((const uint8_t *)raw, k, (int32_t)to, c);
            (void)c;
            i = (uint32_t)k;
        }
        n++;
    }
    return n;
}

void search_lines_pos(search_lines *l, uint32_t start, uint32_t end, search_pos *out)
{
    const doc *d = l->d;
    uint32_t rs = offmap_raw(&d->map, start);
    uint32_t re = end > start ? offmap_raw_end(&d->map, end) : rs;
    if (rs > d->raw_len)
        rs = (uint32_t)d->raw_len;
    if (re < rs)
        re = rs;
    if (re > d->raw_len)
        re = (uint32_t)d->raw_len;
    /* line = 1 + newlines before rs */
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->nl[mid] < rs)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t line = lo + 1;
    uint32_t line_start = lo ? l->nl[lo - 1] + 1 : 0;
    size_t col;
    if (l->cur_line == line && l->cur_off <= rs)
        col = l->cur_col + count_chars(d->raw, l->cur_off, rs);
    else
        col = 1 + count_chars(d->raw, line_start, rs);
    l->cur_line = line;
    l->cur_off = rs;
    l->cur_col = col;
    out->raw_start = rs;
    out->raw_end = re;
    out->line = line;
    out->col = col;
}
