/* train_ner — train, apply and time the character NER model (src/core/ner.h).
 *
 *   train_ner train [options] FILE...
 *       Trains on BIO files ("char<space or tab>tag" lines, blank line
 *       between sentences) and writes a model. Options:
 *         -o MODEL          output (default ner.model)
 *         -e N              epochs (default 8)
 *         --crf STEP        linear-chain CRF by averaged AdaGrad with this
 *                           step (default 0.1)
 *         --perceptron      averaged perceptron instead of the CRF
 *         --prune X         leave out features whose weights are all < X
 *                           (default 0.1)
 *         --cls-count N, --cls-ratio R   thresholds for the learned
 *                           character classes (default 2, 0.05)
 *         --min-count N     drop features seen fewer than N times
 *         --drop F,F,...    leave out these feature templates (numbers as
 *                           counted in ner_features; the model records
 *                           which templates it uses)
 *         --rep0 N          show file 1's sentences N times per epoch
 *         --cv K            K-fold cross-validation instead: F1 per epoch
 *                           on the held-out folds, per input file
 *         --dev FILE        train on all, F1 on FILE after each epoch
 *       bench/ner/run.sh has the settings of the shipped model.
 *   train_ner tag [--hant] [--icu-words] [--spans OUT.tsv] MODEL FILE
 *       Tags each sentence of a BIO file through the public ner_tag API and
 *       prints "char<space>predicted-tag" lines in the same layout. With
 *       --hant the text is first converted to Traditional characters (ICU
 *       Simplified-Traditional, char by char), to measure script folding.
 *       --spans writes "sentence start end type score" per span (character
 *       offsets), to see how the score relates to precision.
 *   train_ner speed [--icu-words] MODEL FILE [MB]
 *       Tags the file's text repeatedly (at least MB megabytes, default 20),
 *       one sentence per call, and prints the throughput. FILE may also
 *       be a directory: its *.txt files are tagged whole, one call each
 *       (the bench corpus: bench/ner/entities_speed.sh makes one).
 *   train_ner spans [--icu-words] MODEL FILE...
 *       Tags each file's whole text (raw UTF-8, e.g. a corpus article) in
 *       one call and prints "file start end type score" per span, byte
 *       offsets and the score as an exact hex float: two builds of the
 *       tagger agree when these lines do (bench/ner/same_tags.sh).
 *   train_ner pieces MODEL DIR|FILE...
 *       Tags whole files (a directory's *.txt) and counts the characters
 *       of the tagger's pieces that hold a person or organisation span:
 *       what a perfect gate in front of the tagger would still leave it
 *       (docs/performance.md, "Why the 2x target stays out of reach").
 *   Words: train, tag, spans and speed give the tagger the segmenter's words
 *   (segment.h with the shipped lexicon; ner_tag_words), as crossread does;
 *   --icu-words makes them use ner_tag's own ICU word break instead (a
 *   model must be tagged the way it was trained).
 * Not installed; a development tool.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "arena.h"
#include "corpus.h"
#include "lexicon.h"
#include "ner.h"
#include "segment.h"

#define NT NER_NTAGS
#define NF NER_NFEATS

static const char *BIO[7] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                             "B-LOC", "I-LOC"};

static void die(const char *msg)
{
    fprintf(stderr, "train_ner: %s\n", msg);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

/* ---- corpus ---- */

typedef struct sent {
    size_t n;
    ner_char *c;
    uint8_t *gold;
    uint32_t *feat;       /* n * NF feature ids (training only) */
    char *text;           /* UTF-8 of the characters */
    uint32_t *off;        /* n+1 byte offsets into text */
    int src;              /* index of the file it came from */
} sent;

typedef struct bio_corpus {
    sent *s;
    size_t n, cap;
} bio_corpus;

static int tag_index(const char *t)
{
    for (int i = 0; i < 7; i++)
        if (strcmp(t, BIO[i]) == 0) return i;
    return 0;   /* unknown tags (e.g. other entity types) count as O */
}

static void push_sent(bio_corpus *cp, sent *cur)
{
    if (cur->n == 0) return;
    if (cp->n == cp->cap) {
        cp->cap = cp->cap ? cp->cap * 2 : 1024;
        cp->s = xrealloc(cp->s, cp->cap * sizeof *cp->s);
    }
    cp->s[cp->n++] = *cur;
    memset(cur, 0, sizeof *cur);
}

/* Read a BIO file. With split, sentences are also cut exactly where
 * ner_tag cuts text (white space dropped, after 。!?), so training sees the
 * same pieces as tagging. */
static void read_bio(const char *path, bio_corpus *cp, int split, int src)
{
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "train_ner: %s: %s\n", path, strerror(errno)); exit(2); }
    char line[1024];
    sent cur = {0};
    size_t cap = 0, tcap = 0, tlen = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (len == 0) {
            push_sent(cp, &cur);
            cap = tcap = tlen = 0;
            continue;
        }
        /* the character is the first code point; the tag the last field */
        int32_t i = 0;
        UChar32 ch;
        U8_NEXT((const uint8_t *)line, i, (int32_t)len, ch);
        if (ch < 0) ch = 0xFFFD;
        const char *tag = strrchr(line, ' ');
        const char *tab = strrchr(line, '\t');
        if (!tag || (tab && tab > tag)) tag = tab;
        if (!tag || tag < line + i) {
            fprintf(stderr, "train_ner: %s: bad line \"%s\"\n", path, line);
            exit(2);
        }
        ner_char c;
        ner_char_init(ch, &c);
        int brk = split ? ner_char_break(&c) : 0;
        if (brk == NER_BREAK_DROP) {
            push_sent(cp, &cur);
            cap = tcap = tlen = 0;
            continue;
        }
        if (cur.n + 1 >= cap) {
            cap = cap ? cap * 2 : 64;
            cur.c = xrealloc(cur.c, cap * sizeof *cur.c);
            cur.gold = xrealloc(cur.gold, cap);
            cur.off = xrealloc(cur.off, (cap + 1) * sizeof *cur.off);
        }
        if (tlen + 8 >= tcap) {
            tcap = tcap ? tcap * 2 : 256;
            cur.text = xrealloc(cur.text, tcap);
        }
        cur.src = src;
        cur.c[cur.n] = c;
        cur.gold[cur.n] = (uint8_t)tag_index(tag + 1);
        cur.off[cur.n] = (uint32_t)tlen;
        memcpy(cur.text + tlen, line, (size_t)i);
        tlen += (size_t)i;
        cur.text[tlen] = '\0';
        cur.n++;
        cur.off[cur.n] = (uint32_t)tlen;
        if (brk == NER_BREAK_AFTER || cur.n >= NER_MAX_SEQ) {
            push_sent(cp, &cur);
            cap = tcap = tlen = 0;
        }
    }
    push_sent(cp, &cur);
    fclose(f);
}

