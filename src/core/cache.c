/* cache.c — the cleaner's output on disk between runs (see cache.h). */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

#include "fold.h"
#include "utf8.h"

#ifndef CR_VERSION
#define CR_VERSION "unknown"
#endif

enum { FORMAT = 2, BLOB_VALID = 0, BLOB_CLEAN = 1, KEY_BYTES = 32, SIG_BYTES = sizeof(cache_sig) };
#define DEFAULT_MAX ((size_t)256 << 20)
static const char MAGIC[8] = {'C', 'R', 'C', 'A', 'C', 'H', 'E', '1'};

/* ---- a keyed 128-bit hash ------------------------------------------------ */

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* The 128-bit product of a and b, folded to 64 bits. */
static uint64_t mum(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
    uint64_t ha = a >> 32, la = (uint32_t)a, hb = b >> 32, lb = (uint32_t)b;
    uint64_t rh = ha * hb, rm0 = ha * lb, rm1 = hb * la, rl = la * lb;
    uint64_t t = rl + (rm0 << 32), carry = t < rl;
    uint64_t lo = t + (rm1 << 32);
    carry += lo < t;
    return lo ^ (rh + (rm0 >> 32) + (rm1 >> 32) + carry);
#endif
}

/* Two lanes; each 16-byte block enters both through a product with the
 * secret, so neither lane alone decides equality. */
static void hash128(const uint64_t s[4], const void *src, size_t n, uint64_t seed,
                    uint64_t out[2])
{
    const uint8_t *p = src;
    uint64_t a = s[0] ^ seed, b = s[1] ^ (seed * 0x9E3779B97F4A7C15ULL) ^ n;
    size_t i = 0;
    uint8_t tail[16];
    for (;;) {
        const uint8_t *blk;
        if (i + 16 <= n) {
            blk = p + i;
        } else {
            memset(tail, 0, sizeof tail);
            memcpy(tail, p + i, n - i);
            tail[15] = (uint8_t)(n - i);
            blk = tail;
        }
        uint64_t w0 = rd64(blk), w1 = rd64(blk + 8);
        a = (a ^ mum(w0 ^ s[0], w1 ^ s[1])) * 0xD6E8FEB86659FD93ULL;
        a ^= a >> 32;
        b = (b + mum(w0 ^ s[2], w1 ^ s[3])) * 0xA0761D6478BD642FULL;
        b ^= b >> 29;
        if (blk == tail)
            break;
        i += 16;
    }
    out[0] = mum(a ^ s[2], b ^ s[1]) ^ a;
    out[1] = mum(b ^ s[3], a ^ s[0]) ^ b;
}

/* ---- the program's identity -------------------------------------------- */

typedef struct identity {
    uint64_t exe_size, exe_mtime_ns, exe_ino, exe_dev;
    char icu[U_MAX_VERSION_STRING_LENGTH + 4];
    char version[32];
} identity;

static bool identity_get(identity *id)
{
    memset(id, 0, sizeof *id);
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0)
        return false;      /* nothing to tell builds apart by: no cache */
    id->exe_size = (uint64_t)st.st_size;
    id->exe_mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
    id->exe_ino = (uint64_t)st.st_ino;
    id->exe_dev = (uint64_t)st.st_dev;
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, id->icu);
    snprintf(id->version, sizeof id->version, "%s", CR_VERSION);
    return true;
}

/* ---- packs ---------------------------------------------------------------- */

typedef struct pack_header {
    char magic[8];
    uint32_t endian, format;
    identity id;
    uint64_t n, data_len;       /* entries; bytes of blobs */
    uint64_t sum[2];            /* keyed hash of the table and the blobs */
} pack_header;

typedef struct pack_entry {
    uint64_t k[2];
    uint64_t off, len;          /* blob in the data part */
} pack_entry;

typedef struct added {
    cache_key k;
    uint8_t *blob;
    uint32_t len;
} added;

