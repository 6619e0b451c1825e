/* Loader and cleaner on arbitrary bytes. */
#include "fuzz_common.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cr_error e;
    (void)text_validate((const char *)data, size, "fuzz", &e);
    corpus c;
    fuzz_corpus_init(&c);
    fuzz_run(&c, data, size, STAGE_CLEAN);
    fuzz_corpus_free(&c);
    return 0;
}
