/* app.c — the explorer's main loop, terminal set-up and restore, the view
 * stack, the status bar and the prompts. */
#include "app.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "entities.h"
#include "escape.h"
#include "fold.h"
#include "tty_guard.h"

enum { MIN_COLS = 40, MIN_ROWS = 10 };

/* The one piece of state outside struct app: a signal handler can only set
 * a flag. The main loop polls it (get_wch has a timeout) and exits cleanly. */
static volatile sig_atomic_t pending_signal;

static void on_signal(int sig) { pending_signal = sig; }

const view_ops *app_ops(enum view_id v)
{
    static const view_ops *const table[VIEW__COUNT] = {
        [VIEW_ARTICLES] = &view_articles_ops, [VIEW_ENTITIES] = &view_entities_ops,
        [VIEW_CLAIMS] = &view_claims_ops,     [VIEW_XREF] = &view_xref_ops,
        [VIEW_READER] = &view_reader_ops,     [VIEW_HELP] = &view_help_ops,
        [VIEW_MENTIONS] = &view_mentions_ops,
    };
    return table[v];
}

/* ---- the view stack -------------------------------------------------------- */

enum view_id app_current(const app *a) { return a->stack[a->depth - 1].v; }

static void save_reader(app *a)
{
    frame *f = &a->stack[a->depth - 1];
    if (f->v == VIEW_READER) {
        f->doc = a->rd.doc;
        f->top = a->rd.top;
        f->claim = a->rd.claim;
    }
}

static void restore_reader(app *a)
{
    const frame *f = &a->stack[a->depth - 1];
    if (f->v == VIEW_READER && (a->rd.doc != f->doc || a->rd.top != f->top)) {
        a->rd.doc = a->doc = f->doc;
        a->rd.top = f->top;
        a->rd.claim = f->claim;
        a->rd.mark_end = 0;
        a->rd.pane = false;
    }
}

void app_open(app *a, enum view_id v)
{
    save_reader(a);
    int cap = (int)(sizeof a->stack / sizeof a->stack[0]);
    if (a->depth == cap) {      /* forget the oldest place */
        memmove(a->stack, a->stack + 1, (size_t)(cap - 1) * sizeof a->stack[0]);
        a->depth--;
    }
    a->stack[a->depth++] = (frame){.v = v, .doc = a->rd.doc, .top = a->rd.top,
                                   .claim = a->rd.claim};
}

void app_back(app *a)
{
    if (a->depth > 1) {
        a->depth--;
        restore_reader(a);
    } else {
        a->quit = true;
    }
}

void app_switch(app *a, enum view_id v)
{
    a->stack[0] = (frame){.v = v, .doc = a->rd.doc, .top = a->rd.top, .claim = a->rd.claim};
    a->depth = 1;
}

void app_goto(app *a, size_t doc, uint32_t start, uint32_t end)
{
    if (app_current(a) != VIEW_READER)
        app_open(a, VIEW_READER);
    else
        save_reader(a);
    if (a->rd.doc != doc || a->rd.raw) {
        a->rd.raw = false;
        a->rd.pane = false;
    }
    a->doc = a->rd.doc = doc;
    a->rd.top = start;
    a->rd.center = true;
    a->rd.mark_start = start;
    a->rd.mark_end = end > start ? end : start + 1;
    a->rd.claim = -2;           /* the reader picks the claim at the mark */
    a->stack[a->depth - 1].doc = doc;
}

/* ---- messages and colours ---------------------------------------------------- */

void app_message(app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
    a->status_error = false;
}

void app_error(app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
    a->status_error = true;
}

short app_pair(const app *a, int pair) { return a->color ? (short)pair : 0; }

static void setup_colors(app *a)
{
    const char *nc = getenv("NO_COLOR");
    a->color = has_colors() && !(nc && *nc) && !a->cfg.no_color;
    if (!a->color)
        return;
    start_color();
    use_default_colors();       /* follow the terminal's own colours */
    for (int p = 1; p < PAIR__COUNT; p++) {
        tui_color c = a->cfg.colors[p];
        if (c.fg >= COLORS) c.fg = (short)(c.fg % 8);
        if (c.bg >= COLORS) c.bg = (short)(c.bg % 8);
        init_pair((short)p, c.fg, c.bg);
    }
}

