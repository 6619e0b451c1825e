/* view_reader.c — one article, wrapped to the window: entity mentions
 * coloured by type, figures highlighted, damaged spans marked, claims
 * underlined, search hits and the jump target shown. r toggles the raw
 * file. The current claim (marked in the margin; ] and [ move it, and it
 * follows the scrolling) has its cross-references in a pane at the bottom:
 * Tab moves into the pane, Enter follows a link to the other article. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "app.h"
#include "claims.h"
#include "entities.h"
#include "xref.h"

enum { MARGIN = 2 };

static bool show_raw(const app *a)
{
    return a->rd.raw || a->phase != PHASE_READY;   /* cleaned text comes later */
}

static const char *text_of(const app *a, size_t *n)
{
    const doc *d = a->c->docs[a->rd.doc];
    if (show_raw(a)) {
        *n = d->raw ? d->raw_len : 0;
        return d->raw ? d->raw : "";
    }
    *n = d->text_len;
    return d->text ? d->text : "";
}

static void layout(app *a, int width)
{
    reader_state *r = &a->rd;
    if (r->layout.valid && r->layout.width == width && r->layout.doc == r->doc &&
        r->layout.raw == show_raw(a) && r->layout.amb == a->dopts.ambiguous_wide)
        return;
    size_t n;
    const char *s = text_of(a, &n);
    if (draw_layout(s, n, width, &a->dopts, &r->layout.starts, &r->layout.n, &r->layout.cap)) {
        r->layout.n = 0;
        app_error(a, "out of memory laying out the text");
    }
    r->layout.width = width;
    r->layout.doc = r->doc;
    r->layout.raw = show_raw(a);
    r->layout.amb = a->dopts.ambiguous_wide;
    r->layout.valid = r->layout.n > 0;
}

/* Index of the wrapped line containing byte offset off. */
static size_t line_of(const app *a, uint32_t off)
{
    size_t lo = 0, hi = a->rd.layout.n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (a->rd.layout.starts[mid] <= off) lo = mid; else hi = mid;
    }
    return lo;
}

static bool pane_shown(const app *a)
{
    return a->data && !show_raw(a) && a->c->docs[a->rd.doc]->n_claims > 0;
}

static int pane_height(const app *a, int rows)
{
    if (!pane_shown(a))
        return 0;
    return rows >= 24 ? 7 : rows >= 16 ? 5 : 3;
}

/* ---- styles ------------------------------------------------------------------ */

/* Walks the spans of a document in text order while a line is drawn;
 * positions only move forward within one draw. */
typedef struct styler {
    const app *a;
    const doc *d;
    size_t mi, ci, di, hi;
    const search_hit *hits;
    size_t n_hits;
} styler;

static short pair_of_type(int type)
{
    switch (type) {
    case MENTION_PERSON: return PAIR_PERSON;
    case MENTION_COMPANY: return PAIR_COMPANY;
    case MENTION_PRODUCT: return PAIR_PRODUCT;
    default: return PAIR_FIGURE;
    }
}

