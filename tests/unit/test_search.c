/* test_search.c — folded keyword, regex, word and entity search, and the
 * raw positions of hits.
 *
 * Most documents here are built by hand (raw text, cleaned text and the
 * offset map the cleaner would record), so the search engine is tested on
 * its own, whatever state the cleaner and segmenter are in. A few go
 * through corpus_add_path and text_clean to test the real path. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"
#include "entities.h"
#include "lexicon.h"
#include "search.h"

/* ---- building documents by hand ---------------------------------------- */

/* A piece of raw text that the "cleaner" keeps (keep=1) or drops (keep=0). */
typedef struct piece {
    const char *s;
    int keep;
} piece;

static doc *add_doc(corpus *c, const char *id, const piece *p, size_t n)
{
    doc *d = calloc(1, sizeof *d);
    arena_init(&d->arena);
    d->id = d->path = arena_strdup(&d->arena, id);
    d->title = d->outlet = d->date = d->script = "";
    size_t raw_len = 0, text_len = 0;
    for (size_t i = 0; i < n; i++) {
        raw_len += strlen(p[i].s);
        if (p[i].keep)
            text_len += strlen(p[i].s);
    }
    char *raw = arena_alloc(&d->arena, raw_len + 1);
    char *text = arena_alloc(&d->arena, text_len + 1);
    offmap_init(&d->map, &d->arena);
    size_t r = 0, t = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(p[i].s);
        memcpy(raw + r, p[i].s, len);
        if (p[i].keep) {
            memcpy(text + t, p[i].s, len);
            offmap_add(&d->map, (uint32_t)t, (uint32_t)len, (uint32_t)r, (uint32_t)len);
            t += len;
        } else {
            offmap_add(&d->map, (uint32_t)t, 0, (uint32_t)r, (uint32_t)len);
        }
        r += len;
    }
    d->raw = raw;
    d->raw_len = raw_len;
    d->text = text;
    d->text_len = (uint32_t)text_len;
    if (c->n_docs == c->cap_docs) {
        c->cap_docs = c->cap_docs ? c->cap_docs * 2 : 8;
        c->docs = realloc(c->docs, c->cap_docs * sizeof *c->docs);
    }
    c->docs[c->n_docs++] = d;
    return d;
}

static doc *add_text(corpus *c, const char *id, const char *s)
{
    piece p = {s, 1};
    return add_doc(c, id, &p, 1);
}

/* Tokens for -w: the text split at the given cleaned-text strings. */
static void set_tokens(doc *d, const char *const *words, size_t n)
{
    d->tokens = arena_alloc(&d->arena, n * sizeof *d->tokens);
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t len = (uint32_t)strlen(words[i]);
        CHECK(memcmp(d->text + at, words[i], len) == 0);
        d->tokens[i] = (token){at, at + len, TOK_OTHER, 0};
        at += len;
    }
    d->n_tokens = d->cap_tokens = n;
    CHECK_INT(at, d->text_len);
}

/* Run a search; returns the hits (caller frees) or hits.len == 0. */
static search_hits run(corpus *c, const char *pattern, search_opts o, int *rc)
{
    search_hits h = {0};
    cr_error e;
    cr_error_clear(&e);
    search_query *q = NULL;
    *rc = search_compile(&q, c, pattern, &o, &e);
    if (*rc)
        return h;
    search_index *x = search_index_new(c, false);
    *rc = search_run(q, x, NULL, &h, &e);
    search_index_free(x);
    search_query_free(q);
    return h;
}

static const search_opts KEYWORD = {.mode = SEARCH_KEYWORD};

/* The cleaned text a hit covers, in a static buffer. */
static const char *hit_text(const corpus *c, const search_hit *h)
{
    static char buf[256];
    const doc *d = c->docs[h->doc];
    size_t n = h->end - h->start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, d->text + h->start, n);
    buf[n] = '\0';
    return buf;
}

static const char *raw_span(const doc *d, const search_pos *p)
{
    static char buf[256];
    size_t n = p->raw_end - p->raw_start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, d->raw + p->raw_start, n);
    buf[n] = '\0';
    return buf;
}

static void free_corpus(corpus *c)
{
    corpus_free(c);
}

/* ---- keyword folding ----------------------------------------------------- */

