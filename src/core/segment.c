/* segment.c — STUB: being written (issue 2). */
#include "segment.h"
int segment_document(doc *d, const struct lexicon *lx, cr_error *e) { (void)d; (void)lx; (void)e; return CR_OK; }
const char *token_kind_name(int kind)
{
    static const char *names[] = {"han", "latin", "number", "punct", "space", "other"};
    return kind >= 0 && kind <= TOK_OTHER ? names[kind] : "other";
}