/* Gold BIO (0 O, 1+2*type B, 2+2*type I) to the model's B/I/E/S tags; an
 * I-X without B-X before it starts an entity. */
static void bio_to_tags(sent *s)
{
    int prev = 0;
    for (size_t i = 0; i < s->n; i++) {
        int t = s->gold[i], was = prev;
        prev = t;
        if (!t) continue;
        int type = (t - 1) / 2;
        int next = i + 1 < s->n ? s->gold[i + 1] : 0;
        int starts = t % 2 == 1 || (was != t && was != t - 1);
        int goes_on = next == 2 + 2 * type;
        s->gold[i] = (uint8_t)NER_TAG(type, starts ? (goes_on ? NER_POS_B : NER_POS_S)
                                                   : (goes_on ? NER_POS_I : NER_POS_E));
    }
}

/* Cut sentences where two tagged entities touch in a way the tag
 * transitions forbid (names listed without separators in the source, whose
 * spaces were lost): training sees them as if white space stood between. */
static void split_touching(bio_corpus *cp)
{
    size_t n0 = cp->n;
    for (size_t k = 0; k < n0; k++) {
        size_t at = 0;
        for (size_t i = 1; i < cp->s[k].n; i++)
            if (!ner_trans_ok(cp->s[k].gold[i - 1], cp->s[k].gold[i])) { at = i; break; }
        if (!at) continue;
        sent *s = &cp->s[k], rest = *s;   /* rest shares s's arrays */
        rest.n = s->n - at;
        rest.c = s->c + at;
        rest.gold = s->gold + at;
        rest.off = s->off + at;
        s->n = at;
        if (cp->n == cp->cap) {
            cp->cap *= 2;
            cp->s = xrealloc(cp->s, cp->cap * sizeof *cp->s);
        }
        cp->s[cp->n++] = rest;
        n0 = cp->n;   /* the rest may need cutting again */
    }
}

/* ---- word boundaries ---- */

/* Word starts come from the segmenter (segment.h, with the shipped
 * lexicon), exactly as crossread passes its tokens to ner_tag_words; with
 * --icu-words from ner_seg_words instead (the ner_tag fallback). */
static int opt_icu_words;
static lexicon *seg_lx;
static ner_seg *icu_seg;

/* Byte offsets of the segmenter's token starts in text[0..len); *n set.
 * The caller frees the array. */
static uint32_t *seg_starts(const char *text, size_t len, size_t *n)
{
    cr_error e;
    cr_error_clear(&e);
    if (!seg_lx) {
        seg_lx = lexicon_new();
        if (!seg_lx || lexicon_load_default(seg_lx, &e)) die("cannot load the lexicon");
    }
    doc d;
    memset(&d, 0, sizeof d);
    arena_init(&d.arena);
    arena_init(&d.tok_arena);
    d.text = arena_strndup(&d.arena, text, len);
    d.text_len = (uint32_t)len;
    if (!d.text || segment_document(&d, seg_lx, &e)) die("segmenter failed");
    uint32_t *w = xmalloc((d.n_tokens + 1) * sizeof *w);
    for (size_t i = 0; i < d.n_tokens; i++)
        w[i] = d.tokens[i].start;
    *n = d.n_tokens;
    arena_free(&d.tok_arena);
    arena_free(&d.arena);
    return w;
}

/* Fill the word fields of s's characters. */
static void set_words(sent *s)
{
    if (opt_icu_words) {
        cr_error e;
        cr_error_clear(&e);
        if (!icu_seg && !(icu_seg = ner_seg_open(&e))) die(e.msg);
        if (ner_seg_words(icu_seg, s->c, s->n, &e)) die(e.msg);
        return;
    }
    size_t nw;
    uint32_t *w = seg_starts(s->text, s->off[s->n], &nw);
    uint8_t *st = xmalloc(s->n + 1);
    memset(st, 0, s->n + 1);
    size_t k = 0;
    for (size_t i = 0; i < nw; i++) {
        while (k < s->n && s->off[k] < w[i]) k++;
        if (k < s->n && s->off[k] == w[i]) st[k] = 1;
    }
    st[0] = 1;
    ner_words_mark(s->c, s->n, st);
    free(st);
    free(w);
}

/* ---- learned character classes ---- */

typedef struct kcount { uint32_t key; uint32_t total, bper, iper, eorg, eloc, longname; } kcount;

static int cmp_kcount(const void *a, const void *b)
{
    uint32_t x = ((const kcount *)a)->key, y = ((const kcount *)b)->key;
    return x < y ? -1 : x > y;
}

static double opt_min_count = 2, opt_min_ratio = 0.05;

