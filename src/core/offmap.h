/* offmap.h — map from byte offsets in a document's cleaned text back to the
 * raw file.
 *
 * The cleaner builds the cleaned text by copying runs of raw bytes and by
 * emitting replacements (an entity decoded, a damaged run replaced by U+FFFD,
 * a paragraph break). Each piece is one segment; a copied run maps byte for
 * byte, a replacement maps as a whole to the raw range it stands for.
 * Segments are kept in cleaned order, so lookups are a binary search.
 */
#ifndef CR_OFFMAP_H
#define CR_OFFMAP_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef struct offmap_seg {
    uint32_t clean, clean_len;   /* range in cleaned text */
    uint32_t raw, raw_len;       /* range in raw file */
    uint8_t repl;                /* 1: a replacement (maps as a whole); a
                                  * segment with unequal lengths is one too */
} offmap_seg;

typedef struct offmap {
    offmap_seg *segs;
    size_t len, cap;
    arena *arena;
} offmap;

void offmap_init(offmap *m, arena *a);
/* Record that cleaned bytes [clean, clean+clean_len) came from raw bytes
 * [raw, raw+raw_len). Adjacent verbatim copies are merged. Returns 0, or -1
 * when out of memory. */
int offmap_add(offmap *m, uint32_t clean, uint32_t clean_len, uint32_t raw,
               uint32_t raw_len);
/* Record a replacement: cleaned [clean, clean+clean_len) stands for raw
 * [raw, raw+raw_len) as a whole, even when the lengths are equal (a lone CR
 * turned into LF, a 3-byte invalid sequence turned into U+FFFD). offmap_add
 * with unequal lengths is a replacement too. Never merged. */
int offmap_add_repl(offmap *m, uint32_t clean, uint32_t clean_len, uint32_t raw,
                    uint32_t raw_len);
/* Raw offset of a cleaned offset. A start offset maps to the start of its
 * raw range; use offmap_raw_end for the end of a span so that a span that
 * ends just after a replacement covers all of that replacement's raw bytes. */
uint32_t offmap_raw(const offmap *m, uint32_t clean);
uint32_t offmap_raw_end(const offmap *m, uint32_t clean_end);

#endif
