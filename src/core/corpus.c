/* corpus.c — documents, manifests and the stage driver. */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/utf8.h>

#include "claims.h"
#include "entities.h"
#include "figures.h"
#include "lexicon.h"
#include "pool.h"
#include "segment.h"
#include "text.h"
#include "tokpack.h"
#include "xref.h"

void corpus_init(corpus *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
}

void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        arena_free(&c->docs[i]->arena);
        arena_free(&c->docs[i]->tok_arena);
        free(c->docs[i]);
    }
    free(c->docs);
    entities_release(c);
    if (c->lexicon)
        lexicon_free(c->lexicon);
    figures_data_free(c->figures);
    arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

/* ---- manifest ------------------------------------------------------------ */

typedef struct manifest_row {
    char *file, *id, *title, *outlet, *date, *script;
} manifest_row;

/* manifest.tsv: header row, then id, file, title, outlet, date, script. */
static size_t manifest_read(const char *dir, arena *a, manifest_row **rows_out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    *rows_out = NULL;
    /* Only a regular file: a FIFO named manifest.tsv blocked the open for
     * ever, and a link to /dev/zero was read for ever. */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    manifest_row *rows = NULL;
    size_t n = 0, cap = 0;
    char line[8192];
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (header) { header = 0; continue; }
        if (!line[0] || line[0] == '#')
            continue;
        char *fields[6] = {0};
        char *p = line;
        for (int k = 0; k < 6; k++) {
            fields[k] = p;
            char *tab = p ? strchr(p, '\t') : NULL;
            if (tab) { *tab = '\0'; p = tab + 1; } else p = NULL;
            if (!fields[k]) fields[k] = "";
        }
        manifest_row *r = ARENA_PUSH(a, rows, n, cap);
        if (!r)
            break;
        r->id = arena_strdup(a, fields[0]);
        r->file = arena_strdup(a, fields[1]);
        r->title = arena_strdup(a, fields[2]);
        r->outlet = arena_strdup(a, fields[3]);
        r->date = arena_strdup(a, fields[4]);
        r->script = arena_strdup(a, fields[5]);
    }
    fclose(f);
    *rows_out = rows;
    return n;
}

static int add_file(corpus *c, const char *path, const manifest_row *meta,
                    const load_opts *o, cr_error *e)
{
    doc *d = calloc(1, sizeof *d);
    if (!d)
        return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
    arena_init(&d->arena);
    if (c->n_docs == c->cap_docs) {
        size_t ncap = c->cap_docs ? c->cap_docs * 2 : 16;
        doc **nd = realloc(c->docs, ncap * sizeof *nd);
        if (!nd) {
            free(d);
            return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
        }
        c->docs = nd;
        c->cap_docs = ncap;
    }
    /* Names and metadata go in the corpus arena (this runs on one thread):
     * the document's own arena then stays empty until its text is read, so
     * search_stream can release a document's memory and reuse it for the
     * next. */
    arena *a = &c->arena;
    d->path = arena_strdup(a, path);
    d->id = meta && meta->id[0] ? arena_strdup(a, meta->id) : d->path;
    d->title = arena_strdup(a, meta ? meta->title : "");
    d->outlet = arena_strdup(a, meta ? meta->outlet : "");
    d->date = arena_strdup(a, meta ? meta->date : "");
    d->script = arena_strdup(a, meta ? meta->script : "");
    (void)o;   /* read later, in parallel, by load_new_docs */
    c->docs[c->n_docs++] = d;
    return CR_OK;
}

int corpus_add_buffer(corpus *c, const char *name, const char *buf, size_t len,
                      const load_opts *o, cr_error *e)
{
    size_t cap = o && o->max_file_size ? o->max_file_size : LOAD_DEFAULT_MAX;
    if (len > cap)
        return cr_error_set(e, CR_EINPUT, name, 0, cap, 1,
                            "input is larger than the %zu-byte cap", cap);
    if (!(o && o->lenient)) {
        int rc = text_validate(buf, len, name, e);
        if (rc)
            return rc;
    }
    if (c->n_docs == c->cap_docs) {
        size_t ncap = c->cap_docs ? c->cap_docs * 2 : 16;
        doc **nd = realloc(c->docs, ncap * sizeof *nd);
        if (!nd)
            return cr_error_set(e, CR_ENOMEM, name, 0, 0, 0, "out of memory");
        c->docs = nd;
        c->cap_docs = ncap;
    }
    doc *d = calloc(1, sizeof *d);
    if (!d)
        return cr_error_set(e, CR_ENOMEM, name, 0, 0, 0, "out of memory");
    arena_init(&d->arena);
    char *copy = arena_alloc(&d->arena, len + 1);
    if (!copy) {
        free(d);
        return cr_error_set(e, CR_ENOMEM, name, 0, 0, 0, "out of memory");
    }
    memcpy(copy, buf, len);
    d->raw = copy;
    d->raw_len = len;
    /* in the corpus arena, as for files: corpus_stream frees d->arena */
    d->path = d->id = arena_strdup(&c->arena, name);
    if (!d->id) {
        arena_free(&d->arena);
        free(d);
        return cr_error_set(e, CR_ENOMEM, name, 0, 0, 0, "out of memory");
    }
    d->title = d->outlet = d->date = d->script = "";
    c->docs[c->n_docs++] = d;
    return CR_OK;
}

/* Read the documents added since `first` on several threads (pool.h). The
 * error reported is that of the first bad file in document order, as if
 * they had been read one by one; it and every document after it are
 * dropped. */
typedef struct load_job {
    corpus *c;
    const load_opts *o;
    size_t first;            /* job k reads document first + k */
    atomic_size_t done;
    pthread_mutex_t lock;
    size_t bad;              /* lowest failing index, or SIZE_MAX */
    cr_error err;
} load_job;

