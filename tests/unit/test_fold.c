/* test_fold.c — the generated fold table against ICU computed live, the
 * UTF-8 folding built on it, and utf8_next against ICU's U8_NEXT. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "check.h"
#include "fold.h"
#include "utf8.h"

static const UNormalizer2 *nfkc_cf;
static UTransliterator *t2s;
static int mismatches;

/* The key by definition: NFKC_Casefold, then Traditional-Simplified. */
static size_t icu_key(UChar32 c, char *out, size_t cap)
{
    UChar src[2], buf[256];
    int32_t sl = 0;
    U16_APPEND_UNSAFE(src, sl, c);
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(nfkc_cf, src, sl, buf, 128, &st);
    int32_t limit = n;
    utrans_transUChars(t2s, buf, &n, 256, 0, &limit, &st);
    int32_t ul = 0;
    u_strToUTF8(out, (int32_t)cap, &ul, buf, n, &st);
    if (U_FAILURE(st))
        return (size_t)-1;
    return (size_t)ul;
}

static void check_cp(UChar32 c)
{
    char want[512], got[FOLD_MAX_UTF8];
    size_t wl = icu_key(c, want, sizeof want);
    size_t gl = fold_cp(c, got);
    if (wl != gl || memcmp(want, got, gl) != 0) {
        if (mismatches++ < 10)
            fprintf(stderr, "fold_cp(U+%04X) = \"%.*s\", ICU says \"%.*s\"\n", (unsigned)c,
                    (int)gl, got, (int)(wl == (size_t)-1 ? 0 : wl), want);
    }
}

static void check_range(UChar32 lo, UChar32 hi)
{
    for (UChar32 c = lo; c <= hi; c++)
        check_cp(c);
}

/* fold_utf8 of a string, NUL-terminated into a static buffer. */
static const char *fold(const char *s)
{
    static char buf[1024];
    size_t n = fold_utf8(s, strlen(s), buf, sizeof buf - 1, NULL);
    buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
    return buf;
}

/* utf8_next must step and decode exactly as U8_NEXT over the same bytes. */
static int utf8_disagreements(const uint8_t *u, size_t n)
{
    int bad = 0;
    size_t i = 0;
    int32_t k = 0;
    while (i < n && (size_t)k < n) {
        UChar32 want;
        U8_NEXT(u, k, (int32_t)n, want);
        int32_t got = utf8_next(u, n, &i);
        bad += (got < 0) != (want < 0) || (got >= 0 && got != want) || i != (size_t)k;
        if (i != (size_t)k)
            break;
    }
    return bad + (i != (size_t)k);
}

static void test_utf8_next(void)
{
    /* every code point, each encoded alone */
    int bad = 0;
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        if (U_IS_SURROGATE(c))
            continue;
        uint8_t b[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(b, len, c);
        bad += utf8_disagreements(b, (size_t)len);
    }
    CHECK(bad == 0);
    /* ill-formed: overlong, surrogate, cut, stray continuation, too large */
    static const char *const ill[] = {
        "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF",
        "\xE4\xB8", "\xE4", "\x80\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
        "\xEF\xBC", "a\xE4\xB8\xAD" "b\xE4\xB8", "\xF0\x9F\x98", "\xFF\xFE",
    };
    for (size_t t = 0; t < sizeof ill / sizeof ill[0]; t++)
        CHECK(utf8_disagreements((const uint8_t *)ill[t], strlen(ill[t])) == 0);
    /* random bytes, biased towards lead and continuation bytes */
    srand(7);
    uint8_t r[4096];
    for (int round = 0; round < 200; round++) {
        for (size_t j = 0; j < sizeof r; j++) {
            int x = rand();
            r[j] = (uint8_t)(x % 3 == 0 ? 0x80 | (x >> 4 & 0x3F) : x % 3 == 1 ? 0xE0 | (x >> 4 & 0x1F) : x >> 4);
        }
        bad += utf8_disagreements(r, sizeof r);
    }
    CHECK(bad == 0);
}

