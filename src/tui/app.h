/* app.h — the explorer's state and the view interface.
 *
 * struct app is the TUI's only mutable state (no globals besides the signal
 * flag in app.c). Each view lives in its own file and exposes a view_ops
 * table; the app keeps a stack of open views so Enter opens and q/Esc goes
 * back. Views draw only through draw.h and never see raw keys: the keymap
 * (keys.h) turns keys into actions.
 *
 * The corpus loads on a background thread (loader.h): until the phase is
 * READY, views show what is already there (the article list, raw text)
 * and say that the rest is loading.
 */
#ifndef CR_APP_H
#define CR_APP_H
#define CR_DRAW_CURSES 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "claims.h"
#include "config.h"
#include "corpus.h"
#include "draw.h"
#include "history.h"
#include "keys.h"
#include "loader.h"
#include "prompt.h"
#include "rows.h"
#include "search.h"

enum view_id {
    VIEW_ARTICLES, VIEW_ENTITIES, VIEW_CLAIMS, VIEW_XREF, VIEW_READER,
    VIEW_HELP, VIEW_MENTIONS, VIEW__COUNT
};

struct app;
typedef struct view_ops {
    const char *name;                          /* shown in the status bar */
    void (*draw)(struct app *a, int top, int rows);
    /* Handle an action; return true if consumed. */
    bool (*key)(struct app *a, action act);
    /* List views: rebuild a->lists[v].rows (filter, data); may be NULL. */
    void (*build)(struct app *a);
} view_ops;

/* A list view's rows and its filter (f). */
typedef struct list_view {
    rowlist rows;
    char filter[PROMPT_MAX];
    bool built;                 /* rows match the filter and the data */
} list_view;

/* A saved place on the view stack, so q goes back to where one was. */
typedef struct frame {
    enum view_id v;
    size_t doc;
    uint32_t top;
    int32_t claim;
} frame;

typedef struct reader_state {
    size_t doc;
    uint32_t top;               /* byte offset of the top line */
    bool raw;                   /* raw file instead of cleaned text */
    uint32_t mark_start, mark_end;   /* jump target; mark_end == 0: none */
    int32_t claim;              /* current claim, -1: none */
    bool center;                /* next draw: bring `top` a third down */
    bool pane;                  /* focus in the cross-references pane */
    size_t pane_sel;
    struct {                    /* wrapped line starts, by width */
        uint32_t *starts;
        size_t n, cap;
        int width;
        size_t doc;
        bool raw, amb, valid;
    } layout;
} reader_state;

typedef struct search_state {
    char pattern[PROMPT_MAX];   /* as typed (re: prefix for a regex) */
    search_hits hits;
    bool active;                /* hits belong to pattern */
    size_t cur;                 /* index of the current hit */
} search_state;

typedef struct app {
    loader *ld;
    corpus *c;
    const tui_data *data;       /* NULL until READY */
    int phase;
    tui_config cfg;
    draw_opts dopts;
    bool color;
    bool quit;
    int exit_status;

    frame stack[32];
    int depth;                  /* stack[depth-1] is the current view */
    list_view lists[VIEW__COUNT];

    size_t doc;                 /* current document */
    size_t group;               /* Mentions view: index into data->groups */
    mref *mlist;                /* Mentions view: its mentions, in order */
    size_t n_mlist, cap_mlist;
    int xref_relation;          /* Cross-references filter: -1 all */
    int xref_side;              /* focused column: 0 left, 1 right */
    reader_state rd;
    search_state sr;
    prompt pr;
    enum view_id filter_view;   /* the view a filter prompt applies to */
    char filter_before[PROMPT_MAX];
    char search_before[PROMPT_MAX];
    char progress[128];         /* last loader progress drawn */

    history hist;
    char hist_path[4096];       /* "" when there is no home */

    char status[512];           /* transient message on the status bar */
    bool status_error;
} app;

extern const view_ops view_articles_ops, view_reader_ops, view_help_ops,
    view_entities_ops, view_claims_ops, view_xref_ops, view_mentions_ops;

/* ---- app.c ---------------------------------------------------------------- */
/* Entry point used by cmd_tui: runs until quit; returns the exit status
 * (0 on q, 2 when loading failed; a terminating signal is re-raised after
 * the terminal is restored). */
int app_run(const tui_source *src);
const view_ops *app_ops(enum view_id v);
void app_open(app *a, enum view_id v);     /* push */
void app_back(app *a);                     /* pop; quits at the top level */
void app_switch(app *a, enum view_id v);   /* replace the whole stack */
enum view_id app_current(const app *a);
void app_message(app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_error(app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int app_view_rows(const app *a);           /* rows the current view has */
short app_pair(const app *a, int pair);    /* 0 without colour */
/* Show a document in the reader at [start, end) (highlighted), pushing the
 * reader unless it is already the current view. */
void app_goto(app *a, size_t doc, uint32_t start, uint32_t end);
/* A document's title: the manifest's, else the cleaned title line (when
 * ready), else its id; *n gets the length in bytes. */
const char *app_doc_title(const app *a, const doc *d, size_t *n);
/* The figures of a claim (none when cl is NULL) as they are written,
 * "5.4億美元, 70萬美元", cut to fit buf[size] at a whole figure. Article
 * text: the caller draws it through the escaping put. */
void app_claim_figures(const doc *d, const claim *cl, char *buf, size_t size);
/* "loading: analysing 12/40" while the corpus is not ready; true if so. */
bool app_loading_note(app *a, int y, const char *what);

/* Shared list behaviour: draw visible rows with draw_row; move on actions. */
typedef void (*row_drawer)(app *a, const row *r, int y, bool selected);
void list_draw(app *a, enum view_id v, int top, int rows, const char *title, row_drawer fn);
bool list_key(app *a, enum view_id v, action act, int rows);
/* Fold a filter for filter_match (fold.h keys), into out. */
void filter_fold(const char *in, char *out, size_t cap);
/* Does text s (not folded) contain the folded filter? Empty: yes. */
bool filter_match(const char *folded_filter, const char *s, size_t n);

/* Draw helpers over draw.h. */
void fill_line(app *a, int y, attr_t attr, short pair);
int put(app *a, int y, int x, int maxw, const char *s, attr_t attr, short pair);
int putn(app *a, int y, int x, int maxw, const char *s, size_t n, attr_t attr, short pair);

/* ---- search_ui.c ----------------------------------------------------------- */
/* Run the search for pattern (incremental: each keystroke); false on error
 * (message set). */
bool search_update(app *a, const char *pattern);
/* Go to the next (dir 1) or previous (-1) hit from the current place. */
void search_step(app *a, int dir);
void search_clear(app *a);
/* Claims whose text contains filter (folded, as a keyword search): one
 * byte per global claim number (tui_data.claim_base), malloc'd; NULL when
 * the filter is empty or the corpus not ready. One search over the folded
 * index, so filtering 300,000 cross-references stays interactive. */
uint8_t *search_claims(app *a, const char *filter);
/* Hits of document di: pointer into a->sr.hits and count. */
const search_hit *search_doc_hits(const app *a, size_t di, size_t *n);

/* ---- command.c ------------------------------------------------------------- */
void command_run(app *a, const char *line);

#endif
