/* tokpack.h — tokens packed into bytes, for holding them cheaply.
 *
 * A token (corpus.h) takes 12 bytes; packed, a typical one takes 1. The
 * xref command keeps a document's tokens from segmentation until
 * cross-referencing has read the ones inside claims (corpus.c), and this is
 * the form they are kept in then. Tokens are packed in text order, each as
 * its distance from the end of the one before and its length:
 *
 *   lead byte   bits 0-2 kind, bit 3 a flags byte follows, bit 4 a gap
 *               (start - previous end) follows as a varint, bits 5-7 the
 *               length in bytes: 1, 2, 3, 6, 9, 12 for codes 1-6 (a Han
 *               character is 3 bytes), 7: the length follows as a varint
 *   then        [flags] [gap] [length]   varints are LEB128, 7 bits a byte
 *
 * Decoding needs the end of the token before (0 at the start of the
 * stream), so a reader starting in the middle keeps it with its offset.
 * Lossless for any tokens in text order (start >= previous end).
 */
#ifndef CR_TOKPACK_H
#define CR_TOKPACK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

static inline unsigned tokpack_len_code(uint32_t len)
{
    switch (len) {
    case 1: return 1;
    case 2: return 2;
    case 3: return 3;
    case 6: return 4;
    case 9: return 5;
    case 12: return 6;
    default: return 7;
    }
}

static inline size_t tokpack_varint_size(uint32_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static inline uint8_t *tokpack_put_varint(uint8_t *p, uint32_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

/* Bytes t takes packed after a token ending at prev_end. */
static inline size_t tokpack_size(const token *t, uint32_t prev_end)
{
    uint32_t len = t->end - t->start;
    return 1 + (t->flags != 0) + (t->start != prev_end ? tokpack_varint_size(t->start - prev_end) : 0) +
           (tokpack_len_code(len) == 7 ? tokpack_varint_size(len) : 0);
}

/* Write t at p (tokpack_size bytes); returns the byte after it. */
static inline uint8_t *tokpack_put(uint8_t *p, const token *t, uint32_t prev_end)
{
    uint32_t len = t->end - t->start;
    unsigned code = tokpack_len_code(len);
    *p++ = (uint8_t)((t->kind & 7) | (t->flags ? 8 : 0) | (t->start != prev_end ? 16 : 0) |
                     (code << 5));
    if (t->flags)
        *p++ = t->flags;
    if (t->start != prev_end)
        p = tokpack_put_varint(p, t->start - prev_end);
    if (code == 7)
        p = tokpack_put_varint(p, len);
    return p;
}

static inline uint32_t tokpack_get_varint(const uint8_t **pp, const uint8_t *end)
{
    const uint8_t *p = *pp;
    uint32_t v = 0;
    for (unsigned shift = 0; p < end && shift < 32; shift += 7) {
        uint8_t b = *p++;
        v |= (uint32_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    *pp = p;
    return v;
}

/* Read the token at *pp (before end) that follows one ending at *prev_end
 * into t; advances *pp and *prev_end. False at the end of the stream. */
static inline bool tokpack_next(const uint8_t **pp, const uint8_t *end, uint32_t *prev_end,
                                token *t)
{
    const uint8_t *p = *pp;
    if (p >= end)
        return false;
    static const uint8_t lens[8] = {0, 1, 2, 3, 6, 9, 12, 0};
    uint8_t lead = *p++;
    t->kind = lead & 7;
    t->flags = (lead & 8) && p < end ? *p++ : 0;
    t->start = *prev_end + ((lead & 16) ? tokpack_get_varint(&p, end) : 0);
    unsigned code = lead >> 5;
    t->end = t->start + (code == 7 ? tokpack_get_varint(&p, end) : lens[code]);
    *prev_end = t->end;
    *pp = p;
    return true;
}

#endif
