/* figures.c — STUB: being written (issue 3). */
#include "figures.h"
#include <stdio.h>
size_t figures_parse_number(const char *s, size_t n, decimal *out) { (void)s; (void)n; (void)out; return 0; }
void decimal_format(const decimal *v, char *buf, size_t size) { snprintf(buf, size, "%lld", (long long)v->coef); }
int decimal_cmp(const decimal *a, const decimal *b) { return (a->coef > b->coef) - (a->coef < b->coef); }
const char *qualifier_name(int q) { static const char *n[] = {"exact","approx","at-least","more-than","at-most","range"}; return q >= 0 && q <= Q_RANGE ? n[q] : "exact"; }
int figures_extract(struct doc *d, const struct corpus *c) { (void)d; (void)c; return 0; }
