/* app.h — the explorer's state and the view interface.
 *
 * struct app is the TUI's only mutable state (no globals besides the signal
 * flag). Each view lives in its own file and exposes a view_ops table; the
 * app keeps a stack of open views so Enter opens and q/Esc goes back.
 * Views draw only through draw.h.
 */
#ifndef CR_APP_H
#define CR_APP_H
#define CR_DRAW_CURSES 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "draw.h"

enum view_id {
    VIEW_ARTICLES, VIEW_ENTITIES, VIEW_CLAIMS, VIEW_XREF, VIEW_READER,
    VIEW_HELP, VIEW_MENTIONS, VIEW__COUNT
};

/* Colour pairs (see app_colors). */
enum {
    PAIR_STATUS = 1, PAIR_TITLE, PAIR_PERSON, PAIR_COMPANY, PAIR_PRODUCT,
    PAIR_FIGURE, PAIR_DAMAGE, PAIR_SAME, PAIR_DIFFERS, PAIR_RELATED,
    PAIR_ONLY, PAIR_HIT, PAIR_SELECT,
};

struct app;
typedef struct view_ops {
    const char *name;                          /* shown in the status bar */
    void (*draw)(struct app *a, int top, int rows);
    /* Handle a key; return true if consumed. is_key: a KEY_* code. */
    bool (*key)(struct app *a, wint_t ch, bool is_key);
} view_ops;

/* A list cursor shared by list views. */
typedef struct list_state {
    int sel, top, count;
} list_state;

typedef struct app {
    corpus *c;
    draw_opts dopts;
    bool color;
    bool quit;
    int exit_status;

    enum view_id stack[16];
    int depth;                 /* stack[depth-1] is the current view */
    list_state lists[VIEW__COUNT];

    size_t doc;                /* current document (reader, claims) */
    uint32_t reader_off;       /* byte offset at the reader's top line */
    uint32_t reader_mark;      /* offset to highlight (jump target) */
    bool reader_raw;           /* show raw instead of cleaned text */
    size_t entity;             /* current entity (mentions view) */

    /* Reader layout cache: start offsets of wrapped lines. */
    struct {
        uint32_t *starts;
        size_t n, cap;
        int width;
        size_t doc;
        bool raw;
        bool valid;
    } layout;

    char status[256];          /* transient message on the status bar */
} app;

extern const view_ops view_articles_ops, view_reader_ops, view_help_ops,
    view_entities_ops, view_claims_ops, view_xref_ops, view_mentions_ops;

void app_open(app *a, enum view_id v);     /* push */
void app_back(app *a);                     /* pop; quits at the top level */
void app_switch(app *a, enum view_id v);   /* replace the whole stack */
enum view_id app_current(const app *a);
void app_message(app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Move a list cursor for j/k/arrows/PgUp/PgDn/g/G/Space/b; true if handled. */
bool list_key(list_state *l, wint_t ch, bool is_key, int rows);
/* Keep sel visible in rows lines. */
void list_clamp(list_state *l, int rows);

/* Entry point used by cmd_tui: runs until quit; returns the exit status. */
int app_run(corpus *c, const draw_opts *o);

#endif
