/* figures.h — numerals, money, percentages and counts.
 *
 * Values are exact decimals (coef / 10^scale), never floating point, so
 * 5.4億 is exactly 540000000. A value too large for 64 bits is flagged
 * `overflow` and never wrapped or rounded silently.
 */
#ifndef CR_FIGURES_H
#define CR_FIGURES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct decimal {
    int64_t coef;
    int32_t scale;     /* digits after the decimal point, >= 0 */
    bool overflow;     /* the number does not fit; coef/scale meaningless */
} decimal;

enum qualifier { Q_EXACT, Q_APPROX, Q_AT_LEAST, Q_MORE_THAN, Q_AT_MOST, Q_RANGE };

/* Parse a numeral (Arabic, full-width, Chinese, mixed like 5.4億 or 兩千六)
 * at the start of s. Returns the number of bytes consumed (0: no numeral). */
size_t figures_parse_number(const char *s, size_t n, decimal *out);

/* Text form of a decimal ("540000000", "11.2", "overflow"). */
void decimal_format(const decimal *v, char *buf, size_t size);
/* Compare two decimals: <0, 0, >0 (overflow sorts last). */
int decimal_cmp(const decimal *a, const decimal *b);

const char *qualifier_name(int q);   /* "exact", "approx", ... */

struct doc;
struct corpus;
/* Find money, percent and count figures in a document's cleaned text and
 * append them to doc->mentions. Needs the segment stage. */
int figures_extract(struct doc *d, const struct corpus *c);

#endif
