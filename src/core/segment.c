/* segment.c — ICU word and sentence break, plus merges (see segment.h).
 *
 * The text is converted to UTF-16 once per document and ICU runs over that
 * buffer; UTF-8 offsets are recovered by walking both encodings in step as
 * the boundaries advance (measured faster than UText over UTF-8, and no
 * offset table: see docs/performance.md). ICU pieces flow through a small
 * window so the merge rules can look ahead without storing every piece
 * twice; tokens go straight into the document's arena.
 */
#include "segment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "cpcache.h"
#include "lexicon.h"

enum {
    WIN = 256,        /* look-ahead window in ICU pieces (a power of two) */
    LEX_MAX = 1024,   /* longest lexicon match tried, in bytes (aliases are shorter) */
    SB_LOCAL = 256,   /* sentence boundaries held on the stack */
};

/* Sentence rules are the same for every locale; "en@ss=standard" adds
 * ICU's list of English abbreviations after which a period does not end a
 * sentence (Mr. Smith), which Chinese news quoting English names needs. */
#define SENTENCE_LOCALE "en@ss=standard"

/* ○ (WHITE CIRCLE) is written for zero in Han digit strings (二○○一年);
 * it has no numeric value in Unicode, unlike 〇 and 零. */
#define CIRCLE_ZERO 0x25CB

typedef struct piece {
    uint32_t start, end;
    int32_t cp1;        /* its only code point, or -1 (piece_chars) */
    uint8_t kind;
    uint8_t fprops;     /* props (below) of its first code point */
} piece;

/* A position in both encodings: UTF-16 index and UTF-8 byte offset. */
typedef struct cursor {
    int32_t u;
    int32_t b;
} cursor;

typedef struct seg {
    doc *d;
    const char *text;
    int32_t len;
    const UChar *u;
    int32_t ulen;
    UBreakIterator *wb;
    UBreakIterator *sb;     /* sentences: walked alongside the words */
    int32_t sb_next;        /* its next boundary (UTF-16), or UBRK_DONE */
    uint32_t *sbyte;        /* sentence boundaries passed, as byte offsets */
    size_t n_sbyte, cap_sbyte;
    int oom;
    cursor cur;
    int valid;        /* the text is well-formed UTF-8 (no U+FFFD substituted) */
    int done;
    piece win[WIN];
    unsigned head, n;
    unsigned rules;
    const lexicon *lx;
} seg;

/* ---- characters ---------------------------------------------------------- */

static UChar32 cp_at(const char *s, int32_t len, int32_t i)
{
    UChar32 c;
    U8_NEXT(s, i, len, c);
    return c < 0 ? 0xFFFD : c;
}

static int is_han(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript(c, &st) == USCRIPT_HAN;
}

/* Han digit 0-9 by its Unicode numeric value (一..九, 〇, 零, 壹..), or ○. */
static int han_digit(UChar32 c)
{
    if (c == CIRCLE_ZERO)
        return 1;
    if (c < 0x3000 || !is_han(c))
        return 0;
    double v = u_getNumericValue(c);
    return v >= 0 && v <= 9 && v == (int)v;
}

static int han_zero(UChar32 c) { return c == CIRCLE_ZERO || (han_digit(c) && u_getNumericValue(c) == 0); }

/* Han characters that scale a number: 十 百 千 万 萬 亿 億 兆 ... */
static int han_magnitude(UChar32 c)
{
    if (c < 0x3000 || !is_han(c))
        return 0;
    double v = u_getNumericValue(c);
    return v >= 10 && v != U_NO_NUMERIC_VALUE;
}

static uint8_t kind_of_cp(UChar32 c)
{
    if (u_isUWhiteSpace(c))
        return TOK_SPACE;
    int8_t t = u_charType(c);
    switch (t) {
    case U_DECIMAL_DIGIT_NUMBER:
        return TOK_NUMBER;
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_LETTER_NUMBER: {
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &st);
        return sc == USCRIPT_HAN ? TOK_HAN : sc == USCRIPT_LATIN ? TOK_LATIN : TOK_OTHER;
    }
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL:
        return TOK_PUNCT;
    case U_OTHER_SYMBOL:
        /* Emoji and the replacement character are not punctuation. */
        return c == 0xFFFD || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)
                   ? TOK_OTHER : TOK_PUNCT;
    default:
        return TOK_OTHER;
    }
}

