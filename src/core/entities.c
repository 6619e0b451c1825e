/* entities.c — people, companies, products: extraction and resolution.
 *
 * Extraction works on one array of folded code points per document (fold.h:
 * Simplified, lower case, width-folded), so every word list is compared
 * without regard to script or case, with the original code point kept for
 * the shape of Latin words (capitals matter for names). One pass marks where
 * context words start and end; the rules then only look at those marks and
 * at character classes, so the whole thing stays linear in the text.
 * See entities.h for the contract and docs/formats.md for the output.
 */
#include "entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "cpcache.h"
#include "fold.h"
#include "lexicon.h"
#include "ner.h"
#include "places.h"
#include "paths.h"

static const char *type_names[] = {"person", "company", "product", "money",
                                   "percent", "count", "date"};

const char *mention_type_name(int t)
{
    return t >= 0 && t < MENTION__COUNT ? type_names[t] : "unknown";
}

int mention_type_from_name(const char *s)
{
    for (int i = 0; i < MENTION__COUNT; i++)
        if (!strcmp(s, type_names[i]))
            return i;
    return -1;
}

/* ---- word lists ------------------------------------------------------------ */

/* Kinds of context words (bits, a word may have several). */
enum {
    K_TITLE = 1u << 0,          /* before a person's name */
    K_ORG_TITLE = 1u << 1,      /* a role tied to the organisation before it */
    K_PERSON_AFTER = 1u << 2,
    K_ORG_BEFORE = 1u << 3,
    K_ORG_AFTER = 1u << 4,
    K_PRODUCT_BEFORE = 1u << 5,
    K_PRODUCT_AFTER = 1u << 6,
    K_ORG_SUFFIX = 1u << 7,
    K_DESIGNATOR = 1u << 8,
    K_GENERIC = 1u << 9,
    K_BOUNDARY = 1u << 10,
    K_MEASURE = 1u << 11,
    K_LATIN_ORG = 1u << 12,
    K_GIVEN = 1u << 13,
    K_FRAME_LEFT = 1u << 14,
    K_COMPOUND_SURNAME = 1u << 15,
    K_ORG_DESC = 1u << 16,      /* a descriptor right before a Chinese name */
    K_ADDRESS = 1u << 17,       /* after a bare surname, the way to refer to a person */
    K_PLACE = 1u << 18,         /* a country or city (ICU's names, places.h) */
    K_TITLE_PREFIX = 1u << 19,  /* makes a longer title of the title after it (大|隊長) */
    K_CREDIT = 1u << 20,        /* 攝 of a photo credit: after a name, before its ')' */
};
/* Every kind that makes a word a context word rather than part of a name. */
#define K_CUE (K_TITLE | K_ORG_TITLE | K_PERSON_AFTER | K_ORG_BEFORE | K_ORG_AFTER | \
               K_PRODUCT_BEFORE | K_PRODUCT_AFTER | K_BOUNDARY | K_GENERIC |         \
               K_ORG_SUFFIX | K_FRAME_LEFT)

/* Character classes. */
enum { C_SURNAME = 1, C_TRANSLIT = 2, C_STOP = 4, C_VERB_MARK = 8 };

typedef struct word {
    const int32_t *cp;
    uint32_t len;
    uint32_t kinds;
    int32_t c2;                  /* cp[1] (-1: one character): most words
                                  * are ruled out without loading cp */
} word;

typedef struct frame {
    const int32_t *left, *right;
    uint32_t nleft, nright;
    int type;                    /* -1: decide from what follows */
} frame;

/* Open-addressing map from a code point to a small value. */
typedef struct cpmap {
    int32_t *keys;               /* -1 empty */
    uint32_t *vals;
    size_t cap;                  /* power of two */
    uint64_t bmp[0x10000 / 64];  /* BMP keys present: most misses end here */
} cpmap;

struct entity_rules {
    word *words;                 /* sorted by first code point, longest first */
    size_t n_words, cap_words;
    cpmap first;                 /* first code point -> (start << 12 | count) */
    cpmap chars;                 /* code point -> C_* */
    frame *frames;
    size_t n_frames, cap_frames;
    uint32_t max_len;
    ner_model *ner;              /* NULL: no tagger (model missing) */
};

static uint32_t cp_hash(int32_t c) { return (uint32_t)c * 2654435761u; }

static int cpmap_init(cpmap *m, arena *a, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    m->keys = arena_alloc(a, cap * sizeof *m->keys);
    m->vals = arena_alloc(a, cap * sizeof *m->vals);
    if (!m->keys || !m->vals)
        return -1;
    for (size_t i = 0; i < cap; i++)
        m->keys[i] = -1;
    m->cap = cap;
    memset(m->bmp, 0, sizeof m->bmp);
    return 0;
}

static uint32_t *cpmap_slot(const cpmap *m, int32_t c, int insert)
{
    if (!m->cap)
        return NULL;
    if ((uint32_t)c < 0x10000 && !insert && !(m->bmp[c >> 6] >> (c & 63) & 1))
        return NULL;
    size_t i = cp_hash(c) & (m->cap - 1);
    while (m->keys[i] != -1) {
        if (m->keys[i] == c)
            return &m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    if (!insert)
        return NULL;
    if ((uint32_t)c < 0x10000)   /* inserting: the map is being built, not const */
        ((cpmap *)m)->bmp[c >> 6] |= (uint64_t)1 << (c & 63);
    m->keys[i] = c;
    m->vals[i] = 0;
    return &m->vals[i];
}

static uint32_t cpmap_get(const cpmap *m, int32_t c)
{
    uint32_t *v = cpmap_slot(m, c, 0);
    return v ? *v : 0;
}

/* Fold UTF-8 into code points in the arena. */
static int32_t *fold_cps(arena *a, const char *s, size_t n, uint32_t *len)
{
    size_t cap = n * 2 + 1, k = 0;
    int32_t *out = arena_alloc(a, cap * sizeof *out);
    if (!out)
        return NULL;
    for (int32_t i = 0; (size_t)i < n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        char buf[FOLD_MAX_UTF8];
        size_t fl = fold_cp(c < 0 ? 0xFFFD : c, buf);
        for (int32_t j = 0; (size_t)j < fl && k < cap;) {
            UChar32 f;
            U8_NEXT(buf, j, (int32_t)fl, f);
            out[k++] = f;
        }
    }
    *len = (uint32_t)k;
    return out;
}

static int add_word(struct entity_rules *r, arena *a, const char *s, size_t n, uint32_t kinds)
{
    uint32_t len;
    int32_t *cp = fold_cps(a, s, n, &len);
    if (!cp)
        return -1;
    if (!len)
        return 0;
    word *w = ARENA_PUSH(a, r->words, r->n_words, r->cap_words);
    if (!w)
        return -1;
    w->cp = cp;
    w->len = len;
    w->kinds = kinds;
    w->c2 = len > 1 ? cp[1] : -1;
    if (len > r->max_len)
        r->max_len = len;
    return 0;
}

static int cmp_word(const void *pa, const void *pb)
{
    const word *a = pa, *b = pb;
    if (a->cp[0] != b->cp[0])
        return a->cp[0] < b->cp[0] ? -1 : 1;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    for (uint32_t i = 0; i < a->len; i++)
        if (a->cp[i] != b->cp[i])
            return a->cp[i] < b->cp[i] ? -1 : 1;
    return 0;
}

/* Split a TSV line in place into at most max fields. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static uint32_t kind_from_name(const char *s)
{
    static const struct { const char *name; uint32_t kind; } k[] = {
        {"title", K_TITLE}, {"org_title", K_TITLE | K_ORG_TITLE},
        {"honorific", K_PERSON_AFTER}, {"verb", K_PERSON_AFTER},
        {"person_after", K_PERSON_AFTER}, {"org_before", K_ORG_BEFORE},
        {"org_after", K_ORG_AFTER}, {"product_before", K_PRODUCT_BEFORE},
        {"product_after", K_PRODUCT_AFTER}, {"org_suffix", K_ORG_SUFFIX},
        {"designator", K_DESIGNATOR}, {"generic", K_GENERIC},
        {"boundary", K_BOUNDARY}, {"measure", K_MEASURE},
        {"latin_org", K_LATIN_ORG}, {"given", K_GIVEN},
        {"compound", K_COMPOUND_SURNAME}, {"org_desc", K_ORG_DESC | K_ORG_BEFORE},
        {"address", K_ADDRESS}, {"title_prefix", K_TITLE_PREFIX}, {"credit", K_CREDIT},
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (!strcmp(s, k[i].name))
            return k[i].kind;
    return 0;
}

enum { LIST_TITLES, LIST_CUES, LIST_CHARS, LIST_GIVEN, LIST_SUFFIXES };

static int set_chars(struct entity_rules *r, arena *a, const char *s, uint32_t cls)
{
    uint32_t n;
    int32_t *cp = fold_cps(a, s, strlen(s), &n);
    if (!cp)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t *v = cpmap_slot(&r->chars, cp[i], 1);
        if (!v)
            return -1;
        *v |= cls;
    }
    return 0;
}

static int load_list(struct entity_rules *r, arena *a, const char *name, int which,
                     cr_error *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", paths_datadir(), name);
    FILE *f = fopen(path, "r");
    if (!f)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open word list");
    char line[8192];
    size_t ln = 0;
    int rc = CR_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *fld[4] = {0};
        int nf = split_tabs(line, fld, 4);
        int bad = 0;
        if (which == LIST_GIVEN) {
            bad = add_word(r, a, fld[0], strlen(fld[0]), K_GIVEN);
        } else if (which == LIST_TITLES) {
            /* data/titles.tsv (shared with the lexicon): kind <TAB> word */
            uint32_t k = nf >= 2 ? kind_from_name(fld[0]) : 0;
            if (!(k & (K_TITLE | K_PERSON_AFTER | K_ADDRESS | K_TITLE_PREFIX | K_CREDIT))) {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0,
                                  "expected title, honorific, address, title_prefix, credit or verb <TAB> word");
                break;
            }
            bad = add_word(r, a, fld[1], strlen(fld[1]), k);
        } else if (which == LIST_SUFFIXES) {
            /* data/org_suffixes.tsv: kind <TAB> suffix. Latin ones make a
             * capitalised phrase an organisation; Chinese company endings
             * (公司, 科技) are designators; the others (銀行, 大學, 日報)
             * end a name and belong to it. */
            if (nf < 2)
                continue;
            uint32_t k = ((unsigned char)fld[1][0] < 0x80) ? K_LATIN_ORG
                         : !strcmp(fld[0], "company") ? K_DESIGNATOR : K_ORG_SUFFIX;
            bad = add_word(r, a, fld[1], strlen(fld[1]), k);
        } else if (which == LIST_CHARS) {
            if (nf < 2) {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "expected kind<TAB>characters");
                break;
            }
            if (!strcmp(fld[0], "surname")) bad = set_chars(r, a, fld[1], C_SURNAME);
            else if (!strcmp(fld[0], "translit")) bad = set_chars(r, a, fld[1], C_TRANSLIT);
            else if (!strcmp(fld[0], "compound"))
                bad = add_word(r, a, fld[1], strlen(fld[1]), K_COMPOUND_SURNAME);
            else {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "unknown kind '%s'", fld[0]);
                break;
            }
        } else {
            if (nf < 2) {
                rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "expected kind<TAB>word");
                break;
            }
            if (!strcmp(fld[0], "stop")) {
                bad = set_chars(r, a, fld[1], C_STOP);
            } else if (!strcmp(fld[0], "verb_mark")) {
                bad = set_chars(r, a, fld[1], C_VERB_MARK);
            } else if (!strcmp(fld[0], "frame")) {
                if (nf < 4) {
                    rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0,
                                      "expected frame<TAB>left<TAB>right<TAB>type");
                    break;
                }
                frame *fr = ARENA_PUSH(a, r->frames, r->n_frames, r->cap_frames);
                int32_t *lcp, *rcp;
                if (!fr || !(lcp = fold_cps(a, fld[1], strlen(fld[1]), &fr->nleft)) ||
                    !(rcp = fold_cps(a, fld[2], strlen(fld[2]), &fr->nright))) {
                    bad = 1;
                } else {
                    fr->left = lcp;
                    fr->right = rcp;
                    fr->type = strcmp(fld[3], "auto") ? mention_type_from_name(fld[3]) : -1;
                    if (!fr->nleft || !fr->nright || (fr->type < -1 || fr->type > MENTION_PRODUCT)) {
                        rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "bad frame");
                        break;
                    }
                    bad = add_word(r, a, fld[1], strlen(fld[1]), K_FRAME_LEFT);
                }
            } else {
                uint32_t k = kind_from_name(fld[0]);
                if (!k) {
                    rc = cr_error_set(e, CR_EINPUT, path, ln, 0, 0, "unknown kind '%s'", fld[0]);
                    break;
                }
                bad = add_word(r, a, fld[1], strlen(fld[1]), k);
            }
        }
        if (bad) {
            rc = cr_error_set(e, CR_ENOMEM, path, ln, 0, 0, "out of memory");
            break;
        }
    }
    fclose(f);
    return rc;
}

struct place_arg {
    struct entity_rules *r;
    arena *a;
};

static int add_place(const char *name, void *arg)
{
    struct place_arg *pa = arg;
    return add_word(pa->r, pa->a, name, strlen(name), K_PLACE);
}

static int rules_build(struct entity_rules *r, arena *a, cr_error *e)
{
    memset(r, 0, sizeof *r);
    if (cpmap_init(&r->chars, a, 2048))
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    int rc;
    if ((rc = load_list(r, a, "titles.tsv", LIST_TITLES, e)) ||
        (rc = load_list(r, a, "org_suffixes.tsv", LIST_SUFFIXES, e)) ||
        (rc = load_list(r, a, "entity_cues.tsv", LIST_CUES, e)) ||
        (rc = load_list(r, a, "name_chars.tsv", LIST_CHARS, e)) ||
        (rc = load_list(r, a, "given_names.tsv", LIST_GIVEN, e)))
        return rc;
    struct place_arg pa = {r, a};
    if (places_each(add_place, &pa))
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    qsort(r->words, r->n_words, sizeof *r->words, cmp_word);
    /* merge duplicates (same word listed under several kinds) */
    size_t k = 0;
    for (size_t i = 0; i < r->n_words; i++) {
        if (k && cmp_word(&r->words[k - 1], &r->words[i]) == 0)
            r->words[k - 1].kinds |= r->words[i].kinds;
        else
            r->words[k++] = r->words[i];
    }
    r->n_words = k;
    /* a generic word (投資, 保險) never ends a name by itself */
    for (size_t i = 0; i < k; i++)
        if (r->words[i].kinds & K_GENERIC)
            r->words[i].kinds &= ~(uint32_t)K_ORG_SUFFIX;
    if (cpmap_init(&r->first, a, k + 1))
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && r->words[j].cp[0] == r->words[i].cp[0])
            j++;
        uint32_t *v = cpmap_slot(&r->first, r->words[i].cp[0], 1);
        if (!v || j - i >= 4096 || i >= (1u << 20))
            return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "word lists too large");
        *v = (uint32_t)(i << 12 | (j - i));
        i = j;
    }
    return CR_OK;
}

int entities_prepare(corpus *c, cr_error *e)
{
    if (c->entity_rules)
        return CR_OK;
    struct entity_rules *r = arena_alloc(&c->arena, sizeof *r);
    if (!r)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    int rc = rules_build(r, &c->arena, e);
    if (rc)
        return rc;
    /* The tagger is optional: without data/ner.model the rules still work. */
    cr_error ne;
    cr_error_clear(&ne);
    const char *off = getenv("CROSSREAD_NO_TAGGER");
    r->ner = c->no_tagger || (off && *off) ? NULL : ner_load_default(&ne);
    c->entity_rules = r;
    return CR_OK;
}

void entities_release(corpus *c)
{
    if (c->entity_rules && c->entity_rules->ner)
        ner_free(c->entity_rules->ner);
    c->entity_rules = NULL;
}

void entities_release_tagger(corpus *c)
{
    if (c->entity_rules && c->entity_rules->ner) {
        ner_free(c->entity_rules->ner);
        c->entity_rules->ner = NULL;
    }
}

/* ---- one document ---------------------------------------------------------- */

