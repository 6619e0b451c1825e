/* claims.h — checkable sentences with their figures and attribution.
 *
 * claims_extract walks a document's sentences (segment stage) and keeps the
 * ones that assert something checkable: a sentence, or a clause of a long
 * sentence that states several facts with their own subjects, carrying a
 * figure (money, percent, count, date) or naming an entity with a predicate
 * of fact or a reporting verb. Headlines count. Questions, and opinion with
 * neither figure nor entity, do not. A clause repeated word for word in one
 * document is kept once. Each claim records the mentions inside it and,
 * where the text gives one, its attribution (據外媒X報道, X表示 ...): an
 * entity index, a quoted source span, or both.
 *
 * The word lists (reporting verbs, predicates of fact, question and opinion
 * markers, period words, count units) are data/claims.tsv, loaded into a
 * claim_rules; see docs/formats.md. Needs the extract stage (mentions with
 * resolved entities). Thread-safe given distinct documents.
 */
#ifndef CR_CLAIMS_H
#define CR_CLAIMS_H
#include "corpus.h"

enum claim_flags {
    CLAIM_HEADLINE = 1,        /* from the title line */
    CLAIM_CLAUSE = 2,          /* a clause of a longer sentence */
};

typedef struct claim {
    uint32_t id;               /* 1-based within its document */
    uint32_t start, end;       /* in doc->text */
    uint32_t *mentions;        /* indices into doc->mentions inside the claim */
    size_t n_mentions;
    int32_t source_entity;     /* attribution as an entity index, or -1 */
    uint32_t source_start, source_end;  /* quoted source span, or 0,0 */
    uint8_t flags;             /* enum claim_flags */
    uint8_t periods;           /* bit (1 << enum claim_period) per period word */
    uint8_t parts;             /* bit (1 << enum claim_part) per named part of a
                                * year (第三季, 上半年) */
    /* With doc->tok_packed: the offset of the first packed token ending
     * after the claim's start, and the end of the token before it. */
    uint32_t tok_at, tok_base;
} claim;

/* ---- word lists ---------------------------------------------------------- */

enum claim_word {
    CW_REPORT, CW_FACT, CW_QUESTION, CW_OPINION, CW_OPEN, CW_CLOSE,
    CW_PRONOUN, CW_FILLER, CW_BLOCK, CW_PERIOD, CW_UNIT, CW_PART, CW__COUNT
};
enum claim_period { CP_DAY, CP_WEEK, CP_MONTH, CP_QUARTER, CP_YEAR, CP__COUNT };
enum claim_part { CQ_Q1, CQ_Q2, CQ_Q3, CQ_Q4, CQ_H1, CQ_H2, CQ__COUNT };

typedef struct claim_term {
    const char *key;           /* folded */
    uint32_t len;
    uint8_t kind;              /* enum claim_word */
    uint8_t period;            /* enum claim_period (CW_PERIOD) or claim_part (CW_PART) */
    const char *value;         /* third column, or "" */
} claim_term;

typedef struct claim_rules {
    claim_term *terms;
    size_t n_terms, cap_terms;
    uint32_t *heads;           /* hash of first code point -> chain (internal) */
    uint32_t *next;
    size_t n_heads;
} claim_rules;

/* A word-list hit in a text: [start, end) in the text scanned. */
typedef struct claim_hit {
    uint32_t start, end;
    const claim_term *term;
} claim_hit;

/* Load a rules file (kind TAB term [TAB value]) into r, allocating in a.
 * Errors name the file and line. claim_rules_load_default reads
 * paths_datadir()/claims.tsv. */
int claim_rules_load(claim_rules *r, arena *a, const char *path, cr_error *e);
int claim_rules_load_default(claim_rules *r, arena *a, cr_error *e);

/* All hits in text [0, n), sorted by start; a hit inside a longer hit of
 * the same kind, or of a block or opinion term, is dropped. */
size_t claim_rules_scan(const claim_rules *r, arena *a, const char *text,
                        size_t n, claim_hit **out);

/* Class of a count unit ("person", "item" ...), or NULL if not listed. */
const char *claim_rules_unit_class(const claim_rules *r, const char *unit);

/* ---- extraction ---------------------------------------------------------- */

int claims_extract(doc *d, const corpus *c, cr_error *e);
int claims_extract_with(doc *d, const corpus *c, const claim_rules *r, cr_error *e);

/* The quoted source text of a claim's attribution (what the article wrote,
 * e.g. 外媒Analytics India Magazine), or NULL with len 0 when it has none. */
const char *claim_source_text(const doc *d, const claim *cl, size_t *len);

#endif
