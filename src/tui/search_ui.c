/* search_ui.c — / search from the explorer: incremental (the hits are
 * counted and highlighted as the pattern is typed), then n/N step through
 * them in the reader. Keywords are folded (微软 finds 微軟, openai finds
 * OpenAI); a pattern starting with "re:" (Ctrl-R in the prompt toggles it)
 * is a PCRE2 regular expression, as `crossread search -E`. The corpus's
 * search index was folded by the loader, so a keystroke costs one memmem
 * (or regex scan) over the corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "claims.h"

void search_clear(app *a)
{
    search_hits_free(&a->sr.hits);
    memset(&a->sr.hits, 0, sizeof a->sr.hits);
    a->sr.active = false;
    a->sr.pattern[0] = '\0';
    a->sr.cur = 0;
}

bool search_update(app *a, const char *pattern)
{
    if (a->phase != PHASE_READY) {
        app_message(a, "search is ready when the corpus is loaded (%s)", a->progress);
        return false;
    }
    search_opts o = {.mode = SEARCH_KEYWORD};
    const char *pat = pattern;
    if (!strncmp(pat, "re:", 3)) {
        o.mode = SEARCH_REGEX;
        pat += 3;
    }
    if (!*pat) {
        search_clear(a);
        a->status[0] = '\0';
        return false;
    }
    search_query *q = NULL;
    cr_error e;
    cr_error_clear(&e);
    search_hits h;
    memset(&h, 0, sizeof h);
    if (search_compile(&q, a->c, pat, &o, &e) ||
        search_run(q, a->data->search, NULL, &h, &e)) {
        search_query_free(q);
        search_hits_free(&h);
        search_clear(a);
        char buf[1200];
        cr_error_format(&e, buf, sizeof buf);
        app_error(a, "%s", buf);
        return false;
    }
    search_query_free(q);
    search_hits_free(&a->sr.hits);
    a->sr.hits = h;
    a->sr.active = true;
    a->sr.cur = 0;
    snprintf(a->sr.pattern, sizeof a->sr.pattern, "%s", pattern);
    size_t docs = 0;
    for (size_t i = 0; i < h.n_docs; i++)
        docs += h.per_doc[i] != 0;
    if (h.len)
        app_message(a, "%zu hit%s in %zu article%s", h.len, h.len == 1 ? "" : "s", docs,
                    docs == 1 ? "" : "s");
    else
        app_message(a, "no hits");
    return h.len > 0;
}

const search_hit *search_doc_hits(const app *a, size_t di, size_t *n)
{
    *n = 0;
    if (!a->sr.active || !a->sr.hits.len || di >= a->sr.hits.n_docs || !a->sr.hits.per_doc[di])
        return NULL;
    size_t lo = 0, hi = a->sr.hits.len;     /* first hit of document di */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sr.hits.v[mid].doc < di) lo = mid + 1; else hi = mid;
    }
    *n = a->sr.hits.per_doc[di];
    return a->sr.hits.v + lo;
}

static int cmp_place(uint32_t d1, uint32_t o1, uint32_t d2, uint32_t o2)
{
    if (d1 != d2)
        return d1 < d2 ? -1 : 1;
    return o1 < o2 ? -1 : o1 > o2;
}

void search_step(app *a, int dir)
{
    if (!a->sr.active) {
        app_message(a, "no search yet: / starts one");
        return;
    }
    const search_hits *h = &a->sr.hits;
    if (!h->len) {
        app_message(a, "no hits for %s", a->sr.pattern);
        return;
    }
    bool in_reader = app_current(a) == VIEW_READER && !a->rd.raw;
    const search_hit *cur = a->sr.cur < h->len ? &h->v[a->sr.cur] : NULL;
    bool at_hit = in_reader && cur && a->rd.doc == cur->doc &&
                  a->rd.mark_start == cur->start && a->rd.mark_end == cur->end;
    size_t next;
    bool wrapped = false;
    if (at_hit && dir != 0) {
        if (dir > 0) {
            next = a->sr.cur + 1;
            if (next >= h->len) { next = 0; wrapped = true; }
        } else {
            if (a->sr.cur == 0) { next = h->len - 1; wrapped = true; }
            else next = a->sr.cur - 1;
        }
    } else {
        /* from where we are: the reader's top line, or the current article */
        uint32_t pd = (uint32_t)(in_reader ? a->rd.doc : a->doc);
        uint32_t po = in_reader ? a->rd.top : 0;
        if (dir >= 0) {
            next = h->len;
            for (size_t i = 0; i < h->len; i++)
                if (cmp_place(h->v[i].doc, h->v[i].start, pd, po) >= 0) { next = i; break; }
            if (next == h->len) { next = 0; wrapped = true; }
        } else {
            next = h->len;
            for (size_t i = h->len; i-- > 0;)
                if (cmp_place(h->v[i].doc, h->v[i].start, pd, po) < 0) { next = i; break; }
            if (next == h->len) { next = h->len - 1; wrapped = true; }
        }
    }
    a->sr.cur = next;
    const search_hit *t = &h->v[next];
    app_goto(a, t->doc, t->start, t->end);
    app_message(a, "hit %zu/%zu in %s%s", next + 1, h->len, a->c->docs[t->doc]->id,
                wrapped ? " (wrapped)" : "");
}

uint8_t *search_claims(app *a, const char *filter)
{
    if (!a->data || !filter[0])
        return NULL;
    size_t total = a->data->claim_base[a->c->n_docs];
    uint8_t *bits = calloc(total + 1, 1);
    if (!bits)
        return NULL;
    search_opts o = {.mode = SEARCH_KEYWORD};
    search_query *q = NULL;
    cr_error e;
    cr_error_clear(&e);
    search_hits h;
    memset(&h, 0, sizeof h);
    /* a filter that folds to nothing matches nothing in the claims */
    if (!search_compile(&q, a->c, filter, &o, &e) &&
        !search_run(q, a->data->search, NULL, &h, &e)) {
        for (size_t i = 0; i < h.len; i++) {
            const doc *d = a->c->docs[h.v[i].doc];
            size_t lo = 0, hi = d->n_claims;    /* last claim starting <= hit */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (d->claims[mid].start <= h.v[i].start) lo = mid + 1; else hi = mid;
            }
            if (lo > 0 && h.v[i].start < d->claims[lo - 1].end)
                bits[a->data->claim_base[h.v[i].doc] + lo - 1] = 1;
        }
    }
    search_query_free(q);
    search_hits_free(&h);
    return bits;
}
