/* cmd_claims.c — `crossread claims`: checkable sentences, their entities,
 * figures and attribution, as text, TSV or JSONL (docs/formats.md). */
#include <stdio.h>
#include <string.h>

#include "claims.h"
#include "cli.h"
#include "entities.h"
#include "escape.h"
#include "figures.h"

static const char *entity_id(const corpus *c, int32_t id)
{
    if (c->entities && id >= 0 && (size_t)id < c->n_entities && c->entities[id].id)
        return c->entities[id].id;
    return NULL;
}

/* Entity indices of a claim in order of first appearance, without repeats. */
static size_t claim_entities(const doc *d, const claim *cl, int32_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < cl->n_mentions && n < cap; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type >= MENTION_MONEY || m->entity < 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen |= out[k] == m->entity;
        if (!seen)
            out[n++] = m->entity;
    }
    return n;
}

static void put_value(FILE *f, const decimal *v)
{
    char buf[64];
    decimal_format(v, buf, sizeof buf);
    fputs(buf, f);
}

static void tsv_figures(FILE *f, const doc *d, const claim *cl)
{
    int n = 0;
    for (size_t i = 0; i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type < MENTION_MONEY)
            continue;
        fputs(n++ ? "; " : "", f);
        fputs(mention_type_name(m->type), f);
        fputc(':', f);
        put_value(f, &m->value);
        if (m->qualifier == Q_RANGE) {
            fputs("..", f);
            put_value(f, &m->max);
        }
        fputc(':', f);
        if (m->type == MENTION_MONEY)
            escape_tsv(f, m->currency, strlen(m->currency));
        else if (m->unit)
            escape_tsv(f, m->unit, strlen(m->unit));
        fputc(':', f);
        fputs(qualifier_name(m->qualifier), f);
        fputc(':', f);
        escape_tsv(f, d->text + m->start, m->end - m->start);
    }
}

static void json_figures(FILE *f, const doc *d, const claim *cl)
{
    fputc('[', f);
    int n = 0;
    for (size_t i = 0; i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type < MENTION_MONEY)
            continue;
        fputs(n++ ? ",{\"type\":\"" : "{\"type\":\"", f);
        fputs(mention_type_name(m->type), f);
        fputs("\",\"text\":", f);
        json_string(f, d->text + m->start, m->end - m->start);
        char buf[64];
        /* exact decimals as JSON numbers, as the entities output writes them */
        fputs(",\"value\":", f);
        if (m->value.overflow) fputs("null", f);
        else { decimal_format(&m->value, buf, sizeof buf); fputs(buf, f); }
        fputs(",\"max\":", f);
        if (m->qualifier != Q_RANGE || m->max.overflow) fputs("null", f);
        else { decimal_format(&m->max, buf, sizeof buf); fputs(buf, f); }
        fputs(",\"currency\":", f);
        if (m->type == MENTION_MONEY) json_string(f, m->currency, strlen(m->currency));
        else fputs("null", f);
        fputs(",\"unit\":", f);
        if (m->unit) json_string(f, m->unit, strlen(m->unit));
        else fputs("null", f);
        fputs(",\"qualifier\":\"", f);
        fputs(qualifier_name(m->qualifier), f);
        fputs("\"}", f);
    }
    fputc(']', f);
}

static void text_figures(FILE *f, const doc *d, const claim *cl)
{
    int n = 0;
    for (size_t i = 0; i < cl->n_mentions; i++) {
        const mention *m = &d->mentions[cl->mentions[i]];
        if (m->type < MENTION_MONEY)
            continue;
        fputs(n++ ? ", " : "    figures: ", f);
        escape_text(f, d->text + m->start, m->end - m->start, false);
        fputs(" (", f);
        fputs(mention_type_name(m->type), f);
        fputc(' ', f);
        put_value(f, &m->value);
        if (m->qualifier == Q_RANGE) {
            fputs("..", f);
            put_value(f, &m->max);
        }
        if (m->type == MENTION_MONEY && m->currency[0]) {
            fputc(' ', f);
            escape_text(f, m->currency, strlen(m->currency), false);
        } else if (m->unit) {
            fputc(' ', f);
            escape_text(f, m->unit, strlen(m->unit), false);
        }
        if (m->qualifier != Q_EXACT) {
            fputc(' ', f);
            fputs(qualifier_name(m->qualifier), f);
        }
        fputc(')', f);
    }
    if (n)
        fputc('\n', f);
}

