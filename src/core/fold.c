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

uint32_t fold_cp_hash(int32_t c)
{
    uint32_t h = 2166136261u;
    if ((uint32_t)c < 0x10000 && (fold_bmp_same[c >> 6] >> (c & 63) & 1)) {
        if (c < 0x80)
            return FNV(h, c);
        if (c < 0x800)
            return FNV(FNV(h, 0xC0 | c >> 6), 0x80 | (c & 0x3F));
        return FNV(FNV(FNV(h, 0xE0 | c >> 12), 0x80 | (c >> 6 & 0x3F)), 0x80 | (c & 0x3F));
    }
    if ((uint32_t)c > 0x10FFFF || U_IS_SURROGATE(c))
        c = 0xFFFD;
    uint32_t v = fold_pages[fold_index[c >> 8]][c & 0xFF];
    if (v) {
        const uint8_t *s = (const uint8_t *)fold_pool + (v >> 7) - 1;
        for (size_t i = 0, len = v & 0x7F; i < len; i++)
            h = FNV(h, s[i]);
        return h;
    }
    /* Identity: the bytes of c itself, as U8_APPEND would write them. */
    if (c < 0x80)
        return FNV(h, c);
    if (c < 0x800)
        return FNV(FNV(h, 0xC0 | c >> 6), 0x80 | (c & 0x3F));
    if (c < 0x10000)
        return FNV(FNV(FNV(h, 0xE0 | c >> 12), 0x80 | (c >> 6 & 0x3F)), 0x80 | (c & 0x3F));
    return FNV(FNV(FNV(FNV(h, 0xF0 | c >> 18), 0x80 | (c >> 12 & 0x3F)),
                   0x80 | (c >> 6 & 0x3F)), 0x80 | (c & 0x3F));
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
