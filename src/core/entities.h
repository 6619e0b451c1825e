/* entities.h — people, companies, products; mentions and resolved entities.
 *
 * entities_extract finds mentions in one document (lexicon, then rules) and
 * appends them to doc->mentions; it may run on several documents at once.
 * entities_resolve then runs once over the corpus: it merges mentions that
 * name the same entity (aliases, scripts, a surname that refers back to a
 * full name in the same document) and sets mention->entity.
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
} mention;

typedef struct entity {
    const char *id;            /* stable slug, shared by all aliases */
    const char *name;          /* canonical display name */
    uint8_t type;
    const char **aliases;      /* surface forms seen or known */
    size_t n_aliases;
    uint32_t *mentions_per_doc; /* count per document index */
} entity;

int entities_extract(doc *d, const corpus *c, cr_error *e);
int entities_resolve(corpus *c, cr_error *e);

#endif
