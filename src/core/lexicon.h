/* lexicon.h — the entity lexicon: data/ TSV files plus files given by --lexicon.
 *
 * Format (see docs/formats.md, "Lexicon files"): one entry per line,
 *   type <TAB> id <TAB> canonical name <TAB> alias|alias|...
 * '#' starts a comment line. type is person, company or product.
 * Lookups are by folded key (fold.h), so one entry written in Traditional
 * matches Simplified text and Latin aliases match in any case. Name-joining
 * dots (· ‧ ・) and hyphen variants (‐ ‑ ‒) fold to one form too.
 *
 * Later definitions win: a file loaded later may redefine an id (the new
 * line replaces the old entry and all its aliases), and when two entries
 * claim the same folded alias, the one defined later (later file, or later
 * line of the same file) gets it. The shipped files must not redefine ids.
 * A file is loaded whole or not at all.
 *
 * Aliases that begin (end) with a letter or digit of a space-separated
 * script (Latin, Greek, Cyrillic ...) only match at a word boundary there,
 * so "Meta" does not match inside "Metaverse"; Han, kana and Hangul need no
 * boundary. Callers over Han text should therefore match at token starts
 * and check that a match ends at a token boundary too (北大 in 东北大学,
 * 阿里 in 阿里山): the lexicon does not know the segmentation.
 *
 * Read-only after loading; safe to share between threads. lexicon_match does
 * no allocation.
 */
#ifndef CR_LEXICON_H
#define CR_LEXICON_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"

typedef struct lex_entry {
    const char *id, *name;
    uint8_t type;               /* enum mention_type: PERSON, COMPANY, PRODUCT */
    /* Every surface form, as written in the file: the canonical name first,
     * then the aliases in file order, exact duplicates removed. */
    const char *const *aliases;
    uint32_t n_aliases;
    const char *file;           /* where it was defined */
    uint32_t line;
} lex_entry;

typedef struct lexicon lexicon;

lexicon *lexicon_new(void);
void lexicon_free(lexicon *lx);
/* Load one TSV file; errors name file and line (CR_EINPUT). */
int lexicon_load_file(lexicon *lx, const char *path, cr_error *e);
/* Same for text already in memory; name stands for the file in messages
 * and in lex_entry.file. */
int lexicon_load_buffer(lexicon *lx, const char *name, const char *buf, size_t len,
                        cr_error *e);
/* Load every shipped lexicon file: paths_datadir()/entities*.tsv in name
 * order. A shipped file redefining an id is an error. */
int lexicon_load_default(lexicon *lx, cr_error *e);

/* Longest alias that starts at s (raw cleaned UTF-8, folded internally).
 * Returns the byte length matched in s (0: none) and the entry. Assumes s
 * is at a word start (a token start); see lexicon_match_at otherwise. */
size_t lexicon_match(const lexicon *lx, const char *s, size_t n, const lex_entry **out);
/* Same at byte offset off of text [0, len), also checking the word boundary
 * before off for aliases that need one. Use it when scanning any position. */
size_t lexicon_match_at(const lexicon *lx, const char *text, size_t len,
                        size_t off, const lex_entry **out);
/* The entry whose alias is exactly s (folded), or NULL. */
const lex_entry *lexicon_lookup(const lexicon *lx, const char *s, size_t n);

/* Entries in load order (a redefined id keeps its place). */
size_t lexicon_size(const lexicon *lx);
const lex_entry *lexicon_entry(const lexicon *lx, size_t i);
/* Lookup by id; NULL if unknown. */
const lex_entry *lexicon_find(const lexicon *lx, const char *id);

#endif
