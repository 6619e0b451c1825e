/* test_corpus.c — corpus_run on the thread pool: the results with one
 * thread and with several are identical, the error reported is that of the
 * lowest-index failing document, progress comes from the calling thread
 * only, and releasing tokens changes no result. */
#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "claims.h"
#include "corpus.h"
#include "entities.h"
#include "xref.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The test texts: the bundled articles and the test articles, each added
 * three times so that documents repeat and cross-reference. */
static size_t add_texts(corpus *c, int copies)
{
    const char *dt = getenv("CROSSREAD_DATADIR"), *td = getenv("CR_TEST_DATA");
    char dirs[3][4096];
    snprintf(dirs[0], sizeof dirs[0], "%s/corpus", dt ? dt : ".");
    snprintf(dirs[1], sizeof dirs[1], "%s/entities", td ? td : "tests/data");
    snprintf(dirs[2], sizeof dirs[2], "%s/xref/pair", td ? td : "tests/data");
    size_t added = 0;
    for (int copy = 0; copy < copies; copy++)
        for (int k = 0; k < 3; k++) {
            struct dirent **names;
            int n = scandir(dirs[k], &names, NULL, alphasort);
            for (int i = 0; i < n; i++) {
                const char *nm = names[i]->d_name;
                size_t l = strlen(nm);
                if (l > 4 && !strcmp(nm + l - 4, ".txt")) {
                    char path[16384], id[16400];
                    snprintf(path, sizeof path, "%s/%s", dirs[k], nm);
                    snprintf(id, sizeof id, "%d:%s", copy, path);
                    size_t len;
                    char *buf = slurp(path, &len);
                    cr_error e;
                    if (buf && corpus_add_buffer(c, id, buf, len, NULL, &e) == CR_OK)
                        added++;
                    free(buf);
                }
                free(names[i]);
            }
            if (n > 0)
                free(names);
        }
    return added;
}

/* Everything the stages produced, as text (tokens too unless they were
 * released). */
static void dump_doc(FILE *f, size_t di, const doc *d, bool tokens)
{
        fprintf(f, "doc %zu %s %u\n", di, d->id, d->text_len);
        fwrite(d->text, 1, d->text_len, f);
        for (size_t i = 0; tokens && i < d->n_tokens; i++)
            fprintf(f, "t %u %u %u %u\n", d->tokens[i].start, d->tokens[i].end,
                    d->tokens[i].kind, d->tokens[i].flags);
        for (size_t i = 0; i < d->n_sentences; i++)
            fprintf(f, "s %u %u %u %u\n", d->sentences[i].start, d->sentences[i].end,
                    tokens ? d->sentences[i].tok_first : 0, tokens ? d->sentences[i].tok_count : 0);
        for (size_t i = 0; i < d->n_mentions; i++) {
            const mention *m = &d->mentions[i];
            fprintf(f, "m %u %u %u %d %s %lld/%d %s %s %u %s %u %u\n", m->start, m->end,
                    m->type, m->entity, m->name ? m->name : "-",
                    (long long)m->value.coef, m->value.scale, m->currency,
                    m->unit ? m->unit : "-", m->qualifier, m->lex_id ? m->lex_id : "-",
                    m->source, m->flags);
        }
        for (size_t i = 0; i < d->n_claims; i++) {
            const claim *cl = &d->claims[i];
            fprintf(f, "c %u %u %u %d %u %u %u %u %u:", cl->id, cl->start, cl->end,
                    cl->source_entity, cl->source_start, cl->source_end, cl->flags,
                    cl->periods, cl->parts);
            for (size_t k = 0; k < cl->n_mentions; k++)
                fprintf(f, " %u", cl->mentions[k]);
            fputc('\n', f);
        }
}