enum {
    CL_HAN = 1, CL_LATIN = 2, CL_DIGIT = 4, CL_DOT = 8, CL_SPACE = 16,
    CL_DAMAGED = 32, CL_PINYIN = 64, CL_UPPER = 128,
};

typedef struct cand {
    uint32_t s, e;          /* code point indices [s, e) */
    int8_t type;            /* enum mention_type, -1 undecided */
    uint8_t src;            /* enum mention_source */
    uint8_t rank;           /* precedence among equally long spans: lower wins */
    uint8_t flags;
    uint8_t chosen;
    const lex_entry *lex;
    int32_t canon;          /* index of the candidate whose name this one takes */
    uint32_t fam_end;       /* model words: end of the letter part */
    int32_t score;          /* tagger spans: ner_span.score x 1000 */
    uint8_t beaten;         /* a tagger span shares an edge and wins */
    uint8_t promoted;       /* a tagger span that competes with the rules */
    uint32_t addr_e;        /* a bare surname (王 of 王先生): end of its address word */
} cand;

typedef struct ctx {
    const struct entity_rules *r;
    const lexicon *lx;
    doc *d;
    uint32_t n;
    int32_t *cp, *oc;       /* folded / original code points */
    uint32_t *so, *eo;      /* byte range of each code point in doc->text */
    uint8_t *cls, *cc;      /* CL_* and C_* classes */
    uint32_t *starts, *ends;/* kinds of context words starting / ending here */
    int32_t *at_start, *at_end; /* chosen candidate starting / ending here */
    uint8_t *taken;
    uint8_t *ws;            /* a segmenter word starts here (NULL: no tokens) */
    cand *c;
    size_t nc, capc;
    arena a;                /* scratch, freed at the end */
    size_t tag_base;        /* byte offset of the piece given to the tagger */
} ctx;

static int is_dot(int32_t c)
{
    return c == 0xB7 || c == 0x2027 || c == 0x30FB || c == 0x2022 || c == 0xFF65 ||
           c == 0x2219 || c == 0x22C5 || c == 0x0387 || c == 0x2E31;
}

/* Tone-marked vowels that only pinyin uses (macron, caron, ü with tone):
 * leftovers of ruby annotations never become names. Acute and grave accents
 * are left alone: French and Spanish names use them. */
static int is_pinyin_vowel(int32_t c)
{
    static const int32_t v[] = {
        0x101, 0x1CE, 0x113, 0x11B, 0x12B, 0x1D0, 0x14D, 0x1D2, 0x16B, 0x1D4,
        0x1D6, 0x1D8, 0x1DA, 0x1DC};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (c == v[i])
            return 1;
    return 0;
}

static uint8_t classify(int32_t c)
{
    if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            return CL_LATIN | (c <= 'Z' ? CL_UPPER : 0);
        if (c >= '0' && c <= '9')
            return CL_DIGIT;
        if (c == ' ' || c == '\t')
            return CL_SPACE;
        return 0;
    }
    if (is_dot(c))
        return CL_DOT;
    if (c == 0x3000 || c == 0xA0)
        return CL_SPACE;
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return CL_HAN;
    UErrorCode ec = U_ZERO_ERROR;
    if (u_isalpha(c) && uscript_getScript(c, &ec) == USCRIPT_LATIN)
        return CL_LATIN | (u_isupper(c) ? CL_UPPER : 0) | (is_pinyin_vowel(c) ? CL_PINYIN : 0);
    if (u_isdigit(c))
        return CL_DIGIT;
    return 0;
}

/* classify() asks ICU up to four times per character: memoised per page. */
static cpcache cls_cache = CPCACHE_INIT(classify);

/* Longest word at i whose kinds meet mask; returns its kinds, length in *len. */
static uint32_t word_at(const ctx *x, uint32_t i, uint32_t mask, uint32_t *len)
{
    if (i >= x->n)
        return 0;
    uint32_t v = cpmap_get(&x->r->first, x->cp[i]);
    if (!v)
        return 0;
    const word *w = x->r->words + (v >> 12);
    for (uint32_t k = 0; k < (v & 0xFFF); k++) {
        if (!(w[k].kinds & mask) || i + w[k].len > x->n)
            continue;
        uint32_t j = 1;
        while (j < w[k].len && x->cp[i + j] == w[k].cp[j])
            j++;
        if (j == w[k].len) {
            if (len)
                *len = w[k].len;
            return w[k].kinds;
        }
    }
    return 0;
}

/* Kinds of the word that is exactly [s, e), or 0. */
static uint32_t word_exact(const ctx *x, uint32_t s, uint32_t e)
{
    uint32_t v = cpmap_get(&x->r->first, x->cp[s]);
    if (!v)
        return 0;
    const word *w = x->r->words + (v >> 12);
    for (uint32_t k = 0; k < (v & 0xFFF); k++)
        if (w[k].len == e - s && !memcmp(w[k].cp, x->cp + s, (e - s) * sizeof(int32_t)))
            return w[k].kinds;
    return 0;
}

static int cls_at(const ctx *x, uint32_t i, uint8_t cl) { return i < x->n && (x->cls[i] & cl); }
static int han(const ctx *x, uint32_t i) { return cls_at(x, i, CL_HAN); }
static int alnum(const ctx *x, uint32_t i) { return cls_at(x, i, CL_LATIN | CL_DIGIT); }

static int word_inner_punct(int32_t c);
static int sentence_end(int32_t c);

static int is_open_quote(int32_t c)
{
    return c == 0x300C || c == 0x300E || c == 0x201C || c == 0x2018 || c == '"' ||
           c == 0x300A || c == 0x3008 || c == '\'';
}
static int is_close_quote(int32_t c)
{
    return c == 0x300D || c == 0x300F || c == 0x201D || c == 0x2019 || c == '"' ||
           c == 0x300B || c == 0x3009 || c == '\'';
}
static int is_coord(int32_t c)
{
    /* 、 和 与 及 或 , (folded forms) */
    return c == 0x3001 || c == 0x548C || c == 0x4E0E || c == 0x53CA || c == 0x6216 || c == ',';
}

/* Context word kinds ending right before s (spaces and opening quotes skipped). */
static uint32_t before_kinds(const ctx *x, uint32_t s)
{
    while (s > 0 && ((x->cls[s - 1] & CL_SPACE) || is_open_quote(x->cp[s - 1])))
        s--;
    return x->ends[s];
}

static uint32_t skip_after(const ctx *x, uint32_t e)
{
    while (e < x->n && ((x->cls[e] & CL_SPACE) || is_close_quote(x->cp[e])))
        e++;
    return e;
}

/* Context word kinds starting right after e; *de gets those after a '的'. */
static uint32_t after_kinds(const ctx *x, uint32_t e, uint32_t *de)
{
    e = skip_after(x, e);
    *de = 0;
    if (e < x->n && x->cp[e] == 0x7684 /* 的 */)
        *de = x->starts[skip_after(x, e + 1)];
    return e < x->n ? x->starts[e] : 0;
}

static int damaged(const ctx *x, uint32_t s, uint32_t e)
{
    for (uint32_t i = s; i < e; i++)
        if (x->cls[i] & (CL_DAMAGED | CL_PINYIN))
            return 1;
    return 0;
}

static cand *add_cand(ctx *x, uint32_t s, uint32_t e, int type, int src, int rank)
{
    if (e <= s || e > x->n || damaged(x, s, e))
        return NULL;
    cand *c = ARENA_PUSH(&x->a, x->c, x->nc, x->capc);
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    c->s = s;
    c->e = e;
    c->type = (int8_t)type;
    c->src = (uint8_t)src;
    c->rank = (uint8_t)rank;
    c->canon = -1;
    return c;
}

/* ---- setup ---------------------------------------------------------------- */

/* Built with -DCR_GATE_TUNING (bench/entities/losses.sh only, never
 * shipped): the tagger thresholds (below) can be set from the environment and every
 * tagger span is written to stderr with the check that dropped it, for the
 * loss breakdown in docs/performance.md. */
#ifdef CR_GATE_TUNING
static int tune(const char *name, int def)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : def;
}
#define GATE_LOG(why)                                                                    \
    fprintf(stderr, "GATE\t%s\t%d\t%u\t%u\t%s\t%.2f\t%.*s\n", x->d->path ? x->d->path : "", \
            sp->type, s, e, why, sp->score,                                              \
            s < e && e <= x->n ? (int)(x->eo[e - 1] - x->so[s]) : 0,                      \
            s < e && e <= x->n ? x->d->text + x->so[s] : "")
#else
#define tune(name, def) (def)
#define GATE_LOG(why) ((void)0)
#endif

static int ctx_init(ctx *x, doc *d, const corpus *co, const struct entity_rules *r)
{
    memset(x, 0, sizeof *x);
    arena_init(&x->a);
    x->r = r;
    x->lx = co->lexicon;
    x->d = d;
    size_t cap = (size_t)d->text_len + 1;
    x->cp = arena_alloc(&x->a, cap * sizeof *x->cp);
    x->oc = arena_alloc(&x->a, cap * sizeof *x->oc);
    /* read only below n, where they are written */
    x->so = arena_alloc_nozero(&x->a, cap * sizeof *x->so);
    x->eo = arena_alloc_nozero(&x->a, cap * sizeof *x->eo);
    if (!x->cp || !x->oc || !x->so || !x->eo)
        return -1;
    const char *t = d->text;
    uint32_t n = 0;
    for (int32_t i = 0; (uint32_t)i < d->text_len;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(t, i, (int32_t)d->text_len, c);
        if (c < 0)
            c = 0xFFFD;
        /* One entry per original character: multi-character folds keep the
         * first folded code point, which is enough for the word lists. A
         * BMP character folding to one BMP character: one table load. */
        int32_t first;
        if ((uint32_t)c < 0x10000 && fold_bmp_one[c]) {
            first = fold_bmp_one[c];
        } else {
            char buf[FOLD_MAX_UTF8];
            size_t fl = fold_cp(c, buf);
            first = c;
            if (fl) {
                int32_t j = 0;
                U8_NEXT(buf, j, (int32_t)fl, first);
            }
        }
        x->cp[n] = first < 0 ? c : first;
        x->oc[n] = c;
        x->so[n] = (uint32_t)at;
        x->eo[n] = (uint32_t)i;
        n++;
    }
    x->n = n;
    size_t m = (size_t)n + 1;
    x->cls = arena_alloc(&x->a, m);
    x->cc = arena_alloc(&x->a, m);
    x->starts = arena_alloc(&x->a, m * sizeof *x->starts);
    x->ends = arena_alloc(&x->a, m * sizeof *x->ends);
    x->at_start = arena_alloc(&x->a, m * sizeof *x->at_start);
    x->at_end = arena_alloc(&x->a, m * sizeof *x->at_end);
    x->taken = arena_alloc(&x->a, m);
    if (!x->cls || !x->cc || !x->starts || !x->ends || !x->at_start || !x->at_end || !x->taken)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        x->cls[i] = cpcache_get(&cls_cache, x->oc[i]);
        x->cc[i] = (uint8_t)cpmap_get(&r->chars, x->cp[i]);
        x->at_start[i] = x->at_end[i] = -1;
    }
    x->at_start[n] = x->at_end[n] = -1;
    /* damaged spans: mark their code points */
    for (size_t k = 0; k < d->n_damage; k++) {
        uint32_t ds = d->damage[k].start, de = d->damage[k].end;
        /* binary search the first code point at or after ds */
        uint32_t lo = 0, hi = n;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (x->eo[mid] <= ds) lo = mid + 1; else hi = mid;
        }
        for (uint32_t i = lo; i < n && x->so[i] < de; i++)
            x->cls[i] |= CL_DAMAGED;
    }
    /* web addresses are not prose: nothing in them is a name */
    for (uint32_t i = 0; i + 4 < n; i++) {
        int url = (x->cp[i] == 'h' && x->cp[i + 1] == 't' && x->cp[i + 2] == 't' &&
                   x->cp[i + 3] == 'p' && (i == 0 || !alnum(x, i - 1))) ||
                  (x->cp[i] == 'w' && x->cp[i + 1] == 'w' && x->cp[i + 2] == 'w' &&
                   x->cp[i + 3] == '.' && (i == 0 || !alnum(x, i - 1)));
        if (!url)
            continue;
        while (i < n && x->oc[i] > ' ' && x->oc[i] < 0x7F)
            x->cls[i++] |= CL_DAMAGED;
    }
    /* context words: one pass, longest first per position; Latin words only
     * count when whole (not inside a longer Latin word) */
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = cpmap_get(&r->first, x->cp[i]);
        if (!v)
            continue;
        if ((x->cls[i] & (CL_LATIN | CL_DIGIT)) && i > 0 && alnum(x, i - 1))
            continue;
        const word *w = r->words + (v >> 12);
        for (uint32_t k = 0; k < (v & 0xFFF); k++) {
            uint32_t len = w[k].len;
            if (i + len > n || (len > 1 && x->cp[i + 1] != w[k].c2))
                continue;
            uint32_t j = 1;
            while (j < len && x->cp[i + j] == w[k].cp[j])
                j++;
            if (j < len)
                continue;
            if (alnum(x, i + len - 1) && alnum(x, i + len))
                continue;
            uint32_t kinds = w[k].kinds;
            /* （記者張悅攝）: a credit word ends a name only where the credit
             * ends (not 攝 of 攝影師, 攝氏) */
            if ((kinds & K_CREDIT) && tune("GATE_CREDIT", 1) &&
                (i + len == n || x->cp[i + len] == ')' || x->cp[i + len] == 0xFF09 ||
                 x->cp[i + len] == '\n' || (x->cls[i + len] & CL_SPACE)))
                kinds |= K_PERSON_AFTER;
            x->starts[i] |= kinds;
            x->ends[i + len] |= kinds;
        }
    }
    if (d->n_tokens) {
        if (!(x->ws = arena_alloc(&x->a, m)))
            return -1;
        uint32_t j = 0;
        for (size_t t = 0; t < d->n_tokens; t++) {
            while (j < n && x->so[j] < d->tokens[t].start)
                j++;
            if (j < n && x->so[j] == d->tokens[t].start)
                x->ws[j] = 1;
        }
        x->ws[n] = 1;
    }
    return 0;
}


/* ---- sources ----------------------------------------------------------------- */

