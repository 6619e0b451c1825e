/* view_xref.c — cross-references in two columns: a claim of one article
 * beside the claim it is linked to in the other, with the relation as a
 * coloured word (same, differs, related, only-in), the score and the
 * reason; differs links show both sides' figures. r cycles a relation
 * filter (f with a relation name does the same; other text filters on the
 * claims). Tab or h/l choose the column Enter opens in the reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "claims.h"
#include "entities.h"
#include "xref.h"

enum { LINE_HEAD, LINE_TEXT1, LINE_TEXT2, LINE_FIGURES, LINE_WHY, LINE_GAP };

static short relation_pair(const app *a, int rel)
{
    static const short p[] = {PAIR_SAME, PAIR_DIFFERS, PAIR_RELATED, PAIR_ONLY};
    return app_pair(a, rel >= 0 && rel < 4 ? p[rel] : PAIR_ONLY);
}

static const claim *side(const app *a, const xref_link *k, int s, const doc **d)
{
    int32_t di = s ? k->right_doc : (int32_t)k->left_doc;
    int32_t ci = s ? k->right_claim : (int32_t)k->left_claim;
    if (di < 0 || ci < 0)
        return NULL;
    *d = a->c->docs[di];
    return &(*d)->claims[ci];
}

/* A link matches the filter when either claim contains it (bits, from
 * search_claims) or either document's id does. */
static bool matches(const app *a, const xref_link *k, const char *ff, const uint8_t *bits)
{
    if (!ff[0])
        return true;
    for (int s = 0; s < 2; s++) {
        int32_t di = s ? k->right_doc : (int32_t)k->left_doc;
        int32_t ci = s ? k->right_claim : (int32_t)k->left_claim;
        if (di < 0 || ci < 0)
            continue;
        if (bits && bits[a->data->claim_base[di] + (uint32_t)ci])
            return true;
        const char *id = a->c->docs[di]->id;
        if (filter_match(ff, id, strlen(id)))
            return true;
    }
    return false;
}

static void build(app *a)
{
    list_view *lv = &a->lists[VIEW_XREF];
    const row *cur = rows_current(&lv->rows);
    uint32_t keep = cur ? cur->item : 0;
    rows_reset(&lv->rows);
    if (!a->data)
        return;
    /* f with a relation's name filters by relation */
    int rel = a->xref_relation;
    char ff[PROMPT_MAX * 2];
    filter_fold(lv->filter, ff, sizeof ff);
    for (int r = XREF_SAME; r <= XREF_ONLY_IN; r++)
        if (!strcmp(lv->filter, xref_relation_name(r))) {
            rel = r;
            ff[0] = '\0';
        }
    uint8_t *bits = ff[0] ? search_claims(a, lv->filter) : NULL;
    int64_t last_l = -1, last_r = -2;
    for (size_t i = 0; i < a->c->n_links; i++) {
        const xref_link *k = &a->c->links[i];
        if ((rel >= 0 && k->relation != rel) || !matches(a, k, ff, bits))
            continue;
        if ((int64_t)k->left_doc != last_l || (int64_t)k->right_doc != last_r) {
            rows_push(&lv->rows, ROW_HEADING, (uint32_t)i, 0, 0);
            last_l = k->left_doc;
            last_r = k->right_doc;
        }
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_HEAD, 0);
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_TEXT1, 0);
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_TEXT2, 0);
        if (k->relation == XREF_DIFFERS || k->relation == XREF_SAME)
            rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_FIGURES, 0);
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_WHY, 0);
        rows_push(&lv->rows, ROW_ITEM, (uint32_t)i, LINE_GAP, 0);
    }
    free(bits);
    if (cur)
        rows_select_item(&lv->rows, keep);
}

/* Line `part` (0 or 1) of text wrapped to width; the second line is cut
 * with an ellipsis when more text follows. */
static void column_text(app *a, int y, int x, int width, const char *s, size_t n, int part,
                        attr_t attr)
{
    size_t k = draw_wrap_line(s, n, width, &a->dopts);
    if (part == 0) {
        putn(a, y, x, width, s, k, attr, 0);
        return;
    }
    s += k;
    n -= k;
    if (draw_text_width(s, n, &a->dopts) <= width) {
        putn(a, y, x, width, s, n, attr, 0);
        return;
    }
    draw_glyph ell;
    draw_glyph_of(0x2026, &a->dopts, &ell);
    int used = putn(a, y, x, width - ell.width, s, draw_fit(s, n, width - ell.width,
                                                            &a->dopts, NULL), attr, 0);
    put(a, y, x + used, ell.width, ell.text, attr | A_DIM, 0);
}

