/* test_ner.c — the shipped NER model loads, finds obvious entities in
 * made-up Simplified and Traditional sentences, refuses damaged model files
 * and survives empty, huge and garbage input. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "corpus.h"
#include "lexicon.h"
#include "ner.h"
#include "paths.h"
#include "segment.h"

typedef struct found {
    const char *text;
    size_t n;
    ner_span sp[64];
    int count;
    int bad;         /* spans out of order, empty, overlapping or out of range */
    int garbage;     /* text is not valid UTF-8: skip the boundary check */
    size_t last_end;
} found;

static int collect(const ner_span *s, void *ctx)
{
    found *f = ctx;
    if (s->start >= s->end || s->end > f->n || s->start < f->last_end ||
        s->type < 0 || s->type >= NER__COUNT)
        f->bad = 1;
    /* spans fall on UTF-8 character boundaries */
    if (!f->garbage &&
        ((s->start < f->n && ((unsigned char)f->text[s->start] & 0xC0) == 0x80) ||
         (s->end < f->n && ((unsigned char)f->text[s->end] & 0xC0) == 0x80)))
        f->bad = 1;
    f->last_end = s->end;
    if (f->count < 64)
        f->sp[f->count] = *s;
    f->count++;
    return 0;
}

static found tag_x(const ner_model *m, const char *s, size_t n, int garbage)
{
    found f;
    memset(&f, 0, sizeof f);
    f.text = s;
    f.n = n;
    f.garbage = garbage;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_tag(m, s, n, collect, &f, &e), CR_OK);
    CHECK(!f.bad);
    return f;
}

static found tag(const ner_model *m, const char *s, size_t n)
{
    return tag_x(m, s, n, 0);
}

/* Is there a span of this type covering exactly the text want? */
static int has(const found *f, int type, const char *want)
{
    for (int i = 0; i < f->count && i < 64; i++)
        if (f->sp[i].type == type && f->sp[i].end - f->sp[i].start == strlen(want) &&
            memcmp(f->text + f->sp[i].start, want, strlen(want)) == 0)
            return 1;
    return 0;
}

static void print_found(const found *f)
{
    for (int i = 0; i < f->count && i < 64; i++)
        fprintf(stderr, "  %s %.*s (%.2f)\n", ner_type_name(f->sp[i].type),
                (int)(f->sp[i].end - f->sp[i].start), f->text + f->sp[i].start,
                f->sp[i].score);
}

static void test_sentences(const ner_model *m)
{
    /* Made-up sentences: common surname + given name, "X大学"/"X公司". */
    const char *hans = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布，"
                       "华星电子公司将与该校合作。";
    const char *hant = "記者張偉明報道：北京大學副校長李紅梅昨天在上海宣佈，"
                       "華星電子公司將與該校合作。";
    found f = tag(m, hans, strlen(hans));
    if (!has(&f, NER_PER, "张伟明") || !has(&f, NER_PER, "李红梅") ||
        !has(&f, NER_ORG, "北京大学") || !has(&f, NER_LOC, "上海"))
        print_found(&f);
    CHECK(has(&f, NER_PER, "张伟明"));
    CHECK(has(&f, NER_PER, "李红梅"));
    CHECK(has(&f, NER_ORG, "北京大学"));
    CHECK(has(&f, NER_LOC, "上海"));

    found g = tag(m, hant, strlen(hant));
    if (!has(&g, NER_PER, "張偉明") || !has(&g, NER_ORG, "北京大學"))
        print_found(&g);
    CHECK(has(&g, NER_PER, "張偉明"));
    CHECK(has(&g, NER_PER, "李紅梅"));
    CHECK(has(&g, NER_ORG, "北京大學"));
    CHECK(has(&g, NER_LOC, "上海"));
    /* Folding makes both scripts tag alike, span for span. */
    CHECK_INT(f.count, g.count);

    /* Offsets are into the caller's text even after white space and a
     * prefix of Latin text. */
    const char *spaced = "Report  \n 记者张伟明报道";
    found h = tag(m, spaced, strlen(spaced));
    CHECK(has(&h, NER_PER, "张伟明"));
}

