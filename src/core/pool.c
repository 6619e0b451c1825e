/* pool.c — a parallel for-loop over independent jobs (see pool.h). */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool_job {
    size_t n;
    atomic_size_t next;
    pool_fn fn;
    void *arg;
} pool_job;

typedef struct pool_worker {
    pool_job *job;
    unsigned id;
} pool_worker;

static void run(pool_job *j, unsigned id)
{
    for (;;) {
        size_t i = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed);
        if (i >= j->n)
            break;
        j->fn(j->arg, i, id);
    }
}

static void *thread_main(void *p)
{
    pool_worker *w = p;
    run(w->job, w->id);
    return NULL;
}

unsigned pool_default_threads(void)
{
    const char *env = getenv("CROSSREAD_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v >= 1)
            return v > POOL_MAX_THREADS ? POOL_MAX_THREADS : (unsigned)v;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > POOL_MAX_THREADS ? POOL_MAX_THREADS : (unsigned)n;
}

unsigned pool_workers(size_t n, unsigned threads)
{
    if (threads == 0)
        threads = pool_default_threads();
    if (threads > POOL_MAX_THREADS)
        threads = POOL_MAX_THREADS;
    if (threads > n)
        threads = n ? (unsigned)n : 1;
    return threads;
}

void pool_for(size_t n, unsigned threads, pool_fn fn, void *arg)
{
    threads = pool_workers(n, threads);
    pool_job job = {.n = n, .fn = fn, .arg = arg};
    atomic_init(&job.next, 0);
    pthread_t tids[POOL_MAX_THREADS];
    pool_worker workers[POOL_MAX_THREADS];
    unsigned started = 0;
    for (unsigned t = 1; t < threads; t++) {
        workers[t] = (pool_worker){&job, t};
        if (pthread_create(&tids[t], NULL, thread_main, &workers[t]) != 0)
            break;    /* the threads we have finish the work */
        started = t;
    }
    run(&job, 0);
    for (unsigned t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);
}