static ner_class *learn_classes(bio_corpus *cp, size_t *out_n)
{
    size_t total = 0;
    for (size_t i = 0; i < cp->n; i++) total += cp->s[i].n;
    kcount *k = xmalloc(total * sizeof *k);
    size_t nk = 0;
    for (size_t i = 0; i < cp->n; i++) {
        sent *s = &cp->s[i];
        for (size_t j = 0; j < s->n; j++) {
            kcount *c = &k[nk++];
            memset(c, 0, sizeof *c);
            c->key = s->c[j].key;
            c->total = 1;
            int t = s->gold[j], type = t ? NER_TAG_TYPE(t) : -1;
            int pos = t ? NER_TAG_POS(t) : -1;
            int first = pos == NER_POS_B || pos == NER_POS_S;
            int last = pos == NER_POS_E || pos == NER_POS_S;
            c->bper = type == NER_PER && first;
            c->iper = type == NER_PER && !first;
            c->eorg = type == NER_ORG && last;
            c->eloc = type == NER_LOC && last;
            /* inside a PER or LOC of 4+ chars: mostly transliterations */
            size_t a = j, b = j;
            while (a > 0 && t && NER_TAG_POS(s->gold[a]) != NER_POS_B &&
                   NER_TAG_POS(s->gold[a]) != NER_POS_S) a--;
            while (b + 1 < s->n && t && NER_TAG_POS(s->gold[b]) != NER_POS_E &&
                   NER_TAG_POS(s->gold[b]) != NER_POS_S) b++;
            c->longname = (type == NER_PER || type == NER_LOC) && b - a + 1 >= 4;
        }
    }
    qsort(k, nk, sizeof *k, cmp_kcount);
    ner_class *cls = xmalloc(nk * sizeof *cls);
    size_t nc = 0;
    for (size_t i = 0; i < nk;) {
        kcount sum = k[i];
        size_t j = i + 1;
        for (; j < nk && k[j].key == k[i].key; j++) {
            sum.total += k[j].total; sum.bper += k[j].bper; sum.iper += k[j].iper;
            sum.eorg += k[j].eorg; sum.eloc += k[j].eloc; sum.longname += k[j].longname;
        }
        i = j;
        uint8_t bits = 0;
#define CLS(field, bit) \
        if (sum.field >= opt_min_count && sum.field >= opt_min_ratio * sum.total) bits |= bit
        CLS(bper, NER_CLS_SURNAME);
        CLS(eorg, NER_CLS_ORG_END);
        CLS(eloc, NER_CLS_LOC_END);
        CLS(iper, NER_CLS_PER_IN);
        CLS(longname, NER_CLS_FOREIGN);
#undef CLS
        if (bits) cls[nc++] = (ner_class){sum.key, bits};
    }
    free(k);
    *out_n = nc;
    return cls;
}

static void apply_classes(bio_corpus *cp, const ner_class *cls, size_t nc)
{
    for (size_t i = 0; i < cp->n; i++)
        for (size_t j = 0; j < cp->s[i].n; j++) {
            ner_char *c = &cp->s[i].c[j];
            size_t lo = 0, hi = nc;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cls[mid].key < c->key) lo = mid + 1; else hi = mid;
            }
            c->cls = lo < nc && cls[lo].key == c->key ? cls[lo].cls : 0;
        }
}

/* ---- feature index: hash -> dense id ---- */

typedef struct findex {
    uint64_t *key;    /* 0 = empty (a real hash of 0 is remapped to 1) */
    uint32_t *id;
    size_t slots, n;
    uint64_t *hash;   /* hash of each id */
    size_t hcap;
} findex;

static uint32_t findex_get(findex *fx, uint64_t h, int add)
{
    if (!h) h = 1;
    if (fx->n * 2 >= fx->slots) {   /* grow */
        size_t ns = fx->slots ? fx->slots * 2 : 1 << 20;
        uint64_t *nk = xmalloc(ns * sizeof *nk);
        uint32_t *ni = xmalloc(ns * sizeof *ni);
        for (size_t i = 0; i < fx->slots; i++)
            if (fx->key[i]) {
                size_t s = fx->key[i] & (ns - 1);
                while (nk[s]) s = (s + 1) & (ns - 1);
                nk[s] = fx->key[i];
                ni[s] = fx->id[i];
            }
        free(fx->key); free(fx->id);
        fx->key = nk; fx->id = ni; fx->slots = ns;
    }
    size_t s = h & (fx->slots - 1);
    while (fx->key[s]) {
        if (fx->key[s] == h) return fx->id[s];
        s = (s + 1) & (fx->slots - 1);
    }
    if (!add) return UINT32_MAX;
    if (fx->n == fx->hcap) {
        fx->hcap = fx->hcap ? fx->hcap * 2 : 1 << 20;
        fx->hash = xrealloc(fx->hash, fx->hcap * sizeof *fx->hash);
    }
    fx->key[s] = h;
    fx->id[s] = (uint32_t)fx->n;
    fx->hash[fx->n] = h;
    return (uint32_t)fx->n++;
}

/* Templates used (bit f: template f); --drop clears bits. */
static uint32_t opt_templates = 0xFFFFFFFFu;

static void index_features(bio_corpus *cp, findex *fx, int add)
{
    for (size_t i = 0; i < cp->n; i++) {
        sent *s = &cp->s[i];
        free(s->feat);
        s->feat = xmalloc(s->n * NF * sizeof *s->feat);
        for (size_t j = 0; j < s->n; j++) {
            uint64_t h[NF];
            ner_features(s->c, s->n, j, h);
            for (int f = 0; f < NF; f++)
                s->feat[j * NF + f] = opt_templates >> f & 1 ? findex_get(fx, h[f], add)
                                                             : UINT32_MAX;
        }
    }
}

/* Drop features seen fewer than min times in training (tr): their ids
 * become UINT32_MAX in tr and dev, and the kept ids are renumbered. */
static void prune_rare(findex *fx, bio_corpus *tr, bio_corpus *dev, int min)
{
    uint32_t *cnt = xmalloc(fx->n * sizeof *cnt);
    for (size_t i = 0; i < tr->n; i++)
        for (size_t j = 0; j < tr->s[i].n * NF; j++)
            if (tr->s[i].feat[j] != UINT32_MAX) cnt[tr->s[i].feat[j]]++;
    size_t k = 0;
    for (size_t f = 0; f < fx->n; f++) {
        if (cnt[f] >= (uint32_t)min) {
            fx->hash[k] = fx->hash[f];
            cnt[f] = (uint32_t)k++;
        } else {
            cnt[f] = UINT32_MAX;
        }
    }
    bio_corpus *cs[2] = {tr, dev};
    for (int c = 0; c < 2; c++)
        for (size_t i = 0; i < cs[c]->n; i++)
            for (size_t j = 0; j < cs[c]->s[i].n * NF; j++) {
                uint32_t *id = &cs[c]->s[i].feat[j];
                if (*id != UINT32_MAX) *id = cnt[*id];
            }
    fx->n = k;
    free(cnt);
}

/* ---- perceptron ---- */

typedef struct model {
    size_t nf;
    double *w;        /* current weights nf*NT, then trans (NT+1)*NT */
    double *u;        /* sum of c * update, for averaging */
    double *avg;      /* averaged weights (same layout) */
    float *g2;        /* CRF only: AdaGrad's sum of squared gradients */
    double c;
} model;

static int forbidden(int p, int t) { return !ner_trans_ok(p, t); }