int main(void)
{
    UErrorCode st = U_ZERO_ERROR;
    nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    UChar id[64];
    u_uastrcpy(id, "Traditional-Simplified");
    t2s = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    CHECK(U_SUCCESS(st));
    if (U_FAILURE(st))
        return check_done();

    /* The table against ICU, code point by code point. */
    check_range(0x0000, 0x024F);     /* Basic Latin .. Latin Extended-B */
    check_range(0x1E00, 0x1EFF);     /* Latin Extended Additional */
    check_range(0x2C60, 0x2C7F);     /* Latin Extended-C */
    check_range(0xA720, 0xA7FF);     /* Latin Extended-D */
    check_range(0xAB30, 0xAB6F);     /* Latin Extended-E */
    check_range(0xFB00, 0xFB06);     /* Latin ligatures */
    check_range(0x2E80, 0x2FDF);     /* CJK and Kangxi radicals */
    check_range(0x3000, 0x303F);     /* CJK symbols and punctuation */
    check_range(0x3400, 0x4DBF);     /* CJK Extension A */
    check_range(0x4E00, 0x9FFF);     /* CJK Unified Ideographs */
    check_range(0xF900, 0xFAFF);     /* CJK Compatibility Ideographs */
    check_range(0xFF00, 0xFFEF);     /* half-width and full-width forms */
    check_range(0x20000, 0x2A6DF);   /* CJK Extension B */
    check_range(0x2F800, 0x2FA1F);   /* CJK Compatibility Supplement */
    /* And a fixed random sample of everything else (no surrogates). */
    uint32_t x = 12345;
    for (int i = 0; i < 50000; i++) {
        x = x * 1103515245u + 12345u;
        UChar32 c = (UChar32)((x >> 8) % 0x110000);
        if (c < 0xD800 || c > 0xDFFF)
            check_cp(c);
    }
    CHECK_INT(mismatches, 0);

    /* Keys that must be equal. */
    char a[64], b[64];
    size_t la = fold_utf8("微軟", strlen("微軟"), a, sizeof a, NULL);
    size_t lb = fold_utf8("微软", strlen("微软"), b, sizeof b, NULL);
    CHECK(la == lb && memcmp(a, b, la) == 0);
    CHECK_STR(fold("微軟"), "微软");
    CHECK_STR(fold("ＡＢＣ"), "abc");
    CHECK_STR(fold("１２３"), "123");
    CHECK_STR(fold("ﬁnance"), "finance");
    CHECK_STR(fold("Straße"), "strasse");
    CHECK_STR(fold("ÀÉÎÕÜ"), "àéîõü");
    CHECK_STR(fold("OpenAI與微軟簽約"), "openai与微软签约");
    CHECK_STR(fold("ChatGPT們"), "chatgpt们");
    CHECK_STR(fold("a\xE2\x80\x8B" "b"), "ab");   /* ZWSP is default-ignorable */
    CHECK_STR(fold("ｶﾀｶﾅ"), "カタカナ");           /* half-width kana */
    CHECK_STR(fold(""), "");

    /* Invalid UTF-8 folds to U+FFFD, one per maximal subpart. */
    CHECK_STR(fold("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    CHECK_STR(fold("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");      /* overlong */
    CHECK_STR(fold("\xE5\xBE"), "\xEF\xBF\xBD");                  /* truncated */
    CHECK_STR(fold("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
    CHECK_STR(fold("x\x80"), "x\xEF\xBF\xBD");
    char one[FOLD_MAX_UTF8];
    CHECK_INT(fold_cp(0xD800, one), 3);             /* a lone surrogate is not text */
    CHECK(memcmp(one, "\xEF\xBF\xBD", 3) == 0);
    CHECK_INT(fold_cp(0x110000, one), 3);
    CHECK_INT(fold_cp(-1, one), 3);

    /* The map: each output byte names the start of its source character. */
    const char *src = "Ａ微軟b\xFF";
    uint32_t map[64];
    char out[64];
    size_t n = fold_utf8(src, strlen(src), out, sizeof out, map);
    CHECK_INT(n, 1 + 3 + 3 + 1 + 3);
    CHECK(memcmp(out, "a微软b\xEF\xBF\xBD", n) == 0);
    uint32_t want_map[] = {0, 3, 3, 3, 6, 6, 6, 9, 10, 10, 10};
    for (size_t i = 0; i < n && i < 11; i++)
        CHECK_INT(map[i], want_map[i]);
    /* A short buffer: the full length comes back, only cap bytes written. */
    char small[4] = {'#', '#', '#', '#'};
    CHECK_INT(fold_utf8(src, strlen(src), small, 2, NULL), n);
    CHECK(small[0] == 'a' && small[1] == (char)0xE5 && small[2] == '#');

    /* fold_dup: arena copy, NUL-terminated. */
    arena ar;
    arena_init(&ar);
    size_t dl = 0;
    char *dup = fold_dup(&ar, "ＧＰＴ-4與微軟", strlen("ＧＰＴ-4與微軟"), &dl);
    CHECK_STR(dup, "gpt-4与微软");
    CHECK_INT(dl, strlen("gpt-4与微软"));
    arena_free(&ar);

    /* fold_cp_key: the folded code point when there is exactly one, else
     * FNV-1a of the folded bytes with the top bit set; for every code point. */
    int bad_key = 0;
    for (int32_t c = -1; c <= 0x110000; c++) {
        char f[FOLD_MAX_UTF8];
        size_t fl = fold_cp(c, f);
        int32_t k = 0;
        UChar32 one = -1;
        if (fl)
            U8_NEXT((const uint8_t *)f, k, (int32_t)fl, one);
        uint32_t want;
        if (fl && (size_t)k == fl && one >= 0) {
            want = (uint32_t)one;
        } else {
            want = 2166136261u;
            for (size_t i = 0; i < fl; i++)
                want = (want ^ (uint8_t)f[i]) * 16777619u;
            want |= 0x80000000u;
        }
        bad_key += want != fold_cp_key(c);
    }
    CHECK_INT(bad_key, 0);
    CHECK_INT(fold_cp_key(0x5FAE), fold_cp_key(0x5FAE));     /* 微 */
    CHECK_INT(fold_cp_key(0x8EDF), 0x8F6F);                  /* 軟 -> 软 */
    CHECK_INT(fold_cp_key(0xFF21), 'a');                     /* Ａ -> a */
    CHECK(fold_cp_key(0xFB01) & 0x80000000u);                /* ﬁ -> fi */

    /* The generated BMP tables agree with fold_cp. */
    int bad_bmp = 0;
    for (int32_t c = 0; c < 0x10000; c++) {
        char f[FOLD_MAX_UTF8];
        size_t fl = fold_cp(c, f);
        bool same = !U_IS_SURROGATE(c) && fl == (size_t)U8_LENGTH(c) &&
                    fold_cp_key(c) == (uint32_t)c;
        bad_bmp += same != (bool)(fold_bmp_same[c >> 6] >> (c & 63) & 1);
        uint32_t one = fold_bmp_one[c];
        if (one) {
            char b[4];
            int32_t bl = 0;
            U8_APPEND_UNSAFE(b, bl, one);
            bad_bmp += fl != (size_t)bl || memcmp(f, b, fl) != 0;
            bad_bmp += fold_key(c) != one;
        } else {
            int32_t k = 0;
            UChar32 x = -1;
            if (fl)
                U8_NEXT((const uint8_t *)f, k, (int32_t)fl, x);
            /* none, several, or one beyond the BMP (or NUL itself) */
            bad_bmp += !(U_IS_SURROGATE(c) || fl == 0 || (size_t)k != fl || x >= 0x10000 || x == 0);
        }
    }
    CHECK_INT(bad_bmp, 0);

    /* fold_variants is the exact inverse: c is listed iff fold_cp(c)
     * contains q, checked against every code point for a few q. */
    static const int32_t qs[] = {'w', '1', ' ', 0x7ECF /* 经 */, 0x540E /* 后 */,
                                 0x5E72 /* 干 */, 0x4E00, 0x3002, 0x1F600};
    static int32_t var[2048];
    for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
        size_t nv = fold_variants(qs[k], var, 2048);
        CHECK(nv >= 1 && nv <= 2048);
        char qb[4];
        int32_t ql = 0;
        U8_APPEND_UNSAFE(qb, ql, qs[k]);
        size_t at = 0;
        int wrong = 0;
        for (int32_t c = 0; c < 0x110000; c++) {
            if (U_IS_SURROGATE(c))
                continue;
            char f[FOLD_MAX_UTF8];
            size_t fl = fold_cp(c, f);
            bool has = memmem(f, fl, qb, (size_t)ql) != NULL;
            bool listed = at < nv && var[at] == c;
            at += listed;
            wrong += has != listed;
        }
        CHECK_INT(wrong, 0);
        CHECK_INT(at, nv);
    }
    CHECK_INT(fold_variants(0x7ECF, var, 8), 2);     /* 经 經 */
    CHECK(var[0] == 0x7D93 && var[1] == 0x7ECF);
    CHECK(fold_variants('w', var, 2048) > 10);      /* W ｗ Ｗ ㎾ 𝐰 ... */
    CHECK_INT(fold_variants(0xD800, var, 8), 0);

    utrans_close(t2s);
    test_utf8_next();
    return check_done();
}