static void load_one(void *arg, size_t i, unsigned worker)
{
    load_job *j = arg;
    corpus *c = j->c;
    i += j->first;
    doc *d = c->docs[i];
    cr_error e;
    cr_error_clear(&e);
    int rc = text_load(d, d->path, j->o, &e);
    size_t done = atomic_fetch_add(&j->done, 1) + 1;
    /* Progress only from the calling thread (worker 0), as promised. */
    if (worker == 0 && c->progress && (done % 16 == 0 || done + j->first == c->n_docs))
        c->progress(c->progress_ctx, "reading", done + j->first, c->n_docs);
    if (rc == CR_OK)
        return;
    pthread_mutex_lock(&j->lock);
    if (i < j->bad) {
        j->bad = i;
        j->err = e;
    }
    pthread_mutex_unlock(&j->lock);
}

static int load_new_docs(corpus *c, size_t first, const load_opts *o,
                         int walk_rc, cr_error *e)
{
    load_job j = {.c = c, .o = o, .first = first, .bad = SIZE_MAX};
    atomic_init(&j.done, 0);
    pthread_mutex_init(&j.lock, NULL);
    pool_for(c->n_docs - first, 0, load_one, &j);
    pthread_mutex_destroy(&j.lock);
    if (j.bad == SIZE_MAX)
        return walk_rc;
    for (size_t i = j.bad; i < c->n_docs; i++) {
        arena_free(&c->docs[i]->arena);
        free(c->docs[i]);
    }
    c->n_docs = j.bad;
    *e = j.err;
    return j.err.code ? j.err.code : CR_EINPUT;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static int has_txt_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

enum { MAX_DIR_DEPTH = 64 };

/* The directories one walk has entered, by device and inode: a directory
 * reached again through a symbolic link (a loop, or two links to one
 * place) is read once, so a link to "." cannot make the walk endless or
 * exponential. An open-addressing set. */
typedef struct dirset {
    struct { dev_t dev; ino_t ino; } *v;
    size_t n, cap;
} dirset;

/* 1 if (dev, ino) was new and is now in the set, 0 if seen, -1 on ENOMEM. */
static int dirset_add(dirset *s, dev_t dev, ino_t ino)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        dirset ns = {calloc(ncap, sizeof *ns.v), 0, ncap};
        if (!ns.v)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i].ino || s->v[i].dev)
                dirset_add(&ns, s->v[i].dev, s->v[i].ino);
        free(s->v);
        *s = ns;
    }
    size_t h = ((size_t)ino * 0x9E3779B97F4A7C15u ^ (size_t)dev) & (s->cap - 1);
    for (; s->v[h].ino || s->v[h].dev; h = (h + 1) & (s->cap - 1))
        if (s->v[h].ino == ino && s->v[h].dev == dev)
            return 0;
    s->v[h].dev = dev;
    s->v[h].ino = ino;
    s->n++;
    return 1;
}

static int add_dir(corpus *c, const char *dir, const load_opts *o, int depth,
                   dirset *seen, cr_error *e)
{
    if (depth > MAX_DIR_DEPTH)
        return cr_error_set(e, CR_EINPUT, dir, 0, 0, 0,
                            "directories nested deeper than %d", MAX_DIR_DEPTH);
    struct stat dst;
    if (stat(dir, &dst) == 0) {
        int fresh = dirset_add(seen, dst.st_dev, dst.st_ino);
        if (fresh < 0)
            return cr_error_set(e, CR_ENOMEM, dir, 0, 0, 0, "out of memory");
        if (!fresh)
            return CR_OK;   /* already read through another path */
    }
    DIR *dh = opendir(dir);
    if (!dh)
        return cr_error_set(e, CR_EINPUT, dir, 0, 0, 0, "cannot open directory: %s",
                            strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = CR_OK;
    while ((de = readdir(dh))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) { rc = CR_ENOMEM; break; }
            names = nn;
        }
        /* names[i][0] is the entry's d_type: a stat per file is then needed
         * only when the file system does not say (DT_UNKNOWN) or for links. */
        size_t len = strlen(de->d_name);
        if (!(names[n] = malloc(len + 2))) { rc = CR_ENOMEM; break; }
        names[n][0] = (char)de->d_type;
        memcpy(names[n] + 1, de->d_name, len + 1);
        n++;
    }
    closedir(dh);
    if (rc) {
        cr_error_set(e, CR_ENOMEM, dir, 0, 0, 0, "out of memory");
        goto out;
    }
    qsort(names, n, sizeof *names, cmp_name);

    arena scratch;
    arena_init(&scratch);
    manifest_row *rows;
    size_t n_rows = manifest_read(dir, &scratch, &rows);
    for (size_t i = 0; i < n && !rc; i++) {
        const char *name = names[i] + 1;
        char path[4096];
        int len = snprintf(path, sizeof path, "%s%s%s", dir,
                           dir[strlen(dir) - 1] == '/' ? "" : "/", name);
        if (len < 0 || (size_t)len >= sizeof path) {
            rc = cr_error_set(e, CR_EINPUT, dir, 0, 0, 0, "path too long");
            break;
        }
        unsigned char type = (unsigned char)names[i][0];
        if (type != DT_DIR && type != DT_REG) {
            struct stat st;
            if (stat(path, &st) != 0)
                continue;   /* vanished or dangling link: nothing to read */
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) {
            rc = add_dir(c, path, o, depth + 1, seen, e);
        } else if (type == DT_REG && has_txt_suffix(name)) {
            const manifest_row *meta = NULL;
            for (size_t k = 0; k < n_rows; k++)
                if (strcmp(rows[k].file, name) == 0)
                    meta = &rows[k];
            rc = add_file(c, path, meta, o, e);
        }
    }
    arena_free(&scratch);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int add_path(corpus *c, const char *path, const load_opts *o, cr_error *e)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        dirset seen = {0};
        int rc = add_dir(c, path, o, 0, &seen, e);
        free(seen.v);
        return rc;
    }
    /* A single file may still be listed in its directory's manifest. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    const char *base = path;
    if (slash) { *slash = '\0'; base = slash + 1 - dir + path; }
    else snprintf(dir, sizeof dir, ".");
    arena scratch;
    arena_init(&scratch);
    manifest_row *rows;
    size_t n_rows = manifest_read(dir, &scratch, &rows);
    const manifest_row *meta = NULL;
    for (size_t k = 0; k < n_rows; k++)
        if (strcmp(rows[k].file, base) == 0)
            meta = &rows[k];
    int rc = add_file(c, path, meta, o, e);
    arena_free(&scratch);
    return rc;
}

/* Find the files first, then read them all at once on several threads. */
int corpus_add_path(corpus *c, const char *path, const load_opts *o, cr_error *e)
{
    size_t first = c->n_docs;
    if (o)
        c->load = *o;
    else
        memset(&c->load, 0, sizeof c->load);
    int rc = add_path(c, path, o, e);
    if (o && o->defer)
        return rc;
    return load_new_docs(c, first, o, rc, e);
}