int app_view_rows(const app *a)
{
    return LINES - 1 - (a->pr.active ? 1 : 0);
}

/* ---- drawing helpers ----------------------------------------------------------- */

void fill_line(app *a, int y, attr_t attr, short pair)
{
    (void)a;
    cchar_t sp;
    setcchar(&sp, L" ", attr, pair, NULL);
    mvhline_set(y, 0, &sp, COLS);
}

int putn(app *a, int y, int x, int maxw, const char *s, size_t n, attr_t attr, short pair)
{
    if (maxw <= 0 || x >= COLS)
        return 0;
    if (x + maxw > COLS)
        maxw = COLS - x;
    return draw_text(stdscr, y, x, maxw, s, n, attr, pair, &a->dopts);
}

int put(app *a, int y, int x, int maxw, const char *s, attr_t attr, short pair)
{
    return putn(a, y, x, maxw, s, strlen(s), attr, pair);
}

void app_claim_figures(const doc *d, const claim *cl, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; cl && i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type < MENTION_MONEY || m->type == MENTION_DATE)
            continue;
        int w = snprintf(buf + o, size - o, "%s%.*s", o ? ", " : "", (int)(m->end - m->start),
                         d->text + m->start);
        if (w < 0 || (size_t)w >= size - o)
            break;
        o += (size_t)w;
    }
}

const char *app_doc_title(const app *a, const doc *d, size_t *n)
{
    if (d->title && d->title[0]) {
        *n = strlen(d->title);
        return d->title;
    }
    if (a->phase == PHASE_READY && d->text && d->title_span.end > d->title_span.start) {
        *n = d->title_span.end - d->title_span.start;
        return d->text + d->title_span.start;
    }
    *n = strlen(d->id);
    return d->id;
}

bool app_loading_note(app *a, int y, const char *what)
{
    if (a->phase == PHASE_READY)
        return false;
    char msg[256];
    snprintf(msg, sizeof msg, "Loading the corpus (%s): %s appear when it is analysed.",
             a->progress[0] ? a->progress : "starting", what);
    put(a, y, 1, COLS - 2, msg, A_DIM, 0);
    return true;
}

static void draw_status(app *a)
{
    int y = LINES - 1;
    attr_t attr = a->color ? A_NORMAL : A_REVERSE;
    short pair = app_pair(a, PAIR_STATUS);
    fill_line(a, y, attr, pair);
    char help[64], keys[48];
    keymap_describe(&a->cfg.keys, ACT_HELP, keys, sizeof keys);
    char *comma = strchr(keys, ',');
    if (comma)
        *comma = '\0';
    snprintf(help, sizeof help, " %s help ", keys[0] ? keys : "?");
    int help_w = draw_text_width(help, strlen(help), &a->dopts);

    const char *docid = "(no document)";
    if (a->phase >= PHASE_LISTED && a->phase != PHASE_FAILED && a->c->n_docs)
        docid = a->c->docs[a->doc < a->c->n_docs ? a->doc : 0]->id;
    char left[1024];
    const char *msg = a->status;
    char loading[160];
    if (!msg[0] && a->phase != PHASE_READY) {
        snprintf(loading, sizeof loading, "loading: %s", a->progress);
        msg = loading;
    }
    /* --no-tagger finds far fewer names: say so where it is always seen */
    snprintf(left, sizeof left, " %s | %s%s%s%s", app_ops(app_current(a))->name, docid,
             a->c->no_tagger ? " | no tagger" : "", msg[0] ? " | " : "", msg);
    int room = COLS - help_w;
    int used = put(a, y, 0, room, left, attr | (a->status_error ? A_BOLD : 0), pair);
    (void)used;
    put(a, y, COLS - help_w, help_w, help, attr | A_BOLD, pair);
}