static void decode(const double *w, size_t nf, const sent *s, uint8_t *out,
                   double *sc, uint8_t *bp)
{
    const double *tr = w + nf * NT;
    size_t n = s->n;
    for (size_t i = 0; i < n; i++) {
        double em[NT] = {0};
        for (int f = 0; f < NF; f++) {
            uint32_t id = s->feat[i * NF + f];
            if (id == UINT32_MAX) continue;
            const double *x = w + (size_t)id * NT;
            for (int t = 0; t < NT; t++) em[t] += x[t];
        }
        for (int t = 0; t < NT; t++) {
            if (i == 0) {
                sc[t] = forbidden(NT, t) ? -INFINITY : tr[NT * NT + t] + em[t];
                continue;
            }
            double best = -INFINITY;
            int b = 0;
            for (int p = 0; p < NT; p++) {
                if (forbidden(p, t)) continue;
                double v = sc[(i - 1) * NT + p] + tr[p * NT + t];
                if (v > best) { best = v; b = p; }
            }
            sc[i * NT + t] = best + em[t];
            bp[i * NT + t] = (uint8_t)b;
        }
    }
    int bt = 0;
    for (int t = 1; t < NT; t++)
        if (!forbidden(t, NT) && sc[(n - 1) * NT + t] > sc[(n - 1) * NT + bt]) bt = t;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)bt;
        if (i) bt = bp[i * NT + bt];
    }
}

static void upd(model *m, size_t idx, double d)
{
    m->w[idx] += d;
    m->u[idx] += m->c * d;
}

static void train_sent(model *m, const sent *s, uint8_t *pred, double *sc,
                       uint8_t *bp)
{
    decode(m->w, m->nf, s, pred, sc, bp);
    size_t trans = m->nf * NT;
    for (size_t i = 0; i < s->n; i++) {
        int g = s->gold[i], p = pred[i];
        if (g != p)
            for (int f = 0; f < NF; f++) {
                uint32_t id = s->feat[i * NF + f];
                if (id == UINT32_MAX) continue;
                upd(m, (size_t)id * NT + g, 1);
                upd(m, (size_t)id * NT + p, -1);
            }
        int gp = i ? s->gold[i - 1] : NT, pp = i ? pred[i - 1] : NT;
        if (g != p || gp != pp) {
            upd(m, trans + gp * NT + g, 1);
            upd(m, trans + pp * NT + p, -1);
        }
    }
    m->c += 1;
}

/* One stochastic gradient step of a linear-chain CRF (log-likelihood of
 * the gold tags; forbidden transitions excluded) with step lr. buf needs
 * 3 * n * NT doubles. */
static double logsumexp(const double *v, int k)
{
    double mx = -INFINITY;
    for (int i = 0; i < k; i++) if (v[i] > mx) mx = v[i];
    if (mx == -INFINITY) return mx;
    double sum = 0;
    for (int i = 0; i < k; i++) sum += exp(v[i] - mx);
    return mx + log(sum);
}

/* AdaGrad step: each weight's step shrinks with its own gradient history,
 * so shared features (bias, types) and rare n-grams both learn well. */
static void agd(model *m, size_t idx, double lr, double g)
{
    m->g2[idx] += (float)(g * g);
    upd(m, idx, lr * g / sqrt(m->g2[idx] + 1e-6));
}

static void crf_sent(model *m, const sent *s, double lr, double *buf)
{
    size_t n = s->n, trans = m->nf * NT;
    const double *tr = m->w + trans;
    double *em = buf, *al = buf + n * NT, *be = buf + 2 * n * NT, v[NT];
    double tg[(NT + 1) * NT] = {0};
    for (size_t i = 0; i < n; i++) {
        double *e = em + i * NT;
        for (int t = 0; t < NT; t++) e[t] = 0;
        for (int f = 0; f < NF; f++) {
            if (s->feat[i * NF + f] == UINT32_MAX) continue;
            const double *x = m->w + (size_t)s->feat[i * NF + f] * NT;
            for (int t = 0; t < NT; t++) e[t] += x[t];
        }
    }
    for (int t = 0; t < NT; t++)
        al[t] = forbidden(NT, t) ? -INFINITY : tr[NT * NT + t] + em[t];
    for (size_t i = 1; i < n; i++)
        for (int t = 0; t < NT; t++) {
            for (int p = 0; p < NT; p++)
                v[p] = forbidden(p, t) ? -INFINITY : al[(i - 1) * NT + p] + tr[p * NT + t];
            al[i * NT + t] = logsumexp(v, NT) + em[i * NT + t];
        }
    for (int t = 0; t < NT; t++)
        be[(n - 1) * NT + t] = forbidden(t, NT) ? -INFINITY : 0;
    for (size_t i = n - 1; i > 0; i--)
        for (int p = 0; p < NT; p++) {
            for (int t = 0; t < NT; t++)
                v[t] = forbidden(p, t) ? -INFINITY
                                       : tr[p * NT + t] + em[i * NT + t] + be[i * NT + t];
            be[(i - 1) * NT + p] = logsumexp(v, NT);
        }
    for (int t = 0; t < NT; t++) v[t] = al[(n - 1) * NT + t] + be[(n - 1) * NT + t];
    double logz = logsumexp(v, NT);
    for (size_t i = 0; i < n; i++) {
        double g[NT];
        for (int t = 0; t < NT; t++)
            g[t] = (s->gold[i] == t) - exp(al[i * NT + t] + be[i * NT + t] - logz);
        for (int f = 0; f < NF; f++) {
            if (s->feat[i * NF + f] == UINT32_MAX) continue;
            size_t id = (size_t)s->feat[i * NF + f] * NT;
            for (int t = 0; t < NT; t++)
                if (g[t] > 1e-6 || g[t] < -1e-6) agd(m, id + t, lr, g[t]);
        }
        /* transitions into i: gradient summed here, applied below */
        int gp = i ? s->gold[i - 1] : NT;
        tg[gp * NT + s->gold[i]] += 1;
        if (i == 0) {
            for (int t = 0; t < NT; t++)
                if (!forbidden(NT, t))
                    tg[NT * NT + t] -= exp(al[t] + be[t] - logz);
            continue;
        }
        for (int p = 0; p < NT; p++)
            for (int t = 0; t < NT; t++) {
                if (forbidden(p, t)) continue;
                tg[p * NT + t] -= exp(al[(i - 1) * NT + p] + tr[p * NT + t] +
                                      em[i * NT + t] + be[i * NT + t] - logz);
            }
    }
    for (int k = 0; k < (NT + 1) * NT; k++)
        if (tg[k] != 0) agd(m, trans + k, lr, tg[k]);
    m->c += 1;
}

