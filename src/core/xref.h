/* xref.h — links between claims of different documents.
 *
 * xref_link_corpus compares every pair of documents (i < j) and links each
 * claim of one to the claims of the other that state the same fact:
 *   same     same fact and the figures agree (within the rounding of the
 *            less precise one: 3.5億 = 3.52億, 70萬美元 = $700,000);
 *   differs  same fact (shared entities, same kind of quantity, same period)
 *            but a figure disagrees (500萬人民幣 / 人民幣508萬);
 *   related  same subject without comparable figures.
 * A claim linked to nothing in any other document gets one `only-in' link
 * (right_doc = right_claim = -1).
 *
 * Matching uses resolved entity ids, figures as normalised values (never
 * their text), folded token keys weighted by rarity, period words and dates
 * (data/claims.tsv). Candidates come from an index keyed by entity id,
 * figure magnitude and rare words, so a pair of documents is not compared
 * claim by claim. Links are appended to corpus->links grouped by document
 * pair, then by relation (same, differs, related), best score first; the
 * only-in links come last in document and claim order. Needs STAGE_CLAIMS.
 * With corpus.on_link set they are handed to it in that order instead.
 */
#ifndef CR_XREF_H
#define CR_XREF_H
#include "corpus.h"

enum xref_relation { XREF_SAME, XREF_DIFFERS, XREF_RELATED, XREF_ONLY_IN };
const char *xref_relation_name(int r);

typedef struct xref_link {
    uint8_t relation;
    double score;              /* 0..1, higher is more certain */
    const char *why;           /* short human-readable reason */
    uint32_t left_doc, left_claim;    /* indices into docs / doc->claims */
    int32_t right_doc, right_claim;   /* -1 for only-in */
} xref_link;

int xref_link_corpus(corpus *c, cr_error *e);

/* Do two figure mentions agree? Same type, currency (money) and unit class
 * (counts); values equal within half the last written digit of the less
 * precise one, ranges overlapping. Exposed for tests. */
struct mention;
struct claim_rules;
bool xref_figures_agree(const doc *da, const struct mention *a,
                        const doc *db, const struct mention *b);
/* Half the place value of the last digit written in a figure's text
 * (500萬 -> 5000, 3.52億 -> 500000, 11.2% -> 0.05). */
double xref_figure_half_step(const char *text, size_t n, double value);

#endif
