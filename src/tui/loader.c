/* loader.c — the pipeline on a background thread, and the views' tables
 * (see loader.h). */
#include "loader.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "entities.h"
#include "figures.h"
#include "fold.h"
#include "lexicon.h"
#include "paths.h"
#include "xref.h"

struct loader {
    corpus c;
    tui_source src;
    tui_data data;
    cr_error err;
    pthread_t thread;
    atomic_int phase;
    atomic_bool listed;         /* files read: "reading" now means analysing */
    _Atomic(const char *) stage;
    atomic_size_t done, total;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
    loader *l = ctx;
    atomic_store(&l->stage, stage);
    atomic_store(&l->done, done);
    atomic_store(&l->total, total);
}

/* ---- tables --------------------------------------------------------------- */

static int count_docs(loader *l)
{
    corpus *c = &l->c;
    tui_data *t = &l->data;
    t->counts = arena_alloc(&t->arena, (c->n_docs + 1) * sizeof *t->counts);
    uint32_t *stamp = calloc(c->n_entities + 1, sizeof *stamp);
    if (!t->counts || !stamp) {
        free(stamp);
        return -1;
    }
    for (size_t di = 0; di < c->n_docs; di++) {
        const doc *d = c->docs[di];
        doc_counts *k = &t->counts[di];
        for (size_t i = 0; i < d->n_mentions; i++) {
            const mention *m = &d->mentions[i];
            if (m->type >= MENTION_MONEY) {
                k->figures++;
                continue;
            }
            if (m->entity < 0 || (size_t)m->entity >= c->n_entities ||
                stamp[m->entity] == di + 1)
                continue;
            stamp[m->entity] = (uint32_t)di + 1;
            if (m->type == MENTION_PERSON) k->people++;
            else if (m->type == MENTION_COMPANY) k->companies++;
            else if (m->type == MENTION_PRODUCT) k->products++;
        }
    }
    free(stamp);
    return 0;
}

/* Money amounts: key "currency value[..max]" identifies a group. */
typedef struct money_ref {
    char key[224];
    uint32_t doc, mention;
} money_ref;

static int cmp_money(const void *pa, const void *pb)
{
    const money_ref *a = pa, *b = pb;
    int k = strcmp(a->key, b->key);
    if (k)
        return k;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    return a->mention < b->mention ? -1 : a->mention > b->mention;
}

