/* Segmentation, figures, entities and claims on arbitrary text. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    corpus c;
    fuzz_corpus_init(&c);
    fuzz_run(&c, data, size, STAGE_CLAIMS);
    fuzz_corpus_free(&c);
    return 0;
}
