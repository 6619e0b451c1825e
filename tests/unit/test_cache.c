/* test_cache.c — the cache of cleaned documents: a search through it gives
 * what a search without it gives, whatever happened to the files or to the
 * cache in between. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "check.h"
#include "search.h"
#include "text.h"

enum { NDOC = 60 };

typedef struct seen {
    size_t hits[NDOC];
    uint64_t where[NDOC];      /* a checksum of the hits' offsets */
} seen;

static void on_emit(void *ctx, size_t i, const doc *d, const search_hit *h, size_t n)
{
    (void)d;
    seen *s = ctx;
    if (i >= NDOC)
        return;
    s->hits[i] = n;
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++)
        w = w * 1000003 + h[k].start * 31 + h[k].end;
    s->where[i] = w;
}

/* Search dir for pattern by streaming, with cache (may be NULL). */
static int stream(const char *dir, const char *pattern, bool lenient, clean_cache *cache,
                  seen *out, cr_error *e)
{
    corpus c;
    corpus_init(&c);
    load_opts lo = {.defer = true, .lenient = lenient};
    memset(out, 0, sizeof *out);
    int rc = corpus_add_path(&c, dir, &lo, e);
    search_query *q = NULL;
    search_opts o = {.mode = SEARCH_KEYWORD, .threads = 2};
    if (!rc)
        rc = search_compile(&q, &c, pattern, &o, e);
    size_t total = 0;
    if (!rc)
        rc = search_stream_cached(q, &c, &lo, cache, on_emit, out, &total, e);
    search_query_free(q);
    corpus_free(&c);
    return rc;
}

static bool same(const seen *a, const seen *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* Documents the cleaner has work on: a title, repeats, furniture, tags,
 * entities, annotations, Traditional and Simplified forms. */
static void make_docs(const char *dir)
{
    char path[512], text[4096];
    for (int i = 0; i < NDOC; i++) {
        snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
        snprintf(text, sizeof text,
                 "%s\n標題%d：經濟增長\n\n"
                 "第%d篇正文提到经济<b>增长</b>很快，經濟學家(jīng)认为%s。\n"
                 "第二段重复：经济增长。經濟增長。\r\n"
                 "%s"
                 "相关阅读\n• 链接一\n• 链接二\n",
                 i % 3 ? "" : "首页 | 新闻", i, i, i % 2 ? "&amp;&#x7ECF;济" : "没有",
                 i % 4 ? "第二段重复：经济增长。經濟增長。\n" : "");
        write_file(path, text);
    }
}

static size_t pack_bytes(const char *cache_dir, int *n_packs)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cat %s/*.pack 2>/dev/null | wc -c", cache_dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    if (p) {
        if (fscanf(p, "%zu", &n) != 1)
            n = 0;
        pclose(p);
    }
    snprintf(cmd, sizeof cmd, "ls %s/*.pack 2>/dev/null | wc -l", cache_dir);
    p = popen(cmd, "r");
    *n_packs = 0;
    if (p) {
        if (fscanf(p, "%d", n_packs) != 1)
            *n_packs = 0;
        pclose(p);
    }
    return n;
}

/* Random documents full of what makes raw bytes differ from folded
 * cleaned text (as in test_search's prefilter test): through the cache,
 * whose signatures stand in for the prefilter, every needle finds what it
 * finds without. */
static void test_random(const char *cdir)
{
    static const char *const pieces[] = {
        "经", "經", "济", "濟", "w", "W", "ｗ", "Ｗ", "㎾", "t", "T", "o", "O", "Ｏ",
        "中", "國", "国", "a", "1", "①", "⒈", ".", "後", "后", "ﬅ", "™", "s",
        "\n", "\r\n", "\r", "\xE2\x80\xA8", "\f", " ", "　", "。", "，", "?",
        "(jīng)", "（jì）", "(to)", "<b>", "</p>", "<br/>", "<!-- w -->",
        "\xEF\xBF\xBD", "\xEE\x80\x80", "╔", "http://www.wto.org/ ", "• ",
        "经济增长很快。", "WTO成员。", "香港特别行政区", "後來", "\xE2\x80\x8B",
        "&#x7ECF;", "&#27982;", "&amp;", "&nbsp;", "&shy;", "&trade;", "\xFF",
    };
    static const char *const needles[] = {
        "经济", "經", "wto", "w", "to", "st", "tm", "1.", "后来", "国", "Ｔ", " ",
        "&", "中国", "經濟", "。", "(",
    };
    enum { NP = sizeof pieces / sizeof pieces[0] };
    char dir[] = "/tmp/cr_cache_rand_XXXXXX", path[512];
    CHECK(mkdtemp(dir) != NULL);
    uint64_t seed = 777;
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
    static seen want, got;
    int bad = 0;
    for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++) {
        CHECK_INT(stream(dir, needles[k], true, NULL, &want, &e), CR_OK);
        for (int run = 0; run < 2; run++) {
            clean_cache *cc = clean_cache_open(cdir, 0);
            CHECK_INT(stream(dir, needles[k], true, cc, &got, &e), CR_OK);
            if (!same(&want, &got) && bad++ < 3)
                fprintf(stderr, "needle \"%s\", run %d: not the same hits\n", needles[k], run);
            clean_cache_close(cc);
        }
    }
    CHECK_INT(bad, 0);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK(system(path) == 0);
}

