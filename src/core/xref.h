/* xref.h — links between claims of different documents. */
#ifndef CR_XREF_H
#define CR_XREF_H
#include "corpus.h"

enum xref_relation { XREF_SAME, XREF_DIFFERS, XREF_RELATED, XREF_ONLY_IN };
const char *xref_relation_name(int r);

typedef struct xref_link {
    uint8_t relation;
    double score;
    const char *why;           /* short human-readable reason */
    uint32_t left_doc, left_claim;    /* indices */
    int32_t right_doc, right_claim;   /* -1 for only-in */
} xref_link;

int xref_link_corpus(corpus *c, cr_error *e);

#endif
