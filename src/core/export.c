/* export.c — the entities, claims and xref writers shared by the
 * subcommands and the explorer's :export (see export.h). The formats are
 * described in docs/formats.md. */
#include "export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "entities.h"
#include "escape.h"
#include "figures.h"
#include "grow.h"
#include "outfile.h"
#include "xref.h"

/* ---- entities ------------------------------------------------------------- */

static int wanted(unsigned mask, int type) { return !mask || (mask >> type & 1); }

static int is_figure(int type) { return type >= MENTION_MONEY; }

/* A decimal as a JSON number; "overflow" (or anything not a plain number)
 * as a string. */
static void json_decimal(FILE *f, const decimal *v)
{
    char buf[64];
    decimal_format(v, buf, sizeof buf);
    size_t i = 0, n = strlen(buf);
    int ok = n > 0 && !v->overflow;
    if (ok && buf[i] == '-') i++;
    if (ok && (i >= n || buf[i] < '0' || buf[i] > '9')) ok = 0;
    if (ok && buf[i] == '0' && i + 1 < n && buf[i + 1] != '.') ok = 0;
    int dot = 0;
    for (; ok && i < n; i++) {
        if (buf[i] == '.' && !dot && i + 1 < n) dot = 1;
        else if (buf[i] < '0' || buf[i] > '9') ok = 0;
    }
    if (ok) fputs(buf, f);
    else json_string(f, buf, strlen(buf));
}

static void json_opt(FILE *f, const char *key, const char *s)
{
    fprintf(f, ",\"%s\":", key);
    if (s && *s) json_string(f, s, strlen(s));
    else fputs("null", f);
}

static void row_jsonl(FILE *f, const corpus *c, const doc *d, const mention *m)
{
    fputs("{\"doc\":", f);
    json_string(f, d->id, strlen(d->id));
    fprintf(f, ",\"type\":\"%s\",\"text\":", mention_type_name(m->type));
    json_string(f, d->text + m->start, m->end - m->start);
    fprintf(f, ",\"start\":%u,\"end\":%u", m->start, m->end);
    const entity *en = m->entity >= 0 && (size_t)m->entity < c->n_entities ? &c->entities[m->entity] : NULL;
    json_opt(f, "entity", en ? en->id : NULL);
    json_opt(f, "name", en ? en->name : m->name);
    if (is_figure(m->type)) {
        fputs(",\"value\":", f);
        if (m->type == MENTION_DATE) fputs("null", f);
        else json_decimal(f, &m->value);
        fputs(",\"max\":", f);
        if (m->qualifier == Q_RANGE) json_decimal(f, &m->max);
        else fputs("null", f);
        json_opt(f, "currency", m->currency);
        json_opt(f, "unit", m->unit);
        json_opt(f, "qualifier", qualifier_name(m->qualifier));
    }
    fputs("}\n", f);
}

static void tsv_str(FILE *f, const char *s)
{
    if (s) escape_tsv(f, s, strlen(s));
}

static void row_tsv(FILE *f, const corpus *c, const doc *d, const mention *m)
{
    tsv_str(f, d->id);
    fprintf(f, "\t%s\t", mention_type_name(m->type));
    escape_tsv(f, d->text + m->start, m->end - m->start);
    fprintf(f, "\t%u\t%u\t", m->start, m->end);
    const entity *en = m->entity >= 0 && (size_t)m->entity < c->n_entities ? &c->entities[m->entity] : NULL;
    tsv_str(f, en ? en->id : NULL);
    fputc('\t', f);
    tsv_str(f, en ? en->name : m->name);
    if (is_figure(m->type)) {
        char buf[64];
        fputc('\t', f);
        if (m->type != MENTION_DATE) {
            decimal_format(&m->value, buf, sizeof buf);
            tsv_str(f, buf);
        }
        fputc('\t', f);
        if (m->qualifier == Q_RANGE) {
            decimal_format(&m->max, buf, sizeof buf);
            tsv_str(f, buf);
        }
        fputc('\t', f);
        tsv_str(f, m->currency);
        fputc('\t', f);
        tsv_str(f, m->unit);
        fputc('\t', f);
        tsv_str(f, qualifier_name(m->qualifier));
    } else {
        fputs("\t\t\t\t\t", f);
    }
    fputc('\n', f);
}

