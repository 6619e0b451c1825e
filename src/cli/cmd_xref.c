/* cmd_xref.c — `crossread xref`: links between the claims of every pair of
 * documents, as a comparison report (text), TSV or JSONL (docs/formats.md). */
#include <stdio.h>
#include <string.h>

#include "claims.h"
#include "cli.h"
#include "escape.h"
#include "xref.h"

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

static void text_report(FILE *f, const corpus *c)
{
    size_t pairs = c->n_docs * (c->n_docs - (c->n_docs > 0)) / 2;
    size_t counts[4] = {0};
    for (size_t i = 0; i < c->n_links; i++)
        counts[c->links[i].relation]++;
    fprintf(f, "%zu document%s, %zu pair%s: %zu same, %zu differ, %zu related, "
               "%zu claim%s only in one document\n",
            c->n_docs, c->n_docs == 1 ? "" : "s", pairs, pairs == 1 ? "" : "s",
            counts[XREF_SAME], counts[XREF_DIFFERS], counts[XREF_RELATED],
            counts[XREF_ONLY_IN], counts[XREF_ONLY_IN] == 1 ? "" : "s");
    static const char *heads[] = {
        "Same fact, figures agree", "Same fact, figures differ",
        "Related (same subject, no comparable figures)",
    };
    for (size_t i = 0; i < c->n_links;) {
        const xref_link *l = &c->links[i];
        if (l->relation == XREF_ONLY_IN)
            break;
        /* one document pair */
        size_t j = i;
        while (j < c->n_links && c->links[j].relation != XREF_ONLY_IN &&
               c->links[j].left_doc == l->left_doc && c->links[j].right_doc == l->right_doc)
            j++;
        const doc *a = c->docs[l->left_doc], *b = c->docs[l->right_doc];
        fputs("\n==> ", f);
        escape_text(f, a->id, strlen(a->id), false);
        fputs(" <=> ", f);
        escape_text(f, b->id, strlen(b->id), false);
        fputs(" <==\n", f);
        for (int rel = XREF_SAME; rel <= XREF_RELATED; rel++) {
            size_t n = 0;
            for (size_t k = i; k < j; k++)
                n += c->links[k].relation == rel;
            if (!n)
                continue;
            fprintf(f, "\n%s (%zu)\n", heads[rel], n);
            for (size_t k = i; k < j; k++) {
                const xref_link *m = &c->links[k];
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
        i = j;
    }
    /* only-in links come last, grouped by document */
    for (size_t i = 0; i < c->n_links;) {
        const xref_link *l = &c->links[i];
        if (l->relation != XREF_ONLY_IN) { i++; continue; }
        size_t j = i;
        while (j < c->n_links && c->links[j].relation == XREF_ONLY_IN &&
               c->links[j].left_doc == l->left_doc)
            j++;
        const doc *d = c->docs[l->left_doc];
        fputs("\nOnly in ", f);
        escape_text(f, d->id, strlen(d->id), false);
        fprintf(f, " (%zu)\n", j - i);
        for (size_t k = i; k < j; k++)
            text_side(f, c, (int32_t)c->links[k].left_doc, (int32_t)c->links[k].left_claim,
                      "  ");
        i = j;
    }
}

int cmd_xref(cli_opts *o)
{
    corpus c;
    corpus_init(&c);
    int rc = cli_load(&c, o, o->args, o->n_args, STAGE_XREF);
    if (rc) { corpus_free(&c); return rc; }
    outfile of;
    FILE *f = cli_open_output(o, &of, &rc);
    if (!f) { corpus_free(&c); return rc; }
    if (o->format == FMT_TEXT) {
        text_report(f, &c);
    } else if (o->format == FMT_TSV) {
        fputs("relation\tscore\tleft_doc\tleft_claim\tleft_text\t"
              "right_doc\tright_claim\tright_text\twhy\n", f);
        for (size_t i = 0; i < c.n_links; i++) {
            const xref_link *l = &c.links[i];
            fprintf(f, "%s\t%.3f\t", xref_relation_name(l->relation), l->score);
            tsv_side(f, &c, (int32_t)l->left_doc, (int32_t)l->left_claim);
            fputc('\t', f);
            tsv_side(f, &c, l->right_doc, l->right_claim);
            fputc('\t', f);
            escape_tsv(f, l->why, strlen(l->why));
            fputc('\n', f);
        }
    } else {
        for (size_t i = 0; i < c.n_links; i++) {
            const xref_link *l = &c.links[i];
            fprintf(f, "{\"relation\":\"%s\",\"score\":%.3f,\"why\":",
                    xref_relation_name(l->relation), l->score);
            json_string(f, l->why, strlen(l->why));
            fputs(",\"left\":", f);
            json_side(f, &c, (int32_t)l->left_doc, (int32_t)l->left_claim);
            fputs(",\"right\":", f);
            json_side(f, &c, l->right_doc, l->right_claim);
            fputs("}\n", f);
        }
    }
    rc = cli_close_output(o, &of, f, 0);
    corpus_free(&c);
    return rc;
}
