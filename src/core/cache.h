/* cache.h — the cleaner's output kept on disk between runs, by content.
 *
 * An entry is keyed by a 128-bit keyed hash of a document's raw bytes, its
 * manifest title and the lenient flag, and holds what text_clean made from
 * them: the offset map with the bytes of its replacements, the title span,
 * the removed and damage spans. The cleaned text is rebuilt from the raw
 * bytes and the map, so an entry is small. An entry may also say only that
 * the raw bytes are valid UTF-8 (a document the search prefilter skipped).
 *
 * Nothing about a file's name, size or times is trusted: a changed file has
 * another key and simply misses. The secret of the keyed hash is made once
 * per cache directory (random, mode 0600), so colliding files cannot be
 * made on purpose either.
 *
 * Entries live in one pack file per input directory, under the cache
 * directory ($XDG_CACHE_HOME/crossread, else $HOME/.cache/crossread). A pack
 * names the program that wrote it (its executable's size, time and inode,
 * the crossread and ICU versions): any other program, a rebuild included,
 * ignores it and writes its own, so a changed cleaner never reads old
 * output. Packs are read whole and checked (magic, identity, checksum,
 * bounds): a damaged pack is ignored. They are written to a temporary file
 * and renamed. The directory is kept under a size bound by removing the
 * least recently used packs.
 *
 * Threads: key, get and put may run on several threads at once; open and
 * close on one. The cache never fails its caller: on any problem it acts as
 * an empty cache that stores nothing.
 */
#ifndef CR_CACHE_H
#define CR_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

typedef struct clean_cache clean_cache;
typedef struct cache_key {
    uint64_t h[2];
} cache_key;

enum cache_hit { CACHE_MISS, CACHE_VALID, CACHE_CLEAN };

/* Every entry also holds a signature of its raw text: a bit (of 4096, by a
 * hash) for each code point of the folded form of each character; all bits
 * when the text holds '&' (an entity may stand for anything). A keyword
 * whose folded code points are not all there has no hit in the document,
 * however it is cleaned (line breaks and U+FFFD, which the cleaner writes
 * itself, are not asked about). */
typedef struct cache_sig {
    uint64_t w[64];
} cache_sig;

static inline uint32_t cache_sig_bit(uint32_t cp)
{
    return (cp * 0x9E3779B1u) >> 20;
}

static inline bool cache_sig_has(const cache_sig *s, uint32_t cp)
{
    uint32_t b = cache_sig_bit(cp);
    return s->w[b >> 6] >> (b & 63) & 1;
}

/* The default directory into buf: $XDG_CACHE_HOME/crossread or
 * $HOME/.cache/crossread. NULL when neither variable is set. */
const char *clean_cache_default_dir(char *buf, size_t size);

/* Open (creating it) the cache in dir, keeping it under max_bytes (0: 256
 * MiB). NULL when the cache cannot be used; callers then go without. */
clean_cache *clean_cache_open(const char *dir, size_t max_bytes);
/* Write the packs that gained or lost entries, apply the size bound, free. */
void clean_cache_close(clean_cache *cc);

/* The key of loaded document d (raw, title) read with the given lenient. */
void clean_cache_key(const clean_cache *cc, const doc *d, bool lenient, cache_key *k);
/* What the cache knows of d: CACHE_CLEAN, its cleaner output (then, with
 * fill, d's cleaned text, map, title span, removed and damage spans are set
 * in d->arena exactly as text_clean would set them; if that fails, the
 * answer is CACHE_MISS); CACHE_VALID, only that its raw bytes are valid
 * UTF-8 (a CACHE_CLEAN entry says so too); or CACHE_MISS. When found and
 * sig is not NULL, *sig gets the entry's signature. */
enum cache_hit clean_cache_get(clean_cache *cc, doc *d, const cache_key *k, bool fill,
                               cache_sig *sig);
/* Remember cleaned document d, or (put_valid) that its raw bytes are
 * valid. Stored when the cache is closed. */
void clean_cache_put(clean_cache *cc, const doc *d, const cache_key *k);
void clean_cache_put_valid(clean_cache *cc, const doc *d, const cache_key *k);

/* Counts since open, for tests and benchmarks: lookups without fill that
 * found an entry (hits_valid) or none (misses), fills that gave the
 * cleaner's output (hits_clean), entries stored. */
typedef struct cache_stats {
    size_t hits_clean, hits_valid, misses, stored;
} cache_stats;
cache_stats clean_cache_stats(const clean_cache *cc);

#endif
