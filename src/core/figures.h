/* figures.h — numerals, money, percentages, counts and dates.
 *
 * Values are exact decimals (coef / 10^scale), never floating point, so
 * 5.4億 is exactly 540000000. A value too large for 64 bits (or with more
 * than 18 digits after the point) is flagged `overflow` and never wrapped or
 * rounded silently. Parsing is one pass over the input: absurd input
 * (億億億…, a 5,000-digit number) costs linear time and ends flagged or
 * rejected.
 *
 * Which characters are numerals, and every word around them (currencies,
 * qualifiers, measure words, date and percent markers), come from data/:
 * numerals.tsv, currencies.tsv and figure_words.tsv (docs in each file).
 * Digit and unit values come from ICU (u_getNumericValue, u_charDigitValue).
 * The loaded tables are read-only and safe to share between threads.
 *
 * Value semantics of the mentions figures_extract appends (entities.h):
 *   MENTION_MONEY    value in units of `currency` (ISO 4217, or "unknown");
 *   MENTION_PERCENT  value in percent (11.2% -> 11.2, 三成 -> 30); unit "pp"
 *                    for percentage points (百分點), else NULL;
 *   MENTION_COUNT    value, unit = the measure word as written (張, 個月) or
 *                    NULL for a bare number with 萬/億 or 1,000 separators;
 *   MENTION_DATE     value = yyyymmdd with unknown parts 0 (2024年 ->
 *                    20240000, 8月24日 -> 824, 2023年5月 -> 20230500);
 *                    unit says which parts were written: "y", "ym", "ymd",
 *                    "m", "md" or "d".
 * qualifier is one of enum qualifier; for Q_RANGE, value..max.
 * The rules (what is a figure, which currency a bare 元 is) are described in
 * figures_extract.c and docs/formats.md ("Figures").
 */
#ifndef CR_FIGURES_H
#define CR_FIGURES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct decimal {
    int64_t coef;
    int32_t scale;     /* digits after the decimal point, 0..18 */
    bool overflow;     /* the number does not fit; coef/scale meaningless */
    /* Trailing digits of coef that were not written but implied by a
     * multiplier: 5.4億 is coef 540000000 with unsig 7 (written to the
     * nearest 10^7), 500萬 has 4, 1,200 has 0. The value is known to the
     * nearest 10^(unsig - scale). Zero-initialised decimals are exact. */
    int16_t unsig;
} decimal;

enum qualifier { Q_EXACT, Q_APPROX, Q_AT_LEAST, Q_MORE_THAN, Q_AT_MOST, Q_RANGE };

/* Text form of a decimal ("540000000", "11.20", "-0.1", "overflow"). The
 * scale as written is kept (11.20 stays "11.20"). */
void decimal_format(const decimal *v, char *buf, size_t size);
/* Compare two decimals by value: <0, 0, >0 (overflow sorts last). */
int decimal_cmp(const decimal *a, const decimal *b);
/* True when a and b agree within the rounding of the less precise one:
 * with p the coarser precision exponent (unsig - scale) of the two, the
 * finer value rounded half away from zero to a multiple of 10^p equals the
 * coarser value. 3.52億 and 3.5億 agree (3.52億 rounds to 3.5億); 500萬 and
 * 508萬 do not (both are written to 10^4); equal values always agree;
 * overflow agrees with nothing. */
bool decimal_agree(const decimal *a, const decimal *b);

const char *qualifier_name(int q);   /* "exact", "approx", ... */
int qualifier_from_name(const char *s);   /* -1 if unknown */

/* ---- loaded word lists ---------------------------------------------------- */

typedef struct figures_data figures_data;

/* Load numerals.tsv, currencies.tsv and figure_words.tsv from dir (NULL:
 * paths_datadir()). Errors name the file and line (CR_EINPUT). */
int figures_data_load(figures_data **out, const char *dir, cr_error *e);
void figures_data_free(figures_data *fd);
/* Process-wide tables loaded once from paths_datadir() (thread-safe);
 * NULL when the files cannot be read. */
const figures_data *figures_data_default(void);

/* ---- numerals ------------------------------------------------------------- */

