/* handdoc.h — documents built by hand for the claims and xref unit tests:
 * text, sentences (split after 。！？) and mentions placed on substrings, so
 * the tests do not depend on the segmenter or the extractors. */
#ifndef CR_TEST_HANDDOC_H
#define CR_TEST_HANDDOC_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "entities.h"

static inline doc *make_doc(corpus *c, const char *id, const char *title, const char *body)
{
    doc *d = calloc(1, sizeof *d);
    arena_init(&d->arena);
    d->id = d->path = id;
    size_t tl = strlen(title), bl = strlen(body);
    d->text = arena_alloc(&d->arena, tl + bl + 3);
    memcpy(d->text, title, tl);
    memcpy(d->text + tl, "\n\n", 2);
    memcpy(d->text + tl + 2, body, bl);
    d->text_len = (uint32_t)(tl + 2 + bl);
    d->title_span.start = 0;
    d->title_span.end = (uint32_t)tl;
    /* sentences: the title, then body split after 。！？ (the real ones come
     * from ICU in the segment stage) */
    sentence *s = ARENA_PUSH(&d->arena, d->sentences, d->n_sentences, d->cap_sentences);
    s->start = 0;
    s->end = (uint32_t)tl;
    uint32_t st = (uint32_t)tl + 2;
    for (uint32_t i = st; i < d->text_len;) {
        const char *p = d->text + i;
        bool end = !strncmp(p, "。", 3) || !strncmp(p, "？", 3) || !strncmp(p, "！", 3);
        i += end ? 3 : 1;
        if (end || i >= d->text_len) {
            s = ARENA_PUSH(&d->arena, d->sentences, d->n_sentences, d->cap_sentences);
            s->start = st;
            s->end = i;
            st = i;
        }
    }
    if (c->n_docs == c->cap_docs) {
        c->cap_docs = c->cap_docs ? c->cap_docs * 2 : 8;
        c->docs = realloc(c->docs, c->cap_docs * sizeof *c->docs);
    }
    c->docs[c->n_docs++] = d;
    return d;
}

/* Mention on the nth (0-based) occurrence of s in the text. */
static inline mention *add_mention(doc *d, const char *s, int nth, int type, int32_t entity)
{
    const char *p = d->text;
    for (int k = 0; p; k++) {
        p = strstr(p, s);
        if (!p || k == nth)
            break;
        p += strlen(s);
    }
    if (!p) {
        fprintf(stderr, "test setup: '%s' not in text\n", s);
        exit(2);
    }
    mention *m = ARENA_PUSH(&d->arena, d->mentions, d->n_mentions, d->cap_mentions);
    memset(m, 0, sizeof *m);
    m->start = (uint32_t)(p - d->text);
    m->end = m->start + (uint32_t)strlen(s);
    m->type = (uint8_t)type;
    m->entity = entity;
    return m;
}

static inline void add_figure(doc *d, const char *s, int nth, int type, int64_t coef, int scale,
                       const char *cur)
{
    mention *m = add_mention(d, s, nth, type, -1);
    m->value.coef = coef;
    m->value.scale = scale;
    if (cur)
        snprintf(m->currency, sizeof m->currency, "%s", cur);
}

static inline const claim *find_claim(const doc *d, const char *needle)
{
    for (size_t i = 0; i < d->n_claims; i++) {
        const claim *cl = &d->claims[i];
        size_t n = cl->end - cl->start;
        char buf[2048];
        if (n >= sizeof buf)
            continue;
        memcpy(buf, d->text + cl->start, n);
        buf[n] = '\0';
        if (strstr(buf, needle))
            return cl;
    }
    return NULL;
}

static inline bool claim_is(const doc *d, const claim *cl, const char *text)
{
    return cl && strlen(text) == cl->end - cl->start &&
           !memcmp(d->text + cl->start, text, cl->end - cl->start);
}

static inline bool source_is(const doc *d, const claim *cl, const char *text)
{
    size_t n;
    const char *s = claim_source_text(d, cl, &n);
    return s && n == strlen(text) && !memcmp(s, text, n);
}

#endif