static void test_folding(void)
{
    corpus c;
    corpus_init(&c);
    add_text(&c, "hant", "目前完全是靠微軟之前投資的資金來運營。");
    add_text(&c, "hans", "目前完全是靠微软之前投资的资金来运营。");
    add_text(&c, "latin", "OpenAI与Microsoft，ＯｐｅｎＡＩ和ｏｐｅｎａｉ。增长１７％。");
    int rc;

    /* Simplified pattern finds Traditional text and the reverse; the hit
     * is the original characters. */
    search_hits h = run(&c, "微软", KEYWORD, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 2);
    if (h.len == 2) {
        CHECK_INT(h.v[0].doc, 0);
        CHECK_STR(hit_text(&c, &h.v[0]), "微軟");
        CHECK_INT(h.v[1].doc, 1);
        CHECK_STR(hit_text(&c, &h.v[1]), "微软");
        CHECK_INT(h.per_doc[0], 1);
        CHECK_INT(h.per_doc[2], 0);
    }
    search_hits_free(&h);
    h = run(&c, "運營", KEYWORD, &rc);
    CHECK_INT(h.len, 2);
    if (h.len == 2)
        CHECK_STR(hit_text(&c, &h.v[1]), "运营");
    search_hits_free(&h);
    h = run(&c, "投資的資金", KEYWORD, &rc);
    CHECK_INT(h.len, 2);
    search_hits_free(&h);

    /* Latin case and full-width forms, both ways. */
    h = run(&c, "openai", KEYWORD, &rc);
    CHECK_INT(h.len, 3);
    if (h.len == 3) {
        CHECK_STR(hit_text(&c, &h.v[0]), "OpenAI");
        CHECK_STR(hit_text(&c, &h.v[1]), "ＯｐｅｎＡＩ");
        CHECK_STR(hit_text(&c, &h.v[2]), "ｏｐｅｎａｉ");
    }
    search_hits_free(&h);
    h = run(&c, "ＯＰＥＮＡＩ", KEYWORD, &rc);
    CHECK_INT(h.len, 3);
    search_hits_free(&h);
    h = run(&c, "17%", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1)
        CHECK_STR(hit_text(&c, &h.v[0]), "１７％");
    search_hits_free(&h);
    /* A hit right after characters whose folded form is shorter (the
     * full-width comma) still maps to the right bytes. */
    h = run(&c, "，ｏｐｅｎ", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1)
        CHECK_STR(hit_text(&c, &h.v[0]), "，Ｏｐｅｎ");
    search_hits_free(&h);
    h = run(&c, ",ｏｐｅｎａｉ和", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1)
        CHECK_STR(hit_text(&c, &h.v[0]), "，ＯｐｅｎＡＩ和");
    search_hits_free(&h);

    h = run(&c, "蘋果", KEYWORD, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 0);
    search_hits_free(&h);

    /* Empty patterns are errors. */
    h = run(&c, "", KEYWORD, &rc);
    CHECK_INT(rc, CR_EINPUT);
    search_hits_free(&h);
    h = run(&c, "\xE2\x80\x8B", KEYWORD, &rc);   /* ZERO WIDTH SPACE folds away */
    CHECK_INT(rc, CR_EINPUT);
    search_hits_free(&h);
    h = run(&c, "\xFF", KEYWORD, &rc);
    CHECK_INT(rc, CR_EINPUT);
    search_hits_free(&h);
    free_corpus(&c);
}

static void test_overlaps_and_ignorables(void)
{
    corpus c;
    corpus_init(&c);
    add_text(&c, "a", "aaaa");
    add_text(&c, "b", "Open\xC2\xAD" "AI");   /* a soft hyphen folds to nothing */
    add_text(&c, "c", "\xE3\x8D\xBF");           /* ㍿ folds to 株式会社 */
    int rc;
    search_hits h = run(&c, "aa", KEYWORD, &rc);
    CHECK_INT(h.len, 2);           /* grep -o: no overlapping hits */
    if (h.len == 2) {
        CHECK_INT(h.v[0].start, 0);
        CHECK_INT(h.v[1].start, 2);
    }
    search_hits_free(&h);
    h = run(&c, "openai", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1)
        CHECK_STR(hit_text(&c, &h.v[0]), "Open\xC2\xAD" "AI");
    search_hits_free(&h);
    /* A needle inside one character's expansion is that whole character,
     * reported once. */
    h = run(&c, "式会", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1)
        CHECK_STR(hit_text(&c, &h.v[0]), "\xE3\x8D\xBF");
    search_hits_free(&h);
    free_corpus(&c);
}

