/* lexicon.c — loading lexicon TSV files and matching their aliases.
 *
 * Index: one open-addressing hash table holding every folded alias key and
 * every prefix of it (at UTF-8 character boundaries). lexicon_match folds
 * the text one code point at a time, extends an FNV-1a hash incrementally
 * and stops at the first prefix that is not in the table, so a failed
 * lookup (the common case) costs one fold and one probe. The table is
 * rebuilt after each file from the alias records, in definition order, so
 * "later wins" falls out of the build order.
 */
#include "lexicon.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "arena.h"
#include "entities.h"
#include "fold.h"
#include "paths.h"

enum {
    KEY_MAX = 255,          /* longest folded alias, in bytes */
    ID_MAX = 64,
    /* Source bytes that can fold into KEY_MAX bytes, plus one character
     * for the boundary check: every code point folds to at least 1 byte. */
    SCAN_MAX = KEY_MAX * 4 + 8,
    NEED_START = 1, NEED_END = 2,
    FIRST_BITS = 1 << 16, FIRST_MASK = FIRST_BITS - 1,
    PREFIX_BITS = 1 << 19, PREFIX_MASK = PREFIX_BITS - 1,
    PAIR_BITS = 1 << 17, PAIR_MASK = PAIR_BITS - 1,
};
#define FILE_MAX ((size_t)64 * 1024 * 1024)

typedef struct ent {
    lex_entry pub;
    uint32_t gen;           /* bumped when a later file redefines the id */
} ent;

typedef struct arec {       /* one folded alias key of one entry */
    uint32_t entry, gen;
    const char *key;
    uint32_t len;
} arec;

typedef struct node {
    const char *key;        /* NULL: empty slot */
    uint32_t len, hash;
    int32_t entry;          /* -1: only a prefix of some alias */
    uint8_t flags;
} node;

typedef struct strmap {     /* id -> entry index */
    struct slot { const char *key; uint32_t val; } *slots;
    size_t mask, n;
} strmap;

struct lexicon {
    arena a;
    ent **ents;
    size_t n_ents, cap_ents;
    arec *recs;
    size_t n_recs, cap_recs;
    node *nodes;
    size_t mask;
    /* Bit (hash of the first folded character) & FIRST_MASK is set when
     * some alias starts with that character: most text positions are
     * rejected here without touching the larger node table. */
    uint64_t first[FIRST_BITS / 64];
    /* Bit c is set when BMP code point c, as written in the text, passes
     * that test: a match at a position is ruled out without folding. */
    uint64_t first_bmp[0x10000 / 64];
    /* Bit hash & PREFIX_MASK is set for every key in the node table: a
     * failed extension (most of them) is found here, in 64 KB that stay in
     * cache, instead of by a probe into the much larger table. */
    uint64_t prefix[PREFIX_BITS / 64];
    /* The same for whole aliases only: a key that is just a prefix needs
     * no probe either (a longer key's probe finds whether it exists). */
    uint64_t whole[PREFIX_BITS / 64];
    /* The quick refusal of match_core (most calls): bit f of lone is set
     * when some key is the single BMP code point f; bit pair_hash(f1, f2)
     * of pair when some key begins with the code points f1 f2. */
    uint64_t lone[0x10000 / 64];
    uint64_t pair[PAIR_BITS / 64];
    strmap ids;
};

/* ---- hashing and folding ------------------------------------------------- */

static uint32_t fnv(uint32_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)p[i]) * 16777619u;
    return h;
}
#define FNV_INIT 2166136261u

/* Folded key of one code point: fold.h's key, plus the variants of the
 * dot that joins transliterated names and of the hyphen, which NFKC keeps
 * apart but which news text uses interchangeably. */
