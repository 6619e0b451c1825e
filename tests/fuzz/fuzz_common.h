/* fuzz_common.h — shared set-up for libFuzzer harnesses. */
#ifndef CR_FUZZ_COMMON_H
#define CR_FUZZ_COMMON_H
#include <stdint.h>
#include <stdlib.h>
#include "corpus.h"

/* Abort (a finding) unless cond holds: invariants the pipeline promises. */
#define FUZZ_ASSERT(cond) do { if (!(cond)) abort(); } while (0)

/* The read-only data every corpus loads (lexicon, entity rules and tagger,
 * figure words) is loaded once per process and lent to each input's
 * corpus: loading it is most of the cost of one run (about 100 ms), and
 * the pipeline only reads it. fuzz_corpus_init lends it,
 * fuzz_corpus_free takes it back before freeing the rest. */
static inline void fuzz_corpus_init(corpus *c)
{
    static corpus shared;
    static int loaded;
    if (!loaded) {
        cr_error e;
        corpus_init(&shared);
        (void)corpus_run(&shared, STAGE_EXTRACT, &e);   /* no documents: data only */
        loaded = 1;
    }
    corpus_init(c);
    c->lexicon = shared.lexicon;
    c->entity_rules = shared.entity_rules;
    c->figures = shared.figures;
}

static inline void fuzz_corpus_free(corpus *c)
{
    c->lexicon = NULL;
    c->entity_rules = NULL;
    c->figures = NULL;
    corpus_free(c);
}

/* Load data as one lenient document and run up to `upto`. Checks the
 * invariants every stage promises: spans inside the text, offsets mapping
 * back inside the raw input. Returns the status of corpus_run. */
static inline int fuzz_run(corpus *c, const uint8_t *data, size_t size, enum stage upto)
{
    load_opts o = {.lenient = true};
    cr_error e;
    if (corpus_add_buffer(c, "fuzz", (const char *)data, size, &o, &e))
        return e.code;
    int rc = corpus_run(c, upto, &e);
    for (size_t i = 0; i < c->n_docs; i++) {
        const doc *d = c->docs[i];
        if (!d->text)
            continue;
        FUZZ_ASSERT(d->text[d->text_len] == '\0');
        for (uint32_t off = 0; off <= d->text_len; off += 1 + d->text_len / 64)
            FUZZ_ASSERT(offmap_raw(&d->map, off) <= d->raw_len);
        for (size_t k = 0; k < d->n_tokens; k++)
            FUZZ_ASSERT(d->tokens[k].start < d->tokens[k].end &&
                        d->tokens[k].end <= d->text_len);
        for (size_t k = 0; k < d->n_sentences; k++)
            FUZZ_ASSERT(d->sentences[k].start <= d->sentences[k].end &&
                        d->sentences[k].end <= d->text_len);
    }
    return rc;
}
#endif
