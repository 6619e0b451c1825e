/* Width, fitting and wrapping of CJK text for the TUI's drawing path. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "draw.h"

#define W(s, o) draw_text_width(s, strlen(s), o)

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        fprintf(stderr, "C.UTF-8 locale missing\n");
        return 1;
    }
    draw_opts narrow = {.ambiguous_wide = false}, wide = {.ambiguous_wide = true};

    CHECK_INT(W("abc", &narrow), 3);
    CHECK_INT(W("微軟", &narrow), 4);
    CHECK_INT(W("OpenAI去中東", &narrow), 12);
    CHECK_INT(W("ＡＢ", &narrow), 4);                    /* full-width Latin */
    CHECK_INT(W("e\xCC\x81", &narrow), 1);               /* combining acute */
    /* Ambiguous punctuation: single by default, stand-ins when wide. */
    CHECK_INT(W("“山姆·阿爾特曼”", &narrow), 12 + 3);
    CHECK_INT(W("“山姆·阿爾特曼”", &wide), 12 + 1 + 2 + 1);  /* " ・ " */
    CHECK_INT(W("…", &wide), 3);
    /* Control characters and bidi overrides become visible placeholders. */
    CHECK_INT(W("\x1b", &narrow), 2);
    CHECK_INT(W("\xE2\x80\xAE", &narrow), 8);
    draw_glyph g;
    draw_glyph_of(0x1B, &narrow, &g);
    CHECK_STR(g.text, "^[");
    CHECK(g.placeholder);
    draw_glyph_of(0x202E, &narrow, &g);
    CHECK_STR(g.text, "<U+202E>");
    draw_glyph_of(0x9B, &narrow, &g);                   /* C1 CSI */
    CHECK(g.placeholder);
    draw_glyph_of(-1, &narrow, &g);                     /* invalid UTF-8 */
    CHECK_STR(g.text, "\xEF\xBF\xBD");

    /* Fitting never splits a character; a wide char does not straddle. */
    int used;
    const char *s = "ab微軟c";
    CHECK_INT(draw_fit(s, strlen(s), 3, &narrow, &used), 2);
    CHECK_INT(used, 2);
    CHECK_INT(draw_fit(s, strlen(s), 4, &narrow, &used), 5);
    CHECK_INT(used, 4);
    CHECK_INT(draw_fit(s, strlen(s), 100, &narrow, &used), strlen(s));
    CHECK_INT(draw_fit(s, strlen(s), 0, &narrow, &used), 0);

    /* Wrapping: Han text may break between any two characters. */
    const char *han = "今年五月虧損翻了一番";   /* 10 chars, 20 columns */
    size_t l1 = draw_wrap_line(han, strlen(han), 9, &narrow);
    CHECK_INT(l1, 4 * 3);                   /* 4 chars = 8 columns */
    /* Latin words break at spaces, not inside a word. */
    const char *lat = "Analytics India Magazine";
    size_t l2 = draw_wrap_line(lat, strlen(lat), 18, &narrow);
    CHECK_INT(l2, strlen("Analytics India "));
    /* A word longer than the width is cut at the width. */
    const char *longw = "Supercalifragilistic";
    CHECK_INT(draw_wrap_line(longw, strlen(longw), 5, &narrow), 5);
    /* Width smaller than one wide character still makes progress. */
    CHECK_INT(draw_wrap_line(han, strlen(han), 1, &narrow), 3);
    /* A newline ends the line and is consumed. */
    const char *nl = "甲乙\n丙丁";
    CHECK_INT(draw_wrap_line(nl, strlen(nl), 40, &narrow), 7);
    /* Closing punctuation is not pushed to the start of the next line. */
    const char *punct = "甲乙丙。丁戊";
    size_t l3 = draw_wrap_line(punct, strlen(punct), 6, &narrow);
    CHECK(l3 != 9);   /* "甲乙丙" alone would leave "。" to start a line */

    /* Interface characters get stand-ins too when ambiguous is wide. */
    CHECK_INT(W("│", &narrow), 1);
    CHECK_INT(W("│", &wide), 1);
    draw_glyph_of(0x2502, &wide, &g);
    CHECK_STR(g.text, "|");
    draw_glyph_of(0x21D4, &wide, &g);
    CHECK_STR(g.text, "<->");
    CHECK_INT(W("≠", &wide), 2);
    draw_glyph_of(0x2460, &wide, &g);        /* ① */
    CHECK_STR(g.text, "1");
    draw_glyph_of(0x2161, &wide, &g);        /* Ⅱ */
    CHECK_STR(g.text, "II");
    draw_glyph_of(0x2460, &narrow, &g);      /* unchanged when narrow */
    CHECK_STR(g.text, "①");
    draw_glyph_of(0xFFFD, &wide, &g);
    CHECK_STR(g.text, "?");
    draw_glyph_of(0x03B1, &wide, &g);        /* α: nothing certain, kept */
    CHECK_STR(g.text, "α");

    /* draw_layout gives the same lines as repeated draw_wrap_line. */
    const char *texts[] = {
        "標題一行\n\n今年五月虧損翻了一番,Analytics India Magazine稱OpenAI可能在2024年破產。\n\n"
        "最後一段沒有換行結尾,而且相當長相當長相當長相當長相當長相當長",
        "ends with a newline\n",
        "\n\n",
        "Supercalifragilisticexpialidocious word",
        "",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *tx = texts[t];
        size_t n = strlen(tx);
        for (int width = 1; width <= 30; width += 7) {
            uint32_t *starts = NULL;
            size_t count = 0, cap = 0;
            CHECK_INT(draw_layout(tx, n, width, &narrow, &starts, &count, &cap), 0);
            /* the reference: one draw_wrap_line after another */
            size_t k = 0, off = 0;
            bool same = count > 0 && starts[0] == 0;
            while (off < n && same) {
                if (k >= count || starts[k] != off)
                    same = false;
                k++;
                off += draw_wrap_line(tx + off, n - off, width, &narrow);
            }
            if (n == 0)
                same = count == 1 && starts[0] == 0;
            else
                same = same && k == count;
            CHECK(same);
            /* no line wider than the width, unless one character is wider */
            for (size_t i = 0; i < count; i++) {
                size_t e = i + 1 < count ? starts[i + 1] : n;
                size_t len = e - starts[i];
                if (len && tx[e - 1] == '\n')
                    len--;
                int w = draw_text_width(tx + starts[i], len, &narrow);
                CHECK(w <= width || draw_fit(tx + starts[i], len, width, &narrow, NULL) == 0);
            }
            free(starts);
        }
    }
    /* An empty paragraph is an empty line; a final newline adds none. */
    {
        uint32_t *st = NULL;
        size_t count = 0, cap = 0;
        draw_layout("甲\n\n乙\n", strlen("甲\n\n乙\n"), 10, &narrow, &st, &count, &cap);
        CHECK_INT(count, 3);
        CHECK_INT(st[1], 4);
        CHECK_INT(st[2], 5);
        free(st);
    }

    /* The tail that fits: context before a hit is cut at the left, never
     * inside a character. */
    size_t start;
    CHECK_INT(draw_fit_tail("ab微軟", strlen("ab微軟"), 5, &narrow, &start), 5);
    CHECK_INT(start, 1);
    CHECK_INT(draw_fit_tail("ab微軟", strlen("ab微軟"), 3, &narrow, &start), 2);
    CHECK_INT(start, 5);
    CHECK_INT(draw_fit_tail("微軟", strlen("微軟"), 1, &narrow, &start), 0);
    CHECK_INT(start, 6);
    return check_done();
}
