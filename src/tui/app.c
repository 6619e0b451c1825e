/* app.c — the explorer's main loop, terminal set-up and restore. */
#include "app.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_COLS = 40, MIN_ROWS = 10 };

/* The one piece of state outside struct app: a signal handler can only set
 * a flag. The main loop polls it (getch has a timeout) and exits cleanly. */
static volatile sig_atomic_t pending_signal;

static void on_signal(int sig) { pending_signal = sig; }

static const view_ops *ops_of(enum view_id v)
{
    static const view_ops *const table[VIEW__COUNT] = {
        [VIEW_ARTICLES] = &view_articles_ops, [VIEW_ENTITIES] = &view_entities_ops,
        [VIEW_CLAIMS] = &view_claims_ops,     [VIEW_XREF] = &view_xref_ops,
        [VIEW_READER] = &view_reader_ops,     [VIEW_HELP] = &view_help_ops,
        [VIEW_MENTIONS] = &view_mentions_ops,
    };
    return table[v];
}

enum view_id app_current(const app *a) { return a->stack[a->depth - 1]; }

void app_open(app *a, enum view_id v)
{
    if (a->depth < (int)(sizeof a->stack / sizeof a->stack[0]))
        a->stack[a->depth++] = v;
    else
        a->stack[a->depth - 1] = v;
}

void app_back(app *a)
{
    if (a->depth > 1)
        a->depth--;
    else
        a->quit = true;
}

void app_switch(app *a, enum view_id v)
{
    a->stack[0] = v;
    a->depth = 1;
}

void app_message(app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
}

void list_clamp(list_state *l, int rows)
{
    if (l->count <= 0) {
        l->sel = l->top = 0;
        return;
    }
    if (l->sel >= l->count) l->sel = l->count - 1;
    if (l->sel < 0) l->sel = 0;
    if (rows < 1) rows = 1;
    if (l->sel < l->top) l->top = l->sel;
    if (l->sel >= l->top + rows) l->top = l->sel - rows + 1;
    if (l->top < 0) l->top = 0;
}

bool list_key(list_state *l, wint_t ch, bool is_key, int rows)
{
    int page = rows > 1 ? rows - 1 : 1;
    if (is_key) {
        switch (ch) {
        case KEY_DOWN: l->sel++; break;
        case KEY_UP: l->sel--; break;
        case KEY_NPAGE: l->sel += page; break;
        case KEY_PPAGE: l->sel -= page; break;
        case KEY_HOME: l->sel = 0; break;
        case KEY_END: l->sel = l->count - 1; break;
        default: return false;
        }
    } else {
        switch (ch) {
        case L'j': l->sel++; break;
        case L'k': l->sel--; break;
        case L' ': l->sel += page; break;
        case L'b': l->sel -= page; break;
        case L'g': l->sel = 0; break;
        case L'G': l->sel = l->count - 1; break;
        default: return false;
        }
    }
    list_clamp(l, rows);
    return true;
}

static void setup_colors(app *a)
{
    a->color = has_colors() && !getenv("NO_COLOR");
    if (!a->color)
        return;
    start_color();
    use_default_colors();       /* follow the terminal's own colours */
    init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_TITLE, COLOR_YELLOW, -1);
    init_pair(PAIR_PERSON, COLOR_GREEN, -1);
    init_pair(PAIR_COMPANY, COLOR_CYAN, -1);
    init_pair(PAIR_PRODUCT, COLOR_MAGENTA, -1);
    init_pair(PAIR_FIGURE, COLOR_YELLOW, -1);
    init_pair(PAIR_DAMAGE, COLOR_WHITE, COLOR_RED);
    init_pair(PAIR_SAME, COLOR_GREEN, -1);
    init_pair(PAIR_DIFFERS, COLOR_RED, -1);
    init_pair(PAIR_RELATED, COLOR_BLUE, -1);
    init_pair(PAIR_ONLY, COLOR_WHITE, -1);
    init_pair(PAIR_HIT, COLOR_BLACK, COLOR_YELLOW);
    init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_WHITE);
}

static void draw_status(app *a)
{
    int rows = LINES, cols = COLS;
    attr_t attr = a->color ? 0 : A_REVERSE;
    short pair = a->color ? PAIR_STATUS : 0;
    wattr_set(stdscr, attr, pair, NULL);
    mvhline(rows - 1, 0, ' ', cols);
    char left[512];
    const char *docid = a->c->n_docs ? a->c->docs[a->doc]->id : "(no documents)";
    snprintf(left, sizeof left, " %s │ %s │ %s", ops_of(app_current(a))->name,
             docid, a->status[0] ? a->status : "? help  q back/quit");
    draw_text(stdscr, rows - 1, 0, cols, left, strlen(left), attr, pair, &a->dopts);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
}

static void draw_all(app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        const char *msg = "Terminal too small";
        char need[64];
        snprintf(need, sizeof need, "need %dx%d", MIN_COLS, MIN_ROWS);
        mvaddnstr(0, 0, msg, COLS);
        if (LINES > 1)
            mvaddnstr(1, 0, need, COLS);
        refresh();
        return;
    }
    ops_of(app_current(a))->draw(a, 0, LINES - 1);
    draw_status(a);
    refresh();
}

static bool global_key(app *a, wint_t ch, bool is_key)
{
    if (is_key) {
        if (ch == KEY_RESIZE)
            return true;
        return false;
    }
    switch (ch) {
    case L'1': app_switch(a, VIEW_ARTICLES); return true;
    case L'2': app_switch(a, VIEW_ENTITIES); return true;
    case L'3': app_switch(a, VIEW_CLAIMS); return true;
    case L'4': app_switch(a, VIEW_XREF); return true;
    case L'?': if (app_current(a) != VIEW_HELP) app_open(a, VIEW_HELP); return true;
    case L'q': case 27: app_back(a); return true;
    default: return false;
    }
}

static void restore_terminal(void)
{
    if (!isendwin())
        endwin();
}

int app_run(corpus *c, const draw_opts *o)
{
    app a;
    memset(&a, 0, sizeof a);
    a.c = c;
    a.dopts = *o;
    a.stack[0] = VIEW_ARTICLES;
    a.depth = 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    atexit(restore_terminal);   /* any exit path restores the terminal */

    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    timeout(200);               /* poll the signal flag */
    setup_colors(&a);

    draw_all(&a);
    while (!a.quit && !pending_signal) {
        wint_t ch;
        int r = get_wch(&ch);
        if (r == ERR)
            continue;
        bool is_key = r == KEY_CODE_YES;
        a.status[0] = '\0';
        if (!ops_of(app_current(&a))->key(&a, ch, is_key))
            global_key(&a, ch, is_key);
        if (!a.quit)
            draw_all(&a);
    }
    endwin();
    if (pending_signal) {
        /* Terminal is restored; die of the signal as the shell expects. */
        signal(pending_signal, SIG_DFL);
        raise(pending_signal);
    }
    return a.exit_status;
}
