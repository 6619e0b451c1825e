/* arena.h — bump allocator for everything derived from one document.
 *
 * Contract: allocations live until arena_free(); nothing is freed singly.
 * All functions return NULL only when the system is out of memory; callers
 * treat that as fatal (the CLI reports it and exits 2). One arena belongs to
 * one document so documents can be processed on separate threads.
 */
#ifndef CR_ARENA_H
#define CR_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    arena_block *spare;    /* emptied blocks kept by arena_reset */
    size_t total;          /* bytes handed out, for memory accounting */
    size_t block_min;      /* smallest block to get from malloc; 0: 4 KB
                            * doubling to 64 KB.
                            * Smaller for arenas that hold little and live
                            * long (a block is resident once written). */
} arena;

void  arena_init(arena *a);
void  arena_free(arena *a);
/* Forget every allocation but keep up to `keep` bytes of blocks for the
 * next ones: a worker that handles one document after another reuses the
 * same memory instead of returning it to the system and faulting it in
 * again (which cost more than cleaning). */
void  arena_reset(arena *a, size_t keep);
void *arena_alloc(arena *a, size_t size);             /* aligned, zeroed */
/* The same, not zeroed: for buffers written before they are read (zeroing
 * large buffers that are then overwritten cost the cleaner page touches). */
void *arena_alloc_nozero(arena *a, size_t size);
/* True when p points into memory the arena handed out (a walk of its
 * blocks: for arenas of a few blocks). */
_Bool arena_owns(const arena *a, const void *p);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* Grow an array kept in the arena: returns a new copy with room for cap*2
 * elements (old storage is simply abandoned). Used by vec_push below. */
void *arena_grow(arena *a, void *old, size_t elem, size_t len, size_t *cap);

/* Typed growable array stored in an arena: items, len, cap. */
#define ARENA_PUSH(a, items, len, cap)                                         \
    ((len) < (cap) || ((items) = arena_grow((a), (items), sizeof *(items),     \
                                            (len), &(cap))) != NULL            \
         ? &(items)[(len)++]                                                   \
         : NULL)

#endif