/* ---- raw positions across removed annotations ---------------------------- */

static void test_annotation_span(void)
{
    corpus c;
    corpus_init(&c);
    /* What the cleaner does with an inline pinyin annotation: the
     * annotation's raw bytes map to nothing in the cleaned text. */
    piece p[] = {
        {"標題\n\n", 1},
        {"資金來運", 1},
        {"(yùn)", 0},
        {"營。OpenAI", 1},
    };
    doc *d = add_doc(&c, "ann", p, 4);
    CHECK_STR(d->text, "標題\n\n資金來運營。OpenAI");
    int rc;
    search_hits h = run(&c, "运营", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1) {
        CHECK_STR(hit_text(&c, &h.v[0]), "運營");
        search_lines *l = search_lines_new(d);
        search_pos pos;
        search_lines_pos(l, h.v[0].start, h.v[0].end, &pos);
        CHECK_STR(raw_span(d, &pos), "運(yùn)營");
        CHECK_INT(pos.line, 3);
        CHECK_INT(pos.col, 4);
        size_t line, col;
        doc_raw_position(d, h.v[0].start, &line, &col);
        CHECK_INT(pos.line, line);
        CHECK_INT(pos.col, col);
        search_lines_free(l);
    }
    search_hits_free(&h);
    /* A hit after the annotation: its column counts the annotation. */
    h = run(&c, "openai", KEYWORD, &rc);
    CHECK_INT(h.len, 1);
    if (h.len == 1) {
        search_lines *l = search_lines_new(d);
        search_pos pos;
        search_lines_pos(l, h.v[0].start, h.v[0].end, &pos);
        CHECK_STR(raw_span(d, &pos), "OpenAI");
        CHECK_INT(pos.line, 3);
        CHECK_INT(pos.col, 12);
        search_lines_free(l);
    }
    search_hits_free(&h);
    free_corpus(&c);
}

/* The line index agrees with doc_raw_position everywhere, in order and out
 * of order (the cursor must not leak between lines). */
static void test_positions_agree(void)
{
    char dir[] = "/tmp/cr_search_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("\xEF\xBB\xBF" "標題 Title\r\n\r\n  第一段：微軟與OpenAI。\r\n"
          "第二段，微軟。\n\n\n第三段 微軟 end\n", f);
    fclose(f);
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {0};
    CHECK_INT(corpus_add_path(&c, path, &lo, &e), CR_OK);
    CHECK_INT(corpus_run(&c, STAGE_CLEAN, &e), CR_OK);
    int rc;
    search_hits h = run(&c, "微软", KEYWORD, &rc);
    CHECK_INT(h.len, 3);
    if (c.n_docs == 1) {
        const doc *d = c.docs[0];
        search_lines *l = search_lines_new(d);
        for (size_t k = 0; k < h.len; k++) {
            search_pos pos;
            size_t line, col;
            search_lines_pos(l, h.v[k].start, h.v[k].end, &pos);
            doc_raw_position(d, h.v[k].start, &line, &col);
            CHECK_INT(pos.line, line);
            CHECK_INT(pos.col, col);
            CHECK_STR(raw_span(d, &pos), "微軟");
        }
        /* every character offset, backwards */
        for (uint32_t off = d->text_len; off-- > 0;) {
            if (((uint8_t)d->text[off] & 0xC0) == 0x80)
                continue;
            search_pos pos;
            size_t line, col;
            search_lines_pos(l, off, off, &pos);
            doc_raw_position(d, off, &line, &col);
            if (pos.line != line || pos.col != col) {
                CHECK_INT(pos.line, line);
                CHECK_INT(pos.col, col);
                break;
            }
        }
        search_lines_free(l);
    }
    search_hits_free(&h);
    corpus_free(&c);
    unlink(path);
    rmdir(dir);
}

/* ---- regex ----------------------------------------------------------------- */

