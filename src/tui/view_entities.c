/* view_entities.c — people, companies, products and money amounts, grouped
 * by type, most mentioned first: each with its mention count per article
 * and its aliases. Enter lists the mentions (view_mentions.c); Tab jumps
 * to the next group. Money has no entities: equal amounts in one currency
 * form a group, their spellings its aliases (loader.c). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "entities.h"

static const char *type_heading(int type)
{
    switch (type) {
    case MENTION_PERSON: return "People";
    case MENTION_COMPANY: return "Companies";
    case MENTION_PRODUCT: return "Products";
    case MENTION_MONEY: return "Money";
    default: return "Other";
    }
}

static short type_pair(const app *a, int type)
{
    switch (type) {
    case MENTION_PERSON: return app_pair(a, PAIR_PERSON);
    case MENTION_COMPANY: return app_pair(a, PAIR_COMPANY);
    case MENTION_PRODUCT: return app_pair(a, PAIR_PRODUCT);
    default: return app_pair(a, PAIR_FIGURE);
    }
}

static void build(app *a)
{
    list_view *lv = &a->lists[VIEW_ENTITIES];
    const row *cur = rows_current(&lv->rows);
    uint32_t keep = cur ? cur->item : 0;
    rows_reset(&lv->rows);
    if (!a->data)
        return;
    char ff[PROMPT_MAX * 2];
    filter_fold(lv->filter, ff, sizeof ff);
    int last_type = -1;
    size_t heading = 0;
    for (size_t i = 0; i < a->data->n_groups; i++) {
        const group *g = &a->data->groups[i];
        if (ff[0] && !strstr(g->fold, ff))
            continue;
        if (g->type != last_type) {
            heading = lv->rows.n;
            rows_push(&lv->rows, ROW_HEADING, 0, 0, g->type);
            last_type = g->type;
        }
        lv->rows.v[heading].item++;     /* the heading counts its groups */
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, 0, g->type);
        if (g->n_aliases)
            rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, 1, g->type);
    }
    if (cur)
        rows_select_item(&lv->rows, keep);
}

/* "jiemian-000 8, ithome-003 4" for the articles that mention group g. */
static void per_article(const app *a, const group *g, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    const corpus *c = a->c;
    for (size_t di = 0, r = g->first_ref; di < c->n_docs && o + 1 < size; di++) {
        uint32_t n = 0;
        if (g->entity >= 0) {
            n = entity_mentions_in(&c->entities[g->entity], di);
        } else {
            while (r < g->first_ref + g->n_refs && a->data->refs[r].doc < di)
                r++;
            while (r < g->first_ref + g->n_refs && a->data->refs[r].doc == di) {
                n++;
                r++;
            }
        }
        if (!n)
            continue;
        int w = snprintf(buf + o, size - o, "%s%s %u", o ? ", " : "", c->docs[di]->id, n);
        if (w < 0 || (size_t)w >= size - o)
            break;
        o += (size_t)w;
    }
}

static void draw_row(app *a, const row *r, int y, bool sel)
{
    if (r->kind == ROW_HEADING) {
        fill_line(a, y, A_NORMAL, 0);
        char h[96];
        snprintf(h, sizeof h, "%s (%u)", type_heading(r->tag), r->item);
        put(a, y, 1, COLS - 2, h, A_BOLD | A_UNDERLINE, type_pair(a, r->tag));
        return;
    }
    const group *g = &a->data->groups[r->item];
    attr_t rev = sel ? A_REVERSE : A_NORMAL;
    fill_line(a, y, rev, 0);
    if (r->line == 0) {
        int x = 3;
        x += put(a, y, x, COLS - x - 1, g->name, rev | A_BOLD, sel ? 0 : type_pair(a, g->type));
        char counts[2048];
        int n = snprintf(counts, sizeof counts, "  %u mention%s in %u article%s: ", g->total,
                         g->total == 1 ? "" : "s", g->n_docs, g->n_docs == 1 ? "" : "s");
        if (n > 0 && (size_t)n < sizeof counts)
            per_article(a, g, counts + n, sizeof counts - (size_t)n);
        put(a, y, x, COLS - x - 1, counts, rev, 0);
    } else {
        char al[2048];
        size_t o = (size_t)snprintf(al, sizeof al, "also: ");
        for (size_t i = 0; i < g->n_aliases && o + 1 < sizeof al; i++) {
            int w = snprintf(al + o, sizeof al - o, "%s%s", i ? ", " : "", g->aliases[i]);
            if (w < 0 || (size_t)w >= sizeof al - o)
                break;
            o += (size_t)w;
        }
        put(a, y, 6, COLS - 7, al, rev | (sel ? 0 : A_DIM), 0);
    }
}

static void draw(app *a, int top, int rows)
{
    size_t n = a->data ? a->data->n_groups : 0;
    char title[160];
    snprintf(title, sizeof title, "Entities (%zu) — Enter lists the mentions; Tab next type; "
                                  "f filters", n);
    list_draw(a, VIEW_ENTITIES, top, rows, title, draw_row);
    app_loading_note(a, top + 2, "entities");
}

static bool key(app *a, action act)
{
    list_view *lv = &a->lists[VIEW_ENTITIES];
    if (list_key(a, VIEW_ENTITIES, act, app_view_rows(a)))
        return true;
    const row *r = rows_current(&lv->rows);
    if (act == ACT_OPEN && r) {
        a->group = r->item;
        a->lists[VIEW_MENTIONS].built = false;
        a->lists[VIEW_MENTIONS].filter[0] = '\0';
        rows_reset(&a->lists[VIEW_MENTIONS].rows);
        app_open(a, VIEW_MENTIONS);
        return true;
    }
    if (act == ACT_PANE && r) {     /* next type group, wrapping around */
        int type = r->tag;
        size_t i = lv->rows.sel;
        while (i < lv->rows.n && lv->rows.v[i].tag == type)
            i++;
        rows_jump_to_group(&lv->rows, i, app_view_rows(a) - 1);
        return true;
    }
    return false;
}

const view_ops view_entities_ops = {"Entities", draw, key, build};