static uint32_t cp_at_byte(const ctx *x, size_t b)
{
    uint32_t lo = 0, hi = x->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (x->so[mid] < b) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* cp_at_byte(x, b), given a code point index j at or before the answer
 * when the walk goes forward. */
static uint32_t cp_after(const ctx *x, size_t b, uint32_t j)
{
    if (j > x->n || (j > 0 && x->so[j - 1] >= b))
        return cp_at_byte(x, b);
    while (j < x->n && x->so[j] < b)
        j++;
    return j;
}

static void rule_lexicon(ctx *x)
{
    if (!x->lx)
        return;
    const char *t = x->d->text;
    uint32_t tl = x->d->text_len;
    /* Chinese aliases only count at word starts (能力成為 holds no 力成):
     * flags from the segmenter's tokens, when there are any. */
    const doc *d = x->d;
    uint8_t *tstart = NULL;
    if (d->n_tokens && (tstart = arena_alloc(&x->a, (size_t)x->n + 1))) {
        /* tokens are in text order: walk forward, searching only when a
         * token goes back (never, from the segmenter) */
        uint32_t j = 0;
        for (size_t k = 0; k < d->n_tokens; k++) {
            uint32_t a = cp_after(x, d->tokens[k].start, j);
            uint32_t b = cp_after(x, d->tokens[k].end, a);
            if (a <= x->n) tstart[a] |= 1;
            if (b <= x->n) tstart[b] |= 2;
            j = a;
        }
    }
    for (uint32_t i = 0; i < x->n; i++) {
        if (!(x->cls[i] & (CL_HAN | CL_LATIN | CL_DIGIT)))
            continue;
        if (tstart && han(x, i) && !(tstart[i] & 1))
            continue;
        if ((x->cls[i] & (CL_LATIN | CL_DIGIT)) && i > 0 && alnum(x, i - 1))
            continue;
        const lex_entry *le = NULL;
        size_t len = lexicon_match(x->lx, t + x->so[i], tl - x->so[i], &le);
        if (!len || !le || le->type > MENTION_PRODUCT)
            continue;
        uint32_t endb = x->so[i] + (uint32_t)len, j = i;
        while (j < x->n && x->so[j] < endb)
            j++;
        if ((j < x->n && x->so[j] != endb) || (alnum(x, j - 1) && alnum(x, j)))
            continue;
        if (tstart && han(x, j - 1) && j - i <= 2 && !(tstart[j] & 2))
            continue;
        cand *c = add_cand(x, i, j, le->type, MSRC_LEXICON, 0);
        if (c)
            c->lex = le;
    }
}

/* A name can end before m: end of text, not Han, a stop character, or the
 * start of a context word. */
static int name_boundary(const ctx *x, uint32_t m)
{
    return m >= x->n || !han(x, m) || (x->cc[m] & C_STOP) || (x->starts[m] & K_CUE);
}

/* Transliterated names joined by dots: 山姆·阿爾特曼, 杰伊·r·里特. */
static void rule_dot_names(ctx *x)
{
    uint32_t last_end = 0;
    for (uint32_t i = 1; i + 1 < x->n; i++) {
        if (!(x->cls[i] & CL_DOT) || i < last_end)
            continue;
        uint32_t k = i, cnt = 0;
        if (han(x, i - 1)) {
            while (k > 0 && han(x, k - 1) && (x->cc[k - 1] & C_TRANSLIT) && cnt < 4 &&
                   !(cnt > 0 && (x->ends[k] & (K_TITLE | K_BOUNDARY | K_CUE))))
                k--, cnt++;
        } else if (cls_at(x, i - 1, CL_LATIN)) {
            while (k > 0 && cls_at(x, k - 1, CL_LATIN) && cnt < 12)
                k--, cnt++;
            if (k > 0 && alnum(x, k - 1))
                cnt = 0;
        }
        if (!cnt)
            continue;
        uint32_t j = i, end = 0, parts = 0;
        while (j < x->n && (x->cls[j] & CL_DOT)) {
            uint32_t m = j + 1;
            if (han(x, m)) {
                while (m < x->n && han(x, m) && (x->cc[m] & C_TRANSLIT) && m - j <= 6 &&
                       !(m > j + 1 && (x->starts[m] & K_CUE)))
                    m++;
            } else if (cls_at(x, m, CL_LATIN)) {
                while (m < x->n && cls_at(x, m, CL_LATIN) && m - j <= 12)
                    m++;
                if (alnum(x, m))
                    break;
            }
            if (m == j + 1)
                break;
            end = j = m;
            parts++;
        }
        if (!parts)
            continue;
        /* 喬治·梅森大學, 葛蘭素·威康公司: the name of an organisation */
        uint32_t sl = 0;
        if (tune("GATE_DOTORG", 1) && han(x, k) && word_at(x, end, K_ORG_SUFFIX | K_DESIGNATOR, &sl) &&
            !(x->starts[end] & K_GENERIC)) {
            add_cand(x, k, end + sl, MENTION_COMPANY, MSRC_SUFFIX, 1);
            last_end = end + sl;
            continue;
        }
        add_cand(x, k, end, MENTION_PERSON, MSRC_DOT_NAME, 1);
        last_end = end;
    }
}

/* Is i inside a context word (one starts before i and ends after it:
 * 總|理, 主教|練)? */
static int inside_cue(const ctx *x, uint32_t i)
{
    for (uint32_t k = i > 6 ? i - 6 : 0, len; k < i; k++)
        if ((x->starts[k] & K_CUE) && word_at(x, k, K_CUE, &len) && k + len > i)
            return 1;
    return 0;
}

/* A Chinese or transliterated name starting at j, known to follow a title;
 * returns its end or 0. */
static uint32_t han_name_at(const ctx *x, uint32_t j)
{
    if (!han(x, j) || (x->starts[j] & K_CUE))
        return 0;
    uint32_t best = 0;
    /* transliterated: 奧特曼, 大衛欒 */
    uint32_t t = j;
    while (t < x->n && han(x, t) && (x->cc[t] & C_TRANSLIT) && t - j < 6 &&
           !(t > j && (x->starts[t] & K_CUE)))
        t++;
    uint32_t tl = t - j;
    if (tl >= 2 && han(x, t) && (x->cc[t] & C_SURNAME) && !(x->cc[t] & C_STOP) &&
        !(x->starts[t] & K_CUE) && name_boundary(x, t + 1))
        t++, tl++;
    if (tl >= 3 || (tl == 2 && name_boundary(x, t)))
        best = t;
    /* surname first: 郭明錤, 傅盛 */
    uint32_t sl = 0, len = 0;
    if (word_at(x, j, K_COMPOUND_SURNAME, &len))
        sl = len;
    else if ((x->cc[j] & C_SURNAME) && !(x->cc[j] & C_STOP))   /* not 向市民 */
        sl = 1;
    if (sl) {
        uint32_t g = j + sl;
        if (han(x, g) && !(x->cc[g] & C_STOP) && !(x->starts[g] & K_CUE)) {
            uint32_t end = name_boundary(x, g + 1) ? g + 1 : g + 2;
            if (end > best)
                best = end;
        }
    }
    return best;
}

static void rule_titles(ctx *x)
{
    for (uint32_t i = 1; i < x->n; i++) {
        if (!(x->ends[i] & K_TITLE))
            continue;
        if (inside_cue(x, i))     /* not the start of a longer one (總|理) */
            continue;
        uint32_t j = i;
        if (x->cls[j] & CL_SPACE)
            j++;
        uint32_t e = han_name_at(x, j);
        if (e)
            add_cand(x, j, e, MENTION_PERSON, MSRC_CONTEXT, 2);
    }
}

/* Can a name start at k (what comes before it ends a word)? */
static int name_start_ok(const ctx *x, uint32_t k)
{
    return k == 0 || !han(x, k - 1) || (x->cc[k - 1] & C_STOP) ||
           (x->ends[k] & (K_BOUNDARY | K_TITLE | K_CUE));
}

/* Does the title word starting at i end the phrase, so that a name before
 * it is the person it names (柯達莉總統對他, 盧伯頓外長昨天)? Not when
 * a name follows the title: then what precedes it is a place or an
 * organisation (俄羅斯總統葉利欽). */
static int title_closes(const ctx *x, uint32_t i)
{
    uint32_t len = 0;
    if (!word_at(x, i, K_TITLE, &len))
        return 0;
    uint32_t a = i + len;
    /* the segmenter must agree that the title is a word of its own (not
     * 局長 in 常|副局長, 委員 in 計算機|委員會) */
    if (x->ws && (!x->ws[i] || !x->ws[a]))
        return 0;
    return name_boundary(x, a) || (x->starts[a] & K_PERSON_AFTER) ||
           !(x->cc[a] & (C_SURNAME | C_TRANSLIT));
}

/* 王小明表示, 斯瓦托尼總統訪華: a surname-first name of three characters
 * or a transliterated one (two characters or more before a title), between
 * a word boundary and a reporting verb or a title that closes the phrase.
 * A surname and one character before a title are left to the tagger: on
 * unseen text they were as often a surname and an adjective (白大專家). */
static void rule_verbs(ctx *x)
{
    int titles_after = tune("GATE_TITLE_AFTER", 1);
    for (uint32_t i = 2; i < x->n; i++) {
        if (!han(x, i - 1))
            continue;
        int verb = (x->starts[i] & K_PERSON_AFTER) != 0;
        int title = !verb && titles_after && (x->starts[i] & K_TITLE) && !inside_cue(x, i) &&
                    title_closes(x, i);
        if (!verb && !title)
            continue;
        for (uint32_t L = title ? 2 : 3; L <= 5; L++) {
            if (L > i)
                break;
            uint32_t k = i - L, ok = 1, translit = 1, len = 0;
            for (uint32_t m = k; m < i && ok; m++) {
                if (!han(x, m) || (m > k && ((x->cc[m] & C_STOP) || (x->starts[m] & K_CUE))))
                    ok = 0;
                if (!(x->cc[m] & C_TRANSLIT))
                    translit = 0;
            }
            if (!ok || (x->starts[k] & K_CUE) || !name_start_ok(x, k) ||
                inside_cue(x, k) || (title && x->ws && !x->ws[k]) ||
                (title && (x->cc[k] & C_STOP)))     /* 讓|考古隊員 */
                continue;
            int sur = (x->cc[k] & C_SURNAME) && !(x->cc[k] & C_STOP);
            /* before a title, a word of two characters and one more is
             * that word's (房屋|署發言人), not a surname's */
            if (title && sur && L == 3 && x->ws && x->ws[k] && !x->ws[k + 1] && x->ws[k + 2])
                sur = 0;
            int surname = (L == 3 && sur) ||
                          (L == 4 && word_at(x, k, K_COMPOUND_SURNAME, &len) && len == 2);
            if (surname || translit)
                add_cand(x, k, i, MENTION_PERSON, MSRC_CONTEXT, 2);
        }
    }
}

/* 王先生, 李老師, 江主席, 張某: a bare surname before a word of address
 * (data/titles.tsv, "address") is a person mention of its own. The mention
 * is the surname alone, as the People's Daily annotation marks it; the
 * address word is kept in addr_e for its name (propagate decides who it
 * is). The surname must start a word of the segmenter (not 史 in 歷史老師),
 * the address word must end one (not 總 in 李總理), and the surname is no
 * function character (向市長匯報) and starts no context word (副教授). */
static void rule_surname_address(ctx *x)
{
    const uint8_t *ws = x->ws;
    for (uint32_t j = 0; j + 1 < x->n; j++) {
        if (!(x->cc[j] & C_SURNAME) && !(x->starts[j] & K_COMPOUND_SURNAME))
            continue;
        uint32_t sl = 0, len = 0;
        if (word_at(x, j, K_COMPOUND_SURNAME, &len))
            sl = len;
        else if (!(x->cc[j] & C_STOP))
            sl = 1;
        if (!sl || !han(x, j) || (x->starts[j] & K_CUE) || j + sl >= x->n)
            continue;
        uint32_t g = j + sl, pl = 0;
        /* 杜大隊長, 范副總理: a prefix that makes a longer title of the
         * word of address after it */
        if (tune("GATE_TPREFIX", 1) && !(x->starts[g] & K_ADDRESS) && (x->starts[g] & K_TITLE_PREFIX) &&
            word_at(x, g, K_TITLE_PREFIX, &pl) && (x->starts[g + pl] & K_ADDRESS))
            g += pl;
        if (!(x->starts[g] & K_ADDRESS) || !word_at(x, g, K_ADDRESS, &len))
            continue;
        uint32_t ae = g + len;
        /* before it: a boundary, or a word of two or more characters (貫徹毛主席);
         * a lone character there is more often a name's start (若斯潘總理) */
        if (ws ? !ws[j] || (!ws[ae] && han(x, ae)) || (!name_start_ok(x, j) && ws[j - 1])
               : !name_start_ok(x, j))
            continue;
        cand *c = add_cand(x, j, j + sl, MENTION_PERSON, MSRC_CONTEXT, 2);
        if (c)
            c->addr_e = ae;
    }
}

/* Walk back from p over a Chinese name-like run (at most max characters);
 * strip generic words from its front. Returns the start (== p: none). */
static uint32_t org_prefix(const ctx *x, uint32_t p, uint32_t max)
{
    uint32_t k = p;
    while (k > 0 && p - k < max && han(x, k - 1) && !(x->cc[k - 1] & C_STOP) &&
           !(x->ends[k] & (K_BOUNDARY | K_TITLE | K_PERSON_AFTER | K_ORG_SUFFIX | K_FRAME_LEFT)))
        k--;
    uint32_t len;
    while (k < p && word_at(x, k, K_GENERIC | K_ORG_BEFORE, &len) && k + len <= p)
        k += len;
    if (p - k < 2)
        return p;
    for (uint32_t m = k; m < p; m++)   /* a role or verb wholly inside */
        if ((x->starts[m] & (K_TITLE | K_PERSON_AFTER)) &&
            word_at(x, m, K_TITLE | K_PERSON_AFTER, &len) && m + len <= p)
            return p;
    return k;
}

static void rule_org_suffix(ctx *x)
{
    for (uint32_t i = 1; i < x->n; i++) {
        uint32_t len;
        if (!(x->starts[i] & K_ORG_SUFFIX) || !word_at(x, i, K_ORG_SUFFIX, &len))
            continue;
        uint32_t k = org_prefix(x, i, 6);
        if (k < i)
            add_cand(x, k, i + len, MENTION_COMPANY, MSRC_SUFFIX, 4);
    }
}

/* 獵豹移動創始人: the organisation a role belongs to. */
static void rule_org_titles(ctx *x)
{
    for (uint32_t i = 2; i < x->n; i++) {
        if (!(x->starts[i] & K_ORG_TITLE))
            continue;
        /* 總裁 inside 副總裁 is not where the organisation ends */
        uint32_t len, tl = 0, inside = 0;
        word_at(x, i, K_ORG_TITLE, &tl);
        for (uint32_t b = 1; b <= 3 && b <= i && !inside; b++)
            if ((x->starts[i - b] & K_TITLE) && word_at(x, i - b, K_TITLE, &len) &&
                i - b + len >= i + tl)
                inside = 1;
        if (inside)
            continue;
        uint32_t p = i;
        if (x->cp[p - 1] == 0x7684 /* 的 */)
            p--;
        uint32_t k = org_prefix(x, p, 6);
        if (k < p && name_start_ok(x, k))
            add_cand(x, k, p, MENTION_COMPANY, MSRC_CONTEXT, 3);
    }
}

static int sentence_end(int32_t c)
{
    return c == 0x3002 || c == '!' || c == '?' || c == '\n' || c == ';' || c == 0xFF01 ||
           c == 0xFF1F || c == 0xFF1B;
}

/* 一家名為X的公司, 接受X採訪, 據X報道. */
static void rule_frames(ctx *x)
{
    const struct entity_rules *r = x->r;
    for (uint32_t i = 1; i < x->n; i++) {
        if (!(x->ends[i] & K_FRAME_LEFT))
            continue;
        for (size_t f = 0; f < r->n_frames; f++) {
            const frame *fr = &r->frames[f];
            if (fr->nleft > i ||
                memcmp(x->cp + i - fr->nleft, fr->left, fr->nleft * sizeof(int32_t)))
                continue;
            uint32_t j = i, found = 0;
            for (; j < x->n && j < i + 40 && !sentence_end(x->cp[j]); j++)
                if (j + fr->nright <= x->n &&
                    !memcmp(x->cp + j, fr->right, fr->nright * sizeof(int32_t))) {
                    found = 1;
                    break;
                }
            if (!found)
                continue;
            uint32_t s = i, e = j, len;
            while (s < e && ((x->cls[s] & CL_SPACE) || is_open_quote(x->cp[s]) || x->cp[s] == 0x4E86))
                s++;
            while (e > s && ((x->cls[e - 1] & CL_SPACE) || is_close_quote(x->cp[e - 1])))
                e--;
            while (s < e && word_at(x, s, K_GENERIC | K_ORG_BEFORE, &len) && s + len <= e)
                s += len;
            while (s < e && (x->cls[s] & CL_SPACE))
                s++;
            if (e - s < 2 || e - s > 30)
                continue;
            int ok = 1, hanonly = 1;
            for (uint32_t m = s; m < e && ok; m++) {
                if (x->starts[m] & (K_TITLE | K_PERSON_AFTER))
                    ok = 0;
                if (!han(x, m))
                    hanonly = 0;
                else if (x->cc[m] & C_STOP)
                    ok = 0;
                if (x->cp[m] == ',' || x->cp[m] == 0x3001)
                    ok = 0;
            }
            if (!ok || (hanonly && e - s > 8))
                continue;
            if ((x->cls[s] & (CL_LATIN | CL_DIGIT)) && s > 0 && alnum(x, s - 1))
                continue;
            int type = fr->type;
            if (type < 0) {
                uint32_t a = skip_after(x, j + fr->nright);
                type = (a < x->n && (x->starts[a] & K_PRODUCT_AFTER)) ? MENTION_PRODUCT
                                                                      : MENTION_COMPANY;
            }
            add_cand(x, s, e, type, MSRC_FRAME, 5);
        }
    }
}

/* 初創公司藍鯨儲能宣布: a Chinese name after an organisation descriptor,
 * when a verb or a role closes it. */
static void rule_org_before(ctx *x)
{
    for (uint32_t i = 1; i < x->n; i++) {
        if (!(x->ends[i] & K_ORG_DESC))
            continue;
        uint32_t j = i;
        if (j < x->n && (x->cls[j] & CL_SPACE))
            j++;
        uint32_t k = j;
        while (k < x->n && k - j < 8 && han(x, k) && !(x->cc[k] & C_STOP) &&
               !(k > j && (x->starts[k] & (K_PERSON_AFTER | K_TITLE | K_ORG_AFTER))))
            k++;
        if (k - j < 2 || k - j > 6 || k >= x->n || (x->starts[j] & K_CUE))
            continue;
        if (!(x->starts[k] & (K_PERSON_AFTER | K_TITLE | K_ORG_AFTER)))
            continue;
        add_cand(x, j, k, MENTION_COMPANY, MSRC_CONTEXT, 4);
    }
}

/* 電池產品「鯨能一號」, 晶片「Aurora X7」: a quoted name right after a
 * product word (or before one) is a product. */
static void rule_quoted(ctx *x)
{
    for (uint32_t i = 1; i + 2 < x->n; i++) {
        if (!is_open_quote(x->cp[i]) || x->cp[i] == '"' || x->cp[i] == '\'')
            continue;
        uint32_t close = i + 1;
        while (close < x->n && close < i + 20 && !is_close_quote(x->cp[close]) &&
               !sentence_end(x->cp[close]) && x->cp[close] != ',' && x->cp[close] != 0x3001)
            close++;
        if (close >= x->n || !is_close_quote(x->cp[close]))
            continue;
        uint32_t s = i + 1, e = close, de;
        while (s < e && (x->cls[s] & CL_SPACE)) s++;
        while (e > s && (x->cls[e - 1] & CL_SPACE)) e--;
        if (e - s < 2 || e - s > 16 || (x->starts[s] & K_CUE))
            continue;
        int ok = 1;
        for (uint32_t m = s; m < e && ok; m++)
            if (!(x->cls[m] & (CL_HAN | CL_LATIN | CL_DIGIT | CL_SPACE)) && !word_inner_punct(x->cp[m]))
                ok = 0;
            else if (han(x, m) && (x->cc[m] & C_STOP))
                ok = 0;
        if (!ok)
            continue;
        uint32_t bk = x->ends[i], ak = after_kinds(x, close + 1, &de);
        if ((bk & K_PRODUCT_BEFORE) || (ak & K_PRODUCT_AFTER))
            add_cand(x, s, e, MENTION_PRODUCT, MSRC_CONTEXT, 4);
    }
}

/* The statistical tagger, for people and organisations the rules miss. Its
 * spans must look like names: Chinese characters only, two to four (PER)
 * or ten (ORG) of them, no function character (的, 之 ...), not starting
 * with a context word, a surname or transliteration first for PER, not
 * only generic words for ORG. A sure span (score >= TAGGER_SURE_MILLI)
 * is trusted further: up to 8 / 16 characters, function characters inside
 * (周恩來, 龔育之), a generic or boundary word first (中國共產黨, 聯合國),
 * and no surname needed (路甬祥). Tech news keeps the checks for the unsure
 * spans, where the tagger (1990s newspaper training data) is weakest. The
 * span then competes with the rules (repair_edges) or fills gaps
 * (select_typed). */
/* Span score cuts, x1000, in the CRF's log-score units (ner.h), chosen on
 * peoples_daily_example.dev with models that never saw it (one trained on
 * MSRA alone; two-fold, MSRA + half of dev): docs/performance.md. The
 * .test file was not used to choose them. */
enum { TAGGER_MIN_MILLI_PER = 300, TAGGER_MIN_MILLI_ORG = 300, TAGGER_SURE_MILLI = 1000,
       TAGGER_LIST_SEED_MILLI = 4000,   /* a tagger name a list is followed from */
       TAGGER_REPAIR_MILLI = 300,
       TAGGER_DICTPER_MILLI = 4000 };   /* below: a dictionary word is no name (dict_word_person) */

/* Is the tagger person [s, e) one word of the segmenter's dictionary
 * (瓶頸, 基地) that nothing marks as a name: no listed surname first, not
 * all transliterating characters, and by the tagger's own learned classes
 * neither a surname first (橋本) nor name characters throughout (俊平)? */
static int dict_word_person(const ctx *x, uint32_t s, uint32_t e)
{
    if (!x->ws || e - s < 2 || e > x->n || !x->ws[s] || !x->ws[e] || (x->cc[s] & C_SURNAME) ||
        word_at(x, s, K_COMPOUND_SURNAME, NULL))
        return 0;
    int translit = 1, named = 1;
    for (uint32_t m = s; m < e; m++) {
        if (m > s && x->ws[m])
            return 0;
        if (!(x->cc[m] & C_TRANSLIT))
            translit = 0;
        uint8_t k = tune("GATE_DICTCLS", 1) ? ner_model_class(x->r->ner, (uint32_t)x->cp[m]) : 0;
        if (m == s && (k & NER_CLS_SURNAME))
            return 0;
        if (!(k & (NER_CLS_PER_IN | NER_CLS_FOREIGN | NER_CLS_SURNAME)))
            named = 0;
    }
    return !translit && !named;
}

/* 布萊克伍德表示, 研究員卡里米: the tagger types many transliterated names
 * LOC. One of two to six transliterating characters that is no country or
 * city, right before a reporting verb or right after a title that is not
 * the end of a longer word, is a person. */
static int loc_person(ctx *x, uint32_t s, uint32_t e, int milli)
{
    if (!tune("GATE_LOCPER", 1) || e > x->n || e - s < 2 || e - s > 6)
        return 0;
    for (uint32_t m = s; m < e; m++)
        if (!han(x, m) || !(x->cc[m] & C_TRANSLIT) || (x->cc[m] & C_STOP) ||
            (m > s && (x->starts[m] & K_CUE)))
            return 0;
    if ((x->starts[s] & K_CUE) || (word_exact(x, s, e) & K_PLACE))
        return 0;
    uint32_t de, ak = after_kinds(x, e, &de), bk = before_kinds(x, s);
    int verb = (ak & K_PERSON_AFTER) && (word_at(x, skip_after(x, e), K_PERSON_AFTER, NULL) & K_PERSON_AFTER);
    int title = (bk & K_TITLE) && !inside_cue(x, s);
    /* the whole name (not 瑪麗亞 of 瑪麗亞絲汀娜) */
    if ((!verb && !title) || !name_boundary(x, e))
        return 0;
    cand *c = add_cand(x, s, e, MENTION_PERSON, MSRC_TAGGER, 7);
    if (c)
        c->score = milli;
    return 1;
}


/* a verb_mark of entity_cues.tsv (了, 着, 来 ...) after a character: it
 * was a verb (王明笑了, 罗斯带来), not a name's end */
static int aspect_mark(const ctx *x, uint32_t i)
{
    return i < x->n && (x->cc[i] & C_VERB_MARK);
}

static int on_span(const ner_span *sp, void *arg)
{
    ctx *x = arg;
    uint32_t s = cp_at_byte(x, x->tag_base + sp->start), e = cp_at_byte(x, x->tag_base + sp->end);
    GATE_LOG("span");
    int type = sp->type;
    if (type == NER_LOC) {
        if (loc_person(x, s, e, (int)(sp->score * 1000)))
            GATE_LOG("loc_person");
        else
            GATE_LOG("loc");
        return 0;
    }

    int milli = (int)(sp->score * 1000);
    if (milli < (type == NER_PER ? tune("GATE_MIN_PER", TAGGER_MIN_MILLI_PER)
                                     : tune("GATE_MIN_ORG", TAGGER_MIN_MILLI_ORG))) {
        GATE_LOG("score");
        return 0;
    }
    int sure = milli >= tune("GATE_SURE", TAGGER_SURE_MILLI);
    uint32_t maxlen = type == NER_PER ? (sure ? 8u : 4u) : (sure ? 16u : 10u);
    /* one character: a sure surname alone, named like 王先生, when a name
     * cannot go on after it (張又說, 楊與趙...; not 江|漢聲表示, 秦|家山村) */
    int bare = type == NER_PER && sure && e == s + 1 && e <= x->n && han(x, s) &&
               (x->cc[s] & C_SURNAME) && !(x->cc[s] & C_STOP) && !(x->starts[s] & K_CUE) &&
               (name_boundary(x, e) || is_coord(x->cp[e]) || (x->starts[e] & K_ADDRESS));
    if (e > x->n || (e - s < 2 && !bare) || e - s > maxlen) {
        GATE_LOG("length");
        return 0;
    }
    if (x->starts[s] & K_CUE & (sure ? ~(uint32_t)(K_GENERIC | K_BOUNDARY) : ~0u)) {
        GATE_LOG("cue_start");
        return 0;
    }
    for (uint32_t m = s; m < e; m++) {
        /* a sure name may be joined by a dot or dash (差猜·春哈旺, 約翰—格倫) */
        int joiner = sure && m > s && m + 1 < e && han(x, m - 1) && han(x, m + 1) &&
                     ((x->cls[m] & CL_DOT) || x->cp[m] == 0x2014 || x->cp[m] == 0x2013 || x->cp[m] == '-');
        if ((!han(x, m) && !joiner) || ((x->cc[m] & C_STOP) && !sure)) {
            GATE_LOG(!han(x, m) ? "non_han" : "stop_char");
            return 0;
        }
    }
    if (type == NER_PER && !sure) {
        int translit = 1;
        for (uint32_t m = s; m < e; m++)
            if (!(x->cc[m] & C_TRANSLIT)) translit = 0;
        if (!translit && !(x->cc[s] & C_SURNAME) && !word_at(x, s, K_COMPOUND_SURNAME, NULL)) {
            GATE_LOG("no_surname");
            return 0;
        }
    }
    /* 2480億里亞爾: right after a number and its magnitude (a Han numeral
     * of 100 or more by ICU's numeric value: 百 千 萬 億 兆), a unit */
    if (type == NER_PER && tune("GATE_NUMUNIT", 1) && s >= 2 &&
        u_getNumericValue(x->cp[s - 1]) >= 100 && han(x, s - 1) &&
        ((x->cls[s - 2] & CL_DIGIT) || u_getNumericValue(x->cp[s - 2]) != U_NO_NUMERIC_VALUE)) {
        GATE_LOG("num_unit");
        return 0;
    }
    if (type == NER_PER && milli < tune("GATE_DICTPER", TAGGER_DICTPER_MILLI) && dict_word_person(x, s, e)) {
        GATE_LOG("dict_word");
        return 0;
    }
    if (type == NER_ORG) {
        uint32_t k = s, len;
        while (k < e && word_at(x, k, K_GENERIC | K_ORG_BEFORE | K_ORG_SUFFIX, &len) && k + len <= e)
            k += len;
        if (k == e) {
            GATE_LOG("generic_only");
            return 0;
        }
    }
    /* 吴贵|临对柳大华: the tagger often ends a three-character Chinese name
     * one early; a surname and one character, then one more that a name
     * cannot go on after, is the whole name */
    if (type == NER_PER && e - s == 2 && tune("GATE_EXT3", 1) && (x->cc[s] & C_SURNAME) && e + 1 <= x->n &&
        han(x, e) && !(x->cc[e] & C_STOP) && !(x->starts[e] & (K_CUE | K_ADDRESS)) &&
        name_boundary(x, e + 1) && !aspect_mark(x, e + 1)) {
        GATE_LOG("ext3");
        e++;
    }
    cand *c = add_cand(x, s, e, type == NER_PER ? MENTION_PERSON : MENTION_COMPANY, MSRC_TAGGER, 7);
    if (c) {
        c->score = milli;
        if (bare)
            c->addr_e = e;
    }
    return 0;
}

/* The whole text goes to the tagger: gating it to sentences with a title or
 * verb cost much recall (bench/entities). CROSSREAD_NO_TAGGER=1 turns it off
 * when speed matters more than names without context. The tagger gets the
 * segmenter's words (its model was trained on them), when there are any. */
static void rule_tagger(ctx *x)
{
    if (!x->r->ner)
        return;
    cr_error e;
    cr_error_clear(&e);
    x->tag_base = 0;
    const doc *d = x->d;
    uint32_t *w = d->n_tokens ? malloc(d->n_tokens * sizeof *w) : NULL;
    for (size_t i = 0; w && i < d->n_tokens; i++)
        w[i] = d->tokens[i].start;
    ner_tag_words(x->r->ner, d->text, d->text_len, w, w ? d->n_tokens : 0, on_span, x, &e);
    free(w);
}

/* 杜大|隊長, 王明副|總理: a name whose last characters and the title after
 * them make a longer title (data/titles.tsv title_prefix: 大, 副 ...) ends
 * before those characters; a surname left alone is the bare surname that
 * rule_surname_address reads there (杜 of 杜大隊長). */
static void title_prefix_cut(ctx *x)
{
    if (!tune("GATE_TPREFIX", 1))
        return;
    size_t nc = x->nc;
    for (size_t i = 0; i < nc; i++) {
        const cand *c = &x->c[i];
        uint32_t s = c->s, e = c->e, len = 0, m;
        if (c->type != MENTION_PERSON || c->addr_e || e - s < 2 || e >= x->n ||
            (c->src != MSRC_TAGGER && c->src != MSRC_CONTEXT) || !(x->ends[e] & K_TITLE_PREFIX) ||
            !(x->starts[e] & (K_TITLE | K_ADDRESS)))
            continue;
        for (m = s + 1; m < e; m++)
            if ((x->starts[m] & K_TITLE_PREFIX) && word_at(x, m, K_TITLE_PREFIX, &len) && m + len == e)
                break;
        if (m == e)
            continue;
        x->c[i].beaten = 1;
        if (m - s >= 2) {       /* add_cand may move x->c */
            int src = c->src, rank = c->rank, score = c->score;
            cand *t = add_cand(x, s, m, MENTION_PERSON, src, rank);
            if (t)
                t->score = score;
        }
    }
}

/* Two- and three-character person names, keyed by their folded
 * characters and start, for glued_names. */
typedef struct glue_key {
    uint64_t key;
    uint32_t s;
} glue_key;

static int cmp_glue_key(const void *pa, const void *pb)
{
    const glue_key *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->s < b->s ? -1 : a->s > b->s;
}

static uint64_t key_of(const ctx *x, uint32_t s, uint32_t n)
{
    uint64_t k = 0;
    for (uint32_t m = s; m < s + n; m++)
        k = k << 21 | ((uint32_t)x->cp[m] & 0x1FFFFF);
    return k;
}

/* Places of key k in the sorted a[0..n) (distinct starts: rules and the
 * tagger may read the same name at the same place), counted up to cap:
 * a name repeated 100,000 times costs no more than one read twice. */
static uint32_t key_count(const glue_key *a, size_t n, uint64_t k, uint32_t cap)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid].key < k) lo = mid + 1; else hi = mid;
    }
    uint32_t c = 0;
    for (size_t i = lo; i < n && a[i].key == k && c < cap; i++)
        if (i == lo || a[i].s != a[i - 1].s)
            c++;
    return c;
}