static size_t key_cp(UChar32 c, char out[FOLD_MAX_UTF8])
{
    if (c < 0x80) {
        out[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return 1;
    }
    switch (c) {
    case 0x2027: case 0x30FB: case 0xFF65: case 0x2022: case 0x2219:
    case 0x22C5: case 0x0387: case 0x16EB: case 0x2E31:
        c = 0x00B7;
        break;
    case 0x2010: case 0x2011: case 0x2012:
        return out[0] = '-', 1;
    }
    return fold_cp(c, out);
}

/* The key of c when it is one BMP code point that key_cp can tell from
 * tables (fold.h's fold_bmp_one), else 0: key_cp(c) is then exactly that
 * code point in UTF-8. */
static inline int32_t simple_key(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    switch (c) {
    case 0x2027: case 0x30FB: case 0xFF65: case 0x2022: case 0x2219:
    case 0x22C5: case 0x0387: case 0x16EB: case 0x2E31:
        return fold_bmp_one[0x00B7];
    case 0x2010: case 0x2011: case 0x2012:
        return '-';
    }
    return c < 0x10000 ? fold_bmp_one[c] : 0;
}

static inline uint32_t pair_hash(int32_t f1, int32_t f2)
{
    return (((uint32_t)f1 * 0x9E3779B1u) ^ (uint32_t)f2 * 0x85EBCA77u) >> 15 & PAIR_MASK;
}

/* A letter or digit of a script written with spaces between words: such a
 * character next to an alias means the alias is only part of a word. */
static bool word_cp(UChar32 c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    if (!u_isalnum(c))
        return false;
    UErrorCode st = U_ZERO_ERROR;
    switch (uscript_getScript(c, &st)) {
    case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL: case USCRIPT_BOPOMOFO: case USCRIPT_YI:
    case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
        return false;
    default:
        return !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
    }
}

/* Folded key of [s, s+n) into out (KEY_MAX + FOLD_MAX_UTF8 bytes); returns
 * its length, or SIZE_MAX if longer than KEY_MAX. s must be valid UTF-8. */
static size_t key_of(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            c = 0xFFFD;
        char buf[FOLD_MAX_UTF8];
        size_t fl = key_cp(c, buf);
        if (o + fl > KEY_MAX)
            return SIZE_MAX;
        memcpy(out + o, buf, fl);
        o += fl;
    }
    return o;
}

/* ---- id map -------------------------------------------------------------- */

static struct slot *strmap_slot(const strmap *m, const char *key)
{
    if (!m->slots)
        return NULL;
    uint32_t h = fnv(FNV_INIT, key, strlen(key));
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask)
        if (!m->slots[i].key || !strcmp(m->slots[i].key, key))
            return &m->slots[i];
}

static const uint32_t *strmap_get(const strmap *m, const char *key)
{
    struct slot *s = strmap_slot(m, key);
    return s && s->key ? &s->val : NULL;
}

/* Insert or overwrite; the key must outlive the map. */
static int strmap_put(strmap *m, const char *key, uint32_t val)
{
    if (!m->slots || (m->n + 1) * 2 > m->mask + 1) {
        size_t cap = m->slots ? (m->mask + 1) * 2 : 64;
        strmap old = *m;
        m->slots = calloc(cap, sizeof *m->slots);
        if (!m->slots) {
            *m = old;
            return CR_ENOMEM;
        }
        m->mask = cap - 1;
        m->n = 0;
        for (size_t i = 0; old.slots && i <= old.mask; i++)
            if (old.slots[i].key)
                strmap_put(m, old.slots[i].key, old.slots[i].val);
        free(old.slots);
    }
    struct slot *s = strmap_slot(m, key);
    if (!s->key) {
        s->key = key;
        m->n++;
    }
    s->val = val;
    return CR_OK;
}

/* ---- index --------------------------------------------------------------- */

static node *find_node(node *nodes, size_t mask, const char *k, size_t len, uint32_t h)
{
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        node *nd = &nodes[i];
        if (!nd->key || (nd->hash == h && nd->len == len && !memcmp(nd->key, k, len)))
            return nd;
    }
}

