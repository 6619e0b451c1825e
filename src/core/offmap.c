/* offmap.c — cleaned offsets back to raw offsets (see offmap.h). */
#include "offmap.h"

void offmap_init(offmap *m, arena *a)
{
    m->segs = NULL;
    m->len = m->cap = 0;
    m->arena = a;
}

static int push(offmap *m, uint32_t clean, uint32_t clean_len, uint32_t raw,
                uint32_t raw_len, uint8_t repl)
{
    offmap_seg *s = ARENA_PUSH(m->arena, m->segs, m->len, m->cap);
    if (!s)
        return -1;
    *s = (offmap_seg){clean, clean_len, raw, raw_len, repl};
    return 0;
}

int offmap_add(offmap *m, uint32_t clean, uint32_t clean_len, uint32_t raw,
               uint32_t raw_len)
{
    if (clean_len == 0 && raw_len == 0)
        return 0;
    if (clean_len != raw_len)
        return push(m, clean, clean_len, raw, raw_len, 1);
    if (m->len) {
        offmap_seg *last = &m->segs[m->len - 1];
        if (!last->repl && last->clean_len == last->raw_len &&
            last->clean + last->clean_len == clean &&
            last->raw + last->raw_len == raw) {
            last->clean_len += clean_len;
            last->raw_len += raw_len;
            return 0;
        }
    }
    return push(m, clean, clean_len, raw, raw_len, 0);
}

int offmap_add_repl(offmap *m, uint32_t clean, uint32_t clean_len, uint32_t raw,
                    uint32_t raw_len)
{
    if (clean_len == 0 && raw_len == 0)
        return 0;
    return push(m, clean, clean_len, raw, raw_len, 1);
}

/* The segment that holds cleaned byte off: the last one that starts at or
 * before off (segments are in cleaned order and do not overlap). When off is
 * past every segment, the last segment. */
static size_t find(const offmap *m, uint32_t off)
{
    size_t lo = 0, hi = m->len;     /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->segs[mid].clean <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

uint32_t offmap_raw(const offmap *m, uint32_t clean)
{
    if (!m->len)
        return clean;
    const offmap_seg *s = &m->segs[find(m, clean)];
    if (clean < s->clean)           /* before the first segment */
        return s->raw;
    if (clean >= s->clean + s->clean_len)
        return s->raw + s->raw_len;
    if (!s->repl && s->clean_len == s->raw_len)
        return s->raw + (clean - s->clean);
    return s->raw;
}

uint32_t offmap_raw_end(const offmap *m, uint32_t clean_end)
{
    if (!m->len)
        return clean_end;
    if (clean_end == 0)
        return offmap_raw(m, 0);
    /* The end of a span is the raw end of its last byte. */
    uint32_t last = clean_end - 1;
    const offmap_seg *s = &m->segs[find(m, last)];
    if (last < s->clean)
        return s->raw;
    if (last >= s->clean + s->clean_len)
        return s->raw + s->raw_len;
    if (!s->repl && s->clean_len == s->raw_len)
        return s->raw + (last - s->clean) + 1;
    return s->raw + s->raw_len;
}
