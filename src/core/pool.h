/* pool.h — run independent jobs on a few threads.
 *
 * Contract:
 *   pool_for(n, threads, fn, arg) calls fn(arg, i, worker) exactly once for
 *   every i in [0, n), then returns. Items are handed out one at a time from
 *   an atomic counter in increasing order, so jobs of uneven size balance
 *   and low indexes start first. worker is in [0, threads) and identifies
 *   the thread, so callers can keep per-worker scratch space in an array
 *   indexed by it without locking. The calling thread is worker 0.
 * - threads == 0 means pool_default_threads(); threads is capped by n.
 * - If a thread cannot be created the remaining work runs on the threads
 *   that exist (at worst all on the caller): pool_for never fails.
 * - fn must not touch shared mutable state without its own locking; the
 *   documents of a corpus are independent (corpus.h), so one job per
 *   document is the usual split. Results are visible to the caller when
 *   pool_for returns (threads are joined).
 * - Threads are created per call and joined before returning: the cost is
 *   tens of microseconds, nothing stays behind, and no global state exists.
 */
#ifndef CR_POOL_H
#define CR_POOL_H
#include <stddef.h>

enum { POOL_MAX_THREADS = 64 };

typedef void (*pool_fn)(void *arg, size_t i, unsigned worker);

/* Online processors, or $CROSSREAD_THREADS when set (1..POOL_MAX_THREADS). */
unsigned pool_default_threads(void);
/* The number of workers pool_for(n, threads, ...) will use. */
unsigned pool_workers(size_t n, unsigned threads);
void pool_for(size_t n, unsigned threads, pool_fn fn, void *arg);

#endif