static uint8_t key_flags(const char *k, size_t len)
{
    UChar32 first, last;
    int32_t i = 0, n = (int32_t)len;
    U8_NEXT(k, i, n, first);
    i = n;
    U8_PREV(k, 0, i, last);
    return (uint8_t)((word_cp(first) ? NEED_START : 0) | (word_cp(last) ? NEED_END : 0));
}

static int rebuild(lexicon *lx)
{
    size_t want = 16;
    for (size_t r = 0; r < lx->n_recs; r++)   /* one node per character */
        for (size_t p = 0; p < lx->recs[r].len; want++)
            U8_FWD_1(lx->recs[r].key, p, lx->recs[r].len);
    size_t cap = 64;
    while (cap < want * 2)
        cap *= 2;
    node *nodes = calloc(cap, sizeof *nodes);
    if (!nodes)
        return CR_ENOMEM;
    size_t mask = cap - 1;
    memset(lx->first, 0, sizeof lx->first);
    memset(lx->prefix, 0, sizeof lx->prefix);
    memset(lx->whole, 0, sizeof lx->whole);
    memset(lx->lone, 0, sizeof lx->lone);
    memset(lx->pair, 0, sizeof lx->pair);
    for (size_t r = 0; r < lx->n_recs; r++) {
        const arec *rec = &lx->recs[r];
        if (rec->gen != lx->ents[rec->entry]->gen)
            continue;       /* the entry was redefined since */
        {
            int32_t i = 0, n = (int32_t)rec->len;
            UChar32 f1, f2;
            U8_NEXT(rec->key, i, n, f1);
            if (i == n) {
                if (f1 >= 0 && f1 < 0x10000)
                    lx->lone[f1 >> 6] |= (uint64_t)1 << (f1 & 63);
            } else {
                U8_NEXT(rec->key, i, n, f2);
                uint32_t ph = pair_hash(f1, f2);
                lx->pair[ph >> 6] |= (uint64_t)1 << (ph & 63);
            }
        }
        uint32_t h = FNV_INIT;
        for (size_t p = 0; p < rec->len;) {
            size_t q = p;
            U8_FWD_1(rec->key, q, rec->len);
            h = fnv(h, rec->key + p, q - p);
            if (p == 0)
                lx->first[(h & FIRST_MASK) >> 6] |= (uint64_t)1 << (h & 63);
            p = q;
            node *nd = find_node(nodes, mask, rec->key, p, h);
            lx->prefix[(h & PREFIX_MASK) >> 6] |= (uint64_t)1 << (h & 63);
            if (!nd->key) {
                nd->key = rec->key;
                nd->len = (uint32_t)p;
                nd->hash = h;
                nd->entry = -1;
            }
            if (p == rec->len) {
                lx->whole[(h & PREFIX_MASK) >> 6] |= (uint64_t)1 << (h & 63);
                nd->entry = (int32_t)rec->entry;   /* later wins */
                nd->flags = key_flags(rec->key, rec->len);
            }
        }
    }
    memset(lx->first_bmp, 0, sizeof lx->first_bmp);
    for (UChar32 c = 0; c < 0x10000; c++) {
        char buf[FOLD_MAX_UTF8];
        size_t fl = key_cp(c, buf), c1 = 0;
        if (!fl)
            continue;
        U8_FWD_1(buf, c1, fl);
        uint32_t h1 = fnv(FNV_INIT, buf, c1);
        if (lx->first[(h1 & FIRST_MASK) >> 6] & ((uint64_t)1 << (h1 & 63)))
            lx->first_bmp[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    free(lx->nodes);
    lx->nodes = nodes;
    lx->mask = mask;
    return CR_OK;
}

/* ---- matching ------------------------------------------------------------ */

/* Whether the character before off in text is a word character; computed
 * only when an alias that needs a boundary has matched. */
static bool word_before(const char *text, size_t off)
{
    if (!text || off == 0)
        return false;
    /* only the last few bytes matter; keeps the index in int32_t */
    size_t base = off > 8 ? off - 8 : 0;
    int32_t i = (int32_t)(off - base);
    UChar32 c;
    U8_PREV(text + base, 0, i, c);
    return c >= 0 && word_cp(c);
}

/* Longest match at text + off; text == NULL: no character before. */
static size_t match_core(const lexicon *lx, const char *text, size_t off,
                         size_t len, const lex_entry **out)
{
    *out = NULL;
    if (!lx || !lx->nodes || off >= len)
        return 0;
    const char *s = text + off;
    size_t n = len - off;
    if (n > SCAN_MAX)
        n = SCAN_MAX;
    char key[KEY_MAX + FOLD_MAX_UTF8];
    size_t klen = 0, pos = 0, best = 0;
    uint32_t h = FNV_INIT;
    const node *bn = NULL;
    int prev_word = -1;     /* unknown until needed */
    {
        /* Quick refusal: when the first two characters are plain
         * one-code-point keys f1 f2, no key is f1 alone and no key begins
         * f1 f2, nothing matches here; the loop below would find the same
         * after folding and hashing both. */
        UChar32 c;
        size_t i = 0;
        U8_NEXT(s, i, n, c);
        if (c < 0 || (c < 0x10000 && !(lx->first_bmp[c >> 6] >> (c & 63) & 1)))
            return 0;
        int32_t f1 = simple_key(c);
        if (f1 && !(lx->lone[f1 >> 6] >> (f1 & 63) & 1)) {
            if (i >= n)
                return 0;
            U8_NEXT(s, i, n, c);
            int32_t f2 = c < 0 ? 0 : simple_key(c);
            uint32_t ph = f2 ? pair_hash(f1, f2) : 0;
            if (f2 && !(lx->pair[ph >> 6] >> (ph & 63) & 1))
                return 0;
        }
    }
    while (pos < n) {
        UChar32 c;
        size_t i = pos;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            break;
        if (klen == 0 && c < 0x10000 && !(lx->first_bmp[c >> 6] >> (c & 63) & 1))
            break;          /* the bitmap test below, without folding */
        char buf[FOLD_MAX_UTF8];
        size_t fl = key_cp(c, buf);
        if (fl == 0) {      /* folds to nothing (soft hyphen, ZWSP): skip */
            if (klen == 0)
                break;      /* a match does not start with one */
            pos = i;
            continue;
        }
        if (klen + fl > KEY_MAX)
            break;
        if (klen == 0 && c >= 0x10000) {
            /* the bitmap holds the hash of an alias's first folded
             * character; a fold can yield several (㏰ is 17日). BMP
             * characters passed first_bmp above, which is this test. */
            size_t c1 = 0;
            U8_FWD_1(buf, c1, fl);
            uint32_t h1 = fnv(FNV_INIT, buf, c1);
            if (!(lx->first[(h1 & FIRST_MASK) >> 6] & ((uint64_t)1 << (h1 & 63))))
                break;
        }
        memcpy(key + klen, buf, fl);
        h = fnv(h, buf, fl);
        klen += fl;
        pos = i;
        if (!(lx->prefix[(h & PREFIX_MASK) >> 6] >> (h & 63) & 1))
            break;          /* no key has this hash: not in the table */
        if (!(lx->whole[(h & PREFIX_MASK) >> 6] >> (h & 63) & 1))
            continue;       /* not an alias; if not a prefix either, no
                             * longer key exists and the next probe fails */
        const node *nd = find_node(lx->nodes, lx->mask, key, klen, h);
        if (!nd->key)
            break;
        if (nd->entry < 0)
            continue;
        if (nd->flags & NEED_START) {
            if (prev_word < 0)
                prev_word = word_before(text, off);
            if (prev_word)
                break;      /* every longer alias starts the same way */
        }
        if ((nd->flags & NEED_END) && pos < n) {
            UChar32 d;
            size_t j = pos;
            U8_NEXT(s, j, n, d);
            if (d >= 0 && word_cp(d))
                continue;
        }
        best = pos;
        bn = nd;
    }
    if (bn)
        *out = &lx->ents[bn->entry]->pub;
    return best;
}

size_t lexicon_match(const lexicon *lx, const char *s, size_t n, const lex_entry **out)
{
    return match_core(lx, s, 0, n, out);
}

size_t lexicon_match_at(const lexicon *lx, const char *text, size_t len,
                        size_t off, const lex_entry **out)
{
    return match_core(lx, text, off, len, out);
}

const lex_entry *lexicon_lookup(const lexicon *lx, const char *s, size_t n)
{
    if (!lx || !lx->nodes)
        return NULL;
    char key[KEY_MAX + FOLD_MAX_UTF8];
    size_t klen = key_of(s, n, key);
    if (klen == SIZE_MAX || klen == 0)
        return NULL;
    const node *nd = find_node(lx->nodes, lx->mask, key, klen, fnv(FNV_INIT, key, klen));
    return nd->key && nd->entry >= 0 ? &lx->ents[nd->entry]->pub : NULL;
}

size_t lexicon_size(const lexicon *lx) { return lx ? lx->n_ents : 0; }

const lex_entry *lexicon_entry(const lexicon *lx, size_t i)
{
    return lx && i < lx->n_ents ? &lx->ents[i]->pub : NULL;
}

const lex_entry *lexicon_find(const lexicon *lx, const char *id)
{
    const uint32_t *v = lx ? strmap_get(&lx->ids, id) : NULL;
    return v ? &lx->ents[*v]->pub : NULL;
}

/* ---- lifetime ------------------------------------------------------------ */

lexicon *lexicon_new(void)
{
    lexicon *lx = calloc(1, sizeof *lx);
    if (lx)
        arena_init(&lx->a);
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    free(lx->ents);
    free(lx->recs);
    free(lx->nodes);
    free(lx->ids.slots);
    arena_free(&lx->a);
    free(lx);
}

/* ---- loading ------------------------------------------------------------- */

typedef struct pline {      /* one parsed entry, not yet committed */
    uint8_t type;
    const char *id, *name;
    const char **aliases;   /* name first, exact duplicates removed */
    uint32_t n_aliases, line;
    arec *keys;             /* distinct folded keys (entry, gen unset) */
    uint32_t n_keys;
} pline;

static int read_all(const char *path, char **buf, size_t *len, cr_error *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open lexicon: %s",
                            strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b) {
            fclose(f);
            return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        }
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        if (cap >= FILE_MAX) {
            free(b);
            fclose(f);
            return cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                                "lexicon larger than %zu MB", FILE_MAX >> 20);
        }
        char *nb = realloc(b, cap *= 2);
        if (!nb)
            free(b);
        b = nb;
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        free(b);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot read lexicon: %s",
                            strerror(err));
    }
    *buf = b;
    *len = n;
    return CR_OK;
}