typedef struct pack {
    char *dir;                  /* the directory part of the paths, as given */
    char *file;
    uint8_t *buf;               /* the file as read */
    const pack_entry *e;
    const uint8_t *data;
    size_t n, data_len;
    uint8_t *seen;              /* per entry: looked up in this run */
    uint32_t *slot;             /* hash index: entry + 1 by k[0], 0 empty */
    size_t mask;
    added *add;
    size_t n_add, cap_add;
} pack;

struct clean_cache {
    char *dir;
    size_t max_bytes;
    uint64_t secret[4];
    identity id;
    pthread_mutex_t lock;
    pack **packs;
    size_t n_packs, cap_packs;
    atomic_size_t hits_clean, hits_valid, misses, stored;
};

const char *clean_cache_default_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, size, "%s/crossread", xdg);
    else if (home && home[0])
        n = snprintf(buf, size, "%s/.cache/crossread", home);
    else
        return NULL;
    return n > 0 && (size_t)n < size ? buf : NULL;
}

/* mkdir -p with mode 0700 for what it creates. */
static bool make_dirs(const char *path)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
        return false;
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(tmp, 0700) == 0 || errno == EEXIST;
}

static bool read_all(int fd, void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        p += got;
        n -= (size_t)got;
    }
    return true;
}

static bool write_all(int fd, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    while (n) {
        ssize_t put = write(fd, p, n);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        p += put;
        n -= (size_t)put;
    }
    return true;
}

/* The secret of the keyed hash: made once per cache directory, installed
 * with link() so that two processes starting together agree on it. */
static bool load_secret(clean_cache *cc)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    snprintf(path, sizeof path, "%s/key", cc->dir);
    uint8_t key[KEY_BYTES];
    for (int attempt = 0; attempt < 2; attempt++) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            bool ok = read_all(fd, key, sizeof key);
            close(fd);
            if (!ok)
                return false;
            memcpy(cc->secret, key, sizeof key);
            return true;
        }
        if (errno != ENOENT)
            return false;
        int rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (rnd < 0)
            return false;
        bool ok = read_all(rnd, key, sizeof key);
        close(rnd);
        snprintf(tmp, sizeof tmp, "%s/key.XXXXXX", cc->dir);
        int out = ok ? mkstemp(tmp) : -1;
        if (out < 0)
            return false;
        ok = write_all(out, key, sizeof key);
        ok = close(out) == 0 && ok;
        if (ok && link(tmp, path) != 0 && errno != EEXIST)
            ok = false;
        unlink(tmp);
        if (!ok)
            return false;
    }
    return false;
}

clean_cache *clean_cache_open(const char *dir, size_t max_bytes)
{
    if (!dir || !*dir || !make_dirs(dir))
        return NULL;
    clean_cache *cc = calloc(1, sizeof *cc);
    if (!cc)
        return NULL;
    cc->dir = strdup(dir);
    cc->max_bytes = max_bytes ? max_bytes : DEFAULT_MAX;
    if (!cc->dir || !identity_get(&cc->id) || !load_secret(cc)) {
        free(cc->dir);
        free(cc);
        return NULL;
    }
    pthread_mutex_init(&cc->lock, NULL);
    atomic_init(&cc->hits_clean, 0);
    atomic_init(&cc->hits_valid, 0);
    atomic_init(&cc->misses, 0);
    atomic_init(&cc->stored, 0);
    return cc;
}

static int cmp_entry(const void *a, const void *b)
{
    const pack_entry *x = a, *y = b;
    if (x->k[0] != y->k[0])
        return x->k[0] < y->k[0] ? -1 : 1;
    return x->k[1] < y->k[1] ? -1 : x->k[1] > y->k[1];
}