/* The per-character answers above, memoised (one byte per code point):
 * kind_of_cp in the low three bits, then the Han digit tests. */
enum { P_KIND = 7, P_DIGIT = 8, P_ZERO = 16, P_MAGNITUDE = 32 };

static uint8_t props_of(int32_t c)
{
    return (uint8_t)(kind_of_cp(c) | (han_digit(c) ? P_DIGIT : 0) |
                     (han_zero(c) ? P_ZERO : 0) | (han_magnitude(c) ? P_MAGNITUDE : 0));
}

static cpcache props = CPCACHE_INIT(props_of);

static uint8_t kind_fast(UChar32 c) { return cpcache_get(&props, c) & P_KIND; }
static int prop_has(UChar32 c, uint8_t bit)
{
    return (uint32_t)c <= 0x10FFFF && (cpcache_get(&props, c) & bit);
}

/* Kind of an ICU piece from its rule status and the props of its first
 * code point. */
static uint8_t classify(int32_t status, uint8_t pr)
{
    uint8_t k = pr & P_KIND;
    /* ICU's CJ dictionary words (status IDEO) may be kana too. */
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT)
        return k == TOK_HAN ? TOK_HAN : TOK_OTHER;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT)
        /* "5G", "4K": letters and digits together are a Latin word. */
        return k == TOK_NUMBER ? TOK_LATIN : k == TOK_SPACE || k == TOK_PUNCT ? TOK_OTHER : k;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
        /* ICU gives "H100" the status of its last part. */
        return k == TOK_LATIN || k == TOK_OTHER || k == TOK_HAN ? k : TOK_NUMBER;
    return k;
}

/* ---- the piece window ---------------------------------------------------- */

/* Move c forward to UTF-16 index target, keeping the UTF-8 offset in step.
 * One code point on each side per step; invalid UTF-8 became one U+FFFD per
 * maximal subpart in the conversion, which is what U8_FWD_1 skips. */
static void cursor_to(const seg *s, cursor *c, int32_t target)
{
    if (s->valid) {
        /* well-formed: the UTF-8 length follows from the UTF-16 unit */
        int32_t u = c->u, b = c->b;
        while (u < target) {
            UChar w = s->u[u];
            if (w < 0x80)
                u++, b++;
            else if (w < 0x800)
                u++, b += 2;
            else if (U16_IS_LEAD(w))
                u += 2, b += 4;
            else
                u++, b += 3;
        }
        c->u = u;
        c->b = b;
        return;
    }
    while (c->u < target) {
        U16_FWD_1(s->u, c->u, s->ulen);
        U8_FWD_1(s->text, c->b, s->len);
    }
}

/* cp1 and fprops of p from its UTF-8 (after its bounds changed): cp1 is
 * the code point U8_NEXT reads at its start (negative when ill-formed)
 * when that is the whole piece, else -1. */
static void piece_chars(const seg *s, piece *p)
{
    int32_t i = (int32_t)p->start;
    UChar32 c;
    U8_NEXT(s->text, i, s->len, c);
    p->cp1 = i == (int32_t)p->end ? c : -1;
    p->fprops = cpcache_get(&props, c < 0 ? 0xFFFD : c);
}

/* ICU reads the full-width comma and semicolon between digits as digit
 * grouping (MidNum); in Chinese they separate clauses (分別為3，5), so the
 * last piece of the window is split there while the window has room. */
static int clause_separator(UChar32 c)
{
    return c == 0xFF0C || c == 0xFF1B || c == 0xFE50 || c == 0xFE54 || c == 0xFE10 ||
           c == 0xFE14;
}