static void test_regex(void)
{
    corpus c;
    corpus_init(&c);
    add_text(&c, "a", "營收增長１７％，達到5.4億美元。Stéphane說OpenAI");
    search_opts o = {.mode = SEARCH_REGEX};
    int rc;
    search_hits h = run(&c, "[0-9.]+億美元", o, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 1);
    if (h.len)
        CHECK_STR(hit_text(&c, &h.v[0]), "5.4億美元");
    search_hits_free(&h);
    /* UCP: \d matches full-width digits, . one whole character */
    h = run(&c, "\\d+％", o, &rc);
    CHECK_INT(h.len, 1);
    if (h.len)
        CHECK_STR(hit_text(&c, &h.v[0]), "１７％");
    search_hits_free(&h);
    h = run(&c, "St.phane", o, &rc);
    CHECK_INT(h.len, 1);
    search_hits_free(&h);
    /* Regex runs on the original script: no folding. */
    h = run(&c, "营收", o, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 0);
    search_hits_free(&h);
    /* Empty matches are not hits. */
    h = run(&c, "x*", o, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 0);
    search_hits_free(&h);
    search_opts ci = {.mode = SEARCH_REGEX, .caseless = true};
    h = run(&c, "openai", ci, &rc);
    CHECK_INT(h.len, 1);
    search_hits_free(&h);

    /* Bad patterns: CR_EINPUT with the offset PCRE2 reports. */
    search_query *q = NULL;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(search_compile(&q, &c, "Open(AI", &o, &e), CR_EINPUT);
    CHECK(q == NULL);
    CHECK(e.has_byte);
    CHECK_INT(e.byte, 7);
    CHECK(strstr(e.msg, "offset 7") != NULL);
    CHECK(strstr(e.msg, "parenthesis") != NULL);
    cr_error_clear(&e);
    CHECK_INT(search_compile(&q, &c, "微軟[", &o, &e), CR_EINPUT);
    CHECK_INT(e.byte, 7);
    cr_error_clear(&e);
    CHECK_INT(search_compile(&q, &c, "a{2,1}", &o, &e), CR_EINPUT);
    CHECK_INT(e.byte, 5);
    cr_error_clear(&e);
    CHECK_INT(search_compile(&q, &c, "ab\\", &o, &e), CR_EINPUT);
    CHECK_INT(e.byte, 3);
    free_corpus(&c);
}

/* ---- word boundaries -------------------------------------------------------- */

static void test_word(void)
{
    corpus c;
    corpus_init(&c);
    doc *d = add_text(&c, "w", "OpenAI和Open，美元化與美元");
    const char *words[] = {"OpenAI", "和", "Open", "，", "美元化", "與", "美元"};
    set_tokens(d, words, 7);
    int rc;
    search_opts w = {.mode = SEARCH_KEYWORD, .word = true};
    search_hits h = run(&c, "open", w, &rc);
    CHECK_INT(h.len, 1);
    if (h.len)
        CHECK_INT(h.v[0].start, strlen("OpenAI和"));
    search_hits_free(&h);
    h = run(&c, "open", KEYWORD, &rc);
    CHECK_INT(h.len, 2);
    search_hits_free(&h);
    h = run(&c, "美元", w, &rc);
    CHECK_INT(h.len, 1);
    if (h.len)
        CHECK_INT(h.v[0].start, strlen("OpenAI和Open，美元化與"));
    search_hits_free(&h);
    /* several tokens in a row are still on boundaries */
    h = run(&c, "和open", w, &rc);
    CHECK_INT(h.len, 1);
    search_hits_free(&h);
    search_opts rw = {.mode = SEARCH_REGEX, .word = true};
    h = run(&c, "美元\\p{Han}?", rw, &rc);
    CHECK_INT(h.len, 2);   /* 美元化 and the final 美元 */
    search_hits_free(&h);
    h = run(&c, "Open", rw, &rc);
    CHECK_INT(h.len, 1);
    search_hits_free(&h);
    /* Unsegmented documents: an error without a lexicon, segmented on
     * demand with one. */
    doc *u = add_text(&c, "u", "OpenAI和Open");
    h = run(&c, "open", w, &rc);
    CHECK_INT(rc, CR_EINPUT);
    search_hits_free(&h);
    c.lexicon = lexicon_new();
    h = run(&c, "open", w, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 2);      /* one in each document */
    CHECK(u->n_tokens > 0);
    search_hits_free(&h);
    free_corpus(&c);
}

