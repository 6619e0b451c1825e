/* ner.h — character-level statistical named-entity tagger (PER, ORG, LOC).
 *
 * A linear-chain CRF (trained by tools/train_ner.c, see bench/ner/run.sh)
 * scores B/I/E/S tags per code point from hashed character n-gram,
 * character-type, word and learned character-class features (the words are
 * the segmenter's, given by the caller to ner_tag_words; ner_tag finds
 * them with ICU word break itself);
 * Viterbi with a transition matrix picks the best tag sequence (an entity
 * is B I* E or S; two person names never touch). Input is folded with
 * fold_cp (NFKC, case, Traditional->Simplified) so Traditional text is
 * tagged with the same Simplified-trained model; spans are byte offsets
 * into the caller's original text.
 *
 * Contract: ner_load reads and checks the whole model once; the model is
 * read-only afterwards and may be shared by any number of threads calling
 * ner_tag / ner_tag_words at once. They run in linear time with memory bounded
 * independently of the input length (the text is cut at white space,
 * sentence ends and, failing those, every NER_MAX_SEQ code points); each
 * calling thread keeps one work space of ~0.4 MB (memos of the characters
 * seen) until it exits. A span callback may call them again.
 * Errors come back as cr_error; nothing is printed.
 */
#ifndef CR_NER_H
#define CR_NER_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"

enum ner_type { NER_PER, NER_ORG, NER_LOC, NER__COUNT };
const char *ner_type_name(int type);   /* "PER", "ORG", "LOC" */

typedef struct ner_span {
    size_t start, end;   /* byte range [start, end) in the text given */
    int type;            /* enum ner_type */
    float score;         /* confidence: the smallest, over the span's
                            characters, of how far the best tag sequence
                            outscores the best one that tags that character
                            otherwise, in CRF log-score units; 0 is a tie.
                            docs/performance.md relates it to precision */
} ner_span;

typedef struct ner_model ner_model;

/* Load from a file; NULL and e filled on failure (missing, truncated,
 * corrupt or of another version). */
ner_model *ner_load(const char *path, cr_error *e);
/* Load paths_datadir()/ner.model. */
ner_model *ner_load_default(cr_error *e);
void ner_free(ner_model *m);

/* Called once per entity found, in text order. Return non-zero to stop;
 * ner_tag then returns that value. */
typedef int (*ner_span_fn)(const ner_span *span, void *ctx);

/* Tag UTF-8 text [utf8, utf8+n) (a sentence, paragraph or whole article;
 * invalid bytes are treated as U+FFFD). Returns CR_OK, CR_ENOMEM, or the
 * callback's non-zero value. */
int ner_tag(const ner_model *m, const char *utf8, size_t n,
            ner_span_fn fn, void *ctx, cr_error *e);
/* The same with the text's words given (the segmenter's tokens:
 * segment.h): words[0..nwords) are the byte offsets, ascending, where the
 * words of the text begin (offsets that are not a character start are
 * ignored). The model was trained on the segmenter's words, so this is the
 * faster and the more accurate call; ner_tag without words runs ICU word
 * break itself, which lacks the segmenter's merges. The array is only
 * read, during the call. */
int ner_tag_words(const ner_model *m, const char *utf8, size_t n,
                  const uint32_t *words, size_t nwords,
                  ner_span_fn fn, void *ctx, cr_error *e);

/* ---- For tools/train_ner.c only: the feature extractor and model writer,
 * kept here so training and tagging can never disagree. ---- */
enum {
    NER_NTAGS = 13,       /* O, then B I E S for each of PER, ORG, LOC */
    NER_NFEATS = 32,      /* feature templates per position */
    NER_MAX_SEQ = 1024,   /* longest piece tagged at once (code points) */
};
/* Tag t > 0 is 1 + 4*type + pos: B begins a longer entity, I continues
 * it, E ends it, S is a one-character entity. */
enum { NER_POS_B, NER_POS_I, NER_POS_E, NER_POS_S };
#define NER_TAG(type, pos) (1 + 4 * (type) + (pos))
#define NER_TAG_TYPE(t) (((t) - 1) / 4)
#define NER_TAG_POS(t) (((t) - 1) % 4)
/* May tag t follow tag prev? prev == NER_NTAGS: t starts the text;
 * t == NER_NTAGS: prev ends it. */
int ner_trans_ok(int prev, int t);

/* Character classes learned from training data (bits of ner_char.cls). */
enum { NER_CLS_SURNAME = 1, NER_CLS_ORG_END = 2, NER_CLS_LOC_END = 4,
       NER_CLS_PER_IN = 8, NER_CLS_FOREIGN = 16 };

typedef struct ner_char {
    uint32_t key;    /* folded code point (or hash of a multi-char fold) */
    uint32_t word;   /* hash of the ICU word holding this char */
    uint8_t type;    /* coarse character type from ICU properties */
    uint8_t cls;     /* learned class bits */
    uint8_t wpos;    /* position in that word: NER_POS_B/I/E/S */
    uint8_t wlen;    /* its length in chars, capped at 15 */
} ner_char;

typedef struct ner_class {
    uint32_t key;    /* ner_char.key */
    uint8_t cls;
} ner_class;

/* Fill c for code point cp (key and type; cls and word fields 0). */
void ner_char_init(int32_t cp, ner_char *c);
/* Fill the word fields of seq[0..n) (n <= NER_MAX_SEQ) from ICU word break
 * over the folded characters. A ner_seg is used by one thread at a time. */
typedef struct ner_seg ner_seg;
ner_seg *ner_seg_open(cr_error *e);
void ner_seg_close(ner_seg *s);
int ner_seg_words(ner_seg *s, ner_char *seq, size_t n, cr_error *e);
/* Fill the word fields of seq[0..n) from word starts: starts[k] != 0 when
 * char k begins a word (char 0 always does). What ner_tag_words does with
 * the caller's words, and train_ner with the segmenter's. */
void ner_words_mark(ner_char *seq, size_t n, const uint8_t *starts);
/* Where ner_tag cuts the text: white space is dropped and ends a piece;
 * a sentence end (。!?) ends a piece after itself. */
enum { NER_BREAK_DROP = 1, NER_BREAK_AFTER = 2 };
int ner_char_break(const ner_char *c);
/* NER_NFEATS feature hashes for position i of seq[0..n). */
void ner_features(const ner_char *seq, size_t n, size_t i,
                  uint64_t out[NER_NFEATS]);

/* Write a model: trans is (NER_NTAGS+1) x NER_NTAGS (last row: start),
 * weights[f*NER_NTAGS + t] for feature hash feats[f]; classes sorted by key;
 * templates: bit f set when template f is used (ner_tag looks up only
 * those). Weights are quantised to 8 bits with a 16-bit scale per feature;
 * features whose weights are all 0 are left out. */
int ner_model_write(const char *path, const float *trans,
                    const uint64_t *feats, const float *weights, size_t nfeat,
                    const ner_class *classes, size_t nclass, uint32_t templates,
                    cr_error *e);
/* For tests: tag the text as ner_tag_words does, and again by the plain
 * reference path (features one position at a time, scalar sums, one
 * allowed transition at a time); the number of positions whose emission,
 * prefix or suffix scores, back pointers or tags differ (0: the fast path
 * is exact), or -1 with e filled. */
long ner_check_paths(const ner_model *m, const char *utf8, size_t n,
                     const uint32_t *words, size_t nwords, cr_error *e);
/* Class bits of a key under a loaded model. */
uint8_t ner_model_class(const ner_model *m, uint32_t key);

#endif
