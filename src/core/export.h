/* export.h — writing entities, claims and cross-references as text, TSV or
 * JSONL (docs/formats.md). One implementation for `crossread entities|
 * claims|xref` and the explorer's :export command, so both write the same
 * bytes. Article text goes through escape.h. The writers print to a FILE
 * the caller owns; export_to_path writes a file through outfile.h
 * (temporary file and rename: an existing file is refused unless force,
 * and is left intact on any error).
 */
#ifndef CR_EXPORT_H
#define CR_EXPORT_H
#include <stdbool.h>
#include <stdio.h>

#include "corpus.h"

enum export_format { EXPORT_TEXT, EXPORT_TSV, EXPORT_JSONL };
enum export_kind { EXPORT_ENTITIES, EXPORT_CLAIMS, EXPORT_XREF };

/* "text", "tsv", "jsonl" (or "json"); -1 if unknown. */
int export_format_from_name(const char *s);
/* "entities", "claims", "xref"; -1 if unknown. */
int export_kind_from_name(const char *s);

/* types: a bit (1u << enum mention_type) per type wanted; 0 means all.
 * Needs STAGE_EXTRACT. */
void export_entities(FILE *f, const corpus *c, enum export_format fmt, unsigned types);
void export_claims(FILE *f, const corpus *c, enum export_format fmt);    /* STAGE_CLAIMS */
void export_xref(FILE *f, const corpus *c, enum export_format fmt);      /* STAGE_XREF */
/* The same TSV or JSONL bytes one link at a time, as corpus.on_link hands
 * them over: export_xref_begin (the TSV header), then export_xref_link for
 * each. */
void export_xref_begin(FILE *f, enum export_format fmt);
void export_xref_link(FILE *f, const corpus *c, enum export_format fmt, const struct xref_link *l);
/* The text report a link at a time: its first line counts every kind of
 * link, so what follows it is written to a temporary file until
 * export_xref_text_end prints the line, copies the rest after it and frees
 * the stream (CR_ENOMEM, or CR_EINPUT when the file fails). begin returns NULL when no
 * temporary file can be made. */
typedef struct xref_text_stream xref_text_stream;
xref_text_stream *export_xref_text_begin(void);
void export_xref_text_link(xref_text_stream *s, const corpus *c, const struct xref_link *l);
int export_xref_text_end(xref_text_stream *s, FILE *f, const corpus *c);

/* One of the above into a new file at path. */
int export_to_path(const char *path, bool force, const corpus *c, enum export_kind kind,
                   enum export_format fmt, unsigned types, cr_error *e);

#endif