/* A person glued_names looks at: not beaten, no word of address, Han at
 * both ends. */
static int glue_person(const ctx *x, const cand *c)
{
    return c->type == MENTION_PERSON && !c->beaten && !c->addr_e && han(x, c->s) &&
           han(x, c->e - 1);
}

/* 馮禮站在, 霍金叨我, 王菲新專輯: the tagger glues a character to a
 * two-character name the document names again and again. A three-character
 * tagger person read at one place only (by any source) whose first two
 * characters are a person read at two or more places of the document is
 * that name. Sorted keys, so the document's size does not matter. */
static void glued_names(ctx *x)
{
    if (!tune("GATE_GLUED", 1))
        return;
    size_t n2 = 0, n3 = 0;
    for (size_t i = 0; i < x->nc; i++) {
        const cand *c = &x->c[i];
        if (!glue_person(x, c))
            continue;
        n2 += c->e - c->s == 2;
        n3 += c->e - c->s == 3;
    }
    if (!n2 || !n3)
        return;
    glue_key *k2 = arena_alloc(&x->a, n2 * sizeof *k2), *k3 = arena_alloc(&x->a, n3 * sizeof *k3);
    if (!k2 || !k3)
        return;
    size_t a = 0, b = 0;
    for (size_t i = 0; i < x->nc; i++) {
        const cand *c = &x->c[i];
        if (!glue_person(x, c))
            continue;
        if (c->e - c->s == 2)
            k2[a++] = (glue_key){key_of(x, c->s, 2), c->s};
        else if (c->e - c->s == 3)
            k3[b++] = (glue_key){key_of(x, c->s, 3), c->s};
    }
    qsort(k2, n2, sizeof *k2, cmp_glue_key);
    qsort(k3, n3, sizeof *k3, cmp_glue_key);
    for (size_t i = 0; i < x->nc; i++) {
        cand *c = &x->c[i];
        if (!glue_person(x, c) || c->src != MSRC_TAGGER || c->e - c->s != 3)
            continue;
        if (key_count(k3, n3, key_of(x, c->s, 3), 2) == 1 && key_count(k2, n2, key_of(x, c->s, 2), 2) == 2)
            c->e--;
    }
}