int cmd_claims(cli_opts *o)
{
    corpus c;
    corpus_init(&c);
    int rc = cli_load(&c, o, o->args, o->n_args, STAGE_CLAIMS);
    if (rc) { corpus_free(&c); return rc; }
    outfile of;
    FILE *f = cli_open_output(o, &of, &rc);
    if (!f) { corpus_free(&c); return rc; }
    if (o->format == FMT_TSV)
        fputs("doc\tid\tstart\tend\tentities\tfigures\tsource_entity\tsource_text\ttext\n", f);
    int32_t ents[64];
    for (size_t di = 0; di < c.n_docs; di++) {
        const doc *d = c.docs[di];
        if (o->format == FMT_TEXT) {
            fputs(di ? "\n==> " : "==> ", f);
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, " <== %zu claim%s\n", d->n_claims, d->n_claims == 1 ? "" : "s");
        }
        for (size_t ci = 0; ci < d->n_claims; ci++) {
            const claim *cl = &d->claims[ci];
            size_t ne = claim_entities(d, cl, ents, 64);
            size_t slen;
            const char *stext = claim_source_text(d, cl, &slen);
            const char *sid = entity_id(&c, cl->source_entity);
            if (o->format == FMT_TSV) {
                escape_tsv(f, d->id, strlen(d->id));
                fprintf(f, "\t%u\t%u\t%u\t", cl->id, cl->start, cl->end);
                int n = 0;
                for (size_t k = 0; k < ne; k++) {
                    const char *id = entity_id(&c, ents[k]);
                    if (!id)
                        continue;
                    fputs(n++ ? "," : "", f);
                    escape_tsv(f, id, strlen(id));
                }
                fputc('\t', f);
                tsv_figures(f, d, cl);
                fputc('\t', f);
                if (sid)
                    escape_tsv(f, sid, strlen(sid));
                fputc('\t', f);
                if (stext)
                    escape_tsv(f, stext, slen);
                fputc('\t', f);
                escape_tsv(f, d->text + cl->start, cl->end - cl->start);
                fputc('\n', f);
            } else if (o->format == FMT_JSONL) {
                fputs("{\"doc\":", f);
                json_string(f, d->id, strlen(d->id));
                fprintf(f, ",\"id\":%u,\"start\":%u,\"end\":%u,\"headline\":%s,\"text\":",
                        cl->id, cl->start, cl->end,
                        cl->flags & CLAIM_HEADLINE ? "true" : "false");
                json_string(f, d->text + cl->start, cl->end - cl->start);
                fputs(",\"entities\":[", f);
                int n = 0;
                for (size_t k = 0; k < ne; k++) {
                    const char *id = entity_id(&c, ents[k]);
                    if (!id)
                        continue;
                    fputs(n++ ? "," : "", f);
                    json_string(f, id, strlen(id));
                }
                fputs("],\"figures\":", f);
                json_figures(f, d, cl);
                fputs(",\"attribution\":", f);
                if (!sid && !stext) {
                    fputs("null", f);
                } else {
                    fputs("{\"entity\":", f);
                    if (sid) json_string(f, sid, strlen(sid));
                    else fputs("null", f);
                    fputs(",\"text\":", f);
                    if (stext) json_string(f, stext, slen);
                    else fputs("null", f);
                    fputc('}', f);
                }
                fputs("}\n", f);
            } else {
                fprintf(f, "[%u]%s ", cl->id, cl->flags & CLAIM_HEADLINE ? " (headline)" : "");
                escape_text(f, d->text + cl->start, cl->end - cl->start, false);
                fputc('\n', f);
                int n = 0;
                for (size_t k = 0; k < ne; k++) {
                    const char *id = entity_id(&c, ents[k]);
                    if (!id)
                        continue;
                    fputs(n++ ? ", " : "    entities: ", f);
                    escape_text(f, id, strlen(id), false);
                }
                if (n)
                    fputc('\n', f);
                text_figures(f, d, cl);
                if (sid || stext) {
                    fputs("    source: ", f);
                    if (stext)
                        escape_text(f, stext, slen, false);
                    if (sid) {
                        fputs(stext ? " (" : "", f);
                        escape_text(f, sid, strlen(sid), false);
                        fputs(stext ? ")" : "", f);
                    }
                    fputc('\n', f);
                }
            }
        }
    }
    rc = cli_close_output(o, &of, f, 0);
    corpus_free(&c);
    return rc;
}
