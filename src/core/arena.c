#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK_MIN = 64 * 1024, ARENA_BLOCK_FIRST = 4096 };

/* Without block_min, blocks double from 4 KB up to 64 KB: an arena that
 * holds one small document should not take 64 KB. The untouched end of a
 * fresh block is not resident, but a block freed and reused by later
 * allocations is, to its end: with 64 KB blocks, reading and then freeing
 * 4,631 documents of 4 KB left 127 MB resident. */
static size_t default_block(const arena *a)
{
    size_t s = a->head ? a->head->size * 2 : ARENA_BLOCK_FIRST;
    return s < ARENA_BLOCK_MIN ? s : ARENA_BLOCK_MIN;
}

void arena_init(arena *a)
{
    a->head = a->spare = NULL;
    a->total = 0;
    a->block_min = 0;
}

static void free_blocks(arena_block *b)
{
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(arena *a)
{
    free_blocks(a->head);
    free_blocks(a->spare);
    a->head = a->spare = NULL;
    a->total = 0;
}

void arena_reset(arena *a, size_t keep)
{
    /* Every block to the spare list, then free what is over keep. */
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        b->used = 0;
        b->next = a->spare;
        a->spare = b;
        b = next;
    }
    a->head = NULL;
    a->total = 0;
    size_t kept = 0;
    for (arena_block **pb = &a->spare; *pb;) {
        if (kept + (*pb)->size <= keep) {
            kept += (*pb)->size;
            pb = &(*pb)->next;
        } else {
            arena_block *dead = *pb;
            *pb = dead->next;
            free(dead);
        }
    }
}

/* A block with room for want bytes: a spare one if any fits, else new. */
static arena_block *new_block(arena *a, size_t want)
{
    for (arena_block **pb = &a->spare; *pb; pb = &(*pb)->next)
        if ((*pb)->size >= want) {
            arena_block *b = *pb;
            *pb = b->next;
            return b;
        }
    arena_block *nb = malloc(sizeof *nb + want);
    if (nb) {
        nb->size = want;
        nb->used = 0;
    }
    return nb;
}

void *arena_alloc_nozero(arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t min = a->block_min ? a->block_min : default_block(a);
        size_t want = size > min ? size : min;
        /* Large requests get a block of their own placed behind the head so
         * the head's free space is not wasted. */
        arena_block *nb = new_block(a, want);
        if (!nb)
            return NULL;
        if (b && want == size && b->size - b->used > ARENA_BLOCK_MIN / 8) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_alloc_nozero(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

_Bool arena_owns(const arena *a, const void *p)
{
    for (const arena_block *b = a->head; b; b = b->next)
        if ((uintptr_t)p >= (uintptr_t)b->data && (uintptr_t)p < (uintptr_t)(b->data + b->used))
            return 1;
    return 0;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_grow(arena *a, void *old, size_t elem, size_t len, size_t *cap)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    if (ncap > SIZE_MAX / elem)
        return NULL;
    /* The array is the latest allocation of the head block and the block
     * has room: grow it where it is instead of leaving a copy behind (a
     * document's arrays are mostly filled one at a time). */
    const size_t align = _Alignof(max_align_t);
    arena_block *b = a->head;
    if (old && b && *cap <= SIZE_MAX / elem) {
        size_t old_bytes = (*cap * elem + align - 1) & ~(align - 1);
        size_t new_bytes = (ncap * elem + align - 1) & ~(align - 1);
        if ((unsigned char *)old + old_bytes == b->data + b->used &&
            new_bytes - old_bytes <= b->size - b->used) {
            memset(b->data + b->used, 0, new_bytes - old_bytes);
            b->used += new_bytes - old_bytes;
            a->total += new_bytes - old_bytes;
            *cap = ncap;
            return old;
        }
    }
    void *p = arena_alloc(a, ncap * elem);
    if (!p)
        return NULL;
    if (old && len)
        memcpy(p, old, len * elem);
    *cap = ncap;
    return p;
}
