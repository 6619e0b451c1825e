/* Offset map: lookups on hand-built maps, and round trips of real cleaned
 * documents — every verbatim byte maps to the identical raw byte, every
 * replacement maps as a whole, and span ends cover replacements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "corpus.h"
#include "offmap.h"
#include "text.h"

static void hand_built(void)
{
    arena a;
    arena_init(&a);
    offmap m;
    offmap_init(&m, &a);
    CHECK_INT(offmap_raw(&m, 7), 7);               /* empty map: identity */
    CHECK_INT(offmap_raw_end(&m, 7), 7);
    /* "ab" copied from raw 0, "&amp;" (raw 2..7) -> "&", "cd" from raw 7,
     * then "xy" from raw 20 (raw 9..20 dropped). */
    CHECK(offmap_add(&m, 0, 2, 0, 2) == 0);
    CHECK(offmap_add(&m, 2, 1, 2, 5) == 0);
    CHECK(offmap_add(&m, 3, 2, 7, 2) == 0);
    CHECK(offmap_add(&m, 5, 2, 20, 2) == 0);
    CHECK_INT(m.len, 4);
    CHECK_INT(offmap_raw(&m, 0), 0);
    CHECK_INT(offmap_raw(&m, 1), 1);
    CHECK_INT(offmap_raw(&m, 2), 2);               /* start of the entity */
    CHECK_INT(offmap_raw_end(&m, 3), 7);           /* span ending on it: all of it */
    CHECK_INT(offmap_raw(&m, 3), 7);
    CHECK_INT(offmap_raw(&m, 5), 20);
    CHECK_INT(offmap_raw_end(&m, 5), 9);
    CHECK_INT(offmap_raw_end(&m, 7), 22);
    CHECK_INT(offmap_raw(&m, 7), 22);              /* end of text */
    CHECK_INT(offmap_raw(&m, 100), 22);

    /* Adjacent verbatim copies merge; replacements never do, even when
     * their lengths are equal. */
    offmap m2;
    offmap_init(&m2, &a);
    CHECK(offmap_add(&m2, 0, 3, 10, 3) == 0);
    CHECK(offmap_add(&m2, 3, 3, 13, 3) == 0);
    CHECK_INT(m2.len, 1);
    CHECK(offmap_add_repl(&m2, 6, 1, 16, 1) == 0);  /* lone CR -> LF */
    CHECK(offmap_add(&m2, 7, 2, 17, 2) == 0);
    CHECK_INT(m2.len, 3);
    CHECK(m2.segs[1].repl && !m2.segs[0].repl && !m2.segs[2].repl);
    CHECK(offmap_add_repl(&m2, 9, 3, 19, 3) == 0);  /* 3 bad bytes -> U+FFFD */
    CHECK_INT(offmap_raw(&m2, 10), 19);            /* inside: start of the whole */
    CHECK_INT(offmap_raw_end(&m2, 10), 22);
    CHECK(offmap_add(&m2, 12, 0, 22, 0) == 0);      /* empty: ignored */
    CHECK_INT(m2.len, 4);
    arena_free(&a);
}

/* Check the map of a cleaned document against its raw bytes. */
static void round_trip(doc *d, const char *what)
{
    const offmap *m = &d->map;
    size_t bad = 0, verbatim = 0, covered = 0;
    uint32_t prev_end = 0;
    for (size_t k = 0; k < m->len; k++) {
        const offmap_seg *s = &m->segs[k];
        if (s->clean != prev_end)
            bad++;                                 /* gaps or overlaps */
        prev_end = s->clean + s->clean_len;
        covered += s->clean_len;
        if (s->raw + s->raw_len > d->raw_len)
            bad++;
        if (!s->repl) {
            if (s->clean_len != s->raw_len ||
                memcmp(d->text + s->clean, d->raw + s->raw, s->clean_len) != 0)
                bad++;
            verbatim += s->clean_len;
            /* Every byte of it maps byte for byte. */
            for (uint32_t b = 0; b < s->clean_len; b += 1 + s->clean_len / 7)
                if (offmap_raw(m, s->clean + b) != s->raw + b ||
                    offmap_raw_end(m, s->clean + b + 1) != s->raw + b + 1)
                    bad++;
        } else {
            /* A replacement maps as a whole. */
            if (offmap_raw(m, s->clean) != s->raw ||
                (s->clean_len && offmap_raw_end(m, s->clean + s->clean_len) != s->raw + s->raw_len))
                bad++;
        }
    }
    if (bad || covered != d->text_len)
        fprintf(stderr, "%s: %zu bad segments, %zu of %u bytes covered\n", what, bad,
                covered, d->text_len);
    CHECK_INT(bad, 0);
    CHECK_INT(covered, d->text_len);
    CHECK(verbatim > 0 || d->text_len == 0);

    /* Spans: every damage span's raw range is the run it replaced; the
     * title's raw range is the raw title line. */
    for (size_t k = 0; k < d->n_damage; k++) {
        uint32_t rs = offmap_raw(m, d->damage[k].start);
        uint32_t re = offmap_raw_end(m, d->damage[k].end);
        CHECK(rs < re && re <= d->raw_len);
        CHECK(memcmp(d->text + d->damage[k].start, "\xEF\xBF\xBD", 3) == 0);
    }
}

