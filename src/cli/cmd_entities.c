/* cmd_entities.c — `crossread entities`: one row per mention (people,
 * companies, products and figures), or, as text, grouped by entity.
 * Formats are described in docs/formats.md ("entities output"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entities.h"
#include "escape.h"
#include "figures.h"

/* --type person,company: a bit per mention type; 0 means all. */
static int parse_types(const char *s, unsigned *mask)
{
    *mask = 0;
    if (!s || !*s)
        return 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int k = mention_type_from_name(t);
        if (!strcmp(t, "figure") || !strcmp(t, "figures")) {
            *mask |= 1u << MENTION_MONEY | 1u << MENTION_PERCENT | 1u << MENTION_COUNT |
                     1u << MENTION_DATE;
            continue;
        }
        if (k < 0) {
            fprintf(stderr, "crossread: unknown type '%s' (person, company, product, money, "
                            "percent, count, date)\n", t);
            return 2;
        }
        *mask |= 1u << k;
    }
    return 0;
}

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
        uint32_t total = 0;
        for (size_t di = 0; di < c->n_docs; di++)
            total += en->mentions_per_doc[di];
        ord[n++] = (ent_order){k, total, en->type};
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
        for (size_t di = 0; di < c->n_docs; di++)
            if (en->mentions_per_doc[di]) {
                fputc(' ', f);
                escape_text(f, c->docs[di]->id, strlen(c->docs[di]->id), false);
                fprintf(f, " %u", en->mentions_per_doc[di]);
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

int cmd_entities(cli_opts *o)
{
    unsigned mask;
    int rc = parse_types(o->types, &mask);
    if (rc)
        return rc;
    corpus c;
    corpus_init(&c);
    rc = cli_load(&c, o, o->args, o->n_args, STAGE_EXTRACT);
    if (rc) { corpus_free(&c); return rc; }
    outfile of;
    FILE *f = cli_open_output(o, &of, &rc);
    if (!f) { corpus_free(&c); return rc; }
    if (o->format == FMT_TEXT) {
        text_out(f, &c, mask);
    } else {
        if (o->format == FMT_TSV)
            fputs("doc\ttype\ttext\tstart\tend\tentity\tname\tvalue\tmax\tcurrency\tunit\tqualifier\n", f);
        for (size_t di = 0; di < c.n_docs; di++) {
            const doc *d = c.docs[di];
            for (size_t i = 0; i < d->n_mentions; i++) {
                const mention *m = &d->mentions[i];
                if (!wanted(mask, m->type))
                    continue;
                if (o->format == FMT_TSV) row_tsv(f, &c, d, m);
                else row_jsonl(f, &c, d, m);
            }
        }
    }
    rc = cli_close_output(o, &of, f, 0);
    corpus_free(&c);
    return rc;
}