/* The corpus-wide results: entities, then links. */
static void dump_entities_links(FILE *f, const corpus *c)
{
    for (size_t i = 0; i < c->n_entities; i++)
        fprintf(f, "e %s %s %u %zu\n", c->entities[i].id, c->entities[i].name,
                c->entities[i].type, c->entities[i].n_aliases);
    for (size_t i = 0; i < c->n_links; i++) {
        const xref_link *l = &c->links[i];
        fprintf(f, "l %u %.6f %s %u %u %d %d\n", l->relation, l->score,
                l->why ? l->why : "-", l->left_doc, l->left_claim, l->right_doc,
                l->right_claim);
    }
}

static char *dump_opt(const corpus *c, bool tokens)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    for (size_t di = 0; di < c->n_docs; di++)
        dump_doc(f, di, c->docs[di], tokens);
    dump_entities_links(f, c);
    fclose(f);
    return out;
}

static char *dump(const corpus *c) { return dump_opt(c, true); }

static pthread_t caller;
static int progress_calls, progress_elsewhere;
static size_t progress_last_done;

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
    (void)ctx;
    (void)stage;
    (void)total;
    progress_calls++;   /* only this thread writes: checked below */
    if (!pthread_equal(pthread_self(), caller))
        progress_elsewhere++;
    progress_last_done = done;
}

static char *run_with(const char *threads, size_t *n_docs, size_t *n_links)
{
    setenv("CROSSREAD_THREADS", threads, 1);
    corpus c;
    corpus_init(&c);
    add_texts(&c, 3);
    c.progress = on_progress;
    caller = pthread_self();
    progress_calls = progress_elsewhere = 0;
    cr_error e;
    cr_error_clear(&e);
    int rc = corpus_run(&c, STAGE_XREF, &e);
    CHECK_INT(rc, CR_OK);
    if (rc)
        fprintf(stderr, "corpus_run: %s\n", e.msg);
    CHECK(progress_calls > 0);
    CHECK_INT(progress_elsewhere, 0);
    *n_docs = c.n_docs;
    *n_links = c.n_links;
    char *s = dump(&c);
    corpus_free(&c);
    return s;
}

static void test_same_results(void)
{
    size_t nd1, nl1, nd2, nl2, nd3, nl3;
    char *one = run_with("1", &nd1, &nl1);
    char *two = run_with("2", &nd2, &nl2);
    char *four = run_with("4", &nd3, &nl3);
    CHECK(nd1 >= 12);
    CHECK(nl1 > 0);
    CHECK_INT(nd2, nd1);
    CHECK_INT(nl2, nl1);
    CHECK(one && two && four);
    if (one && two && four) {
        CHECK(strlen(one) > 10000);
        CHECK(strcmp(one, two) == 0);
        CHECK(strcmp(one, four) == 0);
    }
    free(one);
    free(two);
    free(four);
}

/* Between the per-document pass and resolution: the packed tokens of
 * every other document lost (as if a claim reached past the sentences
 * whose tokens were kept), so the claims pass must make them again. */
static void lose_tokens(void *ctx, const char *stage, size_t done, size_t total)
{
    corpus *c = ctx;
    (void)done, (void)total;
    if (strcmp(stage, "resolving entities"))
        return;
    for (size_t i = 0; i < c->n_docs; i += 2)
        if (c->docs[i]->tok_packed) {
            c->docs[i]->tok_packed_len /= 3;
            c->docs[i]->n_tok_packed /= 3;
        }
}

/* corpus.release_tokens: the same results with the tokens freed along
 * the way, in one run or in two (the second makes them again for xref),
 * or with tokens missing at the claims pass (made again). */
