/* bench_numerals — run figures_parse over other projects' test cases.
 *
 *   bench_numerals EVAL_DIR      (EVAL_DIR holds cn2an_cases.tsv, nzh_cases.tsv)
 *
 * cn2an_cases.tsv: mode <TAB> input <TAB> expected. Modes map to parse flags:
 *   strict -> FIGP_STRICT | FIGP_SIGN, normal -> FIGP_NORMAL, smart -> FIGP_SMART, each
 *   with FIGP_WHOLE; an input the numeral parser rejects is tried as a
 *   cheque-style amount (壹拾壹元壹角). ERROR rows are parsed in strict mode
 *   (cn2an's default) and must be rejected. direct rows are skipped: cn2an's
 *   direct mode returns digit strings with leading zeros ('01'), not values.
 * nzh_cases.tsv: section <TAB> group <TAB> args <TAB> number <TAB> chinese.
 *   toCN rows are checked both ways upstream; we decode the Chinese (normal
 *   mode) and compare with the number. custom "中文,数字互转" rows likewise.
 *   toMoney and the custom money rows are encode-only upstream; as an extra
 *   we decode the toMoney amounts and compare with the number truncated to
 *   分, reported separately.
 * Prints the counts, then every failing or skipped row with the reason.
 *
 *   bench_numerals --speed FILE|DIR...
 * times figures_extract alone over the cleaned, segmented documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "entities.h"
#include "figures.h"

enum { MAXROWS = 2000 };

typedef struct note {
    char where[64];
    char *text;
} note;

static note notes[MAXROWS];
static int n_notes;

static void add_note(const char *file, int line, const char *fmt, const char *a,
                     const char *b, const char *c, const char *d)
{
    if (n_notes >= MAXROWS)
        return;
    note *n = &notes[n_notes++];
    snprintf(n->where, sizeof n->where, "%s:%d", file, line);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (asprintf(&n->text, fmt, a, b, c, d) < 0)
        n->text = NULL;
#pragma GCC diagnostic pop
    if (!n->text)
        n_notes--;
}

/* "-1.01e3", "001", "1e16" -> exact decimal; *fits false when the value
 * needs more than int64 (or 18 decimals). */
static int parse_expected(const char *s, decimal *out, int *fits)
{
    memset(out, 0, sizeof *out);
    *fits = 1;
    int neg = 0, point = 0, any = 0, frac = 0;
    char digits[512];
    size_t nd = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.' && !point) { point = 1; continue; }
        if (*s < '0' || *s > '9')
            return 0;
        any = 1;
        if (nd < sizeof digits - 1)
            digits[nd++] = *s;
        if (point)
            frac++;
    }
    if (!any)
        return 0;
    long exp = 0;
    if (*s == 'e' || *s == 'E')
        exp = strtol(s + 1, NULL, 10);
    long scale = frac - exp;
    /* strip leading zeros */
    size_t k = 0;
    while (k + 1 < nd && digits[k] == '0')
        k++;
    /* drop trailing zeros while the scale is positive */
    while (scale > 0 && nd > k + 1 && digits[nd - 1] == '0') {
        nd--;
        scale--;
    }
    __int128 v = 0;
    for (size_t i = k; i < nd; i++) {
        v = v * 10 + (digits[i] - '0');
        if (v > (__int128)INT64_MAX)
            *fits = 0;
    }
    while (scale < 0) {
        v *= 10;
        scale++;
        if (v > (__int128)INT64_MAX) {
            *fits = 0;
            break;
        }
    }
    if (scale > 18)
        *fits = 0;
    if (!*fits)
        return 1;
    out->coef = (int64_t)(neg ? -v : v);
    out->scale = (int32_t)scale;
    return 1;
}

/* Number, else amount, with flags | FIGP_WHOLE. Returns 1 when accepted. */
static int decode(const char *s, unsigned flags, numeral *out)
{
    size_t n = strlen(s);
    figures_parse(NULL, s, n, flags | FIGP_WHOLE, out);
    if ((out->status == FIGS_OK || out->status == FIGS_OVERFLOW) && out->len == n)
        return 1;
    figures_parse_amount(NULL, s, n, flags | FIGP_WHOLE, out);
    return (out->status == FIGS_OK || out->status == FIGS_OVERFLOW) && out->len == n;
}

static const char *got_text(int ok, const numeral *N, char *buf, size_t size)
{
    if (!ok) {
        snprintf(buf, size, "rejected");
        return buf;
    }
    decimal_format(&N->value, buf, size);
    return buf;
}