int main(void)
{
    char dir[] = "/tmp/cr_cache_docs_XXXXXX", cdir[] = "/tmp/cr_cache_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK(mkdtemp(cdir) != NULL);
    make_docs(dir);
    cr_error e;
    cr_error_clear(&e);
    static seen want, got;
    const char *patterns[] = {"经济", "經濟增長", "链接", "标题"};

    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        CHECK_INT(stream(dir, patterns[p], false, NULL, &want, &e), CR_OK);
        /* first run fills the cache, the second reads it */
        for (int run = 0; run < 2; run++) {
            clean_cache *cc = clean_cache_open(cdir, 0);
            CHECK(cc != NULL);
            CHECK_INT(stream(dir, patterns[p], false, cc, &got, &e), CR_OK);
            CHECK(same(&want, &got));
            cache_stats st = clean_cache_stats(cc);
            if (run == 1 && p == 0) {
                CHECK_INT(st.misses, 0);
                CHECK(st.hits_clean > 0);
                CHECK_INT(st.stored, 0);
            }
            clean_cache_close(cc);
        }
    }

    /* A file changed without its size or times changing: it misses and is
     * cleaned anew. */
    char path[512];
    snprintf(path, sizeof path, "%s/07.txt", dir);
    struct stat before;
    CHECK(stat(path, &before) == 0);
    FILE *f = fopen(path, "r+");
    CHECK(f != NULL);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    char *old = calloc(1, (size_t)len + 1);
    fseek(f, 0, SEEK_SET);
    CHECK(fread(old, 1, (size_t)len, f) == (size_t)len);
    char *at = strstr(old, "经济");
    CHECK(at != NULL);
    memcpy(at, "经验", strlen("经验"));            /* same length */
    fseek(f, 0, SEEK_SET);
    fwrite(old, 1, (size_t)len, f);
    fclose(f);
    free(old);
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
    CHECK_INT(stream(dir, "经济", false, NULL, &want, &e), CR_OK);
    clean_cache *cc = clean_cache_open(cdir, 0);
    CHECK_INT(stream(dir, "经济", false, cc, &got, &e), CR_OK);
    CHECK(same(&want, &got));
    CHECK_INT(clean_cache_stats(cc).misses, 1);
    clean_cache_close(cc);

    /* A damaged pack is ignored, then written anew. */
    int n_packs = 0;
    size_t bytes = pack_bytes(cdir, &n_packs);
    CHECK_INT(n_packs, 1);
    CHECK(bytes > 1000);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "f=$(ls %s/*.pack); printf 'X' | dd of=\"$f\" bs=1 seek=%zu conv=notrunc 2>/dev/null",
             cdir, bytes / 2);
    CHECK(system(cmd) == 0);
    cc = clean_cache_open(cdir, 0);
    CHECK_INT(stream(dir, "经济", false, cc, &got, &e), CR_OK);
    CHECK(same(&want, &got));
    CHECK_INT(clean_cache_stats(cc).misses, NDOC);
    clean_cache_close(cc);
    cc = clean_cache_open(cdir, 0);
    CHECK_INT(stream(dir, "经济", false, cc, &got, &e), CR_OK);
    CHECK(same(&want, &got));
    CHECK_INT(clean_cache_stats(cc).misses, 0);
    clean_cache_close(cc);

    /* Invalid UTF-8: the same error with a cache, and lenient reading has
     * its own entries. */
    snprintf(path, sizeof path, "%s/30.txt", dir);
    write_file(path, "標題\n\n经济\xFF壞了\n");
    cr_error e0, e1;
    cr_error_clear(&e0);
    cr_error_clear(&e1);
    CHECK_INT(stream(dir, "经济", false, NULL, &want, &e0), CR_EINPUT);
    for (int run = 0; run < 2; run++) {
        cc = clean_cache_open(cdir, 0);
        CHECK_INT(stream(dir, "经济", false, cc, &got, &e1), CR_EINPUT);
        CHECK_STR(e1.msg, e0.msg);
        CHECK_INT(e1.byte, e0.byte);
        clean_cache_close(cc);
    }
    CHECK_INT(stream(dir, "经济", true, NULL, &want, &e), CR_OK);
    for (int run = 0; run < 2; run++) {
        cc = clean_cache_open(cdir, 0);
        CHECK_INT(stream(dir, "经济", true, cc, &got, &e), CR_OK);
        CHECK(same(&want, &got));
        clean_cache_close(cc);
    }

    /* The key: raw bytes, title and lenient flag all count. */
    cc = clean_cache_open(cdir, 0);
    doc d1 = {.path = "a/x.txt", .title = "", .raw = "经济", .raw_len = strlen("经济")};
    doc d2 = d1;
    cache_key k1, k2;
    clean_cache_key(cc, &d1, false, &k1);
    clean_cache_key(cc, &d2, false, &k2);
    CHECK(memcmp(&k1, &k2, sizeof k1) == 0);
    d2.title = "经济";
    clean_cache_key(cc, &d2, false, &k2);
    CHECK(memcmp(&k1, &k2, sizeof k1) != 0);
    clean_cache_key(cc, &d1, true, &k2);
    CHECK(memcmp(&k1, &k2, sizeof k1) != 0);
    d2 = d1;
    d2.raw = "经验";
    clean_cache_key(cc, &d2, false, &k2);
    CHECK(memcmp(&k1, &k2, sizeof k1) != 0);
    clean_cache_close(cc);

    /* The size bound: with room for almost nothing, no pack stays. */
    cc = clean_cache_open(cdir, 4096);
    CHECK_INT(stream(dir, "链接", true, cc, &got, &e), CR_OK);
    clean_cache_close(cc);
    pack_bytes(cdir, &n_packs);
    CHECK_INT(n_packs, 0);

    test_random(cdir);

    /* No usable directory: no cache, and searching works without. */
    snprintf(path, sizeof path, "%s/00.txt", dir);
    CHECK(clean_cache_open(path, 0) == NULL);     /* a file, not a directory */

    snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir, cdir);
    CHECK(system(cmd) == 0);
    return check_done();
}
