/* view_entities.c — STUB: being written (issue 6). */
#include <string.h>
#include "app.h"
static void draw(app *a, int top, int rows)
{
    (void)rows;
    const char *s = "(this view is being written)";
    draw_text(stdscr, top, 1, COLS - 1, s, strlen(s), A_DIM, 0, &a->dopts);
}
static bool key(app *a, wint_t ch, bool is_key) { (void)a; (void)ch; (void)is_key; return false; }
const view_ops view_entities_ops = {"Entities", draw, key};