/* Read and check a pack; on any doubt it stays empty. */
static void pack_load(clean_cache *cc, pack *p)
{
    int fd = open(p->file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat st;
    pack_header h;
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size < sizeof h ||
        (uint64_t)st.st_size > cc->max_bytes || !(p->buf = malloc((size_t)st.st_size)) ||
        !read_all(fd, p->buf, (size_t)st.st_size)) {
        close(fd);
        free(p->buf);
        p->buf = NULL;
        return;
    }
    close(fd);
    size_t size = (size_t)st.st_size;
    memcpy(&h, p->buf, sizeof h);
    bool ok = memcmp(h.magic, MAGIC, sizeof MAGIC) == 0 && h.endian == 0x01020304u &&
              h.format == FORMAT && memcmp(&h.id, &cc->id, sizeof cc->id) == 0 &&
              h.n <= (size - sizeof h) / sizeof(pack_entry) &&
              h.data_len == size - sizeof h - h.n * sizeof(pack_entry);
    if (ok) {
        uint64_t sum[2];
        hash128(cc->secret, p->buf + sizeof h, size - sizeof h, 3, sum);
        ok = sum[0] == h.sum[0] && sum[1] == h.sum[1];
    }
    const pack_entry *e = (const pack_entry *)(p->buf + sizeof h);
    for (uint64_t i = 0; ok && i < h.n; i++)
        ok = e[i].off <= h.data_len && e[i].len <= h.data_len - e[i].off &&
             e[i].len <= UINT32_MAX && (i == 0 || cmp_entry(&e[i - 1], &e[i]) < 0);
    /* The keys are random (a keyed hash): k[0] indexes an open-addressing
     * table at most half full directly. */
    size_t slots = 16;
    while (ok && slots < 2 * h.n && slots < ((size_t)1 << 31))
        slots *= 2;
    if (!ok || slots < 2 * h.n || !(p->seen = calloc(h.n ? h.n : 1, 1)) ||
        !(p->slot = calloc(slots, sizeof *p->slot))) {
        free(p->seen);
        p->seen = NULL;
        free(p->buf);
        p->buf = NULL;
        return;
    }
    p->mask = slots - 1;
    for (uint64_t i = 0; i < h.n; i++) {
        size_t at = (size_t)e[i].k[0] & p->mask;
        while (p->slot[at])
            at = (at + 1) & p->mask;
        p->slot[at] = (uint32_t)i + 1;
    }
    p->e = e;
    p->n = (size_t)h.n;
    p->data = p->buf + sizeof h + h.n * sizeof(pack_entry);
    p->data_len = (size_t)h.data_len;
}

/* The pack for the directory of path (lock held). */
static pack *pack_for(clean_cache *cc, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) : 1;
    const char *ds = slash ? path : ".";
    if (slash && dl == 0)
        dl = 1;                        /* "/file" */
    for (size_t i = 0; i < cc->n_packs; i++)
        if (strlen(cc->packs[i]->dir) == dl && memcmp(cc->packs[i]->dir, ds, dl) == 0)
            return cc->packs[i];
    if (cc->n_packs == cc->cap_packs) {
        size_t ncap = cc->cap_packs ? cc->cap_packs * 2 : 8;
        pack **np = realloc(cc->packs, ncap * sizeof *np);
        if (!np)
            return NULL;
        cc->packs = np;
        cc->cap_packs = ncap;
    }
    pack *p = calloc(1, sizeof *p);
    char real[PATH_MAX], file[PATH_MAX];
    if (!p || !(p->dir = strndup(ds, dl))) {
        free(p);
        return NULL;
    }
    /* One pack per real directory, named by a hash of its path. */
    if (!realpath(p->dir, real))
        snprintf(real, sizeof real, "%s", p->dir);
    uint64_t h[2];
    hash128(cc->secret, real, strlen(real), 4, h);
    snprintf(file, sizeof file, "%s/%016llx.pack", cc->dir, (unsigned long long)h[0]);
    if (!(p->file = strdup(file))) {
        free(p->dir);
        free(p);
        return NULL;
    }
    pack_load(cc, p);
    cc->packs[cc->n_packs++] = p;
    return p;
}