/* ---- entities ----------------------------------------------------------------- */

static void test_entity(void)
{
    corpus c;
    corpus_init(&c);
    doc *a = add_text(&c, "a", "山姆·阿爾特曼說，阿爾特曼認為");
    doc *b = add_text(&c, "b", "奧特曼表示，微軟支持奧特曼");
    static const char *aliases[] = {"阿爾特曼", "奧特曼", "Sam Altman"};
    static const char *ms_alias[] = {"微軟", "Microsoft"};
    entity ents[2] = {
        {.id = "sam-altman", .name = "山姆·阿爾特曼", .type = MENTION_PERSON,
         .aliases = aliases, .n_aliases = 3},
        {.id = "microsoft", .name = "微軟", .type = MENTION_COMPANY,
         .aliases = ms_alias, .n_aliases = 2},
    };
    c.entities = ents;
    c.n_entities = 2;
    static mention ma[2], mb[3];
    ma[0] = (mention){.start = 0, .end = (uint32_t)strlen("山姆·阿爾特曼"), .entity = 0};
    ma[1] = (mention){.start = (uint32_t)strlen("山姆·阿爾特曼說，"),
                      .end = (uint32_t)strlen("山姆·阿爾特曼說，阿爾特曼"), .entity = 0};
    mb[0] = (mention){.start = 0, .end = (uint32_t)strlen("奧特曼"), .entity = 0};
    mb[2] = (mention){.start = (uint32_t)strlen("奧特曼表示，"),
                      .end = (uint32_t)strlen("奧特曼表示，微軟"), .entity = 1};
    mb[1] = (mention){.start = (uint32_t)strlen("奧特曼表示，微軟支持"),
                      .end = (uint32_t)strlen("奧特曼表示，微軟支持奧特曼"), .entity = 0};
    a->mentions = ma;
    a->n_mentions = 2;
    b->mentions = mb;
    b->n_mentions = 3;
    search_opts o = {.mode = SEARCH_ENTITY};
    int rc;
    /* Any alias, in either script, finds every mention of the entity. */
    const char *names[] = {"阿爾特曼", "阿尔特曼", "奥特曼", "sam altman", "山姆·阿尔特曼"};
    for (size_t k = 0; k < 5; k++) {
        search_hits h = run(&c, names[k], o, &rc);
        CHECK_INT(rc, CR_OK);
        CHECK_INT(h.len, 4);
        if (h.len == 4) {
            CHECK_STR(hit_text(&c, &h.v[0]), "山姆·阿爾特曼");
            CHECK_STR(hit_text(&c, &h.v[2]), "奧特曼");
            CHECK_INT(h.v[3].doc, 1);
            CHECK(h.v[2].start < h.v[3].start);   /* sorted */
        }
        search_hits_free(&h);
    }
    search_hits h = run(&c, "microsoft", o, &rc);
    CHECK_INT(h.len, 1);
    search_hits_free(&h);
    search_query *q = NULL;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(search_compile(&q, &c, "特曼", &o, &e), CR_OK);   /* not an alias */
    CHECK_INT(search_query_entities(q), 0);
    search_query_free(q);
    c.entities = NULL;
    c.n_entities = 0;
    a->mentions = b->mentions = NULL;
    free_corpus(&c);
}

/* ---- the TUI's path: cached index, masks, limits ------------------------- */

