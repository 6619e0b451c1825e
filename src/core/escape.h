/* escape.h — making article text safe for terminals, TSV and JSON.
 *
 * Nothing from an article reaches output unescaped: C0/C1 controls, DEL and
 * bidi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C) are never
 * written raw. Invalid UTF-8 is shown as \xNN escapes.
 *   text: controls as \xNN (\u{NNNN} beyond ASCII); tab and newline kept
 *         only when keep_newlines (for cleaned article bodies).
 *   tsv:  \t \n \r \\ and other controls as in text.
 *   json: RFC 8259 string contents (\" \\ \n \t \uNNNN).
 */
#ifndef CR_ESCAPE_H
#define CR_ESCAPE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* True for code points that must never reach a terminal raw. */
bool escape_is_unsafe(int32_t c);

void escape_text(FILE *f, const char *s, size_t n, bool keep_newlines);
void escape_tsv(FILE *f, const char *s, size_t n);
void escape_json(FILE *f, const char *s, size_t n);   /* without quotes */
void json_string(FILE *f, const char *s, size_t n);   /* with quotes */

#endif
