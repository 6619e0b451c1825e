/* segment.h — ICU word and sentence break over cleaned text.
 *
 * segment_document fills doc->tokens (every piece of the text, spaces and
 * punctuation included, in order, covering doc->text exactly) and
 * doc->sentences. Pieces come from ICU's word break iterator (locale "zh",
 * dictionary based for Han); each token's kind comes from ICU's rule status
 * and character properties. Runs of white space form one space token.
 *
 * On top of ICU, a few merges that hold for any text (SEG_RULES, each
 * measured on the SIGHAN bakeoff, see docs/performance.md):
 *  - words the lexicon knows but ICU splits become one token (TOKF_LEXICON),
 *    only when the match starts and ends on a boundary (words are not cut);
 *  - numbers keep their sign, ratio or range parts and a following
 *    magnitude character (-9, 3/4, 6-1, 5.4億); a month is its number (8月);
 *    a full-width comma between digits separates two numbers (3，5);
 *  - Han digit strings written with a zero (二○○一) are one number;
 *  - Latin words joined by a hyphen (GPT-4, COVID-19) are one token.
 * Decimal points and thousands separators ICU keeps itself (5.4, 1,200).
 *
 * Sentences come from ICU's sentence break iterator (with ICU's English
 * abbreviations, so "Mr. Smith" stays whole); every line break ends a
 * sentence (paragraphs are separated by blank lines). A sentence's span is
 * trimmed of surrounding white space, never cuts a token, and tok_first /
 * tok_count name the tokens inside it. Whitespace-only sentences are dropped.
 *
 * Thread-safe given distinct documents (ICU break iterators are per call).
 * Returns CR_ENOMEM when out of memory, CR_EINPUT when ICU fails.
 */
#ifndef CR_SEGMENT_H
#define CR_SEGMENT_H
#include "corpus.h"

struct lexicon;
int segment_document(doc *d, const struct lexicon *lx, cr_error *e);
const char *token_kind_name(int kind);    /* "han", "latin", ... */

/* The merges above, singly, for tests and bench/seg (ablation). */
enum seg_rule {
    SEG_LEXICON = 1u << 0,       /* lexicon words ICU splits */
    SEG_NUM_JOIN = 1u << 1,      /* 3/4, 2:1, 6-1 */
    SEG_NUM_MAGNITUDE = 1u << 2, /* 5.4億, 100万 */
    SEG_HAN_DIGITS = 1u << 3,    /* 二○○一 */
    SEG_LATIN_HYPHEN = 1u << 4,  /* GPT-4 */
    SEG_PUNCT_RUN = 1u << 5,     /* —— …… */
    SEG_NUM_MONTH = 1u << 6,     /* 8月 */
    SEG_NUM_SIGN = 1u << 7,      /* -9 */
    SEG_NUM_PERCENT = 1u << 8,   /* 11.2% */
    SEG_NUM_CLAUSE = 1u << 9,    /* 3，5 is two numbers (ICU: one) */
    SEG_HAN_HUA = 1u << 10,      /* 美元化: a word + the suffix 化 (-ise) */
    /* What segment_document uses: the rules that made none of the four
     * SIGHAN corpora worse (docs/performance.md). Percent signs and dash
     * runs are written apart in cityu and msr respectively. */
    SEG_RULES = SEG_LEXICON | SEG_NUM_JOIN | SEG_NUM_MAGNITUDE | SEG_HAN_DIGITS |
                SEG_LATIN_HYPHEN | SEG_NUM_MONTH | SEG_NUM_SIGN | SEG_NUM_CLAUSE |
                SEG_HAN_HUA,
};
int segment_document_rules(doc *d, const struct lexicon *lx, unsigned rules, cr_error *e);

#endif