static void style_at(styler *st, uint32_t p, attr_t *attr, short *pair, bool *in_current)
{
    const app *a = st->a;
    const doc *d = st->d;
    *attr = A_NORMAL;
    *pair = 0;
    *in_current = false;
    if (p >= d->title_span.start && p < d->title_span.end)
        *attr |= A_BOLD;
    while (st->ci < d->n_claims && d->claims[st->ci].end <= p)
        st->ci++;
    if (st->ci < d->n_claims && d->claims[st->ci].start <= p) {
        *attr |= A_UNDERLINE;
        *in_current = (int32_t)st->ci == a->rd.claim;
    }
    while (st->mi < d->n_mentions && d->mentions[st->mi].end <= p)
        st->mi++;
    const mention *best = NULL;
    for (size_t j = st->mi; j < d->n_mentions && j < st->mi + 8 && d->mentions[j].start <= p; j++)
        if (p < d->mentions[j].end)
            best = &d->mentions[j];     /* a later start is the inner span */
    if (best) {
        bool figure = best->type >= MENTION_MONEY;
        if (a->color) {
            *pair = pair_of_type(best->type);
            if (figure)
                *attr |= A_BOLD;
        } else {
            *attr |= figure ? A_STANDOUT : A_BOLD;
        }
    }
    while (st->di < d->n_damage && d->damage[st->di].end <= p)
        st->di++;
    if (st->di < d->n_damage && d->damage[st->di].start <= p) {
        *attr |= A_REVERSE;
        *pair = app_pair(a, PAIR_DAMAGE);
    }
    while (st->hi < st->n_hits && st->hits[st->hi].end <= p)
        st->hi++;
    if (st->hi < st->n_hits && st->hits[st->hi].start <= p) {
        *pair = app_pair(a, PAIR_HIT);
        if (!a->color)
            *attr |= A_REVERSE;
    }
    if (a->rd.mark_end && p >= a->rd.mark_start && p < a->rd.mark_end) {
        *pair = app_pair(a, PAIR_MARK);
        *attr |= A_BOLD | (a->color ? 0 : A_REVERSE);
    }
}

static void draw_line(app *a, styler *st, int y, const char *s, uint32_t ls, uint32_t le)
{
    int x = MARGIN, width = COLS - MARGIN;
    bool any_current = false;
    if (show_raw(a)) {
        putn(a, y, x, width, s + ls, le - ls, A_NORMAL, 0);
        return;
    }
    for (uint32_t p = ls; p < le;) {
        attr_t at, at2 = A_NORMAL;
        short pr, pr2 = 0;
        bool cur, cur2 = false;
        style_at(st, p, &at, &pr, &cur);
        any_current |= cur;
        uint32_t q = p;
        do {   /* extend the run while the style stays the same */
            int32_t k = (int32_t)q;
            U8_FWD_1(s, k, (int32_t)le);
            q = (uint32_t)k;
            if (q >= le)
                break;
            style_at(st, q, &at2, &pr2, &cur2);
        } while (at2 == at && pr2 == pr && cur2 == cur);
        x += putn(a, y, x, COLS - x, s + p, q - p, at, pr);
        p = q;
    }
    if (any_current)
        put(a, y, 0, 1, "|", A_BOLD, app_pair(a, PAIR_MARK));
}

/* ---- claims and their links --------------------------------------------------- */

static int32_t claim_at(const doc *d, uint32_t off)
{
    for (size_t i = 0; i < d->n_claims; i++)
        if (d->claims[i].end > off)
            return (int32_t)i;
    return d->n_claims ? (int32_t)d->n_claims - 1 : -1;
}

/* Keep the current claim on screen: if it scrolled away, take the first
 * claim that starts in the visible lines (or the one they are inside). */
static void follow_claim(app *a, uint32_t vis_start, uint32_t vis_end)
{
    const doc *d = a->c->docs[a->rd.doc];
    if (show_raw(a) || !d->n_claims) {
        a->rd.claim = -1;
        return;
    }
    if (a->rd.claim == -2) {    /* after a jump: the claim at the mark */
        a->rd.claim = claim_at(d, a->rd.mark_start);
        a->rd.pane_sel = 0;
        return;
    }
    if (a->rd.claim >= 0 && (size_t)a->rd.claim < d->n_claims) {
        const claim *cl = &d->claims[a->rd.claim];
        if (cl->start < vis_end && cl->end > vis_start)
            return;
    }
    int32_t pick = -1;
    for (size_t i = 0; i < d->n_claims; i++) {
        const claim *cl = &d->claims[i];
        if (cl->end > vis_start && cl->start < vis_end) {
            pick = (int32_t)i;
            break;
        }
    }
    if (pick != a->rd.claim)
        a->rd.pane_sel = 0;
    a->rd.claim = pick;
}

