/* view_claims.c — per article, each claim with its figures and its
 * attribution; Enter shows the claim in the reader, Tab jumps to the next
 * article. Items are global claim numbers (tui_data.claim_base). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "claims.h"
#include "entities.h"
#include "figures.h"

static size_t doc_of(const app *a, uint32_t g)
{
    size_t lo = 0, hi = a->c->n_docs;   /* last doc with claim_base <= g */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (a->data->claim_base[mid] <= g) lo = mid; else hi = mid;
    }
    return lo;
}

/* "figures: 5.4億美元 (540000000 USD), 70萬美元 · source: 外媒X (Y)". */
static void details(const app *a, const doc *d, const claim *cl, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
#define ADD(...)                                                              \
    do {                                                                      \
        int w_ = snprintf(buf + o, size - o, __VA_ARGS__);                    \
        if (w_ < 0 || (size_t)w_ >= size - o) return;                         \
        o += (size_t)w_;                                                      \
    } while (0)
    int nf = 0;
    for (size_t i = 0; i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type < MENTION_MONEY)
            continue;
        ADD("%s%.*s", nf++ ? ", " : "figures: ", (int)(m->end - m->start), d->text + m->start);
        if (m->type != MENTION_DATE && !m->value.overflow) {
            char v[64];
            decimal_format(&m->value, v, sizeof v);
            ADD(" (%s %s%s%s)", mention_type_name(m->type), v,
                m->type == MENTION_MONEY && m->currency[0] ? " " : "",
                m->type == MENTION_MONEY ? m->currency : "");
        }
    }
    size_t slen;
    const char *stext = claim_source_text(d, cl, &slen);
    const char *sname = cl->source_entity >= 0 && (size_t)cl->source_entity < a->c->n_entities
                            ? a->c->entities[cl->source_entity].name
                            : NULL;
    if (stext || sname) {
        ADD("%ssource: ", o ? " · " : "");
        if (stext)
            ADD("%.*s", (int)slen, stext);
        if (sname && (!stext || strncmp(stext, sname, slen)))
            ADD(stext ? " (%s)" : "%s", sname);
    }
#undef ADD
}

static void build(app *a)
{
    list_view *lv = &a->lists[VIEW_CLAIMS];
    const row *cur = rows_current(&lv->rows);
    bool had = cur != NULL;
    uint32_t keep = cur ? cur->item : 0;
    rows_reset(&lv->rows);
    if (!a->data)
        return;
    char ff[PROMPT_MAX * 2];
    filter_fold(lv->filter, ff, sizeof ff);
    uint8_t *bits = search_claims(a, lv->filter);
    char det[1024];
    for (size_t di = 0; di < a->c->n_docs; di++) {
        const doc *d = a->c->docs[di];
        bool id_match = ff[0] && filter_match(ff, d->id, strlen(d->id));
        bool head = false;
        for (size_t ci = 0; ci < d->n_claims; ci++) {
            const claim *cl = &d->claims[ci];
            uint32_t g = a->data->claim_base[di] + (uint32_t)ci;
            if (ff[0] && !id_match && !(bits && bits[g]))
                continue;
            if (!head) {
                rows_push(&lv->rows, ROW_HEADING, (uint32_t)di, 0, 0);
                head = true;
            }
            rows_push(&lv->rows, ROW_ITEM, g, 0, 0);
            details(a, d, cl, det, sizeof det);
            if (det[0])
                rows_push(&lv->rows, ROW_ITEM, g, 1, 0);
        }
    }
    free(bits);
    if (had)
        rows_select_item(&lv->rows, keep);
    else if (a->doc < a->c->n_docs && a->c->docs[a->doc]->n_claims)   /* the current article */
        rows_select_item(&lv->rows, a->data->claim_base[a->doc]);
}

static void draw_row(app *a, const row *r, int y, bool sel)
{
    if (r->kind == ROW_HEADING) {
        const doc *d = a->c->docs[r->item];
        fill_line(a, y, A_NORMAL, 0);
        char h[640];
        size_t tn;
        const char *t = app_doc_title(a, d, &tn);
        snprintf(h, sizeof h, "%s — %.*s (%zu claim%s)", d->id, (int)(tn > 400 ? 400 : tn), t,
                 d->n_claims, d->n_claims == 1 ? "" : "s");
        put(a, y, 1, COLS - 2, h, A_BOLD, app_pair(a, PAIR_HEADING));
        return;
    }
    size_t di = doc_of(a, r->item);
    const doc *d = a->c->docs[di];
    const claim *cl = &d->claims[r->item - a->data->claim_base[di]];
    attr_t rev = sel ? A_REVERSE : A_NORMAL;
    fill_line(a, y, rev, 0);
    if (r->line == 0) {
        char id[32];
        snprintf(id, sizeof id, "[%u]%s ", cl->id, cl->flags & CLAIM_HEADLINE ? " headline" : "");
        int x = 2;
        x += put(a, y, x, COLS - x, id, rev | A_BOLD, 0);
        putn(a, y, x, COLS - x - 1, d->text + cl->start, cl->end - cl->start, rev, 0);
    } else {
        char det[1024];
        details(a, d, cl, det, sizeof det);
        put(a, y, 6, COLS - 7, det, rev | (sel ? 0 : A_DIM), 0);
    }
}

static void draw(app *a, int top, int rows)
{
    size_t total = a->data ? a->data->claim_base[a->c->n_docs] : 0;
    char title[160];
    snprintf(title, sizeof title, "Claims (%zu) — Enter shows it in the reader; Tab next article",
             total);
    list_draw(a, VIEW_CLAIMS, top, rows, title, draw_row);
    app_loading_note(a, top + 2, "claims");
    const row *r = rows_current(&a->lists[VIEW_CLAIMS].rows);
    if (r && a->data)
        a->doc = doc_of(a, r->item);
}

static bool key(app *a, action act)
{
    list_view *lv = &a->lists[VIEW_CLAIMS];
    if (list_key(a, VIEW_CLAIMS, act, app_view_rows(a)))
        return true;
    const row *r = rows_current(&lv->rows);
    if (!r || !a->data)
        return false;
    if (act == ACT_OPEN) {
        size_t di = doc_of(a, r->item);
        const claim *cl = &a->c->docs[di]->claims[r->item - a->data->claim_base[di]];
        app_goto(a, di, cl->start, cl->end);
        return true;
    }
    if (act == ACT_PANE) {          /* the next article's first claim */
        size_t i = lv->rows.sel + 1;
        while (i < lv->rows.n && lv->rows.v[i].kind != ROW_HEADING)
            i++;
        rows_jump_to_group(&lv->rows, i, app_view_rows(a) - 1);
        return true;
    }
    return false;
}

const view_ops view_claims_ops = {"Claims", draw, key, build};