/* "540,000,000" from "540000000"; decimals kept. */
static void group_digits(const char *in, char *out, size_t size)
{
    const char *dot = strchr(in, '.');
    size_t ilen = dot ? (size_t)(dot - in) : strlen(in);
    size_t start = in[0] == '-' ? 1 : 0, o = 0;
    for (size_t i = 0; i < ilen && o + 2 < size; i++) {
        if (i > start && (ilen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = in[i];
    }
    out[o] = '\0';
    if (dot)
        snprintf(out + o, size - o, "%s", dot);
}

static void money_name(const mention *m, char *buf, size_t size)
{
    char v[64], g[96], mx[64], gm[96];
    decimal_format(&m->value, v, sizeof v);
    group_digits(v, g, sizeof g);
    if (m->qualifier == Q_RANGE) {
        decimal_format(&m->max, mx, sizeof mx);
        group_digits(mx, gm, sizeof gm);
        snprintf(buf, size, "%s–%s %s", g, gm, m->currency[0] ? m->currency : "?");
    } else {
        snprintf(buf, size, "%s %s", g, m->currency[0] ? m->currency : "?");
    }
}

static bool has_alias(const char **v, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(v[i]) == len && !memcmp(v[i], s, len))
            return true;
    return false;
}

static const char *fold_group(arena *a, const group *g)
{
    size_t len = strlen(g->name) + 1;
    for (size_t i = 0; i < g->n_aliases; i++)
        len += strlen(g->aliases[i]) + 1;
    char *buf = malloc(len + 1);
    if (!buf)
        return "";
    size_t o = 0;
    o += (size_t)sprintf(buf + o, "%s", g->name);
    for (size_t i = 0; i < g->n_aliases; i++)
        o += (size_t)sprintf(buf + o, "\x1f%s", g->aliases[i]);
    size_t flen;
    char *f = fold_dup(a, buf, o, &flen);
    free(buf);
    return f ? f : "";
}

static int cmp_group(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    return a->first_ref < b->first_ref ? -1 : a->first_ref > b->first_ref;
}

static int build_groups(loader *l)
{
    corpus *c = &l->c;
    tui_data *t = &l->data;
    size_t n_money = 0;
    for (size_t di = 0; di < c->n_docs; di++)
        for (size_t i = 0; i < c->docs[di]->n_mentions; i++)
            n_money += c->docs[di]->mentions[i].type == MENTION_MONEY;
    money_ref *mr = malloc((n_money + 1) * sizeof *mr);
    if (!mr)
        return -1;
    size_t k = 0;
    for (size_t di = 0; di < c->n_docs; di++)
        for (size_t i = 0; i < c->docs[di]->n_mentions; i++) {
            const mention *m = &c->docs[di]->mentions[i];
            if (m->type != MENTION_MONEY)
                continue;
            money_name(m, mr[k].key, sizeof mr[k].key);
            mr[k].doc = (uint32_t)di;
            mr[k].mention = (uint32_t)i;
            k++;
        }
    qsort(mr, n_money, sizeof *mr, cmp_money);
    size_t n_amounts = 0;
    for (size_t i = 0; i < n_money; i++)
        n_amounts += i == 0 || strcmp(mr[i].key, mr[i - 1].key);

    size_t n_ent = 0;
    for (size_t i = 0; i < c->n_entities; i++)
        n_ent += c->entities[i].type <= MENTION_PRODUCT;
    t->groups = arena_alloc(&t->arena, (n_ent + n_amounts + 1) * sizeof *t->groups);
    t->refs = arena_alloc(&t->arena, (n_money + 1) * sizeof *t->refs);
    if (!t->groups || !t->refs) {
        free(mr);
        return -1;
    }
    size_t g = 0;
    for (size_t i = 0; i < c->n_entities; i++) {
        const entity *en = &c->entities[i];
        if (en->type > MENTION_PRODUCT)
            continue;
        group *gr = &t->groups[g++];
        gr->type = en->type;
        gr->entity = (int32_t)i;
        gr->name = en->name;
        /* aliases[0] is the name itself when it was seen or known */
        size_t skip = en->n_aliases && !strcmp(en->aliases[0], en->name) ? 1 : 0;
        gr->aliases = en->aliases + skip;
        gr->n_aliases = en->n_aliases - skip;
        gr->total = en->total;
        gr->n_docs = (uint32_t)en->n_docs;
    }
    for (size_t i = 0; i < n_money;) {
        size_t j = i;
        while (j < n_money && !strcmp(mr[j].key, mr[i].key))
            j++;
        group *gr = &t->groups[g++];
        gr->type = MENTION_MONEY;
        gr->entity = -1;
        gr->name = arena_strdup(&t->arena, mr[i].key);
        gr->first_ref = (uint32_t)i;
        gr->n_refs = (uint32_t)(j - i);
        gr->total = (uint32_t)(j - i);
        const char **al = arena_alloc(&t->arena, (j - i + 1) * sizeof *al);
        size_t na = 0;
        for (size_t q = i; q < j; q++) {
            t->refs[q] = (mref){mr[q].doc, mr[q].mention};
            gr->n_docs += q == i || mr[q].doc != mr[q - 1].doc;
            const doc *d = c->docs[mr[q].doc];
            const mention *m = &d->mentions[mr[q].mention];
            if (al && !has_alias(al, na, d->text + m->start, m->end - m->start))
                al[na++] = arena_strndup(&t->arena, d->text + m->start, m->end - m->start);
        }
        gr->aliases = al;
        gr->n_aliases = al ? na : 0;
        i = j;
    }
    t->n_refs = n_money;
    t->n_groups = g;
    free(mr);
    qsort(t->groups, t->n_groups, sizeof *t->groups, cmp_group);
    for (size_t i = 0; i < t->n_groups; i++)
        t->groups[i].fold = fold_group(&t->arena, &t->groups[i]);
    return 0;
}

static int index_links(loader *l)
{
    corpus *c = &l->c;
    tui_data *t = &l->data;
    t->claim_base = arena_alloc(&t->arena, (c->n_docs + 1) * sizeof *t->claim_base);
    if (!t->claim_base)
        return -1;
    uint32_t total = 0;
    for (size_t di = 0; di < c->n_docs; di++) {
        t->claim_base[di] = total;
        total += (uint32_t)c->docs[di]->n_claims;
    }
    t->claim_base[c->n_docs] = total;
    t->link_first = arena_alloc(&t->arena, ((size_t)total + 2) * sizeof *t->link_first);
    t->link_refs = arena_alloc(&t->arena, (2 * c->n_links + 1) * sizeof *t->link_refs);
    if (!t->link_first || !t->link_refs)
        return -1;
    /* counting sort: each link is listed under both of its claims */
    uint32_t *cnt = t->link_first + 1;
    for (size_t i = 0; i < c->n_links; i++) {
        const xref_link *k = &c->links[i];
        cnt[t->claim_base[k->left_doc] + k->left_claim]++;
        if (k->right_doc >= 0)
            cnt[t->claim_base[k->right_doc] + (uint32_t)k->right_claim]++;
    }
    for (uint32_t g = 0; g < total; g++)
        t->link_first[g + 1] += t->link_first[g];
    uint32_t *fill = calloc((size_t)total + 1, sizeof *fill);
    if (!fill)
        return -1;
    for (size_t i = 0; i < c->n_links; i++) {
        const xref_link *k = &c->links[i];
        uint32_t g = t->claim_base[k->left_doc] + k->left_claim;
        t->link_refs[t->link_first[g] + fill[g]++] = (uint32_t)i;
        if (k->right_doc >= 0) {
            g = t->claim_base[k->right_doc] + (uint32_t)k->right_claim;
            t->link_refs[t->link_first[g] + fill[g]++] = (uint32_t)i;
        }
    }
    free(fill);
    return 0;
}

const uint32_t *tui_claim_links(const tui_data *t, size_t di, size_t ci, size_t *n)
{
    uint32_t g = t->claim_base[di] + (uint32_t)ci;
    *n = t->link_first[g + 1] - t->link_first[g];
    return t->link_refs + t->link_first[g];
}

/* ---- the thread ------------------------------------------------------------ */

static int run(loader *l)
{
    corpus *c = &l->c;
    cr_error *e = &l->err;
    on_progress(l, "listing files", 0, 0);
    if (l->src.n_paths == 0) {
        if (corpus_add_path(c, paths_corpusdir(), &l->src.load, e))
            return -1;
    }
    for (int i = 0; i < l->src.n_paths; i++)
        if (corpus_add_path(c, l->src.paths[i], &l->src.load, e))
            return -1;
    atomic_store(&l->listed, true);
    atomic_store_explicit(&l->phase, PHASE_LISTED, memory_order_release);
    if (l->src.n_lexicons) {
        on_progress(l, "loading lexicons", 0, 0);
        c->lexicon = lexicon_new();
        if (!c->lexicon)
            return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory"), -1;
        if (lexicon_load_default(c->lexicon, e))
            return -1;
        for (int i = 0; i < l->src.n_lexicons; i++)
            if (lexicon_load_file(c->lexicon, l->src.lexicons[i], e))
                return -1;
    }
    if (corpus_run(c, STAGE_XREF, e))
        return -1;
    on_progress(l, "indexing", 0, 0);
    tui_data *t = &l->data;
    if (count_docs(l) || build_groups(l) || index_links(l))
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory"), -1;
    on_progress(l, "folding for search", 0, 0);
    t->search = search_index_new(c, true);
    if (!t->search)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory"), -1;
    if (search_index_prepare(t->search, 0, e))
        return -1;
    return 0;
}

static void *thread_main(void *arg)
{
    loader *l = arg;
    int rc = run(l);
    atomic_store_explicit(&l->phase, rc ? PHASE_FAILED : PHASE_READY, memory_order_release);
    return NULL;
}

loader *loader_start(const tui_source *src, cr_error *e)
{
    loader *l = calloc(1, sizeof *l);
    if (!l) {
        cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
        return NULL;
    }
    corpus_init(&l->c);
    arena_init(&l->data.arena);
    cr_error_clear(&l->err);
    l->src = *src;
    l->c.no_tagger = src->no_tagger;
    l->c.progress = on_progress;
    l->c.progress_ctx = l;
    atomic_init(&l->phase, PHASE_LISTING);
    atomic_init(&l->stage, "starting");
    atomic_init(&l->done, 0);
    atomic_init(&l->total, 0);
    atomic_init(&l->listed, false);
    /* Signals (terminate, resize) belong to the main thread, which restores
     * the terminal: the loader and its workers block them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&l->thread, NULL, thread_main, l);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc) {
        cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "cannot start the loading thread");
        corpus_free(&l->c);
        free(l);
        return NULL;
    }
    return l;
}

int loader_phase(const loader *l)
{
    return atomic_load_explicit(&((loader *)l)->phase, memory_order_acquire);
}

corpus *loader_corpus(loader *l) { return &l->c; }

const tui_data *loader_data(const loader *l)
{
    return loader_phase(l) == PHASE_READY ? &l->data : NULL;
}

void loader_progress(const loader *l, char *buf, size_t size)
{
    loader *m = (loader *)l;
    const char *stage = atomic_load(&m->stage);
    size_t done = atomic_load(&m->done), total = atomic_load(&m->total);
    /* corpus_run reports its per-document stages (clean, segment,
     * extract) as "reading": the files themselves were read before. */
    if (atomic_load(&m->listed) && !strcmp(stage, "reading"))
        stage = "analysing";
    if (total)
        snprintf(buf, size, "%s %zu/%zu", stage, done, total);
    else
        snprintf(buf, size, "%s", stage);
}

const cr_error *loader_error(const loader *l) { return &l->err; }

void loader_stop(loader *l)
{
    if (!l)
        return;
    int ph = loader_phase(l);
    if (ph != PHASE_READY && ph != PHASE_FAILED) {
        pthread_detach(l->thread);
        return;
    }
    pthread_join(l->thread, NULL);
    if (l->data.search)
        search_index_free(l->data.search);
    arena_free(&l->data.arena);
    corpus_free(&l->c);
    free(l);
}
