/* claims.h — checkable sentences with their figures and attribution. */
#ifndef CR_CLAIMS_H
#define CR_CLAIMS_H
#include "corpus.h"

typedef struct claim {
    uint32_t id;               /* 1-based within its document */
    uint32_t start, end;       /* in doc->text */
    uint32_t *mentions;        /* indices into doc->mentions inside the claim */
    size_t n_mentions;
    int32_t source_entity;     /* attribution as an entity index, or -1 */
    uint32_t source_start, source_end;  /* quoted source span, or 0,0 */
} claim;

int claims_extract(doc *d, const corpus *c, cr_error *e);

#endif