static void split_number(seg *s)
{
    piece *p = &s->win[(s->head + s->n - 1) & (WIN - 1)];
    for (int32_t i = (int32_t)p->start; i < (int32_t)p->end && s->n + 2 <= WIN;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s->text, i, s->len, c);
        if (!clause_separator(c) || at == (int32_t)p->start)
            continue;
        uint32_t end = p->end;
        p->end = (uint32_t)at;
        piece_chars(s, p);
        p = &s->win[(s->head + s->n++) & (WIN - 1)];
        *p = (piece){.start = (uint32_t)at, .end = (uint32_t)i, .kind = TOK_PUNCT};
        piece_chars(s, p);
        p = &s->win[(s->head + s->n++) & (WIN - 1)];
        *p = (piece){.start = (uint32_t)i, .end = end, .kind = TOK_NUMBER};
        piece_chars(s, p);
    }
}

static int grow_sbyte(seg *s)
{
    size_t cap = s->cap_sbyte * 2;
    uint32_t *v = malloc(cap * sizeof *v);
    if (!v)
        return -1;
    memcpy(v, s->sbyte, s->n_sbyte * sizeof *v);
    if (s->cap_sbyte > SB_LOCAL)
        free(s->sbyte);
    s->sbyte = v;
    s->cap_sbyte = cap;
    return 0;
}

static int fetch(seg *s)
{
    if (s->done)
        return 0;
    int32_t b = ubrk_next(s->wb);
    if (b == UBRK_DONE) {
        s->done = 1;
        return 0;
    }
    int32_t k = s->cur.u;
    UChar32 c;
    U16_NEXT(s->u, k, s->ulen, c);
    piece *p = &s->win[(s->head + s->n++) & (WIN - 1)];
    p->start = (uint32_t)s->cur.b;
    /* Sentence boundaries up to b get their byte offsets on the way, so
     * the text is walked once for both iterators. */
    while (s->sb_next != UBRK_DONE && s->sb_next <= b) {
        cursor_to(s, &s->cur, s->sb_next);
        if (s->n_sbyte == s->cap_sbyte && grow_sbyte(s))
            s->oom = 1;
        else
            s->sbyte[s->n_sbyte++] = (uint32_t)s->cur.b;
        s->sb_next = ubrk_next(s->sb);
    }
    cursor_to(s, &s->cur, b);
    p->end = (uint32_t)s->cur.b;
    if (s->valid) {
        /* c is the first code point of the UTF-8 too; one code point
         * when it is the whole piece in UTF-16 */
        p->cp1 = k == b ? c : -1;
        p->fprops = cpcache_get(&props, c);
    } else {
        piece_chars(s, p);
    }
    p->kind = classify(ubrk_getRuleStatus(s->wb), p->fprops);
    if (p->kind == TOK_NUMBER && (s->rules & SEG_NUM_CLAUSE))
        split_number(s);
    return 1;
}

static piece *peek_fetch(seg *s, unsigned k)
{
    if (k >= WIN - 2)   /* room for split_number */
        return NULL;
    while (s->n <= k)
        if (!fetch(s))
            return NULL;
    return &s->win[(s->head + k) & (WIN - 1)];
}

/* Piece k of the window (0 is the head), or NULL past the end. */
static inline piece *peek(seg *s, unsigned k)
{
    if (k < s->n && k < WIN - 2)
        return &s->win[(s->head + k) & (WIN - 1)];
    return peek_fetch(s, k);
}

static void drop(seg *s, unsigned k)
{
    s->head = (s->head + k) & (WIN - 1);
    s->n -= k;
}

/* The single code point of piece p, or -1 when p is longer. */
static inline UChar32 single_cp(const seg *s, const piece *p)
{
    (void)s;
    return p->cp1;
}

/* ---- merges ---------------------------------------------------------------
 * Each returns how many window pieces the token takes (0: does not apply)
 * and may shorten the last piece from the left when a token ends inside it;
 * *end and *kind describe the token. */