static void test_index_reuse(void)
{
    corpus c;
    corpus_init(&c);
    for (int i = 0; i < 40; i++)
        add_text(&c, i % 2 ? "odd" : "even",
                 i % 2 ? "微軟和蘋果，微軟。" : "谷歌與ＭＥＴＡ");
    cr_error e;
    cr_error_clear(&e);
    search_index *x = search_index_new(&c, true);
    search_opts o = {.mode = SEARCH_KEYWORD, .threads = 3};
    search_query *q = NULL;
    CHECK_INT(search_compile(&q, &c, "微", &o, &e), CR_OK);
    search_hits h1 = {0}, h2 = {0}, h3 = {0};
    CHECK_INT(search_run(q, x, NULL, &h1, &e), CR_OK);
    CHECK_INT(h1.len, 40);
    search_query_free(q);
    /* Narrow with the documents the shorter prefix found. */
    uint8_t mask[40];
    for (int i = 0; i < 40; i++)
        mask[i] = h1.per_doc[i] != 0;
    CHECK_INT(search_compile(&q, &c, "微软和", &o, &e), CR_OK);
    CHECK_INT(search_run(q, x, mask, &h2, &e), CR_OK);
    CHECK_INT(h2.len, 20);
    search_query_free(q);
    search_opts lim = {.mode = SEARCH_KEYWORD, .max_hits = 1};
    CHECK_INT(search_compile(&q, &c, "微軟", &lim, &e), CR_OK);
    CHECK_INT(search_run(q, x, NULL, &h3, &e), CR_OK);
    CHECK_INT(h3.len, 20);
    search_query_free(q);
    CHECK_INT(search_compile(&q, &c, "meta", &o, &e), CR_OK);
    search_hits_free(&h3);
    CHECK_INT(search_run(q, x, NULL, &h3, &e), CR_OK);
    CHECK_INT(h3.len, 20);
    search_query_free(q);
    search_hits_free(&h1);
    search_hits_free(&h2);
    search_hits_free(&h3);
    search_index_free(x);
    free_corpus(&c);
}

/* Documents not yet cleaned are cleaned by search_run. */
static void test_cleans_on_demand(void)
{
    char dir[] = "/tmp/cr_search_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%d.txt", dir, i);
        FILE *f = fopen(path, "w");
        fprintf(f, "標題%d\n\n正文提到微軟%d次。\n", i, i);
        fclose(f);
    }
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    load_opts lo = {0};
    CHECK_INT(corpus_add_path(&c, dir, &lo, &e), CR_OK);
    CHECK_INT(c.n_docs, 5);
    int rc;
    search_hits h = run(&c, "微软", KEYWORD, &rc);
    CHECK_INT(rc, CR_OK);
    CHECK_INT(h.len, 5);
    for (size_t i = 0; i < c.n_docs; i++)
        CHECK(c.docs[i]->text != NULL);
    search_hits_free(&h);
    corpus_free(&c);
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%d.txt", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

/* ---- streaming (the CLI's path) ------------------------------------------ */

typedef struct emitted {
    int calls[64];
    size_t hits[64];
    char first[64][32];
    char id[64][256];
} emitted;

static void on_emit(void *ctx, size_t i, const doc *d, const search_hit *h, size_t n)
{
    emitted *em = ctx;
    if (i >= 64)
        return;
    em->calls[i]++;
    em->hits[i] = n;
    snprintf(em->id[i], sizeof em->id[i], "%s", d->id);
    if (n && h[0].end - h[0].start < sizeof em->first[i]) {
        memcpy(em->first[i], d->text + h[0].start, h[0].end - h[0].start);
        em->first[i][h[0].end - h[0].start] = '\0';
    }
}

