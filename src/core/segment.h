/* segment.h — ICU word and sentence break over cleaned text.
 *
 * segment_document fills doc->tokens (every piece of the text, spaces and
 * punctuation included, in order) and doc->sentences. Words the lexicon
 * knows but ICU splits are merged into one token (TOKF_LEXICON).
 * Thread-safe given distinct documents (ICU break iterators are per call).
 */
#ifndef CR_SEGMENT_H
#define CR_SEGMENT_H
#include "corpus.h"

struct lexicon;
int segment_document(doc *d, const struct lexicon *lx, cr_error *e);
const char *token_kind_name(int kind);    /* "han", "latin", ... */

#endif