static unsigned rule_lexicon(seg *s, uint32_t *end, uint8_t *kind)
{
    const piece *p0 = peek(s, 0);
    /* A character cut at LEX_MAX reads as ill-formed and ends the match,
     * as the end would (no alias is that long): no need to step back to
     * a boundary, which read a byte 1 KB ahead for every token. */
    size_t n = (size_t)s->len - p0->start;
    if (n > LEX_MAX)
        n = LEX_MAX;
    const lex_entry *ent = NULL;
    size_t m = lexicon_match(s->lx, s->text + p0->start, n, &ent);
    if (m <= p0->end - p0->start)
        return 0;
    uint32_t want = p0->start + (uint32_t)m;
    int han = p0->kind == TOK_HAN, latin = p0->kind == TOK_LATIN;
    for (unsigned k = 1;; k++) {
        const piece *q = peek(s, k);
        if (!q || q->end > want)
            return 0;    /* the match would cut a word */
        han |= q->kind == TOK_HAN;
        latin |= q->kind == TOK_LATIN;
        if (q->end == want) {
            *end = want;
            *kind = han ? TOK_HAN : latin ? TOK_LATIN : p0->kind;
            return k + 1;
        }
    }
}

/* Han digit strings with a zero: 二○○一, 一九八○, 二零二三. ICU splits them
 * (○ is a symbol) and may join the last digit to what follows (一年), so
 * this works on characters and cuts the piece the run ends in: the token
 * takes *k whole pieces and the piece after them now starts at *end. */
static int rule_han_digits(seg *s, unsigned *k, uint32_t *end)
{
    const piece *p0 = peek(s, 0);
    int32_t i = (int32_t)p0->start, n = 0, zeros = 0, circles = 0;
    while (i < s->len) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s->text, i, s->len, c);
        if (!prop_has(c, P_DIGIT)) {
            i = at;
            break;
        }
        n++;
        if (prop_has(c, P_ZERO)) {
            zeros++;
            circles += c != 0x96F6;   /* ○ or 〇, not 零 */
        }
    }
    /* 零 in two characters is too often a word (零一); a run of zeros only
     * (○○) is a placeholder, not a number. */
    if (n < 2 || !zeros || zeros == n || (!circles && n < 3))
        return 0;
    for (unsigned j = 0;; j++) {
        piece *q = peek(s, j);
        if (!q)
            return 0;
        if (q->end >= (uint32_t)i) {
            *end = (uint32_t)i;
            *k = j + (q->end == (uint32_t)i);
            if (q->end > (uint32_t)i) {
                q->start = (uint32_t)i;
                q->kind = kind_fast(cp_at(s->text, s->len, i));
                piece_chars(s, q);
            }
            return 1;
        }
    }
}

static int is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0xFF0D; }
static int is_ratio(UChar32 c)
{
    return c == '/' || c == 0xFF0F || c == ':' || c == 0xFF1A || c == 0x2236 ||
           c == 0xFE55 || c == 0xFE30 || c == 0xFE13;
}
static int is_percent(UChar32 c) { return c == '%' || c == 0xFF05 || c == 0x2030 || c == 0x2031 || c == 0xFE6A; }

/* Months are named by their number (8月 like 八月): the k pieces before
 * must be one number 1-12 in one or two digits. */
static int month_number(seg *s, unsigned k)
{
    if (k != 1)
        return 0;
    const piece *p = peek(s, 0);
    int32_t i = (int32_t)p->start, v = 0, n = 0;
    while (i < (int32_t)p->end) {
        UChar32 c;
        U8_NEXT(s->text, i, s->len, c);
        int32_t dv = u_charDigitValue(c);
        if (dv < 0 || ++n > 2)   /* three digits are no month: stop before v overflows */
            return 0;
        v = v * 10 + dv;
    }
    return v >= 1 && v <= 12;
}

/* After a number of k pieces: ratio and range parts, then a percent sign or
 * a magnitude character. */