static void trim(const char **s, const char **end)
{
    while (*s < *end && (**s == ' '))
        (*s)++;
    while (*end > *s && ((*end)[-1] == ' '))
        (*end)--;
}

static int valid_id(const char *s, size_t n)
{
    if (n == 0 || n > ID_MAX || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-' || s[i] == '_' || s[i] == '.'))
            return 0;
    return 1;
}

typedef struct loader {
    lexicon *lx;
    const char *path;       /* as given, for messages */
    const char *buf;        /* the file's bytes: messages give offsets into it */
    const char *file;       /* arena copy, stored in entries */
    cr_error *e;
    pline *pl;
    size_t n_pl, cap_pl;
    strmap seen;            /* ids of this file -> index into pl */
    bool strict;
} loader;

/* A bad row: file, line and the byte offset of the field at fault (at). */
#define BAD(ld, line, at, ...) \
    cr_error_set((ld)->e, CR_EINPUT, (ld)->path, (line), (size_t)((at) - (ld)->buf), 1, __VA_ARGS__)

/* Adds one alias (trimmed) to p; checks it. */
static int add_alias(loader *ld, pline *p, const char *s, size_t n, uint32_t line)
{
    arena *a = &ld->lx->a;
    /* Characters that fold to nothing (BOM, soft hyphen, zero-width space)
     * are skipped inside a match but cannot start or end one: trim them. */
    for (;;) {
        char tmp[FOLD_MAX_UTF8];
        UChar32 c;
        size_t i = 0, k = n;
        if (n == 0)
            break;
        U8_NEXT(s, i, n, c);
        if (key_cp(c, tmp) == 0) {
            s += i;
            n -= i;
            continue;
        }
        U8_BACK_1((const uint8_t *)s, 0, k);
        U8_NEXT(s, k, n, c);
        if (key_cp(c, tmp) != 0)
            break;
        k = n;
        U8_BACK_1((const uint8_t *)s, 0, k);
        n = k;
    }
    if (n == 0)
        return BAD(ld, line, s, "empty alias (stray '|'?)");
    char key[KEY_MAX + FOLD_MAX_UTF8];
    size_t klen = key_of(s, n, key);
    if (klen == SIZE_MAX)
        return BAD(ld, line, s, "alias '%.40s...' longer than %d bytes", s, KEY_MAX);
    bool alnum = false;
    for (size_t i = 0; i < klen && !alnum;) {
        UChar32 c;
        U8_NEXT(key, i, klen, c);
        alnum = c >= 0 && u_isalnum(c);
    }
    if (!alnum)
        return BAD(ld, line, s, "alias '%.*s' has no letter or digit", (int)n, s);
    bool dup_text = false, dup_key = false;
    for (uint32_t i = 0; i < p->n_aliases && !dup_text; i++)
        dup_text = strlen(p->aliases[i]) == n && !memcmp(p->aliases[i], s, n);
    for (uint32_t i = 0; i < p->n_keys && !dup_key; i++)
        dup_key = p->keys[i].len == klen && !memcmp(p->keys[i].key, key, klen);
    if (!dup_text) {
        char *c = arena_strndup(a, s, n);
        if (!c)
            return CR_ENOMEM;
        p->aliases[p->n_aliases++] = c;
    }
    if (!dup_key) {
        char *k = arena_strndup(a, key, klen);
        if (!k)
            return CR_ENOMEM;
        p->keys[p->n_keys++] = (arec){.key = k, .len = (uint32_t)klen};
    }
    return CR_OK;
}

static int parse_line(loader *ld, const char *s, const char *end, uint32_t line)
{
    const char *f[5];
    size_t fl[5];
    int nf = 0;
    for (const char *p = s;; ) {
        const char *t = memchr(p, '\t', (size_t)(end - p));
        const char *fe = t ? t : end;
        if (nf < 5) {
            const char *a = p, *b = fe;
            trim(&a, &b);
            f[nf] = a;
            fl[nf] = (size_t)(b - a);
        }
        nf++;
        if (!t)
            break;
        p = t + 1;
    }
    if (nf == 4 && fl[3] == 0)
        nf = 3;
    if (nf < 3 || nf > 4)
        return BAD(ld, line, s, "expected 3 or 4 tab-separated fields "
                   "(type, id, name, aliases), found %d", nf);
    int type;
    if (fl[0] == 6 && !memcmp(f[0], "person", 6))
        type = MENTION_PERSON;
    else if (fl[0] == 7 && !memcmp(f[0], "company", 7))
        type = MENTION_COMPANY;
    else if (fl[0] == 7 && !memcmp(f[0], "product", 7))
        type = MENTION_PRODUCT;
    else
        return BAD(ld, line, f[0], "unknown type '%.*s' (expected person, company or product)",
                   (int)(fl[0] > 40 ? 40 : fl[0]), f[0]);
    if (!valid_id(f[1], fl[1]))
        return BAD(ld, line, f[1], "bad id '%.*s' (lowercase ascii letters, digits, '-', '_', '.'; "
                   "at most %d)", (int)(fl[1] > 80 ? 80 : fl[1]), f[1], ID_MAX);
    if (fl[2] == 0)
        return BAD(ld, line, f[2], "empty canonical name");

    arena *a = &ld->lx->a;
    char *id = arena_strndup(a, f[1], fl[1]);
    if (!id)
        return CR_ENOMEM;
    const uint32_t *prev = strmap_get(&ld->seen, id);
    if (prev)
        return BAD(ld, line, f[1], "duplicate id '%s' (first on line %u)", id, ld->pl[*prev].line);
    if (ld->strict && strmap_get(&ld->lx->ids, id))
        return BAD(ld, line, f[1], "id '%s' is already defined in %s", id,
                   lexicon_find(ld->lx, id)->file);

    size_t max = 2;
    if (nf == 4)
        for (size_t i = 0; i < fl[3]; i++)
            max += f[3][i] == '|';
    pline *p = ARENA_PUSH(a, ld->pl, ld->n_pl, ld->cap_pl);
    if (!p)
        return CR_ENOMEM;
    *p = (pline){.type = (uint8_t)type, .id = id, .line = line};
    p->aliases = arena_alloc(a, max * sizeof *p->aliases);
    p->keys = arena_alloc(a, max * sizeof *p->keys);
    if (!p->aliases || !p->keys)
        return CR_ENOMEM;
    int rc = add_alias(ld, p, f[2], fl[2], line);
    if (rc)
        return rc;
    p->name = p->aliases[0];
    if (nf == 4) {
        const char *q = f[3], *qe = f[3] + fl[3];
        for (;;) {
            const char *bar = memchr(q, '|', (size_t)(qe - q));
            const char *ae = bar ? bar : qe, *as = q;
            trim(&as, &ae);
            if ((rc = add_alias(ld, p, as, (size_t)(ae - as), line)))
                return rc;
            if (!bar)
                break;
            q = bar + 1;
        }
    }
    return strmap_put(&ld->seen, id, (uint32_t)(ld->n_pl - 1));
}

/* Checks the whole line is UTF-8 without control characters (TAB aside). */
static int check_text(loader *ld, const char *buf, size_t s, size_t end, uint32_t line)
{
    for (size_t i = s; i < end;) {
        size_t at = i;
        UChar32 c;
        U8_NEXT(buf, i, end, c);
        if (c < 0)
            return cr_error_set(ld->e, CR_EINPUT, ld->path, line, at, 1, "invalid UTF-8");
        if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0))
            return cr_error_set(ld->e, CR_EINPUT, ld->path, line, at, 1,
                                "control character U+%04X", (unsigned)c);
    }
    return CR_OK;
}

