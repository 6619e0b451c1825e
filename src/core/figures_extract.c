/* figures_extract.c — money, percentages, counts and dates in running text.
 *
 * Rules (word lists in data/figure_words.tsv and data/currencies.tsv):
 *
 * - A number is a figure only with something that says what it counts:
 *     a currency word before or after it          -> money
 *     %, 成, 百分之, 個百分點                       -> percent
 *     年 / 月 / 日 in date position                  -> date
 *     a measure word after it (張, 人, 個月)        -> count with that unit
 *   A bare number is a count (unit NULL) only when it has 萬/億/兆 and a
 *   non-zero digit (17億, 6000萬) or thousands separators (1,200): bare
 *   small numbers are model names, scores, ordinals and list items. Money is
 *   never guessed from a verb: 日燒508萬 is a count; the cross-referencer
 *   may still compare it with money of the same value.
 * - Not figures: numbers glued to Latin letters (GPT-4, H100, 5G, 32k),
 *   ordinals (第3季), a Han 一 with a measure word (一個, 一家: too common to
 *   mean anything), and malformed numerals (skipped whole). A numeral too
 *   large to hold exactly is kept with value.overflow set.
 * - Currency: the later, more specific currency wins over a bare 元
 *   (6500萬元美元 is USD). A bare 元 (圓, 塊錢) is decided per document:
 *   if the document's figures name exactly one of CNY, TWD, HKD explicitly
 *   (人民幣, 新台幣, 港元 ...), that one; otherwise CNY in Simplified text
 *   and "unknown" in Traditional text (Taiwan, Hong Kong and mainland
 *   articles converted to Traditional all use 元). Script: doc->script
 *   ("Hans"/"Hant" ...) or, when empty, the share of Traditional-only
 *   characters in the text.
 * - Qualifiers: a word before (約, 超過, 至少 ...) or after (左右, 以上,
 *   多) the figure, 多/餘/幾 inside the numeral (十多萬), or a vague 上萬 /
 *   數千. Ranges: two numbers joined by - ~ 至 到, the first taking the
 *   second's 萬/億 when it has none and is not larger (3-4萬 = 30000-40000);
 *   and neighbouring digits (三四萬人 30000-40000, 十七八歲, 兩三成).
 *   A range keeps no other qualifier.
 * - The mention span covers the qualifier and currency words with the
 *   number, so a reader sees the whole phrase.
 */
#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "entities.h"
#include "figures.h"
#include "figures_int.h"
#include "fold.h"
#include "utf8.h"

enum ftype { FT_NONE, FT_MONEY, FT_PERCENT, FT_COUNT, FT_DATE };
enum { SCRIPT_UNKNOWN, SCRIPT_HANS, SCRIPT_HANT };

typedef struct xctx {
    const figures_data *fd;
    doc *d;
    const char *t;
    size_t n;
    int script;
    int roc;              /* years to add to a bare Taiwan year (民國 era) */
} xctx;

/* What follows one number. */
typedef struct suffix {
    int type;              /* enum ftype, FT_NONE: nothing */
    size_t end;            /* end of everything read */
    const char *iso;       /* money */
    const char *unit;      /* count, percent (pp), date granularity */
    int qual;              /* from the unit or post qualifiers */
    decimal value;         /* adjusted value (percent factor, cheque amount) */
    bool value_set;
    decimal factor;        /* percent: the factor applied (0: none) */
} suffix;

