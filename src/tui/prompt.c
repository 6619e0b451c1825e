/* prompt.c — one-line editor (see prompt.h). */
#include "prompt.h"

#include <curses.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

void prompt_open(prompt *p, char kind, const char *initial)
{
    memset(p, 0, sizeof *p);
    p->active = true;
    p->kind = kind;
    p->hist = -1;
    prompt_set(p, initial ? initial : "");
}

void prompt_set(prompt *p, const char *text)
{
    size_t n = strlen(text);
    if (n >= PROMPT_MAX)
        n = PROMPT_MAX - 1;
    /* never cut a character in half */
    while (n > 0 && U8_IS_TRAIL((uint8_t)text[n]))
        n--;
    memcpy(p->buf, text, n);
    p->buf[n] = '\0';
    p->len = p->cur = n;
}

/* Grapheme cluster boundary before or after off (ICU character break). */
static size_t boundary(const prompt *p, size_t off, bool forward)
{
    if (forward ? off >= p->len : off == 0)
        return off;
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, p->buf, (int64_t)p->len, &st);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &st);
    int32_t b = -1;
    if (U_SUCCESS(st)) {
        ubrk_setUText(bi, &ut, &st);
        if (U_SUCCESS(st))
            b = forward ? ubrk_following(bi, (int32_t)off) : ubrk_preceding(bi, (int32_t)off);
    }
    ubrk_close(bi);
    utext_close(&ut);
    if (b == UBRK_DONE || b < 0) {     /* fall back to one code point */
        int32_t i = (int32_t)off;
        if (forward)
            U8_FWD_1(p->buf, i, (int32_t)p->len);
        else
            U8_BACK_1((const uint8_t *)p->buf, 0, i);
        return (size_t)i;
    }
    return (size_t)b;
}

size_t prompt_prev_boundary(const prompt *p, size_t off) { return boundary(p, off, false); }
size_t prompt_next_boundary(const prompt *p, size_t off) { return boundary(p, off, true); }

static void cut(prompt *p, size_t from, size_t to)
{
    memmove(p->buf + from, p->buf + to, p->len - to + 1);
    p->len -= to - from;
    if (p->cur >= to)
        p->cur -= to - from;
    else if (p->cur > from)
        p->cur = from;
}

bool prompt_insert(prompt *p, uint32_t c)
{
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return false;
    char u[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(u, n, c);
    if (p->len + (size_t)n >= PROMPT_MAX)
        return false;
    memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur + 1);
    memcpy(p->buf + p->cur, u, (size_t)n);
    p->len += (size_t)n;
    p->cur += (size_t)n;
    return true;
}

bool prompt_backspace(prompt *p)
{
    if (p->cur == 0)
        return false;
    cut(p, boundary(p, p->cur, false), p->cur);
    return true;
}

bool prompt_delete(prompt *p)
{
    if (p->cur >= p->len)
        return false;
    cut(p, p->cur, boundary(p, p->cur, true));
    return true;
}

static void history_step(prompt *p, const history *h, int dir)
{
    long want = p->hist + (dir < 0 ? 1 : -1);
    if (want < -1)
        return;
    if (want == -1) {
        prompt_set(p, p->saved);
        p->hist = -1;
        return;
    }
    const char *s = h ? history_get(h, p->kind, (size_t)want) : NULL;
    if (!s)
        return;
    if (p->hist == -1)
        memcpy(p->saved, p->buf, p->len + 1);
    prompt_set(p, s);
    p->hist = want;
}

int prompt_key(prompt *p, const history *h, uint32_t ch, bool is_fn)
{
    if (is_fn) {
        switch (ch) {
        case KEY_BACKSPACE:
            if (p->len == 0) return PROMPT_CANCEL;
            return prompt_backspace(p) ? PROMPT_CHANGED : PROMPT_MOVED;
        case KEY_DC: return prompt_delete(p) ? PROMPT_CHANGED : PROMPT_MOVED;
        case KEY_LEFT: p->cur = boundary(p, p->cur, false); return PROMPT_MOVED;
        case KEY_RIGHT: p->cur = boundary(p, p->cur, true); return PROMPT_MOVED;
        case KEY_HOME: p->cur = 0; return PROMPT_MOVED;
        case KEY_END: p->cur = p->len; return PROMPT_MOVED;
        case KEY_UP: history_step(p, h, -1); return PROMPT_CHANGED;
        case KEY_DOWN: history_step(p, h, 1); return PROMPT_CHANGED;
        case KEY_ENTER: return PROMPT_ACCEPT;
        default: return PROMPT_IGNORED;
        }
    }
    switch (ch) {
    case '\n': case '\r': return PROMPT_ACCEPT;
    case 27: case 7: return PROMPT_CANCEL;                  /* Esc, ^G */
    case 8: case 0x7F:                                      /* ^H, DEL */
        if (p->len == 0) return PROMPT_CANCEL;
        return prompt_backspace(p) ? PROMPT_CHANGED : PROMPT_MOVED;
    case 4: return prompt_delete(p) ? PROMPT_CHANGED : PROMPT_MOVED;   /* ^D */
    case 1: p->cur = 0; return PROMPT_MOVED;                /* ^A */
    case 5: p->cur = p->len; return PROMPT_MOVED;           /* ^E */
    case 2: p->cur = boundary(p, p->cur, false); return PROMPT_MOVED;  /* ^B */
    case 6: p->cur = boundary(p, p->cur, true); return PROMPT_MOVED;   /* ^F */
    case 16: history_step(p, h, -1); return PROMPT_CHANGED;            /* ^P */
    case 14: history_step(p, h, 1); return PROMPT_CHANGED;             /* ^N */
    case 21: cut(p, 0, p->cur); return PROMPT_CHANGED;                 /* ^U */
    case 11: cut(p, p->cur, p->len); return PROMPT_CHANGED;            /* ^K */
    case 23: {                                                         /* ^W */
        size_t i = p->cur;
        while (i > 0 && p->buf[i - 1] == ' ')
            i--;
        while (i > 0 && p->buf[i - 1] != ' ')
            i = boundary(p, i, false);
        cut(p, i, p->cur);
        return PROMPT_CHANGED;
    }
    default:
        return prompt_insert(p, ch) ? PROMPT_CHANGED : PROMPT_IGNORED;
    }
}
