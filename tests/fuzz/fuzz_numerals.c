/* The numeral parser on arbitrary bytes: never reads past n, never
 * consumes more than it was given, and a parsed value formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size);   /* exact size: ASan catches overreads */
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    decimal v;
    size_t used = figures_parse_number(buf, size, &v);
    if (used > size)
        abort();
    if (used) {
        char out[64];
        decimal_format(&v, out, sizeof out);
        (void)decimal_cmp(&v, &v);
    }
    free(buf);
    return 0;
}
