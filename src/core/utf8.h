/* utf8.h — one code point at a time over UTF-8 bytes held in a size_t range.
 *
 * ASCII and the well-formed three-byte characters that make up Chinese text
 * (leads E1-EC and EE-EF, which have no overlong or surrogate forms) are
 * decoded inline; everything else goes to ICU's U8_NEXT, which also decides
 * what is ill-formed. The inline path matters in scans of every byte of a
 * corpus: with U8_NEXT alone the first, cache-filling search was 12% slower.
 * An ill-formed sequence returns a negative value and is stepped over as
 * U8_NEXT steps over it.
 */
#ifndef CR_UTF8_H
#define CR_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include <unicode/utf8.h>

static inline int32_t utf8_next(const uint8_t *u, size_t n, size_t *i)
{
    uint8_t b = u[*i];
    if (b < 0x80)
        return u[(*i)++];
    if (b >= 0xE1 && b <= 0xEF && b != 0xED && n - *i >= 3 &&
        ((u[*i + 1] ^ 0x80) | (u[*i + 2] ^ 0x80)) < 0x40) {
        int32_t c = (b & 0x0F) << 12 | (u[*i + 1] & 0x3F) << 6 | (u[*i + 2] & 0x3F);
        *i += 3;
        return c;
    }
    UChar32 c;
    int32_t k = 0, avail = n - *i > 4 ? 4 : (int32_t)(n - *i);
    U8_NEXT(u + *i, k, avail, c);
    *i += (size_t)k;
    return c;
}

#endif
