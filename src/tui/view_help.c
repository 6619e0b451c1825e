/* view_help.c — every key, one screen. */
#include <string.h>

#include "app.h"

static const char *const help_lines[] = {
    "Views",
    "  1  Articles          2  Entities          3  Claims          4  Cross-references",
    "  Enter  open the selected item (reader, mentions, jump to a claim)",
    "  q, Esc back; q at the top level quits",
    "",
    "Moving",
    "  j / Down   next            k / Up     previous",
    "  Space / PgDn  page down    b / PgUp   page up",
    "  g / Home   first           G / End    last",
    "  Tab        next pane",
    "",
    "Reader",
    "  r  toggle raw / cleaned text",
    "",
    "Searching and commands",
    "  /  search (folded keywords; start with re: for a regex)   n / N  next / previous hit",
    "  f  filter the current list",
    "  :  command line: :export entities tsv FILE, :export claims jsonl FILE,",
    "     :export xref text FILE (:export! replaces a file), :search WORDS, :quit",
    "",
    "  ?  this help",
};

static void draw(app *a, int top, int rows)
{
    list_state *l = &a->lists[VIEW_HELP];
    l->count = (int)(sizeof help_lines / sizeof help_lines[0]);
    for (int i = 0; i < rows && l->top + i < l->count; i++) {
        const char *s = help_lines[l->top + i];
        bool heading = s[0] && s[0] != ' ';
        draw_text(stdscr, top + i, 1, COLS - 1, s, strlen(s), heading ? A_BOLD : A_NORMAL,
                  0, &a->dopts);
    }
}

static bool key(app *a, wint_t ch, bool is_key)
{
    list_state *l = &a->lists[VIEW_HELP];
    int rows = LINES - 1;
    if (list_key(l, ch, is_key, rows)) {
        l->top = l->sel - rows + 1 > 0 ? l->sel - rows + 1 : 0;
        return true;
    }
    return false;
}

const view_ops view_help_ops = {"Help", draw, key};