/* ner_tag_words with the segmenter's words, as entities.c calls it: the
 * same entities; and word offsets that are nonsense (inside characters,
 * past the end) give well-formed spans, not a crash. */
static void test_words(const ner_model *m)
{
    const char *hans = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布，"
                       "华星电子公司将与该校合作。";
    size_t n = strlen(hans);
    cr_error e;
    cr_error_clear(&e);
    lexicon *lx = lexicon_new();
    CHECK(lx && lexicon_load_default(lx, &e) == CR_OK);
    doc d;
    memset(&d, 0, sizeof d);
    arena_init(&d.arena);
    arena_init(&d.tok_arena);
    d.text = arena_strdup(&d.arena, hans);
    d.text_len = (uint32_t)n;
    CHECK_INT(segment_document(&d, lx, &e), CR_OK);
    uint32_t *w = malloc((d.n_tokens + 1) * sizeof *w);
    for (size_t i = 0; i < d.n_tokens; i++)
        w[i] = d.tokens[i].start;
    found f;
    memset(&f, 0, sizeof f);
    f.text = hans;
    f.n = n;
    CHECK_INT(ner_tag_words(m, hans, n, w, d.n_tokens, collect, &f, &e), CR_OK);
    CHECK(!f.bad);
    if (!has(&f, NER_PER, "张伟明") || !has(&f, NER_ORG, "北京大学"))
        print_found(&f);
    CHECK(has(&f, NER_PER, "张伟明"));
    CHECK(has(&f, NER_PER, "李红梅"));
    CHECK(has(&f, NER_ORG, "北京大学"));
    CHECK(has(&f, NER_LOC, "上海"));

    uint32_t *junk = malloc((2 * n + 2) * sizeof *junk);
    for (size_t i = 0; i < 2 * n + 2; i++)
        junk[i] = (uint32_t)i;   /* every byte, then past the end */
    memset(&f, 0, sizeof f);
    f.text = hans;
    f.n = n;
    CHECK_INT(ner_tag_words(m, hans, n, junk, 2 * n + 2, collect, &f, &e), CR_OK);
    CHECK(!f.bad);
    free(junk);
    free(w);
    arena_free(&d.tok_arena);
    arena_free(&d.arena);
    lexicon_free(lx);
}

static int stop_at_first(const ner_span *s, void *ctx)
{
    (void)s;
    ++*(int *)ctx;
    return 7;
}

static void test_stop(const ner_model *m)
{
    const char *s = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布。";
    int calls = 0;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_tag(m, s, strlen(s), stop_at_first, &calls, &e), 7);
    CHECK_INT(calls, 1);
}

static void test_odd_input(const ner_model *m)
{
    found f = tag(m, "", 0);
    CHECK_INT(f.count, 0);
    f = tag(m, "。。。   ！？", strlen("。。。   ！？"));
    CHECK_INT(f.count, 0);

    /* Garbage: every byte value, invalid UTF-8, NULs, lone continuation
     * bytes, a truncated sequence at the end. */
    size_t n = 1 << 16;
    char *g = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        g[i] = (char)(x >> 16);
    }
    g[n - 1] = (char)0xE5;
    f = tag_x(m, g, n, 1);
    free(g);

    /* Huge: 4 MB of Han text with no punctuation or space, so the tagger
     * must cut it by length; names must still be found on both sides of
     * the cuts. */
    const char *unit = "张伟明和李红梅在北京大学见面";
    size_t ul = strlen(unit), reps = (4u << 20) / ul;
    char *big = malloc(ul * reps);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ul, unit, ul);
    found h;
    memset(&h, 0, sizeof h);
    h.text = big;
    h.n = ul * reps;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_tag(m, big, ul * reps, collect, &h, &e), CR_OK);
    CHECK(!h.bad);
    CHECK(h.count > (int)reps);    /* about three entities per repetition */
    free(big);
}

typedef struct job { const ner_model *m; int count; } job;

