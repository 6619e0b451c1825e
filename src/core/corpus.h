/* corpus.h — the document model and the whole-corpus driver.
 *
 * A corpus is an ordered list of documents. Each document owns an arena that
 * holds everything derived from its text, so documents can be processed
 * independently (and on separate threads) until cross-referencing.
 *
 * Every span any stage produces is a byte range [start, end) into the
 * document's cleaned text (doc->text). doc->map turns cleaned offsets back
 * into raw-file offsets. The flow is one way:
 *   load -> clean -> segment -> extract -> claims -> xref
 * and each stage only adds to the document.
 */
#ifndef CR_CORPUS_H
#define CR_CORPUS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "offmap.h"

/* ---- spans produced by the stages --------------------------------------- */

enum damage_kind {
    DAMAGE_INVALID_UTF8 = 1,  /* bytes that were not UTF-8 (--lenient only) */
    DAMAGE_MOJIBAKE,          /* GBK/UTF-8 double-decoding and stray '?' */
};
typedef struct damage {
    uint32_t start, end;      /* in cleaned text */
    uint8_t kind;
} damage;

/* What the cleaner took out of the raw file, and why (docs/cleaning.md).
 * Offsets are RAW byte offsets; rule says which rule (text.h, enum
 * clean_rule; text_rule_name). Sorted by start, never overlapping. */
enum removed_reason {
    REMOVED_PINYIN = 1,       /* inline pinyin annotation after Han text */
    REMOVED_HTML,             /* tag, comment, script/style block */
    REMOVED_DUPLICATE,        /* paragraph repeated from earlier in the file */
    REMOVED_FURNITURE,        /* page furniture: banners, credits, link lists */
};
typedef struct removed_span {
    uint32_t start, end;      /* in the raw file */
    uint8_t reason, rule;
} removed_span;

enum token_kind {
    TOK_HAN, TOK_LATIN, TOK_NUMBER, TOK_PUNCT, TOK_SPACE, TOK_OTHER,
};
enum token_flags {
    TOKF_LEXICON = 1,         /* merged from several ICU pieces by the lexicon */
};
typedef struct token {
    uint32_t start, end;
    uint8_t kind, flags;
} token;

typedef struct sentence {
    uint32_t start, end;
    uint32_t tok_first, tok_count;  /* tokens inside [start, end) */
} sentence;

struct mention;    /* entities.h */
struct claim;      /* claims.h */

typedef struct doc {
    /* identity and manifest metadata ("" when unknown) */
    const char *id, *path, *title, *outlet, *date, *script;

    /* raw file, exactly as read */
    const char *raw;
    size_t raw_len;

    /* cleaned text: the title on the first line, a blank line, then the body
     * paragraphs separated by blank lines. title_span covers the title. */
    char *text;
    uint32_t text_len;
    struct { uint32_t start, end; } title_span;
    offmap map;

    damage *damage;           size_t n_damage, cap_damage;
    removed_span *removed;    size_t n_removed, cap_removed;
    token *tokens;            size_t n_tokens, cap_tokens;
    sentence *sentences;      size_t n_sentences, cap_sentences;
    struct mention *mentions; size_t n_mentions, cap_mentions;
    struct claim *claims;     size_t n_claims, cap_claims;

    arena arena;
    /* The tokens when the corpus releases them (corpus.release_tokens):
     * kept apart from `arena` so they can be freed on their own. */
    arena tok_arena;
    /* With release_tokens, while a run up to STAGE_XREF waits for
     * cross-referencing: the tokens packed (tokpack.h) in tok_arena and
     * d->tokens NULL; after the claims pass only those inside claims, each
     * claim with its first (claim.tok_at, tok_base). NULL otherwise. */
    const uint8_t *tok_packed;
    uint32_t tok_packed_len, n_tok_packed;
    /* Set by doc_keep_claims (cross-referencing in a run that releases):
     * d->text holds only the claims' bytes, and no stage runs again. */
    bool claims_only;
} doc;

/* Options that change how input is read. */
typedef struct load_opts {
    bool lenient;          /* replace invalid UTF-8 with U+FFFD and go on */
    size_t max_file_size;  /* 0: the default cap (LOAD_DEFAULT_MAX) */
    /* corpus_add_path only lists the documents (id, path, metadata) and
     * leaves d->raw NULL: the caller reads each with text_load(d, d->path,
     * o, e) when it wants it, e.g. search_stream, which reads, searches and
     * releases one document at a time. corpus_run refuses unread ones
     * unless corpus.release_raw is set; corpus_stream reads them. */
    bool defer;
} load_opts;

#define LOAD_DEFAULT_MAX ((size_t)64 * 1024 * 1024)

struct lexicon;   /* lexicon.h */
struct entity;    /* entities.h */
struct entity_rules; /* entities.c */
struct xref_link; /* xref.h */

