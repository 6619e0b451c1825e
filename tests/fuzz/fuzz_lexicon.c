/* The lexicon loader and matcher on arbitrary bytes. Input: lexicon text,
 * a NUL byte, then text to match (no NUL: the same bytes serve as both).
 * Checks: a load either fails with CR_EINPUT/CR_ENOMEM or succeeds; every
 * alias of every entry matches itself in full and looks up to an entry;
 * matches over the text never run past it and always name an entry. */
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"

#define FUZZ_ASSERT(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t lex_len = nul ? (size_t)(nul - data) : size;
    size_t text_off = nul ? lex_len + 1 : 0;
    size_t text_len = size - text_off;
    /* exact-size copies so ASan catches overreads */
    char *lex = malloc(lex_len ? lex_len : 1), *text = malloc(text_len ? text_len : 1);
    lexicon *lx = lexicon_new();
    if (!lex || !text || !lx)
        goto out;
    memcpy(lex, data, lex_len);
    memcpy(text, data + text_off, text_len);
    cr_error e;
    cr_error_clear(&e);
    int rc = lexicon_load_buffer(lx, "fuzz", lex, lex_len, &e);
    FUZZ_ASSERT(rc == CR_OK || rc == CR_EINPUT || rc == CR_ENOMEM);
    FUZZ_ASSERT(rc == CR_OK || e.code == rc);
    for (size_t i = 0; i < lexicon_size(lx); i++) {
        const lex_entry *en = lexicon_entry(lx, i);
        FUZZ_ASSERT(en && en->n_aliases >= 1 && lexicon_find(lx, en->id) == en);
        for (uint32_t a = 0; a < en->n_aliases; a++) {
            size_t al = strlen(en->aliases[a]);
            const lex_entry *o;
            FUZZ_ASSERT(lexicon_match(lx, en->aliases[a], al, &o) == al && o);
            FUZZ_ASSERT(lexicon_lookup(lx, en->aliases[a], al) != NULL);
        }
    }
    for (size_t pos = 0; pos < text_len; pos++) {
        const lex_entry *o;
        size_t m = lexicon_match_at(lx, text, text_len, pos, &o);
        FUZZ_ASSERT(m <= text_len - pos && (m == 0) == (o == NULL));
    }
out:
    lexicon_free(lx);
    free(lex);
    free(text);
    return 0;
}