enum figures_parse_flags {
    /* Canonical full Chinese forms only, as on a cheque: no Arabic digits,
     * no 〇 or 兩, every unit has its digit (十 may stand alone at the
     * start or after 零), 零 exactly where places are skipped inside a 4-digit
     * group, no abbreviated 兩千六, no trailing 零 in decimals. */
    FIGP_STRICT   = 1u << 0,
    FIGP_DIGITSEQ = 1u << 1,  /* digit-by-digit readings: 一七二零, 二〇〇二 */
    FIGP_ARABIC   = 1u << 2,  /* Arabic digits, alone or with 萬/億 (5.4億) */
    FIGP_SIGN     = 1u << 3,  /* a leading 负/負/-/− */
    FIGP_WHOLE    = 1u << 4,  /* the numeral must span all n bytes */
    /* Running text: 1,200 separators, "2 億", 多/餘/幾 inside (十多萬),
     * capital forms only in runs of two or more, digit-by-digit only with 3+
     * digits or a zero, no 兆 before a unit that makes it mega (兆瓦). */
    FIGP_TEXT     = 1u << 5,
    FIGP_IMPLIED_ONE = 1u << 6, /* a bare leading unit is allowed (上萬, 數千) */
    FIGP_NO_PAIRS = 1u << 7,    /* text mode: do not read 三四萬 as a range */
};
#define FIGP_NORMAL (FIGP_DIGITSEQ | FIGP_SIGN)
#define FIGP_SMART (FIGP_NORMAL | FIGP_ARABIC)
#define FIGP_TEXTMODE (FIGP_ARABIC | FIGP_DIGITSEQ | FIGP_TEXT)

enum figures_status { FIGS_NONE, FIGS_OK, FIGS_OVERFLOW, FIGS_MALFORMED };

typedef struct numeral {
    decimal value;
    size_t len;        /* bytes consumed; for FIGS_MALFORMED the whole run */
    uint8_t status;    /* enum figures_status */
    bool more;         /* 多/餘/幾 inside: value is a lower bound (十多萬) */
    bool han, arabic;  /* which kinds of digits occur */
    bool big;          /* has 萬/億/兆 */
    bool separators;   /* thousands separators (1,200) */
    bool digitseq;     /* read digit by digit (二〇二四) */
    bool negative;     /* a sign was read (负零 is negative zero) */
    /* Running text: two neighbouring digits give a rough range, value..max:
     * 三四萬 30000..40000, 十七八 17..18, 兩三百 200..300, 三五天 3..5. */
    bool pair;
    decimal max;
    bool nonzero;      /* some digit other than zero was written */
    bool capital;      /* financial forms (壹貳參) */
    /* When the numeral is one mantissa times a chain of 萬/億 (4萬, 1.5億,
     * 三千萬 = 3000 x 10^4), the chain's exponent and the mantissa; else
     * mult_exp 0 and mantissa = value. Used to read 3-4萬 as 30000-40000. */
    int32_t mult_exp;
    decimal mantissa;
} numeral;

/* Parse a numeral at the start of s[0, n). Returns out->len: 0 with status
 * FIGS_NONE when s does not start with one. fd NULL: the default tables. */
size_t figures_parse(const figures_data *fd, const char *s, size_t n,
                     unsigned flags, numeral *out);

/* A numeral (Arabic, full-width, Chinese, mixed like 5.4億 or 兩千六) at the
 * start of s, running-text rules, default tables. Returns the number of bytes
 * consumed (0: no numeral, or malformed, or too large: see figures_parse). */
size_t figures_parse_number(const char *s, size_t n, decimal *out);

/* An amount in yuan as written on cheques and invoices:
 *   [负] numeral (元|圆|圓) [零] [d 角] [零] [d 分] [整|正]   or   d 角 [d 分] ...
 * Value in yuan (壹拾壹元壹角 -> 11.1). With FIGP_STRICT the amount must be
 * closed: 整/正 after 元, or end in 角 or 分. Returns bytes consumed. */
size_t figures_parse_amount(const figures_data *fd, const char *s, size_t n,
                            unsigned flags, numeral *out);

enum figures_side { FIG_BEFORE = 1, FIG_AFTER = 2 };
/* The longest currency word that starts at s (side FIG_AFTER: one that may
 * follow a number; FIG_BEFORE: one that may precede it). *iso gets the ISO
 * code, or "YUAN" for a bare 元 whose currency depends on context. */
size_t figures_match_currency(const figures_data *fd, const char *s, size_t n,
                              int side, const char **iso);

struct doc;
struct corpus;
/* Find money, percent, count and date figures in a document's cleaned text
 * and append them to doc->mentions (entity -1). Needs the segment stage.
 * Uses c->figures (NULL c or tables: the default tables). Returns 0, or
 * CR_ENOMEM. Thread-safe given distinct documents. */
int figures_extract(struct doc *d, const struct corpus *c);

#endif
