/* lexicon.h — the entity lexicon: data/ TSV files plus files given by --lexicon.
 *
 * Format (see docs/formats.md): one entry per line,
 *   type <TAB> id <TAB> canonical name <TAB> alias|alias|...
 * '#' starts a comment line. type is person, company or product.
 * Lookups are by folded key (fold.h), so one entry written in Traditional
 * matches Simplified text and Latin aliases match in any case.
 * Read-only after loading; safe to share between threads.
 */
#ifndef CR_LEXICON_H
#define CR_LEXICON_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"

typedef struct lex_entry {
    const char *id, *name;
    uint8_t type;               /* enum mention_type */
} lex_entry;

typedef struct lexicon lexicon;

lexicon *lexicon_new(void);
void lexicon_free(lexicon *lx);
/* Load one TSV file; errors name file and line. */
int lexicon_load_file(lexicon *lx, const char *path, cr_error *e);
/* Load every data/ TSV files lexicon shipped with crossread. */
int lexicon_load_default(lexicon *lx, cr_error *e);

/* Longest alias that starts at s (raw cleaned UTF-8, folded internally).
 * Returns the byte length matched in s (0: none) and the entry. */
size_t lexicon_match(const lexicon *lx, const char *s, size_t n, const lex_entry **out);
size_t lexicon_size(const lexicon *lx);

#endif
