/* Width, fitting and wrapping of CJK text for the TUI's drawing path. */
#include <locale.h>
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
    return check_done();
}
