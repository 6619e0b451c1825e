/* text.h — loading raw files and cleaning them into article text.
 *
 * text_load: reads a file, checks it is UTF-8 (no invalid bytes, overlong
 *   forms, surrogates or NUL bytes) and under the size cap. A BOM is kept in
 *   raw (the cleaner skips it). Errors name file, line and byte offset.
 *   With o->lenient, invalid sequences are accepted here and the cleaner
 *   replaces each with U+FFFD and records a DAMAGE_INVALID_UTF8 span.
 *
 * text_clean: builds doc->text from doc->raw: drops the BOM, normalises CRLF,
 *   removes inline pinyin annotations, HTML remnants, repeated content and
 *   page furniture, marks encoding damage, separates the title, and records
 *   the offset map for every byte it emits. See docs/architecture.md for the
 *   rules and why each is safe.
 */
#ifndef CR_TEXT_H
#define CR_TEXT_H
#include "corpus.h"

int text_load(doc *d, const char *path, const load_opts *o, cr_error *e);
/* Validate UTF-8 in memory; returns 0 when valid, else CR_EINPUT with the
 * byte offset and line of the first bad sequence in e (file = name). */
int text_validate(const char *buf, size_t len, const char *name, cr_error *e);
int text_clean(doc *d, cr_error *e);

#endif