static int commit(loader *ld)
{
    lexicon *lx = ld->lx;
    for (size_t i = 0; i < ld->n_pl; i++) {
        const pline *p = &ld->pl[i];
        const uint32_t *have = strmap_get(&lx->ids, p->id);
        uint32_t idx;
        ent *en;
        if (have) {
            idx = *have;
            en = lx->ents[idx];
            en->gen++;
        } else {
            if (lx->n_ents == lx->cap_ents) {
                size_t nc = lx->cap_ents ? lx->cap_ents * 2 : 256;
                ent **ne = realloc(lx->ents, nc * sizeof *ne);
                if (!ne)
                    return CR_ENOMEM;
                lx->ents = ne;
                lx->cap_ents = nc;
            }
            en = arena_alloc(&lx->a, sizeof *en);
            if (!en)
                return CR_ENOMEM;
            idx = (uint32_t)lx->n_ents;
            lx->ents[lx->n_ents++] = en;
            if (strmap_put(&lx->ids, p->id, idx))
                return CR_ENOMEM;
        }
        en->pub = (lex_entry){.id = p->id, .name = p->name, .type = p->type,
                              .aliases = p->aliases, .n_aliases = p->n_aliases,
                              .file = ld->file, .line = p->line};
        for (uint32_t k = 0; k < p->n_keys; k++) {
            if (lx->n_recs == lx->cap_recs) {
                size_t nc = lx->cap_recs ? lx->cap_recs * 2 : 1024;
                arec *nr = realloc(lx->recs, nc * sizeof *nr);
                if (!nr)
                    return CR_ENOMEM;
                lx->recs = nr;
                lx->cap_recs = nc;
            }
            arec r = p->keys[k];
            r.entry = idx;
            r.gen = en->gen;
            lx->recs[lx->n_recs++] = r;
        }
    }
    return rebuild(lx);
}