static bool ascii_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_han(int32_t c)
{
    return c >= 0x3400 && ((c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
                           (c >= 0x20000 && c <= 0x3FFFF));
}

static int doc_script(const doc *d)
{
    const char *s = d->script ? d->script : "";
    char low[32];
    size_t k = 0;
    for (; s[k] && k < sizeof low - 1; k++)
        low[k] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
    low[k] = '\0';
    if (strstr(low, "hant") || strstr(low, "trad") || strstr(low, "tw") || strstr(low, "hk"))
        return SCRIPT_HANT;
    if (strstr(low, "hans") || strstr(low, "simp") || strstr(low, "cn"))
        return SCRIPT_HANS;
    /* Count characters that Traditional->Simplified folding changes. */
    size_t han = 0, trad = 0;
    for (size_t i = 0; i < d->text_len && han < 20000;) {
        int32_t c = fig_next(d->text, d->text_len, &i);
        if (!is_han(c))
            continue;
        han++;
        /* Most characters fold to themselves: one bit in an 8 KB table
         * (the same answer as the 128 KB table below, fewer cache misses). */
        if (c < 0x10000 && (fold_bmp_same[c >> 6] >> (c & 63) & 1))
            continue;
        if (c < 0x10000 && fold_bmp_one[c]) {   /* one BMP code point: one load */
            trad += fold_bmp_one[c] != c;
            continue;
        }
        char buf[FOLD_MAX_UTF8];
        size_t fl = fold_cp(c, buf);
        size_t j = 0;
        if (fl && fig_next(buf, fl, &j) != c)
            trad++;
    }
    /* Traditional text shows a Traditional-only character within a few
     * words (們 這 個 說 國 會 ...), so a short text with none is Simplified;
     * below 6 Han characters there is too little to tell. */
    if (han < 20)
        return han >= 6 && trad == 0 ? SCRIPT_HANS : SCRIPT_UNKNOWN;
    return trad * 100 >= han * 3 ? SCRIPT_HANT : SCRIPT_HANS;
}

/* One ASCII space between a number and its suffix is allowed ("2024 年"). */
static size_t skip_space(const xctx *X, size_t q)
{
    if (q + 1 < X->n && X->t[q] == ' ' && X->t[q + 1] != ' ')
        return q + 1;
    return q;
}

static bool blocked(const xctx *X, size_t q, const fword *w)
{
    const fword *b = figures_word_at(X->fd, W_BLOCK, X->t + q, X->n - q, 0);
    return b && b->len > w->len;
}

static const fword *word_at(const xctx *X, int kind, size_t q, int side)
{
    if (q >= X->n)
        return NULL;
    const fword *w = figures_word_at(X->fd, kind, X->t + q, X->n - q, side);
    if (w && kind != W_BLOCK && blocked(X, q, w))
        return NULL;
    return w;
}

static bool is_plain_int(const numeral *N)
{
    return N->status == FIGS_OK && N->value.scale == 0 && !N->more && !N->separators &&
           !N->big && !N->negative && N->value.coef >= 0;
}

/* v x f for a percent factor. A power of ten shifts the precision too:
 * 三成 is 30% written to the nearest 10%. */
static bool scale_by(decimal *v, const decimal *f)
{
    int64_t c = f->coef;
    int k = 0;
    while (c > 1 && c % 10 == 0) {
        c /= 10;
        k++;
    }
    if (c == 1)
        return decimal_mul_pow10(v, k - f->scale);
    return decimal_mul(v, f);
}

/* Parse a small number (month, day) at q; returns its end or 0. */
static size_t small_int_at(const xctx *X, size_t q, int lo, int hi, bool arabic_only,
                           int64_t *v)
{
    numeral N;
    figures_parse(X->fd, X->t + q, X->n - q, FIGP_ARABIC | FIGP_TEXT, &N);
    if (!is_plain_int(&N) || N.value.coef < lo || N.value.coef > hi || N.digitseq)
        return 0;
    if (arabic_only && !N.arabic)
        return 0;
    *v = N.value.coef;
    return q + N.len;
}

/* 年 [N 月 [N 日]] after a year, or 月 [N 日] after a month. */
static bool date_suffix(const xctx *X, const numeral *N, size_t q, int era, suffix *S)
{
    if ((!is_plain_int(N) && !(N->status == FIGS_OK && N->digitseq)) || N->pair)
        return false;
    int64_t v = N->value.coef;
    int64_t y = 0, m = 0, dd = 0;
    const fword *w;
    size_t e = q;
    if ((w = word_at(X, W_YEAR, q, 0))) {
        bool year;
        e = q + w->len;
        size_t k = small_int_at(X, e, 1, 12, false, &m);
        const fword *ys = word_at(X, W_YEAR_SUFFIX, e, 0);
        if (era)
            year = v >= 1 && v <= 300 && !N->digitseq;
        else if (N->digitseq)
            year = N->len >= 4 * 3 && v >= 1000 && v <= 2999;   /* 二〇二四 */
        else
            year = N->arabic && !N->han && v >= 1000 && v <= 2999;
        if (!year && !era && !N->digitseq && X->script == SCRIPT_HANT && X->roc &&
            v >= 10 && v <= 150 && (ys || (k && word_at(X, W_MONTH, k, 0)))) {
            /* Taiwan writes 民國 years bare: 八十四年十二月, 113年度 */
            year = true;
            era = X->roc;
        }
        if (!year)
            return false;
        y = v + era;
        if (ys) {
            e += ys->len;           /* 2023年度 */
            k = small_int_at(X, e, 1, 12, false, &m);
        }
        const fword *mw = k ? word_at(X, W_MONTH, k, 0) : NULL;
        if (mw) {
            e = k + mw->len;
            const fword *ms = word_at(X, W_MONTH_SUFFIX, e, 0);
            if (ms)
                e += ms->len;
            k = small_int_at(X, e, 1, 31, false, &dd);
            const fword *dw = k ? word_at(X, W_DAY, k, 0) : NULL;
            if (dw)
                e = k + dw->len;
            else
                dd = 0;
        } else {
            m = 0;
        }
    } else if ((w = word_at(X, W_MONTH, q, 0))) {
        if (era || N->digitseq || v < 1 || v > 12)
            return false;
        m = v;
        e = q + w->len;
        const fword *ms = word_at(X, W_MONTH_SUFFIX, e, 0);
        if (ms)
            e += ms->len;
        size_t k = small_int_at(X, e, 1, 31, false, &dd);
        const fword *dw = k ? word_at(X, W_DAY, k, 0) : NULL;
        if (dw)
            e = k + dw->len;
        else
            dd = 0;
    } else if ((w = word_at(X, W_DAY, q, 0)) && !w->num) {
        if (era || !N->arabic || N->han || v < 1 || v > 31)
            return false;
        dd = v;
        e = q + w->len;
    } else {
        return false;
    }
    S->type = FT_DATE;
    S->end = e;
    S->value = (decimal){.coef = y * 10000 + m * 100 + dd};
    S->value_set = true;
    S->unit = y ? (m ? (dd ? "ymd" : "ym") : "y") : m ? (dd ? "md" : "m") : "d";
    return true;
}

/* A measure word, currency or percent marker after the number at q, then
 * post qualifiers and a later currency (10億元左右美元). */
static void read_suffix(const xctx *X, const numeral *N, size_t q0, int era, suffix *S)
{
    memset(S, 0, sizeof *S);
    S->end = q0;
    for (int pass = 0; pass < 2; pass++) {
        size_t q = pass ? skip_space(X, q0) : q0;
        if (pass && q == q0)
            break;
        if (date_suffix(X, N, q, era, S))
            return;
        if (era)
            return;
        const fword *w;
        if ((w = word_at(X, W_PERCENT, q, 0))) {
            decimal v = N->value;
            bool ok = true;
            size_t e = q + w->len;
            if (w->factor.coef == 10 && w->factor.scale == 0) {
                /* 三成, 七成五: tenths, at most 十成 */
                decimal ten = {.coef = 10};
                ok = !N->big && !N->separators && !N->digitseq && !N->negative &&
                     decimal_cmp(&v, &ten) <= 0 && v.coef > 0;
                if (ok && N->han && v.scale == 0 && e < X->n) {
                    size_t k = e;
                    const numchar *nc = figures_numchar(X->fd, fig_next(X->t, X->n, &k));
                    int32_t after = fig_peek(X->t, X->n, k);
                    if (nc && nc->role == NR_DIGIT && !(nc->flags & NF_CAPITAL) &&
                        !figures_numchar(X->fd, after) && fig_arabic_digit(after) < 0) {
                        v.coef = v.coef * 10 + nc->digit;   /* 七成五 = 75% */
                        e = k;
                        ok = ok && v.coef <= 100;
                        S->type = FT_PERCENT;
                        S->value = v;
                        S->value_set = true;
                        S->end = e;
                        return;
                    }
                }
            }
            if (ok && scale_by(&v, &w->factor)) {
                S->factor = w->factor;
                S->type = FT_PERCENT;
                S->value = v;
                S->value_set = true;
                S->unit = w->arg;
                S->end = e;
                return;
            }
        }
        const char *iso = NULL;
        size_t e = q;
        if ((w = word_at(X, W_CURRENCY, q, FIG_AFTER))) {
            iso = w->arg;
            e = q + w->len;
            if (strcmp(iso, "YUAN") == 0 && e < X->n) {
                /* 壹拾壹元壹角: take the whole cheque-style amount */
                numeral A;
                size_t st = q0 - N->len;
                size_t al = figures_parse_amount(X->fd, X->t + st, X->n - st,
                                                 FIGP_TEXTMODE, &A);
                if (A.status == FIGS_OK && st + al > e) {
                    S->value = A.value;
                    S->value_set = true;
                    e = st + al;
                }
            }
            S->type = FT_MONEY;
        } else if ((w = word_at(X, W_UNIT, q, 0))) {
            S->type = FT_COUNT;
            S->unit = w->arg ? w->arg : w->s;   /* lives as long as the tables */
            S->qual = w->qual;
            e = q + w->len;
        } else if (pass == 0) {
            /* maybe after a space; or just qualifiers */
            if (skip_space(X, q0) != q0)
                continue;
        }
        /* post qualifiers and a more specific currency: 10億元左右美元 */
        for (int k = 0; k < 3 && e < X->n; k++) {
            const fword *pq = word_at(X, W_POST, e, 0);
            if (pq && !(pq->len == strlen("多") && S->type == FT_NONE && N->more)) {
                if (S->qual == Q_EXACT)
                    S->qual = pq->qual;
                e += pq->len;
                continue;
            }
            const fword *cw = S->type == FT_COUNT ? NULL : word_at(X, W_CURRENCY, e, FIG_AFTER);
            if (cw && (!iso || strcmp(iso, "YUAN") == 0 || strcmp(cw->arg, "YUAN") != 0)) {
                if (!iso || strcmp(cw->arg, "YUAN") != 0)
                    iso = cw->arg;
                S->type = FT_MONEY;
                e += cw->len;
                continue;
            }
            break;
        }
        S->iso = iso;
        S->end = e;
        return;
    }
}

static int ftype_to_mention(int t)
{
    switch (t) {
    case FT_MONEY: return MENTION_MONEY;
    case FT_PERCENT: return MENTION_PERCENT;
    case FT_DATE: return MENTION_DATE;
    default: return MENTION_COUNT;
    }
}

static void format_name(const mention *m, char *buf, size_t size)
{
    char v[64], mx[64];
    decimal_format(&m->value, v, sizeof v);
    decimal_format(&m->max, mx, sizeof mx);
    static const char *const qp[] = {"", "about ", "at least ", "more than ", "at most ", ""};
    const char *pre = m->qualifier <= Q_RANGE ? qp[m->qualifier] : "";
    char num[140];
    if (m->qualifier == Q_RANGE)
        snprintf(num, sizeof num, "%s-%s", v, mx);
    else
        snprintf(num, sizeof num, "%s%s", pre, v);
    switch (m->type) {
    case MENTION_MONEY:
        snprintf(buf, size, "%s %s", m->currency, num);
        break;
    case MENTION_PERCENT:
        snprintf(buf, size, "%s%s", num, m->unit ? " pp" : "%");
        break;
    case MENTION_DATE: {
        int64_t x = m->value.coef;
        int y = (int)(x / 10000), mo = (int)(x / 100 % 100), dd = (int)(x % 100);
        if (y && mo && dd) snprintf(buf, size, "%04d-%02d-%02d", y, mo, dd);
        else if (y && mo) snprintf(buf, size, "%04d-%02d", y, mo);
        else if (y) snprintf(buf, size, "%04d", y);
        else if (mo && dd) snprintf(buf, size, "--%02d-%02d", mo, dd);
        else if (mo) snprintf(buf, size, "--%02d", mo);
        else snprintf(buf, size, "---%02d", dd);
        break;
    }
    default:
        snprintf(buf, size, "%s%s%s", num, m->unit ? " " : "", m->unit ? m->unit : "");
        break;
    }
}

typedef struct found {
    size_t start, end;
    int type;
    decimal value, max;
    const char *iso;
    const char *unit;
    int qual;
} found;

static int emit(xctx *X, const found *f)
{
    doc *d = X->d;
    mention *m = ARENA_PUSH(&d->arena, d->mentions, d->n_mentions, d->cap_mentions);
    if (!m)
        return CR_ENOMEM;
    memset(m, 0, sizeof *m);
    m->start = (uint32_t)f->start;
    m->end = (uint32_t)f->end;
    m->type = (uint8_t)ftype_to_mention(f->type);
    m->entity = -1;
    m->value = f->value;
    m->max = f->qual == Q_RANGE ? f->max : f->value;
    m->qualifier = (uint8_t)f->qual;
    if (f->type == FT_MONEY)
        snprintf(m->currency, sizeof m->currency, "%s", f->iso ? f->iso : "unknown");
    m->unit = f->unit;
    char name[200];
    format_name(m, name, sizeof name);
    if (!(m->name = arena_strdup(&d->arena, name)))
        return CR_ENOMEM;
    return CR_OK;
}

/* Is there a numeral start at i, and which parse flags does it need? */
static bool numeral_start(const xctx *X, size_t i, unsigned *flags)
{
    size_t k = i;
    int32_t c = fig_next(X->t, X->n, &k);
    int32_t nx = fig_peek(X->t, X->n, k);
    *flags = FIGP_TEXTMODE;
    if (fig_arabic_digit(c) >= 0)
        return true;
    if ((c == '-' || c == 0x2212 || c == 0xFF0D) && fig_arabic_digit(nx) >= 0) {
        int32_t pc = fig_prev(X->t, i);
        if (ascii_alnum(pc) || fig_arabic_digit(pc) >= 0)
            return false;    /* a hyphen or range, not a minus */
        *flags |= FIGP_SIGN;
        return true;
    }
    const numchar *nc = figures_numchar(X->fd, c);
    if (!nc)
        return false;
    if (nc->role == NR_SIGN) {
        *flags |= FIGP_SIGN;
        return figures_numchar(X->fd, nx) || fig_arabic_digit(nx) >= 0;
    }
    return nc->role == NR_DIGIT || nc->role == NR_ZERO || nc->role == NR_UNIT ||
           nc->role == NR_TENS;
}

/* Glued to Latin: GPT-4, H100, v1.2, 5G, 32k (but 2023-2024 is not). */
static bool glued_before(const xctx *X, size_t p)
{
    int32_t pc = fig_prev(X->t, p);
    if (ascii_alnum(pc))
        return true;
    if (pc == '-' || pc == '.' || pc == '_' || pc == '/') {
        int32_t ppc = fig_prev(X->t, p - 1);
        return pc == '.' ? ascii_alnum(ppc) : ascii_alnum(ppc) && !(ppc >= '0' && ppc <= '9');
    }
    return false;
}

static bool glued_after(const xctx *X, size_t e)
{
    int32_t c = fig_peek(X->t, X->n, e);
    if (!ascii_alnum(c) && c != '_')
        return false;
    return !word_at(X, W_CURRENCY, e, FIG_AFTER);
}

/* Parse a number at p with its context; fills f and returns true when it is
 * a figure. *skip gets where scanning continues either way. */
static bool figure_at(xctx *X, size_t i, found *f, size_t *skip)
{
    const figures_data *fd = X->fd;
    size_t p = i, pos0 = i;
    unsigned flags;
    int qual = Q_EXACT, era = 0;
    const fword *w;
    decimal pct_factor = {0};
    bool pct_pre = false;

    size_t k1 = i;
    fig_next(X->t, X->n, &k1);
    *skip = k1;

    if ((w = word_at(X, W_NONNUM, i, 0))) {
        *skip = i + w->len;         /* 四周, 十分: words, not numbers */
        return false;
    }
    if ((w = word_at(X, W_ORDINAL, i, 0))) {
        /* 第3季: skip the number */
        numeral N;
        size_t q = i + w->len;
        figures_parse(fd, X->t + q, X->n - q, FIGP_TEXTMODE, &N);
        *skip = N.len ? q + N.len : i + w->len;
        return false;
    }
    if ((w = word_at(X, W_PERCENT_PRE, i, 0))) {
        p = i + w->len;                 /* 百分之十 */
        pct_pre = true;
        pct_factor = w->factor;
    } else if ((w = word_at(X, W_ERA, i, 0))) {
        p = i + w->len;                 /* 民國113年 */
        era = w->num;
    } else if ((w = word_at(X, W_VAGUE, i, 0))) {
        const numchar *nc = figures_numchar(fd, fig_peek(X->t, X->n, i + w->len));
        if (!nc || (nc->role != NR_UNIT && nc->role != NR_BIG))
            return false;
        p = i + w->len;                 /* 上萬, 數千 */
        qual = w->qual;
    }
    if (p != i) {
        if (!numeral_start(X, p, &flags) &&
            !(qual != Q_EXACT && figures_numchar(fd, fig_peek(X->t, X->n, p))))
            return false;
        flags = FIGP_TEXTMODE | (qual != Q_EXACT ? FIGP_IMPLIED_ONE : 0);
    } else if (!numeral_start(X, i, &flags)) {
        return false;
    }

    numeral N;
    figures_parse(fd, X->t + p, X->n - p, flags, &N);
    if (N.status == FIGS_NONE)
        return false;
    size_t q = p + N.len;
    *skip = q;
    /* too large to hold exactly: still a figure, flagged overflow, so that
     * it is reported as such rather than dropped (docs/reliability.md) */
    if (N.status == FIGS_OVERFLOW)
        N.value.overflow = true;
    else if (N.status != FIGS_OK)
        return false;           /* malformed: skipped whole */

    /* a currency before the number: US$100, 人民幣508萬, RMB 100 */
    const char *pre_iso = NULL;
    if (!pct_pre && !era && p == i) {
        size_t cp = p;
        if (cp > 0 && X->t[cp - 1] == ' ')
            cp--;
        const fword *cw = figures_word_before(fd, W_CURRENCY, X->t, cp, FIG_BEFORE);
        if (cw) {
            pre_iso = cw->arg;
            pos0 = cp - cw->len;
        } else if (cp != p) {
            pos0 = p;
        }
    }
    if (N.arabic && !pre_iso && glued_before(X, p))
        return false;
    if (N.arabic && glued_after(X, q)) {
        /* skip the rest of the Latin token too */
        while (*skip < X->n && (ascii_alnum(X->t[*skip]) || X->t[*skip] == '_'))
            (*skip)++;
        return false;
    }
    if (!era && (w = figures_word_before(fd, W_PRE, X->t, pos0, 0))) {
        if (qual == Q_EXACT)
            qual = w->qual;     /* 約數千 keeps the vague reading */
        pos0 -= w->len;
    }

    suffix S;
    read_suffix(X, &N, q, era, &S);
    if (era && S.type != FT_DATE)
        return false;
    decimal value = S.value_set ? S.value : N.value;
    int type = S.type;
    const char *iso = S.iso;
    if (pct_pre) {
        if (type != FT_NONE)
            return false;        /* 百分之十元? not a percent */
        type = FT_PERCENT;
        if (!scale_by(&value, &pct_factor))
            return false;
        S.factor = pct_factor;
        S.end = q;
    }
    if (pre_iso) {
        if (type == FT_NONE || (type == FT_MONEY && (!iso || strcmp(iso, "YUAN") == 0))) {
            type = FT_MONEY;
            if (!iso || strcmp(iso, "YUAN") == 0)
                iso = pre_iso;
        } else if (type != FT_MONEY) {
            pos0 = p;            /* $ before a percent? keep the percent */
        }
    }
    size_t end = S.end;

    /* a range: 3-4萬美元, 3至4億, 1.5%-2% */
    decimal maxv = value;
    bool range = false;
    if (N.pair && type != FT_DATE) {
        /* 三四萬人, 兩三成: a rough range */
        maxv = N.max;
        if (type == FT_PERCENT && (S.factor.coef == 0 || !scale_by(&maxv, &S.factor)))
            return false;
        if (S.value_set && type != FT_PERCENT)
            return false;
        range = true;
    } else if (type != FT_DATE && !pct_pre && end < X->n &&
        (w = word_at(X, W_RANGE, end, 0))) {
        size_t p2 = end + w->len;
        unsigned fl2;
        numeral M;
        if (p2 < X->n && numeral_start(X, p2, &fl2) && !(fl2 & FIGP_SIGN)) {
            figures_parse(fd, X->t + p2, X->n - p2, FIGP_TEXTMODE, &M);
            suffix S2;
            if (M.status == FIGS_OK && !(M.arabic && glued_after(X, p2 + M.len))) {
                read_suffix(X, &M, p2 + M.len, 0, &S2);
                decimal v2 = S2.value_set ? S2.value : M.value;
                int t2 = S2.type;
                bool ok = t2 != FT_DATE;
                int rtype = type;
                if (ok && type == FT_NONE && t2 != FT_NONE)
                    rtype = t2;
                else if (ok && type == FT_NONE && t2 == FT_NONE)
                    ok = M.big && M.nonzero && (rtype = FT_COUNT);   /* 3至4億 */
                else if (ok && t2 == FT_NONE)
                    ok = type == FT_MONEY && pre_iso;
                else if (ok)
                    ok = t2 == type &&
                         (t2 != FT_MONEY || !iso || !S2.iso || strcmp(iso, S2.iso) == 0) &&
                         (t2 != FT_COUNT || !S.unit || !S2.unit || !strcmp(S.unit, S2.unit));
                if (ok && type == FT_NONE && !N.big && M.mult_exp > 0 &&
                    decimal_cmp(&value, &M.mantissa) <= 0 && value.scale == 0) {
                    decimal_mul_pow10(&value, M.mult_exp);    /* 3-4萬 */
                }
                if (ok && rtype == FT_PERCENT && type == FT_NONE && S2.value_set) {
                    /* 3-4成: the first takes the second's factor */
                    decimal fct = {0};
                    const fword *pw = word_at(X, W_PERCENT, p2 + M.len, 0);
                    if (pw)
                        fct = pw->factor;
                    ok = pw && scale_by(&value, &fct);
                }
                if (ok && decimal_cmp(&value, &v2) < 0) {
                    range = true;
                    maxv = v2;
                    type = rtype;
                    if (!iso)
                        iso = S2.iso;
                    if (!S.unit)
                        S.unit = S2.unit;
                    end = S2.end;
                }
            }
        }
    }

    /* only money and percentages are negative: in 2023年-2024年 the - is a
     * dash, so read the number after it on its own */
    if (N.negative && type != FT_MONEY && type != FT_PERCENT) {
        size_t k = p;
        fig_next(X->t, X->n, &k);
        *skip = k;
        return false;
    }
    /* which numbers are figures at all */
    if (type == FT_NONE) {
        /* bare: 17億, 1,200; not 千萬 (千萬不要) or 上萬 with nothing after */
        size_t k = p;
        int32_t c0 = fig_next(X->t, X->n, &k);
        const numchar *nc0 = figures_numchar(fd, c0);
        bool digit_first = fig_arabic_digit(c0) >= 0 ||
                           (nc0 && (nc0->role == NR_DIGIT || nc0->exp == 1));
        if (!((N.big && N.nonzero && digit_first) || N.separators) || N.pair)
            return false;
        type = FT_COUNT;
    }
    if (type == FT_COUNT && !N.arabic && !range && !N.value.overflow && N.value.coef < 2 &&
        N.value.scale == 0 && qual == Q_EXACT)
        return false;            /* 一個, 一家 */

    if (!range) {
        if (qual == Q_EXACT)
            qual = S.qual;
        if (qual == Q_EXACT && N.more)
            qual = Q_MORE_THAN;
    }
    f->start = pos0;
    f->end = end;
    f->type = type;
    f->value = value;
    f->max = maxv;
    f->qual = range ? Q_RANGE : qual;
    f->iso = type == FT_MONEY ? (iso ? iso : "unknown") : NULL;
    f->unit = S.unit;
    *skip = end;
    return true;
}

int figures_extract(doc *d, const corpus *c)
{
    const figures_data *fd = c && c->figures ? c->figures : figures_data_default();
    if (!fd || !d->text)
        return CR_OK;
    xctx X = {.fd = fd, .d = d, .t = d->text, .n = d->text_len};
    X.script = doc_script(d);
    for (size_t k = fd->kind_start[W_ERA]; k < fd->kind_start[W_ERA + 1] && !X.roc; k++)
        X.roc = fd->words[k].num;
    size_t first = d->n_mentions;
    int cny = 0, twd = 0, hkd = 0;
    for (size_t i = 0; i < X.n;) {
        found f;
        size_t skip = i;
        int32_t cp = utf8_next((const uint8_t *)X.t, X.n, &skip);
        if (!figures_may_start(fd, cp)) {
            i = skip;
            continue;
        }
        if (figure_at(&X, i, &f, &skip)) {
            if (f.type == FT_MONEY) {
                cny += !strcmp(f.iso, "CNY");
                twd += !strcmp(f.iso, "TWD");
                hkd += !strcmp(f.iso, "HKD");
            }
            if (emit(&X, &f))
                return CR_ENOMEM;
        }
        i = skip > i ? skip : i + 1;
    }
    /* a bare 元: see the rules at the top */
    const char *yuan = "unknown";
    if ((cny > 0) + (twd > 0) + (hkd > 0) == 1)
        yuan = cny ? "CNY" : twd ? "TWD" : "HKD";
    else if (X.script == SCRIPT_HANS && (cny || !(twd || hkd)))
        yuan = "CNY";
    for (size_t k = first; k < d->n_mentions; k++) {
        mention *m = &d->mentions[k];
        if (m->type == MENTION_MONEY && strcmp(m->currency, "YUAN") == 0) {
            snprintf(m->currency, sizeof m->currency, "%s", yuan);
            char name[200];
            format_name(m, name, sizeof name);
            if (!(m->name = arena_strdup(&d->arena, name)))
                return CR_ENOMEM;
        }
    }
    return CR_OK;
}
