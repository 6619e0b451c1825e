/* search.h — finding a keyword, a regular expression or an entity in a corpus.
 *
 * Keyword search compares folded keys (fold.h: Traditional->Simplified,
 * NFKC width, Latin case); pinyin annotations and broken lines are already
 * gone from the cleaned text. Each document's cleaned text is folded once
 * into a search_index together with a map back to cleaned offsets, and the
 * folded needle is found with memchr on its last byte and a compare (memmem
 * where that byte is everywhere), so no transliterator runs at
 * search time. Regex search runs PCRE2 (UTF|UCP|MULTILINE, JIT when
 * available) over the cleaned text in its original script. Entity search
 * returns the mentions of the entities whose name or alias folds to the
 * given name (needs STAGE_EXTRACT). word mode keeps only hits that start and
 * end on token boundaries (needs STAGE_SEGMENT).
 *
 * Hits are byte ranges [start, end) into doc->text, sorted by document and
 * start, never overlapping within a document (after a hit the search goes
 * on at its end, as grep -o does); empty regex matches are not hits.
 *
 * Threads: search_run works on documents in parallel (pool.h). A
 * search_query is read-only once compiled and may be shared; a search_index
 * must not be used by two search_run calls at once. Documents that are not
 * cleaned yet are cleaned by search_run (text_clean, one per document);
 * with word, documents not segmented yet are segmented with c->lexicon
 * (an error when the corpus has no lexicon loaded).
 *
 * The TUI keeps one search_index per corpus and calls search_compile +
 * search_run per keystroke: folding happens on the first call only.
 */
#ifndef CR_SEARCH_H
#define CR_SEARCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

enum search_mode { SEARCH_KEYWORD, SEARCH_REGEX, SEARCH_ENTITY };

typedef struct search_opts {
    enum search_mode mode;
    bool word;             /* hits must start and end on token boundaries */
    bool caseless;         /* regex: PCRE2_CASELESS (keywords always fold case) */
    size_t max_hits;       /* stop after this many hits per document; 0: all */
    unsigned threads;      /* 0: pool_default_threads() */
} search_opts;

typedef struct search_hit {
    uint32_t doc;          /* index into corpus->docs */
    uint32_t start, end;   /* in doc->text */
} search_hit;

typedef struct search_hits {
    search_hit *v;         /* malloc'd; sorted by doc, then start */
    size_t len, cap;
    uint32_t *per_doc;     /* hits per document (corpus->n_docs entries) */
    size_t n_docs;
} search_hits;

typedef struct search_query search_query;
typedef struct search_index search_index;

/* Compile a pattern. Keyword: an empty pattern, or one that folds to
 * nothing, is CR_EINPUT. Regex: a bad pattern is CR_EINPUT with e->byte the
 * offset PCRE2 reports (has_byte set) and PCRE2's message. Entity: c must
 * have run STAGE_EXTRACT; an unknown name compiles to a query that finds
 * nothing (search_query_entities tells). */
int search_compile(search_query **out, const corpus *c, const char *pattern,
                   const search_opts *o, cr_error *e);
void search_query_free(search_query *q);
/* Entity mode: how many resolved entities the name matched. */
size_t search_query_entities(const search_query *q);

/* Folded text per document. With cache, each document is folded on the
 * first search and kept until the index is freed (the TUI: later searches
 * only run memmem); without, each search folds into per-thread scratch
 * buffers (one-shot searches: less memory, fewer page faults). The corpus
 * must outlive the index and not gain documents in between (call
 * search_index_new again after adding documents). */
search_index *search_index_new(const corpus *c, bool cache);
/* Clean (if needed) and fold every document now, on `threads` threads (0:
 * the default), so that the first search is as fast as the next ones: the
 * TUI calls it once after loading (about 150 ms for 18 MB on 2 cores). */
int search_index_prepare(search_index *x, unsigned threads, cr_error *e);
void search_index_free(search_index *x);

/* Search every document (or only those with mask[i] != 0 when mask is not
 * NULL, e.g. the documents an incremental search found for a shorter
 * prefix). Appends nothing on error. Returns CR_OK (hits may be empty),
 * or an error from cleaning, an invalid UTF-8 subject, or out of memory. */
int search_run(const search_query *q, search_index *x, const uint8_t *mask,
               search_hits *out, cr_error *e);
void search_hits_free(search_hits *h);

/* One-shot search over many files with little memory (the CLI): for each
 * document of c, on several threads, read it if it was listed with
 * load_opts.defer (text_load with lo), clean it, search it, call emit with
 * its hits (sorted; valid only during the call), then release it: the
 * document stays in c->docs with its id and metadata but empty text, its
 * memory handed back for the next document, so a large corpus never has to
 * fit in memory (and costs no page faults per document). emit runs on any
 * worker thread, once per document, in no particular order; it must only
 * touch state of its own document index. Keyword and regex queries only
 * (with word, each document is also segmented, with c->lexicon, which the
 * caller loads first). A keyword query skips the cleaner for documents
 * whose raw bytes cannot hold a hit (no character that folds to one of the
 * needle's): those are emitted with no hits, already released (empty text,
 * raw_len 0). Each worker reuses the memory of the documents it released
 * and the cleaner's scratch arena. On error (the one of the
 * lowest document index, e.g. a file that is not UTF-8) some documents may
 * already have been emitted. *total gets the number of hits. */
typedef void (*search_emit_fn)(void *ctx, size_t doc_index, const doc *d,
                               const search_hit *hits, size_t n_hits);
int search_stream(const search_query *q, corpus *c, const load_opts *lo,
                  search_emit_fn emit, void *ctx, size_t *total, cr_error *e);
/* The same with a cache of cleaned documents (cache.h; NULL: none): files
 * it knows are not cleaned again (nor their UTF-8 checked), the others are
 * stored in it. The hits, errors and output are those of search_stream. */
struct clean_cache;
int search_stream_cached(const search_query *q, corpus *c, const load_opts *lo,
                         struct clean_cache *cache, search_emit_fn emit, void *ctx,
                         size_t *total, cr_error *e);

/* Raw-file positions for hits: a line index per document, built on first
 * use. line and col are 1-based; col counts characters as doc_raw_position
 * does, raw_start/raw_end are byte offsets in doc->raw (raw_end covers a
 * removed annotation or entity the hit ends on). */
typedef struct search_pos {
    uint32_t raw_start, raw_end;
    size_t line, col;
} search_pos;
typedef struct search_lines search_lines;
search_lines *search_lines_new(const doc *d);
void search_lines_free(search_lines *l);
/* Position of the cleaned span [start, end). Keeps a cursor, so calls for
 * hits in order cost only the characters between them. */
void search_lines_pos(search_lines *l, uint32_t start, uint32_t end,
                      search_pos *out);

#endif
