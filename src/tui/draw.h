/* draw.h — the one width-aware drawing path of the TUI.
 *
 * Every piece of article text that reaches the screen goes through here:
 *  - widths come from wcwidth() (what ncursesw itself uses), so our column
 *    arithmetic and the library's never disagree;
 *  - a double-width character never straddles the right edge: it is
 *    replaced by a space when only one column is left;
 *  - control characters, escape sequences and bidi controls are drawn as
 *    visible placeholders ("^[" for C0, "<U+202E>" for others), never raw;
 *  - with ambiguous_wide (for terminals that draw East Asian Ambiguous
 *    punctuation “ ” … · — double), those characters are drawn as
 *    unambiguous stand-ins (" " ... ・ --), so layout stays exact; the
 *    same goes for the few interface characters the explorer draws
 *    (│ ─ → ≠ •) and U+FFFD; other ambiguous characters are drawn as
 *    their compatibility form when that is unambiguous (① as 1, Ⅱ as
 *    II), or else keep their wcwidth (Greek, Cyrillic: nothing certain
 *    exists for them).
 * The measuring functions need no terminal and are unit-tested.
 */
#ifndef CR_DRAW_H
#define CR_DRAW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct draw_opts {
    bool ambiguous_wide;
} draw_opts;

/* One display cell-run for a code point: the text to draw (UTF-8, NUL
 * terminated), its width in columns and whether it is a placeholder. */
typedef struct draw_glyph {
    char text[16];
    int width;
    bool placeholder;
} draw_glyph;

void draw_glyph_of(int32_t c, const draw_opts *o, draw_glyph *g);

/* Width in columns of UTF-8 text as this module draws it. */
int draw_text_width(const char *s, size_t n, const draw_opts *o);

/* How many bytes of s fit in max_width columns without splitting a
 * character; *used (if not NULL) gets the columns those bytes take. */
size_t draw_fit(const char *s, size_t n, int max_width, const draw_opts *o, int *used);

/* Length in bytes of the first line when s is wrapped to width columns.
 * Breaks at a line-break opportunity (ICU line break rules: between Han
 * characters, at spaces) when one fits, otherwise at the last character
 * that fits. Never returns 0 for non-empty s, even if width < 2.
 * A '\n' ends the line (it is included in the returned length). */
size_t draw_wrap_line(const char *s, size_t n, int width, const draw_opts *o);

/* Wrap a whole text: the start offset of every display line into
 * *starts (realloc'd; *cap its capacity), as repeated draw_wrap_line would
 * give, but with one line-break iterator per paragraph (linear in n). A
 * '\n' ends its line; an empty paragraph is an empty line; empty text is
 * one empty line. Returns 0, or -1 out of memory. */
int draw_layout(const char *s, size_t n, int width, const draw_opts *o, uint32_t **starts,
                size_t *count, size_t *cap);

/* The longest tail of s that fits in max_width columns: *start gets its
 * offset (a character boundary); returns its width. For context before a
 * hit, cut at the left. */
int draw_fit_tail(const char *s, size_t n, int max_width, const draw_opts *o, size_t *start);

#ifdef CR_DRAW_CURSES
#include <curses.h>
/* Draw s at (y, x) in at most max_width columns with the given attributes
 * and colour pair; placeholders are drawn in reverse video. Returns the
 * columns used. Pads nothing: callers clear to the end of line. */
int draw_text(WINDOW *w, int y, int x, int max_width, const char *s, size_t n,
              attr_t attr, short pair, const draw_opts *o);
#endif

#endif
