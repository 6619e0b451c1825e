/* text_inline.c — the character-level pass of the cleaner (text_internal.h).
 *
 * One left-to-right walk over the raw bytes. At each position at most one
 * rule looks ahead, and every look-ahead has a fixed bound (the enum below),
 * so the pass is linear however hostile the input: a 5 MB line, 50,000 '('
 * in a row or an endless run of annotations cost the same per byte as prose.
 * Rules, in the order they are tried (docs/cleaning.md says why each is safe):
 *   CR/CRLF/U+2028/U+2029/FF/VT   -> LF (a replacement in the map)
 *   invalid UTF-8 or NUL          -> U+FFFD + DAMAGE_INVALID_UTF8
 *   <tag ...>, <!-- -->, <script> -> removed (LF for block tags)
 *   /tag> right after damage      -> removed (its '<' was eaten)
 *   &entity;                      -> decoded (a replacement)
 *   Han + (pinyin)                -> annotation removed
 *   ? or U+FFFD + damage signs    -> one U+FFFD + DAMAGE_MOJIBAKE
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text_internal.h"

#include <pcre2.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "text.h"

enum {
    ANNOT_MAX = 96,          /* bytes inside the parentheses of an annotation */
    TAG_NAME_MAX = 16,       /* bytes of a tag name */
    TAG_MAX = 1024,          /* bytes of one tag, attributes included */
    COMMENT_MAX = 65536,     /* bytes of one <!-- comment --> */
    SCRIPT_MAX = 1 << 20,    /* bytes of one script or style block */
    ENTITY_NAME_MAX = 16,    /* bytes of an entity name */
    DAMAGE_WINDOW = 16,      /* code points looked at after a '?' */
    DAMAGE_GAP = 3,          /* plain characters allowed between damage signs */
};

static const char FFFD[] = "\xEF\xBF\xBD";

/* The next place a closing pattern starts, searched for at most once per
 * byte: queries come in increasing order and the answer is remembered, so
 * a file of 1,000,000 "<!--" costs one scan, not a million. */
typedef struct finder {
    uint32_t from, to;       /* no hit in [from, to) other than hit */
    uint32_t hit;            /* UINT32_MAX: none found */
} finder;

typedef struct pass {
    const uint8_t *r;
    uint32_t n;
    inline_out *o;
    arena *a;
    uint32_t cap;
    int32_t prev;            /* last code point written on this line; 0 at a line start */
    uint32_t ann_end;        /* o->len when the last annotation was removed */
    uint32_t armed;          /* o->len at which a toneless annotation may follow */
    uint32_t after_damage;   /* o->len right after the last damage replacement */
    pcre2_code *pinyin;
    pcre2_match_data *md;
    const UNormalizer2 *nfd;
    finder comment, script, style;
} pass;

typedef bool (*match_fn)(const uint8_t *r, uint32_t n, uint32_t k);

/* First k in [j, limit) where at(k) holds, or UINT32_MAX. j never goes
 * down between calls with the same finder. */
static uint32_t find_next(const pass *p, finder *f, uint32_t j, uint32_t limit, match_fn at)
{
    if (f->hit != UINT32_MAX && f->hit >= j && f->from <= j)
        return f->hit < limit ? f->hit : UINT32_MAX;
    uint32_t k = f->hit == UINT32_MAX && j >= f->from && j <= f->to ? f->to : j;
    f->from = j;
    f->hit = UINT32_MAX;
    for (; k < limit; k++)
        if (at(p->r, p->n, k)) {
            f->hit = f->to = k;
            return k;
        }
    f->to = k;
    return UINT32_MAX;
}

static bool at_comment_end(const uint8_t *r, uint32_t n, uint32_t k)
{
    return k + 3 <= n && r[k] == '-' && r[k + 1] == '-' && r[k + 2] == '>';
}

static bool at_close(const uint8_t *r, uint32_t n, uint32_t k, const char *name, uint32_t nlen)
{
    return k + 2 + nlen <= n && r[k] == '<' && r[k + 1] == '/' &&
           strncasecmp((const char *)r + k + 2, name, nlen) == 0;
}