typedef struct ent_order {
    size_t idx;
    uint32_t total;
    int type;
} ent_order;

static int cmp_order(const void *pa, const void *pb)
{
    const ent_order *a = pa, *b = pb;
    if (a->type != b->type) return a->type < b->type ? -1 : 1;
    if (a->total != b->total) return a->total > b->total ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void text_out(FILE *f, const corpus *c, unsigned mask)
{
    ent_order *ord = calloc(c->n_entities + 1, sizeof *ord);
    if (!ord)
        return;
    size_t n = 0;
    for (size_t k = 0; k < c->n_entities; k++) {
        const entity *en = &c->entities[k];
        if (!wanted(mask, en->type))
            continue;
        ord[n++] = (ent_order){k, en->total, en->type};
    }
    qsort(ord, n, sizeof *ord, cmp_order);
    int last_type = -1;
    for (size_t i = 0; i < n; i++) {
        const entity *en = &c->entities[ord[i].idx];
        if (en->type != last_type) {
            fprintf(f, "%s%s\n", last_type < 0 ? "" : "\n", mention_type_name(en->type));
            last_type = en->type;
        }
        fputs("  ", f);
        escape_text(f, en->name, strlen(en->name), false);
        fputs(" [", f);
        escape_text(f, en->id, strlen(en->id), false);
        fprintf(f, "]  %u mention%s:", ord[i].total, ord[i].total == 1 ? "" : "s");
        for (size_t k = 0; k < en->n_docs; k++) {
            const char *id = c->docs[en->docs[k].doc]->id;
            fputc(' ', f);
            escape_text(f, id, strlen(id), false);
            fprintf(f, " %u", en->docs[k].mentions);
        }
        fputc('\n', f);
        if (en->n_aliases > 1) {
            fputs("    aliases:", f);
            for (size_t q = 1; q < en->n_aliases; q++) {
                fputs(q > 1 ? ", " : " ", f);
                escape_text(f, en->aliases[q], strlen(en->aliases[q]), false);
            }
            fputc('\n', f);
        }
    }
    free(ord);
    int header = 0;
    for (size_t di = 0; di < c->n_docs; di++) {
        const doc *d = c->docs[di];
        for (size_t i = 0; i < d->n_mentions; i++) {
            const mention *m = &d->mentions[i];
            if (!is_figure(m->type) || !wanted(mask, m->type))
                continue;
            if (!header) {
                fprintf(f, "%sfigures\n", n ? "\n" : "");
                header = 1;
            }
            fputs("  ", f);
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, "  %-7s ", mention_type_name(m->type));
            escape_text(f, d->text + m->start, m->end - m->start, false);
            if (m->type != MENTION_DATE) {
                char buf[64];
                decimal_format(&m->value, buf, sizeof buf);
                fprintf(f, "  = %s", buf);
                if (m->qualifier == Q_RANGE) {
                    decimal_format(&m->max, buf, sizeof buf);
                    fprintf(f, "..%s", buf);
                }
            }
            if (m->currency[0]) {
                fputc(' ', f);
                escape_text(f, m->currency, strlen(m->currency), false);
            }
            if (m->unit) {
                fputs(" unit ", f);
                escape_text(f, m->unit, strlen(m->unit), false);
            }
            if (m->qualifier != Q_EXACT)
                fprintf(f, " (%s)", qualifier_name(m->qualifier));
            fputc('\n', f);
        }
    }
}

void export_entities(FILE *f, const corpus *c, enum export_format fmt, unsigned mask)
{
    if (fmt == EXPORT_TEXT) {
        text_out(f, c, mask);
    } else {
        if (fmt == EXPORT_TSV)
            fputs("doc\ttype\ttext\tstart\tend\tentity\tname\tvalue\tmax\tcurrency\tunit\tqualifier\n", f);
        for (size_t di = 0; di < c->n_docs; di++) {
            const doc *d = c->docs[di];
            for (size_t i = 0; i < d->n_mentions; i++) {
                const mention *m = &d->mentions[i];
                if (!wanted(mask, m->type))
                    continue;
                if (fmt == EXPORT_TSV) row_tsv(f, c, d, m);
                else row_jsonl(f, c, d, m);
            }
        }
    }
}

/* ---- claims --------------------------------------------------------------- */

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