/* ---- stages -------------------------------------------------------------- */

static int ensure_lexicon(corpus *c, cr_error *e)
{
    if (c->lexicon)
        return CR_OK;
    c->lexicon = lexicon_new();
    if (!c->lexicon)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    return lexicon_load_default(c->lexicon, e);
}

/* The per-document stages run on the pool (pool.h), one job per document:
 * documents are independent until entities are resolved across the corpus,
 * and again between resolution and cross-referencing (claims). Shared data
 * (lexicon, entity rules and tagger, figure words, claim rules) is loaded
 * before and only read by the jobs. As in a serial loop, the error reported
 * is that of the lowest-index failing document; progress is reported from
 * the calling thread (worker 0) only. */
typedef struct run_job {
    corpus *c;
    size_t first;               /* job k runs document first + k */
    enum stage upto;
    const claim_rules *rules;   /* NULL: the per-document pass before resolve */
    const char *label;
    bool stream;                /* corpus_stream: no progress, read deferred documents */
    atomic_size_t done;
    size_t reported;            /* worker 0 only */
    atomic_size_t bad;          /* lowest failing index, or SIZE_MAX */
    pthread_mutex_t lock;
    cr_error err;
} run_job;

/* ---- releasing tokens (corpus.release_tokens) ------------------------------ */

/* Segment d with its tokens (and, for a moment, its sentences) in
 * d->tok_arena: segment_document allocates in d->arena, so the two are
 * swapped around the call. The sentences are then copied into d->arena at
 * their exact size: they stay when the tokens go. With keep_sentences
 * false (tokens made again after a release) the new sentences, the same
 * as the old, are dropped. */
static int segment_apart(const corpus *c, doc *d, bool keep_sentences, cr_error *e)
{
    sentence *old_s = d->sentences;
    size_t old_n = d->n_sentences, old_cap = d->cap_sentences;
    d->sentences = NULL;
    d->n_sentences = d->cap_sentences = 0;
    arena main = d->arena;
    /* blocks no bigger than needed: the tokens get one of their own */
    d->tok_arena.block_min = 1024;
    d->arena = d->tok_arena;
    int rc = segment_document(d, c->lexicon, e);
    d->tok_arena = d->arena;
    d->arena = main;
    if (!rc && keep_sentences) {
        sentence *s = arena_alloc(&d->arena, (d->n_sentences + 1) * sizeof *s);
        if (!s)
            rc = cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
        else {
            if (d->n_sentences)
                memcpy(s, d->sentences, d->n_sentences * sizeof *s);
            d->sentences = d->n_sentences ? s : NULL;
            d->cap_sentences = d->n_sentences;
            return CR_OK;
        }
    }
    if (!keep_sentences) {
        /* the same boundaries: the old sentences name the new tokens */
        if (!rc && d->n_sentences == old_n)
            for (size_t i = 0; i < old_n; i++) {
                old_s[i].tok_first = d->sentences[i].tok_first;
                old_s[i].tok_count = d->sentences[i].tok_count;
            }
        d->sentences = old_s;
        d->n_sentences = old_n;
        d->cap_sentences = old_cap;
    }
    return rc;
}

static void tokens_release(doc *d)
{
    arena_free(&d->tok_arena);   /* claim tokens in d->arena just stay */
    d->tokens = NULL;
    d->n_tokens = d->cap_tokens = 0;
    d->tok_packed = NULL;
    d->tok_packed_len = d->n_tok_packed = 0;
    for (size_t i = 0; i < d->n_sentences; i++)
        d->sentences[i].tok_first = d->sentences[i].tok_count = 0;
}

static bool claims_sorted(const doc *d)
{
    for (size_t i = 1; i < d->n_claims; i++)
        if (d->claims[i].start < d->claims[i - 1].end)
            return false;
    return true;
}

/* ---- packed tokens (release_tokens, a run up to STAGE_XREF) -------------- */

/* Does token t overlap a claim? Tokens in text order over sorted claims:
 * *k (from 0) moves forward past the claims that end before t. */
static bool in_claim(const doc *d, const token *t, size_t *k)
{
    while (*k < d->n_claims && d->claims[*k].end <= t->start)
        (*k)++;
    return *k < d->n_claims && d->claims[*k].start < t->end;
}

/* Does token t overlap a marked sentence? Tokens in text order: *k (from
 * 0) moves forward past the sentences that end before t. */
static bool in_marked(const doc *d, const bool *mark, const token *t, size_t *k)
{
    while (*k < d->n_sentences && d->sentences[*k].end <= t->start)
        (*k)++;
    for (size_t j = *k; j < d->n_sentences && d->sentences[j].start < t->end; j++)
        if (mark[j])
            return true;
    return false;
}

/* Replace d's tokens with t[0..n) packed (tokpack.h) in a tok_arena of
 * their exact size: all of them, with claims_only only those that overlap
 * a claim (what cross-referencing reads; the claims must be sorted), each
 * claim then pointing at its first, or with mark only those that overlap
 * a sentence marked in it. t may be d->tokens. */