/* The prompt line above the status bar; leaves the cursor where typing goes. */
static void draw_prompt(app *a)
{
    int y = LINES - 2;
    fill_line(a, y, A_NORMAL, 0);
    const char *label = a->pr.kind == '/' ? "Search: " : a->pr.kind == 'f' ? "Filter: " : ":";
    if (a->pr.kind == '/' && !strncmp(a->pr.buf, "re:", 3))
        label = "Search (regex): ";
    int x = put(a, y, 0, COLS, label, A_BOLD, 0);
    int room = COLS - x - 1;
    if (room < 1)
        return;
    /* scroll so the cursor is visible */
    size_t start = 0;
    int before = draw_text_width(a->pr.buf, a->pr.cur, &a->dopts);
    if (before > room - 1) {
        int w = 0;
        int32_t i = (int32_t)a->pr.cur;
        while (i > 0) {
            int32_t j = i;
            UChar32 c;
            U8_PREV(a->pr.buf, 0, j, c);
            draw_glyph g;
            draw_glyph_of(c, &a->dopts, &g);
            if (w + g.width > room - 1)
                break;
            w += g.width;
            i = j;
        }
        start = (size_t)i;
    }
    putn(a, y, x, room, a->pr.buf + start, a->pr.len - start, A_NORMAL, 0);
    int cx = x + draw_text_width(a->pr.buf + start, a->pr.cur - start, &a->dopts);
    move(y, cx < COLS ? cx : COLS - 1);
}

static void draw_all(app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        curs_set(0);
        char msg[96];
        snprintf(msg, sizeof msg, "Terminal too small (%dx%d): need %dx%d.", COLS, LINES,
                 MIN_COLS, MIN_ROWS);
        int w = draw_text_width(msg, strlen(msg), &a->dopts);
        if (w > COLS) {          /* wrap the short message as it fits */
            size_t off = 0, n = strlen(msg);
            for (int y = 0; y < LINES && off < n; y++) {
                size_t k = draw_wrap_line(msg + off, n - off, COLS, &a->dopts);
                put(a, y, 0, COLS, "", 0, 0);
                putn(a, y, 0, COLS, msg + off, k, A_BOLD, 0);
                off += k;
            }
        } else {
            put(a, LINES / 2 > 0 ? LINES / 2 - 1 : 0, (COLS - w) / 2, COLS, msg, A_BOLD, 0);
            if (LINES > 2)
                put(a, LINES / 2, 0, COLS, "Q quits.", A_DIM, 0);
        }
        refresh();
        return;
    }
    app_ops(app_current(a))->draw(a, 0, app_view_rows(a));
    draw_status(a);
    if (a->pr.active) {
        curs_set(1);
        draw_prompt(a);
    } else {
        curs_set(0);
    }
    refresh();
}

/* ---- lists --------------------------------------------------------------------- */

void filter_fold(const char *in, char *out, size_t cap)
{
    size_t n = fold_utf8(in, strlen(in), out, cap - 1, NULL);
    out[n < cap ? n : cap - 1] = '\0';
}

bool filter_match(const char *ff, const char *s, size_t n)
{
    if (!ff[0])
        return true;
    char stack[512];
    size_t need = fold_utf8(s, n, stack, sizeof stack, NULL);
    if (need <= sizeof stack)
        return memmem(stack, need, ff, strlen(ff)) != NULL;
    char *buf = malloc(need);
    if (!buf)
        return false;
    fold_utf8(s, n, buf, need, NULL);
    bool hit = memmem(buf, need, ff, strlen(ff)) != NULL;
    free(buf);
    return hit;
}