/* Parses buf (named path in messages and entries) and commits it whole. */
static int load_buf(lexicon *lx, const char *path, const char *buf, size_t len,
                    bool strict, cr_error *e)
{
    int rc = CR_OK;
    loader ld = {.lx = lx, .path = path, .buf = buf, .e = e, .strict = strict};
    ld.file = arena_strdup(&lx->a, path);
    if (!ld.file)
        rc = CR_ENOMEM;
    size_t pos = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        pos = 3;
    for (uint32_t line = 1; !rc && pos < len; line++) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len, next = nl ? end + 1 : len;
        if (end > pos && buf[end - 1] == '\r')
            end--;
        if (!(rc = check_text(&ld, buf, pos, end, line))) {
            size_t s = pos;
            while (s < end && (buf[s] == ' ' || buf[s] == '\t'))
                s++;
            if (s < end && buf[s] != '#')
                rc = parse_line(&ld, buf + pos, buf + end, line);
        }
        pos = next;
    }
    if (!rc)
        rc = commit(&ld);
    if (rc == CR_ENOMEM)
        cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
    free(ld.seen.slots);
    return rc;
}

static int load(lexicon *lx, const char *path, bool strict, cr_error *e)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = read_all(path, &buf, &len, e);
    if (!rc)
        rc = load_buf(lx, path, buf, len, strict, e);
    free(buf);
    return rc;
}