/* ---- Latin words ------------------------------------------------------------ */

enum { SH_CAP = 1, SH_CAMEL = 2, SH_UPPER = 4, SH_LOWER = 8, SH_DIGIT = 16 };

typedef struct lword {
    uint32_t s, e;        /* the word */
    uint32_t fam;         /* end of the letters before a version number */
    uint32_t ve;          /* end including " 2" / " 2.0" version, or e */
    uint8_t sh;
    uint8_t letters;
} lword;

static int word_inner_punct(int32_t c) { return c == '-' || c == '.' || c == '\'' || c == '&'; }

/* Units that make a number after a word a quantity, not a version. */
static int quantity_unit(int32_t c)
{
    static const int32_t u[] = {0x5E74, 0x6708, 0x65E5, 0x5929, 0x4E07, 0x4EBF, 0x5343,
                                0x767E, 0x4E2A, 0x573A, '%', 0x53F7, 0x5C81, 0x4EBA};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (c == u[i])
            return 1;
    return 0;
}

static lword scan_word(const ctx *x, uint32_t i)
{
    lword w = {.s = i};
    uint32_t j = i, upper = 0, lower = 0, digit = 0, upper_after_lower = 0, n_letters = 0;
    for (;;) {
        while (j < x->n && alnum(x, j)) {
            if (x->cls[j] & CL_DIGIT) digit++;
            else if (x->cls[j] & CL_UPPER) { upper++; if (lower) upper_after_lower++; }
            else lower++;
            if (x->cls[j] & CL_LATIN) n_letters++;
            j++;
        }
        if (j + 1 < x->n && word_inner_punct(x->cp[j]) && alnum(x, j + 1) && j > i) {
            j++;
            continue;
        }
        break;
    }
    w.e = w.ve = j;
    w.letters = (uint8_t)(n_letters > 255 ? 255 : n_letters);
    int first_upper = (x->cls[i] & CL_UPPER) != 0;
    if (digit) w.sh |= SH_DIGIT;
    if (!upper) w.sh |= SH_LOWER;
    else if (!lower && upper >= 2) w.sh |= SH_UPPER;
    else if (first_upper && upper == 1) w.sh |= SH_CAP;
    else if (lower && (upper_after_lower || !first_upper)) w.sh |= SH_CAMEL;
    else if (first_upper) w.sh |= SH_CAMEL;     /* LLaMA, DALL-E */
    /* the letters before the first digit: GPT in GPT-4, H in H100 */
    w.fam = j;
    for (uint32_t m = i; m < j; m++)
        if (x->cls[m] & CL_DIGIT) {
            w.fam = m;
            while (w.fam > i && !(x->cls[w.fam - 1] & CL_LATIN))
                w.fam--;
            break;
        }
    /* a version number after one space: Llama 2, Dolly 2.0 */
    if (!digit && j + 1 < x->n && x->cp[j] == ' ' && (x->cls[j + 1] & CL_DIGIT)) {
        uint32_t m = j + 1;
        while (m < x->n && (x->cls[m] & CL_DIGIT))
            m++;
        if (m + 1 < x->n && x->cp[m] == '.' && (x->cls[m + 1] & CL_DIGIT)) {
            m++;
            while (m < x->n && (x->cls[m] & CL_DIGIT))
                m++;
        }
        if (m - j <= 5 && !alnum(x, m) && !(m < x->n && quantity_unit(x->cp[m])) &&
            !(m + 1 < x->n && (x->cp[m] == '.' || x->cp[m] == ',') && (x->cls[m + 1] & CL_DIGIT)))
            w.ve = m;
    }
    return w;
}

/* Is [s, e) the whole of a lexicon alias? */
static const lex_entry *lexicon_whole(const ctx *x, uint32_t s, uint32_t e)
{
    if (!x->lx || e <= s)
        return NULL;
    const lex_entry *le = NULL;
    size_t n = x->eo[e - 1] - x->so[s];
    size_t len = lexicon_match(x->lx, x->d->text + x->so[s], n, &le);
    return len == n ? le : NULL;
}

static void latin_multi(ctx *x, uint32_t s, uint32_t e, uint32_t first_e)
{
    uint32_t de, bk = before_kinds(x, s), ak = after_kinds(x, e, &de);
    int given = (word_exact(x, s, first_e) & K_GIVEN) != 0;
    int type = -1;
    if (bk & K_TITLE)
        type = MENTION_PERSON;
    else if ((ak & (K_ORG_AFTER | K_TITLE)) || (de & K_TITLE))
        type = MENTION_COMPANY;
    else if (given || (ak & K_PERSON_AFTER))
        type = MENTION_PERSON;
    else if (bk & K_ORG_BEFORE)
        type = MENTION_COMPANY;
    else if ((bk & K_PRODUCT_BEFORE) || (ak & K_PRODUCT_AFTER))
        type = MENTION_PRODUCT;
    add_cand(x, s, e, type, MSRC_LATIN, 3);
}

static void latin_single(ctx *x, const lword *w)
{
    if ((w->letters < 2 && !(w->sh & SH_DIGIT)) || (w->sh & SH_LOWER))
        return;
    uint32_t k = word_exact(x, w->s, w->e);
    if ((k & (K_CUE | K_DESIGNATOR)) && !(k & K_GIVEN))
        return;
    uint32_t de, bk = before_kinds(x, w->s);
    int upper3 = (w->sh & SH_UPPER) && w->letters <= 3;
    if ((w->sh & SH_DIGIT) || w->ve > w->e) {
        uint32_t ak = after_kinds(x, w->ve, &de);
        const lex_entry *le = lexicon_whole(x, w->s, w->fam);
        int type = -1;
        if ((le && le->type == MENTION_PRODUCT) || (bk & (K_MEASURE | K_PRODUCT_BEFORE)) ||
            (ak & K_PRODUCT_AFTER))
            type = MENTION_PRODUCT;
        cand *c = add_cand(x, w->s, w->ve, type, MSRC_LATIN, 3);
        if (c)
            c->fam_end = w->fam;
        return;
    }
    uint32_t ak = after_kinds(x, w->e, &de);
    int type = -1;
    if ((!upper3 && (bk & K_PRODUCT_BEFORE)) || (ak & K_PRODUCT_AFTER))
        type = MENTION_PRODUCT;
    else if (bk & K_ORG_BEFORE)
        type = MENTION_COMPANY;
    else if (!upper3 && ((ak & (K_ORG_AFTER | K_TITLE)) || (de & K_TITLE)))
        type = MENTION_COMPANY;
    else if ((w->sh & SH_CAP) && (bk & K_TITLE))
        type = MENTION_PERSON;
    add_cand(x, w->s, w->e, type, MSRC_LATIN, 3);
}

static int is_latin_org(const ctx *x, const lword *w)
{
    return (w->sh & (SH_CAP | SH_UPPER | SH_CAMEL)) && (word_exact(x, w->s, w->e) & K_LATIN_ORG);
}

/* One phrase: Latin words separated by single spaces. */
static void latin_phrase(ctx *x, const lword *w, size_t nw)
{
    size_t i = 0;
    while (i < nw) {
        size_t j = i;
        while (j < nw && j - i < 4 && (w[j].sh & SH_CAP) && !(w[j].sh & SH_DIGIT) &&
               !is_latin_org(x, &w[j]))
            j++;
        if (j == i && (w[i].sh & (SH_CAMEL | SH_UPPER)) && !(w[i].sh & SH_DIGIT) &&
            i + 1 < nw && is_latin_org(x, &w[i + 1]))
            j = i + 1;
        size_t k = j;
        while (k < nw && k - j < 2 && is_latin_org(x, &w[k]))
            k++;
        if (k > j && k - i >= 2) {
            add_cand(x, w[i].s, w[k - 1].e, MENTION_COMPANY, MSRC_LATIN, 3);
            i = k;
        } else if (j - i >= 2) {
            latin_multi(x, w[i].s, w[j - 1].e, w[i].e);
            i = j;
        } else {
            latin_single(x, &w[i]);
            i++;
        }
    }
}

static void rule_latin(ctx *x)
{
    lword buf[16];
    size_t nw = 0;
    for (uint32_t i = 0; i < x->n;) {
        if (!(x->cls[i] & CL_LATIN) || (i > 0 && alnum(x, i - 1))) {
            i++;
            continue;
        }
        lword w = scan_word(x, i);
        int joins = nw > 0 && nw < 16 && buf[nw - 1].ve == buf[nw - 1].e &&
                    buf[nw - 1].e + 1 == w.s && x->cp[buf[nw - 1].e] == ' ';
        if (!joins && nw) {
            latin_phrase(x, buf, nw);
            nw = 0;
        }
        buf[nw++] = w;
        i = w.ve > w.e ? w.ve : w.e;
        if (i == w.s)
            i++;
    }
    if (nw)
        latin_phrase(x, buf, nw);
}

/* ---- choosing, then names that follow from the chosen ones ------------------ */

static void choose(ctx *x, size_t i)
{
    cand *c = &x->c[i];
    c->chosen = 1;
    for (uint32_t m = c->s; m < c->e; m++)
        x->taken[m] = 1;
    x->at_start[c->s] = (int32_t)i;
    x->at_end[c->e] = (int32_t)i;
}

static int is_free(const ctx *x, uint32_t s, uint32_t e)
{
    for (uint32_t m = s; m < e; m++)
        if (x->taken[m])
            return 0;
    return 1;
}

static int cmp_rank(const void *pa, const void *pb, void *arg)
{
    const ctx *x = arg;
    const cand *a = &x->c[*(const uint32_t *)pa], *b = &x->c[*(const uint32_t *)pb];
    uint32_t la = x->eo[a->e - 1] - x->so[a->s];
    uint32_t lb = x->eo[b->e - 1] - x->so[b->s];
    if (la != lb) return la > lb ? -1 : 1;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->type < b->type ? -1 : a->type > b->type;
}

/* The rules guess one edge of a name and take the other from a word list:
 * the suffix rule walks back from 大學 over up to six characters
 * (能力培養遼寧大學), a title or verb rule reads up to a verb (克林頓派).
 * When the tagger found a span of the same type that shares the edge the
 * rule is sure of, the tagger's other edge is the better guess: its span
 * replaces the rule's. A lexicon company name the tagger extends to the
 * right (寶馬 -> 寶馬公司, 經濟日報 -> 經濟日報社) gives way the same way,
 * keeping the lexicon entry when what was added is only a designator. */
static void repair_edges(ctx *x)
{
    int32_t *ts = arena_alloc(&x->a, ((size_t)x->n + 1) * sizeof *ts);
    int32_t *te = arena_alloc(&x->a, ((size_t)x->n + 1) * sizeof *te);
    if (!ts || !te)
        return;
    for (uint32_t m = 0; m <= x->n; m++)
        ts[m] = te[m] = -1;
    int any = 0, min = tune("GATE_REPAIR", TAGGER_REPAIR_MILLI), sure = tune("GATE_SURE", TAGGER_SURE_MILLI);
    for (size_t i = 0; i < x->nc; i++)
        if (x->c[i].src == MSRC_TAGGER && x->c[i].score >= min) {
            ts[x->c[i].s] = te[x->c[i].e] = (int32_t)i;   /* tagger spans never overlap */
            any = 1;
        }
    if (!any)
        return;
    /* ins[m]: the tagger span covering m */
    int32_t *ins = arena_alloc(&x->a, ((size_t)x->n + 1) * sizeof *ins);
    if (!ins)
        return;
    for (uint32_t m = 0; m <= x->n; m++)
        ins[m] = -1;
    for (size_t i = 0; i < x->nc; i++)
        if (x->c[i].src == MSRC_TAGGER && x->c[i].score >= min)
            for (uint32_t m = x->c[i].s; m < x->c[i].e; m++)
                ins[m] = (int32_t)i;
    for (size_t i = 0; i < x->nc; i++) {
        cand *r = &x->c[i];
        if (r->type != MENTION_PERSON && r->type != MENTION_COMPANY)
            continue;
        cand *t = NULL;
        /* 白林同志: a tagger name ending at a bare surname holds it */
        if (r->addr_e) {
            if (te[r->e] >= 0 && x->c[te[r->e]].s < r->s && x->c[te[r->e]].type == r->type) {
                r->beaten = 1;
                x->c[te[r->e]].promoted = 1;
            }
            continue;
        }
        int32_t longer = ts[r->s] >= 0 && x->c[ts[r->s]].e > r->e ? ts[r->s] : -1;
        uint32_t ext = longer >= 0 ? word_exact(x, r->e, x->c[longer].e) : 0;
        if (r->src == MSRC_DOT_NAME) {                /* sure of its start */
            /* the rule stops at the first character it does not list as
             * transliterating (馬·萊萬多|夫斯基, 拉·甘|地) */
            if (ts[r->s] >= 0 && x->c[ts[r->s]].e != r->e)
                t = &x->c[ts[r->s]];
        } else if (r->src == MSRC_SUFFIX) {           /* sure of its end */
            if (te[r->e] >= 0 && x->c[te[r->e]].s != r->s)
                t = &x->c[te[r->e]];
        } else if (r->src == MSRC_CONTEXT) {          /* sure of one edge */
            /* the same start (after a title); or the same end (before a
             * verb or role) and an earlier start: a later one would cut a
             * transliterated name the rule read whole (岡薩雷斯認為) */
            if (ts[r->s] >= 0 && x->c[ts[r->s]].e != r->e)
                t = &x->c[ts[r->s]];
            else if (te[r->e] >= 0 && x->c[te[r->e]].s < r->s)
                t = &x->c[te[r->e]];
            /* a longer name from the same start (縣委書記汪明|新經常) needs
             * no sure span: the rule stopped at a context word */
            int longer_same_start = t && t->s == r->s && t->e > r->e;
            if (t && t->score < sure && !longer_same_start)
                t = NULL;
        }
        /* a sure company span holding a lexicon company is another one that
         * contains its name (聯合國 -> 聯合國安理會, 華為 -> 深圳華為公司) */
        if (!t && r->src == MSRC_LEXICON && r->type == MENTION_COMPANY && ins[r->s] >= 0 &&
            x->c[ins[r->s]].e >= r->e && x->c[ins[r->s]].e - x->c[ins[r->s]].s > r->e - r->s &&
            x->c[ins[r->s]].score >= sure && (ext & (K_DESIGNATOR | K_ORG_SUFFIX)) == 0)
            t = &x->c[ins[r->s]];
        /* 寶馬 -> 寶馬公司, 星海集團 -> 星海集團公司: only an ending added */
        if (!t && (r->src == MSRC_SUFFIX || r->src == MSRC_LEXICON) &&
            r->type == MENTION_COMPANY && (ext & (K_DESIGNATOR | K_ORG_SUFFIX))) {
            t = &x->c[longer];
            if (t->type == r->type && !t->lex && (ext & K_DESIGNATOR))
                t->lex = r->lex;
        }
        if (!t || t->type != r->type)
            continue;
        r->beaten = 1;
        t->promoted = 1;
    }
}

/* A person the place veto would drop (達爾文 is also a city) keeps the
 * name when the evidence is strong: a title right before it (學者達爾文,
 * 藝術家阿曼), or an honorific after it that is no title (達爾文先生;
 * not 市長 or 總統, which follow places too). A verb after it is not
 * enough (巴格達表示), nor is the tagger's score: it is as sure of
 * 哈瓦那 and 奈洛比 as of 達爾文. */