static int tokens_pack(doc *d, const token *t, size_t n, bool claims_only, const bool *mark)
{
    size_t bytes = 0, kept = 0, k = 0, ks = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        if ((claims_only && !in_claim(d, &t[i], &k)) || (mark && !in_marked(d, mark, &t[i], &ks)))
            continue;
        bytes += tokpack_size(&t[i], prev);
        prev = t[i].end;
        kept++;
    }
    if (bytes > UINT32_MAX || kept > UINT32_MAX)
        return CR_ENOMEM;   /* a 4 GB document is refused at load anyway */
    arena pk;
    arena_init(&pk);
    pk.block_min = bytes + 1;
    uint8_t *out = arena_alloc_nozero(&pk, bytes + 1);
    if (!out)
        return CR_ENOMEM;
    uint8_t *p = out;
    size_t c = 0;
    prev = 0;
    k = ks = 0;
    for (size_t i = 0; i < n; i++) {
        if ((claims_only && !in_claim(d, &t[i], &k)) || (mark && !in_marked(d, mark, &t[i], &ks)))
            continue;
        /* claims (sorted by start) whose first token this is */
        while (c < d->n_claims && d->claims[c].start < t[i].end && claims_only) {
            d->claims[c].tok_at = (uint32_t)(p - out);
            d->claims[c].tok_base = prev;
            c++;
        }
        p = tokpack_put(p, &t[i], prev);
        prev = t[i].end;
    }
    for (; c < d->n_claims && claims_only; c++) {
        d->claims[c].tok_at = (uint32_t)(p - out);
        d->claims[c].tok_base = prev;
    }
    tokens_release(d);
    d->tok_arena = pk;
    d->tok_packed = out;
    d->tok_packed_len = (uint32_t)bytes;
    d->n_tok_packed = (uint32_t)kept;
    return CR_OK;
}

/* The per-document pass of a run up to STAGE_XREF with release_tokens:
 * keep the tokens of the sentences that overlap a mention, packed. A
 * claim states a figure or names an entity, so it lies in such sentences
 * (the claims pass checks it: tokens_pack_claims); the others, about half
 * of them, would be held until the claims pass for nothing. */
static int tokens_pack_mentioned(doc *d)
{
    if (!d->n_sentences)
        return tokens_pack(d, d->tokens, d->n_tokens, false, NULL);
    bool *mark = calloc(d->n_sentences, sizeof *mark);
    if (!mark)
        return CR_ENOMEM;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *m = &d->mentions[i];
        size_t lo = 0, hi = d->n_sentences;   /* the first ending after its start */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (d->sentences[mid].end <= m->start) lo = mid + 1; else hi = mid;
        }
        for (size_t j = lo; j < d->n_sentences && (d->sentences[j].start < m->end || j == lo); j++)
            mark[j] = true;
    }
    int rc = tokens_pack(d, d->tokens, d->n_tokens, false, mark);
    free(mark);
    return rc;
}

/* Is every byte of every claim inside one of the tokens t[0..n) (in text
 * order)? The segmenter's tokens cover the text, so only tokens dropped
 * by tokens_pack_mentioned leave a hole. */
static bool claims_covered(const doc *d, const token *t, size_t n)
{
    for (size_t i = 0; i < d->n_claims; i++) {
        const claim *cl = &d->claims[i];
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t[mid].end <= cl->start) lo = mid + 1; else hi = mid;
        }
        if (cl->start == cl->end) {   /* empty: the token around it, if any */
            if (lo == n || t[lo].start > cl->start)
                return false;
            continue;
        }
        uint32_t pos = cl->start;
        for (size_t k = lo; k < n && t[k].start < cl->end && pos < cl->end; k++) {
            if (t[k].start > pos)
                return false;
            if (t[k].end > pos)
                pos = t[k].end;
        }
        if (pos < cl->end)
            return false;
    }
    return true;
}

/* The claims pass of a run up to STAGE_XREF with release_tokens: keep only
 * the tokens inside claims, packed, from d->tokens or from those the
 * per-document pass packed (made again if a claim reaches past them). */
static int tokens_pack_claims(const corpus *c, doc *d, cr_error *e)
{
    token *t = NULL;
    size_t n = 0;
    int rc = CR_OK;
    if (!d->tokens) {
        t = malloc((d->n_tok_packed + 1) * sizeof *t);
        if (!t)
            return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
        const uint8_t *p = d->tok_packed, *end = p + d->tok_packed_len;
        uint32_t prev = 0;
        while (p && n < d->n_tok_packed && tokpack_next(&p, end, &prev, &t[n]))
            n++;
        if (!claims_covered(d, t, n)) {
            free(t);
            t = NULL;
            if ((rc = segment_apart(c, d, false, e)))
                return rc;
        }
    }
    if (!claims_sorted(d)) {
        /* claims overlap (not made by claims_extract): every token, and
         * every claim points at its first one from the start */
        free(t);
        if (d->tokens && tokens_pack(d, d->tokens, d->n_tokens, false, NULL))
            return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
        for (size_t i = 0; i < d->n_claims; i++) {
            claim *cl = &d->claims[i];
            const uint8_t *p = d->tok_packed, *end = p + d->tok_packed_len, *at = p;
            uint32_t prev = 0, base = 0;
            token tk;
            while (tokpack_next(&p, end, &prev, &tk) && tk.end <= cl->start) {
                at = p;
                base = prev;
            }
            cl->tok_at = (uint32_t)(at - d->tok_packed);
            cl->tok_base = base;
        }
        return CR_OK;
    }
    rc = d->tokens ? tokens_pack(d, d->tokens, d->n_tokens, true, NULL) : tokens_pack(d, t, n, true, NULL);
    free(t);
    return rc ? cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory") : CR_OK;
}


/* ---- keeping only the claims' text (cross-referencing) -------------------- */