static short relation_pair(const app *a, int rel)
{
    static const short p[] = {PAIR_SAME, PAIR_DIFFERS, PAIR_RELATED, PAIR_ONLY};
    return app_pair(a, rel >= 0 && rel < 4 ? p[rel] : PAIR_ONLY);
}

static void draw_pane(app *a, int top, int h)
{
    const doc *d = a->c->docs[a->rd.doc];
    char head[256];
    size_t n = 0;
    const uint32_t *links = NULL;
    if (a->rd.claim >= 0)
        links = tui_claim_links(a->data, a->rd.doc, (size_t)a->rd.claim, &n);
    if (a->rd.claim < 0)
        snprintf(head, sizeof head, " Cross-references: no claim on screen");
    else
        snprintf(head, sizeof head, " Cross-references of claim [%u] (%zu)%s",
                 d->claims[a->rd.claim].id, n,
                 a->rd.pane ? " — j/k choose, Enter follows, Tab back to the text"
                            : n ? " — Tab to choose one, Enter follows" : "");
    fill_line(a, top, A_REVERSE, app_pair(a, PAIR_HEADING));
    put(a, top, 0, COLS, head, A_REVERSE | A_BOLD, app_pair(a, PAIR_HEADING));
    if (a->rd.pane_sel >= n)
        a->rd.pane_sel = n ? n - 1 : 0;
    int per = 2, fit = (h - 1) / per;
    if (fit < 1)
        return;
    size_t first = a->rd.pane_sel >= (size_t)fit ? a->rd.pane_sel - (size_t)fit + 1 : 0;
    for (int i = 0; i < fit && first + (size_t)i < n; i++) {
        size_t li = first + (size_t)i;
        const xref_link *k = &a->c->links[links[li]];
        bool sel = a->rd.pane && li == a->rd.pane_sel;
        int y = top + 1 + i * per;
        attr_t rev = sel ? A_REVERSE : A_NORMAL;
        fill_line(a, y, rev, 0);
        /* the other side of the link, seen from this claim */
        bool left = k->left_doc == a->rd.doc && (int32_t)k->left_claim == a->rd.claim;
        int32_t odoc = left ? k->right_doc : (int32_t)k->left_doc;
        int32_t ocl = left ? k->right_claim : (int32_t)k->left_claim;
        char word[16];
        snprintf(word, sizeof word, "%-8s", xref_relation_name(k->relation));
        int x = 1;
        x += put(a, y, x, COLS - x, word, rev | A_BOLD, relation_pair(a, k->relation));
        if (odoc < 0) {
            put(a, y, x, COLS - x, "not found in any other article", rev | A_DIM, 0);
        } else {
            const doc *od = a->c->docs[odoc];
            const claim *oc = &od->claims[ocl];
            char id[160];
            snprintf(id, sizeof id, "%s [%u] ", od->id, oc->id);
            x += put(a, y, x, COLS - x, id, rev, 0);
            putn(a, y, x, COLS - x, od->text + oc->start, oc->end - oc->start, rev, 0);
        }
        if (per < 2 || y + 1 >= top + h)
            continue;
        fill_line(a, y + 1, A_NORMAL, 0);
        char why[640];
        if (k->relation == XREF_DIFFERS && odoc >= 0) {
            char mine[256], theirs[256];
            app_claim_figures(d, &d->claims[a->rd.claim], mine, sizeof mine);
            const doc *od = a->c->docs[odoc];
            app_claim_figures(od, &od->claims[ocl], theirs, sizeof theirs);
            snprintf(why, sizeof why, "here %s ≠ there %s — %s", mine[0] ? mine : "-",
                     theirs[0] ? theirs : "-", k->why ? k->why : "");
        } else {
            snprintf(why, sizeof why, "%s", k->why ? k->why : "");
        }
        put(a, y + 1, 10, COLS - 10, why, A_DIM, 0);
    }
}

/* ---- drawing ------------------------------------------------------------------- */