static int place_person(const ctx *x, const cand *c)
{
    if (!tune("GATE_PLACE_STRONG", 1))
        return 0;
    uint32_t a = skip_after(x, c->e), len = 0;
    if ((before_kinds(x, c->s) & K_TITLE) && !inside_cue(x, c->s))
        return 1;
    uint32_t k = a < x->n && (x->starts[a] & K_ADDRESS) ? word_at(x, a, K_ADDRESS, &len) : 0;
    return (k & K_ADDRESS) && (k & K_PERSON_AFTER) && !(k & K_TITLE);   /* 先生, 女士, 博士 */
}

/* Longest span first, then source precedence; deterministic. */
static int select_typed(ctx *x)
{
    uint32_t *idx = arena_alloc(&x->a, (x->nc + 1) * sizeof *idx);
    int32_t *lex_end = arena_alloc(&x->a, ((size_t)x->n + 1) * sizeof *lex_end);
    if (!idx || !lex_end)
        return -1;
    size_t k = 0;
    for (uint32_t m = 0; m <= x->n; m++)
        lex_end[m] = -1;
    for (size_t i = 0; i < x->nc; i++) {
        if (x->c[i].type >= 0)
            idx[k++] = (uint32_t)i;
        if (x->c[i].lex && x->c[i].type == MENTION_PERSON)
            lex_end[x->c[i].e] = (int32_t)i;
    }
    /* A name the tagger or a context rule reads as a person that is
     * exactly a country or city (阿根廷, 巴格達) is that place. */
    if (tune("GATE_PLACE", 1))
        for (size_t i = 0; i < x->nc; i++) {
            cand *c = &x->c[i];
            if (c->type == MENTION_PERSON && (c->src == MSRC_TAGGER || c->src == MSRC_CONTEXT) &&
                (word_exact(x, c->s, c->e) & K_PLACE) && !place_person(x, c))
                c->beaten = 1;
        }
    repair_edges(x);
    /* A title or verb rule's name that is one word of the segmenter's
     * dictionary (主任|商量|過, 學者|申請, 國王|任命) is that word unless the
     * tagger also reads a person there; unknown names are cut into pieces
     * (張家|豪). Only with the tagger and the document's words. */
    uint8_t *tper = x->r->ner && x->ws && tune("GATE_DICTVETO", 1)
                        ? arena_alloc(&x->a, (size_t)x->n + 1) : NULL;
    if (tper) {
        for (size_t i = 0; i < x->nc; i++)
            if (x->c[i].src == MSRC_TAGGER && x->c[i].type == MENTION_PERSON)
                for (uint32_t m = x->c[i].s; m < x->c[i].e; m++)
                    tper[m] = 1;
        for (size_t i = 0; i < x->nc; i++) {
            cand *c = &x->c[i];
            if (c->src != MSRC_CONTEXT || c->type != MENTION_PERSON || c->addr_e ||
                !han(x, c->s) || !x->ws[c->s] || !x->ws[c->e] || c->e - c->s < 2)
                continue;
            uint32_t m = c->s + 1;
            while (m < c->e && !x->ws[m])
                m++;
            if (m < c->e)       /* 張家|豪: more than one word */
                continue;
            int seen = 0;
            for (uint32_t m = c->s; m < c->e; m++)
                seen |= tper[m];
            if (!seen)
                c->beaten = 1;
        }
    }
    /* qsort is not stable, but the comparison is total over distinct
     * candidates, and equal ones are interchangeable. */
    qsort_r(idx, k, sizeof *idx, cmp_rank, x);
    /* the tagger only fills gaps: its spans come after everything else */
    for (size_t i = 0; i < 2 * k; i++) {
        cand *c = &x->c[idx[i % k]];
        if ((c->src == MSRC_TAGGER && !c->promoted) != (i >= k) || c->beaten || !is_free(x, c->s, c->e))
            continue;
        /* a full name whose surname the lexicon knows is that person */
        if (!c->lex && c->type == MENTION_PERSON && lex_end[c->e] >= 0)
            c->lex = x->c[lex_end[c->e]].lex;
        choose(x, idx[i % k]);
    }
    return 0;
}

static uint32_t back_over_space(const ctx *x, uint32_t k)
{
    while (k > 0 && ((x->cls[k - 1] & CL_SPACE) || is_open_quote(x->cp[k - 1]) ||
                     is_close_quote(x->cp[k - 1])))
        k--;
    return k;
}

/* FNV-1a over code points: the key of a name in the product families'
 * and repeat_names' tables. */
static uint64_t name_hash(uint64_t h, int32_t cp)
{
    return (h ^ (uint32_t)cp) * 0x100000001B3ull;
}
#define NAME_HASH0 0xCBF29CE484222325ull

/* The families of the chosen products: every prefix of a product's text
 * that is followed by a character other than a Latin letter (GPT of
 * GPT-4), so that a model word can ask whether its family is a product in
 * one look-up. Scanning every candidate for every model word was quadratic
 * (32,000 "Gu12(王明)說" in one paragraph: 57 s). Entries point back to
 * the product, whose text is compared on a hash match. When memory runs
 * out the set is dropped and fam_has scans the candidates as before. */
typedef struct fam_slot {
    uint64_t h;
    uint32_t cand;   /* index + 1; 0 empty */
    uint32_t len;
} fam_slot;
typedef struct fam_set {
    fam_slot *v;
    size_t cap, n;
    int broken;
} fam_set;

static int fam_put(fam_set *f, fam_slot in, const ctx *x)
{
    if ((f->n + 1) * 2 > f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 256;
        fam_slot *nv = calloc(nc, sizeof *nv);
        if (!nv)
            return -1;
        for (size_t j = 0; j < f->cap; j++) {
            if (!f->v[j].cand)
                continue;
            size_t h = f->v[j].h & (nc - 1);
            while (nv[h].cand)
                h = (h + 1) & (nc - 1);
            nv[h] = f->v[j];
        }
        free(f->v);
        f->v = nv;
        f->cap = nc;
    }
    size_t h = in.h & (f->cap - 1);
    for (; f->v[h].cand; h = (h + 1) & (f->cap - 1)) {
        const cand *p = &x->c[f->v[h].cand - 1], *q = &x->c[in.cand - 1];
        if (f->v[h].h == in.h && f->v[h].len == in.len &&
            !memcmp(x->cp + p->s, x->cp + q->s, in.len * sizeof(int32_t)))
            return 0;
    }
    f->v[h] = in;
    f->n++;
    return 0;
}

static void fam_add(const ctx *x, fam_set *f, size_t i)
{
    const cand *p = &x->c[i];
    uint64_t h = NAME_HASH0;
    for (uint32_t fl = 1; fl < p->e - p->s && !f->broken; fl++) {
        h = name_hash(h, x->cp[p->s + fl - 1]);
        if (!(x->cls[p->s + fl] & CL_LATIN) &&
            fam_put(f, (fam_slot){h, (uint32_t)i + 1, fl}, x)) {
            f->broken = 1;
            free(f->v);
            f->v = NULL;
        }
    }
}

/* Is [s, e) the family of a chosen product? */
static int fam_has(const ctx *x, const fam_set *f, uint32_t s, uint32_t e)
{
    uint32_t fl = e - s;
    if (f->broken) {
        for (size_t j = 0; j < x->nc; j++) {
            const cand *p = &x->c[j];
            if (p->chosen && p->type == MENTION_PRODUCT && p->e - p->s > fl &&
                !memcmp(x->cp + p->s, x->cp + s, fl * sizeof(int32_t)) &&
                !(x->cls[p->s + fl] & CL_LATIN))
                return 1;
        }
        return 0;
    }
    if (!f->cap)
        return 0;
    uint64_t h = NAME_HASH0;
    for (uint32_t m = s; m < e; m++)
        h = name_hash(h, x->cp[m]);
    for (size_t j = h & (f->cap - 1); f->v[j].cand; j = (j + 1) & (f->cap - 1)) {
        const cand *p = &x->c[f->v[j].cand - 1];
        if (f->v[j].h == h && f->v[j].len == fl &&
            !memcmp(x->cp + p->s, x->cp + s, fl * sizeof(int32_t)))
            return 1;
    }
    return 0;
}

/* Undecided Latin names take the type of a name they are listed with
 * (OpenAI、Anthropic或Inflection); a brand right after a company is its
 * product (谷歌Bard); a model number whose family is a product in this
 * document is one too (GPT-5 after GPT-4). */
