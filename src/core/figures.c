/* figures.c — word lists, the numeral parser and exact decimals.
 *
 * The numeral parser reads one numeral in a single left-to-right pass:
 *
 *   numeral  = [sign] integer [point fraction [chain]]
 *   integer  = digit-sequence            (二〇二四, 一七二零: FIGP_DIGITSEQ)
 *            | section {big {big} section}   with sections such as 三千五百
 *   chain    = big {big}                 (5.4億, 1.5萬億)
 *
 * A section is digits with 十 百 千 (or an Arabic integer, or both: 四千230);
 * each 萬/億/兆 multiplies the section before it and every earlier term whose
 * magnitude is not larger (so 一千一百萬一千一百億 and nzh's 一十亿零一十一亿
 * both come out right), which gives 萬億 and 億億 their stacked meaning.
 * Abbreviated forms (兩千六 = 2600, 三萬五 = 35000) read the last digit one
 * place below the unit before it. Strict mode then checks the canonical
 * placement of 零 from the absolute place of every digit.
 */
#include "figures.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "figures_int.h"
#include "paths.h"

/* ---- decimals ------------------------------------------------------------ */

enum { DEC_MAX_SCALE = 18 };

static const int64_t pow10_tab[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
    1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL,
};

static bool mul_pow10_i64(int64_t *v, int32_t e)
{
    if (*v == 0 || e == 0)
        return true;
    if (e < 0 || e > 18)
        return false;
    return !__builtin_mul_overflow(*v, pow10_tab[e], v);
}

bool decimal_mul_pow10(decimal *v, int32_t e)
{
    if (v->overflow)
        return false;
    if (e >= 0) {
        /* use up the scale first: 0.5 x 10 = 5, not 5.0 */
        int32_t k = e < v->scale ? e : v->scale;
        v->scale -= k;
        e -= k;
        if (!mul_pow10_i64(&v->coef, e)) {
            v->overflow = true;
            return false;
        }
        v->unsig = (int16_t)(v->unsig + e);
    } else {
        if (v->scale - e > DEC_MAX_SCALE) {
            v->overflow = true;
            return false;
        }
        v->scale -= e;
    }
    return true;
}

bool decimal_mul(decimal *v, const decimal *f)
{
    if (v->overflow || f->overflow || v->scale + f->scale > DEC_MAX_SCALE ||
        __builtin_mul_overflow(v->coef, f->coef, &v->coef)) {
        v->overflow = true;
        return false;
    }
    v->scale += f->scale;
    return true;
}