void clean_cache_key(const clean_cache *cc, const doc *d, bool lenient, cache_key *k)
{
    const char *title = d->title ? d->title : "";
    uint64_t t[2];
    hash128(cc->secret, title, strlen(title), 5, t);
    hash128(cc->secret, d->raw, d->raw_len, t[0] ^ (t[1] << 1) ^ (lenient ? 0x5EEDu : 0), k->h);
}

/* ---- entries ---------------------------------------------------------------- */

/* A blob is a list of uint32: kind, then for BLOB_CLEAN raw_len, text_len,
 * title start and end, the numbers of segments, removed spans, damage
 * spans and replacement bytes; the segments (clean, clean_len, raw,
 * raw_len, repl), the removed spans (start, end, reason | rule << 8), the
 * damage spans (start, end, kind); then the replacement bytes. */
enum { HEAD_WORDS = 9 };

typedef struct blob_view {
    uint32_t raw_len, text_len, title_s, title_e, n_segs, n_rm, n_dm, n_repl;
    const uint8_t *segs, *rm, *dm, *repl;
} blob_view;

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static bool blob_parse(const uint8_t *b, size_t len, blob_view *v)
{
    if (len < 4 * HEAD_WORDS || rd32(b) != BLOB_CLEAN)
        return false;
    v->raw_len = rd32(b + 4);
    v->text_len = rd32(b + 8);
    v->title_s = rd32(b + 12);
    v->title_e = rd32(b + 16);
    v->n_segs = rd32(b + 20);
    v->n_rm = rd32(b + 24);
    v->n_dm = rd32(b + 28);
    v->n_repl = rd32(b + 32);
    uint64_t need = 4ull * HEAD_WORDS + 20ull * v->n_segs + 12ull * v->n_rm +
                    12ull * v->n_dm + v->n_repl;
    if (need != len)
        return false;
    v->segs = b + 4 * HEAD_WORDS;
    v->rm = v->segs + 20ull * v->n_segs;
    v->dm = v->rm + 12ull * v->n_rm;
    v->repl = v->dm + 12ull * v->n_dm;
    return true;
}

/* Rebuild the cleaned text from raw and the segments into out (text_len +
 * 1 bytes); false when the blob does not fit raw. */
static bool rebuild(const blob_view *v, const char *raw, size_t raw_len, char *out)
{
    if (v->raw_len != raw_len || v->title_s > v->title_e || v->title_e > v->text_len)
        return false;
    uint32_t at = 0, r = 0;
    for (uint32_t k = 0; k < v->n_segs; k++) {
        const uint8_t *s = v->segs + 20ull * k;
        uint32_t clean = rd32(s), clen = rd32(s + 4), raw_at = rd32(s + 8), rlen = rd32(s + 12),
                 repl = rd32(s + 16);
        if (clean != at || clen > v->text_len - at || raw_at > raw_len || rlen > raw_len - raw_at)
            return false;
        if (repl || clen != rlen) {
            if (clen > v->n_repl - r)
                return false;
            memcpy(out + at, v->repl + r, clen);
            r += clen;
        } else {
            memcpy(out + at, raw + raw_at, clen);
        }
        at += clen;
    }
    if (at != v->text_len || r != v->n_repl)
        return false;
    out[at] = '\0';
    return true;
}

/* The entry for k in the pack of d, marked as seen (lock held). */
static bool find_entry(clean_cache *cc, const doc *d, const cache_key *k,
                       const uint8_t **blob, size_t *len)
{
    pack *p = pack_for(cc, d->path ? d->path : "");
    if (!p || !p->n)
        return false;
    const pack_entry *e = NULL;
    for (size_t at = (size_t)k->h[0] & p->mask; p->slot[at]; at = (at + 1) & p->mask) {
        const pack_entry *c = &p->e[p->slot[at] - 1];
        if (c->k[0] == k->h[0] && c->k[1] == k->h[1]) {
            e = c;
            break;
        }
    }
    if (!e)
        return false;
    p->seen[e - p->e] = 1;
    *blob = p->data + e->off;
    *len = (size_t)e->len;
    return true;
}