static void *thread_main(void *arg)
{
    job *j = arg;
    const char *s = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布，"
                    "华星电子公司将与该校合作。";
    for (int r = 0; r < 200; r++) {
        found f;
        memset(&f, 0, sizeof f);
        f.text = s;
        f.n = strlen(s);
        cr_error e;
        cr_error_clear(&e);
        ner_tag(j->m, s, f.n, collect, &f, &e);
        j->count += f.count;
    }
    return NULL;
}

static void test_threads(const ner_model *m)
{
    job a = {m, 0}, b = {m, 0};
    pthread_t ta, tb;
    CHECK(pthread_create(&ta, NULL, thread_main, &a) == 0);
    CHECK(pthread_create(&tb, NULL, thread_main, &b) == 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(a.count > 0);
    CHECK_INT(a.count, b.count);
}

static int write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(p, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

static void expect_refused(const char *path, const char *words)
{
    cr_error e;
    cr_error_clear(&e);
    ner_model *m = ner_load(path, &e);
    CHECK(m == NULL);
    CHECK_INT(e.code, CR_EINPUT);
    CHECK(strstr(e.msg, words) != NULL);
    if (!strstr(e.msg, words))
        fprintf(stderr, "  message was: %s\n", e.msg);
    CHECK_STR(e.file, path);
    ner_free(m);
}

static void test_damaged(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ner.model", paths_datadir());
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f) return;
    fseek(f, 0, SEEK_END);
    size_t n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n);
    CHECK(fread(buf, 1, n, f) == n);
    fclose(f);

    char tmp[] = "/tmp/test_ner_XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0);
    close(fd);

    CHECK(write_file(tmp, buf, n / 2) == 0);         /* truncated */
    expect_refused(tmp, "truncated");
    CHECK(write_file(tmp, buf, 10) == 0);            /* truncated header */
    expect_refused(tmp, "truncated");
    CHECK(write_file(tmp, buf, 0) == 0);             /* empty */
    expect_refused(tmp, "truncated");
    buf[n / 3] ^= 0x40;                              /* one bit flipped */
    CHECK(write_file(tmp, buf, n) == 0);
    expect_refused(tmp, "checksum");
    buf[n / 3] ^= 0x40;
    buf[0] = 'X';                                    /* not a model at all */
    CHECK(write_file(tmp, buf, n) == 0);
    expect_refused(tmp, "not a crossread NER model");
    buf[0] = 'C';
    buf[7] = 2;                                      /* the previous format */
    CHECK(write_file(tmp, buf, n) == 0);
    expect_refused(tmp, "format version 2");
    buf[7] = 3;
    {   /* class bits beyond the known classes (checksum made right) */
        enum { CLASSES = 8 + 8 * 4 + 4 * (NER_NTAGS + 1) * NER_NTAGS };
        unsigned char keep = buf[CLASSES + 4];
        buf[CLASSES + 4] = 0x40;
        uint32_t h = 2166136261u;
        for (size_t i = 0; i + 4 < n; i++)
            h = (h ^ buf[i]) * 16777619u;
        unsigned char sum[4];
        memcpy(sum, buf + n - 4, 4);
        for (int k = 0; k < 4; k++)
            buf[n - 4 + k] = (unsigned char)(h >> 8 * k);
        CHECK(write_file(tmp, buf, n) == 0);
        expect_refused(tmp, "class bits");
        buf[CLASSES + 4] = keep;
        memcpy(buf + n - 4, sum, 4);
    }
    CHECK(write_file(tmp, buf, n) == 0);             /* restored: loads */
    cr_error e;
    cr_error_clear(&e);
    ner_model *m = ner_load(tmp, &e);
    CHECK(m != NULL);
    ner_free(m);
    remove(tmp);
    expect_refused("/nonexistent/ner.model", "cannot open");
    free(buf);
}

/* The tagger's fast path (a whole piece's feature context in two passes,
 * prefetched look-ups, vector sums and Viterbi) must give exactly what the
 * plain path gives: random texts of name, organisation and place
 * characters, punctuation, Latin and digits, with ICU words and with
 * random word starts, long enough to be cut at NER_MAX_SEQ. */