static void test_release_tokens(void)
{
    setenv("CROSSREAD_THREADS", "2", 1);
    char *want = NULL, *got[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 4; k++) {
        corpus c;
        corpus_init(&c);
        add_texts(&c, 2);
        c.release_tokens = k > 0;
        if (k == 3) {
            c.progress = lose_tokens;
            c.progress_ctx = &c;
        }
        cr_error e;
        cr_error_clear(&e);
        if (k == 2)
            CHECK_INT(corpus_run(&c, STAGE_EXTRACT, &e), CR_OK);
        CHECK_INT(corpus_run(&c, STAGE_XREF, &e), CR_OK);
        size_t left = 0;
        for (size_t i = 0; i < c.n_docs; i++)
            left += c.docs[i]->n_tokens + (c.docs[i]->tokens != NULL);
        if (k == 0) {
            CHECK(left > 0);
            want = dump_opt(&c, false);
        } else {
            CHECK_INT(left, 0);
            got[k - 1] = dump_opt(&c, false);
        }
        corpus_free(&c);
    }
    CHECK(want && got[0] && got[1] && got[2]);
    if (want && got[0] && got[1] && got[2]) {
        CHECK(strstr(want, "\nl ") != NULL);
        CHECK(strcmp(want, got[0]) == 0);
        CHECK(strcmp(want, got[1]) == 0);
        CHECK(strcmp(want, got[2]) == 0);
    }
    free(want);
    free(got[0]);
    free(got[1]);
    free(got[2]);
}

/* Several documents fail (never read); the lowest index is reported whatever
 * the number of threads. */
static void test_first_error(void)
{
    const char *counts[] = {"1", "2", "4"};
    for (int k = 0; k < 3; k++) {
        setenv("CROSSREAD_THREADS", counts[k], 1);
        for (int rep = 0; rep < 10; rep++) {
            corpus c;
            corpus_init(&c);
            size_t n = add_texts(&c, 2);
            CHECK(n >= 8);
            if (n < 8) {
                corpus_free(&c);
                return;
            }
            /* Neighbours fail at once on different threads. */
            for (size_t i = 3; i < 7; i++)
                c.docs[i]->raw = NULL;
            c.docs[n - 1]->raw = NULL;
            cr_error e;
            cr_error_clear(&e);
            int rc = corpus_run(&c, STAGE_CLAIMS, &e);
            CHECK_INT(rc, CR_EINPUT);
            CHECK_STR(e.file, c.docs[3]->path);
            corpus_free(&c);
        }
    }
}

/* The test directories, listed (load_opts.defer) or read. */
static void add_dirs(corpus *c, bool defer)
{
    const char *td = getenv("CR_TEST_DATA");
    char dir[4096];
    load_opts o = {.defer = defer};
    cr_error e;
    cr_error_clear(&e);
    snprintf(dir, sizeof dir, "%s/entities", td ? td : "tests/data");
    CHECK_INT(corpus_add_path(c, dir, &o, &e), CR_OK);
    snprintf(dir, sizeof dir, "%s/xref", td ? td : "tests/data");
    CHECK_INT(corpus_add_path(c, dir, &o, &e), CR_OK);
}

/* What the links and their report read: each claim's text and
 * attributes, the entities, the links. */
static char *dump_claims(const corpus *c)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    for (size_t di = 0; di < c->n_docs; di++) {
        const doc *d = c->docs[di];
        fprintf(f, "doc %zu %s %zu\n", di, d->id, d->n_claims);
        for (size_t i = 0; i < d->n_claims; i++) {
            const claim *cl = &d->claims[i];
            size_t sl;
            const char *src = claim_source_text(d, cl, &sl);
            fprintf(f, "c %u %d %u %u %u [%.*s] [%.*s]\n", cl->id, cl->source_entity, cl->flags,
                    cl->periods, cl->parts, (int)(cl->end - cl->start), d->text + cl->start,
                    src ? (int)sl : 0, src ? src : "");
        }
    }
    dump_entities_links(f, c);
    fclose(f);
    return out;
}

/* corpus.release_raw: the same results with raw text freed after cleaning
 * and each document compacted, whether the documents were read before the
 * run or only listed (read in the run), in one run or in two; raw text,
 * offset maps and removed spans are gone after it, and the documents hold
 * less memory. Up to STAGE_CLAIMS everything is the same; up to STAGE_XREF
 * (with release_tokens) the documents keep only their claims' text
 * (doc_keep_claims), and the claims' text and sources, the entities and
 * the links are the same. */
