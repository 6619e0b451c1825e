/* view_articles.c — every document with its metadata and counts. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "entities.h"

static void count(const doc *d, int counts[MENTION__COUNT])
{
    memset(counts, 0, sizeof(int) * MENTION__COUNT);
    for (size_t i = 0; i < d->n_mentions; i++)
        if (d->mentions[i].type < MENTION__COUNT)
            counts[d->mentions[i].type]++;
}

static void draw(app *a, int top, int rows)
{
    list_state *l = &a->lists[VIEW_ARTICLES];
    l->count = (int)a->c->n_docs;
    int per = 3;                 /* lines per article */
    int visible = (rows - 1) / per;
    list_clamp(l, visible);
    const char *head = "Articles — Enter opens the reader; 2 entities, 3 claims, 4 cross-references";
    draw_text(stdscr, top, 0, COLS, head, strlen(head), A_BOLD, 0, &a->dopts);
    for (int i = 0; i < visible && l->top + i < l->count; i++) {
        const doc *d = a->c->docs[l->top + i];
        int y = top + 1 + i * per;
        bool sel = l->top + i == l->sel;
        attr_t at = sel ? A_REVERSE : A_NORMAL;
        const char *title = d->text ? d->text + d->title_span.start : d->title;
        size_t tlen = d->text ? d->title_span.end - d->title_span.start : strlen(d->title);
        if (tlen == 0) { title = d->title; tlen = strlen(title); }
        mvhline(y, 0, ' ', COLS);
        if (sel) { wattr_set(stdscr, A_REVERSE, 0, NULL); mvhline(y, 0, ' ', COLS); wattr_set(stdscr, A_NORMAL, 0, NULL); }
        int x = draw_text(stdscr, y, 1, COLS - 2, title, tlen, at | A_BOLD,
                          a->color ? PAIR_TITLE : 0, &a->dopts);
        (void)x;
        int counts[MENTION__COUNT];
        count(d, counts);
        char meta[512];
        snprintf(meta, sizeof meta, "  %s · %s · %s · %s · %d people, %d companies, %d products, %d figures, %zu claims",
                 d->id, d->outlet[0] ? d->outlet : "outlet unknown",
                 d->date[0] ? d->date : "date unknown",
                 d->script[0] ? d->script : "script unknown", counts[MENTION_PERSON],
                 counts[MENTION_COMPANY], counts[MENTION_PRODUCT],
                 counts[MENTION_MONEY] + counts[MENTION_PERCENT] + counts[MENTION_COUNT],
                 d->n_claims);
        draw_text(stdscr, y + 1, 0, COLS, meta, strlen(meta), A_DIM, 0, &a->dopts);
    }
}

static bool key(app *a, wint_t ch, bool is_key)
{
    list_state *l = &a->lists[VIEW_ARTICLES];
    if (list_key(l, ch, is_key, (LINES - 2) / 3))
        return true;
    if ((!is_key && (ch == L'\n' || ch == L'\r')) || (is_key && ch == KEY_ENTER)) {
        if (l->count > 0) {
            a->doc = (size_t)l->sel;
            a->reader_off = 0;
            a->reader_mark = UINT32_MAX;
            app_open(a, VIEW_READER);
        }
        return true;
    }
    return false;
}

const view_ops view_articles_ops = {"Articles", draw, key};