static void decide_rest(ctx *x)
{
    fam_set fam = {0};
    for (size_t i = 0; i < x->nc; i++)
        if (x->c[i].chosen && x->c[i].type == MENTION_PRODUCT)
            fam_add(x, &fam, i);
    for (int pass = 0; pass < 4; pass++) {
        int changed = 0;
        for (size_t i = 0; i < x->nc; i++) {
            cand *c = &x->c[i];
            if (c->type >= 0 || c->chosen || !is_free(x, c->s, c->e))
                continue;
            /* glued to a name (UC伯克利): part of something we cannot read */
            if (x->at_start[c->e] >= 0 || (c->s > 0 && x->at_end[c->s] >= 0))
                continue;
            int type = -1;
            uint32_t k = back_over_space(x, c->s);
            if (k > 0 && is_coord(x->cp[k - 1])) {
                int32_t m = x->at_end[back_over_space(x, k - 1)];
                if (m >= 0) type = x->c[m].type;
            }
            uint32_t a = skip_after(x, c->e);
            if (type < 0 && a < x->n && is_coord(x->cp[a])) {
                int32_t m = x->at_start[skip_after(x, a + 1)];
                if (m >= 0) type = x->c[m].type;
            }
            if (type < 0 && !c->fam_end) {
                uint32_t b = k;
                if (b > 0 && x->cp[b - 1] == 0x7684)
                    b = back_over_space(x, b - 1);
                int32_t m = x->at_end[b];
                int upper3 = 1;
                for (uint32_t q = c->s; q < c->e; q++)
                    if (!(x->cls[q] & CL_UPPER) && (x->cls[q] & CL_LATIN)) upper3 = 0;
                if (c->e - c->s > 3) upper3 = 0;
                if (m >= 0 && x->c[m].type == MENTION_COMPANY && !upper3 && c->s - b <= 2)
                    type = MENTION_PRODUCT;
            }
            if (type < 0 && c->fam_end > c->s && fam_has(x, &fam, c->s, c->fam_end))
                type = MENTION_PRODUCT;
            if (type >= 0) {
                c->type = (int8_t)type;
                choose(x, i);
                if (type == MENTION_PRODUCT)
                    fam_add(x, &fam, i);
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    free(fam.v);
    /* Left with no context at all, a word written in CamelCase with an
     * inner capital (DuckDuckGo, SimilarWeb) is a brand: a company. */
    for (size_t i = 0; i < x->nc; i++) {
        cand *c = &x->c[i];
        if (c->type >= 0 || c->chosen || c->fam_end || c->e - c->s < 5 || !is_free(x, c->s, c->e))
            continue;
        int lower = 0, inner = 0, other = 0;
        for (uint32_t q = c->s; q < c->e; q++) {
            if (!(x->cls[q] & CL_LATIN)) other = 1;
            else if (!(x->cls[q] & CL_UPPER)) lower++;
            else if (q > c->s && lower) inner++;
        }
        if (!other && inner && lower >= 3 && (x->cls[c->s] & CL_UPPER)) {
            c->type = MENTION_COMPANY;
            choose(x, i);
        }
    }
}

static int root_of(const ctx *x, int32_t i)
{
    for (int guard = 0; x->c[i].canon >= 0 && guard < 64; guard++)
        i = x->c[i].canon;
    return i;
}

/* Is [s, e) shaped like a name of this type (for a parenthesised alias)? */
static int alias_shaped(const ctx *x, uint32_t s, uint32_t e, int type)
{
    if (e <= s || e - s > 40 || (x->starts[s] & K_CUE))
        return 0;
    if (han(x, s)) {
        if (e - s < 2 || e - s > 8)
            return 0;
        int translit = 1;
        for (uint32_t m = s; m < e; m++) {
            if (!han(x, m) || (m > s && (x->cc[m] & C_STOP)))
                return 0;
            if (!(x->cc[m] & C_TRANSLIT)) translit = 0;
        }
        if (type == MENTION_PERSON)
            return e - s <= 5 && ((x->cc[s] & C_SURNAME) || translit ||
                                  word_at(x, s, K_COMPOUND_SURNAME, NULL));
        uint32_t len;
        uint32_t k = s;
        while (k < e && word_at(x, k, K_GENERIC | K_ORG_BEFORE, &len) && k + len <= e)
            k += len;
        return k < e;
    }
    if (!(x->cls[s] & CL_UPPER))
        return 0;
    for (uint32_t m = s; m < e; m++)
        if (!(x->cls[m] & (CL_LATIN | CL_SPACE | CL_DIGIT)) && !word_inner_punct(x->cp[m]))
            return 0;
    return 1;
}

static cand *push_chosen(ctx *x, uint32_t s, uint32_t e, int type, int src, int32_t canon)
{
    cand *c = add_cand(x, s, e, type, src, 6);
    if (!c)
        return NULL;
    c->canon = canon;
    if (canon >= 0)
        c->lex = x->c[canon].lex;
    choose(x, (size_t)(c - x->c));
    return c;
}

/* A coordinator between two names of a list: is_coord's words and the
 * slash (folded: ／ is /), but not the comma, which joins clauses as often
 * as names. */
static int list_coord(int32_t c)
{
    return (is_coord(c) && c != ',') || c == '/';
}

/* Is [s, e) shaped like a person's name on its own: a surname and one or
 * two characters, a compound surname and one or two, or two to six
 * transliterating characters; no function character, no context word. */
static int list_name_shaped(const ctx *x, uint32_t s, uint32_t e)
{
    uint32_t L = e - s, translit = 1, len = 0;
    if (L < 2 || L > 6 || (x->starts[s] & K_CUE) || inside_cue(x, s))
        return 0;
    for (uint32_t m = s; m < e; m++) {
        if (!han(x, m) || (x->cc[m] & C_STOP) || (m > s && (x->starts[m] & K_CUE)))
            return 0;
        if (!(x->cc[m] & C_TRANSLIT))
            translit = 0;
    }
    if (word_exact(x, s, e) & K_PLACE)
        return 0;
    /* one word of the segmenter's dictionary (溫度, 白楊, 黃牛 in a list
     * of things) is that word */
    if (x->ws && tune("GATE_LISTWORD", 1)) {
        uint32_t m = s + 1;
        while (m < e && !x->ws[m])
            m++;
        if (m == e && x->ws[s] && x->ws[e])
            return 0;
    }
    if (translit)
        return 1;
    if (word_at(x, s, K_COMPOUND_SURNAME, &len) && len == 2)
        return L >= 3 && L <= 4;
    return (x->cc[s] & C_SURNAME) && L <= 3;
}

/* 汪志明、柯達莉和蘇林: the other members of a list with a person in it
 * are people too, when they are shaped like names and each stands alone
 * between the list's coordinators (or its ends). Runs to a fixed point so
 * that a chain is followed from one known name. */
static void list_names(ctx *x)
{
    if (!tune("GATE_LIST", 1))
        return;
    for (int changed = 1, pass = 0; changed && pass < 8; pass++) {
        changed = 0;
        size_t nc = x->nc;
        for (size_t i = 0; i < nc; i++) {
            const cand *c = &x->c[i];
            /* a list is followed only from a name the rules or the
             * lexicon found, or one the tagger is very sure of: a tagger
             * error in a list of places or things (田東, 坦克旅) would
             * carry the whole list (score 4 chosen on SIGHAN text, at no
             * cost on two-fold dev) */
            if (!c->chosen || c->type != MENTION_PERSON || c->addr_e ||
                (c->src == MSRC_TAGGER && c->score < tune("GATE_LIST_SEED", TAGGER_LIST_SEED_MILLI)))
                continue;
            uint32_t ce = c->e, cs = c->s;
            /* the next member: after a coordinator, up to the next
             * coordinator, punctuation, function character or context word */
            if (ce + 1 < x->n && list_coord(x->cp[ce])) {
                uint32_t s = ce + 1, e = s;
                while (e < x->n && e - s < 6 && han(x, e) && !(x->cc[e] & C_STOP) &&
                       !list_coord(x->cp[e]) && !(e > s && (x->starts[e] & K_CUE)))
                    e++;
                if (e > s && (name_boundary(x, e) || list_coord(x->cp[e])) &&
                    list_name_shaped(x, s, e) && is_free(x, s, e)) {
                    push_chosen(x, s, e, MENTION_PERSON, MSRC_CONTEXT, -1);
                    changed = 1;
                }
            }
            /* the member before: it ends at a coordinator, starts after one
             * or at a boundary */
            if (cs >= 3 && list_coord(x->cp[cs - 1])) {
                uint32_t e = cs - 1, s = e;
                while (s > 0 && e - s < 6 && han(x, s - 1) && !(x->cc[s - 1] & C_STOP) &&
                       !list_coord(x->cp[s - 1]) && !(x->ends[s] & K_CUE))
                    s--;
                if (s < e && (s == 0 || !han(x, s - 1) || list_coord(x->cp[s - 1]) ||
                              (x->cc[s - 1] & C_STOP) || (x->ends[s] & K_CUE)) &&
                    list_name_shaped(x, s, e) && is_free(x, s, e)) {
                    push_chosen(x, s, e, MENTION_PERSON, MSRC_CONTEXT, -1);
                    changed = 1;
                }
            }
        }
    }
}

/* Shane Gu(顧世翔), 蘇姿丰(Lisa Su): both sides are one entity. */
static void paren_aliases(ctx *x)
{
    size_t nc = x->nc;
    for (size_t i = 0; i < nc; i++) {
        if (!x->c[i].chosen)
            continue;
        uint32_t e = x->c[i].e;
        int type = x->c[i].type;
        if (e < x->n && x->cp[e] == '(') {
            uint32_t close = e + 1;
            while (close < x->n && close < e + 42 && x->cp[close] != ')' && x->cp[close] != '\n')
                close++;
            if (close >= x->n || x->cp[close] != ')')
                continue;
            uint32_t s = e + 1, t = close;
            while (s < t && (x->cls[s] & CL_SPACE)) s++;
            while (t > s && (x->cls[t - 1] & CL_SPACE)) t--;
            int32_t m = x->at_start[s];
            if (m >= 0 && x->c[m].e == t) {
                if (x->c[m].type == type && !x->c[m].lex && x->c[m].canon < 0)
                    x->c[m].canon = (int32_t)i;
            } else if (is_free(x, s, t) && alias_shaped(x, s, t, type)) {
                push_chosen(x, s, t, type, MSRC_PAREN, (int32_t)i);
            }
        }
        uint32_t s = x->c[i].s;
        if (s >= 2 && x->cp[s - 1] == '(' && type == MENTION_PERSON && han(x, s - 2) &&
            x->c[i].e < x->n && x->cp[x->c[i].e] == ')') {
            uint32_t p = s - 1, k = p;
            while (k > 0 && han(x, k - 1) && p - k < 4 && !(x->cc[k - 1] & C_STOP) &&
                   !(x->ends[k] & K_CUE))
                k--;
            if (k < p && is_free(x, k, p) && alias_shaped(x, k, p, type))
                push_chosen(x, k, p, type, MSRC_PAREN, (int32_t)i);
        }
    }
}

typedef struct pname {
    uint32_t s, e;        /* the code points to look for */
    int32_t src;          /* candidate it stands for */
    uint8_t flags;
} pname;

static int repeat_names(ctx *x, const pname *p, size_t np);

/* Order of two spans' folded text: by length, then by content. */
static int text_cmp(const ctx *x, uint32_t s1, uint32_t e1, uint32_t s2, uint32_t e2)
{
    if (e1 - s1 != e2 - s2)
        return e1 - s1 < e2 - s2 ? -1 : 1;
    return memcmp(x->cp + s1, x->cp + s2, (e1 - s1) * sizeof(int32_t));
}

struct short_arg {
    const ctx *x;
    const pname *p;
};

/* pname indices by text, then by index (the first in p wins, as in a scan) */
static int cmp_short(const void *pa, const void *pb, void *arg)
{
    const struct short_arg *sa = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    int d = text_cmp(sa->x, sa->p[a].s, sa->p[a].e, sa->p[b].s, sa->p[b].e);
    return d ? d : (a > b) - (a < b);
}

/* Orders candidates (indices) by their text, the surname of an address:
 * by length, then code points; equal surnames compare 0. */
static int cmp_surname(const void *pa, const void *pb, void *arg)
{
    const ctx *x = arg;
    const cand *a = &x->c[*(const uint32_t *)pa], *b = &x->c[*(const uint32_t *)pb];
    return text_cmp(x, a->s, a->e, b->s, b->e);
}

/* Every name found is looked for again in the whole document; a person's
 * last name component alone (阿爾特曼, Leike) stands for the full name. */
static int propagate(ctx *x)
{
    size_t cap = x->nc * 2 + 1, np = 0;
    pname *p = arena_alloc(&x->a, cap * sizeof *p);
    if (!p)
        return -1;
    size_t nc = x->nc;
    for (size_t i = 0; i < nc; i++) {
        const cand *c = &x->c[i];
        if (!c->chosen || c->src == MSRC_REPEAT)
            continue;
        int latin = (x->cls[c->s] & CL_LATIN) != 0;
        if (!c->lex && c->e - c->s >= (latin ? 3u : 2u))
            p[np++] = (pname){c->s, c->e, (int32_t)root_of(x, (int32_t)i), 0};
        if (c->type != MENTION_PERSON)
            continue;
        /* last component after a dot or a space */
        uint32_t k = c->e;
        while (k > c->s && !(x->cls[k - 1] & (CL_DOT | CL_SPACE)))
            k--;
        if (k > c->s && c->e - k >= (latin || cls_at(x, k, CL_LATIN) ? 3u : 2u))
            p[np++] = (pname){k, c->e, (int32_t)root_of(x, (int32_t)i), MENTF_SHORT};
    }
    /* 王先生: the one full name of the document with that surname (王小明),
     * or, when there is none or several, a person of this document only.
     * Every address of one surname gets the same answer, so it is worked
     * out once per surname (the addresses sorted by surname): once per
     * address was quadratic (40,000 王先生 and one 王小明: 8 s). */
    uint32_t *addr = arena_alloc(&x->a, (nc + 1) * sizeof *addr);
    if (!addr)
        return -1;
    size_t na = 0;
    for (size_t i = 0; i < nc; i++)
        if (x->c[i].chosen && x->c[i].addr_e)
            addr[na++] = (uint32_t)i;
    qsort_r(addr, na, sizeof *addr, cmp_surname, x);
    for (size_t g = 0, h; g < na; g = h) {
        const cand *c = &x->c[addr[g]];
        for (h = g + 1; h < na && !cmp_surname(&addr[g], &addr[h], x); h++)
            ;
        uint32_t sl = c->e - c->s;
        int32_t who = -1;
        for (size_t k = 0; k < nc && who != -2; k++) {
            const cand *f = &x->c[k];
            if (!f->chosen || f->addr_e || f->type != MENTION_PERSON || f->e - f->s <= sl ||
                f->e - f->s > sl + 2 || !han(x, f->s) ||
                memcmp(x->cp + f->s, x->cp + c->s, sl * sizeof(int32_t)))
                continue;
            int32_t r = root_of(x, (int32_t)k);
            who = who == -1 || who == r ? r : -2;
        }
        for (size_t m = g; m < h; m++) {
            cand *a = &x->c[addr[m]];
            if (who >= 0) {
                a->canon = who;
                a->flags |= MENTF_SHORT;
            } else {
                a->flags |= MENTF_LOCAL;
            }
        }
    }
    if (!np)
        return 0;
    /* a surname the rules already found on its own is that person too: the
     * first short name in p with its text (sorted, so that many names cost
     * n log n, not n squared; the ones skipped belong to c itself, each
     * skipped for one c only) */
    uint32_t *sh = arena_alloc(&x->a, np * sizeof *sh);
    if (!sh)
        return -1;
    size_t ns = 0;
    for (size_t k = 0; k < np; k++)
        if (p[k].flags & MENTF_SHORT)
            sh[ns++] = (uint32_t)k;
    struct short_arg sa = {x, p};
    qsort_r(sh, ns, sizeof *sh, cmp_short, &sa);
    for (size_t i = 0; i < nc && ns; i++) {
        cand *c = &x->c[i];
        if (!c->chosen || c->lex || c->canon >= 0 || c->type != MENTION_PERSON)
            continue;
        size_t lo = 0, hi = ns;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (text_cmp(x, p[sh[mid]].s, p[sh[mid]].e, c->s, c->e) < 0) lo = mid + 1; else hi = mid;
        }
        for (size_t m = lo; m < ns && !text_cmp(x, p[sh[m]].s, p[sh[m]].e, c->s, c->e); m++) {
            const pname *q = &p[sh[m]];
            if (q->src != (int32_t)i && root_of(x, q->src) != (int)i) {
                c->canon = q->src;
                c->flags |= MENTF_SHORT;
                break;
            }
        }
    }
    return repeat_names(x, p, np);
}

/* Looks every name of p for again at every position of the text: the
 * longest one that fits there (free, not inside a Latin word) wins; of
 * equal names the first in p. Names are kept in a hash table by content,
 * and each position looks up its prefixes up to the longest name that
 * starts with its character: comparing every position with every name
 * was quadratic (a 2 MB line of names took 15 s, 50 MB over 10 minutes;
 * test_hostile5.sh). */
static int repeat_names(ctx *x, const pname *p, size_t np)
{
    size_t cap = 16;
    while (cap < np * 2)
        cap <<= 1;
    /* names: content -> index into p (-1 empty); first: a first code
     * point -> the length of the longest name starting with it (0 empty) */
    typedef struct { uint64_t h; int32_t k; } nslot;
    typedef struct { int32_t cp; uint32_t max; } fslot;
    nslot *names = arena_alloc(&x->a, cap * sizeof *names);
    fslot *first = arena_alloc(&x->a, cap * sizeof *first);
    if (!names || !first)
        return -1;
    for (size_t j = 0; j < cap; j++) {
        names[j] = (nslot){0, -1};
        first[j] = (fslot){0, 0};
    }
    const size_t mask = cap - 1;
    for (size_t k = 0; k < np; k++) {
        uint32_t len = p[k].e - p[k].s;
        uint64_t h = NAME_HASH0;
        for (uint32_t m = p[k].s; m < p[k].e; m++)
            h = name_hash(h, x->cp[m]);
        size_t j = h & mask;
        for (; names[j].k >= 0; j = (j + 1) & mask) {
            const pname *q = &p[names[j].k];
            if (names[j].h == h && q->e - q->s == len &&
                !memcmp(x->cp + q->s, x->cp + p[k].s, len * sizeof(int32_t)))
                break;   /* an equal name came first: it wins ties */
        }
        if (names[j].k < 0)
            names[j] = (nslot){h, (int32_t)k};
        int32_t c0 = x->cp[p[k].s];
        for (j = (uint32_t)c0 * 0x9E3779B1u & mask; first[j].max && first[j].cp != c0;
             j = (j + 1) & mask)
            ;
        first[j].cp = c0;
        if (len > first[j].max)
            first[j].max = len;
    }
    for (uint32_t i = 0; i < x->n; i++) {
        if (x->taken[i])
            continue;
        if ((x->cls[i] & (CL_LATIN | CL_DIGIT)) && i > 0 && alnum(x, i - 1))
            continue;
        size_t j = (uint32_t)x->cp[i] * 0x9E3779B1u & mask;
        while (first[j].max && first[j].cp != x->cp[i])
            j = (j + 1) & mask;
        uint32_t maxlen = first[j].max;
        const pname *best = NULL;
        uint64_t h = NAME_HASH0;
        for (uint32_t len = 1; len <= maxlen && i + len <= x->n; len++) {
            h = name_hash(h, x->cp[i + len - 1]);
            for (j = h & mask; names[j].k >= 0; j = (j + 1) & mask) {
                const pname *q = &p[names[j].k];
                if (names[j].h == h && q->e - q->s == len &&
                    !memcmp(x->cp + i, x->cp + q->s, len * sizeof(int32_t)))
                    break;
            }
            if (names[j].k < 0)
                continue;
            if (alnum(x, i + len - 1) && alnum(x, i + len))
                continue;
            if (!is_free(x, i, i + len))
                continue;
            best = &p[names[j].k];
        }
        if (!best)
            continue;
        uint32_t len = best->e - best->s;
        cand *c = push_chosen(x, i, i + len, x->c[best->src].type, MSRC_REPEAT, best->src);
        if (c)
            c->flags = best->flags;
        i += len - 1;
    }
    return 0;
}

static int cmp_start(const void *pa, const void *pb, void *arg)
{
    const ctx *x = arg;
    const cand *a = &x->c[*(const uint32_t *)pa], *b = &x->c[*(const uint32_t *)pb];
    return a->s < b->s ? -1 : a->s > b->s;
}

static int emit(ctx *x)
{
    doc *d = x->d;
    uint32_t *idx = arena_alloc(&x->a, (x->nc + 1) * sizeof *idx);
    const char **names = arena_alloc(&x->a, (x->nc + 1) * sizeof *names);
    if (!idx || !names)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < x->nc; i++)
        if (x->c[i].chosen)
            idx[k++] = (uint32_t)i;
    qsort_r(idx, k, sizeof *idx, cmp_start, x);
    /* names of roots first: a repeat may come before the name it repeats */
    for (size_t i = 0; i < x->nc; i++) {
        const cand *c = &x->c[i];
        names[i] = NULL;
        if (!c->chosen)
            continue;
        if (c->lex)
            names[i] = c->lex->name;
        else if (c->canon < 0) {
            uint32_t e = c->addr_e ? c->addr_e : c->e;   /* 王先生 */
            names[i] = arena_strndup(&d->arena, d->text + x->so[c->s],
                                     x->eo[e - 1] - x->so[c->s]);
            if (!names[i])
                return -1;
        }
    }
    for (size_t j = 0; j < k; j++) {
        const cand *c = &x->c[idx[j]];
        int32_t r = root_of(x, (int32_t)idx[j]);
        const char *name = names[idx[j]] ? names[idx[j]] : names[r];
        if (c->lex && !(c->flags & MENTF_SHORT) && c->canon >= 0 && !x->c[r].lex)
            name = c->lex->name;
        mention *m = ARENA_PUSH(&d->arena, d->mentions, d->n_mentions, d->cap_mentions);
        if (!m)
            return -1;
        memset(m, 0, sizeof *m);
        m->start = x->so[c->s];
        m->end = x->eo[c->e - 1];
        m->type = (uint8_t)c->type;
        m->entity = -1;
        m->name = name;
        m->lex_id = c->lex ? c->lex->id : NULL;
        m->source = c->src;
        m->flags = c->flags;
    }
    return 0;
}

static int extract(ctx *x)
{
    rule_lexicon(x);
    rule_dot_names(x);
    rule_titles(x);
    rule_verbs(x);
    rule_surname_address(x);
    rule_org_suffix(x);
    rule_org_titles(x);
    rule_frames(x);
    rule_org_before(x);
    rule_quoted(x);
    rule_latin(x);
    rule_tagger(x);
    title_prefix_cut(x);
    glued_names(x);
    if (select_typed(x))
        return -1;
    decide_rest(x);
    list_names(x);
    paren_aliases(x);
    if (propagate(x))
        return -1;
    return emit(x);
}

int entities_extract(doc *d, const corpus *c, cr_error *e)
{
    if (!d->text)
        return CR_OK;
    const struct entity_rules *r = c->entity_rules;
    arena tmp;
    arena_init(&tmp);
    struct entity_rules local;
    if (!r) {       /* not prepared (a caller outside corpus_run): load now */
        int rc = rules_build(&local, &tmp, e);
        if (rc) {
            arena_free(&tmp);
            return rc;
        }
        r = &local;
    }
    ctx x;
    int rc = CR_OK;
    if (ctx_init(&x, d, c, r) || extract(&x))
        rc = cr_error_set(e, CR_ENOMEM, d->path ? d->path : "", 0, 0, 0, "out of memory");
    arena_free(&x.a);
    arena_free(&tmp);
    return rc;
}

/* ---- resolution -------------------------------------------------------------- */

/* String keys -> union-find nodes. */
typedef struct keymap {
    char **keys;
    uint32_t *node;
    size_t cap, len;
    uint32_t *parent;
    size_t n_nodes, cap_nodes;
    arena *a;
} keymap;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

static int km_grow(keymap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 256;
    char **nk = calloc(ncap, sizeof *nk);
    uint32_t *nn = calloc(ncap, sizeof *nn);
    if (!nk || !nn) {
        free(nk);
        free(nn);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = str_hash(m->keys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nn[j] = m->node[i];
        }
    free(m->keys);
    free(m->node);
    m->keys = nk;
    m->node = nn;
    m->cap = ncap;
    return 0;
}

/* Node for key (created when new); -1 when out of memory. */
static int64_t km_node(keymap *m, const char *key)
{
    if ((m->len + 1) * 2 > m->cap && km_grow(m))
        return -1;
    size_t j = str_hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], key))
            return m->node[j];
        j = (j + 1) & (m->cap - 1);
    }
    if (m->n_nodes == m->cap_nodes) {
        size_t nc = m->cap_nodes ? m->cap_nodes * 2 : 256;
        uint32_t *np = realloc(m->parent, nc * sizeof *np);
        if (!np)
            return -1;
        m->parent = np;
        m->cap_nodes = nc;
    }
    char *k = arena_strdup(m->a, key);
    if (!k)
        return -1;
    m->keys[j] = k;
    m->node[j] = (uint32_t)m->n_nodes;
    m->parent[m->n_nodes] = (uint32_t)m->n_nodes;
    m->len++;
    return (int64_t)m->n_nodes++;
}

