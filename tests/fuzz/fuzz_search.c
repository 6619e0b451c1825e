/* The search query parser, PCRE2 compile and keyword/regex/entity search.
 *
 * Input: one flag byte, the pattern up to the first newline, then the
 * document text. Flag bits: 0-1 mode (0 keyword, 1 regex, 2 entity, 3
 * regex), 2 word, 3 caseless, 4 cached index searched twice, 5 max_hits 3.
 * Checks what search.h promises: hits inside the text, start < end, sorted
 * and never overlapping, per_doc adding up, raw positions inside the raw
 * file, and a cached index giving the same hits again. */
#include <string.h>
#include "fuzz_common.h"
#include "search.h"

static void check_hits(const corpus *c, const search_hits *h)
{
    size_t sum = 0;
    for (size_t i = 0; i < h->n_docs; i++)
        sum += h->per_doc[i];
    FUZZ_ASSERT(sum == h->len);
    for (size_t k = 0; k < h->len; k++) {
        const search_hit *x = &h->v[k];
        FUZZ_ASSERT(x->doc < c->n_docs);
        const doc *d = c->docs[x->doc];
        FUZZ_ASSERT(x->start < x->end && x->end <= d->text_len);
        if (k && h->v[k - 1].doc == x->doc)
            FUZZ_ASSERT(h->v[k - 1].end <= x->start);
        if (k)
            FUZZ_ASSERT(h->v[k - 1].doc <= x->doc);
    }
    /* positions in the raw file, in hit order as the CLI asks for them */
    for (size_t i = 0, k = 0; i < c->n_docs; i++) {
        search_lines *l = search_lines_new(c->docs[i]);
        size_t n = h->per_doc && i < h->n_docs ? h->per_doc[i] : 0;
        for (size_t j = 0; j < n && l; j++, k++) {
            search_pos p;
            search_lines_pos(l, h->v[k].start, h->v[k].end, &p);
            FUZZ_ASSERT(p.raw_start <= p.raw_end && p.raw_end <= c->docs[i]->raw_len);
            FUZZ_ASSERT(p.line >= 1 && p.col >= 1);
        }
        search_lines_free(l);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t flags = data[0];
    const uint8_t *nl = memchr(data + 1, '\n', size - 1);
    size_t plen = nl ? (size_t)(nl - data - 1) : size - 1;
    char *pattern = malloc(plen + 1);
    if (!pattern)
        return 0;
    memcpy(pattern, data + 1, plen);
    pattern[plen] = '\0';
    const uint8_t *text = nl ? nl + 1 : data + size;
    size_t tlen = (size_t)(data + size - text);

    int mode = flags & 3;
    search_opts o = {
        .mode = mode == 0 ? SEARCH_KEYWORD : mode == 2 ? SEARCH_ENTITY : SEARCH_REGEX,
        .word = (flags & 4) && mode != 2,
        .caseless = flags & 8,
        .max_hits = (flags & 32) ? 3 : 0,
        .threads = 1,
    };
    corpus c;
    fuzz_corpus_init(&c);
    cr_error e;
    /* entity search needs extraction, word mode segmentation; plain
     * keyword and regex search clean the documents themselves */
    enum stage upto = o.mode == SEARCH_ENTITY ? STAGE_EXTRACT
                    : o.word ? STAGE_SEGMENT : STAGE_LOAD;
    search_query *q = NULL;
    search_index *x = NULL;
    if (fuzz_run(&c, text, tlen, upto) == CR_OK &&
        search_compile(&q, &c, pattern, &o, &e) == CR_OK &&
        (x = search_index_new(&c, flags & 16))) {
        search_hits h = {0};
        if (search_run(q, x, NULL, &h, &e) == CR_OK) {
            check_hits(&c, &h);
            if (flags & 16) {
                search_hits h2 = {0};
                FUZZ_ASSERT(search_run(q, x, NULL, &h2, &e) == CR_OK);
                FUZZ_ASSERT(h2.len == h.len &&
                            (!h.len || !memcmp(h.v, h2.v, h.len * sizeof *h.v)));
                search_hits_free(&h2);
            }
        }
        search_hits_free(&h);
    }
    search_index_free(x);
    search_query_free(q);
    fuzz_corpus_free(&c);
    free(pattern);
    return 0;
}