void list_draw(app *a, enum view_id v, int top, int rows, const char *title, row_drawer fn)
{
    list_view *lv = &a->lists[v];
    if (!lv->built && app_ops(v)->build) {
        app_ops(v)->build(a);
        lv->built = true;
    }
    rowlist *rl = &lv->rows;
    char head[PROMPT_MAX + 256];
    if (lv->filter[0])
        snprintf(head, sizeof head, "%s — filter “%s”: %zu shown", title, lv->filter, rl->n_items);
    else
        snprintf(head, sizeof head, "%s", title);
    fill_line(a, top, A_NORMAL, 0);
    put(a, top, 0, COLS, head, A_BOLD, app_pair(a, PAIR_HEADING));
    int h = rows - 1;
    if (h < 1)
        return;
    rows_clamp(rl, h);
    size_t sel_end = rl->sel + 1;
    while (sel_end < rl->n && rl->v[sel_end].kind == ROW_ITEM && rl->v[sel_end].line)
        sel_end++;
    for (int i = 0; i < h && rl->top + (size_t)i < rl->n; i++) {
        size_t ri = rl->top + (size_t)i;
        bool sel = rl->n_items && ri >= rl->sel && ri < sel_end;
        fn(a, &rl->v[ri], top + 1 + i, sel);
    }
    if (!rl->n_items && a->phase == PHASE_READY)
        put(a, top + 2, 2, COLS - 4,
            lv->filter[0] ? "(nothing matches the filter; f and an empty line show all)"
                          : "(nothing here)", A_DIM, 0);
}

bool list_key(app *a, enum view_id v, action act, int rows)
{
    rowlist *rl = &a->lists[v].rows;
    int h = rows - 1;
    switch (act) {
    case ACT_DOWN: rows_move(rl, 1); break;
    case ACT_UP: rows_move(rl, -1); break;
    case ACT_PAGE_DOWN: rows_page(rl, 1, h); break;
    case ACT_PAGE_UP: rows_page(rl, -1, h); break;
    case ACT_TOP: rows_first(rl); break;
    case ACT_BOTTOM: rows_last(rl); break;
    default: return false;
    }
    rows_clamp(rl, h);
    return true;
}

/* ---- prompts --------------------------------------------------------------------- */

static void remember(app *a, char kind, const char *text)
{
    if (!text[0] || history_add(&a->hist, kind, text) || !a->hist_path[0])
        return;
    cr_error e;
    cr_error_clear(&e);
    if (history_save(&a->hist, a->hist_path, &e)) {
        char buf[600];
        cr_error_format(&e, buf, sizeof buf);
        app_error(a, "history not saved: %s", buf);
    }
}

static void open_prompt(app *a, char kind)
{
    if (kind == 'f') {
        enum view_id v = app_current(a);
        if (!app_ops(v)->build) {
            app_message(a, "%s has no list to filter", app_ops(v)->name);
            return;
        }
        a->filter_view = v;
        snprintf(a->filter_before, sizeof a->filter_before, "%s", a->lists[v].filter);
        prompt_open(&a->pr, kind, a->lists[v].filter);
    } else if (kind == '/') {
        snprintf(a->search_before, sizeof a->search_before, "%s",
                 a->sr.active ? a->sr.pattern : "");
        prompt_open(&a->pr, kind, "");
    } else {
        prompt_open(&a->pr, kind, "");
    }
    a->status[0] = '\0';
}

static void set_filter(app *a, const char *text)
{
    list_view *lv = &a->lists[a->filter_view];
    if (strcmp(lv->filter, text)) {
        snprintf(lv->filter, sizeof lv->filter, "%s", text);
        lv->built = false;
    }
}

static void prompt_input(app *a, wint_t ch, bool is_fn)
{
    prompt *p = &a->pr;
    if (!is_fn && ch == 18 && p->kind == '/') {          /* ^R: regex on/off */
        char buf[PROMPT_MAX + 4];
        if (!strncmp(p->buf, "re:", 3))
            snprintf(buf, sizeof buf, "%s", p->buf + 3);
        else
            snprintf(buf, sizeof buf, "re:%s", p->buf);   /* prompt_set cuts to fit */
        prompt_set(p, buf);
        search_update(a, p->buf);
        return;
    }
    int r = prompt_key(p, &a->hist, (uint32_t)ch, is_fn);
    char kind = p->kind;
    switch (r) {
    case PROMPT_CHANGED:
        if (kind == '/')
            search_update(a, p->buf);
        else if (kind == 'f')
            set_filter(a, p->buf);
        break;
    case PROMPT_ACCEPT: {
        char text[PROMPT_MAX];
        snprintf(text, sizeof text, "%s", p->buf);
        p->active = false;
        remember(a, kind, text);
        if (kind == '/') {
            if (!text[0]) {
                search_clear(a);
            } else if (search_update(a, text)) {
                search_step(a, 0);
            }
        } else if (kind == 'f') {
            set_filter(a, text);
        } else {
            command_run(a, text);
        }
        break;
    }
    case PROMPT_CANCEL:
        p->active = false;
        if (kind == 'f') {
            set_filter(a, a->filter_before);
        } else if (kind == '/') {
            if (a->search_before[0])
                search_update(a, a->search_before);
            else
                search_clear(a);
        }
        a->status[0] = '\0';
        break;
    default:
        break;
    }
}