static void test_paths(const ner_model *m)
{
    static const char *pool[] = {
        "王", "李", "张", "刘", "陈", "欧", "阳", "司", "马", "明", "华", "伟",
        "公", "司", "集", "团", "银", "行", "大", "学", "委", "员", "会", "局",
        "省", "市", "县", "区", "州", "江", "河", "山", "湖", "北", "京", "上",
        "海", "中", "国", "的", "了", "在", "是", "和", "说", "臺", "灣", "區",
        "，", "、", "（", "）", "《", "》", "：", "“", "”", "·", "-", "A", "b",
        "Z", "1", "9", "４", "二", "〇", "%", "$", "。", " ", "\n"};
    const size_t npool = sizeof pool / sizeof pool[0];
    uint64_t r = 0x2545F4914F6CDD1DULL;
    char *text = malloc(4 * 3000 + 1);
    uint32_t *words = malloc(sizeof *words * 3001);
    CHECK(text && words);
    if (!text || !words) return;
    long total = 0;
    for (int round = 0; round < 120; round++) {
        r ^= r << 13; r ^= r >> 7; r ^= r << 17;
        size_t nch = 1 + (size_t)(r % (round % 4 == 0 ? 3000 : 200));
        /* every fourth text has no sentence ends or spaces: cut at 1024 */
        size_t lim = round % 4 == 0 ? npool - 3 : npool;
        size_t len = 0, nw = 0;
        for (size_t k = 0; k < nch; k++) {
            r ^= r << 13; r ^= r >> 7; r ^= r << 17;
            if (r >> 40 & 1 || nw == 0)   /* a word starts here */
                words[nw++] = (uint32_t)(len + (r >> 50 & 7 ? 0 : 1));   /* or not on a char start */
            const char *c = pool[(r >> 8) % lim];
            size_t cl = strlen(c);
            memcpy(text + len, c, cl);
            len += cl;
        }
        cr_error e;
        cr_error_clear(&e);
        long d = ner_check_paths(m, text, len, round & 1 ? words : NULL,
                                 round & 1 ? nw : 0, &e);
        CHECK_INT(d, 0);
        total += (long)nch;
    }
    CHECK(total > 20000);
    /* the unigram memo (1,024 slots kept from call to call) evicted and
     * refilled: texts of random characters from the whole CJK block */
    for (int round = 0; round < 16; round++) {
        size_t len = 0, nw = 0;
        for (size_t k = 0; k < 2500; k++) {
            r ^= r << 13; r ^= r >> 7; r ^= r << 17;
            if (r >> 40 & 1 || nw == 0)
                words[nw++] = (uint32_t)len;
            uint32_t cp = 0x4E00 + (uint32_t)(r % (r >> 60 & 1 ? 0x5200 : 300));
            text[len++] = (char)(0xE0 | cp >> 12);
            text[len++] = (char)(0x80 | (cp >> 6 & 0x3F));
            text[len++] = (char)(0x80 | (cp & 0x3F));
        }
        cr_error e;
        cr_error_clear(&e);
        CHECK_INT(ner_check_paths(m, text, len, words, nw, &e), 0);
    }
    free(text);
    free(words);
}

/* A second model (made-up weights on the features of a sentence) used on
 * the same thread in turn with the shipped one: each call must use its own
 * model's rows, not the ones the thread kept from the other's calls. */