static bool at_script_end(const uint8_t *r, uint32_t n, uint32_t k)
{
    return at_close(r, n, k, "script", 6);
}

static bool at_style_end(const uint8_t *r, uint32_t n, uint32_t k)
{
    return at_close(r, n, k, "style", 5);
}

/* ---- output ------------------------------------------------------------- */

bool text_is_han(int32_t c)
{
    if (c < 0x2E80)
        return false;
    if (c >= 0x4E00 && c <= 0x9FFF)    /* the common block, without a lookup */
        return true;
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript(c, &st) == USCRIPT_HAN;
}

int text_buf_put(arena *a, char **buf, uint32_t *len, uint32_t *cap,
                 uint64_t first_cap, const char *s, uint32_t n)
{
    if ((uint64_t)*len + n + 1 > *cap) {
        uint64_t ncap = *cap ? (uint64_t)*cap * 2 : first_cap;
        while (ncap < (uint64_t)*len + n + 1)
            ncap *= 2;
        if (ncap > UINT32_MAX)
            return -1;
        char *nb = arena_alloc_nozero(a, (size_t)ncap);
        if (!nb)
            return -1;
        if (*len)
            memcpy(nb, *buf, *len);
        *buf = nb;
        *cap = (uint32_t)ncap;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

static int put(pass *p, const void *s, uint32_t n)
{
    /* First: the raw length and some, enough unless damage turns many
     * single bytes into U+FFFD. */
    return text_buf_put(p->a, &p->o->text, &p->o->len, &p->cap,
                        (uint64_t)p->n + p->n / 8 + 64, s, n);
}

static int emit_copy(pass *p, uint32_t at, uint32_t n)
{
    uint32_t clean = p->o->len;
    if (put(p, p->r + at, n))
        return -1;
    return offmap_add(&p->o->map, clean, n, at, n);
}

static int emit_repl(pass *p, const char *s, uint32_t n, uint32_t at, uint32_t raw_len)
{
    uint32_t clean = p->o->len;
    if (put(p, s, n))
        return -1;
    return offmap_add_repl(&p->o->map, clean, n, at, raw_len);
}

static int note_removed(pass *p, uint32_t start, uint32_t end, int reason, int rule)
{
    inline_out *o = p->o;
    removed_span *s = ARENA_PUSH(p->a, o->removed, o->n_removed, o->cap_removed);
    if (!s)
        return -1;
    *s = (removed_span){start, end, (uint8_t)reason, (uint8_t)rule};
    return 0;
}

/* Write U+FFFD for raw [at, at+raw_len) and mark it damaged. */
static int emit_damage(pass *p, uint32_t at, uint32_t raw_len, int kind)
{
    uint32_t start = p->o->len;
    if (emit_repl(p, FFFD, 3, at, raw_len))
        return -1;
    inline_out *o = p->o;
    damage *d = ARENA_PUSH(p->a, o->damage, o->n_damage, o->cap_damage);
    if (!d)
        return -1;
    *d = (damage){start, o->len, (uint8_t)kind};
    p->prev = 0xFFFD;
    p->after_damage = o->len;
    return 0;
}

/* ---- characters --------------------------------------------------------- */

/* Decode the code point at i; *len gets its length (1 for a bad byte, whose
 * code point is then negative). Never reads past n. */
static int32_t cp_at(const pass *p, uint32_t i, uint32_t *len)
{
    int32_t k = 0, avail = p->n - i > 4 ? 4 : (int32_t)(p->n - i);
    UChar32 c;
    U8_NEXT(p->r + i, k, avail, c);
    *len = (uint32_t)k;
    return c;
}

static bool is_ascii_alpha(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_alnum(int32_t c)
{
    return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool is_tone_mark(UChar m)
{
    return m == 0x0300 || m == 0x0301 || m == 0x0304 || m == 0x030C;
}

/* A Latin letter as pinyin writes it: an ASCII letter plus tone marks and
 * at most a diaeresis on u. *base gets the lowercase ASCII letter ('v' for
 * ü), *tones the number of tone marks. False for anything else. */
static bool pinyin_letter(const pass *p, int32_t c, char *base, int *tones)
{
    *tones = 0;
    if (c < 0x80) {
        if (!is_ascii_alpha(c))
            return false;
        *base = (char)lower(c);
        return true;
    }
    if (c < 0xC0 || c > 0x1EFF)
        return false;
    UChar buf[8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = unorm2_getDecomposition(p->nfd, c, buf, 8, &st);
    if (U_FAILURE(st) || n < 2 || buf[0] >= 0x80 || !is_ascii_alpha(buf[0]))
        return false;
    char b = (char)lower(buf[0]);
    for (int32_t k = 1; k < n; k++) {
        if (is_tone_mark(buf[k]))
            (*tones)++;
        else if (buf[k] == 0x0308 && b == 'u')
            b = 'v';
        else
            return false;
    }
    *base = b;
    return true;
}

/* ---- HTML --------------------------------------------------------------- */

static bool is_block_tag(const uint8_t *name, uint32_t n)
{
    /* Elements that end a line of text when a page is rendered. */
    static const char *const block[] = {
        "br", "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "blockquote", "section", "article", "header",
        "footer", "figure", "figcaption", "dd", "dt", "dl", "pre",
    };
    for (size_t k = 0; k < sizeof block / sizeof block[0]; k++)
        if (strlen(block[k]) == n && strncasecmp((const char *)name, block[k], n) == 0)
            return true;
    return false;
}

/* Length of "/name>" at i (a closing tag that lost its '<'), or 0. */
static uint32_t match_broken_tag(const pass *p, uint32_t i, bool *block)
{
    const uint8_t *r = p->r;
    uint32_t j = i + 1, name = j;
    if (j >= p->n || !is_ascii_alpha(r[j]))
        return 0;
    while (j < p->n && j - name < TAG_NAME_MAX && is_ascii_alnum(r[j]))
        j++;
    if (j >= p->n || r[j] != '>')
        return 0;
    *block = is_block_tag(r + name, j - name);
    return j + 1 - i;
}

/* The end of a script or style block whose open tag ends at i: just past
 * the '>' of its closing tag, at most SCRIPT_MAX bytes on; or 0. */
static uint32_t find_close(pass *p, uint32_t i, bool script)
{
    uint32_t limit = p->n - i > SCRIPT_MAX ? i + SCRIPT_MAX : p->n;
    uint32_t k = script ? find_next(p, &p->script, i, limit, at_script_end)
                        : find_next(p, &p->style, i, limit, at_style_end);
    if (k == UINT32_MAX)
        return 0;
    for (uint32_t j = k + 2; j < p->n && j - k < TAG_MAX; j++) {
        if (p->r[j] == '>')
            return j + 1;
        if (p->r[j] == '<')
            break;
    }
    return 0;
}

/* A tag, comment or script/style block at i (r[i] == '<'). Returns its
 * length, or 0 when this '<' is text. */
static uint32_t match_tag(pass *p, uint32_t i, int *rule, bool *block)
{
    const uint8_t *r = p->r;
    uint32_t n = p->n, j = i + 1;
    *block = false;
    if (j + 2 < n && r[j] == '!' && r[j + 1] == '-' && r[j + 2] == '-') {
        uint32_t limit = n - j > COMMENT_MAX ? j + COMMENT_MAX : n;
        uint32_t k = find_next(p, &p->comment, j + 3, limit, at_comment_end);
        if (k == UINT32_MAX)
            return 0;
        *rule = RULE_HTML_COMMENT;
        return k + 3 - i;
    }
    bool closing = false;
    if (j < n && (r[j] == '/' || r[j] == '!' || r[j] == '?')) {
        closing = r[j] == '/';
        j++;
    }
    uint32_t name = j;
    if (j >= n || !is_ascii_alpha(r[j]))
        return 0;
    while (j < n && j - name < TAG_NAME_MAX &&
           (is_ascii_alnum(r[j]) || r[j] == '-' || r[j] == ':'))
        j++;
    uint32_t nlen = j - name;
    if (j < n && r[j] != '>' && r[j] != '/' && r[j] != ' ' && r[j] != '\t')
        return 0;
    /* Attributes: anything up to '>' on the same line, with no '<'. */
    while (j < n && r[j] != '>') {
        if (r[j] == '<' || r[j] == '\n' || r[j] == '\r' || j - i >= TAG_MAX)
            return 0;
        j++;
    }
    if (j >= n)
        return 0;
    j++;
    *rule = RULE_HTML_TAG;
    *block = is_block_tag(r + name, nlen);
    if (!closing && ((nlen == 6 && strncasecmp((const char *)r + name, "script", 6) == 0) ||
                     (nlen == 5 && strncasecmp((const char *)r + name, "style", 5) == 0))) {
        uint32_t end = find_close(p, j, nlen == 6);
        if (end) {
            *rule = RULE_HTML_SCRIPT;
            return end - i;
        }
    }
    return j - i;
}

/* The named entities of HTML that turn up in captured news text. This is
 * markup syntax, like '<', not a word list: an entity not here is left as it
 * stands (docs/cleaning.md). */
static const struct { const char *name; int32_t cp; } entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", ' '}, {"ensp", ' '}, {"emsp", ' '}, {"thinsp", ' '},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"middot", 0xB7},
    {"bull", 0x2022}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB}, {"raquo", 0xBB}, {"copy", 0xA9},
    {"reg", 0xAE}, {"trade", 0x2122}, {"times", 0xD7}, {"divide", 0xF7},
    {"deg", 0xB0}, {"yen", 0xA5}, {"euro", 0x20AC}, {"pound", 0xA3},
    {"cent", 0xA2}, {"shy", 0}, {"zwj", 0}, {"zwnj", 0},
};

/* An entity at i (r[i] == '&'). Returns its length and the code point it
 * stands for in *cp (0: stands for nothing), or 0 when it is text. */
static uint32_t match_entity(const pass *p, uint32_t i, int32_t *cp)
{
    const uint8_t *r = p->r;
    uint32_t n = p->n, j = i + 1;
    if (j < n && r[j] == '#') {
        j++;
        int base = 10;
        if (j < n && (r[j] == 'x' || r[j] == 'X')) {
            base = 16;
            j++;
        }
        uint32_t d0 = j;
        int32_t v = 0;
        while (j < n && j - d0 < (base == 16 ? 6u : 7u)) {
            int dv;
            if (r[j] >= '0' && r[j] <= '9') dv = r[j] - '0';
            else if (base == 16 && lower(r[j]) >= 'a' && lower(r[j]) <= 'f') dv = lower(r[j]) - 'a' + 10;
            else break;
            v = v * base + dv;
            j++;
        }
        if (j == d0 || j >= n || r[j] != ';')
            return 0;
        /* Only characters that may stand in text; controls stay as written. */
        if (v == 9 || v == 10 || v == 13 || v == 0xA0)
            v = ' ';
        else if (v < 0x20 || (v >= 0x7F && v <= 0x9F) || v > 0x10FFFF ||
                 U_IS_SURROGATE(v))
            return 0;
        *cp = v;
        return j + 1 - i;
    }
    uint32_t name = j;
    while (j < n && j - name < ENTITY_NAME_MAX && is_ascii_alnum(r[j]))
        j++;
    uint32_t nlen = j - name;
    if (!nlen)
        return 0;
    bool semi = j < n && r[j] == ';';
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        if (strlen(entities[k].name) != nlen ||
            memcmp(entities[k].name, r + name, nlen) != 0)
            continue;
        /* Without ';' only the old five and nbsp, as browsers do. */
        if (!semi && k > 5)
            return 0;
        *cp = entities[k].cp;
        return j + semi - i;
    }
    return 0;
}

/* ---- pinyin annotations ------------------------------------------------- */

/* One pinyin syllable without tones (ü written v), by initial. A grammar of
 * the syllable, not a word list: it keeps (café) or (AI) from passing. */
#define SYL                                                                         \
    "(?:[bpm](?:a|ai|an|ang|ao|e|ei|en|eng|i|ian|iao|ie|in|ing|iu|o|ou|u)"          \
    "|f(?:a|an|ang|ei|en|eng|iao|o|ou|u)"                                           \
    "|[dt](?:a|ai|an|ang|ao|e|ei|en|eng|i|ia|ian|iao|ie|ing|iu|ong|ou|u|uan|ui|un|uo)" \
    "|[nl](?:a|ai|an|ang|ao|e|ei|en|eng|i|ia|ian|iang|iao|ie|in|ing|iu|o|ong|ou|u"  \
    "|uan|un|uo|v|ve|ue)"                                                           \
    "|[gkh](?:a|ai|an|ang|ao|e|ei|en|eng|ong|ou|u|ua|uai|uan|uang|ui|un|uo)"         \
    "|[jqx](?:i|ia|ian|iang|iao|ie|in|ing|iong|iu|u|ue|uan|un|v|ve|van|vn)"          \
    "|[zcs]h?(?:a|ai|an|ang|ao|e|ei|en|eng|i|ong|ou|u|ua|uai|uan|uang|ui|un|uo)"     \
    "|r(?:an|ang|ao|e|en|eng|i|ong|ou|u|ua|uan|ui|un|uo)"                           \
    "|y(?:a|an|ang|ao|e|i|in|ing|o|ong|ou|u|uan|ue|un)"                             \
    "|w(?:a|ai|an|ang|ei|en|eng|o|u)"                                               \
    "|a|ai|an|ang|ao|e|ei|en|eng|er|o|ou)"
static const char pinyin_pattern[] = "^" SYL "(?:[ ']?" SYL ")*$";

static bool is_open_paren(const pass *p, uint32_t i, uint32_t *len)
{
    if (p->r[i] == '(') { *len = 1; return true; }
    if (i + 2 < p->n && memcmp(p->r + i, "\xEF\xBC\x88", 3) == 0) { *len = 3; return true; }
    return false;
}

/* An annotation at i (an opening parenthesis right after a Han character):
 * Latin letters with pinyin tone marks or ü, forming valid syllables.
 * Toneless syllables count only when toneless_ok (the Han character before
 * was itself annotated: a neutral tone in a run of annotations). */
static uint32_t match_annotation(pass *p, uint32_t i, uint32_t open_len, bool toneless_ok)
{
    char s[ANNOT_MAX + 1];
    uint32_t sl = 0, j = i + open_len;
    int tones = 0;
    bool umlaut = false, upper = false;
    while (j < p->n && j - i <= ANNOT_MAX) {
        uint8_t b = p->r[j];
        if (b == ')') { j++; goto closed; }
        if (j + 2 < p->n && memcmp(p->r + j, "\xEF\xBC\x89", 3) == 0) { j += 3; goto closed; }
        if (b == ' ' || b == '\'') {
            if (sl == 0 || s[sl - 1] == ' ' || s[sl - 1] == '\'')
                return 0;
            s[sl++] = (char)b;
            j++;
            continue;
        }
        uint32_t len;
        int32_t c = cp_at(p, j, &len);
        if (c == 0x2019) {                 /* ’ as the syllable apostrophe */
            if (sl == 0 || s[sl - 1] == '\'')
                return 0;
            s[sl++] = '\'';
            j += len;
            continue;
        }
        if (c >= 0x0300 && c <= 0x036F) {   /* a decomposed mark */
            if (sl == 0 || s[sl - 1] == ' ' || s[sl - 1] == '\'')
                return 0;
            if (is_tone_mark((UChar)c))
                tones++;
            else if (c == 0x0308 && s[sl - 1] == 'u')
                s[sl - 1] = 'v', umlaut = true;
            else
                return 0;
            j += len;
            continue;
        }
        char base;
        int t;
        if (!pinyin_letter(p, c, &base, &t))
            return 0;
        upper |= c >= 'A' && c <= 'Z';
        tones += t;
        umlaut |= base == 'v';
        s[sl++] = base;
        j += len;
    }
    return 0;
closed:
    if (sl == 0 || s[sl - 1] == ' ' || s[sl - 1] == '\'')
        return 0;
    if (!(tones || umlaut) && !(toneless_ok && !upper))
        return 0;
    /* Compiled on first use: most documents never get this far, and a
     * compile per document cost more than all the matching. */
    if (!p->pinyin) {
        int err;
        PCRE2_SIZE eoff;
        p->pinyin = pcre2_compile((PCRE2_SPTR)pinyin_pattern, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP, &err, &eoff, NULL);
        if (p->pinyin)
            p->md = pcre2_match_data_create_from_pattern(p->pinyin, NULL);
        if (!p->md)
            return 0;
    }
    int rc = pcre2_match(p->pinyin, (PCRE2_SPTR)s, sl, 0, 0, p->md, NULL);
    return rc > 0 ? j - i : 0;
}

/* ---- encoding damage ---------------------------------------------------- */

enum { W_PLAIN, W_Q, W_STRONG, W_WEAK, W_LETTER };

typedef struct wcp {
    int32_t c;
    uint32_t off, len;
    uint8_t cls;
} wcp;

/* Characters a GBK/UTF-8 mix-up produces and prose next to Han text does
 * not: private use (GBK's user areas), bopomofo, kana, box drawing, Greek
 * and Cyrillic letters, the euro sign (cp936's 0x80), and ASCII symbols
 * that are trail bytes of a double-byte character read one byte off. */
static bool damage_sign(int32_t c)
{
    if (c < 0x80)
        return c && strchr("^_`\\|~{}", (int)c) != NULL;
    return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0x3100 && c <= 0x312F) ||
           (c >= 0x31A0 && c <= 0x31BF) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0xFF61 && c <= 0xFF9F) || (c >= 0x2500 && c <= 0x257F) ||
           (c >= 0x0370 && c <= 0x04FF) || c == 0x20AC;
}