void export_claims(FILE *f, const corpus *c, enum export_format fmt)
{
    if (fmt == EXPORT_TSV)
        fputs("doc\tid\tstart\tend\tentities\tfigures\tsource_entity\tsource_text\ttext\n", f);
    int32_t ents[64];
    const char *ids[64];
    for (size_t di = 0; di < c->n_docs; di++) {
        const doc *d = c->docs[di];
        if (fmt == EXPORT_TEXT) {
            fputs(di ? "\n==> " : "==> ", f);
            escape_text(f, d->id, strlen(d->id), false);
            fprintf(f, " <== %zu claim%s\n", d->n_claims, d->n_claims == 1 ? "" : "s");
        }
        for (size_t ci = 0; ci < d->n_claims; ci++) {
            const claim *cl = &d->claims[ci];
            /* the ids of the entities the claim names (those with one) */
            size_t ne = claim_entities(d, cl, ents, 64), nid = 0;
            for (size_t k = 0; k < ne; k++)
                if ((ids[nid] = entity_id(c, ents[k])))
                    nid++;
            size_t slen;
            const char *stext = claim_source_text(d, cl, &slen);
            const char *sid = entity_id(c, cl->source_entity);
            if (fmt == EXPORT_TSV) {
                escape_tsv(f, d->id, strlen(d->id));
                fprintf(f, "\t%u\t%u\t%u\t", cl->id, cl->start, cl->end);
                for (size_t k = 0; k < nid; k++) {
                    fputs(k ? "," : "", f);
                    escape_tsv(f, ids[k], strlen(ids[k]));
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
            } else if (fmt == EXPORT_JSONL) {
                fputs("{\"doc\":", f);
                json_string(f, d->id, strlen(d->id));
                fprintf(f, ",\"id\":%u,\"start\":%u,\"end\":%u,\"headline\":%s,\"text\":",
                        cl->id, cl->start, cl->end,
                        cl->flags & CLAIM_HEADLINE ? "true" : "false");
                json_string(f, d->text + cl->start, cl->end - cl->start);
                fputs(",\"entities\":[", f);
                for (size_t k = 0; k < nid; k++) {
                    fputs(k ? "," : "", f);
                    json_string(f, ids[k], strlen(ids[k]));
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
                for (size_t k = 0; k < nid; k++) {
                    fputs(k ? ", " : "    entities: ", f);
                    escape_text(f, ids[k], strlen(ids[k]), false);
                }
                if (nid)
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
}

/* ---- cross-references ----------------------------------------------------- */

static const claim *link_claim(const corpus *c, int32_t di, int32_t ci)
{
    if (di < 0 || ci < 0)
        return NULL;
    return &c->docs[di]->claims[ci];
}

static void json_side(FILE *f, const corpus *c, int32_t di, int32_t ci)
{
    const claim *cl = link_claim(c, di, ci);
    if (!cl) {
        fputs("null", f);
        return;
    }
    const doc *d = c->docs[di];
    fputs("{\"doc\":", f);
    json_string(f, d->id, strlen(d->id));
    fprintf(f, ",\"claim\":%u,\"text\":", cl->id);
    json_string(f, d->text + cl->start, cl->end - cl->start);
    fputc('}', f);
}

static void tsv_side(FILE *f, const corpus *c, int32_t di, int32_t ci)
{
    const claim *cl = link_claim(c, di, ci);
    if (!cl) {
        fputs("\t\t", f);
        return;
    }
    const doc *d = c->docs[di];
    escape_tsv(f, d->id, strlen(d->id));
    fprintf(f, "\t%u\t", cl->id);
    escape_tsv(f, d->text + cl->start, cl->end - cl->start);
}

static void text_side(FILE *f, const corpus *c, int32_t di, int32_t ci, const char *lead)
{
    const claim *cl = link_claim(c, di, ci);
    const doc *d = c->docs[di];
    fputs(lead, f);
    escape_text(f, d->id, strlen(d->id), false);
    fprintf(f, " [%u] ", cl->id);
    escape_text(f, d->text + cl->start, cl->end - cl->start, false);
    fputc('\n', f);
}

static void text_header(FILE *f, const corpus *c, const size_t counts[4])
{
    size_t pairs = c->n_docs * (c->n_docs - (c->n_docs > 0)) / 2;
    fprintf(f, "%zu document%s, %zu pair%s: %zu same, %zu differ, %zu related, "
               "%zu claim%s only in one document\n",
            c->n_docs, c->n_docs == 1 ? "" : "s", pairs, pairs == 1 ? "" : "s",
            counts[XREF_SAME], counts[XREF_DIFFERS], counts[XREF_RELATED],
            counts[XREF_ONLY_IN], counts[XREF_ONLY_IN] == 1 ? "" : "s");
}

/* The links of one document pair, L[0..n). */
static void text_pair(FILE *f, const corpus *c, const xref_link *L, size_t n_links)
{
    static const char *heads[] = {
        "Same fact, figures agree", "Same fact, figures differ",
        "Related (same subject, no comparable figures)",
    };
    const doc *a = c->docs[L[0].left_doc], *b = c->docs[L[0].right_doc];
    fputs("\n==> ", f);
    escape_text(f, a->id, strlen(a->id), false);
    fputs(" <=> ", f);
    escape_text(f, b->id, strlen(b->id), false);
    fputs(" <==\n", f);
    for (int rel = XREF_SAME; rel <= XREF_RELATED; rel++) {
        size_t n = 0;
        for (size_t k = 0; k < n_links; k++)
            n += L[k].relation == rel;
        if (!n)
            continue;
        fprintf(f, "\n%s (%zu)\n", heads[rel], n);
        for (size_t k = 0; k < n_links; k++) {
            const xref_link *m = &L[k];
            if (m->relation != rel)
                continue;
            char score[16];
            snprintf(score, sizeof score, "  %.2f  ", m->score);
            text_side(f, c, (int32_t)m->left_doc, (int32_t)m->left_claim, score);
            text_side(f, c, m->right_doc, m->right_claim, "        ");
            fputs("        why: ", f);
            escape_text(f, m->why, strlen(m->why), false);
            fputc('\n', f);
        }
    }
}

/* The only-in links of one document, L[0..n). */
static void text_only(FILE *f, const corpus *c, const xref_link *L, size_t n)
{
    const doc *d = c->docs[L[0].left_doc];
    fputs("\nOnly in ", f);
    escape_text(f, d->id, strlen(d->id), false);
    fprintf(f, " (%zu)\n", n);
    for (size_t k = 0; k < n; k++)
        text_side(f, c, (int32_t)L[k].left_doc, (int32_t)L[k].left_claim, "  ");
}

/* Do a and b go under one heading: one document pair, or one document's
 * only-in links? */
static bool same_group(const xref_link *a, const xref_link *b)
{
    if ((a->relation == XREF_ONLY_IN) != (b->relation == XREF_ONLY_IN))
        return false;
    return a->left_doc == b->left_doc &&
           (a->relation == XREF_ONLY_IN || a->right_doc == b->right_doc);
}

static void text_report(FILE *f, const corpus *c)
{
    size_t counts[4] = {0};
    for (size_t i = 0; i < c->n_links; i++)
        counts[c->links[i].relation]++;
    text_header(f, c, counts);
    for (size_t i = 0; i < c->n_links;) {
        const xref_link *l = &c->links[i];
        if (l->relation == XREF_ONLY_IN)
            break;
        /* one document pair */
        size_t j = i;
        while (j < c->n_links && same_group(&c->links[j], l))
            j++;
        text_pair(f, c, l, j - i);
        i = j;
    }
    /* only-in links come last, grouped by document */
    for (size_t i = 0; i < c->n_links;) {
        const xref_link *l = &c->links[i];
        if (l->relation != XREF_ONLY_IN) { i++; continue; }
        size_t j = i;
        while (j < c->n_links && same_group(&c->links[j], l))
            j++;
        text_only(f, c, l, j - i);
        i = j;
    }
}

struct xref_text_stream {
    FILE *body;                /* everything after the first line */
    xref_link *group;          /* the links of the heading being filled */
    size_t n, cap;
    size_t counts[4];
    bool failed;               /* out of memory */
};

xref_text_stream *export_xref_text_begin(void)
{
    xref_text_stream *s = calloc(1, sizeof *s);
    if (s && !(s->body = tmpfile())) {
        free(s);
        s = NULL;
    }
    return s;
}

static void text_flush(xref_text_stream *s, const corpus *c)
{
    if (!s->n)
        return;
    if (s->group[0].relation == XREF_ONLY_IN)
        text_only(s->body, c, s->group, s->n);
    else
        text_pair(s->body, c, s->group, s->n);
    s->n = 0;
}

void export_xref_text_link(xref_text_stream *s, const corpus *c, const xref_link *l)
{
    if (s->failed)
        return;
    s->counts[l->relation < 4 ? l->relation : XREF_RELATED]++;
    if (s->n && !same_group(&s->group[0], l))
        text_flush(s, c);
    if (s->n == s->cap) {
        xref_link *g = grow_array(s->group, &s->cap, sizeof *g, 64);
        if (!g) {
            s->failed = true;
            return;
        }
        s->group = g;
    }
    s->group[s->n++] = *l;
}

int export_xref_text_end(xref_text_stream *s, FILE *f, const corpus *c)
{
    int rc = s->failed ? CR_ENOMEM : CR_OK;
    if (!rc && f) {   /* f NULL: the run failed, nothing is written */
        text_flush(s, c);
        text_header(f, c, s->counts);
        char buf[1 << 16];
        size_t n;
        rc = fflush(s->body) || fseek(s->body, 0, SEEK_SET) ? CR_EINPUT : CR_OK;
        while (!rc && (n = fread(buf, 1, sizeof buf, s->body)) > 0)
            if (fwrite(buf, 1, n, f) != n)
                rc = CR_EINPUT;
        if (!rc && ferror(s->body))
            rc = CR_EINPUT;
    }
    fclose(s->body);
    free(s->group);
    free(s);
    return rc;
}

void export_xref_begin(FILE *f, enum export_format fmt)
{
    if (fmt == EXPORT_TSV)
        fputs("relation\tscore\tleft_doc\tleft_claim\tleft_text\t"
              "right_doc\tright_claim\tright_text\twhy\n", f);
}

void export_xref_link(FILE *f, const corpus *c, enum export_format fmt, const xref_link *l)
{
    if (fmt == EXPORT_TSV) {
        fprintf(f, "%s\t%.3f\t", xref_relation_name(l->relation), l->score);
        tsv_side(f, c, (int32_t)l->left_doc, (int32_t)l->left_claim);
        fputc('\t', f);
        tsv_side(f, c, l->right_doc, l->right_claim);
        fputc('\t', f);
        escape_tsv(f, l->why, strlen(l->why));
        fputc('\n', f);
    } else if (fmt == EXPORT_JSONL) {
        fprintf(f, "{\"relation\":\"%s\",\"score\":%.3f,\"why\":",
                xref_relation_name(l->relation), l->score);
        json_string(f, l->why, strlen(l->why));
        fputs(",\"left\":", f);
        json_side(f, c, (int32_t)l->left_doc, (int32_t)l->left_claim);
        fputs(",\"right\":", f);
        json_side(f, c, l->right_doc, l->right_claim);
        fputs("}\n", f);
    }
}

void export_xref(FILE *f, const corpus *c, enum export_format fmt)
{
    if (fmt == EXPORT_TEXT) {
        text_report(f, c);
        return;
    }
    export_xref_begin(f, fmt);
    for (size_t i = 0; i < c->n_links; i++)
        export_xref_link(f, c, fmt, &c->links[i]);
}

/* ---- choosing and writing --------------------------------------------------- */

int export_format_from_name(const char *s)
{
    if (!strcmp(s, "text")) return EXPORT_TEXT;
    if (!strcmp(s, "tsv")) return EXPORT_TSV;
    if (!strcmp(s, "jsonl") || !strcmp(s, "json")) return EXPORT_JSONL;
    return -1;
}

int export_kind_from_name(const char *s)
{
    if (!strcmp(s, "entities")) return EXPORT_ENTITIES;
    if (!strcmp(s, "claims")) return EXPORT_CLAIMS;
    if (!strcmp(s, "xref")) return EXPORT_XREF;
    return -1;
}

int export_to_path(const char *path, bool force, const corpus *c, enum export_kind kind,
                   enum export_format fmt, unsigned types, cr_error *e)
{
    outfile of;
    if (outfile_open(&of, path, force, e))
        return e->code;
    switch (kind) {
    case EXPORT_ENTITIES: export_entities(of.f, c, fmt, types); break;
    case EXPORT_CLAIMS: export_claims(of.f, c, fmt); break;
    case EXPORT_XREF: export_xref(of.f, c, fmt); break;
    }
    return outfile_commit(&of, e);
}