enum cache_hit clean_cache_get(clean_cache *cc, doc *d, const cache_key *k, bool fill,
                               cache_sig *sig)
{
    const uint8_t *b = NULL;
    size_t len = 0;
    pthread_mutex_lock(&cc->lock);
    bool found = find_entry(cc, d, k, &b, &len);
    pthread_mutex_unlock(&cc->lock);
    /* The pack's data stays as it is until close: read it unlocked. An
     * entry is the signature, then the blob. */
    if (found && len < SIG_BYTES + 4)
        found = false;
    if (found) {
        if (sig)
            memcpy(sig, b, SIG_BYTES);
        b += SIG_BYTES;
        len -= SIG_BYTES;
    }
    blob_view v;
    enum cache_hit hit = CACHE_MISS;
    if (found && len == 4 && rd32(b) == BLOB_VALID) {
        hit = CACHE_VALID;
    } else if (found && !fill) {
        hit = blob_parse(b, len, &v) ? CACHE_CLEAN : CACHE_MISS;
    } else if (found && blob_parse(b, len, &v)) {
        char *text = arena_alloc_nozero(&d->arena, (size_t)v.text_len + 1);
        offmap_seg *segs = arena_alloc_nozero(&d->arena, (v.n_segs ? v.n_segs : 1) * sizeof *segs);
        removed_span *rm = arena_alloc_nozero(&d->arena, (v.n_rm ? v.n_rm : 1) * sizeof *rm);
        damage *dm = arena_alloc_nozero(&d->arena, (v.n_dm ? v.n_dm : 1) * sizeof *dm);
        if (text && segs && rm && dm && rebuild(&v, d->raw, d->raw_len, text)) {
            for (uint32_t i = 0; i < v.n_segs; i++) {
                const uint8_t *s = v.segs + 20ull * i;
                segs[i] = (offmap_seg){rd32(s), rd32(s + 4), rd32(s + 8), rd32(s + 12),
                                       (uint8_t)rd32(s + 16)};
            }
            for (uint32_t i = 0; i < v.n_rm; i++) {
                const uint8_t *s = v.rm + 12ull * i;
                uint32_t rr = rd32(s + 8);
                rm[i] = (removed_span){rd32(s), rd32(s + 4), (uint8_t)rr, (uint8_t)(rr >> 8)};
            }
            for (uint32_t i = 0; i < v.n_dm; i++) {
                const uint8_t *s = v.dm + 12ull * i;
                dm[i] = (damage){rd32(s), rd32(s + 4), (uint8_t)rd32(s + 8)};
            }
            d->text = text;
            d->text_len = v.text_len;
            d->title_span.start = v.title_s;
            d->title_span.end = v.title_e;
            offmap_init(&d->map, &d->arena);
            d->map.segs = segs;
            d->map.len = d->map.cap = v.n_segs;
            d->removed = v.n_rm ? rm : NULL;
            d->n_removed = d->cap_removed = v.n_rm;
            d->damage = v.n_dm ? dm : NULL;
            d->n_damage = d->cap_damage = v.n_dm;
            hit = CACHE_CLEAN;
        }
    }
    if (!fill && hit == CACHE_MISS)
        atomic_fetch_add_explicit(&cc->misses, 1, memory_order_relaxed);
    else if (!fill)
        atomic_fetch_add_explicit(&cc->hits_valid, 1, memory_order_relaxed);
    else if (hit == CACHE_CLEAN)
        atomic_fetch_add_explicit(&cc->hits_clean, 1, memory_order_relaxed);
    return hit;
}