int corpus_keep_names(corpus *c)
{
    for (size_t k = 0; k < c->n_entities; k++) {
        entity *en = &c->entities[k];
        const char *old = en->name;
        if (en->name && !(en->name = arena_strdup(&c->arena, en->name)))
            return CR_ENOMEM;
        if (en->id && !(en->id = arena_strdup(&c->arena, en->id)))
            return CR_ENOMEM;
        for (size_t a = 0; a < en->n_aliases; a++)
            if (en->aliases[a] == old)
                en->aliases[a] = en->name;
    }
    return CR_OK;
}

static size_t asize(size_t n, size_t elem);

typedef struct kspan {
    uint32_t lo, hi;
} kspan;

static int cmp_kspan(const void *pa, const void *pb)
{
    const kspan *a = pa, *b = pb;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return (a->hi > b->hi) - (a->hi < b->hi);
}

/* Where offset o (inside kept span k of r[0..n)) lands in the new text:
 * spans one after the other, a byte between two, so that the order of
 * any two offsets, strict or not, is kept. */
static uint32_t keep_map(const kspan *r, const uint32_t *at, size_t n, uint32_t o)
{
    size_t lo = 0, hi = n;   /* the last span starting at or before o */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].lo <= o) lo = mid + 1; else hi = mid;
    }
    size_t k = lo ? lo - 1 : 0;
    uint32_t d = o > r[k].lo ? o - r[k].lo : 0;
    return at[k] + (d < r[k].hi - r[k].lo ? d : r[k].hi - r[k].lo);
}

int doc_keep_claims(doc *d, uint32_t *offs, size_t n_offs)
{
    if (d->claims_only || !d->text || d->n_tokens || !claims_sorted(d))
        return CR_OK;
    /* the packed tokens, all inside claims since the claims pass */
    size_t nt = d->n_tok_packed;
    token *t = malloc((nt + 1) * sizeof *t);
    size_t ns = nt;
    for (size_t i = 0; i < d->n_claims; i++)
        ns += 2 + d->claims[i].n_mentions;
    kspan *r = malloc((ns + 1) * sizeof *r);
    uint32_t *at = malloc((ns + 1) * sizeof *at);
    if (!t || !r || !at) {
        free(t); free(r); free(at);
        return CR_ENOMEM;
    }
    const uint8_t *p = d->tok_packed, *pend = p + d->tok_packed_len;
    uint32_t prev = 0;
    size_t n = 0;
    while (n < nt && p && tokpack_next(&p, pend, &prev, &t[n]))
        n++;
    nt = n;
    ns = 0;
    for (size_t i = 0; i < nt; i++)
        r[ns++] = (kspan){t[i].start, t[i].end};
    for (size_t i = 0; i < d->n_claims; i++) {
        const claim *cl = &d->claims[i];
        r[ns++] = (kspan){cl->start, cl->end};
        if (cl->source_start || cl->source_end)
            r[ns++] = (kspan){cl->source_start, cl->source_end};
        for (size_t k = 0; k < cl->n_mentions; k++) {
            const mention *m = &d->mentions[cl->mentions[k]];
            r[ns++] = (kspan){m->start, m->end};
        }
    }
    if (ns > 1)
        qsort(r, ns, sizeof *r, cmp_kspan);
    /* merged where they overlap or touch */
    size_t nr = 0;
    for (size_t i = 0; i < ns; i++) {
        if (r[i].hi > d->text_len || r[i].lo > r[i].hi)
            continue;   /* not a span of this text */
        if (nr && r[i].lo <= r[nr - 1].hi) {
            if (r[i].hi > r[nr - 1].hi)
                r[nr - 1].hi = r[i].hi;
        } else {
            r[nr++] = r[i];
        }
    }
    size_t len = 0;
    for (size_t i = 0; i < nr; i++) {
        at[i] = (uint32_t)(len + (i > 0));
        len = at[i] + (r[i].hi - r[i].lo);
    }
    arena to;
    arena_init(&to);
    to.block_min = asize(len + 1, 1) + asize(d->n_claims ? d->n_claims : 1, sizeof *d->claims);
    char *text = arena_alloc_nozero(&to, len + 1);
    claim *cl = arena_alloc_nozero(&to, (d->n_claims ? d->n_claims : 1) * sizeof *cl);
    if (!text || !cl) {
        arena_free(&to);
        free(t); free(r); free(at);
        return CR_ENOMEM;
    }
    for (size_t i = 0; i < nr; i++) {
        if (i)
            text[at[i] - 1] = '\n';
        memcpy(text + at[i], d->text + r[i].lo, r[i].hi - r[i].lo);
    }
    text[len] = '\0';
    for (size_t i = 0; i < d->n_claims; i++) {
        cl[i] = d->claims[i];
        cl[i].start = keep_map(r, at, nr, cl[i].start);
        cl[i].end = keep_map(r, at, nr, cl[i].end);
        if (cl[i].source_start || cl[i].source_end) {
            cl[i].source_start = keep_map(r, at, nr, cl[i].source_start);
            cl[i].source_end = keep_map(r, at, nr, cl[i].source_end);
        }
        cl[i].mentions = NULL;
        cl[i].n_mentions = 0;
    }
    for (size_t i = 0; i < nt; i++) {
        t[i].start = keep_map(r, at, nr, t[i].start);
        t[i].end = keep_map(r, at, nr, t[i].end);
    }
    for (size_t i = 0; i < n_offs; i++)
        offs[i] = keep_map(r, at, nr, offs[i]);
    free(r);
    free(at);
    arena_free(&d->arena);
    d->arena = to;
    d->text = text;
    d->text_len = (uint32_t)len;
    d->title_span.start = d->title_span.end = 0;
    d->damage = NULL;
    d->n_damage = d->cap_damage = 0;
    d->sentences = NULL;
    d->n_sentences = d->cap_sentences = 0;
    d->mentions = NULL;
    d->n_mentions = d->cap_mentions = 0;
    d->claims = d->claims ? cl : NULL;
    d->cap_claims = d->n_claims;
    d->claims_only = true;
    int rc = d->tok_packed ? tokens_pack(d, t, nt, true, NULL) : CR_OK;
    free(t);
    return rc;
}