/* Averaged weights; feature rows whose largest weight is below prune in
 * magnitude are zeroed (they are left out of the model file). */
static void average(model *m, double prune)
{
    size_t len = m->nf * NT + (NT + 1) * NT;
    for (size_t i = 0; i < len; i++)
        m->avg[i] = m->w[i] - m->u[i] / m->c;
    for (size_t f = 0; prune > 0 && f < m->nf; f++) {
        double mx = 0;
        for (int t = 0; t < NT; t++)
            if (fabs(m->avg[f * NT + t]) > mx) mx = fabs(m->avg[f * NT + t]);
        if (mx < prune)
            for (int t = 0; t < NT; t++) m->avg[f * NT + t] = 0;
    }
}

/* ---- evaluation (entity level) ---- */

typedef struct prf { long gold[3], pred[3], ok[3]; } prf;

/* Entities of a tag sequence, as (type, start, end) triples appended. */
static size_t entities(const uint8_t *t, size_t n, size_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int pos = t[i] ? NER_TAG_POS(t[i]) : -1;
        if (pos != NER_POS_B && pos != NER_POS_S) { i++; continue; }
        size_t j = i + 1;
        if (pos == NER_POS_B) {
            while (j < n && t[j] == t[i] + NER_POS_I) j++;
            if (j < n) j++;
        }
        out[k * 3] = (size_t)NER_TAG_TYPE(t[i]);
        out[k * 3 + 1] = i;
        out[k * 3 + 2] = j;
        k++;
        i = j;
    }
    return k;
}

static void score(prf *r, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    size_t *g = xmalloc(n * 3 * sizeof *g), *p = xmalloc(n * 3 * sizeof *p);
    size_t ng = entities(gold, n, g), np = entities(pred, n, p);
    for (size_t i = 0; i < ng; i++) r->gold[g[i * 3]]++;
    for (size_t i = 0; i < np; i++) {
        r->pred[p[i * 3]]++;
        for (size_t j = 0; j < ng; j++)
            if (!memcmp(p + i * 3, g + j * 3, 3 * sizeof *p)) { r->ok[p[i * 3]]++; break; }
    }
    free(g); free(p);
}

static void print_prf(FILE *out, const prf *r)
{
    static const char *names[3] = {"PER", "ORG", "LOC"};
    for (int t = 0; t < 3; t++) {
        double P = r->pred[t] ? (double)r->ok[t] / r->pred[t] : 0;
        double R = r->gold[t] ? (double)r->ok[t] / r->gold[t] : 0;
        double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
        fprintf(out, "  %s P %.3f R %.3f F %.3f", names[t], P, R, F);
    }
    fprintf(out, "\n");
}

/* ---- commands ---- */

static void shuffle(size_t *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)((*rng >> 33) % i);
        size_t t = a[i - 1]; a[i - 1] = a[j]; a[j] = t;
    }
}

typedef struct opts {
    int epochs, folds, rep0;   /* rep0: times each sentence of file 1 is seen per epoch */
    double crf;                /* > 0: train a CRF by averaged SGD with this step */
    int min_count;             /* drop features seen fewer times in training */
    double prune;
    const char *out;
} opts;

/* Train on tr; score dev after each epoch into r[epoch] (r[src][epoch]) */
static void run(const opts *o, bio_corpus *tr, bio_corpus *dev, prf (*r)[64],
                const char *out)
{
    size_t nclass;
    ner_class *cls = learn_classes(tr, &nclass);
    apply_classes(tr, cls, nclass);
    apply_classes(dev, cls, nclass);
    findex fx = {0};
    index_features(tr, &fx, 1);
    index_features(dev, &fx, 0);
    if (o->min_count > 1)
        prune_rare(&fx, tr, dev, o->min_count);
    size_t maxn = 1, chars = 0;
    for (size_t i = 0; i < tr->n; i++) {
        if (tr->s[i].n > maxn) maxn = tr->s[i].n;
        chars += tr->s[i].n;
    }
    for (size_t i = 0; i < dev->n; i++)
        if (dev->s[i].n > maxn) maxn = dev->s[i].n;
    fprintf(stderr, "train_ner: %zu training sentences (%zu chars), %zu held out, "
            "%zu features, %zu classed chars\n", tr->n, chars, dev->n, fx.n, nclass);

    model m = {0};
    m.nf = fx.n;
    size_t len = m.nf * NT + (NT + 1) * NT;
    m.w = xmalloc(len * sizeof *m.w);
    m.u = xmalloc(len * sizeof *m.u);
    m.avg = xmalloc(len * sizeof *m.avg);
    if (o->crf > 0) m.g2 = xmalloc(len * sizeof *m.g2);
    m.c = 1;
    uint8_t *pred = xmalloc(maxn), *bp = xmalloc(maxn * NT);
    double *sc = xmalloc(maxn * NT * sizeof *sc);
    double *buf = xmalloc(3 * maxn * NT * sizeof *buf);
    int rep = o->rep0 > 1 ? o->rep0 : 1;
    size_t *order = xmalloc(tr->n * rep * sizeof *order), norder = 0;
    for (size_t i = 0; i < tr->n; i++)
        for (int r = 0; r < (tr->s[i].src == 0 ? rep : 1); r++)
            order[norder++] = i;
    uint64_t rng = 42;
    for (int ep = 1; ep <= o->epochs; ep++) {
        shuffle(order, norder, &rng);
        for (size_t i = 0; i < norder; i++)
            if (o->crf > 0)
                crf_sent(&m, &tr->s[order[i]], o->crf, buf);
            else
                train_sent(&m, &tr->s[order[i]], pred, sc, bp);
        if (dev->n) {
            average(&m, o->prune);
            for (size_t i = 0; i < dev->n; i++) {
                decode(m.avg, m.nf, &dev->s[i], pred, sc, bp);
                score(&r[dev->s[i].src < 4 ? dev->s[i].src : 3][ep], dev->s[i].gold,
                      pred, dev->s[i].n);
            }
        }
    }
    if (out) {
        average(&m, o->prune);
        float *wf = xmalloc(m.nf * NT * sizeof *wf);
        float trans[(NT + 1) * NT];
        size_t kept = 0;
        for (size_t i = 0; i < m.nf * NT; i++)
            wf[i] = (float)m.avg[i];
        for (size_t f = 0; f < m.nf; f++)
            for (int t = 0; t < NT; t++)
                if (wf[f * NT + t] != 0) { kept++; break; }
        for (int i = 0; i < (NT + 1) * NT; i++) trans[i] = (float)m.avg[m.nf * NT + i];
        cr_error e;
        cr_error_clear(&e);
        if (ner_model_write(out, trans, fx.hash, wf, m.nf, cls, nclass, opt_templates, &e)) {
            char buf[1200];
            cr_error_format(&e, buf, sizeof buf);
            die(buf);
        }
        fprintf(stderr, "train_ner: wrote %s (%zu features kept)\n", out, kept);
        free(wf);
    }
    free(m.w); free(m.u); free(m.avg); free(m.g2); free(pred); free(bp); free(sc); free(order); free(buf);
    free(fx.key); free(fx.id); free(fx.hash); free(cls);
}