static void test_release_raw(void)
{
    setenv("CROSSREAD_THREADS", "2", 1);
    for (int upto = STAGE_CLAIMS; upto <= STAGE_XREF; upto++) {
    char *want = NULL;
    size_t want_mem = 0, want_text = 0;
    for (int k = 0; k < 5; k++) {
        corpus c;
        corpus_init(&c);
        if (k < 3)
            add_texts(&c, 2);
        else
            add_dirs(&c, k == 4);
        c.release_tokens = true;
        c.release_raw = k == 1 || k == 2 || k == 4;
        cr_error e;
        cr_error_clear(&e);
        if (k == 2)
            CHECK_INT(corpus_run(&c, STAGE_EXTRACT, &e), CR_OK);
        CHECK_INT(corpus_run(&c, (enum stage)upto, &e), CR_OK);
        size_t raw = 0, mem = 0, text = 0, kept = 0;
        for (size_t i = 0; i < c.n_docs; i++) {
            const doc *d = c.docs[i];
            raw += (d->raw != NULL) + d->raw_len + d->map.len + d->n_removed;
            mem += d->arena.total;
            text += d->text_len;
            kept += d->claims_only;
        }
        char *got = upto == STAGE_XREF ? dump_claims(&c) : dump_opt(&c, false);
        CHECK(got && strstr(got, upto == STAGE_XREF ? "\nl " : "\nm "));
        CHECK(got && strstr(got, "\nc "));
        if (k == 0 || k == 3) {
            CHECK(raw > 0);
            CHECK_INT(kept, 0);
            free(want);
            want = got;
            want_mem = mem;
            want_text = text;
        } else {
            CHECK_INT(raw, 0);
            /* raw text gone, and each document compacted: without the
             * compaction 0.83-0.86 of the memory, with it 0.47-0.61 */
            CHECK(mem * 4 < want_mem * 3);
            if (upto == STAGE_XREF) {
                /* only the claims' text (0.8-0.95 of it in these
                 * claim-dense articles, 0.37 in the benchmark corpus),
                 * no mentions or sentences: 0.12-0.19 of the memory */
                CHECK_INT(kept, c.n_docs);
                CHECK(text < want_text);
                CHECK(mem * 4 < want_mem);
            } else {
                CHECK_INT(kept, 0);
                CHECK_INT(text, want_text);
            }
            CHECK(want && got && strcmp(want, got) == 0);
            free(got);
        }
        corpus_free(&c);
    }
    free(want);
    }
}

/* doc_keep_claims alone: the claims' text, and offsets handed to it (of
 * the claims' mentions) point at the same bytes after it; the rest of the
 * text, the mentions and sentences are gone; a second call changes
 * nothing. */