static char *field(char **p)
{
    char *s = *p;
    if (!s)
        return "";
    char *t = strchr(s, '\t');
    if (t) { *t = '\0'; *p = t + 1; } else *p = NULL;
    return s;
}

typedef struct tally { int pass, total; } tally;

static int run_cn2an(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/cn2an_cases.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return -1; }
    tally strict = {0}, normal = {0}, smart = {0}, err = {0};
    int direct = 0, rows = 0, line = 0;
    char buf[4096];
    while (fgets(buf, sizeof buf, f)) {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (buf[0] == '#' || !buf[0])
            continue;
        rows++;
        char *p = buf;
        char *mode = field(&p), *input = field(&p), *expected = field(&p);
        numeral N;
        char got[64];
        if (!strcmp(mode, "direct")) {
            int ok = decode(input, FIGP_SMART, &N);
            direct++;
            add_note("cn2an", line, "skip  direct  %s  expected %s  (we read %s): out of scope, "
                     "direct mode returns a digit string keeping leading zeros%s",
                     input, expected, got_text(ok, &N, got, sizeof got),
                     strstr(input, "幺") ? "; 幺 (phone-style 1) is not a numeral here" : "");
            continue;
        }
        if (!strcmp(expected, "ERROR")) {
            int ok = decode(input, FIGP_STRICT | FIGP_SIGN, &N);
            err.total++;
            if (!ok)
                err.pass++;
            else
                add_note("cn2an", line, "FAIL  ERROR  %s  accepted as %s%s%s", input,
                         got_text(ok, &N, got, sizeof got), "", "");
            continue;
        }
        unsigned fl = !strcmp(mode, "strict") ? FIGP_STRICT | FIGP_SIGN
                    : !strcmp(mode, "normal") ? FIGP_NORMAL : FIGP_SMART;
        tally *t = !strcmp(mode, "strict") ? &strict : !strcmp(mode, "normal") ? &normal : &smart;
        decimal want;
        int fits;
        if (!parse_expected(expected, &want, &fits)) {
            add_note("cn2an", line, "skip  %s  %s  %s: cannot read the expected value%s",
                     mode, input, expected, "");
            continue;
        }
        int ok = decode(input, fl, &N);
        t->total++;
        if (ok && N.status == FIGS_OK && decimal_cmp(&N.value, &want) == 0)
            t->pass++;
        else
            add_note("cn2an", line, "FAIL  %s  %s  expected %s  got %s", mode, input, expected,
                     got_text(ok, &N, got, sizeof got));
    }
    fclose(f);
    printf("cn2an_cases.tsv: %d rows\n", rows);
    printf("  strict   %3d/%-3d values right\n", strict.pass, strict.total);
    printf("  normal   %3d/%-3d values right\n", normal.pass, normal.total);
    printf("  smart    %3d/%-3d values right\n", smart.pass, smart.total);
    printf("  ERROR    %3d/%-3d rejected (strict mode)\n", err.pass, err.total);
    printf("  direct   %3d skipped (out of scope)\n", direct);
    int pass = strict.pass + normal.pass + smart.pass + err.pass;
    int total = strict.total + normal.total + smart.total + err.total;
    printf("  parsing rows: %d/%d pass\n", pass, total);
    return 0;
}

