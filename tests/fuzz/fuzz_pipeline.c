/* The whole pipeline on two documents: the input is split at its first
 * 0x00 byte (or in the middle) so cross-referencing sees a pair. */
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *cut = memchr(data, 0, size);
    size_t first = cut ? (size_t)(cut - data) : size / 2;
    size_t second_at = cut ? first + 1 : first;
    corpus c;
    fuzz_corpus_init(&c);
    load_opts o = {.lenient = true};
    cr_error e;
    if (!corpus_add_buffer(&c, "left", (const char *)data, first, &o, &e) &&
        !corpus_add_buffer(&c, "right", (const char *)data + second_at, size - second_at, &o, &e))
        (void)corpus_run(&c, STAGE_XREF, &e);
    fuzz_corpus_free(&c);
    return 0;
}