/* ---- releasing raw text (corpus.release_raw) ------------------------------- */

static void raw_forget(doc *d)
{
    d->raw = NULL;
    d->raw_len = 0;
    memset(&d->map, 0, sizeof d->map);
    d->removed = NULL;
    d->n_removed = d->cap_removed = 0;
}

/* Read d if it was only listed, and clean it, with the raw text and
 * everything the cleaner makes in a separate arena: d->arena is swapped
 * around the calls (text_load and text_clean allocate there). Then the
 * cleaned text and damage spans, all the later stages read, are copied
 * into d->arena and the rest is freed. A document read before the run
 * keeps its raw bytes in d->arena (only the pointer goes). */
static int clean_apart(const corpus *c, doc *d, cr_error *e)
{
    arena main = d->arena;
    arena_init(&d->arena);
    int rc = d->raw ? CR_OK : text_load(d, d->path, &c->load, e);
    if (!rc)
        rc = text_clean(d, e);
    arena src = d->arena;
    d->arena = main;
    if (!rc) {
        char *text = arena_alloc_nozero(&d->arena, (size_t)d->text_len + 1);
        damage *dm = d->n_damage ? arena_alloc_nozero(&d->arena, d->n_damage * sizeof *dm) : NULL;
        if (!text || (d->n_damage && !dm)) {
            rc = cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
            d->text = NULL;
        } else {
            memcpy(text, d->text, (size_t)d->text_len + 1);
            d->text = text;
            if (dm)
                memcpy(dm, d->damage, d->n_damage * sizeof *dm);
            d->damage = dm;
            d->cap_damage = d->n_damage;
        }
    }
    if (rc) {
        d->text = NULL;
        d->damage = NULL;
        d->n_damage = d->cap_damage = 0;
    }
    arena_free(&src);
    raw_forget(d);
    return rc;
}

/* ---- compacting a document (corpus.release_raw) ---------------------------- */

/* Bytes of n elements of size elem as the arena hands them out. */
static size_t asize(size_t n, size_t elem)
{
    const size_t align = _Alignof(max_align_t);
    size_t b = n * elem;
    return b ? (b + align - 1) & ~(align - 1) : align;
}

static void *copy_to(arena *a, const void *p, size_t n, size_t elem)
{
    void *q = arena_alloc_nozero(a, n ? n * elem : 1);
    if (q && n)
        memcpy(q, p, n * elem);
    return q;
}

/* A string a mention points at, copied when it lives in `old`. */
static size_t str_need(const arena *old, const char *s)
{
    return s && arena_owns(old, s) ? asize(strlen(s) + 1, 1) : 0;
}

static const char *str_move(const arena *old, arena *to, const char *s)
{
    return s && arena_owns(old, s) ? copy_to(to, s, strlen(s) + 1, 1) : s;
}

/* After the per-document stages, d->arena holds what the later stages read
 * (cleaned text, damage spans, sentences, mentions and the strings they
 * own, tokens kept there) amid the extractor's scratch, the abandoned
 * copies of arrays that grew, and the unused tails of its blocks: about a
 * third of it. Copy what is kept into one block of its exact size and free
 * the rest. Only before entities are resolved (they point at mention
 * names) and before claims (nothing else points into d->arena). */
static int doc_compact(doc *d)
{
    const arena *old = &d->arena;
    size_t need = asize((size_t)d->text_len + 1, 1) + asize(d->n_damage, sizeof *d->damage) +
                  asize(d->n_sentences, sizeof *d->sentences) +
                  asize(d->n_mentions, sizeof *d->mentions);
    bool tokens_here = d->tokens && arena_owns(old, d->tokens);
    if (tokens_here)
        need += asize(d->n_tokens, sizeof *d->tokens);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *m = &d->mentions[i];
        need += str_need(old, m->name) + str_need(old, m->unit) + str_need(old, m->lex_id);
    }
    arena to;
    arena_init(&to);
    to.block_min = need;
    char *text = copy_to(&to, d->text, (size_t)d->text_len + 1, 1);
    damage *dm = copy_to(&to, d->damage, d->n_damage, sizeof *dm);
    sentence *st = copy_to(&to, d->sentences, d->n_sentences, sizeof *st);
    mention *ms = copy_to(&to, d->mentions, d->n_mentions, sizeof *ms);
    token *tk = tokens_here ? copy_to(&to, d->tokens, d->n_tokens, sizeof *tk) : d->tokens;
    bool ok = text && dm && st && ms && (!tokens_here || tk);
    for (size_t i = 0; ok && i < d->n_mentions; i++) {
        mention *m = &ms[i];
        m->name = str_move(old, &to, m->name);
        m->unit = str_move(old, &to, m->unit);
        m->lex_id = str_move(old, &to, m->lex_id);
        ok = (!d->mentions[i].name || m->name) && (!d->mentions[i].unit || m->unit) &&
             (!d->mentions[i].lex_id || m->lex_id);
    }
    if (!ok) {
        arena_free(&to);
        return CR_ENOMEM;
    }
    /* a NULL array stays NULL: the stages read "not done yet" from it */
    d->text = text;
    d->damage = d->damage ? dm : NULL;
    d->cap_damage = d->n_damage;
    d->sentences = d->sentences ? st : NULL;
    d->cap_sentences = d->n_sentences;
    d->mentions = d->mentions ? ms : NULL;
    d->cap_mentions = d->n_mentions;
    if (tokens_here) {
        d->tokens = tk;
        d->cap_tokens = d->n_tokens;
    }
    arena_free(&d->arena);
    d->arena = to;
    d->arena.block_min = 1024;   /* claims come later, a few hundred bytes */
    return CR_OK;
}

/* The claims pass with release_raw: claims and their mention lists are
 * made in an arena of their own (with the rules' scratch) and kept at
 * their exact size, d->arena otherwise untouched. */