static unsigned number_tail(seg *s, unsigned k, uint32_t *end)
{
    const piece *a, *b;
    if (s->rules & SEG_NUM_JOIN)
        while ((a = peek(s, k)) && (b = peek(s, k + 1)) && b->kind == TOK_NUMBER) {
            UChar32 c = single_cp(s, a);
            if (!(is_ratio(c) || is_hyphen(c)))
                break;
            *end = b->end;
            k += 2;
        }
    if ((a = peek(s, k))) {
        UChar32 c = single_cp(s, a);
        if (((s->rules & SEG_NUM_PERCENT) && is_percent(c)) ||
            ((s->rules & SEG_NUM_MAGNITUDE) && prop_has(c, P_MAGNITUDE)) ||
            ((s->rules & SEG_NUM_MONTH) && c == 0x6708 && month_number(s, k))) {
            *end = a->end;
            k++;
        }
    }
    return k;
}

/* Latin words and numbers joined by hyphens, at least one of them Latin. */
static unsigned rule_latin_hyphen(seg *s, uint32_t *end)
{
    const piece *p0 = peek(s, 0), *a, *b;
    int latin = p0->kind == TOK_LATIN;
    unsigned k = 1;
    uint32_t e = p0->end;
    while ((a = peek(s, k)) && (b = peek(s, k + 1)) &&
           (b->kind == TOK_LATIN || b->kind == TOK_NUMBER) && is_hyphen(single_cp(s, a))) {
        latin |= b->kind == TOK_LATIN;
        e = b->end;
        k += 2;
    }
    if (k == 1 || !latin)
        return 0;
    *end = e;
    return k;
}

/* A doubled dash or ellipsis is one mark: ——, ……, ──. */
static unsigned rule_punct_run(seg *s, uint32_t *end)
{
    UChar32 c = single_cp(s, peek(s, 0));
    if (!(u_charType(c) == U_DASH_PUNCTUATION || c == 0x2026 || c == 0x22EF || c == 0x2500))
        return 0;
    unsigned k = 1;
    const piece *q;
    while ((q = peek(s, k)) && single_cp(s, q) == c)
        k++;
    if (k == 1)
        return 0;
    *end = peek(s, k - 1)->end;
    return k;
}

/* A word of two or more Han characters followed by a lone 化 (the
 * productive suffix "-ise": 美元化, 數字化) is one word, as all four SIGHAN
 * standards write it. A 化 that ICU already joined to what follows (化解)
 * is not a lone piece and is left alone. */
static unsigned rule_han_hua(seg *s, uint32_t *end)
{
    const piece *p0 = peek(s, 0), *q = peek(s, 1);
    if (!q || q->start != p0->end || single_cp(s, q) != 0x5316 || single_cp(s, p0) >= 0)
        return 0;
    *end = q->end;
    return 2;
}

/* ---- tokens --------------------------------------------------------------- */

static int emit(seg *s, uint32_t start, uint32_t end, uint8_t kind, uint8_t flags)
{
    doc *d = s->d;
    token *t = ARENA_PUSH(&d->arena, d->tokens, d->n_tokens, d->cap_tokens);
    if (!t)
        return -1;
    *t = (token){.start = start, .end = end, .kind = kind, .flags = flags};
    return 0;
}

