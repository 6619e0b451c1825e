/* view_mentions.c — every mention of one entity (or money amount), by
 * article, each in its context; Enter shows it in the reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "entities.h"

static bool add(app *a, uint32_t di, uint32_t mi)
{
    if (a->n_mlist == a->cap_mlist) {
        size_t ncap = a->cap_mlist ? a->cap_mlist * 2 : 256;
        mref *p = realloc(a->mlist, ncap * sizeof *p);
        if (!p)
            return false;
        a->mlist = p;
        a->cap_mlist = ncap;
    }
    a->mlist[a->n_mlist++] = (mref){di, mi};
    return true;
}

static void collect(app *a, const group *g)
{
    a->n_mlist = 0;
    if (g->entity < 0) {
        for (uint32_t r = g->first_ref; r < g->first_ref + g->n_refs; r++)
            add(a, a->data->refs[r].doc, a->data->refs[r].mention);
        return;
    }
    const entity *en = &a->c->entities[g->entity];
    for (size_t k = 0; k < en->n_docs; k++) {
        size_t di = en->docs[k].doc;   /* the documents that mention it */
        const doc *d = a->c->docs[di];
        for (size_t i = 0; i < d->n_mentions; i++)
            if (d->mentions[i].entity == g->entity)
                add(a, (uint32_t)di, (uint32_t)i);
    }
}

/* The paragraph around a mention: [*ps, *pe). */
static void paragraph(const doc *d, const mention *m, uint32_t *ps, uint32_t *pe)
{
    uint32_t s = m->start, e = m->end;
    while (s > 0 && d->text[s - 1] != '\n')
        s--;
    while (e < d->text_len && d->text[e] != '\n')
        e++;
    *ps = s;
    *pe = e;
}

static void build(app *a)
{
    list_view *lv = &a->lists[VIEW_MENTIONS];
    const row *cur = rows_current(&lv->rows);
    uint32_t keep = cur ? cur->item : 0;
    rows_reset(&lv->rows);
    if (!a->data || a->group >= a->data->n_groups)
        return;
    collect(a, &a->data->groups[a->group]);
    char ff[PROMPT_MAX * 2];
    filter_fold(lv->filter, ff, sizeof ff);
    uint32_t last_doc = UINT32_MAX;
    for (size_t i = 0; i < a->n_mlist; i++) {
        const doc *d = a->c->docs[a->mlist[i].doc];
        if (ff[0]) {
            const mention *m = &d->mentions[a->mlist[i].mention];
            uint32_t ps, pe;
            paragraph(d, m, &ps, &pe);
            if (!filter_match(ff, d->id, strlen(d->id)) &&
                !filter_match(ff, d->text + ps, pe - ps))
                continue;
        }
        if (a->mlist[i].doc != last_doc) {
            rows_push(&lv->rows, ROW_HEADING, a->mlist[i].doc, 0, 0);
            last_doc = a->mlist[i].doc;
        }
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, 0, 0);
    }
    if (cur)
        rows_select_item(&lv->rows, keep);
}

static void draw_row(app *a, const row *r, int y, bool sel)
{
    if (r->kind == ROW_HEADING) {
        const doc *d = a->c->docs[r->item];
        fill_line(a, y, A_NORMAL, 0);
        char h[640];
        size_t tn;
        const char *t = app_doc_title(a, d, &tn);
        snprintf(h, sizeof h, "%s — %.*s", d->id, (int)(tn > 400 ? 400 : tn), t);
        put(a, y, 1, COLS - 2, h, A_BOLD, app_pair(a, PAIR_HEADING));
        return;
    }
    const mref *ref = &a->mlist[r->item];
    const doc *d = a->c->docs[ref->doc];
    const mention *m = &d->mentions[ref->mention];
    attr_t rev = sel ? A_REVERSE : A_NORMAL;
    fill_line(a, y, rev, 0);
    uint32_t ps, pe;
    paragraph(d, m, &ps, &pe);
    /* the mention about a third of the way in, cut by display width */
    int width = COLS - 4;
    int mw = draw_text_width(d->text + m->start, m->end - m->start, &a->dopts);
    int left = (width - mw) / 3;
    if (left < 0)
        left = 0;
    size_t bstart;
    int bw = draw_fit_tail(d->text + ps, m->start - ps, left, &a->dopts, &bstart);
    int x = 2 + (left - bw);
    x += putn(a, y, x, COLS - x, d->text + ps + bstart, m->start - ps - bstart, rev, 0);
    short pr = 0;
    if (!sel) {
        static const short pairs[] = {PAIR_PERSON, PAIR_COMPANY, PAIR_PRODUCT};
        pr = app_pair(a, m->type < 3 ? pairs[m->type] : PAIR_FIGURE);
    }
    x += putn(a, y, x, COLS - x, d->text + m->start, m->end - m->start, rev | A_BOLD, pr);
    putn(a, y, x, COLS - x - 1, d->text + m->end, pe - m->end, rev, 0);
}

static void draw(app *a, int top, int rows)
{
    char title[512];
    const group *g = a->data && a->group < a->data->n_groups ? &a->data->groups[a->group] : NULL;
    snprintf(title, sizeof title, "Mentions of %s (%u) — Enter shows it in the reader",
             g ? g->name : "?", g ? g->total : 0);
    list_draw(a, VIEW_MENTIONS, top, rows, title, draw_row);
    const row *r = rows_current(&a->lists[VIEW_MENTIONS].rows);
    if (r && r->item < a->n_mlist)
        a->doc = a->mlist[r->item].doc;
}

static bool key(app *a, action act)
{
    if (list_key(a, VIEW_MENTIONS, act, app_view_rows(a)))
        return true;
    const row *r = rows_current(&a->lists[VIEW_MENTIONS].rows);
    if (act == ACT_OPEN && r && r->item < a->n_mlist) {
        const mref *ref = &a->mlist[r->item];
        const mention *m = &a->c->docs[ref->doc]->mentions[ref->mention];
        app_goto(a, ref->doc, m->start, m->end);
        return true;
    }
    return false;
}

const view_ops view_mentions_ops = {"Mentions", draw, key, build};