static int claims_apart(const corpus *c, doc *d, const claim_rules *rules, cr_error *e)
{
    arena main = d->arena;
    arena_init(&d->arena);
    int rc = claims_extract_with(d, c, rules, e);
    arena x = d->arena;
    d->arena = main;
    if (!rc) {
        size_t need = asize(d->n_claims ? d->n_claims : 1, sizeof *d->claims);
        for (size_t i = 0; i < d->n_claims; i++)
            need += asize(d->claims[i].n_mentions, sizeof *d->claims[i].mentions);
        size_t min = d->arena.block_min;
        d->arena.block_min = need;
        claim *cl = arena_alloc(&d->arena, (d->n_claims ? d->n_claims : 1) * sizeof *cl);
        if (cl && d->n_claims)
            memcpy(cl, d->claims, d->n_claims * sizeof *cl);
        for (size_t i = 0; cl && i < d->n_claims; i++) {
            if (!cl[i].mentions)
                continue;
            uint32_t *mi = copy_to(&d->arena, cl[i].mentions, cl[i].n_mentions, sizeof *mi);
            if (!mi)
                cl = NULL;
            else
                cl[i].mentions = mi;
        }
        d->arena.block_min = min;
        if (!cl)
            rc = cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
        d->claims = cl;
        d->cap_claims = d->n_claims;
    }
    if (rc) {
        d->claims = NULL;
        d->n_claims = d->cap_claims = 0;
    }
    arena_free(&x);
    return rc;
}

/* may_read: documents listed with load_opts.defer are read here (streaming,
 * or release_raw); otherwise they are refused. */
static int doc_stages(const corpus *c, doc *d, enum stage upto, bool may_read, cr_error *e)
{
    int rc;
    bool release = c->release_tokens && upto >= STAGE_EXTRACT;
    if (d->claims_only)   /* cross-referenced: what the stages made is gone */
        return CR_OK;
    if (!d->raw && !d->text && upto >= STAGE_CLEAN) {
        if (may_read && !c->release_raw && (rc = text_load(d, d->path, &c->load, e)))
            return rc;
        if (!may_read && !c->release_raw)   /* listed with load_opts.defer, never read */
            return cr_error_set(e, CR_EINPUT, d->path, 0, 0, 0, "document not read");
    }
    if (upto >= STAGE_CLEAN && !d->text &&
        (rc = c->release_raw ? clean_apart(c, d, e) : text_clean(d, e)))
        return rc;
    /* Sentences without tokens: the tokens were released. They are made
     * again only for a stage that reads them. */
    bool released = !d->tokens && d->sentences;
    if (upto >= STAGE_SEGMENT && !d->tokens && !released &&
        (rc = release ? segment_apart(c, d, true, e) : segment_document(d, c->lexicon, e)))
        return rc;
    if (upto >= STAGE_EXTRACT && !d->mentions) {
        if (released && (rc = segment_apart(c, d, false, e)))
            return rc;
        if ((rc = entities_extract(d, c, e)))
            return rc;
        if ((rc = figures_extract(d, c)))
            return cr_error_set(e, rc, d->path, 0, 0, 0, "out of memory");
    }
    if (release && upto < STAGE_XREF)
        tokens_release(d);
    else if (release && d->tokens && tokens_pack_mentioned(d))
        return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
    if (c->release_raw && !c->entities && !d->claims && doc_compact(d))
        return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
    return CR_OK;
}

/* The claims pass: claims, and the tokens cross-referencing will read. */
static int doc_claims(const corpus *c, doc *d, enum stage upto, const claim_rules *rules,
                      cr_error *e)
{
    int rc;
    if (!d->claims && (rc = c->release_raw ? claims_apart(c, d, rules, e)
                                           : claims_extract_with(d, c, rules, e)))
        return rc;
    if (upto < STAGE_XREF || c->links)
        return CR_OK;
    if (!d->tokens && !d->tok_packed && d->sentences && d->n_claims &&
        (rc = segment_apart(c, d, false, e)))
        return rc;   /* released by an earlier run: made again */
    if (c->release_tokens && (d->tokens || d->tok_packed) && (rc = tokens_pack_claims(c, d, e)))
        return rc;
    return CR_OK;
}

static void run_one(void *arg, size_t i, unsigned worker)
{
    run_job *j = arg;
    corpus *c = j->c;
    i += j->first;
    doc *d = c->docs[i];
    cr_error e;
    cr_error_clear(&e);
    int rc = CR_OK;
    /* Documents after a failed one would be dropped by a serial loop:
     * don't spend time on them. */
    if (i < atomic_load_explicit(&j->bad, memory_order_relaxed)) {
        if (j->rules)
            rc = doc_claims(c, d, j->upto, j->rules, &e);
        else
            rc = doc_stages(c, d, j->upto, j->stream, &e);
    }
    if (rc) {
        pthread_mutex_lock(&j->lock);
        if (i < atomic_load(&j->bad)) {
            atomic_store(&j->bad, i);
            j->err = e;
        }
        pthread_mutex_unlock(&j->lock);
    }
    size_t done = atomic_fetch_add(&j->done, 1) + 1;
    if (worker == 0 && c->progress && !j->stream && done >= j->reported + 16) {
        j->reported = done;
        c->progress(c->progress_ctx, j->label, done, c->n_docs);
    }
}

static int run_pool(corpus *c, enum stage upto, const claim_rules *rules,
                    const char *label, cr_error *e)
{
    run_job j = {.c = c, .upto = upto, .rules = rules, .label = label};
    atomic_init(&j.done, 0);
    atomic_init(&j.bad, SIZE_MAX);
    pthread_mutex_init(&j.lock, NULL);
    if (c->progress)
        c->progress(c->progress_ctx, label, 0, c->n_docs);
    pool_for(c->n_docs, 0, run_one, &j);
    pthread_mutex_destroy(&j.lock);
    if (c->progress && j.reported != c->n_docs)
        c->progress(c->progress_ctx, label, c->n_docs, c->n_docs);
    if (atomic_load(&j.bad) == SIZE_MAX)
        return CR_OK;
    *e = j.err;
    return j.err.code ? j.err.code : CR_EINPUT;
}

