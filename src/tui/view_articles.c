/* view_articles.c — every document with title, outlet, date, script and
 * counts of people, companies, products, figures and claims. Enter opens
 * the reader. The list is there as soon as the files are listed; the
 * counts follow when the corpus is analysed. */
#include <stdio.h>
#include <string.h>

#include "app.h"

static bool matches(const app *a, const doc *d, const char *ff)
{
    size_t tn;
    const char *t = app_doc_title(a, d, &tn);
    const char *fields[] = {d->id, d->outlet, d->date, d->script, d->path};
    if (filter_match(ff, t, tn))
        return true;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] && filter_match(ff, fields[i], strlen(fields[i])))
            return true;
    return false;
}

static void build(app *a)
{
    list_view *lv = &a->lists[VIEW_ARTICLES];
    size_t keep = rows_current(&lv->rows) ? rows_current(&lv->rows)->item : a->doc;
    rows_reset(&lv->rows);
    if (a->phase < PHASE_LISTED || a->phase == PHASE_FAILED)
        return;
    char ff[PROMPT_MAX * 2];
    filter_fold(lv->filter, ff, sizeof ff);
    for (size_t i = 0; i < a->c->n_docs; i++) {
        if (!matches(a, a->c->docs[i], ff))
            continue;
        for (uint16_t line = 0; line < 4; line++)   /* title, metadata, counts, gap */
            rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, line, 0);
    }
    rows_select_item(&lv->rows, (uint32_t)keep);
}

static void draw_row(app *a, const row *r, int y, bool sel)
{
    const doc *d = a->c->docs[r->item];
    attr_t rev = sel && r->line < 3 ? A_REVERSE : A_NORMAL;
    fill_line(a, y, rev, 0);
    if (r->line == 0) {
        size_t tn;
        const char *t = app_doc_title(a, d, &tn);
        putn(a, y, 1, COLS - 2, t, tn, rev | A_BOLD, sel ? 0 : app_pair(a, PAIR_TITLE));
    } else if (r->line == 1) {
        char meta[512];
        snprintf(meta, sizeof meta, "%s · %s · %s · %s", d->id,
                 d->outlet && d->outlet[0] ? d->outlet : "outlet unknown",
                 d->date && d->date[0] ? d->date : "date unknown",
                 d->script && d->script[0] ? d->script : "script unknown");
        put(a, y, 3, COLS - 4, meta, rev | (sel ? 0 : A_DIM), 0);
    } else if (r->line == 2) {
        char counts[256];
        if (a->data) {
            const doc_counts *k = &a->data->counts[r->item];
            snprintf(counts, sizeof counts,
                     "%u people, %u companies, %u products, %u figures, %zu claims",
                     k->people, k->companies, k->products, k->figures, d->n_claims);
        } else {
            snprintf(counts, sizeof counts, "counting…");
        }
        put(a, y, 3, COLS - 4, counts, rev | (sel ? 0 : A_DIM), 0);
    }
}

static void draw(app *a, int top, int rows)
{
    char title[128];
    size_t n = a->phase >= PHASE_LISTED && a->phase != PHASE_FAILED ? a->c->n_docs : 0;
    snprintf(title, sizeof title, "Articles (%zu) — Enter reads; 2 entities, 3 claims, "
                                  "4 cross-references", n);
    list_draw(a, VIEW_ARTICLES, top, rows, title, draw_row);
    const row *r = rows_current(&a->lists[VIEW_ARTICLES].rows);
    if (r)
        a->doc = r->item;
    if (a->phase < PHASE_LISTED)
        put(a, top + 2, 2, COLS - 4, "Reading the file list…", A_DIM, 0);
}

static bool key(app *a, action act)
{
    if (list_key(a, VIEW_ARTICLES, act, app_view_rows(a)))
        return true;
    if (act == ACT_OPEN) {
        const row *r = rows_current(&a->lists[VIEW_ARTICLES].rows);
        if (r)
            app_goto(a, r->item, 0, 0);
        a->rd.mark_end = 0;
        a->rd.center = false;
        a->rd.claim = -1;
        return true;
    }
    return false;
}

const view_ops view_articles_ops = {"Articles", draw, key, build};
