/* cpcache.h — a memo of one byte per code point, filled a page at a time.
 *
 * For character classes that cost several ICU property look-ups (script,
 * numeric value, general category) and are asked once per character of
 * every document: the first time a code point of a 256-code-point page is
 * asked, the whole page is computed with the module's own function, under a
 * mutex; afterwards a look-up is one acquire load and one byte load. The
 * answer is by construction the function's, so nothing changes but speed.
 *
 * Each user defines one static cpcache (CPCACHE_INIT): 1.1 MB of zero-filled
 * static storage of which only the pages of scripts actually seen are ever
 * touched (Chinese news: about 20). Thread-safe; nothing to free.
 */
#ifndef CR_CPCACHE_H
#define CR_CPCACHE_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

enum { CPCACHE_PAGES = 0x110000 >> 8 };

typedef struct cpcache {
    uint8_t (*fn)(int32_t c);
    pthread_mutex_t mu;
    atomic_uchar ready[CPCACHE_PAGES];
    uint8_t val[0x110000];
} cpcache;

#define CPCACHE_INIT(f) {.fn = (f), .mu = PTHREAD_MUTEX_INITIALIZER}

static inline uint8_t cpcache_fill(cpcache *cc, int32_t c)
{
    uint32_t page = (uint32_t)c >> 8;
    pthread_mutex_lock(&cc->mu);
    if (!atomic_load_explicit(&cc->ready[page], memory_order_relaxed)) {
        for (uint32_t k = 0; k < 256; k++)
            cc->val[page << 8 | k] = cc->fn((int32_t)(page << 8 | k));
        atomic_store_explicit(&cc->ready[page], 1, memory_order_release);
    }
    pthread_mutex_unlock(&cc->mu);
    return cc->val[c];
}

/* fn(c) for any c; values outside 0..0x10FFFF are not cached. */
static inline uint8_t cpcache_get(cpcache *cc, int32_t c)
{
    if ((uint32_t)c > 0x10FFFF)
        return cc->fn(c);
    if (atomic_load_explicit(&cc->ready[(uint32_t)c >> 8], memory_order_acquire))
        return cc->val[c];
    return cpcache_fill(cc, c);
}

#endif