static void add_blob(clean_cache *cc, const doc *d, const cache_key *k, uint8_t *blob,
                     uint32_t len)
{
    pthread_mutex_lock(&cc->lock);
    pack *p = pack_for(cc, d->path ? d->path : "");
    added *a = NULL;
    if (p && p->n_add == p->cap_add) {
        size_t ncap = p->cap_add ? p->cap_add * 2 : 64;
        added *na = realloc(p->add, ncap * sizeof *na);
        if (na) {
            p->add = na;
            p->cap_add = ncap;
        }
    }
    if (p && p->n_add < p->cap_add) {
        a = &p->add[p->n_add++];
        *a = (added){*k, blob, len};
        atomic_fetch_add_explicit(&cc->stored, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&cc->lock);
    if (!a)
        free(blob);
}

static void sig_set(cache_sig *s, uint32_t cp)
{
    uint32_t b = cache_sig_bit(cp);
    s->w[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* The signature of d's raw text (cache.h). A malformed sequence adds
 * nothing (it becomes U+FFFD, which search never looks for: search.c); a
 * well-formed character always adds the bits of its folded form. */
static void make_sig(const doc *d, cache_sig *s)
{
    memset(s, 0, sizeof *s);
    if (memchr(d->raw, '&', d->raw_len)) {
        memset(s, 0xFF, sizeof *s);
        return;
    }
    const uint8_t *u = (const uint8_t *)d->raw;
    size_t n = d->raw_len;
    for (size_t i = 0; i < n;) {
        UChar32 c = utf8_next(u, n, &i);
        if (c < 0)
            continue;   /* ill-formed: U+FFFD at most, never searched for */
        if (c < 0x10000 && fold_bmp_one[c]) {
            sig_set(s, fold_bmp_one[c]);
            continue;
        }
        char f[FOLD_MAX_UTF8];
        int32_t fl = (int32_t)fold_cp(c, f);
        for (int32_t j = 0; j < fl;) {
            UChar32 x;
            U8_NEXT((const uint8_t *)f, j, fl, x);
            if (x >= 0)
                sig_set(s, (uint32_t)x);
        }
    }
}

static void put32(uint8_t **w, uint32_t v)
{
    memcpy(*w, &v, 4);
    *w += 4;
}

void clean_cache_put(clean_cache *cc, const doc *d, const cache_key *k)
{
    if (!d->text || d->map.len > UINT32_MAX / 32 || d->n_removed > UINT32_MAX / 16 ||
        d->n_damage > UINT32_MAX / 16)
        return;
    uint64_t n_repl = 0;
    for (size_t i = 0; i < d->map.len; i++) {
        const offmap_seg *s = &d->map.segs[i];
        if (s->repl || s->clean_len != s->raw_len)
            n_repl += s->clean_len;
    }
    uint64_t len = 4ull * HEAD_WORDS + 20ull * d->map.len + 12ull * d->n_removed +
                   12ull * d->n_damage + n_repl;
    if (len > UINT32_MAX - SIG_BYTES || n_repl > UINT32_MAX)
        return;
    uint8_t *entry = malloc(SIG_BYTES + (size_t)len), *blob = entry ? entry + SIG_BYTES : NULL,
            *w = blob;
    char *check = malloc((size_t)d->text_len + 1);
    if (!entry || !check) {
        free(entry);
        free(check);
        return;
    }
    uint32_t head[HEAD_WORDS] = {BLOB_CLEAN, (uint32_t)d->raw_len, d->text_len,
                                 d->title_span.start, d->title_span.end, (uint32_t)d->map.len,
                                 (uint32_t)d->n_removed, (uint32_t)d->n_damage, (uint32_t)n_repl};
    for (int i = 0; i < HEAD_WORDS; i++)
        put32(&w, head[i]);
    for (size_t i = 0; i < d->map.len; i++) {
        const offmap_seg *s = &d->map.segs[i];
        put32(&w, s->clean);
        put32(&w, s->clean_len);
        put32(&w, s->raw);
        put32(&w, s->raw_len);
        put32(&w, s->repl);
    }
    for (size_t i = 0; i < d->n_removed; i++) {
        put32(&w, d->removed[i].start);
        put32(&w, d->removed[i].end);
        put32(&w, (uint32_t)d->removed[i].reason | (uint32_t)d->removed[i].rule << 8);
    }
    for (size_t i = 0; i < d->n_damage; i++) {
        put32(&w, d->damage[i].start);
        put32(&w, d->damage[i].end);
        put32(&w, d->damage[i].kind);
    }
    for (size_t i = 0; i < d->map.len; i++) {
        const offmap_seg *s = &d->map.segs[i];
        if (s->repl || s->clean_len != s->raw_len) {
            if ((uint64_t)s->clean + s->clean_len > d->text_len) {
                free(entry);
                free(check);
                return;
            }
            memcpy(w, d->text + s->clean, s->clean_len);
            w += s->clean_len;
        }
    }
    /* Only what rebuilds to exactly this text is kept. */
    blob_view v;
    bool same = blob_parse(blob, (size_t)len, &v) && rebuild(&v, d->raw, d->raw_len, check) &&
                memcmp(check, d->text, d->text_len) == 0;
    free(check);
    if (!same) {
        free(entry);
        return;
    }
    make_sig(d, (cache_sig *)entry);
    add_blob(cc, d, k, entry, (uint32_t)(SIG_BYTES + len));
}

void clean_cache_put_valid(clean_cache *cc, const doc *d, const cache_key *k)
{
    uint8_t *entry = malloc(SIG_BYTES + 4);
    if (!entry)
        return;
    make_sig(d, (cache_sig *)entry);
    uint8_t *w = entry + SIG_BYTES;
    put32(&w, BLOB_VALID);
    add_blob(cc, d, k, entry, SIG_BYTES + 4);
}

cache_stats clean_cache_stats(const clean_cache *cc)
{
    clean_cache *m = (clean_cache *)cc;   /* atomic loads take non-const pointers */
    return (cache_stats){atomic_load(&m->hits_clean), atomic_load(&m->hits_valid),
                         atomic_load(&m->misses), atomic_load(&m->stored)};
}

/* ---- writing ---------------------------------------------------------------- */

typedef struct out_entry {
    pack_entry e;
    const uint8_t *blob;
} out_entry;

static int cmp_out(const void *a, const void *b)
{
    const out_entry *x = a, *y = b;
    int c = cmp_entry(&x->e, &y->e);
    if (c)
        return c;
    return x->e.len > y->e.len ? -1 : x->e.len < y->e.len;   /* the fuller first */
}

/* Write p anew when it gained entries, or when most of it went unused
 * (its directory's files changed): the entries seen in this run and the
 * new ones, and the unseen ones as long as they are not the majority. */
static void pack_write(clean_cache *cc, pack *p)
{
    size_t seen = 0;
    for (size_t i = 0; i < p->n; i++)
        seen += p->seen[i];
    size_t unseen = p->n - seen;
    bool keep_unseen = unseen <= seen + p->n_add;
    if (!p->n_add && (keep_unseen || !unseen)) {
        if (seen)
            utimensat(AT_FDCWD, p->file, NULL, 0);   /* recently used */
        return;
    }
    size_t n = 0, cap = p->n + p->n_add;
    out_entry *o = malloc((cap ? cap : 1) * sizeof *o);
    if (!o)
        return;
    for (size_t i = 0; i < p->n; i++)
        if (p->seen[i] || keep_unseen)
            o[n++] = (out_entry){p->e[i], p->data + p->e[i].off};
    for (size_t i = 0; i < p->n_add; i++)
        o[n++] = (out_entry){{{p->add[i].k.h[0], p->add[i].k.h[1]}, 0, p->add[i].len},
                             p->add[i].blob};
    qsort(o, n, sizeof *o, cmp_out);
    size_t w = 0;
    uint64_t data_len = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && cmp_entry(&o[w - 1].e, &o[i].e) == 0)
            continue;                    /* same content: keep the fuller */
        o[w] = o[i];
        o[w].e.off = data_len;
        data_len += o[w].e.len;
        w++;
    }
    n = w;
    uint64_t table = (uint64_t)n * sizeof(pack_entry);
    if (sizeof(pack_header) + table + data_len > cc->max_bytes / 2) {
        free(o);
        return;                          /* one pack may not crowd out the rest */
    }
    uint8_t *body = malloc((size_t)(table + data_len) + 1);
    if (!body) {
        free(o);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(body + i * sizeof(pack_entry), &o[i].e, sizeof(pack_entry));
        memcpy(body + table + o[i].e.off, o[i].blob, (size_t)o[i].e.len);
    }
    free(o);
    pack_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, sizeof MAGIC);
    h.endian = 0x01020304u;
    h.format = FORMAT;
    memcpy(&h.id, &cc->id, sizeof h.id);
    h.n = n;
    h.data_len = data_len;
    hash128(cc->secret, body, (size_t)(table + data_len), 3, h.sum);
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/pack.XXXXXX", cc->dir);
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        bool ok = write_all(fd, &h, sizeof h) && write_all(fd, body, (size_t)(table + data_len));
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, p->file) != 0)
            unlink(tmp);
    }
    free(body);
}