static doc *clean_string(const char *raw, size_t n)
{
    doc *d = calloc(1, sizeof *d);
    arena_init(&d->arena);
    d->path = d->id = "test";
    d->title = "";
    d->raw = arena_strndup(&d->arena, raw, n);
    d->raw_len = n;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(text_clean(d, &e), CR_OK);
    return d;
}

static void free_doc(doc *d)
{
    arena_free(&d->arena);
    free(d);
}

static void synthetic(void)
{
    static const char raw[] =
        "\xEF\xBB\xBF標題&amp;測試\r\n\r\n"
        "遠(yuǎn)赴中東<br>融資&#x4e00;次&nbsp;。\r"
        "因?yàn)殚_源 bad \xC0\x80 byte</p>\n\n"
        "  最後一段,說明文字的內容已經足夠長了,這是一個完整的句子。  \n";
    doc *d = clean_string(raw, sizeof raw - 1);
    round_trip(d, "synthetic");
    /* The title span maps back onto the raw title line. */
    uint32_t rs = offmap_raw(&d->map, d->title_span.start);
    uint32_t re = offmap_raw_end(&d->map, d->title_span.end);
    CHECK_INT(rs, 3);
    CHECK(re == (uint32_t)(strstr(raw, "\r\n") - raw));
    /* "一" decoded from &#x4e00; maps to the whole entity. */
    const char *one = strstr(d->text, "一");
    CHECK(one != NULL);
    if (one) {
        uint32_t c = (uint32_t)(one - d->text);
        CHECK(memcmp(raw + offmap_raw(&d->map, c), "&#x4e00;", 8) == 0);
        CHECK_INT(offmap_raw_end(&d->map, c + 3) - offmap_raw(&d->map, c), 8);
    }
    /* "赴" after the removed annotation maps to the raw "赴". */
    const char *fu = strstr(d->text, "赴");
    CHECK(fu && memcmp(raw + offmap_raw(&d->map, (uint32_t)(fu - d->text)), "赴", 3) == 0);
    free_doc(d);
}

static void corpus_files(void)
{
    const char *files[] = {"000_b93046d02ddf5e22.txt", "003_ad21ea9e24e98342.txt"};
    for (size_t i = 0; i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/%s", CR_SOURCE_ROOT, files[i]);
        doc *d = calloc(1, sizeof *d);
        arena_init(&d->arena);
        d->path = d->id = path;
        d->title = "";
        cr_error e;
        cr_error_clear(&e);
        CHECK_INT(text_load(d, path, NULL, &e), CR_OK);
        CHECK_INT(text_clean(d, &e), CR_OK);
        round_trip(d, files[i]);
        /* Spans inside a paragraph map to a forward raw range whose first
         * and last characters are the span's (across paragraphs raw order
         * may differ: a repeat's cleaner copy can stand in for the first). */
        size_t spans = 0;
        for (uint32_t s = 0; s + 30 < d->text_len; s += 97) {
            uint32_t a = s, b = s + 30;
            while (a < b && ((uint8_t)d->text[a] & 0xC0) == 0x80) a++;
            while (b > a && ((uint8_t)d->text[b] & 0xC0) == 0x80) b--;
            if (memchr(d->text + a, '\n', b - a) || a == b)
                continue;
            uint32_t ra = offmap_raw(&d->map, a), rb = offmap_raw_end(&d->map, b);
            CHECK(ra < rb && rb <= d->raw_len);
            /* The first character is copied or replaced; if copied, it is
             * the same bytes. */
            uint32_t k = a, l = 0;
            while (k + l < b && (l == 0 || ((uint8_t)d->text[k + l] & 0xC0) == 0x80)) l++;
            if (memcmp(d->text + a, "\xEF\xBF\xBD", 3) != 0)
                CHECK(memcmp(d->raw + ra, d->text + a, l) == 0);
            spans++;
        }
        CHECK(spans > 20);
        free_doc(d);
    }
}

int main(void)
{
    hand_built();
    synthetic();
    corpus_files();
    return check_done();
}
