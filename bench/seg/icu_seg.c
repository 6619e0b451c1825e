/* icu_seg.c — the baseline: plain ICU word break, locale "zh", nothing
 * added. Reads raw text (one sentence per line), writes each line's
 * non-space pieces separated by one space.
 *
 *   icu_seg < pku_test.utf8 > out
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

int main(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu_seg: ubrk_open: %s\n", u_errorName(st));
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    UChar *u = NULL;
    int32_t ucap = 0;
    char out[4096];
    int first_line = 1;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        char *s = line;
        if (first_line && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        first_line = 0;
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        int32_t ul = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, ucap, &ul, s, (int32_t)n, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR || ul >= ucap) {
            ucap = ul + 1;
            u = realloc(u, (size_t)ucap * sizeof *u);
            st = U_ZERO_ERROR;
            u_strFromUTF8(u, ucap, &ul, s, (int32_t)n, &st);
        }
        if (U_FAILURE(st)) {
            fprintf(stderr, "icu_seg: invalid UTF-8\n");
            return 2;
        }
        ubrk_setText(bi, u, ul, &st);
        int sep = 0;
        for (int32_t a = ubrk_first(bi), b; (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
            int space = 1;
            for (int32_t k = a; k < b;) {
                UChar32 c;
                U16_NEXT(u, k, b, c);
                if (!u_isUWhiteSpace(c))
                    space = 0;
            }
            if (space)
                continue;
            int32_t ol = 0;
            UErrorCode s2 = U_ZERO_ERROR;
            u_strToUTF8(out, sizeof out, &ol, u + a, b - a, &s2);
            if (sep)
                putchar(' ');
            fwrite(out, 1, (size_t)ol, stdout);
            sep = 1;
        }
        putchar('\n');
    }
    ubrk_close(bi);
    free(u);
    free(line);
    return 0;
}
