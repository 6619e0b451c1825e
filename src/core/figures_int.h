/* figures_int.h — internals shared by figures.c (tables, numerals,
 * decimals) and figures_extract.c (figures in running text). Not for other
 * modules: use figures.h. */
#ifndef CR_FIGURES_INT_H
#define CR_FIGURES_INT_H
#include <stdint.h>
#include <unicode/utf8.h>

#include "arena.h"
#include "figures.h"

enum nrole { NR_DIGIT = 1, NR_ZERO, NR_UNIT, NR_BIG, NR_TENS, NR_POINT, NR_SIGN };
enum nflag { NF_CAPITAL = 1, NF_COLLOQUIAL = 2 };

typedef struct numchar {
    int32_t cp;
    uint8_t role, flags;
    int8_t digit;   /* digit value (tens: the tens digit, 廿 -> 2) */
    int8_t exp;     /* unit exponent: 十 1, 百 2, 千 3, 萬 4, 億 8, 兆 12 */
} numchar;

enum wkind {
    W_CURRENCY, W_PRE, W_POST, W_INFIX, W_VAGUE, W_UNIT, W_PERCENT,
    W_PERCENT_PRE, W_YEAR, W_MONTH, W_MONTH_SUFFIX, W_DAY, W_ERA, W_BLOCK,
    W_ORDINAL, W_AMOUNT, W_RANGE, W_YEAR_SUFFIX, W_NONNUM, W__COUNT
};

typedef struct fword {
    const char *s;       /* surface, UTF-8 */
    uint32_t len;
    int32_t first;       /* its first code point, a quick filter */
    uint8_t kind;        /* enum wkind */
    uint8_t qual;        /* enum qualifier (pre, post, infix, vague, unit) */
    uint8_t side;        /* currencies: FIG_BEFORE | FIG_AFTER */
    bool latin;          /* all ASCII letters/punctuation: needs word boundaries */
    const char *arg;     /* ISO code (currency), recorded unit (unit, percent) */
    decimal factor;      /* percent factor */
    int32_t num;         /* era: years to add; day: 1 = only after a month;
                          * amount: decimal places (角 1, 分 2, 整 0) */
} fword;

struct figures_data {
    numchar *chars;      /* sorted by code point */
    size_t n_chars;
    fword *words;        /* grouped by kind, longest first within a kind */
    size_t n_words;
    size_t kind_start[W__COUNT + 1];
    int32_t *starts;     /* first code points of words that can begin a
                          * figure before its number (第, 百分之, 民國, 上),
                          * sorted: a quick filter for the scanner */
    size_t n_starts;
    /* bit (cp & 2047) is set when some numeral or start has those low bits:
     * most characters are ruled out without a search */
    uint8_t hint[256];
    /* Exact filters, built after loading: bit c of may_bmp is
     * figures_may_start(c) for a BMP code point; first_bits[k] has bit
     * (first code point & 4095) of every word of kind k, last_bits[k] bit
     * LAST2 of its last two bytes, last1[k] the byte of its one-byte words. */
    uint64_t may_bmp[0x10000 / 64];
    uint64_t first_bits[W__COUNT][64];
    uint64_t last_bits[W__COUNT][64];
    uint64_t last1[W__COUNT][4];
    arena arena;
};
#define FIG_BIT(set, i) ((set)[(i) >> 6] >> ((i) & 63) & 1)
#define FIG_LAST2(a, b) ((((unsigned)(uint8_t)(a) & 0x3F) << 6) | ((unsigned)(uint8_t)(b) & 0x3F))

const numchar *figures_numchar(const figures_data *fd, int32_t cp);
/* Can a figure start with code point cp (a digit, a numeral, 第, 百分之 ...)? */
bool figures_may_start(const figures_data *fd, int32_t cp);

/* Longest word of kind k that starts at s[0, n) (NULL if none); with
 * FIG_BEFORE/FIG_AFTER in side_mask for currencies. */
const fword *figures_word_at(const figures_data *fd, int k, const char *s,
                             size_t n, int side_mask);
/* Longest word of kind k that ends exactly at text[end] (NULL if none). */
const fword *figures_word_before(const figures_data *fd, int k,
                                 const char *text, size_t end, int side_mask);

/* Exact decimal arithmetic helpers (false on overflow). */
bool decimal_mul_pow10(decimal *v, int32_t e);     /* e may be negative */
bool decimal_mul(decimal *v, const decimal *f);

static inline int32_t fig_next(const char *s, size_t n, size_t *i)
{
    int32_t c;
    int32_t k = (int32_t)*i, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
    U8_NEXT(s, k, len, c);
    *i = (size_t)k;
    return c;
}

static inline int32_t fig_peek(const char *s, size_t n, size_t i)
{
    return i < n ? fig_next(s, n, &i) : -1;
}

static inline int32_t fig_prev(const char *s, size_t i)
{
    if (i == 0)
        return -1;
    int32_t c, k = (int32_t)i;
    U8_PREV(s, 0, k, c);
    return c;
}

/* An Arabic digit (ASCII, full-width, any Nd): its value, else -1. */
int fig_arabic_digit(int32_t c);

#endif