static void test_stream(void)
{
    char dir[] = "/tmp/cr_search_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    enum { N = 40 };
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
        FILE *f = fopen(path, "w");
        fprintf(f, "標題%d\n\n", i);
        for (int k = 0; k < i % 4; k++)
            fputs(i % 2 ? "正文提到微軟。" : "正文提到微软。", f);
        fputs("\n", f);
        fclose(f);
    }
    load_opts lo = {.defer = true};
    cr_error e;
    cr_error_clear(&e);
    corpus c;
    corpus_init(&c);
    CHECK_INT(corpus_add_path(&c, dir, &lo, &e), CR_OK);
    CHECK_INT(c.n_docs, N);
    CHECK(c.n_docs && c.docs[0]->raw == NULL);      /* listed, not read */
    CHECK_INT(corpus_run(&c, STAGE_CLEAN, &e), CR_EINPUT);   /* refuses */
    search_query *q = NULL;
    search_opts o = {.mode = SEARCH_KEYWORD, .threads = 2};
    CHECK_INT(search_compile(&q, &c, "微软", &o, &e), CR_OK);
    static emitted em;
    memset(&em, 0, sizeof em);
    size_t total = 0;
    CHECK_INT(search_stream(q, &c, &lo, on_emit, &em, &total, &e), CR_OK);
    size_t want = 0;
    for (int i = 0; i < N; i++) {
        CHECK_INT(em.calls[i], 1);
        CHECK_INT(em.hits[i], i % 4);
        want += (size_t)(i % 4);
        if (i % 4)
            CHECK_STR(em.first[i], i % 2 ? "微軟" : "微软");
        snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
        CHECK_STR(em.id[i], path);
        CHECK_STR(c.docs[i]->id, path);            /* kept after release */
        CHECK_INT(c.docs[i]->text_len, 0);         /* released */
    }
    CHECK_INT(total, want);
    search_query_free(q);
    corpus_free(&c);

    /* -w streams too: documents are segmented (here without a lexicon)
     * only when they have a hit at all. */
    snprintf(path, sizeof path, "%s/05.txt", dir);
    FILE *wf = fopen(path, "w");
    fputs("標題\n\nOpenAI和Open。\n", wf);
    fclose(wf);
    corpus_init(&c);
    CHECK_INT(corpus_add_path(&c, dir, &lo, &e), CR_OK);
    search_opts wo = {.mode = SEARCH_KEYWORD, .word = true};
    CHECK_INT(search_compile(&q, &c, "open", &wo, &e), CR_OK);
    memset(&em, 0, sizeof em);
    CHECK_INT(search_stream(q, &c, &lo, on_emit, &em, &total, &e), CR_OK);
    CHECK_INT(total, 1);
    CHECK_INT(em.hits[5], 1);
    CHECK_STR(em.first[5], "Open");
    search_query_free(q);
    corpus_free(&c);

    /* The error reported is the first bad file in order, whatever the
     * threads did first. */
    for (int bad = 0; bad < 2; bad++) {
        snprintf(path, sizeof path, "%s/%02d.txt", dir, bad ? 12 : 31);
        FILE *f = fopen(path, "w");
        fputs("標題\n\n壞\xFF字節\n", f);
        fclose(f);
    }
    for (int round = 0; round < 5; round++) {
        corpus_init(&c);
        CHECK_INT(corpus_add_path(&c, dir, &lo, &e), CR_OK);
        CHECK_INT(search_compile(&q, &c, "微软", &o, &e), CR_OK);
        memset(&em, 0, sizeof em);
        cr_error_clear(&e);
        CHECK_INT(search_stream(q, &c, &lo, on_emit, &em, &total, &e), CR_EINPUT);
        CHECK(strstr(e.file, "/12.txt") != NULL);
        CHECK_INT(e.byte, strlen("標題\n\n壞"));
        for (int i = 0; i < 12; i++)
            CHECK_INT(em.calls[i], 1);
        search_query_free(q);
        corpus_free(&c);
    }
    /* --lenient reads them */
    load_opts len = {.defer = true, .lenient = true};
    corpus_init(&c);
    CHECK_INT(corpus_add_path(&c, dir, &len, &e), CR_OK);
    CHECK_INT(search_compile(&q, &c, "字節", &o, &e), CR_OK);
    memset(&em, 0, sizeof em);
    CHECK_INT(search_stream(q, &c, &len, on_emit, &em, &total, &e), CR_OK);
    CHECK_INT(total, 2);
    search_query_free(q);
    corpus_free(&c);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

/* The byte prefilter of search_stream must never hide a hit, nor its
 * line-by-line folding change one: random
 * documents full of what makes raw bytes differ from folded cleaned text
 * (variants that fold together, entities, annotations, tags, odd line
 * breaks, damage), searched by streaming and by search_run (which cleans
 * and folds everything), must give the same hits in every document. */
typedef struct counted {
    size_t hits[400];
    uint64_t where[400];     /* a checksum of the hits' offsets */
    int skipped;             /* emitted without being read to the end */
} counted;

static uint64_t where_sum(const search_hit *h, size_t n)
{
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++)
        w = w * 1000003 + h[k].start * 31 + h[k].end;
    return w;
}

static void on_count(void *ctx, size_t i, const doc *d, const search_hit *h, size_t n)
{
    counted *ct = ctx;
    if (i < 400) {
        ct->hits[i] = n;
        ct->where[i] = where_sum(h, n);
    }
    if (d->raw_len == 0)     /* released before cleaning: the prefilter said no */
        __atomic_fetch_add(&ct->skipped, 1, __ATOMIC_RELAXED);
}