void decimal_format(const decimal *v, char *buf, size_t size)
{
    if (!size)
        return;
    if (v->overflow) {
        snprintf(buf, size, "overflow");
        return;
    }
    char digits[32];
    /* magnitude via unsigned so INT64_MIN prints */
    uint64_t m = v->coef < 0 ? (uint64_t)0 - (uint64_t)v->coef : (uint64_t)v->coef;
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
    int scale = v->scale < 0 ? 0 : v->scale;
    char out[64];
    size_t o = 0;
    if (v->coef < 0)
        out[o++] = '-';
    if (scale == 0) {
        memcpy(out + o, digits, (size_t)nd);
        o += (size_t)nd;
    } else {
        int intlen = nd - scale;
        if (intlen <= 0) {
            out[o++] = '0';
            out[o++] = '.';
            for (int k = 0; k < -intlen; k++)
                out[o++] = '0';
            memcpy(out + o, digits, (size_t)nd);
            o += (size_t)nd;
        } else {
            memcpy(out + o, digits, (size_t)intlen);
            o += (size_t)intlen;
            out[o++] = '.';
            memcpy(out + o, digits + intlen, (size_t)scale);
            o += (size_t)scale;
        }
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

/* a and b as integers at a common scale (__int128 cannot overflow here:
 * |coef| < 2^63 and the scale factor is at most 10^18). */
static void common_scale(const decimal *a, const decimal *b, __int128 *x, __int128 *y,
                         int *scale)
{
    int s = a->scale > b->scale ? a->scale : b->scale;
    *x = (__int128)a->coef * pow10_tab[s - a->scale];
    *y = (__int128)b->coef * pow10_tab[s - b->scale];
    *scale = s;
}

/* A decimal outside the contract (scale not 0..18) counts as overflow. */
static bool dec_bad(const decimal *v)
{
    return v->overflow || v->scale < 0 || v->scale > DEC_MAX_SCALE;
}

int decimal_cmp(const decimal *a, const decimal *b)
{
    if (dec_bad(a) || dec_bad(b))
        return (int)dec_bad(a) - (int)dec_bad(b);
    __int128 x, y;
    int s;
    common_scale(a, b, &x, &y, &s);
    return (x > y) - (x < y);
}

bool decimal_agree(const decimal *a, const decimal *b)
{
    if (dec_bad(a) || dec_bad(b))
        return false;
    int pa = a->unsig - a->scale, pb = b->unsig - b->scale;
    const decimal *coarse = pa >= pb ? a : b, *fine = pa >= pb ? b : a;
    int p = pa >= pb ? pa : pb;
    __int128 c, f;
    int s;
    common_scale(coarse, fine, &c, &f, &s);
    if (c == f)
        return true;
    int e = p + s;            /* precision exponent in units of 10^-s */
    if (e <= 0)
        return false;
    if (e > 36)
        e = 36;
    __int128 unit = 1;
    for (int k = 0; k < e; k++)
        unit *= 10;
    /* f rounds half away from zero to c: c - unit/2 <= f < c + unit/2 for
     * c >= 0, mirrored below zero. Doubled to stay in integers. */
    __int128 d2 = 2 * (f - c);
    if (c >= 0)
        return d2 >= -unit && d2 < unit;
    return d2 > -unit && d2 <= unit;
}

const char *qualifier_name(int q)
{
    static const char *const n[] = {"exact", "approx", "at-least", "more-than",
                                    "at-most", "range"};
    return q >= 0 && q <= Q_RANGE ? n[q] : "exact";
}

int qualifier_from_name(const char *s)
{
    for (int q = 0; q <= Q_RANGE; q++)
        if (strcmp(s, qualifier_name(q)) == 0)
            return q;
    return -1;
}

/* ---- tables -------------------------------------------------------------- */

int fig_arabic_digit(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19)
        return c - 0xFF10;
    if (c < 0x80 || (c >= 0x3000 && c <= 0x9FFF) || !u_isdigit(c))   /* no Nd in CJK */
        return -1;
    return u_charDigitValue(c);
}

static int cmp_numchar(const void *a, const void *b)
{
    int32_t x = ((const numchar *)a)->cp, y = ((const numchar *)b)->cp;
    return (x > y) - (x < y);
}

static bool hint_has(const figures_data *fd, int32_t cp)
{
    return fd->hint[(cp & 2047) >> 3] & (1u << (cp & 7));
}

static void hint_set(figures_data *fd, int32_t cp)
{
    fd->hint[(cp & 2047) >> 3] |= (uint8_t)(1u << (cp & 7));
}

const numchar *figures_numchar(const figures_data *fd, int32_t cp)
{
    if (!fd || cp < 0x80 || !hint_has(fd, cp))
        return NULL;
    size_t lo = 0, hi = fd->n_chars;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fd->chars[mid].cp == cp)
            return &fd->chars[mid];
        if (fd->chars[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool is_ascii_alpha(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const fword *figures_word_at(const figures_data *fd, int k, const char *s,
                             size_t n, int side_mask)
{
    if (!fd || !n)
        return NULL;
    size_t j = 0;
    int32_t first = fig_next(s, n, &j);
    if (!FIG_BIT(fd->first_bits[k], (uint32_t)first & 4095))
        return NULL;
    for (size_t i = fd->kind_start[k]; i < fd->kind_start[k + 1]; i++) {
        const fword *w = &fd->words[i];
        if (w->first != first || w->len > n || memcmp(s, w->s, w->len) != 0)
            continue;
        if (k == W_CURRENCY && !(w->side & side_mask))
            continue;
        if (w->latin && is_ascii_alpha((unsigned char)w->s[w->len - 1]) &&
            w->len < n && is_ascii_alpha((unsigned char)s[w->len]))
            continue;   /* USD inside USDT */
        return w;       /* longest first */
    }
    return NULL;
}

const fword *figures_word_before(const figures_data *fd, int k,
                                 const char *text, size_t end, int side_mask)
{
    if (!fd || end == 0)
        return NULL;
    /* every word ending here ends with these bytes */
    if (!FIG_BIT(fd->last1[k], (uint8_t)text[end - 1]) &&
        !(end >= 2 && FIG_BIT(fd->last_bits[k], FIG_LAST2(text[end - 2], text[end - 1]))))
        return NULL;
    for (size_t i = fd->kind_start[k]; i < fd->kind_start[k + 1]; i++) {
        const fword *w = &fd->words[i];
        if (w->len > end || memcmp(text + end - w->len, w->s, w->len) != 0)
            continue;
        if (k == W_CURRENCY && !(w->side & side_mask))
            continue;
        size_t st = end - w->len;
        if (w->latin && is_ascii_alpha((unsigned char)w->s[0]) && st > 0 &&
            is_ascii_alpha((unsigned char)text[st - 1]))
            continue;
        return w;
    }
    return NULL;
}

static const char *const kind_names[W__COUNT] = {
    [W_CURRENCY] = "currency", [W_PRE] = "pre", [W_POST] = "post",
    [W_INFIX] = "infix", [W_VAGUE] = "vague", [W_UNIT] = "unit",
    [W_PERCENT] = "percent", [W_PERCENT_PRE] = "percent-pre",
    [W_YEAR] = "year", [W_MONTH] = "month", [W_MONTH_SUFFIX] = "month-suffix",
    [W_DAY] = "day", [W_ERA] = "era", [W_BLOCK] = "block",
    [W_ORDINAL] = "ordinal", [W_AMOUNT] = "amount", [W_RANGE] = "range",
    [W_YEAR_SUFFIX] = "year-suffix", [W_NONNUM] = "nonnum",
};

/* Split a line at tabs into at most max fields; returns the count. */
static int split_tabs(char *line, char **f, int max)
{
    int k = 0;
    char *p = line;
    while (k < max) {
        f[k++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    for (int j = k; j < max; j++)
        f[j] = "";
    return k;
}

/* Parse "12", "0.1", "-3.25" into a decimal; false if malformed. */
static bool decimal_from_ascii(const char *s, decimal *out)
{
    memset(out, 0, sizeof *out);
    bool neg = *s == '-', point = false, any = false;
    if (neg)
        s++;
    for (; *s; s++) {
        if (*s == '.' && !point) {
            point = true;
            continue;
        }
        if (*s < '0' || *s > '9')
            return false;
        any = true;
        if (__builtin_mul_overflow(out->coef, 10, &out->coef) ||
            __builtin_add_overflow(out->coef, *s - '0', &out->coef))
            return false;
        if (point && ++out->scale > DEC_MAX_SCALE)
            return false;
    }
    if (neg)
        out->coef = -out->coef;
    return any;
}

typedef struct loader {
    figures_data *fd;
    size_t cap_chars, cap_words;
    const char *path;
    size_t line;
    cr_error *e;
} loader;

static int load_err(loader *L, const char *msg, const char *what)
{
    return cr_error_set(L->e, CR_EINPUT, L->path, L->line, 0, 0, "%s: \"%s\"", msg, what);
}

/* One code point that makes up all of s; -1 otherwise. */
static int32_t single_cp(const char *s)
{
    size_t n = strlen(s), i = 0;
    if (!n)
        return -1;
    int32_t c = fig_next(s, n, &i);
    return i == n ? c : -1;
}

static int load_numeral_line(loader *L, char **f)
{
    int32_t cp = single_cp(f[0]);
    if (cp < 0x80)
        return load_err(L, "not a single non-ASCII character", f[0]);
    static const char *const roles[] = {"", "digit", "zero", "unit", "big", "tens", "point", "sign"};
    int role = 0;
    for (int r = 1; r <= NR_SIGN; r++)
        if (strcmp(f[1], roles[r]) == 0)
            role = r;
    if (!role)
        return load_err(L, "unknown numeral role", f[1]);
    numchar nc = {.cp = cp, .role = (uint8_t)role};
    for (char *fl = f[2]; *fl;) {
        size_t len = strcspn(fl, ",");
        if (len == 7 && !strncmp(fl, "capital", 7))
            nc.flags |= NF_CAPITAL;
        else if (len == 10 && !strncmp(fl, "colloquial", 10))
            nc.flags |= NF_COLLOQUIAL;
        else if (len)
            return load_err(L, "unknown numeral flag", fl);
        fl += len + (fl[len] == ',');
    }
    if (role != NR_POINT && role != NR_SIGN) {
        int32_t vc = f[3][0] ? single_cp(f[3]) : cp;
        double v = vc >= 0 ? u_getNumericValue(vc) : U_NO_NUMERIC_VALUE;
        if (v == U_NO_NUMERIC_VALUE)
            return load_err(L, "ICU has no numeric value for", f[3][0] ? f[3] : f[0]);
        int ok = 0;
        if ((role == NR_DIGIT && v >= 1 && v <= 9) || (role == NR_ZERO && v == 0)) {
            nc.digit = (int8_t)v;
            ok = v == (double)(int)v;
        } else if (role == NR_TENS && (v == 20 || v == 30 || v == 40)) {
            nc.digit = (int8_t)(v / 10);
            nc.exp = 1;
            ok = 1;
        } else if (role == NR_UNIT || role == NR_BIG) {
            static const int exps[] = {1, 2, 3, 4, 8, 12};
            for (int k = 0; k < 6; k++)
                if (v == (double)pow10_tab[exps[k]] &&
                    (role == NR_UNIT) == (exps[k] < 4))
                    nc.exp = (int8_t)exps[k], ok = 1;
        }
        if (!ok)
            return load_err(L, "ICU value does not fit the role of", f[0]);
    }
    numchar *slot = ARENA_PUSH(&L->fd->arena, L->fd->chars, L->fd->n_chars, L->cap_chars);
    if (!slot)
        return cr_error_set(L->e, CR_ENOMEM, L->path, L->line, 0, 0, "out of memory");
    *slot = nc;
    return CR_OK;
}

static bool all_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static int push_word(loader *L, const char *surface, int kind, fword **out)
{
    if (!surface[0])
        return load_err(L, "empty surface", "");
    fword *w = ARENA_PUSH(&L->fd->arena, L->fd->words, L->fd->n_words, L->cap_words);
    char *s = w ? arena_strdup(&L->fd->arena, surface) : NULL;
    if (!s)
        return cr_error_set(L->e, CR_ENOMEM, L->path, L->line, 0, 0, "out of memory");
    memset(w, 0, sizeof *w);
    w->s = s;
    w->len = (uint32_t)strlen(s);
    w->kind = (uint8_t)kind;
    w->latin = all_ascii(s);
    size_t j = 0;
    w->first = fig_next(s, w->len, &j);
    *out = w;
    return CR_OK;
}

static int load_currency_line(loader *L, char **f)
{
    size_t il = strlen(f[1]);
    if (il != 3 && strcmp(f[1], "YUAN") != 0)
        return load_err(L, "not an ISO 4217 code or YUAN", f[1]);
    for (size_t k = 0; k < il; k++)
        if (f[1][k] < 'A' || f[1][k] > 'Z')
            return load_err(L, "not an ISO 4217 code or YUAN", f[1]);
    int side = !strcmp(f[2], "after") ? FIG_AFTER : !strcmp(f[2], "before") ? FIG_BEFORE
             : !strcmp(f[2], "both") ? (FIG_BEFORE | FIG_AFTER) : 0;
    if (!side)
        return load_err(L, "side must be after, before or both", f[2]);
    fword *w;
    int rc = push_word(L, f[0], W_CURRENCY, &w);
    if (rc)
        return rc;
    w->arg = arena_strdup(&L->fd->arena, f[1]);
    w->side = (uint8_t)side;
    return w->arg ? CR_OK : CR_ENOMEM;
}

static int load_word_line(loader *L, char **f)
{
    int kind = -1;
    for (int k = 0; k < W__COUNT; k++)
        if (k != W_CURRENCY && strcmp(f[0], kind_names[k]) == 0)
            kind = k;
    if (kind < 0)
        return load_err(L, "unknown kind", f[0]);
    fword *w;
    int rc = push_word(L, f[1], kind, &w);
    if (rc)
        return rc;
    const char *arg = f[2], *arg2 = f[3];
    switch (kind) {
    case W_PRE: case W_POST: case W_INFIX: case W_VAGUE: case W_UNIT: {
        int q = arg[0] ? qualifier_from_name(arg) : Q_EXACT;
        if (q < 0 || q == Q_RANGE || (kind != W_UNIT && kind != W_PRE && !arg[0]))
            return load_err(L, "bad qualifier", arg);
        w->qual = (uint8_t)q;
        if (kind == W_UNIT && arg2[0] && !(w->arg = arena_strdup(&L->fd->arena, arg2)))
            return CR_ENOMEM;
        break;
    }
    case W_PERCENT: case W_PERCENT_PRE:
        if (!decimal_from_ascii(arg, &w->factor))
            return load_err(L, "bad percent factor", arg);
        if (arg2[0] && !(w->arg = arena_strdup(&L->fd->arena, arg2)))
            return CR_ENOMEM;
        break;
    case W_ERA: {
        char *end;
        errno = 0;
        long v = strtol(arg, &end, 10);
        if (!arg[0] || *end || errno || v < 0 || v > 10000)
            return load_err(L, "bad era offset", arg);
        w->num = (int32_t)v;
        break;
    }
    case W_DAY:
        if (arg[0] && strcmp(arg, "after-month") != 0)
            return load_err(L, "day arg must be empty or after-month", arg);
        w->num = arg[0] != 0;
        break;
    case W_AMOUNT:
        if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
            return load_err(L, "amount arg must be 0, 1 or 2", arg);
        w->num = arg[0] - '0';
        break;
    default:
        break;
    }
    return CR_OK;
}

static int load_file(loader *L, const char *dir, const char *name,
                     int (*line_fn)(loader *, char **), int nfields)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    L->path = path;
    L->line = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return cr_error_set(L->e, CR_EINPUT, path, 0, 0, 0, "cannot open: %s", strerror(errno));
    char buf[1024];
    int rc = CR_OK;
    while (!rc && fgets(buf, sizeof buf, f)) {
        L->line++;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
            rc = load_err(L, "line too long", "");
            break;
        }
        buf[strcspn(buf, "\r\n")] = '\0';
        if (!buf[0] || buf[0] == '#')
            continue;
        char *fields[4];
        if (split_tabs(buf, fields, 4) < nfields)
            rc = load_err(L, "too few fields", buf);
        else
            rc = line_fn(L, fields);
    }
    fclose(f);
    return rc;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static bool may_start(const figures_data *fd, int32_t cp);

bool figures_may_start(const figures_data *fd, int32_t cp)
{
    if ((uint32_t)cp < 0x10000)
        return FIG_BIT(fd->may_bmp, (uint32_t)cp);
    return may_start(fd, cp);
}

static bool may_start(const figures_data *fd, int32_t cp)
{
    if (fig_arabic_digit(cp) >= 0 || cp == '-' || cp == 0x2212 || cp == 0xFF0D)
        return true;
    if (cp < 0x80 || !hint_has(fd, cp))
        return false;
    if (figures_numchar(fd, cp))
        return true;
    size_t lo = 0, hi = fd->n_starts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fd->starts[mid] == cp)
            return true;
        if (fd->starts[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static int cmp_word(const void *a, const void *b)
{
    const fword *x = a, *y = b;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;      /* longest first */
    return strcmp(x->s, y->s);
}

int figures_data_load(figures_data **out, const char *dir, cr_error *e)
{
    *out = NULL;
    figures_data *fd = calloc(1, sizeof *fd);
    if (!fd)
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    arena_init(&fd->arena);
    loader L = {.fd = fd, .e = e};
    if (!dir)
        dir = paths_datadir();
    int rc = load_file(&L, dir, "numerals.tsv", load_numeral_line, 2);
    if (!rc)
        rc = load_file(&L, dir, "currencies.tsv", load_currency_line, 3);
    if (!rc)
        rc = load_file(&L, dir, "figure_words.tsv", load_word_line, 2);
    if (rc) {
        figures_data_free(fd);
        return rc;
    }
    qsort(fd->chars, fd->n_chars, sizeof *fd->chars, cmp_numchar);
    for (size_t i = 1; i < fd->n_chars; i++)
        if (fd->chars[i].cp == fd->chars[i - 1].cp) {
            figures_data_free(fd);
            return cr_error_set(e, CR_EINPUT, "numerals.tsv", 0, 0, 0,
                                "character U+%04X listed twice", (unsigned)fd->chars[i].cp);
        }
    qsort(fd->words, fd->n_words, sizeof *fd->words, cmp_word);
    size_t i = 0;
    for (int k = 0; k <= W__COUNT; k++) {
        while (i < fd->n_words && fd->words[i].kind < k)
            i++;
        fd->kind_start[k] = i;
    }
    fd->starts = arena_alloc(&fd->arena, (fd->n_words + 1) * sizeof *fd->starts);
    if (!fd->starts) {
        figures_data_free(fd);
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    }
    static const int lead_kinds[] = {W_ORDINAL, W_PERCENT_PRE, W_ERA, W_VAGUE, W_NONNUM};
    for (int k = 0; k < 5; k++)
        for (size_t w = fd->kind_start[lead_kinds[k]]; w < fd->kind_start[lead_kinds[k] + 1]; w++) {
            size_t j = 0;
            fd->starts[fd->n_starts++] = fig_next(fd->words[w].s, fd->words[w].len, &j);
        }
    qsort(fd->starts, fd->n_starts, sizeof *fd->starts, cmp_i32);
    for (size_t k = 0; k < fd->n_starts; k++)
        hint_set(fd, fd->starts[k]);
    for (size_t k = 0; k < fd->n_chars; k++)
        hint_set(fd, fd->chars[k].cp);
    for (int32_t c = 0; c < 0x10000; c++)
        if (may_start(fd, c))
            fd->may_bmp[c >> 6] |= (uint64_t)1 << (c & 63);
    for (size_t w = 0; w < fd->n_words; w++) {
        const fword *fw = &fd->words[w];
        uint32_t f = (uint32_t)fw->first & 4095;
        fd->first_bits[fw->kind][f >> 6] |= (uint64_t)1 << (f & 63);
        if (fw->len == 1) {
            uint8_t b = (uint8_t)fw->s[0];
            fd->last1[fw->kind][b >> 6] |= (uint64_t)1 << (b & 63);
        } else if (fw->len >= 2) {
            unsigned l = FIG_LAST2(fw->s[fw->len - 2], fw->s[fw->len - 1]);
            fd->last_bits[fw->kind][l >> 6] |= (uint64_t)1 << (l & 63);
        }
    }
    *out = fd;
    return CR_OK;
}

void figures_data_free(figures_data *fd)
{
    if (!fd)
        return;
    arena_free(&fd->arena);
    free(fd);
}

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static figures_data *default_data;   /* written once, then read-only */

static void load_default(void)
{
    cr_error e;
    cr_error_clear(&e);
    if (figures_data_load(&default_data, NULL, &e) != CR_OK)
        default_data = NULL;
}

const figures_data *figures_data_default(void)
{
    pthread_once(&default_once, load_default);
    return default_data;
}

/* ---- the numeral parser -------------------------------------------------- */

enum { MAX_TERMS = 24, MAX_ELEMS = 96 };

typedef struct term {
    int64_t v;
    int32_t mag;        /* exponent of the 萬/億 applied so far */
} term;

/* A Han digit with its place inside its section, for strict checks. */
typedef struct elem {
    int8_t place;
    uint8_t term;
    bool zero_before;
} elem;

enum prevk { PV_START, PV_DIGIT, PV_ARABIC, PV_ZERO, PV_UNIT, PV_BIG, PV_INFIX };

typedef struct pstate {
    const figures_data *fd;
    const char *s;
    size_t n;
    unsigned fl;
    numeral *out;
    term terms[MAX_TERMS];
    int nt;
    elem elems[MAX_ELEMS];
    int ne;
    int64_t section;
    bool sec_nonempty;
    int last_unit;          /* smallest unit so far in the section; 4: none */
    bool pend, pend_arabic;
    int64_t pend_v;
    int pend_unit;          /* unit exponent just before the pending digit, 0 none */
    int pend_big;           /* big exponent just before it (abbreviated 三萬五) */
    bool zero_since;
    enum prevk prev;
    int prev_exp;
    bool over;              /* arithmetic overflow somewhere */
    bool bad;               /* malformed */
    int cls;                /* 0 none yet, 1 ordinary, 2 capital */
    int han_chars, capital_chars;
} pstate;

static bool is_numeral_char(const pstate *P, int32_t c)
{
    if (fig_arabic_digit(c) >= 0)
        return true;
    const numchar *nc = figures_numchar(P->fd, c);
    return nc && nc->role != NR_SIGN && nc->role != NR_POINT;
}

/* End of the run of numeral-like characters from i, for a malformed numeral:
 * the whole run is skipped so that no part of it is read as another number. */
static size_t run_end(const pstate *P, size_t i)
{
    while (i < P->n) {
        size_t j = i;
        int32_t c = fig_next(P->s, P->n, &j);
        if (is_numeral_char(P, c)) {
            i = j;
            continue;
        }
        const numchar *nc = figures_numchar(P->fd, c);
        int32_t next = j < P->n ? fig_peek(P->s, P->n, j) : -1;
        int32_t prev = i > 0 ? fig_prev(P->s, i) : -1;
        bool sep = (c == '.' || c == ',' || c == 0xFF0E || c == 0xFF0C)
                       ? fig_arabic_digit(prev) >= 0 && fig_arabic_digit(next) >= 0
                       : nc && nc->role == NR_POINT && is_numeral_char(P, prev) &&
                             is_numeral_char(P, next);
        if (!sep)
            break;
        i = j;
    }
    return i;
}

static void add_sec(pstate *P, int64_t v)
{
    if (__builtin_add_overflow(P->section, v, &P->section))
        P->over = true;
    P->sec_nonempty = true;
}

static int64_t times_pow10(pstate *P, int64_t v, int e)
{
    if (!mul_pow10_i64(&v, e)) {
        P->over = true;
        return 0;
    }
    return v;
}

static bool push_elem(pstate *P, int place, bool zero_before)
{
    if (P->ne >= MAX_ELEMS)
        return false;
    P->elems[P->ne++] = (elem){(int8_t)place, (uint8_t)P->nt, zero_before};
    return true;
}

static bool push_term(pstate *P, int64_t v, int mag)
{
    if (P->nt >= MAX_TERMS)
        return false;
    P->terms[P->nt++] = (term){v, mag};
    return true;
}

/* Put the pending digit into the section. At the end of a section, a Han
 * digit right after 千/百 (or after 萬/億 with nothing between) is the
 * abbreviated form: one place below (兩千六 = 2600, 三萬五 = 35000). */
static bool flush_pending(pstate *P, bool at_end)
{
    if (!P->pend)
        return true;
    P->pend = false;
    if (P->pend_arabic) {
        /* 四千230, 1百01: the literal must fit below the unit before it */
        if (P->pend_unit && P->pend_v >= pow10_tab[P->pend_unit])
            return false;
        add_sec(P, P->pend_v);
        return true;
    }
    if (P->pend_unit >= 2) {
        if (P->fl & FIGP_STRICT)
            return false;
        if (!push_elem(P, P->pend_unit - 1, false))
            return false;
        add_sec(P, times_pow10(P, P->pend_v, P->pend_unit - 1));
        return true;
    }
    if (P->pend_big && at_end) {
        if (P->fl & FIGP_STRICT)
            return false;
        /* a term of its own, one place below the 萬/億 before it */
        return push_term(P, P->pend_v, P->pend_big - 1);
    }
    if (P->pend_big)
        return false;     /* 三萬五億: not a numeral */
    if (!push_elem(P, 0, P->zero_since))
        return false;
    add_sec(P, P->pend_v);
    return true;
}

/* Multiply by 10^B the trailing terms whose magnitude is at most thr: B
 * after a section, and after another 萬/億 (stacking) at least the
 * magnitude that one produced, so 一萬億億 is (一萬億)億. */
static void apply_big(pstate *P, int B, int thr)
{
    for (int k = P->nt - 1; k >= 0 && P->terms[k].mag <= thr; k--)
        P->terms[k].mag += B;
}

/* Parse an Arabic integer run (with 1,234 separators in text mode) at *i.
 * Returns false when malformed (then *i is past the run). */
static bool arabic_int(pstate *P, size_t *i, int64_t *v, int *ndigits)
{
    size_t j = *i;
    int64_t val = 0;
    int nd = 0, group = 0;
    bool seps = false;
    while (j < P->n) {
        size_t k = j;
        int32_t c = fig_next(P->s, P->n, &k);
        int d = fig_arabic_digit(c);
        if (d >= 0) {
            if (__builtin_mul_overflow(val, 10, &val) ||
                __builtin_add_overflow(val, d, &val))
                P->over = true;
            nd++;
            group++;
            j = k;
            continue;
        }
        /* a separator: exactly three digits follow, first group 1-3 digits */
        if ((P->fl & FIGP_TEXT) && (c == ',' || (c == 0xFF0C && j > 0 && fig_prev(P->s, j) > 0x7F)) &&
            group >= 1 && (seps ? group == 3 : group <= 3)) {
            size_t m = k;
            int cnt = 0;
            while (m < P->n && cnt < 4) {
                size_t m2 = m;
                if (fig_arabic_digit(fig_next(P->s, P->n, &m2)) < 0)
                    break;
                m = m2;
                cnt++;
            }
            if (cnt == 3) {
                seps = true;
                group = 0;
                j = k;
                continue;
            }
        }
        break;
    }
    if (seps && group != 3)
        return false;
    if (seps)
        P->out->separators = true;
    *i = j;
    *v = val;
    *ndigits = nd;
    return true;
}

/* Fraction digits after a point at *i: Han digits or Arabic digits. */
static bool fraction(pstate *P, size_t *i, int64_t *frac, int *nf)
{
    size_t j = *i;
    int64_t v = 0;
    int f = 0, last = -1;
    int kind = 0;  /* 1 Han, 2 Arabic */
    while (j < P->n) {
        size_t k = j;
        int32_t c = fig_next(P->s, P->n, &k);
        int d = fig_arabic_digit(c);
        int kd = 2;
        if (d < 0) {
            const numchar *nc = figures_numchar(P->fd, c);
            if (!nc || (nc->role != NR_DIGIT && nc->role != NR_ZERO))
                break;
            if ((P->fl & FIGP_STRICT) && (nc->flags & NF_COLLOQUIAL))
                return false;
            d = nc->digit;
            kd = 1;
            P->out->han = true;
        } else if (!(P->fl & FIGP_ARABIC)) {
            break;
        }
        if (kind && kd != kind)
            return false;
        kind = kd;
        if (f < DEC_MAX_SCALE) {
            v = v * 10 + d;
        } else {
            P->over = true;
        }
        f++;
        last = d;
        j = k;
    }
    if (!f)
        return false;
    if ((P->fl & FIGP_STRICT) && last == 0)
        return false;     /* 零点零: not canonical */
    *i = j;
    *frac = v;
    *nf = f;
    return true;
}

/* Strict placement of 零: between two digits, 零 appears exactly when a
 * place inside the lower digit's four-digit group is skipped. */
static bool strict_zeros(const pstate *P)
{
    int prevp = -1;
    for (int k = 0; k < P->ne; k++) {
        const elem *e = &P->elems[k];
        int p = e->place + (e->term < P->nt ? P->terms[e->term].mag : 0);
        if (prevp < 0) {
            if (e->zero_before)
                return false;
        } else {
            if (p >= prevp)
                return false;
            bool need = prevp - p > 1 && p % 4 != 3;
            if (need != e->zero_before)
                return false;
        }
        prevp = p;
    }
    return true;
}

/* Only Han digits and zeros, read one by one: 二〇〇二, 一七二零点一. */
static size_t digit_sequence(pstate *P, size_t start, size_t *i_out)
{
    size_t i = start;
    int64_t v = 0;
    int nd = 0;
    bool zero = false;
    int cls = 0;
    while (i < P->n) {
        size_t k = i;
        int32_t c = fig_next(P->s, P->n, &k);
        const numchar *nc = figures_numchar(P->fd, c);
        if (!nc || (nc->role != NR_DIGIT && nc->role != NR_ZERO))
            break;
        int ccls = nc->flags & NF_CAPITAL ? 2 : nc->role == NR_ZERO ? 0 : 1;
        if (ccls && cls && ccls != cls)
            break;
        if (ccls)
            cls = ccls;
        if (nc->role == NR_ZERO)
            zero = true;
        else
            P->out->nonzero = true;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, nc->digit, &v))
            P->over = true;
        nd++;
        i = k;
    }
    *i_out = i;
    if ((P->fl & FIGP_TEXT) && nd < 3 && !zero)
        return 0;
    P->out->digitseq = true;
    P->out->han = true;
    P->out->capital = cls == 2;
    P->out->value.coef = v;
    return (size_t)nd;
}

/* In running text a unit word can start with a numeral: 兆瓦 is mega, not
 * 10^12; 500千伏 is 500 kV, not 500 thousand 伏. */
static bool big_is_unit_prefix(const pstate *P, size_t i)
{
    return (P->fl & FIGP_TEXT) && figures_word_at(P->fd, W_UNIT, P->s + i, P->n - i, 0);
}

static bool is_infix(const pstate *P, size_t i, size_t *after)
{
    if (!(P->fl & FIGP_TEXT))
        return false;
    const fword *w = figures_word_at(P->fd, W_INFIX, P->s + i, P->n - i, 0);
    if (!w)
        return false;
    *after = i + w->len;
    return true;
}

/* The chain of 萬/億 after a mantissa (5.4億, 1.5萬億); returns its exponent. */
static int big_chain(pstate *P, size_t *i)
{
    int e = 0;
    size_t j = *i;
    if ((P->fl & FIGP_TEXT) && j < P->n && P->s[j] == ' ') {
        size_t k = j + 1;
        const numchar *nc = figures_numchar(P->fd, fig_peek(P->s, P->n, k));
        if (nc && nc->role == NR_BIG && !big_is_unit_prefix(P, k))
            j = k;
    }
    while (j < P->n) {
        size_t k = j;
        const numchar *nc = figures_numchar(P->fd, fig_next(P->s, P->n, &k));
        if (!nc || nc->role != NR_BIG || big_is_unit_prefix(P, j))
            break;
        e += nc->exp;
        j = k;
    }
    if (e)
        *i = j;
    return e;
}

static size_t finish_malformed(pstate *P, size_t start, size_t i)
{
    numeral *o = P->out;
    o->status = FIGS_MALFORMED;
    size_t e = run_end(P, i);
    o->len = e > i ? e : i;
    if (o->len <= start)
        o->len = start;
    return o->len;
}

static size_t parse_one(const figures_data *fd, const char *s, size_t n,
                        unsigned fl, numeral *out)
{
    memset(out, 0, sizeof *out);
    if (!fd)
        fd = figures_data_default();
    pstate P = {.fd = fd, .s = s, .n = n, .fl = fl, .out = out, .last_unit = 4};
    if (fl & FIGP_STRICT)
        fl = P.fl = fl & ~(unsigned)(FIGP_ARABIC | FIGP_DIGITSEQ | FIGP_TEXT);
    size_t i = 0;
    bool neg = false;

    /* sign */
    if ((fl & FIGP_SIGN) && n) {
        size_t k = 0;
        int32_t c = fig_next(s, n, &k);
        const numchar *nc = figures_numchar(fd, c);
        int32_t nx = fig_peek(s, n, k);
        if ((c == '-' || c == 0x2212 || c == 0xFF0D) && (fl & FIGP_ARABIC) &&
            fig_arabic_digit(nx) >= 0) {
            neg = true;
            i = k;
        } else if (nc && nc->role == NR_SIGN && nx >= 0 &&
                   (is_numeral_char(&P, nx))) {
            neg = true;
            i = k;
        }
    }
    size_t start = i;
    bool units_seen = false;   /* 十百千 or 萬億 so far */
    bool lead_zero = false;
    int64_t mant_int = 0;      /* integer part when a fraction follows */
    bool have_frac = false;
    int64_t frac = 0;
    int nf = 0;
    int chain = 0;

    while (i < n) {
        size_t k = i;
        int32_t c = fig_next(s, n, &k);
        int d = fig_arabic_digit(c);
        if (d >= 0) {
            if (!(fl & FIGP_ARABIC) || P.pend || lead_zero || P.prev == PV_INFIX)
                break;
            int64_t v;
            int nd;
            size_t j = i;
            if (!arabic_int(&P, &j, &v, &nd))
                return finish_malformed(&P, start, j);
            out->arabic = true;
            if (v)
                out->nonzero = true;
            /* a fraction: 5.4, 5.4億; only as the first thing */
            int32_t pc = fig_peek(s, n, j);
            if ((pc == '.' || pc == 0xFF0E)) {
                size_t j2 = j;
                fig_next(s, n, &j2);
                if (fig_arabic_digit(fig_peek(s, n, j2)) >= 0) {
                    if (P.prev != PV_START)
                        return finish_malformed(&P, start, j2);
                    if (!fraction(&P, &j2, &frac, &nf))
                        return finish_malformed(&P, start, j2);
                    int32_t pc2 = fig_peek(s, n, j2);
                    if (pc2 == '.' || pc2 == 0xFF0E) {
                        size_t j3 = j2;
                        fig_next(s, n, &j3);
                        if (fig_arabic_digit(fig_peek(s, n, j3)) >= 0)
                            return finish_malformed(&P, start, j3);   /* 1.2.3 */
                    }
                    if (frac)
                        out->nonzero = true;
                    mant_int = v;
                    have_frac = true;
                    i = j2;
                    break;
                }
                if (pc == '.' && fig_peek(s, n, j2) == '.') {
                    while (j2 < n && s[j2] == '.')
                        j2++;
                    return finish_malformed(&P, start, j2);          /* 10..1 */
                }
            }
            P.pend = true;
            P.pend_arabic = true;
            P.pend_v = v;
            P.pend_unit = P.prev == PV_UNIT ? P.prev_exp : 0;
            P.pend_big = P.prev == PV_BIG ? P.prev_exp : 0;
            P.prev = PV_ARABIC;
            i = j;
            /* "2 億" */
            if ((fl & FIGP_TEXT) && i + 1 < n && s[i] == ' ') {
                const numchar *nb = figures_numchar(fd, fig_peek(s, n, i + 1));
                if (nb && nb->role == NR_BIG && !big_is_unit_prefix(&P, i + 1))
                    i++;
            }
            continue;
        }
        size_t after_infix;
        if (is_infix(&P, i, &after_infix)) {
            /* 十多萬, 9000多萬, 1萬多: after an Arabic number or a unit, before
             * 萬/億 or the end of the numeral */
            if (out->more || !(P.prev == PV_ARABIC || P.prev == PV_UNIT || P.prev == PV_BIG))
                break;
            int32_t nx = fig_peek(s, n, after_infix);
            const numchar *nn = figures_numchar(fd, nx);
            if (fig_arabic_digit(nx) >= 0 || (nn && nn->role != NR_BIG && nn->role != NR_SIGN))
                break;
            if (P.prev == PV_BIG && nn && nn->role == NR_BIG)
                break;
            out->more = true;
            if (!flush_pending(&P, false))
                return finish_malformed(&P, start, i);
            P.prev = PV_INFIX;
            i = after_infix;
            continue;
        }
        const numchar *nc = figures_numchar(fd, c);
        if (!nc || nc->role == NR_SIGN)
            break;
        if ((fl & FIGP_STRICT) && (nc->flags & NF_COLLOQUIAL))
            break;
        int ccls = nc->flags & NF_CAPITAL ? 2 : (nc->role == NR_DIGIT || nc->role == NR_UNIT ||
                                                 nc->role == NR_TENS) ? 1 : 0;
        if (ccls && P.cls && ccls != P.cls)
            break;   /* 陸 then 十: two different things (大陸十年) */
        if (nc->role == NR_POINT) {
            /* 一百点五, 零点零一, 一百点123 */
            size_t j = k;
            int32_t nx = fig_peek(s, n, j);
            const numchar *nn = figures_numchar(fd, nx);
            bool digit_next = (nn && (nn->role == NR_DIGIT || nn->role == NR_ZERO)) ||
                              ((fl & FIGP_ARABIC) && fig_arabic_digit(nx) >= 0);
            if (!digit_next || P.prev == PV_START || P.prev == PV_INFIX || P.zero_since)
                break;
            if (!fraction(&P, &j, &frac, &nf))
                return finish_malformed(&P, start, j);
            if (frac)
                out->nonzero = true;
            have_frac = true;
            i = j;
            break;
        }
        if (ccls)
            P.cls = ccls;
        P.han_chars++;
        if (nc->flags & NF_CAPITAL)
            P.capital_chars++;
        out->han = true;
        switch (nc->role) {
        case NR_DIGIT:
            if (P.pend || lead_zero) {
                if (units_seen || !(fl & FIGP_DIGITSEQ) || P.pend_arabic)
                    return finish_malformed(&P, start, i);
                goto digitseq;
            }
            out->nonzero = true;
            P.pend = true;
            P.pend_arabic = false;
            P.pend_v = nc->digit;
            P.pend_unit = P.prev == PV_UNIT && !P.zero_since ? P.prev_exp : 0;
            P.pend_big = P.prev == PV_BIG && !P.zero_since ? P.prev_exp : 0;
            P.prev = PV_DIGIT;
            break;
        case NR_ZERO:
            if (P.prev == PV_START) {
                lead_zero = true;     /* 零, 零点一, or 零一 read digit by digit */
                P.prev = PV_ZERO;
                break;
            }
            if (P.pend || lead_zero) {
                if (units_seen || !(fl & FIGP_DIGITSEQ) || P.pend_arabic)
                    return finish_malformed(&P, start, i);
                goto digitseq;
            }
            if (P.zero_since && (fl & FIGP_STRICT))
                return finish_malformed(&P, start, i);
            if (P.prev == PV_INFIX)
                goto done;
            P.zero_since = true;
            P.prev = PV_ZERO;
            break;
        case NR_UNIT:
        case NR_TENS: {
            int u = nc->exp;
            if (P.prev != PV_START && big_is_unit_prefix(&P, i))
                goto done;
            int64_t coef;
            if (nc->role == NR_TENS) {
                if (P.pend)
                    return finish_malformed(&P, start, i);
                coef = nc->digit;
                out->nonzero = true;
            } else if (P.pend) {
                if (P.pend_arabic && (P.pend_v < 1 || P.pend_v > 9))
                    return finish_malformed(&P, start, i);
                coef = P.pend_v;
                P.pend = false;
            } else {
                /* 十 alone at the start (十一, 十萬), or after 零 (一千零十);
                 * elsewhere only outside strict mode (一百十一); 百萬 and
                 * 千萬 with no digit only right before 萬/億 */
                bool ok;
                if (P.prev == PV_START) {
                    int32_t nx = fig_peek(s, n, k);
                    const numchar *nn = figures_numchar(fd, nx);
                    ok = u == 1 || (fl & FIGP_IMPLIED_ONE) ||
                         (!(fl & FIGP_STRICT) && nn && nn->role == NR_BIG);
                } else if (P.prev == PV_ZERO) {
                    ok = !lead_zero;
                } else {
                    ok = !(fl & FIGP_STRICT) && u == 1 &&
                         (P.prev == PV_UNIT || P.prev == PV_BIG);
                }
                if (!ok)
                    return finish_malformed(&P, start, i);
                coef = 1;
                out->nonzero = true;
            }
            if (P.prev == PV_INFIX || lead_zero)
                return finish_malformed(&P, start, i);
            if (u >= P.last_unit)
                return finish_malformed(&P, start, i);    /* 十一十二 */
            if (!push_elem(&P, u, P.zero_since))
                return finish_malformed(&P, start, i);
            add_sec(&P, times_pow10(&P, coef, u));
            P.last_unit = u;
            P.prev = PV_UNIT;
            P.prev_exp = u;
            P.zero_since = false;
            units_seen = true;
            break;
        }
        case NR_BIG: {
            int B = nc->exp;
            if (big_is_unit_prefix(&P, i))
                goto done;
            if (P.zero_since && !P.pend)
                return finish_malformed(&P, start, i);   /* 一億零萬 */
            if (lead_zero)
                return finish_malformed(&P, start, i);
            if (!flush_pending(&P, false))
                return finish_malformed(&P, start, i);
            if (!P.sec_nonempty) {
                if (P.prev == PV_BIG) {
                    int last = P.terms[P.nt - 1].mag;  /* 萬億, 億億 */
                    apply_big(&P, B, last > B ? last : B);
                } else if (P.prev == PV_START && (fl & FIGP_IMPLIED_ONE)) {
                    if (!push_term(&P, 1, 0))
                        return finish_malformed(&P, start, i);
                    apply_big(&P, B, B);
                    out->nonzero = true;
                } else if (P.prev == PV_START) {
                    goto done;                         /* 萬 alone: not a numeral */
                } else {
                    return finish_malformed(&P, start, i);
                }
            } else {
                if (!push_term(&P, P.section, 0))
                    return finish_malformed(&P, start, i);
                apply_big(&P, B, B);
            }
            P.section = 0;
            P.sec_nonempty = false;
            P.last_unit = 4;
            P.prev = PV_BIG;
            P.prev_exp = B;
            P.zero_since = false;
            units_seen = true;
            out->big = true;
            break;
        }
        default:
            goto done;
        }
        i = k;
        continue;
    digitseq: {
        size_t j;
        size_t nd = digit_sequence(&P, start, &j);
        if (!nd)
            return 0;    /* too short for running text: not a numeral */
        i = j;
        int32_t nx = fig_peek(s, n, i);
        const numchar *nn = figures_numchar(fd, nx);
        if (nn && nn->role == NR_POINT) {
            size_t j2 = i;
            fig_next(s, n, &j2);
            if (fraction(&P, &j2, &frac, &nf)) {
                mant_int = out->value.coef;
                have_frac = true;
                i = j2;
            } else if (fl & FIGP_WHOLE) {
                return finish_malformed(&P, start, j2);
            }
        }
        P.nt = 0;
        P.ne = 0;
        P.pend = false;
        P.sec_nonempty = false;
        P.zero_since = false;
        P.han_chars = (int)nd;
        P.capital_chars = out->capital ? (int)nd : 0;
        if (!have_frac)
            P.terms[P.nt++] = (term){out->value.coef, 0};
        P.prev = PV_DIGIT;
        goto after_int;
    }
    }
done:
    if (have_frac && (P.nt || P.sec_nonempty || P.pend)) {
        /* Han integer part before 点: 一百点五 */
        if (!flush_pending(&P, true))
            return finish_malformed(&P, start, i);
        if (P.sec_nonempty && !push_term(&P, P.section, 0))
            return finish_malformed(&P, start, i);
        P.sec_nonempty = false;
        int64_t tot = 0;
        for (int k = 0; k < P.nt; k++) {
            int64_t t = times_pow10(&P, P.terms[k].v, P.terms[k].mag);
            if (__builtin_add_overflow(tot, t, &tot))
                P.over = true;
        }
        if ((fl & FIGP_STRICT) && !strict_zeros(&P))
            return finish_malformed(&P, start, i);
        mant_int = tot;
        P.nt = 0;
    } else if (have_frac && lead_zero) {
        mant_int = 0;
    }
after_int:
    if (have_frac) {
        /* value = mant_int.frac, then an optional 萬/億 chain */
        if (P.nt && !P.out->digitseq)
            return finish_malformed(&P, start, i);
        decimal v = {.coef = mant_int};
        bool ok = mul_pow10_i64(&v.coef, nf > DEC_MAX_SCALE ? 19 : nf) &&
                  !__builtin_add_overflow(v.coef, frac, &v.coef);
        v.scale = nf;
        if (!ok || nf > DEC_MAX_SCALE)
            P.over = true;
        out->mantissa = v;
        if (!P.out->big || P.out->digitseq) {
            chain = big_chain(&P, &i);
            if (chain)
                out->big = true;
        }
        if (!P.over && chain && !decimal_mul_pow10(&v, chain))
            P.over = true;
        out->value = v;
        out->mult_exp = chain;
    } else {
        if (!flush_pending(&P, true))
            return finish_malformed(&P, start, i);
        if (P.sec_nonempty && !push_term(&P, P.section, 0))
            return finish_malformed(&P, start, i);
        if (!P.nt) {
            if (!lead_zero)
                return i == start ? 0 : finish_malformed(&P, start, i);
            P.terms[P.nt++] = (term){0, 0};       /* 零 */
        } else if (P.prev == PV_ZERO) {
            return finish_malformed(&P, start, i);   /* trailing 零 */
        }
        if ((fl & FIGP_STRICT) && !strict_zeros(&P))
            return finish_malformed(&P, start, i);
        /* terms must not overlap: 3億15000萬 is not a numeral */
        for (int k = 1; k < P.nt; k++) {
            int gap = P.terms[k - 1].mag - P.terms[k].mag;
            if (gap <= 0 || (gap <= 18 && P.terms[k].v >= pow10_tab[gap]))
                return finish_malformed(&P, start, i);
        }
        int64_t tot = 0;
        for (int k = 0; k < P.nt; k++) {
            int64_t t = times_pow10(&P, P.terms[k].v, P.terms[k].mag);
            if (__builtin_add_overflow(tot, t, &tot))
                P.over = true;
        }
        out->value.coef = tot;
        out->value.unsig = (int16_t)P.terms[P.nt - 1].mag;
        if (P.nt == 1) {
            out->mult_exp = P.terms[0].mag;
            out->mantissa.coef = P.terms[0].v;
        } else {
            out->mantissa = out->value;
            out->mantissa.unsig = 0;
        }
    }
    if (i == start)
        return 0;
    /* running text: 陆 alone is not 6 (大陆), nor 拾 alone 10 (拾起) */
    if ((fl & FIGP_TEXT) && P.capital_chars && P.han_chars < 2 && !out->arabic)
        return 0;
    out->capital = P.capital_chars > 0;
    /* a numeral is not followed directly by more numeral characters */
    if (i < n && is_numeral_char(&P, fig_peek(s, n, i)) && !(fl & FIGP_WHOLE)) {
        const numchar *nn = figures_numchar(fd, fig_peek(s, n, i));
        int ncls = !nn ? 0 : (nn->flags & NF_CAPITAL) ? 2
                 : (nn->role == NR_DIGIT || nn->role == NR_UNIT || nn->role == NR_TENS) ? 1 : 0;
        bool other_class = ncls && P.cls && ncls != P.cls;
        if (!other_class && !(nn && (nn->role == NR_BIG || nn->role == NR_UNIT) &&
                              big_is_unit_prefix(&P, i)))
            return finish_malformed(&P, start, i);
    }
    out->negative = neg;
    if (neg) {
        out->value.coef = -out->value.coef;
        out->mantissa.coef = -out->mantissa.coef;
    }
    out->len = i;
    out->status = P.over ? FIGS_OVERFLOW : FIGS_OK;
    out->value.overflow = P.over;
    out->mantissa.overflow = P.over;
    if ((fl & FIGP_WHOLE) && i != n)
        out->status = FIGS_MALFORMED;
    return i;
}

/* 三四萬: two neighbouring digits, each next to the other's place. Read the
 * run once without the second digit (三萬) and once without the first (四萬). */
static bool digit_pair(const figures_data *fd, const char *s, size_t n,
                       unsigned fl, numeral *out)
{
    pstate P = {.fd = fd, .s = s, .n = n, .fl = fl};
    size_t end = run_end(&P, 0);
    if (end > 120)
        return false;
    size_t i = 0, prev_start = 0;
    const numchar *prev = NULL;
    while (i < end) {
        size_t st = i;
        const numchar *nc = figures_numchar(fd, fig_next(s, end, &i));
        if (prev && nc && nc->role == NR_DIGIT && prev->role == NR_DIGIT &&
            (nc->flags & NF_CAPITAL) == (prev->flags & NF_CAPITAL) &&
            (nc->digit == prev->digit + 1 || (prev->digit == 3 && nc->digit == 5))) {
            char lo[128], hi[128];
            size_t nlo = 0, nhi = 0;
            memcpy(lo, s, st);                    /* without the second digit */
            nlo = st;
            memcpy(lo + nlo, s + i, end - i);
            nlo += end - i;
            memcpy(hi, s, prev_start);            /* without the first */
            nhi = prev_start;
            memcpy(hi + nhi, s + st, end - st);
            nhi += end - st;
            numeral a, b;
            unsigned f2 = (fl | FIGP_NO_PAIRS) & ~(unsigned)FIGP_SIGN;
            parse_one(fd, lo, nlo, f2, &a);
            parse_one(fd, hi, nhi, f2, &b);
            if (a.status != FIGS_OK || b.status != FIGS_OK || a.len != nlo ||
                b.len != nhi || decimal_cmp(&a.value, &b.value) >= 0)
                return false;
            *out = a;
            out->pair = true;
            out->max = b.value;
            out->len = end;
            return true;
        }
        prev = nc;
        prev_start = st;
    }
    return false;
}

size_t figures_parse(const figures_data *fd, const char *s, size_t n,
                     unsigned fl, numeral *out)
{
    if (!fd)
        fd = figures_data_default();
    size_t len = parse_one(fd, s, n, fl, out);
    if ((fl & FIGP_TEXT) && !(fl & (FIGP_NO_PAIRS | FIGP_STRICT)) &&
        (out->status == FIGS_NONE || out->status == FIGS_MALFORMED)) {
        numeral pr;
        if (digit_pair(fd, s, n, fl, &pr)) {
            *out = pr;
            if ((fl & FIGP_WHOLE) && out->len != n)
                out->status = FIGS_MALFORMED;
            return out->len;
        }
    }
    return len;
}

size_t figures_parse_number(const char *s, size_t n, decimal *out)
{
    numeral num;
    figures_parse(NULL, s, n, FIGP_TEXTMODE, &num);
    if (num.status != FIGS_OK) {
        memset(out, 0, sizeof *out);
        out->overflow = num.status == FIGS_OVERFLOW;
        return 0;
    }
    *out = num.value;
    return num.len;
}

/* ---- cheque-style amounts ------------------------------------------------ */

/* One digit (Han, capital or Arabic) at *i, for 角 and 分. */
static int one_digit(const figures_data *fd, const char *s, size_t n, size_t *i)
{
    size_t k = *i;
    int32_t c = fig_next(s, n, &k);
    int d = fig_arabic_digit(c);
    if (d < 0) {
        const numchar *nc = figures_numchar(fd, c);
        if (!nc || (nc->role != NR_DIGIT && nc->role != NR_ZERO))
            return -1;
        d = nc->digit;
    }
    *i = k;
    return d;
}

size_t figures_parse_amount(const figures_data *fd, const char *s, size_t n,
                            unsigned flags, numeral *out)
{
    if (!fd)
        fd = figures_data_default();
    unsigned pf = flags & ~(unsigned)FIGP_WHOLE;
    memset(out, 0, sizeof *out);
    numeral num;
    figures_parse(fd, s, n, pf, &num);
    size_t i = 0;
    decimal v = {0};
    bool yuan = false, neg = num.negative;
    const fword *w;
    if (num.status != FIGS_OK && num.status != FIGS_OVERFLOW)
        return 0;
    i = num.len;
    const char *iso;
    size_t cl = figures_match_currency(fd, s + i, n - i, FIG_AFTER, &iso);
    if (cl && strcmp(iso, "YUAN") == 0) {
        yuan = true;
        v = num.value;
        i += cl;
    } else if (!(w = figures_word_at(fd, W_AMOUNT, s + i, n - i, 0)) || w->num == 0 ||
               num.value.scale || num.value.coef < -9 || num.value.coef > 9) {
        return 0;
    } else {
        /* 壹角, 负壹角: the digit belongs to the 角 */
        i = 0;
        if (neg)
            fig_next(s, n, &i);
    }
    /* [零] [d 角] [零] [d 分] [整|正] */
    int places_done = 0;     /* 0 none, 1 角 read, 2 分 read */
    bool closed = false, any_small = false;
    for (int step = 0; step < 4 && i < n; step++) {
        size_t k = i;
        const numchar *nc = figures_numchar(fd, fig_peek(s, n, k));
        if (nc && nc->role == NR_ZERO) {
            size_t k2 = k;
            fig_next(s, n, &k2);
            if (k2 < n && (w = figures_word_at(fd, W_AMOUNT, s + k2, n - k2, 0)) && w->num) {
                /* 零角: a written zero digit */
            } else {
                k = k2;       /* 零 as a gap marker: 壹拾元零壹分 */
            }
        }
        int d = one_digit(fd, s, n, &k);
        if (d >= 0) {
            w = figures_word_at(fd, W_AMOUNT, s + k, n - k, 0);
            if (!w || w->num == 0 || w->num <= places_done)
                break;
            decimal part = {.coef = d};
            decimal_mul_pow10(&part, -w->num);
            /* v += part at scale 2 at most */
            int sc = v.scale > part.scale ? v.scale : part.scale;
            int64_t a = v.coef, b = part.coef;
            if (!mul_pow10_i64(&a, sc - v.scale) || !mul_pow10_i64(&b, sc - part.scale) ||
                __builtin_add_overflow(a, neg ? -b : b, &a))
                v.overflow = true;
            v.coef = a;
            v.scale = sc;
            places_done = w->num;
            any_small = true;
            i = k + w->len;
            continue;
        }
        w = figures_word_at(fd, W_AMOUNT, s + i, n - i, 0);
        if (w && w->num == 0 && (yuan || any_small)) {
            i += w->len;
            closed = true;
        }
        break;
    }
    if (!yuan && !any_small)
        return 0;
    if ((flags & FIGP_STRICT) && !closed && !any_small)
        return 0;     /* 壹拾壹元 on a cheque needs 整 */
    out->value = v;
    out->han = num.han;
    out->capital = num.capital;
    out->nonzero = num.nonzero || any_small;
    out->len = i;
    out->status = v.overflow ? FIGS_OVERFLOW : FIGS_OK;
    if ((flags & FIGP_WHOLE) && i != n)
        out->status = FIGS_MALFORMED;
    return i;
}

size_t figures_match_currency(const figures_data *fd, const char *s, size_t n,
                              int side, const char **iso)
{
    if (!fd)
        fd = figures_data_default();
    const fword *w = figures_word_at(fd, W_CURRENCY, s, n, side);
    *iso = w ? w->arg : NULL;
    return w ? w->len : 0;
}