typedef struct pack_file {
    char name[256];   /* a d_name: up to NAME_MAX bytes */
    off_t size;
    struct timespec mtime;
} pack_file;

static int cmp_age(const void *a, const void *b)
{
    const pack_file *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
    return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : x->mtime.tv_nsec > y->mtime.tv_nsec;
}

/* Remove the least recently used packs while the directory is over its
 * bound, and temporary files a crashed writer left behind an hour ago. */
static void enforce_bound(clean_cache *cc)
{
    DIR *dir = opendir(cc->dir);
    if (!dir)
        return;
    int dfd = dirfd(dir);
    pack_file *f = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    time_t now = time(NULL);
    struct dirent *de;
    while ((de = readdir(dir))) {
        size_t len = strlen(de->d_name);
        bool is_pack = len > 5 && !strcmp(de->d_name + len - 5, ".pack");
        bool is_tmp = !strncmp(de->d_name, "pack.", 5) || !strncmp(de->d_name, "key.", 4);
        struct stat st;
        if ((!is_pack && !is_tmp) || len >= sizeof f->name ||
            fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (is_tmp) {
            if (now - st.st_mtim.tv_sec > 3600)
                unlinkat(dfd, de->d_name, 0);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            pack_file *nf = realloc(f, cap * sizeof *nf);
            if (!nf)
                break;
            f = nf;
        }
        snprintf(f[n].name, sizeof f[n].name, "%s", de->d_name);
        f[n].size = st.st_size;
        f[n].mtime = st.st_mtim;
        total += (uint64_t)st.st_size;
        n++;
    }
    if (total > cc->max_bytes && f) {
        qsort(f, n, sizeof *f, cmp_age);
        for (size_t i = 0; i < n && total > cc->max_bytes; i++)
            if (unlinkat(dfd, f[i].name, 0) == 0)
                total -= (uint64_t)f[i].size;
    }
    free(f);
    closedir(dir);
}

void clean_cache_close(clean_cache *cc)
{
    if (!cc)
        return;
    for (size_t i = 0; i < cc->n_packs; i++) {
        pack *p = cc->packs[i];
        pack_write(cc, p);
        for (size_t k = 0; k < p->n_add; k++)
            free(p->add[k].blob);
        free(p->add);
        free(p->seen);
        free(p->slot);
        free(p->buf);
        free(p->dir);
        free(p->file);
        free(p);
    }
    enforce_bound(cc);
    free(cc->packs);
    pthread_mutex_destroy(&cc->lock);
    free(cc->dir);
    free(cc);
}