static void test_prefilter_sound(void)
{
    static const char *const pieces[] = {
        "经", "經", "济", "濟", "w", "W", "ｗ", "Ｗ", "㎾", "t", "T", "o", "O", "Ｏ",
        "中", "國", "国", "a", "1", "①", "⒈", ".", "後", "后", "ﬅ", "™", "s",
        "\n", "\r\n", "\r", "\xE2\x80\xA8", "\f", " ", "　", "。", "，", "?",
        "(jīng)", "（jì）", "(to)", "<b>", "</p>", "<br/>", "<!-- w -->",
        "\xEF\xBF\xBD", "\xEE\x80\x80", "╔", "http://www.wto.org/ ", "• ",
        "经济增长很快。", "WTO成员。", "香港特别行政区", "後來", "\xE2\x80\x8B",
        "&#x7ECF;", "&#27982;", "&amp;", "&nbsp;", "&shy;", "&trade;",
        "经\xC2\xAD济", "經\xE2\x80\x8B濟", "经经济", "ｗＴｏ", "\xF0\xA0\x80\x80",
    };
    static const char *const needles[] = {
        "经济", "經", "济", "wto", "w", "t", "to", "o", "st", "tm", "1.", "后来",
        "国", "a", "経", "Ｔ", " ", "&", "中国", "經濟", "後", "济增", "。", "(",
        "经经济", "经济经", "ｗｔｏ",
    };
    enum { NP = sizeof pieces / sizeof pieces[0], NDOC = 400 };
    char dir[] = "/tmp/cr_search_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    uint64_t seed = 12345;
    for (int i = 0; i < NDOC; i++) {
        snprintf(path, sizeof path, "%s/%03d.txt", dir, i);
        FILE *f = fopen(path, "w");
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int len = 1 + (int)((seed >> 33) % 60);
        bool entities = (seed >> 20) % 4 == 0;
        for (int k = 0; k < len; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *pc = pieces[(seed >> 33) % NP];
            if (pc[0] == '&' && !entities)
                continue;
            fputs(pc, f);
        }
        fclose(f);
    }
    cr_error e;
    cr_error_clear(&e);
    int skipped = 0;
    for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++) {
        search_opts o = {.mode = SEARCH_KEYWORD, .threads = 2};
        corpus all;
        corpus_init(&all);
        load_opts lo = {.lenient = true};
        CHECK_INT(corpus_add_path(&all, dir, &lo, &e), CR_OK);
        search_query *q = NULL;
        CHECK_INT(search_compile(&q, &all, needles[k], &o, &e), CR_OK);
        search_index *x = search_index_new(&all, false);
        search_hits h = {0};
        CHECK_INT(search_run(q, x, NULL, &h, &e), CR_OK);
        search_query_free(q);

        corpus c;
        corpus_init(&c);
        load_opts dl = {.lenient = true, .defer = true};
        CHECK_INT(corpus_add_path(&c, dir, &dl, &e), CR_OK);
        CHECK_INT(search_compile(&q, &c, needles[k], &o, &e), CR_OK);
        static counted ct;
        memset(&ct, 0, sizeof ct);
        size_t total = 0;
        CHECK_INT(search_stream(q, &c, &dl, on_count, &ct, &total, &e), CR_OK);
        CHECK_INT(total, h.len);
        int bad = 0;
        for (size_t i = 0, at = 0; i < NDOC && h.per_doc; at += h.per_doc[i], i++)
            if ((ct.hits[i] != h.per_doc[i] ||
                 ct.where[i] != where_sum(h.v + at, h.per_doc[i])) && bad++ < 3)
                fprintf(stderr, "needle \"%s\", %s: stream %zu, search_run %u hits\n",
                        needles[k], all.docs[i]->path, ct.hits[i], h.per_doc[i]);
        CHECK_INT(bad, 0);
        skipped += ct.skipped;
        search_query_free(q);
        search_hits_free(&h);
        search_index_free(x);
        corpus_free(&c);
        corpus_free(&all);
    }
    CHECK(skipped > NDOC);      /* the prefilter did skip documents */
    for (int i = 0; i < NDOC; i++) {
        snprintf(path, sizeof path, "%s/%03d.txt", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    test_folding();
    test_overlaps_and_ignorables();
    test_annotation_span();
    test_positions_agree();
    test_regex();
    test_word();
    test_entity();
    test_index_reuse();
    test_cleans_on_demand();
    test_stream();
    test_prefilter_sound();
    return check_done();
}