static void draw_row(app *a, const row *r, int y, bool sel)
{
    const xref_link *k = &a->c->links[r->item];
    fill_line(a, y, A_NORMAL, 0);
    if (r->kind == ROW_HEADING) {
        char h[512];
        const doc *l = a->c->docs[k->left_doc];
        if (k->right_doc < 0)
            snprintf(h, sizeof h, "Only in %s", l->id);
        else
            snprintf(h, sizeof h, "%s ⇔ %s", l->id, a->c->docs[k->right_doc]->id);
        put(a, y, 1, COLS - 2, h, A_BOLD | A_UNDERLINE, app_pair(a, PAIR_HEADING));
        return;
    }
    int colw = (COLS - 3) / 2, rx = colw + 3;
    const doc *dl = NULL, *dr = NULL;
    const claim *cl = side(a, k, 0, &dl), *cr = side(a, k, 1, &dr);
    if (r->line != LINE_GAP && r->line != LINE_WHY)
        put(a, y, colw + 1, 1, "│", A_DIM, 0);
    switch (r->line) {
    case LINE_HEAD: {
        char word[24];
        snprintf(word, sizeof word, " %s ", xref_relation_name(k->relation));
        int x = put(a, y, 0, COLS, word, A_BOLD | (a->color ? A_NORMAL : A_REVERSE),
                    relation_pair(a, k->relation));
        char score[16];
        snprintf(score, sizeof score, " %.2f  ", k->score);
        x += put(a, y, x, COLS - x, score, A_DIM, 0);
        char id[160];
        snprintf(id, sizeof id, "%s [%u]", dl->id, cl->id);
        put(a, y, x, colw - x, id, A_BOLD | (sel && a->xref_side == 0 ? A_REVERSE : 0), 0);
        if (cr) {
            snprintf(id, sizeof id, "%s [%u]", dr->id, cr->id);
            put(a, y, rx, COLS - rx, id, A_BOLD | (sel && a->xref_side == 1 ? A_REVERSE : 0), 0);
        } else {
            put(a, y, rx, COLS - rx, "(in no other article)",
                A_DIM | (sel && a->xref_side == 1 ? A_REVERSE : 0), 0);
        }
        if (sel)
            put(a, y, COLS - 1, 1, "<", A_BOLD, 0);
        break;
    }
    case LINE_TEXT1:
    case LINE_TEXT2: {
        int part = r->line - LINE_TEXT1;
        column_text(a, y, 1, colw - 1, dl->text + cl->start, cl->end - cl->start, part,
                    sel && a->xref_side == 0 ? A_BOLD : A_NORMAL);
        if (cr)
            column_text(a, y, rx, COLS - rx, dr->text + cr->start, cr->end - cr->start, part,
                        sel && a->xref_side == 1 ? A_BOLD : A_NORMAL);
        break;
    }
    case LINE_FIGURES: {
        char f[512];
        app_claim_figures(dl, cl, f, sizeof f);
        attr_t at = k->relation == XREF_DIFFERS ? A_BOLD : A_DIM;
        short pr = k->relation == XREF_DIFFERS ? relation_pair(a, k->relation) : 0;
        char line[600];
        snprintf(line, sizeof line, "figures: %s", f[0] ? f : "-");
        put(a, y, 1, colw - 1, line, at, pr);
        app_claim_figures(dr, cr, f, sizeof f);
        snprintf(line, sizeof line, "figures: %s", f[0] ? f : "-");
        if (cr)
            put(a, y, rx, COLS - rx, line, at, pr);
        break;
    }
    case LINE_WHY: {
        char why[640];
        snprintf(why, sizeof why, "why: %s", k->why && k->why[0] ? k->why : "-");
        put(a, y, 1, COLS - 2, why, A_DIM, 0);
        break;
    }
    default:
        break;
    }
}

static void draw(app *a, int top, int rows)
{
    char title[256];
    const char *rel = a->xref_relation >= 0 ? xref_relation_name(a->xref_relation) : "all";
    snprintf(title, sizeof title, "Cross-references (%zu links, showing %s) — r relation, "
                                  "Tab side, Enter reads", a->c && a->data ? a->c->n_links : 0,
             rel);
    list_draw(a, VIEW_XREF, top, rows, title, draw_row);
    app_loading_note(a, top + 2, "cross-references");
    const row *r = rows_current(&a->lists[VIEW_XREF].rows);
    if (r && a->data) {
        const xref_link *k = &a->c->links[r->item];
        a->doc = a->xref_side && k->right_doc >= 0 ? (size_t)k->right_doc : k->left_doc;
    }
}

static bool key(app *a, action act)
{
    list_view *lv = &a->lists[VIEW_XREF];
    if (list_key(a, VIEW_XREF, act, app_view_rows(a)))
        return true;
    switch (act) {
    case ACT_RELATION:
        a->xref_relation = a->xref_relation >= XREF_ONLY_IN ? -1 : a->xref_relation + 1;
        lv->built = false;
        app_message(a, "showing %s links",
                    a->xref_relation < 0 ? "all" : xref_relation_name(a->xref_relation));
        return true;
    case ACT_PANE: a->xref_side = !a->xref_side; return true;
    case ACT_LEFT: a->xref_side = 0; return true;
    case ACT_RIGHT: a->xref_side = 1; return true;
    case ACT_OPEN: {
        const row *r = rows_current(&lv->rows);
        if (!r || !a->data)
            return false;
        const xref_link *k = &a->c->links[r->item];
        const doc *d;
        const claim *cl = side(a, k, a->xref_side, &d);
        if (!cl) {
            app_message(a, "this claim is in no other article");
            return true;
        }
        size_t di = a->xref_side ? (size_t)k->right_doc : k->left_doc;
        app_goto(a, di, cl->start, cl->end);
        return true;
    }
    default:
        return false;
    }
}

const view_ops view_xref_ops = {"Cross-references", draw, key, build};