/* ---- keys ------------------------------------------------------------------------ */

static bool global_action(app *a, action act)
{
    switch (act) {
    case ACT_VIEW_ARTICLES: app_switch(a, VIEW_ARTICLES); return true;
    case ACT_VIEW_ENTITIES: app_switch(a, VIEW_ENTITIES); return true;
    case ACT_VIEW_CLAIMS: app_switch(a, VIEW_CLAIMS); return true;
    case ACT_VIEW_XREF: app_switch(a, VIEW_XREF); return true;
    case ACT_HELP:
        if (app_current(a) != VIEW_HELP)
            app_open(a, VIEW_HELP);
        return true;
    case ACT_BACK: app_back(a); return true;
    case ACT_QUIT: a->quit = true; return true;
    case ACT_SEARCH: open_prompt(a, '/'); return true;
    case ACT_FILTER: open_prompt(a, 'f'); return true;
    case ACT_COMMAND: open_prompt(a, ':'); return true;
    case ACT_NEXT_HIT: search_step(a, 1); return true;
    case ACT_PREV_HIT: search_step(a, -1); return true;
    case ACT_REDRAW: clearok(curscr, TRUE); return true;
    default: return false;
    }
}

static void handle_key(app *a, wint_t ch, bool is_fn)
{
    if (a->pr.active) {
        prompt_input(a, ch, is_fn);
        return;
    }
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {   /* only quitting makes sense */
        action acts[4];
        size_t n = keymap_lookup(&a->cfg.keys, (keycode){(uint32_t)ch, is_fn}, acts, 4);
        for (size_t i = 0; i < n; i++)
            if (acts[i] == ACT_QUIT || acts[i] == ACT_BACK)
                a->quit = true;
        return;
    }
    a->status[0] = '\0';
    action acts[4];
    size_t n = keymap_lookup(&a->cfg.keys, (keycode){(uint32_t)ch, is_fn}, acts, 4);
    /* Esc goes back but never quits: a stray Esc (or the start of an Alt
     * key) at the top level should not end the session. */
    if (!is_fn && ch == 27 && a->depth == 1 && n && acts[0] == ACT_BACK) {
        app_message(a, "q quits");
        return;
    }
    const view_ops *ops = app_ops(app_current(a));
    for (size_t i = 0; i < n; i++)
        if (ops->key(a, acts[i]))
            return;
    for (size_t i = 0; i < n; i++)
        if (global_action(a, acts[i]))
            return;
    char name[32];
    key_label((keycode){(uint32_t)ch, is_fn}, name, sizeof name);
    if (n)
        app_message(a, "%s does nothing in %s", name, ops->name);
    else
        app_message(a, "%s is not bound to anything (? lists the keys)", name);
}

/* ---- start and stop -------------------------------------------------------------- */

static void restore_terminal(void)
{
    if (!isendwin())
        endwin();
}