/* A damaged run starting at i (a '?' after non-ASCII text, or U+FFFD).
 * Looks at the next DAMAGE_WINDOW code points on the line and chains the
 * damage signs in them, allowing DAMAGE_GAP plain characters between two.
 * A '?' counts as damage only when the chain holds a strong sign, or when
 * it is a cluster of ?/! that ends in a closing tag whose '<' is gone
 * ("深夜?!?/p>"); otherwise it is a question mark. Returns the run's raw
 * length, or 0. */
static uint32_t match_damage(const pass *p, uint32_t i, int32_t c0, uint32_t len0)
{
    wcp w[DAMAGE_WINDOW + 1];
    uint32_t m = 0, j = i;
    bool broken = false;
    w[m++] = (wcp){c0, i, len0, W_Q};
    j += len0;
    while (m <= DAMAGE_WINDOW && j < p->n) {
        uint32_t len;
        int32_t c = cp_at(p, j, &len);
        uint32_t ol;
        bool blk;
        if (c <= 0 || c == '\n' || c == '\r' || c == '<' || c == '&' ||
            u_isUWhiteSpace(c) || is_open_paren(p, j, &ol))
            break;
        if (c == '/' && match_broken_tag(p, j, &blk)) {
            broken = true;
            break;
        }
        uint8_t cls = W_PLAIN;
        if (c == '?' || c == 0xFFFD || c == '!')
            cls = W_Q;
        else if (damage_sign(c))
            cls = W_STRONG;
        else if (c == ')' && w[m - 1].cls == W_LETTER)
            cls = W_STRONG;
        else if (is_ascii_alpha(c) || (c >= 0xC0 && c <= 0x24F && u_isalpha(c)))
            cls = W_LETTER;
        w[m++] = (wcp){c, j, len, cls};
        j += len;
    }
    /* Latin runs: lowercase letters with pinyin tone marks in a run of
     * lowercase letters are cp936's pinyin block, read out of place; a
     * single ASCII letter squeezed between non-ASCII characters is a trail
     * byte. Other letters are plain. The ')' rule above was decided before
     * the run was known, so undo it for plain runs. */
    for (uint32_t k = 1; k < m;) {
        if (w[k].cls != W_LETTER) { k++; continue; }
        uint32_t e = k;
        bool toned = false, mixed = false;
        while (e < m && w[e].cls == W_LETTER) {
            char b;
            int t;
            if (!pinyin_letter(p, w[e].c, &b, &t) || (w[e].c >= 'A' && w[e].c <= 'Z') ||
                (w[e].c >= 0x80 && !u_islower(w[e].c)))
                mixed = true;
            else if (w[e].c >= 0x80)
                toned = true;
            e++;
        }
        uint8_t cls = W_PLAIN;
        if (toned && !mixed)
            cls = W_STRONG;
        else if (e - k == 1 && w[k].c < 0x80 && w[k - 1].c >= 0x80 && e < m && w[e].c >= 0x80)
            cls = W_WEAK;
        for (uint32_t q = k; q < e; q++)
            w[q].cls = cls;
        if (cls == W_PLAIN && e < m && w[e].c == ')')
            w[e].cls = W_PLAIN;
        k = e;
    }
    uint32_t last = 0;
    bool strong = c0 == 0xFFFD, only_q = true;
    for (uint32_t k = 1; k < m; k++) {
        if (w[k].cls == W_PLAIN)
            continue;
        if (k - last - 1 > DAMAGE_GAP)
            break;
        last = k;
        strong |= w[k].cls == W_STRONG;
        only_q &= w[k].cls == W_Q;
    }
    bool q_cluster = only_q && broken && last == m - 1;
    if (!strong && !q_cluster)
        return 0;
    return w[last].off + w[last].len - i;
}

