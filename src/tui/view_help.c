/* view_help.c — every key (from the keymap, so the config file's
 * overrides show), the prompt keys, the commands and the colours. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

enum { HELP_LINES = 96, HELP_WIDTH = 320 };

typedef struct help_text {
    char line[HELP_LINES][HELP_WIDTH];
    short pair[HELP_LINES];
    bool heading[HELP_LINES];
    int n;
} help_text;

static void add(help_text *h, bool heading, short pair, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(help_text *h, bool heading, short pair, const char *fmt, ...)
{
    if (h->n >= HELP_LINES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->line[h->n], HELP_WIDTH, fmt, ap);
    va_end(ap);
    h->heading[h->n] = heading;
    h->pair[h->n] = pair;
    h->n++;
}

static void keys_of(help_text *h, const app *a, const action *acts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char k[96];
        keymap_describe(&a->cfg.keys, acts[i], k, sizeof k);
        add(h, false, 0, "  %-22s %s", k[0] ? k : "(unbound)", action_help(acts[i]));
    }
}

static void compose(const app *a, help_text *h)
{
    h->n = 0;
    static const action views[] = {ACT_VIEW_ARTICLES, ACT_VIEW_ENTITIES, ACT_VIEW_CLAIMS,
                                   ACT_VIEW_XREF, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_HELP};
    static const action moving[] = {ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_TOP,
                                    ACT_BOTTOM, ACT_PANE, ACT_LEFT, ACT_RIGHT, ACT_REDRAW};
    static const action reader[] = {ACT_RAW, ACT_NEXT_CLAIM, ACT_PREV_CLAIM};
    static const action lists[] = {ACT_SEARCH, ACT_NEXT_HIT, ACT_PREV_HIT, ACT_FILTER,
                                   ACT_RELATION, ACT_COMMAND};
    add(h, true, 0, "Views");
    keys_of(h, a, views, sizeof views / sizeof views[0]);
    add(h, false, 0, " ");
    add(h, true, 0, "Moving");
    keys_of(h, a, moving, sizeof moving / sizeof moving[0]);
    add(h, false, 0, " ");
    add(h, true, 0, "Reader");
    keys_of(h, a, reader, sizeof reader / sizeof reader[0]);
    add(h, false, 0, "  Colours: ");
    add(h, false, app_pair(a, PAIR_PERSON), "    person");
    add(h, false, app_pair(a, PAIR_COMPANY), "    company");
    add(h, false, app_pair(a, PAIR_PRODUCT), "    product");
    add(h, false, app_pair(a, PAIR_FIGURE), "    figure (money, percent, count, date)");
    add(h, false, app_pair(a, PAIR_DAMAGE), "    damaged text (bad bytes, mojibake)");
    add(h, false, app_pair(a, PAIR_HIT), "    search hit");
    add(h, false, 0, "    claims are underlined; | in the margin marks the current claim");
    add(h, false, 0, " ");
    add(h, true, 0, "Searching, filtering, commands");
    keys_of(h, a, lists, sizeof lists / sizeof lists[0]);
    add(h, false, 0, "  Search: keywords match folded (Traditional = Simplified, any width");
    add(h, false, 0, "  and case); start with re: (or press Ctrl-R) for a PCRE2 regex.");
    add(h, false, 0, "  Filter: text the list items must contain; in cross-references a");
    add(h, false, 0, "  relation name (same, differs, related, only-in) filters by relation.");
    add(h, false, 0, " ");
    add(h, true, 0, "In a prompt");
    add(h, false, 0, "  Enter accept    Esc cancel    Up/Down history    Left/Right move");
    add(h, false, 0, "  Backspace/Delete remove one character    ^A/^E start/end");
    add(h, false, 0, "  ^U/^K delete to start/end    ^W delete a word");
    add(h, false, 0, " ");
    add(h, true, 0, "Commands (:)");
    add(h, false, 0, "  :export entities|claims|xref text|tsv|jsonl FILE");
    add(h, false, 0, "      write what `crossread entities|claims|xref -f FORMAT` writes;");
    add(h, false, 0, "      an existing FILE is kept: :export! replaces it");
    add(h, false, 0, "  :search PATTERN    :filter TEXT    :help    :quit");
    add(h, false, 0, " ");
    add(h, true, 0, "Files");
    char path[4096];
    add(h, false, 0, "  config:  %s", config_path(path, sizeof path) ? path : "(no home)");
    add(h, false, 0, "  history: %s", a->hist_path[0] ? a->hist_path : "(not kept)");
    add(h, false, 0, "  see crossread(1), CONFIGURATION");
}

static void draw(app *a, int top, int rows)
{
    help_text *h = malloc(sizeof *h);
    if (!h)
        return;
    compose(a, h);
    rowlist *rl = &a->lists[VIEW_HELP].rows;
    size_t max_top = h->n > rows ? (size_t)(h->n - rows) : 0;
    if (rl->top > max_top)
        rl->top = max_top;
    for (int i = 0; i < rows && rl->top + (size_t)i < (size_t)h->n; i++) {
        size_t k = rl->top + (size_t)i;
        put(a, top + i, 1, COLS - 2, h->line[k], h->heading[k] ? A_BOLD : A_NORMAL,
            h->heading[k] ? app_pair(a, PAIR_HEADING) : h->pair[k]);
    }
    free(h);
}

static bool key(app *a, action act)
{
    rowlist *rl = &a->lists[VIEW_HELP].rows;
    int rows = app_view_rows(a);
    switch (act) {
    case ACT_DOWN: rl->top++; return true;
    case ACT_UP: if (rl->top) rl->top--; return true;
    case ACT_PAGE_DOWN: rl->top += (size_t)(rows > 2 ? rows - 1 : 1); return true;
    case ACT_PAGE_UP:
        rl->top = rl->top > (size_t)(rows - 1) ? rl->top - (size_t)(rows - 1) : 0;
        return true;
    case ACT_TOP: rl->top = 0; return true;
    case ACT_BOTTOM: rl->top = HELP_LINES; return true;
    case ACT_HELP: app_back(a); return true;
    default: return false;
    }
}

const view_ops view_help_ops = {"Help", draw, key, NULL};