static void add(bio_corpus *to, const sent *s)
{
    if (to->n == to->cap) {
        to->cap = to->cap ? to->cap * 2 : 1024;
        to->s = xrealloc(to->s, to->cap * sizeof *to->s);
    }
    to->s[to->n++] = *s;
}

static int cmd_train(int argc, char **argv)
{
    opts o = {.epochs = 8, .rep0 = 1, .crf = 0.1, .prune = 0.1, .out = "ner.model"};
    bio_corpus all = {0};
    int nsrc = 0;
    const char *files[4] = {0}, *devfile = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-e") && i + 1 < argc) o.epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) o.out = argv[++i];
        else if (!strcmp(argv[i], "--cv") && i + 1 < argc) o.folds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rep0") && i + 1 < argc) o.rep0 = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--crf") && i + 1 < argc) o.crf = atof(argv[++i]);
        else if (!strcmp(argv[i], "--perceptron")) o.crf = 0;
        else if (!strcmp(argv[i], "--min-count") && i + 1 < argc) o.min_count = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--dev") && i + 1 < argc) devfile = argv[++i];
        else if (!strcmp(argv[i], "--prune") && i + 1 < argc) o.prune = atof(argv[++i]);
        else if (!strcmp(argv[i], "--cls-count") && i + 1 < argc) opt_min_count = atof(argv[++i]);
        else if (!strcmp(argv[i], "--cls-ratio") && i + 1 < argc) opt_min_ratio = atof(argv[++i]);
        else if (!strcmp(argv[i], "--icu-words")) opt_icu_words = 1;
        else if (!strcmp(argv[i], "--drop") && i + 1 < argc) {
            for (char *q = argv[++i]; *q;) {
                char *end;
                long f = strtol(q, &end, 10);
                if (end == q || f < 0 || f >= NF) die("--drop: template numbers 0..31");
                opt_templates &= ~(1u << f);
                q = *end == ',' ? end + 1 : end;
                if (*end && *end != ',') die("--drop: a comma-separated list");
            }
        }
        else {
            if (nsrc < 4) files[nsrc] = argv[i];
            read_bio(argv[i], &all, 1, nsrc++);
        }
    }
    if (all.n == 0) die("no training sentences");
    for (size_t i = 0; i < all.n; i++)
        set_words(&all.s[i]);
    if (o.epochs < 1 || o.epochs > 63) die("epochs must be 1..63");
    for (size_t i = 0; i < all.n; i++)
        bio_to_tags(&all.s[i]);
    split_touching(&all);
    if (devfile) {   /* train on all, score devfile after each epoch */
        bio_corpus dev = {0};
        read_bio(devfile, &dev, 1, 0);
        for (size_t i = 0; i < dev.n; i++) {
            bio_to_tags(&dev.s[i]);
            set_words(&dev.s[i]);
        }
        split_touching(&dev);
        static prf r[4][64];
        run(&o, &all, &dev, r, o.out);
        for (int ep = 1; ep <= o.epochs; ep++) {
            fprintf(stderr, "epoch %2d", ep);
            print_prf(stderr, &r[0][ep]);
        }
        return 0;
    }
    if (o.folds < 2) {
        bio_corpus none = {0};
        run(&o, &all, &none, NULL, o.out);
        return 0;
    }
    /* Cross-validation: sentences i with i % folds == f are fold f's held-out
     * part; report F1 summed over folds after each epoch, per source file. */
    static prf r[4][64];
    for (int f = 0; f < o.folds; f++) {
        bio_corpus tr = {0}, dev = {0};
        for (size_t i = 0; i < all.n; i++)
            add((int)(i % (size_t)o.folds) == f ? &dev : &tr, &all.s[i]);
        run(&o, &tr, &dev, r, NULL);
        free(tr.s); free(dev.s);
    }
    for (int src = 0; src < nsrc && src < 4; src++) {
        fprintf(stderr, "held-out sentences from file %d (%s):\n", src + 1, files[src]);
        for (int ep = 1; ep <= o.epochs; ep++) {
            fprintf(stderr, "epoch %2d", ep);
            print_prf(stderr, &r[src][ep]);
        }
    }
    return 0;
}

static ner_model *load(const char *path)
{
    cr_error e;
    cr_error_clear(&e);
    ner_model *m = ner_load(path, &e);
    if (!m) {
        char buf[1200];
        cr_error_format(&e, buf, sizeof buf);
        die(buf);
    }
    return m;
}

typedef struct tagctx { const sent *s; uint8_t *tags; long spans; FILE *log; size_t idx; } tagctx;

static int on_span(const ner_span *sp, void *vctx)
{
    tagctx *c = vctx;
    c->spans++;
    if (!c->tags) return 0;
    size_t a = 0;
    while (a < c->s->n && c->s->off[a] < sp->start) a++;
    if (c->log) {
        size_t b = a;
        while (b < c->s->n && c->s->off[b] < sp->end) b++;
        fprintf(c->log, "%zu\t%zu\t%zu\t%s\t%.3f\n", c->idx, a, b,
                ner_type_name(sp->type), sp->score);
    }
    for (size_t i = a; i < c->s->n && c->s->off[i] < sp->end; i++)
        c->tags[i] = (uint8_t)(i == a ? 1 + 2 * sp->type : 2 + 2 * sp->type);   /* BIO */
    return 0;
}

