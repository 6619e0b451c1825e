/* draw.c — width-aware text drawing (see draw.h). */
#define CR_DRAW_CURSES 1
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "escape.h"
#include "grow.h"

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
    /* interface characters the explorer itself draws */
    case 0x2500: return "-";
    case 0x2502: return "|";
    case 0x2192: return "->";
    case 0x2190: return "<-";
    case 0x2194: case 0x21D4: return "<->";
    case 0x2260: return "!=";
    case 0x25B6: return ">";
    case 0x2022: return "*";
    case 0xFFFD: return "?";    /* the replacement character is ambiguous too */
    default: return NULL;
    }
}

/* Without a listed stand-in: the compatibility form (① -> 1, Ⅱ -> II,
 * ｶ -> カ) when it differs and none of its characters is ambiguous. */
static bool compat_standin(int32_t c, char *out, size_t size)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    UChar src[2], dst[8];
    int32_t n = 0;
    U16_APPEND_UNSAFE(src, n, c);
    int32_t len = U_SUCCESS(st) ? unorm2_normalize(nfkc, src, n, dst, 8, &st) : 0;
    if (U_FAILURE(st) || len <= 0 || (len == n && !memcmp(src, dst, (size_t)n * sizeof *src)))
        return false;
    size_t o = 0;
    for (int32_t i = 0; i < len;) {
        UChar32 d;
        U16_NEXT(dst, i, len, d);
        if (u_getIntPropertyValue(d, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS ||
            escape_is_unsafe(d) || wcwidth((wchar_t)d) < 0 || o + 4 >= size)
            return false;
        U8_APPEND_UNSAFE(out, o, d);
    }
    out[o] = '\0';
    return o > 0;
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
        if (compat_standin(c, g->text, sizeof g->text)) {
            g->width = draw_text_width(g->text, strlen(g->text), NULL);
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

/* Where the line starting at s must end: the last line-break opportunity
 * at or before the width, else the last character that fits. bi, when not
 * NULL, is a line-break iterator already set on [s, s + line_len)'s
 * paragraph, with para_off the offset of s in that text. */
static size_t wrap_one(const char *s, size_t line_len, int width, const draw_opts *o,
                       UBreakIterator *bi, int32_t para_off)
{
    size_t fit = draw_fit(s, line_len, width < 1 ? 1 : width, o, NULL);
    if (fit == line_len)
        return line_len;
    if (fit == 0) {            /* not even one character fits: take one */
        int32_t i = 0;
        U8_FWD_1(s, i, (int32_t)line_len);
        return (size_t)i;
    }
    size_t best = 0;
    if (bi) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t at = para_off + (int32_t)fit;
        /* fit is a character boundary; ask whether a line may break there
         * (ubrk_preceding would snap an inner offset back a character). */
        int32_t b = ubrk_isBoundary(bi, at) ? at : ubrk_preceding(bi, at);
        if (U_SUCCESS(st) && b > para_off && b <= at)
            best = (size_t)(b - para_off);
    }
    return best ? best : fit;
}

static UBreakIterator *open_line_break(UText *ut, const char *s, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    utext_openUTF8(ut, s, (int64_t)n, &st);
    UBreakIterator *bi = ubrk_open(UBRK_LINE, "zh", NULL, 0, &st);
    if (U_SUCCESS(st))
        ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        ubrk_close(bi);
        return NULL;
    }
    return bi;
}

size_t draw_wrap_line(const char *s, size_t n, int width, const draw_opts *o)
{
    if (n == 0)
        return 0;
    const char *nl = memchr(s, '\n', n);
    size_t line_len = nl ? (size_t)(nl - s) : n;
    if (draw_fit(s, line_len, width < 1 ? 1 : width, o, NULL) == line_len)
        return nl ? line_len + 1 : line_len;
    UText ut = UTEXT_INITIALIZER;
    UBreakIterator *bi = open_line_break(&ut, s, line_len);
    size_t k = wrap_one(s, line_len, width, o, bi, 0);
    ubrk_close(bi);
    utext_close(&ut);
    /* the last piece of a paragraph takes its newline (no empty line after) */
    return k == line_len && nl ? k + 1 : k;
}

static bool push_start(uint32_t **starts, size_t *count, size_t *cap, size_t off)
{
    if (*count == *cap) {
        uint32_t *p = grow_array(*starts, cap, sizeof *p, 256);
        if (!p)
            return false;
        *starts = p;
    }
    (*starts)[(*count)++] = (uint32_t)off;
    return true;
}

int draw_layout(const char *s, size_t n, int width, const draw_opts *o, uint32_t **starts,
                size_t *count, size_t *cap)
{
    *count = 0;
    if (n == 0)
        return push_start(starts, count, cap, 0) ? 0 : -1;
    UText ut = UTEXT_INITIALIZER;
    int rc = 0;
    for (size_t off = 0; off < n && !rc;) {
        /* one paragraph (up to '\n'): one break iterator for all its lines */
        const char *nl = memchr(s + off, '\n', n - off);
        size_t end = nl ? (size_t)(nl - s) : n, para = off;
        UBreakIterator *bi = NULL;
        do {
            if (!push_start(starts, count, cap, off)) {
                rc = -1;
                break;
            }
            size_t k = end - off;
            if (draw_fit(s + off, k, width < 1 ? 1 : width, o, NULL) != k) {
                if (!bi)
                    bi = open_line_break(&ut, s + para, end - para);
                k = wrap_one(s + off, end - off, width, o, bi, (int32_t)(off - para));
            }
            off += k;
        } while (off < end);
        ubrk_close(bi);
        if (nl)
            off = end + 1;      /* the newline belongs to the line it ends */
    }
    utext_close(&ut);
    return rc;
}

int draw_fit_tail(const char *s, size_t n, int max_width, const draw_opts *o, size_t *start)
{
    int w = 0;
    int32_t i = (int32_t)n;
    draw_glyph g;
    while (i > 0) {
        int32_t j = i;
        UChar32 c;
        U8_PREV(s, 0, j, c);
        draw_glyph_of(c, o, &g);
        if (w + g.width > max_width)
            break;
        w += g.width;
        i = j;
    }
    *start = (size_t)i;
    return w;
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
