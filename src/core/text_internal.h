/* text_internal.h — between the two passes of the cleaner; not a public API.
 *
 * text_inline (text_inline.c) is the character-level pass: raw bytes in,
 * lines of text out (LF only), with the BOM, HTML tags and entities, inline
 * pinyin annotations and encoding damage dealt with, and an offset map from
 * its output back to raw. text_clean (text_clean.c) then works on whole lines:
 * paragraphs, repeats, the title and page furniture.
 */
#ifndef CR_TEXT_INTERNAL_H
#define CR_TEXT_INTERNAL_H
#include "corpus.h"

typedef struct inline_out {
    char *text;                 /* NUL-terminated, in the scratch arena */
    uint32_t len;
    offmap map;                 /* text -> raw */
    damage *damage;             /* offsets into text, in order */
    size_t n_damage, cap_damage;
    removed_span *removed;      /* raw offsets, in order */
    size_t n_removed, cap_removed;
} inline_out;

/* Run the character-level pass over raw[0, n). Everything goes into the
 * scratch arena. Returns 0, or -1 when out of memory. */
int text_inline(const char *raw, uint32_t n, arena *scratch, inline_out *o);

/* Append s[0, n) to the NUL-terminated buffer *buf of *len bytes and *cap
 * bytes of room, in arena a (both passes build their output this way).
 * first_cap is the room to take on the first call: a good guess means the
 * buffer is never copied. Returns 0, or -1 when out of memory or past 4 GiB. */
int text_buf_put(arena *a, char **buf, uint32_t *len, uint32_t *cap,
                 uint64_t first_cap, const char *s, uint32_t n);

/* Whether c is a Han character (ICU's script property; the common block
 * answered without asking ICU). Both passes ask it per character. */
bool text_is_han(int32_t c);

#endif
