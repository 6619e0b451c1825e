/* grow.h — the one way crossread grows a heap array that doubles.
 *
 * grow_array(v, &cap, sizeof *v, first) returns v reallocated to twice cap
 * elements (first when cap is 0) and sets cap, or returns NULL, leaving v
 * and cap as they were, when memory runs out or the size would overflow.
 * The caller keeps its own length and calls it when length == cap:
 *
 *     if (h->len == h->cap) {
 *         item *p = grow_array(h->v, &h->cap, sizeof *p, 16);
 *         if (!p) return -1;
 *         h->v = p;
 *     }
 */
#ifndef CR_GROW_H
#define CR_GROW_H
#include <stdint.h>
#include <stdlib.h>

static inline void *grow_array(void *v, size_t *cap, size_t elem, size_t first)
{
    size_t ncap = *cap ? *cap * 2 : first;
    if (ncap <= *cap || elem == 0 || ncap > SIZE_MAX / elem)
        return NULL;
    void *p = realloc(v, ncap * elem);
    if (p)
        *cap = ncap;
    return p;
}

#endif