static int run_nzh(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/nzh_cases.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return -1; }
    tally dec = {0}, money = {0};
    int over = 0, over_total = 0, skipped = 0, rows = 0, line = 0;
    char buf[4096];
    while (fgets(buf, sizeof buf, f)) {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (buf[0] == '#' || !buf[0])
            continue;
        rows++;
        char *p = buf;
        char *section = field(&p), *group = field(&p), *args = field(&p);
        char *number = field(&p), *chinese = field(&p);
        (void)args;
        numeral N;
        char got[64];
        decimal want;
        int fits;
        if (!parse_expected(number, &want, &fits)) {
            add_note("nzh", line, "skip  %s  %s: cannot read the number %s%s", section, chinese,
                     number, "");
            continue;
        }
        int is_decode = !strcmp(section, "toCN") ||
                        (!strcmp(section, "custom") && strstr(group, "数字互转"));
        if (is_decode) {
            int ok = decode(chinese, FIGP_NORMAL, &N);
            if (!fits) {
                over_total++;
                if (ok && N.status == FIGS_OVERFLOW)
                    over++;
                else
                    add_note("nzh", line, "FAIL  %s  %s  expected overflow (%s)  got %s", section,
                             chinese, number, got_text(ok, &N, got, sizeof got));
                continue;
            }
            dec.total++;
            if (ok && N.status == FIGS_OK && decimal_cmp(&N.value, &want) == 0)
                dec.pass++;
            else
                add_note("nzh", line, "FAIL  %s  %s  expected %s  got %s", section, chinese,
                         number, got_text(ok, &N, got, sizeof got));
            if (strstr(chinese, "京") && !(ok && N.status == FIGS_OK))
                add_note("nzh", line, "      %s: 京 (10^16, set up as a custom unit in nzh) is "
                         "not a numeral here: ICU gives it no value, and in news 京 is Beijing%s%s%s",
                         "", "", "", "");
            continue;
        }
        if (!strcmp(section, "toMoney")) {
            /* encode-only upstream: decode the amount after its currency */
            const char *iso;
            size_t cl = figures_match_currency(NULL, chinese, strlen(chinese), FIG_BEFORE, &iso);
            int ok = decode(chinese + cl, FIGP_NORMAL, &N);
            /* nzh truncates to 分 */
            decimal w2 = want;
            while (w2.scale > 2) {
                w2.coef /= 10;
                w2.scale--;
            }
            money.total++;
            if (ok && N.status == FIGS_OK && decimal_cmp(&N.value, &w2) == 0)
                money.pass++;
            else
                add_note("nzh", line, "FAIL  toMoney  %s  expected %s  got %s%s", chinese, number,
                         got_text(ok, &N, got, sizeof got), "");
            continue;
        }
        skipped++;
        add_note("nzh", line, "skip  %s %s  %s: out of scope, encode-only with a custom "
                 "character set (¥ prefix, 厘 = 0.001) (number %s)", section, group, chinese, number);
    }
    fclose(f);
    printf("nzh_cases.tsv: %d rows\n", rows);
    printf("  decode   %3d/%-3d values right (toCN, custom 中文,数字互转)\n", dec.pass, dec.total);
    printf("  too big  %3d/%-3d flagged overflow, never wrapped (value > int64)\n", over, over_total);
    printf("  money    %3d/%-3d decoded right (toMoney, encode-only upstream: extra)\n",
           money.pass, money.total);
    printf("  custom   %3d skipped (out of scope)\n", skipped);
    printf("  parsing rows: %d/%d pass\n", dec.pass + over, dec.total + over_total);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int speed(int argc, char **argv)
{
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    for (int i = 0; i < argc; i++)
        if (corpus_add_path(&c, argv[i], NULL, &e))
            goto fail;
    if (corpus_run(&c, STAGE_SEGMENT, &e) || figures_data_load(&c.figures, NULL, &e))
        goto fail;
    size_t bytes = 0, figs = 0;
    for (size_t k = 0; k < c.n_docs; k++)
        bytes += c.docs[k]->text_len;
    int reps = 0;
    double t0 = now(), t;
    do {
        figs = 0;
        for (size_t k = 0; k < c.n_docs; k++) {
            doc *d = c.docs[k];
            d->n_mentions = 0;
            if (figures_extract(d, &c))
                goto fail;
            figs += d->n_mentions;
        }
        reps++;
    } while ((t = now() - t0) < 1.0);
    printf("figures_extract: %zu documents, %.2f MB of cleaned text, %zu figures; "
           "%.1f MB/s (%d runs in %.2f s)\n", c.n_docs, (double)bytes / 1e6, figs,
           (double)bytes * reps / t / 1e6, reps, t);
    corpus_free(&c);
    return 0;
fail:;
    char b[1200];
    cr_error_format(&e, b, sizeof b);
    fprintf(stderr, "bench_numerals: %s\n", b);
    corpus_free(&c);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--speed") == 0)
        return speed(argc - 2, argv + 2);
    const char *dir = argc > 1 ? argv[1] : "../shared/eval/numerals";
    if (!figures_data_default()) {
        fprintf(stderr, "bench_numerals: cannot load data/ (set CROSSREAD_DATADIR)\n");
        return 2;
    }
    if (run_cn2an(dir) || run_nzh(dir))
        return 2;
    printf("\nFailing and skipped rows:\n");
    for (int i = 0; i < n_notes; i++)
        printf("  %-10s %s\n", notes[i].where, notes[i].text);
    if (!n_notes)
        printf("  none\n");
    return 0;
}