static uint32_t uf_find(keymap *m, uint32_t a)
{
    while (m->parent[a] != a) {
        m->parent[a] = m->parent[m->parent[a]];
        a = m->parent[a];
    }
    return a;
}

static void uf_union(keymap *m, uint32_t a, uint32_t b)
{
    a = uf_find(m, a);
    b = uf_find(m, b);
    if (a != b)          /* the older node stays the root: deterministic */
        m->parent[a > b ? a : b] = a < b ? a : b;
}

/* Comparison key of a name: folded, dots unified, spaces collapsed, and a
 * designator at the end dropped (微軟公司 -> 微软, Adept AI -> adept). */
static char *name_key(arena *a, const struct entity_rules *r, char prefix, const char *s, size_t n)
{
    uint32_t len;
    int32_t *cp = fold_cps(a, s, n, &len);
    if (!cp)
        return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < len; i++) {
        int32_t c = cp[i];
        if (is_dot(c)) c = 0xB7;
        if (c == 0x3000 || c == '\t' || c == 0xA0) c = ' ';
        if (c == ' ' && (k == 0 || cp[k - 1] == ' '))
            continue;
        cp[k++] = c;
    }
    while (k && cp[k - 1] == ' ')
        k--;
    if (r) {
        for (int rounds = 0; rounds < 2; rounds++) {
            int cut = 0;
            for (uint32_t s0 = 1; s0 + 1 < k && !cut; s0++) {
                uint32_t v = cpmap_get(&r->first, cp[s0]);
                if (!v)
                    continue;
                const word *w = r->words + (v >> 12);
                for (uint32_t q = 0; q < (v & 0xFFF); q++) {
                    if (!(w[q].kinds & K_DESIGNATOR) || w[q].len != k - s0 ||
                        memcmp(w[q].cp, cp + s0, w[q].len * sizeof(int32_t)))
                        continue;
                    uint32_t ns = s0;
                    while (ns && cp[ns - 1] == ' ')
                        ns--;
                    /* a Latin designator needs a space before it */
                    if (cp[s0] < 0x80 && ns == s0)
                        continue;
                    if (ns >= 2) {
                        k = ns;
                        cut = 1;
                    }
                    break;
                }
            }
            if (!cut)
                break;
        }
    }
    char *out = arena_alloc(a, (size_t)k * 4 + 3);
    if (!out)
        return NULL;
    size_t o = 0;
    out[o++] = prefix;
    out[o++] = ':';
    for (uint32_t i = 0; i < k; i++)
        U8_APPEND_UNSAFE(out, o, cp[i]);
    out[o] = '\0';
    return out;
}

static char *make_slug(arena *a, const char *key)
{
    /* key is "N:folded name" */
    size_t n = strlen(key);
    char *out = arena_alloc(a, n + 8);
    if (!out)
        return NULL;
    size_t o = 0;
    int dash = 0;
    for (size_t i = 2; i < n; i++) {
        unsigned char ch = (unsigned char)key[i];
        if (ch >= 0x80) {
            if (ch == 0xC2 && (unsigned char)key[i + 1] == 0xB7) {   /* · */
                dash = 1;
                i++;
                continue;
            }
            if (dash && o) out[o++] = '-';
            dash = 0;
            out[o++] = (char)ch;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && o) out[o++] = '-';
            dash = 0;
            out[o++] = (char)ch;
        } else {
            dash = 1;
        }
    }
    if (!o) {
        memcpy(out, "entity", 6);
        o = 6;
    }
    out[o] = '\0';
    return out;
}

static int cmp_mention(const void *pa, const void *pb)
{
    const mention *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    return (a->type > b->type) - (a->type < b->type);
}

typedef struct group {
    int32_t entity;
    uint32_t votes[3];
} group;

typedef struct entity_ref {
    uint32_t entity, doc, mentions;
} entity_ref;

uint32_t entity_mentions_in(const entity *en, size_t di)
{
    size_t lo = 0, hi = en->n_docs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (en->docs[mid].doc < di) lo = mid + 1; else hi = mid;
    }
    return lo < en->n_docs && en->docs[lo].doc == di ? en->docs[lo].mentions : 0;
}

int entities_resolve(corpus *c, cr_error *e)
{
    arena tmp, kt;   /* kt: one mention's keys; km_node copies new ones to tmp */
    arena_init(&tmp);
    arena_init(&kt);
    keymap km = {.a = &tmp};
    const struct entity_rules *r = c->entity_rules;
    int rc = CR_OK;
    uint32_t **mnode = calloc(c->n_docs + 1, sizeof *mnode);
    group *groups = NULL;
    entity_ref *refs = NULL;           /* (entity, document, mentions) */
    size_t n_refs = 0, cap_refs = 0;
    uint32_t *last_ref = NULL;         /* per entity: its latest refs index */
    const char **first_name = NULL;    /* per entity: its first mention's name */
    size_t cap_last = 0;
    if (!mnode)
        goto oom;
    c->entities = NULL;
    c->n_entities = c->cap_entities = 0;
    /* 1. keys and unions */
    for (size_t di = 0; di < c->n_docs; di++) {
        doc *d = c->docs[di];
        mnode[di] = arena_alloc(&tmp, (d->n_mentions + 1) * sizeof **mnode);
        if (!mnode[di])
            goto oom;
        for (size_t i = 0; i < d->n_mentions; i++) {
            mention *m = &d->mentions[i];
            if (m->type > MENTION_PRODUCT || !m->name)
                continue;
            arena_reset(&kt, 65536);
            char *ck;
            if (m->lex_id) {
                size_t l = strlen(m->lex_id);
                ck = arena_alloc(&kt, l + 3);
                if (ck) { ck[0] = 'L'; ck[1] = ':'; memcpy(ck + 2, m->lex_id, l + 1); }
            } else {
                ck = name_key(&kt, r, 'N', m->name, strlen(m->name));
                /* 王先生 without a full name: this document's only */
                if (ck && (m->flags & MENTF_LOCAL)) {
                    size_t l = strlen(ck);
                    char *lk = arena_alloc(&kt, l + 24);
                    if (lk)
                        snprintf(lk, l + 24, "D%zu:%s", di, ck + 2);
                    ck = lk;
                }
            }
            if (!ck)
                goto oom;
            int64_t a = km_node(&km, ck);
            if (a < 0)
                goto oom;
            mnode[di][i] = (uint32_t)a;
            if (!(m->flags & (MENTF_SHORT | MENTF_LOCAL))) {
                char *sk = name_key(&kt, r, 'N', d->text + m->start, m->end - m->start);
                int64_t b = sk ? km_node(&km, sk) : -1;
                if (b < 0)
                    goto oom;
                uf_union(&km, (uint32_t)a, (uint32_t)b);
            }
            if (!m->lex_id && c->lexicon && !(m->flags & MENTF_LOCAL)) {
                const lex_entry *le = NULL;
                size_t nl = strlen(m->name);
                if (lexicon_match(c->lexicon, m->name, nl, &le) == nl && le && le->type <= MENTION_PRODUCT) {
                    size_t l = strlen(le->id);
                    char *lk = arena_alloc(&kt, l + 3);
                    if (!lk)
                        goto oom;
                    lk[0] = 'L'; lk[1] = ':'; memcpy(lk + 2, le->id, l + 1);
                    int64_t b = km_node(&km, lk);
                    if (b < 0)
                        goto oom;
                    uf_union(&km, (uint32_t)a, (uint32_t)b);
                }
            }
        }
    }
    /* 2. one entity per group, in order of first mention */
    groups = calloc(km.n_nodes + 1, sizeof *groups);
    if (!groups)
        goto oom;
    for (size_t i = 0; i < km.n_nodes; i++)
        groups[i].entity = -1;
    for (size_t di = 0; di < c->n_docs; di++) {
        doc *d = c->docs[di];
        for (size_t i = 0; i < d->n_mentions; i++) {
            mention *m = &d->mentions[i];
            if (m->type > MENTION_PRODUCT || !m->name) {
                m->entity = -1;
                continue;
            }
            group *g = &groups[uf_find(&km, mnode[di][i])];
            if (m->type <= MENTION_PRODUCT)
                g->votes[m->type] += (m->flags & MENTF_SHORT) ? 1 : 2;
            if (g->entity < 0) {
                entity *en = ARENA_PUSH(&c->arena, c->entities, c->n_entities, c->cap_entities);
                if (!en)
                    goto oom;
                memset(en, 0, sizeof *en);
                en->type = 255;
                g->entity = (int32_t)(c->n_entities - 1);
                if (c->n_entities > cap_last) {
                    size_t nc = cap_last ? 2 * cap_last : 256;
                    uint32_t *nl = realloc(last_ref, nc * sizeof *nl);
                    const char **nf = realloc(first_name, nc * sizeof *nf);
                    if (nl) last_ref = nl;
                    if (nf) first_name = nf;
                    if (!nl || !nf)
                        goto oom;
                    cap_last = nc;
                }
                last_ref[g->entity] = UINT32_MAX;
                first_name[g->entity] = m->name;
            }
            entity *en = &c->entities[g->entity];
            m->entity = g->entity;
            /* (entity, document) pairs in document order: counted here,
             * laid out per entity below */
            uint32_t lr = last_ref[g->entity];
            if (lr == UINT32_MAX || refs[lr].doc != di) {
                if (n_refs == cap_refs) {
                    size_t nc = cap_refs ? 2 * cap_refs : 1024;
                    entity_ref *nr = realloc(refs, nc * sizeof *nr);
                    if (!nr)
                        goto oom;
                    refs = nr;
                    cap_refs = nc;
                }
                refs[n_refs] = (entity_ref){(uint32_t)g->entity, (uint32_t)di, 0};
                last_ref[g->entity] = lr = (uint32_t)n_refs++;
                en->n_docs++;
            }
            refs[lr].mentions++;
            en->total++;
            if (m->lex_id && !en->id) {
                en->id = m->lex_id;
                en->name = m->name;
                en->type = m->type;
            }
            if (!en->name && !(m->flags & MENTF_SHORT))
                en->name = m->name;
        }
    }
    /* 3. type, name, id, aliases */
    for (size_t i = 0; i < km.n_nodes; i++) {
        group *g = &groups[i];
        if (g->entity < 0)
            continue;
        entity *en = &c->entities[g->entity];
        if (en->type == 255) {
            int best = 0;
            for (int t = 1; t < 3; t++)
                if (g->votes[t] > g->votes[best])
                    best = t;
            en->type = (uint8_t)best;
        }
    }
    for (size_t k = 0; k < c->n_entities; k++) {
        entity *en = &c->entities[k];
        if (!en->name)              /* only short forms seen: take the first */
            en->name = first_name[k];
        if (!en->name)
            en->name = "";
        en->docs = arena_alloc(&c->arena, (en->n_docs + 1) * sizeof *en->docs);
        if (!en->docs)
            goto oom;
        en->n_docs = 0;
    }
    for (size_t i = 0; i < n_refs; i++) {
        entity *en = &c->entities[refs[i].entity];
        en->docs[en->n_docs++] = (entity_doc){refs[i].doc, refs[i].mentions};
    }
    free(refs);
    free(last_ref);
    free(first_name);
    refs = NULL;
    last_ref = NULL;
    first_name = NULL;
    /* ids: lexicon ids as they are, others from the folded name, made unique */
    keymap ids = {.a = &tmp};
    for (size_t k = 0; k < c->n_entities; k++)
        if (c->entities[k].id) {
            char *key = arena_alloc(&tmp, strlen(c->entities[k].id) + 3);
            if (!key)
                goto oom_ids;
            sprintf(key, "I:%s", c->entities[k].id);
            if (km_node(&ids, key) < 0)
                goto oom_ids;
        }
    for (size_t k = 0; k < c->n_entities; k++) {
        entity *en = &c->entities[k];
        if (en->id)
            continue;
        char *nk = name_key(&tmp, NULL, 'N', en->name, strlen(en->name));
        char *slug = nk ? make_slug(&c->arena, nk) : NULL;
        if (!slug)
            goto oom_ids;
        size_t sl = strlen(slug);
        char *key = arena_alloc(&tmp, sl + 16), *id = slug;
        if (!key)
            goto oom_ids;
        for (int n = 2;; n++) {
            sprintf(key, "I:%s", id);
            size_t before = ids.n_nodes;
            if (km_node(&ids, key) < 0)
                goto oom_ids;
            if (ids.n_nodes > before)
                break;
            id = arena_alloc(&c->arena, sl + 16);
            if (!id)
                goto oom_ids;
            sprintf(id, "%s-%d", slug, n);
        }
        en->id = id;
    }
    free(ids.keys);
    free(ids.node);
    free(ids.parent);
    /* aliases: canonical name first, then every surface form seen */
    for (size_t di = 0; di < c->n_docs; di++) {
        doc *d = c->docs[di];
        for (size_t i = 0; i < d->n_mentions; i++) {
            mention *m = &d->mentions[i];
            if (m->entity < 0)
                continue;
            entity *en = &c->entities[m->entity];
            m->type = en->type;       /* the entity's type wins (lexicon first) */
            if (!en->aliases) {
                en->aliases = arena_alloc(&c->arena, 8 * sizeof *en->aliases);
                if (!en->aliases)
                    goto oom;
                en->aliases[en->n_aliases++] = en->name;
            }
            size_t n = m->end - m->start;
            int seen = 0;
            for (size_t q = 0; q < en->n_aliases && !seen; q++)
                seen = strlen(en->aliases[q]) == n && !memcmp(en->aliases[q], d->text + m->start, n);
            if (seen)
                continue;
            if (en->n_aliases >= 8 && !(en->n_aliases & (en->n_aliases - 1))) {
                const char **na = arena_alloc(&c->arena, en->n_aliases * 2 * sizeof *na);
                if (!na)
                    goto oom;
                memcpy(na, en->aliases, en->n_aliases * sizeof *na);
                en->aliases = na;
            }
            const char *al = arena_strndup(&c->arena, d->text + m->start, n);
            if (!al)
                goto oom;
            en->aliases[en->n_aliases++] = al;
        }
        if (d->n_mentions > 1)   /* mentions is NULL when there are none */
            qsort(d->mentions, d->n_mentions, sizeof *d->mentions, cmp_mention);
    }
    goto out;
oom_ids:
    free(ids.keys);
    free(ids.node);
    free(ids.parent);
oom:
    rc = cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
out:
    free(refs);
    free(last_ref);
    free(first_name);
    free(groups);
    free(mnode);
    free(km.keys);
    free(km.node);
    free(km.parent);
    arena_free(&tmp);
    arena_free(&kt);
    return rc;
}