static void test_keep_claims(void)
{
    setenv("CROSSREAD_THREADS", "2", 1);
    corpus c;
    corpus_init(&c);
    add_texts(&c, 1);
    c.release_tokens = true;   /* tokens released: nothing packed */
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(corpus_run(&c, STAGE_CLAIMS, &e), CR_OK);
    CHECK_INT(corpus_keep_names(&c), CR_OK);
    size_t claims = 0, shrunk = 0, mentions = 0;
    for (size_t di = 0; di < c.n_docs; di++) {
        doc *d = c.docs[di];
        size_t n = 0;
        for (size_t i = 0; i < d->n_claims; i++)
            n += d->claims[i].n_mentions;
        uint32_t *offs = malloc((2 * n + 1) * sizeof *offs);
        size_t *per = malloc((d->n_claims + 1) * sizeof *per);
        char *text[2] = {NULL, NULL};
        for (int pass = 0; pass < 2; pass++) {
            size_t len = 0, o = 0;
            FILE *f = open_memstream(&text[pass], &len);
            for (size_t i = 0; i < d->n_claims; i++) {
                const claim *cl = &d->claims[i];
                fprintf(f, "[%.*s]", (int)(cl->end - cl->start), d->text + cl->start);
                if (!pass) {
                    per[i] = cl->n_mentions;
                    for (size_t k = 0; k < cl->n_mentions; k++) {
                        offs[o++] = d->mentions[cl->mentions[k]].start;
                        offs[o++] = d->mentions[cl->mentions[k]].end;
                    }
                    o -= 2 * per[i];
                }
                for (size_t k = 0; k < per[i]; k++, o += 2)
                    fprintf(f, " <%.*s>", (int)(offs[o + 1] - offs[o]), d->text + offs[o]);
                fputc('\n', f);
            }
            fclose(f);
            if (pass)
                break;
            uint32_t before = d->text_len;
            CHECK_INT(doc_keep_claims(d, offs, 2 * n), CR_OK);
            CHECK(d->claims_only);
            CHECK(d->text_len <= before);
            shrunk += d->text_len < before;
            CHECK(!d->mentions && !d->n_mentions && !d->sentences && !d->n_sentences);
            CHECK_INT(d->text[d->text_len], 0);
            for (size_t i = 0; i < d->n_claims; i++)
                CHECK(d->claims[i].start <= d->claims[i].end &&
                      d->claims[i].end <= d->text_len && !d->claims[i].n_mentions);
            for (size_t i = 0; i < 2 * n; i++)
                CHECK(offs[i] <= d->text_len);
        }
        CHECK(text[0] && text[1] && strcmp(text[0], text[1]) == 0);
        uint32_t len = d->text_len;
        CHECK_INT(doc_keep_claims(d, NULL, 0), CR_OK);
        CHECK_INT(d->text_len, len);
        claims += d->n_claims;
        mentions += n;
        free(text[0]);
        free(text[1]);
        free(offs);
        free(per);
    }
    CHECK(claims > 10 && mentions > 10 && shrunk > 0);
    corpus_free(&c);
}

/* corpus_stream: each document emitted once, in order, with the tokens and
 * sentences corpus_run makes, whatever the number of threads, listed
 * documents read; every document emptied after its emit. */
typedef struct stream_out {
    FILE *f;
    size_t next;
    int out_of_order;
} stream_out;

static void on_emit(void *ctx, size_t i, const doc *d)
{
    stream_out *s = ctx;
    if (i != s->next++)
        s->out_of_order++;
    dump_doc(s->f, i, d, true);
}

static void test_stream(void)
{
    corpus c;
    corpus_init(&c);
    add_texts(&c, 1);
    add_dirs(&c, false);
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(corpus_run(&c, STAGE_SEGMENT, &e), CR_OK);
    char *want = dump(&c);
    size_t n_docs = c.n_docs;
    corpus_free(&c);
    const char *counts[] = {"1", "2", "4"};
    for (int k = 0; k < 6; k++) {
        setenv("CROSSREAD_THREADS", counts[k % 3], 1);
        corpus_init(&c);
        add_texts(&c, 1);
        add_dirs(&c, k >= 3);
        stream_out s = {0};
        char *got = NULL;
        size_t len = 0;
        s.f = open_memstream(&got, &len);
        CHECK_INT(corpus_stream(&c, STAGE_SEGMENT, on_emit, &s, &e), CR_OK);
        fclose(s.f);
        CHECK_INT(s.next, n_docs);
        CHECK_INT(s.out_of_order, 0);
        CHECK(want && got && strcmp(want, got) == 0);
        size_t left = 0;
        for (size_t i = 0; i < c.n_docs; i++)
            left += (c.docs[i]->raw != NULL) + (c.docs[i]->text != NULL) +
                    c.docs[i]->n_tokens + c.docs[i]->arena.total + c.docs[i]->tok_arena.total;
        CHECK_INT(left, 0);
        CHECK(c.n_docs && c.docs[0]->id && c.docs[0]->id[0]);
        free(got);
        corpus_free(&c);
    }
    free(want);
}

int main(void)
{
    test_stream();
    test_release_raw();
    test_keep_claims();
    test_same_results();
    test_release_tokens();
    test_first_error();
    return check_done();
}
