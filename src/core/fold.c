/* fold.c — comparison keys from the generated table (see fold.h). */
#include "fold.h"

#include <stdbool.h>
#include <string.h>
#include <unicode/utf8.h>

#include "fold_table.h"

size_t fold_cp(int32_t c, char out[FOLD_MAX_UTF8])
{
    if (c < 0 || c > 0x10FFFF || U_IS_SURROGATE(c))
        c = 0xFFFD;   /* not a character: never emit ill-formed UTF-8 */
    uint32_t v = fold_pages[fold_index[c >> 8]][c & 0xFF];
    if (v) {
        size_t len = v & 0x7F;
        memcpy(out, fold_pool + (v >> 7) - 1, len);
        return len;
    }
    size_t i = 0;
    U8_APPEND_UNSAFE(out, i, c);
    return i;
}

#define FNV(h, b) (((h) ^ (uint32_t)(b)) * 16777619u)

uint32_t fold_cp_key(int32_t c)
{
    if ((uint32_t)c < 0x10000 && (fold_bmp_same[c >> 6] >> (c & 63) & 1))
        return (uint32_t)c;
    if ((uint32_t)c > 0x10FFFF || U_IS_SURROGATE(c))
        c = 0xFFFD;
    uint32_t v = fold_pages[fold_index[c >> 8]][c & 0xFF];
    if (!v)
        return (uint32_t)c;
    const uint8_t *s = (const uint8_t *)fold_pool + (v >> 7) - 1;
    int32_t len = (int32_t)(v & 0x7F), k = 0;
    UChar32 f = -1;
    if (len)
        U8_NEXT_UNSAFE(s, k, f);
    if (k == len && f >= 0)
        return (uint32_t)f;            /* one code point */
    uint32_t h = 2166136261u;
    for (int32_t i = 0; i < len; i++)
        h = FNV(h, s[i]);
    return h | 0x80000000u;
}

size_t fold_utf8(const char *s, size_t n, char *out, size_t cap, uint32_t *map)
{
    size_t o = 0;
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        /* ASCII fast path: only A-Z change. */
        if (u[i] < 0x80) {
            char ch = (char)u[i++];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if (o < cap) {
                out[o] = ch;
                if (map) map[o] = (uint32_t)at;
            }
            o++;
            continue;
        }
        UChar32 c;
        int32_t k = (int32_t)i;
        U8_NEXT(u, k, (int32_t)(n > INT32_MAX ? INT32_MAX : n), c);
        i = (size_t)k;
        char buf[FOLD_MAX_UTF8];
        size_t len = fold_cp(c < 0 ? 0xFFFD : c, buf);
        for (size_t j = 0; j < len; j++, o++)
            if (o < cap) {
                out[o] = buf[j];
                if (map) map[o] = (uint32_t)at;
            }
    }
    return o;
}

char *fold_dup(arena *a, const char *s, size_t n, size_t *len)
{
    size_t need = fold_utf8(s, n, NULL, 0, NULL);
    char *out = arena_alloc(a, need + 1);
    if (!out)
        return NULL;
    fold_utf8(s, n, out, need, NULL);
    out[need] = '\0';
    if (len)
        *len = need;
    return out;
}

size_t fold_variants(int32_t q, int32_t *out, size_t cap)
{
    if (q < 0 || q > 0x10FFFF || U_IS_SURROGATE(q))
        return 0;
    char qs[4];
    size_t ql = 0;
    U8_APPEND_UNSAFE(qs, ql, q);
    size_t n = 0;
    /* Identity entries fold to themselves: only q can be one of those. The
     * others are in pages other than page 0, in increasing order. */
    for (int32_t page = 0; page < 0x1100; page++) {
        const uint32_t *pg = fold_pages[fold_index[page]];
        if (fold_index[page] == 0) {
            if (q >> 8 == page) {
                if (n < cap)
                    out[n] = q;
                n++;
            }
            continue;
        }
        for (int32_t k = 0; k < 256; k++) {
            int32_t c = page << 8 | k;
            if (U_IS_SURROGATE(c))
                continue;
            uint32_t v = pg[k];
            bool has = v ? memmem(fold_pool + (v >> 7) - 1, v & 0x7F, qs, ql) != NULL
                         : c == q;
            if (has) {
                if (n < cap)
                    out[n] = c;
                n++;
            }
        }
    }
    return n;
}