static void load_settings(app *a)
{
    config_init(&a->cfg);
    char path[4096], shown[4096];
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    bool ok = config_path(path, sizeof path);
    /* messages name the file as ~/... when it is under the home directory */
    if (ok && hl > 1 && !strncmp(path, home, hl) && path[hl] == '/')
        snprintf(shown, sizeof shown, "~%s", path + hl);
    else
        snprintf(shown, sizeof shown, "%s", path);
    if (ok && config_load(&a->cfg, path, shown) > 0)
        app_error(a, "%s%s", a->cfg.errors[0],
                  a->cfg.n_bad > 1 ? " (and more lines; the rest applies)" : "");
    a->dopts.ambiguous_wide = a->cfg.ambiguous_wide;
    if (!state_path("history", a->hist_path, sizeof a->hist_path))
        a->hist_path[0] = '\0';
    if (a->hist_path[0])
        history_load(&a->hist, a->hist_path);
}

static void free_app(app *a)
{
    for (int v = 0; v < VIEW__COUNT; v++)
        rows_free(&a->lists[v].rows);
    free(a->rd.layout.starts);
    free(a->mlist);
    search_clear(a);
    history_free(&a->hist);
    config_free(&a->cfg);
}

/* Follow the loader: new phase, progress text. True if a redraw is due. */
static bool poll_loader(app *a)
{
    int ph = loader_phase(a->ld);
    bool changed = false;
    if (ph != a->phase) {
        a->phase = ph;
        if (ph == PHASE_READY)
            a->data = loader_data(a->ld);
        for (int v = 0; v < VIEW__COUNT; v++)
            a->lists[v].built = false;
        a->rd.layout.valid = false;
        changed = true;
    }
    if (ph != PHASE_READY) {
        char buf[sizeof a->progress];
        loader_progress(a->ld, buf, sizeof buf);
        if (strcmp(buf, a->progress)) {
            memcpy(a->progress, buf, sizeof buf);
            changed = true;
        }
    }
    return changed;
}

static int run(app *a, const tui_source *src)
{
    a->stack[0] = (frame){.v = VIEW_ARTICLES};
    a->depth = 1;
    a->xref_relation = -1;
    a->rd.claim = -1;
    load_settings(a);

    cr_error e;
    cr_error_clear(&e);
    a->ld = loader_start(src, &e);
    if (!a->ld) {
        free_app(a);
        char buf[1200];
        cr_error_format(&e, buf, sizeof buf);
        fputs("crossread: ", stderr);   /* file names may hold controls */
        escape_text(stderr, buf, strlen(buf), false);
        fputc('\n', stderr);
        return 2;
    }
    a->c = loader_corpus(a->ld);
    a->phase = -1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    atexit(restore_terminal);   /* any exit path restores the terminal */

    tty_guard_save();
    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    setup_colors(a);
    tty_guard_arm();            /* faults restore the terminal too */

    poll_loader(a);
    draw_all(a);
    while (!a->quit && !pending_signal) {
        timeout(a->phase == PHASE_READY ? 250 : 20);
        wint_t ch;
        int r = get_wch(&ch);
        bool redraw = poll_loader(a);
        if (a->phase == PHASE_FAILED)
            break;
        if (r != ERR) {
            bool is_fn = r == KEY_CODE_YES;
            if (!(is_fn && ch == KEY_RESIZE))
                handle_key(a, ch, is_fn);
            redraw = true;
        }
        if (redraw && !a->quit && !pending_signal)
            draw_all(a);
    }
    endwin();
    tty_guard_disarm();
    if (pending_signal) {
        /* Terminal is restored; die of the signal as the shell expects. */
        signal(pending_signal, SIG_DFL);
        raise(pending_signal);
    }
    int status = a->exit_status;
    if (a->phase == PHASE_FAILED) {
        char buf[1200];
        cr_error_format(loader_error(a->ld), buf, sizeof buf);
        fputs("crossread: ", stderr);   /* file names may hold controls */
        escape_text(stderr, buf, strlen(buf), false);
        fputc('\n', stderr);
        status = 2;
    }
    free_app(a);
    loader_stop(a->ld);
    return status;
}

int app_run(const tui_source *src)
{
    app *ap = calloc(1, sizeof *ap);   /* large: prompt and filter buffers */
    if (!ap) {
        fputs("crossread: out of memory\n", stderr);
        return 2;
    }
    int status = run(ap, src);
    free(ap);
    return status;
}
