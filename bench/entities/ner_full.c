/* ner_full.c — the whole entity extractor scored as a NER system.
 *
 * usage: ner_full [--dump OUT.tsv] BIO_FILE
 * BIO_FILE: "char<space or tab>tag" per line, a blank line between
 * sentences (People's Daily / MSRA style). Each sentence becomes one
 * document; after extraction, person mentions are scored against PER and
 * company mentions against ORG (products are not scored; LOC is ignored).
 * An entity counts when type, start and end all match (character offsets
 * in the sentence as given: when the cleaner changed a sentence, mention
 * offsets are mapped back through doc->map, so those sentences count too).
 * Prints a Markdown table row per type. --dump writes every person and
 * company mention as "sentence<TAB>PER|ORG<TAB>start<TAB>end<TAB>source"
 * (character offsets, source as in mention.source), and for a sentence
 * the cleaner changed, "sentence<TAB>shift<TAB>characters before it in
 * the cleaned text", for bench/entities/losses.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "corpus.h"
#include "offmap.h"
#include "entities.h"

typedef struct span { uint32_t s, e; int type; } span;   /* 0 PER, 1 ORG */
typedef struct sent { char *text; size_t len; span *gold; size_t ng; } sent;

static size_t cps_before(const char *t, size_t byte)
{
    size_t n = 0;
    for (size_t i = 0; i < byte; i++)
        if (((unsigned char)t[i] & 0xC0) != 0x80)
            n++;
    return n;
}

int main(int argc, char **argv)
{
    FILE *dump = NULL;
    if (argc == 4 && !strcmp(argv[1], "--dump")) {
        if (!(dump = fopen(argv[2], "w"))) { perror(argv[2]); return 2; }
        argv += 2;
        argc -= 2;
    }
    if (argc != 2) { fprintf(stderr, "usage: ner_full [--dump OUT.tsv] BIO_FILE\n"); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    sent *ss = NULL;
    size_t ns = 0, cap = 0;
    char line[1024], buf[65536];
    size_t blen = 0, nch = 0;
    span gold[4096];
    size_t ng = 0;
    int cur = -1;
    uint32_t cur_s = 0;
    for (;;) {
        char *r = fgets(line, sizeof line, f);
        line[strcspn(line, "\r\n")] = '\0';
        if (!r || !line[0]) {
            if (cur >= 0 && ng < 4096) gold[ng++] = (span){cur_s, (uint32_t)nch, cur};
            cur = -1;
            if (blen) {
                if (ns == cap) { cap = cap ? cap * 2 : 1024; ss = realloc(ss, cap * sizeof *ss); }
                ss[ns].text = strndup(buf, blen);
                ss[ns].len = blen;
                ss[ns].gold = malloc((ng + 1) * sizeof(span));
                memcpy(ss[ns].gold, gold, ng * sizeof(span));
                ss[ns].ng = ng;
                ns++;
            }
            blen = nch = ng = 0;
            if (!r) break;
            continue;
        }
        char *sep = strpbrk(line, " \t");
        if (!sep) continue;
        *sep = '\0';
        const char *tag = sep + 1;
        size_t cl = strlen(line);
        if (blen + cl >= sizeof buf) continue;
        int type = strstr(tag, "PER") ? 0 : strstr(tag, "ORG") ? 1 : -1;
        int begin = tag[0] == 'B' || tag[0] == 'S';
        if (cur >= 0 && (type != cur || begin)) {
            gold[ng < 4095 ? ng++ : ng] = (span){cur_s, (uint32_t)nch, cur};
            cur = -1;
        }
        if (type >= 0 && cur < 0) { cur = type; cur_s = (uint32_t)nch; }
        memcpy(buf + blen, line, cl);
        blen += cl;
        nch++;
    }
    fclose(f);

    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    for (size_t i = 0; i < ns; i++) {
        char name[32];
        snprintf(name, sizeof name, "s%zu", i);
        if (corpus_add_buffer(&c, name, ss[i].text, ss[i].len, NULL, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
    }
    if (corpus_run(&c, STAGE_EXTRACT, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
    long tp[2] = {0}, np[2] = {0}, ngold[2] = {0}, changed = 0;
    for (size_t i = 0; i < ns; i++) {
        const doc *d = c.docs[i];
        for (size_t k = 0; k < ss[i].ng; k++) ngold[ss[i].gold[k].type]++;
        int same = d->text_len == ss[i].len && !memcmp(d->text, ss[i].text, ss[i].len);
        changed += !same;
        if (!same && dump) {   /* where the sentence sits in the cleaned text */
            const char *at = memmem(d->text, d->text_len, ss[i].text, ss[i].len);
            fprintf(dump, "%zu\tshift\t%zu\n", i, at ? cps_before(d->text, (size_t)(at - d->text)) : 0);
        }
        for (size_t m = 0; m < d->n_mentions; m++) {
            const mention *mm = &d->mentions[m];
            int t = mm->type == MENTION_PERSON ? 0 : mm->type == MENTION_COMPANY ? 1 : -1;
            if (t < 0) continue;
            np[t]++;
            /* offsets in the sentence as given (the raw buffer) */
            size_t rs = same ? mm->start : offmap_raw(&d->map, mm->start);
            size_t re = same ? mm->end : offmap_raw_end(&d->map, mm->end);
            if (re > ss[i].len) re = ss[i].len;
            if (rs > re) rs = re;
            uint32_t s = (uint32_t)cps_before(ss[i].text, rs), en = (uint32_t)cps_before(ss[i].text, re);
            if (dump)
                fprintf(dump, "%zu\t%s\t%u\t%u\t%u\n", i, t ? "ORG" : "PER", s, en, (unsigned)mm->source);
            for (size_t k = 0; k < ss[i].ng; k++)
                if (ss[i].gold[k].type == t && ss[i].gold[k].s == s && ss[i].gold[k].e == en) { tp[t]++; break; }
        }
    }
    printf("sentences %zu (%ld changed by the cleaner, mentions mapped back to the sentence as given)\n", ns, changed);
    printf("| type | gold | predicted | correct | P | R | F1 |\n|---|---|---|---|---|---|---|\n");
    const char *names[2] = {"PER (person)", "ORG (company)"};
    for (int t = 0; t < 2; t++) {
        double p = np[t] ? (double)tp[t] / np[t] : 0, r = ngold[t] ? (double)tp[t] / ngold[t] : 0;
        printf("| %s | %ld | %ld | %ld | %.3f | %.3f | %.3f |\n", names[t], ngold[t], np[t], tp[t], p, r,
               p + r ? 2 * p * r / (p + r) : 0);
    }
    corpus_free(&c);
    if (dump) fclose(dump);
    for (size_t i = 0; i < ns; i++) { free(ss[i].text); free(ss[i].gold); }
    free(ss);
    return 0;
}