static int tokenize(seg *s)
{
    piece *p;
    while ((p = peek(s, 0))) {
        uint32_t start = p->start, end = p->end;
        uint8_t kind = p->kind, flags = 0;
        unsigned k = 0;
        int done = 0;
        if (kind == TOK_SPACE) {
            const piece *q;
            for (k = 1; (q = peek(s, k)) && q->kind == TOK_SPACE; k++)
                end = q->end;
            done = 1;
        }
        if (!done && (s->rules & SEG_LEXICON) && s->lx && kind != TOK_PUNCT &&
            (k = rule_lexicon(s, &end, &kind))) {
            flags = TOKF_LEXICON;
            done = 1;
        }
        if (!done && (s->rules & SEG_HAN_HUA) && kind == TOK_HAN &&
            (k = rule_han_hua(s, &end)))
            done = 1;
        if (!done && (s->rules & SEG_HAN_DIGITS) &&
            (p->fprops & P_DIGIT) &&   /* else rule_han_digits finds no digit */
            (kind == TOK_HAN || single_cp(s, p) == CIRCLE_ZERO) &&
            rule_han_digits(s, &k, &end)) {
            kind = TOK_NUMBER;
            k = number_tail(s, k, &end);   /* 二○○一年, 一九八○萬 */
            done = 1;
        }
        if (!done && (s->rules & SEG_LATIN_HYPHEN) && (kind == TOK_LATIN || kind == TOK_NUMBER) &&
            (k = rule_latin_hyphen(s, &end))) {
            kind = TOK_LATIN;
            done = 1;
        }
        if (!done && (s->rules & SEG_NUM_SIGN) && kind == TOK_PUNCT && is_hyphen(single_cp(s, p))) {
            /* A minus sign right before a number and not right after a
             * word or number (6-1 is a score, -9 a negative number). */
            const piece *q = peek(s, 1);
            const doc *d = s->d;
            const token *prev = d->n_tokens ? &d->tokens[d->n_tokens - 1] : NULL;
            if (q && q->kind == TOK_NUMBER &&
                !(prev && prev->end == start &&
                  (prev->kind == TOK_LATIN || prev->kind == TOK_NUMBER || prev->kind == TOK_HAN))) {
                end = q->end;
                k = number_tail(s, 2, &end);
                kind = TOK_NUMBER;
                done = 1;
            }
        }
        if (!done && kind == TOK_NUMBER) {
            k = number_tail(s, 1, &end);
            done = 1;
        }
        if (!done && (s->rules & SEG_PUNCT_RUN) && kind == TOK_PUNCT)
            done = (k = rule_punct_run(s, &end)) != 0;
        if (!done)
            k = 1;
        if (emit(s, start, end, kind, flags))
            return -1;
        drop(s, k);
    }
    return 0;
}

/* ---- sentences ------------------------------------------------------------ */

static int emit_sentence(doc *d, size_t first, size_t limit)
{
    while (first < limit && d->tokens[first].kind == TOK_SPACE)
        first++;
    while (limit > first && d->tokens[limit - 1].kind == TOK_SPACE)
        limit--;
    if (first == limit)
        return 0;
    sentence *st = ARENA_PUSH(&d->arena, d->sentences, d->n_sentences, d->cap_sentences);
    if (!st)
        return -1;
    *st = (sentence){.start = d->tokens[first].start, .end = d->tokens[limit - 1].end,
                     .tok_first = (uint32_t)first, .tok_count = (uint32_t)(limit - first)};
    return 0;
}

/* ICU sentence boundaries (collected by fetch), moved forward to the next
 * token boundary so no token is cut; every line break is a boundary (ICU
 * rule SB4). */
static int sentences(seg *s)
{
    doc *d = s->d;
    size_t t = 0, first = 0;
    for (size_t k = 0; k < s->n_sbyte; k++) {
        while (t < d->n_tokens && d->tokens[t].start < s->sbyte[k])
            t++;
        if (t > first) {
            if (emit_sentence(d, first, t))
                return -1;
            first = t;
        }
    }
    return emit_sentence(d, first, d->n_tokens);
}

/* ---- driver --------------------------------------------------------------- */

/* Opening an iterator builds it from its locale's rules (and, for
 * sentences, the filter of abbreviations such as "Mr."): a tenth of the
 * segmenter's time on 4 KB articles. So both are opened once, read-only
 * templates, and each document works on a clone (cheap: the rules are
 * shared), which keeps documents independent on any thread. */
static pthread_once_t tmpl_once = PTHREAD_ONCE_INIT;
static UBreakIterator *tmpl_word, *tmpl_sentence;   /* NULL: open per call */

/* Closed at exit, so that memory checkers see no block left behind (the
 * templates live as long as the process; nothing clones them after main
 * returns). */
static void tmpl_close(void)
{
    if (tmpl_word)
        ubrk_close(tmpl_word);
    if (tmpl_sentence)
        ubrk_close(tmpl_sentence);
    tmpl_word = tmpl_sentence = NULL;
}

static void tmpl_open(void)
{
    atexit(tmpl_close);
    UErrorCode st = U_ZERO_ERROR;
    tmpl_word = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st))
        tmpl_word = NULL;
    st = U_ZERO_ERROR;
    tmpl_sentence = ubrk_open(UBRK_SENTENCE, SENTENCE_LOCALE, NULL, 0, &st);
    if (U_FAILURE(st))
        tmpl_sentence = NULL;
}