/* ---- the pass ----------------------------------------------------------- */

/* The end of the run of characters from j on that no rule looks at, so
 * that they are copied in one piece (one memcpy, one map segment) instead
 * of one step each: what a step would do with each of them is copy it and
 * remember it as the previous character. Stops before anything a rule
 * starts at (line ends, '<', '&', '(', '?', U+FFFD, ...), before invalid
 * UTF-8 and at NUL. A '/' is taken: it starts a rule only right after a
 * damage replacement, and the character before the run was copied. A '\n'
 * is taken too (it is copied as it is); *last gets the previous character
 * at the end of the run as a step would leave it (0 after a line end). */
static uint32_t plain_run(const pass *p, uint32_t j, int32_t *last)
{
    const uint8_t *r = p->r;
    uint32_t n = p->n, at = UINT32_MAX;    /* at: start of the last character */
    while (j < n) {
        uint8_t b = r[j];
        if (b < 0x80) {
            switch (b) {
            case '\r': case '\f': case '\v': case '<': case '&': case '(': case '?': case 0:
                goto done;
            }
            at = j++;
            continue;
        }
        /* Three bytes led by E3-EC (kana, CJK, Hangul...): none is a
         * character a rule starts at; only the continuation bytes need
         * checking. */
        if ((uint8_t)(b - 0xE3) < 10 && n - j >= 3 && ((r[j + 1] ^ 0x80) | (r[j + 2] ^ 0x80)) < 0x40) {
            at = j;
            j += 3;
            continue;
        }
        int32_t k = 0, avail = n - j > 4 ? 4 : (int32_t)(n - j);
        UChar32 c;
        U8_NEXT(r + j, k, avail, c);
        if (c < 0 || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFF08 || c == 0xFFFD)
            break;
        at = j;
        j += (uint32_t)k;
    }
done:
    if (at != UINT32_MAX) {
        uint32_t len;
        int32_t c = cp_at(p, at, &len);
        *last = c == '\n' ? 0 : c;
    }
    return j;
}


