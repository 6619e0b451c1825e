/* view_reader.c — the cleaned article, wrapped to the window, with entity
 * mentions coloured by type, figures highlighted, damaged spans marked and
 * claims underlined. r toggles the raw file. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "app.h"
#include "claims.h"
#include "entities.h"

static const char *reader_text(const app *a, size_t *n)
{
    const doc *d = a->c->docs[a->doc];
    if (a->reader_raw) {
        *n = d->raw_len;
        return d->raw;
    }
    *n = d->text_len;
    return d->text ? d->text : "";
}

static void layout(app *a, int width)
{
    if (a->layout.valid && a->layout.width == width && a->layout.doc == a->doc &&
        a->layout.raw == a->reader_raw)
        return;
    size_t n;
    const char *s = reader_text(a, &n);
    a->layout.n = 0;
    for (size_t off = 0;;) {
        if (a->layout.n == a->layout.cap) {
            size_t ncap = a->layout.cap ? a->layout.cap * 2 : 256;
            uint32_t *p = realloc(a->layout.starts, ncap * sizeof *p);
            if (!p)
                break;
            a->layout.starts = p;
            a->layout.cap = ncap;
        }
        a->layout.starts[a->layout.n++] = (uint32_t)off;
        if (off >= n)
            break;
        off += draw_wrap_line(s + off, n - off, width, &a->dopts);
    }
    a->layout.width = width;
    a->layout.doc = a->doc;
    a->layout.raw = a->reader_raw;
    a->layout.valid = true;
}

/* Index of the wrapped line containing byte offset off. */
static size_t line_of(const app *a, uint32_t off)
{
    size_t lo = 0, hi = a->layout.n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (a->layout.starts[mid] <= off) lo = mid; else hi = mid;
    }
    return lo;
}

static short pair_of_type(int type)
{
    switch (type) {
    case MENTION_PERSON: return PAIR_PERSON;
    case MENTION_COMPANY: return PAIR_COMPANY;
    case MENTION_PRODUCT: return PAIR_PRODUCT;
    default: return PAIR_FIGURE;
    }
}

/* Attributes of the cleaned-text byte at off. */
static void style_at(const app *a, uint32_t off, attr_t *attr, short *pair)
{
    const doc *d = a->c->docs[a->doc];
    *attr = A_NORMAL;
    *pair = 0;
    if (a->reader_raw)
        return;
    if (off >= d->title_span.start && off < d->title_span.end)
        *attr |= A_BOLD;
    for (size_t i = 0; i < d->n_claims; i++)
        if (off >= d->claims[i].start && off < d->claims[i].end) {
            *attr |= A_UNDERLINE;
            break;
        }
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *m = &d->mentions[i];
        if (off >= m->start && off < m->end) {
            if (a->color)
                *pair = pair_of_type(m->type);
            else
                *attr |= m->type >= MENTION_MONEY ? A_BOLD : A_STANDOUT;
            break;
        }
    }
    for (size_t i = 0; i < d->n_damage; i++)
        if (off >= d->damage[i].start && off < d->damage[i].end) {
            *attr |= A_REVERSE;
            if (a->color) *pair = PAIR_DAMAGE;
        }
    if (a->reader_mark != UINT32_MAX && off == a->reader_mark)
        *attr |= A_REVERSE;
}

static void draw(app *a, int top, int rows)
{
    if (!a->c->n_docs)
        return;
    int width = COLS - 1;
    layout(a, width);
    size_t n;
    const char *s = reader_text(a, &n);
    size_t first = line_of(a, a->reader_off);
    for (int r = 0; r < rows && first + (size_t)r + 1 < a->layout.n + 1; r++) {
        size_t li = first + (size_t)r;
        if (li >= a->layout.n)
            break;
        uint32_t ls = a->layout.starts[li];
        uint32_t le = li + 1 < a->layout.n ? a->layout.starts[li + 1] : (uint32_t)n;
        if (le > ls && s[le - 1] == '\n')
            le--;
        int x = 0;
        /* Draw runs of equal style. */
        for (uint32_t p = ls; p < le;) {
            attr_t at;
            short pr;
            style_at(a, p, &at, &pr);
            uint32_t q = p;
            while (q < le) {
                int32_t k = (int32_t)q;
                UChar32 c;
                U8_NEXT(s, k, (int32_t)le, c);
                (void)c;
                attr_t at2;
                short pr2;
                style_at(a, q, &at2, &pr2);
                if (at2 != at || pr2 != pr)
                    break;
                q = (uint32_t)k;
            }
            if (q == p) {   /* always progress */
                int32_t k = (int32_t)p;
                UChar32 c;
                U8_NEXT(s, k, (int32_t)le, c);
                (void)c;
                q = (uint32_t)k;
            }
            x += draw_text(stdscr, top + r, x, width - x, s + p, q - p, at, pr, &a->dopts);
            p = q;
        }
    }
    char pos[96];
    snprintf(pos, sizeof pos, "%s line %zu/%zu", a->reader_raw ? "raw" : "cleaned",
             first + 1, a->layout.n);
    app_message(a, "%s  r raw/cleaned", pos);
}

static bool key(app *a, wint_t ch, bool is_key)
{
    if (!a->c->n_docs || !a->layout.valid)
        return false;
    int rows = LINES - 1;
    size_t cur = line_of(a, a->reader_off);
    size_t last = a->layout.n > (size_t)rows ? a->layout.n - (size_t)rows : 0;
    long target = (long)cur;
    if (is_key) {
        switch (ch) {
        case KEY_DOWN: target++; break;
        case KEY_UP: target--; break;
        case KEY_NPAGE: target += rows - 1; break;
        case KEY_PPAGE: target -= rows - 1; break;
        case KEY_HOME: target = 0; break;
        case KEY_END: target = (long)last; break;
        default: return false;
        }
    } else {
        switch (ch) {
        case L'j': target++; break;
        case L'k': target--; break;
        case L' ': target += rows - 1; break;
        case L'b': target -= rows - 1; break;
        case L'g': target = 0; break;
        case L'G': target = (long)last; break;
        case L'r':
            a->reader_raw = !a->reader_raw;
            a->reader_off = 0;
            return true;
        default: return false;
        }
    }
    if (target > (long)last) target = (long)last;
    if (target < 0) target = 0;
    a->reader_off = a->layout.starts[target];
    return true;
}

const view_ops view_reader_ops = {"Reader", draw, key};