static UBreakIterator *open_iter(UBreakIteratorType type, const UChar *u, int32_t ulen,
                                 UErrorCode *st)
{
    pthread_once(&tmpl_once, tmpl_open);
    const UBreakIterator *t = type == UBRK_WORD ? tmpl_word : tmpl_sentence;
    if (!t)
        return ubrk_open(type, type == UBRK_WORD ? "zh" : SENTENCE_LOCALE, u, ulen, st);
    UBreakIterator *b = ubrk_clone(t, st);
    if (U_SUCCESS(*st))
        ubrk_setText(b, u, ulen, st);
    return b;
}

int segment_document_rules(doc *d, const struct lexicon *lx, unsigned rules, cr_error *e)
{
    if (!d->text || d->text_len == 0)
        return CR_OK;
    if (d->text_len > INT32_MAX / 2)
        return cr_error_set(e, CR_EINPUT, d->path, 0, 0, 0, "text too long to segment");
    seg s = {.d = d, .text = d->text, .len = (int32_t)d->text_len, .rules = rules, .lx = lx};
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0, subs = 0;
    /* UTF-16 never has more units than UTF-8 has bytes: up to 1 MB of text
     * is converted in one pass into room for that many; larger texts are
     * measured first, which halves the buffer for Chinese (3 bytes, 1 unit). */
    if (s.len <= (1 << 20))
        ulen = s.len;
    else
        u_strFromUTF8WithSub(NULL, 0, &ulen, d->text, s.len, 0xFFFD, NULL, &st);
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u)
        return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, ulen + 1, &ulen, d->text, s.len, 0xFFFD, &subs, &st);
    s.u = u;
    s.ulen = ulen;
    s.valid = subs == 0;
    UBreakIterator *wb = NULL, *sb = NULL;
    if (U_SUCCESS(st))
        wb = open_iter(UBRK_WORD, u, ulen, &st);
    if (U_SUCCESS(st))
        sb = open_iter(UBRK_SENTENCE, u, ulen, &st);
    if (U_FAILURE(st)) {
        ubrk_close(wb);
        free(u);
        return cr_error_set(e, CR_EINPUT, d->path, 0, 0, 0, "ICU break iterator: %s",
                            u_errorName(st));
    }
    s.wb = wb;
    ubrk_first(wb);
    uint32_t sb_local[SB_LOCAL];
    s.sb = sb;
    ubrk_first(sb);
    s.sb_next = ubrk_next(sb);
    s.sbyte = sb_local;
    s.cap_sbyte = SB_LOCAL;

    /* Room for the usual density of tokens (Chinese news: one per 4-5
     * bytes) up front, so the array rarely has to grow. */
    int rc = CR_OK;
    size_t want = d->text_len / 4 + 16;
    if (d->cap_tokens < want) {
        /* not zeroed: emit writes every token before it is read */
        token *tk = arena_alloc_nozero(&d->arena, want * sizeof *tk);
        if (!tk)
            rc = CR_ENOMEM;
        else {
            if (d->n_tokens)
                memcpy(tk, d->tokens, d->n_tokens * sizeof *tk);
            d->tokens = tk;
            d->cap_tokens = want;
        }
    }
    if (rc == CR_OK && (tokenize(&s) || s.oom || sentences(&s)))
        rc = CR_ENOMEM;
    if (s.sbyte != sb_local)
        free(s.sbyte);
    ubrk_close(sb);
    ubrk_close(wb);
    free(u);
    if (rc)
        return cr_error_set(e, rc, d->path, 0, 0, 0, "out of memory");
    return CR_OK;
}

int segment_document(doc *d, const struct lexicon *lx, cr_error *e)
{
    return segment_document_rules(d, lx, SEG_RULES, e);
}

const char *token_kind_name(int kind)
{
    static const char *names[] = {"han", "latin", "number", "punct", "space", "other"};
    return kind >= 0 && kind <= TOK_OTHER ? names[kind] : "other";
}