int corpus_run(corpus *c, enum stage upto, cr_error *e)
{
    int rc;
    if (upto >= STAGE_SEGMENT && (rc = ensure_lexicon(c, e)))
        return rc;
    if (upto >= STAGE_EXTRACT && !c->entity_rules && (rc = entities_prepare(c, e)))
        return rc;
    if (upto >= STAGE_EXTRACT && !c->figures &&
        (rc = figures_data_load(&c->figures, NULL, e)))
        return rc;
    if (upto >= STAGE_CLEAN && (rc = run_pool(c, upto, NULL, "analysing", e)))
        return rc;
    if (c->progress && upto >= STAGE_EXTRACT)
        c->progress(c->progress_ctx, "resolving entities", 0, 0);
    /* Nothing from resolution on reads the tagger (12 MB): a run that
     * frees what it no longer needs lets it go, and the word lists after
     * resolution (another run loads both again). */
    bool drop_tagger = c->release_tokens && upto >= STAGE_CLAIMS;
    if (drop_tagger)
        entities_release_tagger(c);
    if (upto >= STAGE_EXTRACT && !c->entities && (rc = entities_resolve(c, e))) {
        if (drop_tagger)
            entities_release(c);
        return rc;
    }
    if (drop_tagger)
        entities_release(c);
    bool need_claims = false;
    for (size_t i = 0; upto >= STAGE_CLAIMS && i < c->n_docs && !need_claims; i++)
        need_claims = !c->docs[i]->claims ||
                      (upto >= STAGE_XREF && !c->links &&
                       (c->release_tokens || (!c->docs[i]->tokens && c->docs[i]->sentences)));
    if (need_claims) {
        /* The claim rules are read once here, not once per document. */
        arena scratch;
        arena_init(&scratch);
        claim_rules rules = {0};
        rc = claim_rules_load_default(&rules, &scratch, e);
        if (!rc)
            rc = run_pool(c, upto, &rules, "finding claims", e);
        arena_free(&scratch);
        if (rc)
            return rc;
    }
    if (c->progress && upto >= STAGE_XREF)
        c->progress(c->progress_ctx, "cross-referencing", 0, 0);
    if (upto >= STAGE_XREF && !c->links && (rc = xref_link_corpus(c, e)))
        return rc;
    if (c->release_tokens && upto >= STAGE_XREF)
        for (size_t i = 0; i < c->n_docs; i++)
            if (c->docs[i]->sentences)
                tokens_release(c->docs[i]);
    return CR_OK;
}

/* ---- streaming ------------------------------------------------------------ */

/* Everything a document holds but its identity and metadata. */
static void doc_drop(doc *d)
{
    arena_free(&d->arena);
    arena_free(&d->tok_arena);
    doc keep = {.id = d->id, .path = d->path, .title = d->title,
                .outlet = d->outlet, .date = d->date, .script = d->script};
    *d = keep;
    arena_init(&d->arena);
    arena_init(&d->tok_arena);
}

/* A batch: documents until this much raw text (read, or to be read) or this
 * many documents, and at least a few per worker so the pool stays busy. */
enum { STREAM_BATCH_BYTES = 1 << 20, STREAM_BATCH_DOCS = 64, STREAM_PER_WORKER = 4 };

static size_t doc_size_hint(const doc *d)
{
    if (d->raw)
        return d->raw_len;
    struct stat st;
    return d->path && stat(d->path, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size : 4096;
}

int corpus_stream(corpus *c, enum stage upto, corpus_emit_fn emit, void *ctx, cr_error *e)
{
    int rc;
    if (upto > STAGE_SEGMENT)
        return cr_error_set(e, CR_EINPUT, "", 0, 0, 0,
                            "corpus_stream: stages after segmenting need the whole corpus");
    if (upto >= STAGE_SEGMENT && (rc = ensure_lexicon(c, e)))
        return rc;
    size_t min_docs = (size_t)pool_workers(c->n_docs, 0) * STREAM_PER_WORKER;
    for (size_t first = 0; first < c->n_docs;) {
        size_t n = 0, bytes = 0;
        while (first + n < c->n_docs && n < STREAM_BATCH_DOCS &&
               (n < min_docs || bytes < STREAM_BATCH_BYTES))
            bytes += doc_size_hint(c->docs[first + n++]);
        run_job j = {.c = c, .first = first, .upto = upto, .stream = true};
        atomic_init(&j.done, 0);
        atomic_init(&j.bad, SIZE_MAX);
        pthread_mutex_init(&j.lock, NULL);
        if (upto >= STAGE_CLEAN)
            pool_for(n, 0, run_one, &j);
        pthread_mutex_destroy(&j.lock);
        size_t bad = atomic_load(&j.bad);
        for (size_t i = first; i < first + n && i < bad; i++) {
            emit(ctx, i, c->docs[i]);
            doc_drop(c->docs[i]);
        }
        if (bad != SIZE_MAX) {
            *e = j.err;
            return j.err.code ? j.err.code : CR_EINPUT;
        }
        first += n;
    }
    return CR_OK;
}

void doc_raw_position(const doc *d, uint32_t clean_off, size_t *line, size_t *col)
{
    uint32_t raw = offmap_raw(&d->map, clean_off);
    if (raw > d->raw_len)
        raw = (uint32_t)d->raw_len;
    size_t ln = 1, linestart = 0;
    for (uint32_t i = 0; i < raw; i++)
        if (d->raw[i] == '\n') { ln++; linestart = i + 1; }
    size_t cl = 1;
    for (size_t i = linestart; i < raw;) {
        UChar32 ch;
        int32_t k = (int32_t)i;
        U8_NEXT(d->raw, k, (int32_t)raw, ch);
        (void)ch;
        i = (size_t)k;
        cl++;
    }
    *line = ln;
    *col = cl;
}
