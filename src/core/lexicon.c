/* lexicon.c — STUB: being written (issue 3). */
#include "lexicon.h"
#include <stdlib.h>
struct lexicon { int dummy; };
lexicon *lexicon_new(void) { return calloc(1, sizeof(lexicon)); }
void lexicon_free(lexicon *lx) { free(lx); }
int lexicon_load_file(lexicon *lx, const char *path, cr_error *e) { (void)lx; (void)path; (void)e; return CR_OK; }
int lexicon_load_default(lexicon *lx, cr_error *e) { (void)lx; (void)e; return CR_OK; }
size_t lexicon_match(const lexicon *lx, const char *s, size_t n, const lex_entry **out) { (void)lx; (void)s; (void)n; *out = NULL; return 0; }
size_t lexicon_size(const lexicon *lx) { (void)lx; return 0; }