static void draw(app *a, int top, int rows)
{
    if (a->phase < PHASE_LISTED || a->phase == PHASE_FAILED || !a->c->n_docs)
        return;
    if (a->rd.doc >= a->c->n_docs)
        a->rd.doc = 0;
    a->doc = a->rd.doc;
    const doc *d = a->c->docs[a->rd.doc];
    int ph = pane_height(a, rows);
    int text_rows = rows - 1 - ph;
    if (text_rows < 1)
        return;
    layout(a, COLS - MARGIN);
    if (!a->rd.layout.valid)
        return;
    size_t n;
    const char *s = text_of(a, &n);
    size_t nlines = a->rd.layout.n;
    size_t first = line_of(a, a->rd.top);
    if (a->rd.center) {         /* a jump: the target a third of the way down */
        first = first > (size_t)text_rows / 3 ? first - (size_t)text_rows / 3 : 0;
        a->rd.center = false;
    }
    size_t last_top = nlines > (size_t)text_rows ? nlines - (size_t)text_rows : 0;
    if (first > last_top)
        first = last_top;
    a->rd.top = a->rd.layout.starts[first];

    /* header: where we are */
    char head[512];
    size_t tn;
    const char *name = app_doc_title(a, d, &tn);
    snprintf(head, sizeof head, "%.*s — line %zu/%zu · %s", (int)(tn > 300 ? 300 : tn), name,
             first + 1, nlines,
             a->phase != PHASE_READY ? "raw file (cleaned text when loaded)"
             : a->rd.raw             ? "raw file (r: cleaned text)"
                                     : "cleaned text (r: raw file)");
    fill_line(a, top, A_NORMAL, 0);
    put(a, top, 0, COLS, head, A_BOLD, app_pair(a, PAIR_HEADING));

    size_t nh = 0;
    const search_hit *hits = show_raw(a) ? NULL : search_doc_hits(a, a->rd.doc, &nh);
    styler st = {.a = a, .d = d, .hits = hits, .n_hits = hits ? nh : 0};
    uint32_t vis_start = a->rd.layout.starts[first];
    size_t vis_last = first + (size_t)text_rows < nlines ? first + (size_t)text_rows : nlines;
    uint32_t vis_end = vis_last < nlines ? a->rd.layout.starts[vis_last] : (uint32_t)n;
    follow_claim(a, vis_start, vis_end);
    for (int r = 0; r < text_rows && first + (size_t)r < nlines; r++) {
        size_t li = first + (size_t)r;
        uint32_t ls = a->rd.layout.starts[li];
        uint32_t le = li + 1 < nlines ? a->rd.layout.starts[li + 1] : (uint32_t)n;
        if (le > ls && s[le - 1] == '\n')
            le--;
        draw_line(a, &st, top + 1 + r, s, ls, le);
    }
    if (ph)
        draw_pane(a, top + rows - ph, ph);
}

/* ---- keys ------------------------------------------------------------------------ */

static void scroll_to_line(app *a, long target, int text_rows)
{
    size_t nlines = a->rd.layout.n;
    long last = nlines > (size_t)text_rows ? (long)(nlines - (size_t)text_rows) : 0;
    if (target > last) target = last;
    if (target < 0) target = 0;
    a->rd.top = a->rd.layout.starts[target];
}

static void goto_claim(app *a, int32_t ci, int text_rows)
{
    const doc *d = a->c->docs[a->rd.doc];
    if (ci < 0 || (size_t)ci >= d->n_claims)
        return;
    a->rd.claim = ci;
    a->rd.pane_sel = 0;
    size_t line = line_of(a, d->claims[ci].start);
    size_t first = line_of(a, a->rd.top);
    size_t end_line = line_of(a, d->claims[ci].end ? d->claims[ci].end - 1 : 0);
    if (line < first || end_line >= first + (size_t)text_rows)
        scroll_to_line(a, (long)line - text_rows / 3, text_rows);
}