/* Each character of s in Traditional script (ICU Simplified-Traditional,
 * one character at a time so offsets stay aligned; a character whose
 * conversion is not one character is kept). Fills a new text and offsets. */
static void to_hant(UTransliterator *tr, const sent *s, char **text, uint32_t **off)
{
    *text = xmalloc(s->n * 4 + 1);
    *off = xmalloc((s->n + 1) * sizeof **off);
    size_t len = 0;
    for (size_t j = 0; j < s->n; j++) {
        (*off)[j] = (uint32_t)len;
        const char *src = s->text + s->off[j];
        int32_t sl = (int32_t)(s->off[j + 1] - s->off[j]), k = 0;
        UChar32 c;
        U8_NEXT((const uint8_t *)src, k, sl, c);
        UChar u[16];
        int32_t ul = 0, lim;
        UBool err = 0;
        U16_APPEND(u, ul, 16, c, err);
        UErrorCode st = U_ZERO_ERROR;
        lim = ul;
        utrans_transUChars(tr, u, &ul, 16, 0, &lim, &st);
        UChar32 d = -1;
        if (U_SUCCESS(st) && !err && ul > 0) {
            int32_t q = 0;
            U16_NEXT(u, q, ul, d);
            if (q != ul) d = -1;
        }
        if (d < 0) {
            memcpy(*text + len, src, (size_t)sl);
            len += (size_t)sl;
        } else {
            size_t w = 0;
            U8_APPEND_UNSAFE((uint8_t *)*text + len, w, d);
            len += w;
        }
    }
    (*off)[s->n] = (uint32_t)len;
}

static int cmd_tag(int argc, char **argv)
{
    int hant = 0;
    FILE *log = NULL;
    for (;;) {
        if (argc > 0 && !strcmp(argv[0], "--hant")) { hant = 1; argc--; argv++; }
        else if (argc > 0 && !strcmp(argv[0], "--icu-words")) { opt_icu_words = 1; argc--; argv++; }
        else if (argc > 1 && !strcmp(argv[0], "--spans")) {
            if (!(log = fopen(argv[1], "w"))) die("cannot write --spans file");
            argc -= 2; argv += 2;
        } else break;
    }
    if (argc != 2) die("usage: train_ner tag [--hant] MODEL FILE");
    ner_model *m = load(argv[0]);
    bio_corpus cp = {0};
    read_bio(argv[1], &cp, 0, 0);   /* whole sentences, as given */
    UTransliterator *tr = NULL;
    if (hant) {
        UErrorCode st = U_ZERO_ERROR;
        UChar id[64];
        u_uastrcpy(id, "Simplified-Traditional");
        tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st)) die("cannot open ICU Simplified-Traditional");
    }
    cr_error e;
    for (size_t i = 0; i < cp.n; i++) {
        sent *s = &cp.s[i], h = *s;
        if (hant)   /* tag the Traditional text, print the original */
            to_hant(tr, s, &h.text, &h.off);
        uint8_t *tags = xmalloc(s->n);
        tagctx ctx = {&h, tags, 0, log, i};
        cr_error_clear(&e);
        size_t nw = 0;
        uint32_t *w = opt_icu_words ? NULL : seg_starts(h.text, h.off[h.n], &nw);
        if (ner_tag_words(m, h.text, h.off[h.n], w, nw, on_span, &ctx, &e)) die(e.msg);
        free(w);
        for (size_t j = 0; j < s->n; j++)
            printf("%.*s %s\n", (int)(s->off[j + 1] - s->off[j]), s->text + s->off[j],
                   BIO[tags[j]]);
        printf("\n");
        free(tags);
        if (hant) { free(h.text); free(h.off); }
    }
    if (tr) utrans_close(tr);
    if (log) fclose(log);
    ner_free(m);
    return 0;
}