typedef struct corpus {
    doc **docs;
    size_t n_docs, cap_docs;
    struct lexicon *lexicon;           /* shared, read-only after load */
    struct entity_rules *entity_rules; /* entities.c word lists, in arena */
    struct figures_data *figures;      /* figures.h word lists, read-only after load */
    struct entity *entities;           /* resolved entities, corpus-wide */
    size_t n_entities, cap_entities;
    struct xref_link *links;
    size_t n_links, cap_links;
    arena arena;                        /* corpus-wide allocations */
    /* Optional: called from the driving thread as documents finish a stage,
     * so a caller (the TUI) can show load progress. */
    void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
    void *progress_ctx;
    /* Set when nothing will read tokens after corpus_run (the entities,
     * claims and xref commands): a document's tokens, the largest thing it
     * holds, are then freed as soon as the run no longer needs them (after
     * extraction; for xref, only those inside claims are kept until it is
     * done), and d->tokens is NULL after the run. A later run that needs
     * them segments the document again. Results are the same either way. */
    bool release_tokens;
    /* Set when nothing reads a document's raw text, offset map or removed
     * spans after corpus_run (the entities, claims and xref commands): each
     * document is then cleaned with them in memory of its own, freed as soon
     * as it is cleaned, and documents listed with load_opts.defer are read
     * in the run (with the options of corpus_add_path), so the whole raw
     * corpus is never in memory at once. After the run d->raw is NULL,
     * d->raw_len 0, d->map and d->removed empty. Nothing else changes. */
    bool release_raw;
    load_opts load;        /* the options of the last corpus_add_path */
    /* Entities from the rules and lexicons only, without the statistical
     * tagger (--no-tagger): ~2x cheaper, far fewer people and organisations
     * found (docs/performance.md). Read by entities_prepare. */
    bool no_tagger;
    /* Optional: when set, cross-referencing hands each link to it from the
     * driving thread, in the order c->links would hold them, instead of
     * keeping them: c->links is then empty (but not NULL: the stage is
     * done). A writer that prints links as they come holds none. */
    void (*on_link)(void *ctx, const struct corpus *c, const struct xref_link *l);
    void *link_ctx;
} corpus;


void corpus_init(corpus *c);
void corpus_free(corpus *c);

/* Add files and directories (directories recursively, *.txt, sorted by
 * name) in the order given. A manifest.tsv in a directory supplies ids and
 * metadata for the files it lists. Loads and validates each file; on the
 * first bad file returns CR_EINPUT with e naming the file, line and byte. */
int corpus_add_path(corpus *c, const char *path, const load_opts *o, cr_error *e);

/* Add a document from memory (tests, fuzzers, stdin). The buffer is copied;
 * validation is as for a file, with `name` in error messages. */
int corpus_add_buffer(corpus *c, const char *name, const char *buf, size_t len,
                      const load_opts *o, cr_error *e);

/* Stages, cumulative: running STAGE_CLAIMS also runs everything before. */
enum stage {
    STAGE_LOAD, STAGE_CLEAN, STAGE_SEGMENT, STAGE_EXTRACT, STAGE_CLAIMS, STAGE_XREF,
};
int corpus_run(corpus *c, enum stage upto, cr_error *e);

/* For commands that print each document on its own (clean, tokens,
 * sentences): run the stages up to `upto` (STAGE_SEGMENT at most) a batch
 * of documents at a time on the pool, call emit(ctx, i, d) from the calling
 * thread for each document in order once its batch is done, and then free
 * everything the document holds (its raw text too): d keeps its id, path
 * and metadata, with d->raw and d->text NULL. At most a batch (a few MB of
 * text) is held at once beyond the raw text not yet reached; documents
 * listed with load_opts.defer are read in their batch. Output in order, and
 * the same whatever the number of threads. On the first failing document
 * (in order) returns its error; the documents before it were emitted. */
typedef void (*corpus_emit_fn)(void *ctx, size_t i, const doc *d);
int corpus_stream(corpus *c, enum stage upto, corpus_emit_fn emit, void *ctx, cr_error *e);

/* For cross-referencing in a run with release_tokens and release_raw
 * (the xref command), once it has read a document's mentions: keep only
 * what the links and their report read, the text of the claims. d->text
 * becomes the bytes of each claim (with those of its mentions, quoted
 * source and tokens at its edges), runs of them joined by a '\n'; the
 * claims' offsets and the packed tokens point into it; text_len, the
 * title span and damage follow; sentences and mentions are freed (d->n_
 * mentions 0, claims without mention lists) and d->claims_only is set.
 * The offsets offs[0..n_offs), each inside such a kept span, are moved
 * along. Does nothing (CR_OK) to a document whose claims overlap or whose
 * tokens are not packed. corpus_keep_names first copies the resolved
 * entities' names and ids into the corpus arena: they may point at
 * mention names in the documents' arenas. */
int corpus_keep_names(corpus *c);
int doc_keep_claims(doc *d, uint32_t *offs, size_t n_offs);

/* Convert a cleaned-text offset to a 1-based line and column (in characters)
 * of the raw file, for editors. */
void doc_raw_position(const doc *d, uint32_t clean_off, size_t *line, size_t *col);

#endif
