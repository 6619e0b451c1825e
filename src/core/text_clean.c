/* text_clean.c — turning a raw web capture into article text.
 * FIRST CUT: BOM, CRLF, paragraphs and title only; the cleaning rules are
 * being written (issue 2). */
#include "text.h"

#include <string.h>

typedef struct emitter {
    doc *d;
    char *out;
    uint32_t len, cap;
} emitter;

static int emit(emitter *em, const char *s, uint32_t n, uint32_t raw, uint32_t raw_len)
{
    if (em->len + n + 1 > em->cap) {
        uint32_t ncap = em->cap ? em->cap * 2 : 4096;
        while (ncap < em->len + n + 1)
            ncap *= 2;
        char *nb = arena_alloc(&em->d->arena, ncap);
        if (!nb)
            return -1;
        memcpy(nb, em->out, em->len);
        em->out = nb;
        em->cap = ncap;
    }
    memcpy(em->out + em->len, s, n);
    if (offmap_add(&em->d->map, em->len, n, raw, raw_len))
        return -1;
    em->len += n;
    em->out[em->len] = '\0';
    return 0;
}

int text_clean(doc *d, cr_error *e)
{
    offmap_init(&d->map, &d->arena);
    emitter em = {.d = d};
    const char *r = d->raw;
    uint32_t n = (uint32_t)d->raw_len, i = 0;
    if (n >= 3 && memcmp(r, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    int paragraphs = 0;
    while (i < n) {
        uint32_t ls = i;
        while (i < n && r[i] != '\n')
            i++;
        uint32_t le = i;
        if (le > ls && r[le - 1] == '\r')
            le--;
        if (i < n)
            i++;
        while (ls < le && (r[ls] == ' ' || r[ls] == '\t'))
            ls++;
        while (le > ls && (r[le - 1] == ' ' || r[le - 1] == '\t'))
            le--;
        if (le == ls)
            continue;
        if (paragraphs && emit(&em, "\n\n", 2, ls, 0))
            goto oom;
        uint32_t at = em.len;
        if (emit(&em, r + ls, le - ls, ls, le - ls))
            goto oom;
        if (!paragraphs) {
            d->title_span.start = at;
            d->title_span.end = em.len;
        }
        paragraphs++;
    }
    if (!em.out && emit(&em, "", 0, 0, 0))
        goto oom;
    if (!em.out) {
        em.out = arena_strdup(&d->arena, "");
        if (!em.out)
            goto oom;
    }
    d->text = em.out;
    d->text_len = em.len;
    return CR_OK;
oom:
    return cr_error_set(e, CR_ENOMEM, d->path, 0, 0, 0, "out of memory");
}