static int step(pass *p, uint32_t *ip)
{
    const uint8_t *r = p->r;
    uint32_t i = *ip, len;
    uint8_t b = r[i];
    inline_out *o = p->o;

    if (b == '\n') {
        p->prev = 0;
        *ip = i + 1;
        return emit_copy(p, i, 1);
    }
    if (b == '\r' || b == '\f' || b == '\v') {
        len = b == '\r' && i + 1 < p->n && r[i + 1] == '\n' ? 2 : 1;
        p->prev = 0;
        *ip = i + len;
        return emit_repl(p, "\n", 1, i, len);
    }
    if (b == '<') {
        int rule;
        bool block;
        if ((len = match_tag(p, i, &rule, &block))) {
            *ip = i + len;
            if (note_removed(p, i, i + len, REMOVED_HTML, rule))
                return -1;
            if (block) {
                p->prev = 0;
                return emit_repl(p, "\n", 1, i, len);
            }
            return 0;
        }
    }
    if (b == '/' && p->after_damage == o->len) {
        bool block;
        if ((len = match_broken_tag(p, i, &block))) {
            *ip = i + len;
            if (note_removed(p, i, i + len, REMOVED_HTML, RULE_HTML_BROKEN))
                return -1;
            if (block) {
                p->prev = 0;
                return emit_repl(p, "\n", 1, i, len);
            }
            return 0;
        }
    }
    if (b == '&') {
        int32_t cp;
        if ((len = match_entity(p, i, &cp))) {
            *ip = i + len;
            if (!cp)
                return note_removed(p, i, i + len, REMOVED_HTML, RULE_HTML_ENTITY);
            char buf[4];
            int32_t k = 0;
            U8_APPEND_UNSAFE(buf, k, cp);
            p->prev = cp;
            return emit_repl(p, buf, (uint32_t)k, i, len);
        }
    }
    uint32_t olen;
    if (text_is_han(p->prev) && is_open_paren(p, i, &olen)) {
        if ((len = match_annotation(p, i, olen, p->armed == o->len))) {
            *ip = i + len;
            p->ann_end = o->len;
            return note_removed(p, i, i + len, REMOVED_PINYIN, RULE_PINYIN);
        }
    }
    int32_t c = cp_at(p, i, &len);
    if (c <= 0) {                   /* invalid UTF-8 or NUL: only with --lenient */
        *ip = i + len;
        return emit_damage(p, i, len, DAMAGE_INVALID_UTF8);
    }
    if ((c == '?' && p->prev >= 0x80 && !u_isUWhiteSpace(p->prev)) || c == 0xFFFD) {
        uint32_t dl = match_damage(p, i, c, len);
        if (dl) {
            *ip = i + dl;
            return emit_damage(p, i, dl, DAMAGE_MOJIBAKE);
        }
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) {
        p->prev = 0;
        *ip = i + len;
        return emit_repl(p, "\n", 1, i, len);
    }
    /* A Han character right after an annotation arms the toneless rule for
     * a parenthesis right after it. */
    bool arm = p->ann_end == o->len && text_is_han(c);
    uint32_t end = plain_run(p, i + len, &c);
    *ip = end;
    p->prev = c;
    if (emit_copy(p, i, end - i))
        return -1;
    p->armed = arm && end == i + len ? o->len : UINT32_MAX;
    return 0;
}

int text_inline(const char *raw, uint32_t n, arena *scratch, inline_out *o)
{
    memset(o, 0, sizeof *o);
    offmap_init(&o->map, scratch);
    pass p = {.r = (const uint8_t *)raw, .n = n, .o = o, .a = scratch,
              .ann_end = UINT32_MAX, .armed = UINT32_MAX,
              .after_damage = UINT32_MAX};
    p.comment = p.script = p.style = (finder){0, 0, UINT32_MAX};
    int rc = -1;
    UErrorCode st = U_ZERO_ERROR;
    p.nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st) || put(&p, "", 0))
        goto out;
    uint32_t i = 0;
    if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
        i = 3;                      /* an encoding signature, not text */
    while (i < n)
        if (step(&p, &i))
            goto out;
    rc = 0;
out:
    pcre2_match_data_free(p.md);
    pcre2_code_free(p.pinyin);
    return rc;
}
