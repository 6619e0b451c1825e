/* entities.h — people, companies, products; mentions and resolved entities.
 *
 * entities_prepare loads the context word lists (data/titles.tsv,
 * data/entity_cues.tsv, data/name_chars.tsv, data/given_names.tsv) into the
 * corpus once; corpus_run calls it before extraction.
 *
 * entities_extract finds person, company and product mentions in one
 * document's cleaned text (title and body) and appends them to doc->mentions
 * with entity = -1. Sources, in order of precedence when two spans are equally
 * long (a longer span always wins): the lexicon; names joined by '·'; rules
 * that read context (titles before a name, reporting verbs after it,
 * organisation suffixes, capitalised Latin names, brand words next to
 * organisation or product cues, "一家名為X的" frames); the statistical
 * tagger. Then a name in parentheses after a name is the same entity, and
 * every name found is looked for again in the rest of the document, with
 * its last component (a surname) standing for the full name. Spans that touch
 * damaged text (doc->damage) or Latin letters with tone marks (pinyin) never
 * become entities. It reads only the document and read-only corpus data, so
 * it may run on several documents at once. Linear in the text length.
 *
 * entities_resolve then runs once over the corpus: it merges mentions that
 * name the same entity (lexicon aliases, Traditional/Simplified and case
 * variants, designators such as 公司 or Inc, parenthesised aliases, a surname
 * that refers back to a full name in the same document), builds
 * corpus->entities (ordered by first mention), sets mention->entity, and
 * sorts each document's mentions (figures included) by start offset.
 */
#ifndef CR_ENTITIES_H
#define CR_ENTITIES_H
#include "corpus.h"
#include "figures.h"

enum mention_type {
    MENTION_PERSON, MENTION_COMPANY, MENTION_PRODUCT,
    MENTION_MONEY, MENTION_PERCENT, MENTION_COUNT, MENTION_DATE,
    MENTION__COUNT
};
const char *mention_type_name(int type);   /* "person", "company", ... */
int mention_type_from_name(const char *s); /* -1 if unknown */

typedef struct mention {
    uint32_t start, end;       /* in doc->text */
    uint8_t type;              /* enum mention_type */
    int32_t entity;            /* index into corpus->entities; -1 for figures */
    const char *name;          /* canonical name proposed by the extractor */
    /* figures only */
    decimal value, max;        /* max used when qualifier == Q_RANGE */
    char currency[8];          /* ISO 4217, "unknown", or "" for non-money */
    const char *unit;          /* count unit (張, 人, 次 ...) or NULL */
    uint8_t qualifier;         /* enum qualifier */
    /* entities only (zero for figures) */
    const char *lex_id;        /* lexicon id when the lexicon knows the entity */
    uint8_t source;            /* enum mention_source: how it was found */
    uint8_t flags;             /* MENTF_* */
} mention;

enum mention_source {
    MSRC_OTHER, MSRC_LEXICON, MSRC_DOT_NAME, MSRC_CONTEXT, MSRC_LATIN,
    MSRC_FRAME, MSRC_SUFFIX, MSRC_TAGGER, MSRC_PAREN, MSRC_REPEAT,
};
enum mention_flags {
    MENTF_SHORT = 1,   /* a surname standing for a full name in this document */
    MENTF_LOCAL = 2,   /* a surname with a word of address (王先生) and no one
                        * full name in the document it could stand for: an
                        * entity of this document only, named 王先生 */
};

typedef struct entity {
    const char *id;            /* stable slug, shared by all aliases */
    const char *name;          /* canonical display name */
    uint8_t type;
    const char **aliases;      /* surface forms seen or known */
    size_t n_aliases;
    /* The documents that mention it, in document order, and how often: a
     * list, not a count for every document of the corpus (that grew as
     * entities x documents). */
    struct entity_doc *docs;
    size_t n_docs;
    uint32_t total;            /* mentions in the whole corpus */
} entity;

typedef struct entity_doc {
    uint32_t doc;              /* document index */
    uint32_t mentions;         /* mentions of the entity in it, >= 1 */
} entity_doc;

/* Mentions of en in document di, 0 if none (binary search of en->docs). */
uint32_t entity_mentions_in(const entity *en, size_t di);

int entities_prepare(corpus *c, cr_error *e);
/* Free what entities_prepare loaded outside the corpus arena (the tagger);
 * corpus_free calls it. */
void entities_release(corpus *c);
/* Free the tagger alone, keeping the word lists entities_resolve reads
 * (it never reads the tagger): for a run that calls entities_release
 * after resolution, as extraction without the tagger differs. */
void entities_release_tagger(corpus *c);
int entities_extract(doc *d, const corpus *c, cr_error *e);
int entities_resolve(corpus *c, cr_error *e);

#endif