/* A whole file, NUL-terminated; its length in *len. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open an input file");
    size_t cap = 1 << 16, got;
    char *text = xmalloc(cap);
    *len = 0;
    while ((got = fread(text + *len, 1, cap - *len - 1, f)) > 0)
        if ((*len += got) == cap - 1) text = xrealloc(text, cap *= 2);
    fclose(f);
    text[*len] = '\0';
    return text;
}

static int cmd_speed(int argc, char **argv)
{
    if (argc > 0 && !strcmp(argv[0], "--icu-words")) { opt_icu_words = 1; argc--; argv++; }
    if (argc < 2) die("usage: train_ner speed [--icu-words] MODEL FILE [MB]");
    double want = argc > 2 ? atof(argv[2]) : 20;
    ner_model *m = load(argv[0]);
    bio_corpus cp = {0};
    DIR *dir = opendir(argv[1]);
    if (dir) {   /* whole documents: only text and its length are used */
        struct dirent *de;
        while ((de = readdir(dir))) {
            size_t nl = strlen(de->d_name);
            if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt")) continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[1], de->d_name);
            sent s = {0};
            s.text = read_file(path, &s.n);
            s.off = xmalloc(sizeof *s.off);
            s.off[0] = (uint32_t)s.n;
            s.n = 0;
            if (cp.n == cp.cap) {
                cp.cap = cp.cap ? 2 * cp.cap : 256;
                cp.s = xrealloc(cp.s, cp.cap * sizeof *cp.s);
            }
            cp.s[cp.n++] = s;
        }
        closedir(dir);
    } else {
        read_bio(argv[1], &cp, 0, 0);
    }
    /* the segmenter's words, found before the clock starts: crossread has
     * them already when it tags */
    uint32_t **w = xmalloc(cp.n * sizeof *w);
    size_t *nw = xmalloc(cp.n * sizeof *nw);
    for (size_t i = 0; i < cp.n; i++) {
        nw[i] = 0;
        w[i] = opt_icu_words ? NULL : seg_starts(cp.s[i].text, cp.s[i].off[cp.s[i].n], &nw[i]);
    }
    size_t bytes = 0, calls = 0, total = 0;
    for (size_t i = 0; i < cp.n; i++)
        total += cp.s[i].off[cp.s[i].n];
    if (total == 0) die("no text to tag");
    long spans = 0;
    cr_error e;
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    while (bytes < want * 1e6) {
        for (size_t i = 0; i < cp.n; i++) {
            tagctx ctx = {&cp.s[i], NULL, 0, NULL, 0};
            if (ner_tag_words(m, cp.s[i].text, cp.s[i].off[cp.s[i].n], w[i], nw[i],
                              on_span, &ctx, &e))
                die(e.msg);
            bytes += cp.s[i].off[cp.s[i].n];
            spans += ctx.spans;
            calls++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    double sec = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpu = (double)(c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
    /* CPU time is what one core spends; wall time also counts waiting for
     * a core on a busy machine */
    printf("%.1f MB in %zu calls, %ld spans: %.2f s CPU, %.2f MB/s per core "
           "(wall %.2f s, %.2f MB/s)\n", bytes / 1e6, calls, spans, cpu,
           bytes / 1e6 / cpu, sec, bytes / 1e6 / sec);
    ner_free(m);
    return 0;
}

typedef struct spanctx { const char *file; long spans; } spanctx;

static int print_span(const ner_span *sp, void *vctx)
{
    spanctx *c = vctx;
    c->spans++;
    printf("%s\t%zu\t%zu\t%s\t%a\n", c->file, sp->start, sp->end,
           ner_type_name(sp->type), (double)sp->score);
    return 0;
}

static int cmd_spans(int argc, char **argv)
{
    if (argc > 0 && !strcmp(argv[0], "--icu-words")) { opt_icu_words = 1; argc--; argv++; }
    if (argc < 2) die("usage: train_ner spans [--icu-words] MODEL FILE...");
    ner_model *m = load(argv[0]);
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *text = read_file(argv[i], &len);
        size_t nw = 0;
        uint32_t *w = opt_icu_words ? NULL : seg_starts(text, len, &nw);
        spanctx ctx = {argv[i], 0};
        cr_error e;
        cr_error_clear(&e);
        if (ner_tag_words(m, text, len, w, nw, print_span, &ctx, &e)) die(e.msg);
        free(w);
        free(text);
    }
    ner_free(m);
    return 0;
}

/* ---- pieces: how much of the text a perfect gate could spare the tagger */

typedef struct pspan { size_t start, end; } pspan;
typedef struct piecectx { pspan *v; size_t n, cap; } piecectx;

static int keep_name_span(const ner_span *sp, void *vctx)
{
    piecectx *c = vctx;
    if (sp->type == NER_LOC)   /* crossread entities ignores LOC spans */
        return 0;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = (pspan){sp->start, sp->end};
    return 0;
}

/* Cuts the text into the tagger's pieces (ner_char_break: white space
 * ends a piece and is dropped, 。!? end one after themselves; the rare cut
 * at NER_MAX_SEQ is ignored) and counts the characters of pieces that hold
 * a person or organisation span of the tagger's own output, i.e. the work
 * left if a perfect, free gate ran the tagger only where it finds one. */
static int cmd_pieces(int argc, char **argv)
{
    if (argc < 2) die("usage: train_ner pieces MODEL DIR|FILE...");
    ner_model *m = load(argv[0]);
    long chars = 0, pieces = 0, kept_chars = 0, kept_pieces = 0, span_chars = 0;
    for (int a = 1; a < argc; a++) {
        DIR *dir = opendir(argv[a]);
        struct dirent *de = NULL;
        for (;;) {
            char path[4096];
            if (dir) {
                if (!(de = readdir(dir))) break;
                size_t nl = strlen(de->d_name);
                if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt")) continue;
                snprintf(path, sizeof path, "%s/%s", argv[a], de->d_name);
            } else {
                snprintf(path, sizeof path, "%s", argv[a]);
            }
            size_t len, nw = 0;
            char *text = read_file(path, &len);
            uint32_t *w = seg_starts(text, len, &nw);
            piecectx pc = {0};
            cr_error e;
            cr_error_clear(&e);
            if (ner_tag_words(m, text, len, w, nw, keep_name_span, &pc, &e)) die(e.msg);
            size_t sp = 0, i = 0, piece_from = 0;
            long piece_n = 0;
            while (i <= len) {
                int brk = NER_BREAK_DROP;   /* the end of the text ends a piece */
                size_t at = i;
                if (i < len) {
                    UChar32 cp;
                    U8_NEXT(text, i, len, cp);
                    ner_char ch;
                    ner_char_init(cp < 0 ? 0xFFFD : cp, &ch);
                    brk = ner_char_break(&ch);
                } else {
                    i++;
                }
                if (brk != NER_BREAK_DROP) {
                    piece_n++;
                    for (size_t k = sp; k < pc.n && pc.v[k].start < i; k++)
                        if (pc.v[k].end > at)
                            span_chars++;
                }
                if (!brk)
                    continue;
                size_t piece_to = brk == NER_BREAK_DROP ? at : i;
                if (piece_n) {
                    int has = 0;
                    while (sp < pc.n && pc.v[sp].start < piece_to) {
                        has |= pc.v[sp].end > piece_from;
                        sp++;
                    }
                    pieces++;
                    chars += piece_n;
                    if (has) { kept_pieces++; kept_chars += piece_n; }
                }
                piece_n = 0;
                piece_from = i;
            }
            free(pc.v);
            free(w);
            free(text);
            if (!dir) break;
        }
        if (dir) closedir(dir);
    }
    printf("%ld characters in %ld pieces; pieces with a person or organisation span: "
           "%ld (%.1f %%) holding %ld characters (%.1f %%); characters inside such spans: "
           "%ld (%.1f %%)\n", chars, pieces, kept_pieces, 100.0 * kept_pieces / (pieces ? pieces : 1),
           kept_chars, 100.0 * kept_chars / (chars ? chars : 1), span_chars,
           100.0 * span_chars / (chars ? chars : 1));
    ner_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "train")) return cmd_train(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "tag")) return cmd_tag(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "speed")) return cmd_speed(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "spans")) return cmd_spans(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "pieces")) return cmd_pieces(argc - 2, argv + 2);
    fprintf(stderr, "usage: train_ner train [options] FILE...   (see tools/train_ner.c)\n"
                    "       train_ner tag [--hant] [--spans OUT.tsv] MODEL FILE\n"
                    "       train_ner speed MODEL FILE [MB]\n"
                    "       train_ner spans [--icu-words] MODEL FILE...\n"
                    "       train_ner pieces MODEL DIR|FILE...\n");
    return 2;
}