int lexicon_load_file(lexicon *lx, const char *path, cr_error *e)
{
    return load(lx, path, false, e);
}

int lexicon_load_buffer(lexicon *lx, const char *name, const char *buf, size_t len,
                        cr_error *e)
{
    return load_buf(lx, name, buf, len, false, e);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Shipped lexicon files are entities.tsv and entities-*.tsv: other data
 * files (titles, suffixes) have their own formats. */
static bool is_lexicon_name(const char *n)
{
    size_t l = strlen(n);
    return !strncmp(n, "entities", 8) && l >= 12 && !strcmp(n + l - 4, ".tsv") &&
           (l == 12 || n[8] == '-');
}

int lexicon_load_default(lexicon *lx, cr_error *e)
{
    const char *dir = paths_datadir();
    DIR *d = opendir(dir);
    if (!d)
        return cr_error_set(e, CR_EINPUT, dir, 0, 0, 0, "cannot open data directory: %s",
                            strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = CR_OK;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        if (!is_lexicon_name(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                rc = CR_ENOMEM;
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(de->d_name)))
            rc = CR_ENOMEM;
        else
            n++;
    }
    closedir(d);
    if (rc)
        cr_error_set(e, rc, dir, 0, 0, 0, "out of memory");
    else if (n == 0)
        rc = cr_error_set(e, CR_EINPUT, dir, 0, 0, 0,
                          "no lexicon files (entities.tsv, entities-*.tsv)");
    if (!rc)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            size_t pl = strlen(dir) + strlen(names[i]) + 2;
            char *path = malloc(pl);
            if (!path)
                rc = cr_error_set(e, CR_ENOMEM, dir, 0, 0, 0, "out of memory");
            else {
                snprintf(path, pl, "%s/%s", dir, names[i]);
                rc = load(lx, path, true, e);
                free(path);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}
