/* fold.h — comparison keys: NFKC width folding, Latin case folding and
 * Traditional->Simplified folding, one code point at a time, from a table
 * generated from ICU at build time (tools/gen_fold.c). Display always uses
 * the original text; keys are only for comparing.
 */
#ifndef CR_FOLD_H
#define CR_FOLD_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

enum { FOLD_MAX_UTF8 = 64 };   /* longest folded form of one code point */

/* Folded form of code point c as UTF-8 into out; returns its length. */
size_t fold_cp(int32_t c, char out[FOLD_MAX_UTF8]);

/* A 32-bit key of fold_cp(c), without copying it: the folded code point
 * when c folds to exactly one, else FNV-1a of the folded bytes with the top
 * bit set (never a code point). So two characters whose folded forms are
 * single code points have equal keys exactly when the forms are equal; the
 * cleaner hashes folded text with it. */
uint32_t fold_cp_key(int32_t c);

/* Generated with the table: bit c of fold_bmp_same is set when BMP code
 * point c folds to itself; fold_bmp_one[c] is the one BMP code point c
 * folds to, or 0 when it folds to none, several or one beyond the BMP. */
extern const uint64_t fold_bmp_same[1024];
extern const uint16_t fold_bmp_one[65536];

/* fold_cp_key with the common case (a BMP character that folds to one BMP
 * character) a single load. */
static inline uint32_t fold_key(int32_t c)
{
    if ((uint32_t)c < 0x10000 && fold_bmp_one[c])
        return fold_bmp_one[c];
    return fold_cp_key(c);
}

/* Fold UTF-8 text [s, s+n). Writes at most cap bytes to out and returns the
 * folded length (which may exceed cap: call again with more room). If map is
 * not NULL, map[i] is the offset in s of the character that produced out[i]
 * (map needs room for cap entries). Invalid UTF-8 folds to U+FFFD. */
size_t fold_utf8(const char *s, size_t n, char *out, size_t cap, uint32_t *map);

/* Folded copy in an arena, NUL-terminated; *len gets its length. */
char *fold_dup(arena *a, const char *s, size_t n, size_t *len);

/* The inverse of fold_cp: every code point c (surrogates excluded) whose
 * folded form contains the code point q, in increasing order. Writes at
 * most cap of them to out and returns how many there are. Any text whose
 * folded form contains q therefore contains one of them (the search
 * prefilter relies on it). Costs one pass over the table's non-identity
 * entries (about a millisecond). */
size_t fold_variants(int32_t q, int32_t *out, size_t cap);

#endif