static bool follow_link(app *a)
{
    if (!pane_shown(a) || a->rd.claim < 0)
        return false;
    size_t n;
    const uint32_t *links = tui_claim_links(a->data, a->rd.doc, (size_t)a->rd.claim, &n);
    if (!n)
        return false;
    const xref_link *k = &a->c->links[links[a->rd.pane_sel < n ? a->rd.pane_sel : 0]];
    bool left = k->left_doc == a->rd.doc && (int32_t)k->left_claim == a->rd.claim;
    int32_t odoc = left ? k->right_doc : (int32_t)k->left_doc;
    int32_t ocl = left ? k->right_claim : (int32_t)k->left_claim;
    if (odoc < 0) {
        app_message(a, "this claim is only in %s", a->c->docs[a->rd.doc]->id);
        return true;
    }
    const claim *oc = &a->c->docs[odoc]->claims[ocl];
    app_goto(a, (size_t)odoc, oc->start, oc->end);
    return true;
}

static bool key(app *a, action act)
{
    if (a->phase < PHASE_LISTED || !a->c->n_docs || !a->rd.layout.valid)
        return false;
    int rows = app_view_rows(a);
    int text_rows = rows - 1 - pane_height(a, rows);
    if (text_rows < 1)
        text_rows = 1;
    const doc *d = a->c->docs[a->rd.doc];
    if (a->rd.pane && pane_shown(a)) {
        size_t n = 0;
        if (a->rd.claim >= 0)
            tui_claim_links(a->data, a->rd.doc, (size_t)a->rd.claim, &n);
        switch (act) {
        case ACT_DOWN: if (a->rd.pane_sel + 1 < n) a->rd.pane_sel++; return true;
        case ACT_UP: if (a->rd.pane_sel > 0) a->rd.pane_sel--; return true;
        case ACT_TOP: a->rd.pane_sel = 0; return true;
        case ACT_BOTTOM: a->rd.pane_sel = n ? n - 1 : 0; return true;
        case ACT_OPEN: return follow_link(a);
        case ACT_PANE: a->rd.pane = false; return true;
        default: break;
        }
    }
    long cur = (long)line_of(a, a->rd.top);
    switch (act) {
    case ACT_DOWN: scroll_to_line(a, cur + 1, text_rows); return true;
    case ACT_UP: scroll_to_line(a, cur - 1, text_rows); return true;
    case ACT_PAGE_DOWN: scroll_to_line(a, cur + text_rows - 1, text_rows); return true;
    case ACT_PAGE_UP: scroll_to_line(a, cur - text_rows + 1, text_rows); return true;
    case ACT_TOP: scroll_to_line(a, 0, text_rows); return true;
    case ACT_BOTTOM: scroll_to_line(a, (long)a->rd.layout.n, text_rows); return true;
    case ACT_RAW:
        if (a->phase != PHASE_READY) {
            app_message(a, "the cleaned text is not ready yet");
            return true;
        }
        a->rd.raw = !a->rd.raw;
        a->rd.top = 0;
        a->rd.pane = false;
        return true;
    case ACT_NEXT_CLAIM:
    case ACT_PREV_CLAIM:
        if (show_raw(a) || !d->n_claims) {
            app_message(a, "no claims here");
            return true;
        }
        if (a->rd.claim < 0)
            goto_claim(a, claim_at(d, a->rd.top), text_rows);
        else
            goto_claim(a, a->rd.claim + (act == ACT_NEXT_CLAIM ? 1 : -1), text_rows);
        return true;
    case ACT_PANE:
        if (!pane_shown(a))
            return false;
        a->rd.pane = !a->rd.pane;
        return true;
    case ACT_OPEN:
        if (!follow_link(a))
            app_message(a, "no cross-reference to follow here (] moves to the next claim)");
        return true;
    default:
        return false;
    }
}

const view_ops view_reader_ops = {"Reader", draw, key, NULL};
