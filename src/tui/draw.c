/* draw.c — width-aware text drawing (see draw.h). */
#define CR_DRAW_CURSES 1
#include "draw.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "escape.h"

/* Ambiguous-width characters we replace when the terminal draws them
 * double. Anything else ambiguous is drawn as a placeholder-free '?'-free
 * fallback: its wcwidth is used unchanged, which is right for terminals
 * that draw it single. */
static const char *ambiguous_standin(int32_t c)
{
    switch (c) {
    case 0x201C: case 0x201D: return "\"";
    case 0x2018: case 0x2019: return "'";
    case 0x2026: return "...";
    case 0x00B7: case 0x2027: return "\xE3\x83\xBB";   /* U+30FB, wide */
    case 0x2014: case 0x2015: return "--";
    case 0x2013: return "-";
    case 0x00B0: return "o";
    case 0x00D7: return "x";
    default: return NULL;
    }
}

void draw_glyph_of(int32_t c, const draw_opts *o, draw_glyph *g)
{
    g->placeholder = false;
    if (c < 0)
        c = 0xFFFD;
    if (c == '\t') {
        strcpy(g->text, " ");
        g->width = 1;
        return;
    }
    if (escape_is_unsafe(c)) {
        g->placeholder = true;
        if (c < 0x20 || c == 0x7F)
            snprintf(g->text, sizeof g->text, "^%c", c == 0x7F ? '?' : (char)(c + '@'));
        else
            snprintf(g->text, sizeof g->text, "<U+%04X>", (unsigned)c);
        g->width = (int)strlen(g->text);
        return;
    }
    if (o && o->ambiguous_wide &&
        u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS) {
        const char *s = ambiguous_standin(c);
        if (s) {
            snprintf(g->text, sizeof g->text, "%s", s);
            g->width = draw_text_width(s, strlen(s), NULL);
            return;
        }
    }
    int w = wcwidth((wchar_t)c);
    if (w < 0) {               /* unassigned or not printable here */
        g->placeholder = true;
        snprintf(g->text, sizeof g->text, "<U+%04X>", (unsigned)c);
        g->width = (int)strlen(g->text);
        return;
    }
    size_t i = 0;
    U8_APPEND_UNSAFE(g->text, i, c);
    g->text[i] = '\0';
    g->width = w;
}

int draw_text_width(const char *s, size_t n, const draw_opts *o)
{
    int w = 0;
    draw_glyph g;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        draw_glyph_of(c, o, &g);
        w += g.width;
    }
    return w;
}

size_t draw_fit(const char *s, size_t n, int max_width, const draw_opts *o, int *used)
{
    int w = 0;
    int32_t i = 0;
    draw_glyph g;
    while (i < (int32_t)n) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        draw_glyph_of(c, o, &g);
        if (w + g.width > max_width) {
            i = at;
            break;
        }
        w += g.width;
    }
    if (used)
        *used = w;
    return (size_t)i;
}

size_t draw_wrap_line(const char *s, size_t n, int width, const draw_opts *o)
{
    if (n == 0)
        return 0;
    const char *nl = memchr(s, '\n', n);
    size_t line_len = nl ? (size_t)(nl - s) : n;
    size_t fit = draw_fit(s, line_len, width < 1 ? 1 : width, o, NULL);
    if (fit == line_len)
        return nl ? line_len + 1 : line_len;
    if (fit == 0) {            /* not even one character fits: take one */
        int32_t i = 0;
        UChar32 c;
        U8_NEXT(s, i, (int32_t)line_len, c);
        (void)c;
        return (size_t)i;
    }
    /* Last line-break opportunity at or before `fit`. */
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, s, (int64_t)line_len, &st);
    UBreakIterator *bi = ubrk_open(UBRK_LINE, "zh", NULL, 0, &st);
    size_t best = 0;
    if (U_SUCCESS(st)) {
        ubrk_setUText(bi, &ut, &st);
        /* fit is a character boundary; ask whether a line may break there
         * (ubrk_preceding would snap an inner offset back a character). */
        int32_t b = ubrk_isBoundary(bi, (int32_t)fit) ? (int32_t)fit
                                                      : ubrk_preceding(bi, (int32_t)fit);
        if (U_SUCCESS(st) && b > 0 && (size_t)b <= fit)
            best = (size_t)b;
    }
    ubrk_close(bi);
    utext_close(&ut);
    return best ? best : fit;
}

int draw_text(WINDOW *w, int y, int x, int max_width, const char *s, size_t n,
              attr_t attr, short pair, const draw_opts *o)
{
    int used = 0;
    wmove(w, y, x);
    draw_glyph g;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        draw_glyph_of(c, o, &g);
        if (used + g.width > max_width) {
            if (g.width == 2 && used < max_width) {   /* never straddle the edge */
                cchar_t sp;
                setcchar(&sp, L" ", attr, pair, NULL);
                wadd_wch(w, &sp);
                used++;
            }
            break;
        }
        attr_t a = g.placeholder ? (attr | A_REVERSE) : attr;
        wchar_t wbuf[16];
        size_t k = 0;
        for (int32_t j = 0; g.text[j] && k < 15;) {
            UChar32 gc;
            U8_NEXT(g.text, j, (int32_t)strlen(g.text), gc);
            wbuf[k++] = (wchar_t)gc;
        }
        for (size_t j = 0; j < k; j++) {
            wchar_t one[2] = {wbuf[j], L'\0'};
            cchar_t cc;
            setcchar(&cc, one, a, pair, NULL);
            wadd_wch(w, &cc);
        }
        used += g.width;
    }
    return used;
}