static void test_two_models(const ner_model *m)
{
    static const char *s = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布，"
                            "华星电子公司将与该校合作。";
    enum { MAXC = 64 };
    ner_char seq[MAXC];
    size_t n = 0;
    for (size_t i = 0; s[i] && n < MAXC; n++) {
        int32_t c = 0;
        unsigned char b = (unsigned char)s[i];
        int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        c = len == 1 ? b : b & (0x3F >> (len - 1));
        for (int k = 1; k < len; k++)
            c = c << 6 | ((unsigned char)s[i + k] & 0x3F);
        i += (size_t)len;
        ner_char_init(c, &seq[n]);
    }
    uint8_t starts[MAXC];
    for (size_t i = 0; i < n; i++)
        starts[i] = i % 2 == 0;
    ner_words_mark(seq, n, starts);
    uint64_t *feats = malloc(sizeof *feats * n * NER_NFEATS);
    float *w = malloc(sizeof *w * n * NER_NFEATS * NER_NTAGS);
    float trans[(NER_NTAGS + 1) * NER_NTAGS];
    CHECK(feats && w);
    if (!feats || !w) return;
    uint64_t r = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < n; i++)
        ner_features(seq, n, i, feats + i * NER_NFEATS);
    for (size_t k = 0; k < n * NER_NFEATS * NER_NTAGS; k++) {
        r ^= r << 13; r ^= r >> 7; r ^= r << 17;
        w[k] = (float)((int)(r % 2001) - 1000) / 500.0f;
    }
    for (int k = 0; k < (NER_NTAGS + 1) * NER_NTAGS; k++)
        trans[k] = (float)(k % 7) / 3.0f - 1.0f;
    /* classes sorted by key: 学 ends an organisation, 张 is a surname */
    ner_class cls[2] = {{0x5B66, NER_CLS_ORG_END}, {0x5F20, NER_CLS_SURNAME}};
    char tmp[] = "/tmp/test_ner2_XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0);
    close(fd);
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_model_write(tmp, trans, feats, w, n * NER_NFEATS, cls, 2,
                              0xFFFFFFFFu, &e), CR_OK);
    ner_model *m2 = ner_load(tmp, &e);
    CHECK(m2 != NULL);
    if (!m2)
        fprintf(stderr, "  second model: %s\n", e.msg);
    remove(tmp);
    free(feats);
    free(w);
    if (!m2) return;
    size_t sl = strlen(s);
    for (int round = 0; round < 6; round++) {
        const ner_model *use = round % 3 == 1 ? m : m2;
        CHECK_INT(ner_check_paths(use, s, sl, NULL, 0, &e), 0);
        found f = tag_x(use, s, sl, 0);
        CHECK(f.count > 0);
    }
    /* a model freed and another loaded (perhaps at the same address) */
    ner_free(m2);
    char path[4096];
    snprintf(path, sizeof path, "%s/ner.model", paths_datadir());
    ner_model *m3 = ner_load(path, &e);
    CHECK(m3 != NULL);
    if (m3)
        CHECK_INT(ner_check_paths(m3, s, sl, NULL, 0, &e), 0);
    ner_free(m3);
}

/* A span callback that tags another text on the same thread: the nested
 * call must get its own work space and leave the outer one intact. */
typedef struct nest { const ner_model *m; int outer, inner; } nest;

static int count_span(const ner_span *sp, void *ctx)
{
    (void)sp;
    (*(int *)ctx)++;
    return 0;
}

static int nested_span(const ner_span *sp, void *ctx)
{
    (void)sp;
    nest *t = ctx;
    t->outer++;
    const char *in = "香港特区政府发言人陈志明表示，东华银行已经开业。";
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_tag(t->m, in, strlen(in), count_span, &t->inner, &e), CR_OK);
    return 0;
}

static void test_nested(const ner_model *m)
{
    const char *s = "记者张伟明报道：北京大学副校长李红梅昨天在上海宣布，"
                    "华星电子公司将与该校合作。";
    const char *in = "香港特区政府发言人陈志明表示，东华银行已经开业。";
    int plain = 0, inner1 = 0;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(ner_tag(m, s, strlen(s), count_span, &plain, &e), CR_OK);
    CHECK_INT(ner_tag(m, in, strlen(in), count_span, &inner1, &e), CR_OK);
    nest t = {m, 0, 0};
    CHECK_INT(ner_tag(m, s, strlen(s), nested_span, &t, &e), CR_OK);
    CHECK(plain > 0 && inner1 > 0);
    CHECK_INT(t.outer, plain);
    CHECK_INT(t.inner, plain * inner1);
}

int main(void)
{
    cr_error e;
    cr_error_clear(&e);
    ner_model *m = ner_load_default(&e);
    CHECK(m != NULL);
    if (!m) {
        fprintf(stderr, "cannot load model: %s: %s\n", e.file, e.msg);
        return check_done();
    }
    test_sentences(m);
    test_words(m);
    test_stop(m);
    test_odd_input(m);
    test_threads(m);
    test_paths(m);
    test_two_models(m);
    test_nested(m);
    test_damaged();
    ner_free(m);
    return check_done();
}
