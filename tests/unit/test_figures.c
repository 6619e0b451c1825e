/* test_figures.c — numerals, decimals, currencies, qualifiers, ranges,
 * dates, messy text, overflow and rejects; extraction over small made-up
 * documents, by hand and through the corpus pipeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"
#include "entities.h"
#include "figures.h"

static const figures_data *FD;

/* ---- numerals ------------------------------------------------------------ */

/* Parse s with flags; returns the formatted value, "REJECT" (none or
 * malformed, or not the whole string with FIGP_WHOLE) or "OVERFLOW". */
static const char *num(const char *s, unsigned flags)
{
    static char buf[8][64];
    static int k;
    char *b = buf[k++ % 8];
    numeral N;
    figures_parse(FD, s, strlen(s), flags, &N);
    if (N.status == FIGS_OVERFLOW)
        return "OVERFLOW";
    if (N.status != FIGS_OK || ((flags & FIGP_WHOLE) && N.len != strlen(s)))
        return "REJECT";
    decimal_format(&N.value, b, 64);
    return b;
}

#define TEXT(s) num(s, FIGP_TEXTMODE | FIGP_WHOLE)
#define NORMAL(s) num(s, FIGP_NORMAL | FIGP_WHOLE)
#define STRICT(s) num(s, FIGP_STRICT | FIGP_SIGN | FIGP_WHOLE)

static void test_numerals(void)
{
    /* the examples, exact */
    CHECK_STR(TEXT("5.4億"), "540000000");
    CHECK_STR(TEXT("1000億"), "100000000000");
    CHECK_STR(TEXT("兩千六"), "2600");
    CHECK_STR(TEXT("两千六"), "2600");
    CHECK_STR(TEXT("三十"), "30");
    CHECK_STR(TEXT("1,200"), "1200");
    CHECK_STR(TEXT("１２３"), "123");
    CHECK_STR(TEXT("１，２００"), "1200");
    CHECK_STR(TEXT("零"), "0");
    CHECK_STR(TEXT("〇"), "0");
    CHECK_STR(TEXT("壹仟貳佰參拾"), "1230");
    CHECK_STR(TEXT("廿二"), "22");
    CHECK_STR(TEXT("卅"), "30");
    CHECK_STR(TEXT("十"), "10");
    CHECK_STR(TEXT("十一"), "11");
    CHECK_STR(TEXT("一百零一"), "101");
    CHECK_STR(TEXT("一千零十"), "1010");
    CHECK_STR(TEXT("三萬五"), "35000");
    CHECK_STR(TEXT("一億五"), "150000000");
    CHECK_STR(TEXT("一百二十萬三"), "1203000");
    CHECK_STR(TEXT("十萬零一千"), "101000");
    CHECK_STR(TEXT("三千萬"), "30000000");
    CHECK_STR(TEXT("百萬"), "1000000");
    CHECK_STR(TEXT("十萬億"), "10000000000000");
    CHECK_STR(TEXT("3萬億"), "3000000000000");
    CHECK_STR(TEXT("1.5萬億"), "1500000000000");
    CHECK_STR(TEXT("1兆"), "1000000000000");
    CHECK_STR(TEXT("3億5000萬"), "350000000");
    CHECK_STR(TEXT("3萬2千"), "32000");
    CHECK_STR(TEXT("1万600"), "10600");
    CHECK_STR(TEXT("200亿零四千230"), "20000004230");
    CHECK_STR(TEXT("2 億"), "200000000");
    CHECK_STR(TEXT("0.25"), "0.25");
    CHECK_STR(TEXT("11.20"), "11.20");
    CHECK_STR(TEXT("一百点五"), "100.5");
    CHECK_STR(TEXT("三點五億"), "350000000");
    CHECK_STR(TEXT("零点零一"), "0.01");
    CHECK_STR(TEXT("二〇二四"), "2024");
    CHECK_STR(TEXT("二零二四"), "2024");
    CHECK_STR(TEXT("1,234,567.89"), "1234567.89");
    CHECK_STR(TEXT("0.0000001萬"), "0.001");
    /* 多/餘 inside: a lower bound */
    numeral N;
    figures_parse(FD, "十多萬", strlen("十多萬"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_OK && N.more && N.value.coef == 100000);
    figures_parse(FD, "9000多萬", strlen("9000多萬"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_OK && N.more && N.value.coef == 90000000);
    /* mantissa and multiplier, for ranges */
    figures_parse(FD, "4萬", strlen("4萬"), FIGP_TEXTMODE, &N);
    CHECK(N.mult_exp == 4 && N.mantissa.coef == 4);
    figures_parse(FD, "1.5億", strlen("1.5億"), FIGP_TEXTMODE, &N);
    CHECK(N.mult_exp == 8 && N.mantissa.coef == 15 && N.mantissa.scale == 1);
    /* a prefix is parsed, the rest left */
    figures_parse(FD, "5.4億美元", strlen("5.4億美元"), FIGP_TEXTMODE, &N);
    CHECK_INT(N.len, strlen("5.4億"));
    figures_parse(FD, "3-4萬", strlen("3-4萬"), FIGP_TEXTMODE, &N);
    CHECK_INT(N.len, 1);
    /* 兆 before 瓦 is mega, not 10^12 */
    figures_parse(FD, "100兆瓦", strlen("100兆瓦"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_OK && N.len == 3 && N.value.coef == 100);

    /* the convenience wrapper */
    decimal v;
    CHECK_INT(figures_parse_number("17.6億次", strlen("17.6億次"), &v), strlen("17.6億"));
    CHECK_INT(v.coef, 1760000000);
    CHECK_INT(figures_parse_number("abc", 3, &v), 0);
}

static void test_modes(void)
{
    /* normal (colloquial) forms */
    CHECK_STR(NORMAL("一一"), "11");
    CHECK_STR(NORMAL("一七二零点一"), "1720.1");
    CHECK_STR(NORMAL("一百十一"), "111");
    CHECK_STR(NORMAL("一千一十"), "1010");
    CHECK_STR(NORMAL("负零点一零"), "-0.10");
    CHECK_STR(NORMAL("一亿亿"), "10000000000000000");
    CHECK_STR(NORMAL("一十亿零一十一亿"), "100000001100000000");
    CHECK_STR(NORMAL("一十万万零一百一十万亿"), "100110000000000000");
    /* strict: canonical only */
    CHECK_STR(STRICT("一万零一百一十一"), "10111");
    CHECK_STR(STRICT("十万零一"), "100001");
    CHECK_STR(STRICT("负十一"), "-11");
    CHECK_STR(STRICT("零点零零一"), "0.001");
    CHECK_STR(STRICT("一千亿一千万一千零一"), "100010001001");
    CHECK_STR(STRICT("十万零一千"), "REJECT");    /* superfluous 零 */
    CHECK_STR(STRICT("一千一十"), "REJECT");      /* missing 零 */
    CHECK_STR(STRICT("一百十一"), "REJECT");      /* 十 without its digit */
    CHECK_STR(STRICT("两千六"), "REJECT");
    CHECK_STR(STRICT("〇"), "REJECT");
    CHECK_STR(STRICT("零点零"), "REJECT");
    CHECK_STR(STRICT("一二三"), "REJECT");
    CHECK_STR(STRICT("10.1"), "REJECT");
    /* in running text: 一一 is "one by one", not 11 */
    CHECK_STR(TEXT("一一"), "REJECT");
    CHECK_STR(TEXT("九一一"), "911");
    /* capital forms do not stand alone or mix with ordinary ones in text */
    CHECK_STR(TEXT("陆"), "REJECT");
    CHECK_STR(TEXT("拾"), "REJECT");
    CHECK_STR(num("拾", FIGP_NORMAL | FIGP_WHOLE), "10");
    CHECK_STR(TEXT("伍佰"), "500");
    figures_parse(FD, "陆十年", strlen("陆十年"), FIGP_TEXTMODE, &(numeral){0});
    numeral N;
    figures_parse(FD, "陆十年", strlen("陆十年"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_NONE);
    figures_parse(FD, "十年", strlen("十年"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_OK && N.value.coef == 10);
}

static void test_rejects_and_overflow(void)
{
    const char *bad[] = {"", "元整", "圆", "负", "零点", "点一", "百十一", "十一十二",
                         "十七十八", "零点点", "1.2.3萬", "10..1万", "10.1万零100",
                         "3億15000萬", "一百零", "萬", "億億億", "1,2345"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *r = NORMAL(bad[i]);
        if (strcmp(r, "REJECT") != 0)
            fprintf(stderr, "accepted: %s -> %s\n", bad[i], r ? r : "?");   /* gcc -O2 -fsanitize cannot see r is set */
        CHECK_STR(r, "REJECT");
        CHECK_STR(TEXT(bad[i]), "REJECT");
    }
    /* a malformed run is skipped whole, not re-read from the middle */
    numeral N;
    figures_parse(FD, "1.2.3萬人", strlen("1.2.3萬人"), FIGP_TEXTMODE, &N);
    CHECK(N.status == FIGS_MALFORMED && N.len == strlen("1.2.3萬"));

    /* too large: flagged, never wrapped */
    CHECK_STR(TEXT("9223372036854775807"), "9223372036854775807");
    CHECK_STR(TEXT("9223372036854775808"), "OVERFLOW");
    CHECK_STR(TEXT("1000億億"), "OVERFLOW");
    CHECK_STR(NORMAL("一万亿亿"), "OVERFLOW");
    CHECK_STR(TEXT("922億億"), "9220000000000000000");
    CHECK_STR(TEXT("923億億"), "OVERFLOW");
    CHECK_STR(TEXT("0.0000000000000000001"), "OVERFLOW");
    decimal v;
    CHECK_INT(figures_parse_number("1000億億", strlen("1000億億"), &v), 0);
    CHECK(v.overflow);

    /* absurd input: bounded time, flagged or rejected */
    size_t big = 5000;
    char *digits = malloc(big + 1);
    memset(digits, '7', big);
    digits[big] = '\0';
    CHECK_STR(TEXT(digits), "OVERFLOW");
    figures_parse(FD, digits, big, FIGP_TEXTMODE, &N);
    CHECK_INT(N.len, big);
    free(digits);
    size_t reps = 20000, len = reps * 3 + 1;
    char *yi = malloc(len + 1);
    yi[0] = '1';
    for (size_t i = 0; i < reps; i++)
        memcpy(yi + 1 + i * 3, "億", 3);
    yi[len] = '\0';
    clock_t t0 = clock();
    CHECK_STR(TEXT(yi), "OVERFLOW");
    CHECK_STR(TEXT(yi + 1), "REJECT");
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    free(yi);
    char *zeros = malloc(60000);
    strcpy(zeros, "零点");
    for (int i = 0; i < 10000; i++)
        strcat(zeros + i * 3, "零");
    CHECK_STR(NORMAL(zeros), "OVERFLOW");
    free(zeros);
}

/* ---- decimals ------------------------------------------------------------ */

static decimal D(const char *s)
{
    decimal v;
    figures_parse_number(s, strlen(s), &v);
    return v;
}

static void test_decimals(void)
{
    char b[64];
    decimal x = {.coef = -5, .scale = 3};
    decimal_format(&x, b, sizeof b);
    CHECK_STR(b, "-0.005");
    x = (decimal){.coef = INT64_MIN};
    decimal_format(&x, b, sizeof b);
    CHECK_STR(b, "-9223372036854775808");
    x = (decimal){.overflow = true};
    decimal_format(&x, b, sizeof b);
    CHECK_STR(b, "overflow");

    decimal a = {.coef = 11, .scale = 0}, c = {.coef = 1100, .scale = 2};
    CHECK(decimal_cmp(&a, &c) == 0);
    c.coef = 1101;
    CHECK(decimal_cmp(&a, &c) < 0 && decimal_cmp(&c, &a) > 0);
    decimal o = {.overflow = true};
    CHECK(decimal_cmp(&o, &a) > 0 && decimal_cmp(&a, &o) < 0);
    decimal m1 = D("-10.1萬");
    (void)m1;

    /* agreement within the rounding of the less precise value */
    decimal p1 = D("3.52億"), p2 = D("3.5億");
    CHECK(decimal_agree(&p1, &p2) && decimal_agree(&p2, &p1));
    decimal q1 = D("500萬"), q2 = D("508萬");
    CHECK(!decimal_agree(&q1, &q2));
    decimal r1 = D("3.55億"), r2 = D("3.45億");
    CHECK(!decimal_agree(&r1, &p2));      /* 3.55 rounds to 3.6 */
    CHECK(decimal_agree(&r2, &p2));       /* 3.45 rounds to 3.5 */
    decimal s1 = D("5.4億"), s2 = D("540000000");
    CHECK(decimal_agree(&s1, &s2));
    decimal t1 = D("五百萬"), t2 = D("500萬");
    CHECK(decimal_agree(&t1, &t2));
    decimal u1 = D("11.2"), u2 = D("11.24"), u3 = D("11.25");
    CHECK(decimal_agree(&u1, &u2) && !decimal_agree(&u1, &u3));
    decimal w1 = D("三萬五"), w2 = D("35200");
    CHECK(decimal_agree(&w1, &w2));       /* 三萬五 is written to the thousand */
    CHECK(!decimal_agree(&o, &o));
    CHECK_INT(p2.unsig, 7);
    CHECK_INT(q1.unsig, 4);
}

/* ---- extraction over hand-built documents -------------------------------- */

typedef struct xdoc {
    doc d;
} xdoc;

static doc *make_doc(const char *text, const char *script)
{
    doc *d = calloc(1, sizeof *d);
    arena_init(&d->arena);
    d->text = arena_strdup(&d->arena, text);
    d->text_len = (uint32_t)strlen(text);
    d->script = script;
    d->id = d->path = d->title = d->outlet = d->date = "";
    figures_extract(d, NULL);
    return d;
}

static void free_doc(doc *d)
{
    arena_free(&d->arena);
    free(d);
}

/* The figure whose span text is exactly s (NULL if none). */
static const mention *fig(const doc *d, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *m = &d->mentions[i];
        if (m->type >= MENTION_MONEY && m->end - m->start == n &&
            !memcmp(d->text + m->start, s, n))
            return &d->mentions[i];
    }
    return NULL;
}

static bool val(const mention *m, const char *want)
{
    char b[64];
    if (!m)
        return false;
    decimal_format(&m->value, b, sizeof b);
    if (strcmp(b, want) != 0)
        fprintf(stderr, "  value %s, want %s\n", b, want);
    return strcmp(b, want) == 0;
}

static bool maxv(const mention *m, const char *want)
{
    char b[64];
    if (!m)
        return false;
    decimal_format(&m->max, b, sizeof b);
    return strcmp(b, want) == 0;
}

#define MONEY(d, s, v, iso)                                                    \
    do {                                                                       \
        const mention *m_ = fig(d, s);                                         \
        if (!m_) fprintf(stderr, "no figure \"%s\"\n", s);                     \
        CHECK(m_ && m_->type == MENTION_MONEY && val(m_, v));                  \
        if (m_) CHECK_STR(m_->currency, iso);                                  \
    } while (0)

static void test_money(void)
{
    doc *d = make_doc("去年營收5.4億美元,另有1000億元人民幣與人民幣508萬,"
                      "兩千六百萬港元、300萬港幣、2億新台幣、NT$2,000、500萬歐元、"
                      "10億日圓、3億日元、20萬英鎊、US$1.5億、HK$ 300萬、€500萬、"
                      "£30、¥100、RMB300、50 USD、100美金、3億韓元。", "Hant");
    MONEY(d, "5.4億美元", "540000000", "USD");
    MONEY(d, "1000億元人民幣", "100000000000", "CNY");
    MONEY(d, "人民幣508萬", "5080000", "CNY");
    MONEY(d, "兩千六百萬港元", "26000000", "HKD");
    MONEY(d, "300萬港幣", "3000000", "HKD");
    MONEY(d, "2億新台幣", "200000000", "TWD");
    MONEY(d, "NT$2,000", "2000", "TWD");
    MONEY(d, "500萬歐元", "5000000", "EUR");
    MONEY(d, "10億日圓", "1000000000", "JPY");
    MONEY(d, "3億日元", "300000000", "JPY");
    MONEY(d, "20萬英鎊", "200000", "GBP");
    MONEY(d, "US$1.5億", "150000000", "USD");
    MONEY(d, "HK$ 300萬", "3000000", "HKD");
    MONEY(d, "€500萬", "5000000", "EUR");
    MONEY(d, "£30", "30", "GBP");
    MONEY(d, "¥100", "100", "CNY");
    MONEY(d, "RMB300", "300", "CNY");
    MONEY(d, "50 USD", "50", "USD");
    MONEY(d, "100美金", "100", "USD");
    MONEY(d, "3億韓元", "300000000", "KRW");
    free_doc(d);

    /* messy source text: the later, more specific currency wins */
    d = make_doc("機構投資6500萬元美元。市場推測估值在10億元左右美元。", "Hant");
    MONEY(d, "6500萬元美元", "65000000", "USD");
    MONEY(d, "10億元左右美元", "1000000000", "USD");
    CHECK(fig(d, "10億元左右美元")->qualifier == Q_APPROX);
    free_doc(d);

    /* a bare 元: Simplified -> CNY */
    d = make_doc("这家公司去年营收300万元,利润下降了很多,管理层表示今年会继续投入研发和市场推广。", "");
    MONEY(d, "300万元", "3000000", "CNY");
    free_doc(d);
    /* a short Simplified text (under 20 Han characters) -> CNY too */
    d = make_doc("该公司营收达到5.4亿元。", "");
    MONEY(d, "5.4亿元", "540000000", "CNY");
    free_doc(d);
    /* ... but a short Traditional one, or one too short to tell, stays unknown */
    d = make_doc("該公司營收達到5.4億元。", "");
    MONEY(d, "5.4億元", "540000000", "unknown");
    free_doc(d);
    d = make_doc("营收5亿元", "");
    MONEY(d, "5亿元", "500000000", "unknown");
    free_doc(d);
    /* Traditional with 新台幣 named elsewhere -> TWD */
    d = make_doc("公司營收達2億新台幣,其中獲利3000萬元,股東會決議配發現金股利。", "Hant");
    MONEY(d, "3000萬元", "30000000", "TWD");
    free_doc(d);
    /* Traditional with nothing to go on -> unknown, not a guess */
    d = make_doc("公司營收達3000萬元,股東會決議配發現金股利,董事會也通過了新的投資計畫。", "Hant");
    MONEY(d, "3000萬元", "30000000", "unknown");
    free_doc(d);
    /* Traditional with both 人民幣 and 港元 -> unknown */
    d = make_doc("收購價為人民幣1億及5000萬港元,另付300萬元。", "Hant");
    MONEY(d, "300萬元", "3000000", "unknown");
    free_doc(d);
    /* no currency word: a count, never money */
    d = make_doc("據估算該公司日燒508萬,難以為繼。", "Hant");
    const mention *m = fig(d, "508萬");
    CHECK(m && m->type == MENTION_COUNT && !m->unit && !m->currency[0]);
    free_doc(d);
    /* cheque-style amounts */
    d = make_doc("合約金額人民幣壹拾壹元壹角整,另付玖仟陆佰陆拾伍圆壹角捌分。", "Hans");
    MONEY(d, "人民幣壹拾壹元壹角整", "11.1", "CNY");
    MONEY(d, "玖仟陆佰陆拾伍圆壹角捌分", "9665.18", "CNY");
    free_doc(d);
    /* Latin codes need word boundaries */
    d = make_doc("他持有300USDT和500 USD。", "Hant");
    CHECK(!fig(d, "300USDT") && !fig(d, "300US"));
    MONEY(d, "500 USD", "500", "USD");
    free_doc(d);
}

static void test_every_currency_form(void)
{
    /* each surface in data/currencies.tsv, on the side it is listed for */
    char path[4096];
    const char *dir = getenv("CROSSREAD_DATADIR");
    snprintf(path, sizeof path, "%s/data/currencies.tsv", dir ? dir : ".");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *surface = strtok(line, "\t"), *iso = strtok(NULL, "\t"), *side = strtok(NULL, "\t");
        if (!surface || !iso || !side)
            continue;
        rows++;
        const char *want = strcmp(iso, "YUAN") == 0 ? "CNY" : iso;
        char text[256], span[128];
        if (strcmp(side, "before") == 0)
            snprintf(span, sizeof span, "%s300", surface);
        else
            snprintf(span, sizeof span, "300萬%s", surface);
        snprintf(text, sizeof text, "报道说,这笔交易金额为%s,各方已经签约。", span);
        doc *d = make_doc(text, "Hans");
        const mention *m = fig(d, span);
        if (!m || m->type != MENTION_MONEY || strcmp(m->currency, want) != 0)
            fprintf(stderr, "currency form failed: %s (%s)\n", span, want);
        CHECK(m && m->type == MENTION_MONEY && !strcmp(m->currency, want));
        free_doc(d);
        if (strcmp(side, "both") == 0) {
            snprintf(span, sizeof span, "%s300", surface);
            snprintf(text, sizeof text, "报道说,这笔交易金额为%s,各方已经签约。", span);
            d = make_doc(text, "Hans");
            m = fig(d, span);
            CHECK(m && m->type == MENTION_MONEY && !strcmp(m->currency, want));
            free_doc(d);
        }
    }
    fclose(f);
    CHECK(rows > 50);
}

#define QUAL(d, s, q)                                                          \
    do {                                                                       \
        const mention *m_ = fig(d, s);                                         \
        if (!m_) fprintf(stderr, "no figure \"%s\"\n", s);                     \
        CHECK(m_ && m_->qualifier == (q));                                     \
    } while (0)

static void test_qualifiers_ranges(void)
{
    doc *d = make_doc("約100人,大約200人,300人左右,近5000萬,超過30位,逾50家,不低於1000億美元,"
                      "不低于10亿美元,9000多萬,上萬人,至少4名,最多5000人,不到100家,"
                      "100人以上,數千人,十多萬人,1萬多張,5個多月,約合人民幣508萬。", "Hant");
    QUAL(d, "約100人", Q_APPROX);
    QUAL(d, "大約200人", Q_APPROX);
    QUAL(d, "300人左右", Q_APPROX);
    QUAL(d, "近5000萬", Q_APPROX);
    QUAL(d, "超過30位", Q_MORE_THAN);
    QUAL(d, "逾50家", Q_MORE_THAN);
    QUAL(d, "不低於1000億美元", Q_AT_LEAST);
    QUAL(d, "不低于10亿美元", Q_AT_LEAST);
    QUAL(d, "9000多萬", Q_MORE_THAN);
    QUAL(d, "上萬人", Q_AT_LEAST);
    QUAL(d, "至少4名", Q_AT_LEAST);
    QUAL(d, "最多5000人", Q_AT_MOST);
    QUAL(d, "不到100家", Q_AT_MOST);
    QUAL(d, "100人以上", Q_AT_LEAST);
    QUAL(d, "數千人", Q_MORE_THAN);
    QUAL(d, "十多萬人", Q_MORE_THAN);
    QUAL(d, "1萬多張", Q_MORE_THAN);
    QUAL(d, "5個多月", Q_MORE_THAN);
    QUAL(d, "約合人民幣508萬", Q_APPROX);
    const mention *m;
    CHECK(val(fig(d, "上萬人"), "10000"));
    CHECK(val(fig(d, "數千人"), "1000"));
    CHECK_STR(fig(d, "5個多月")->unit, "個月");
    free_doc(d);

    /* neighbouring digits: a rough range */
    d = make_doc("約有三四萬人,十七八歲,兩三百家,五六十個國家,三四成的人,三五天,"
                 "亂七八糟,三五成群,二三萬美元。", "Hant");
    m = fig(d, "三四萬人");
    CHECK(m && m->qualifier == Q_RANGE && val(m, "30000") && maxv(m, "40000"));
    m = fig(d, "十七八歲");
    CHECK(m && val(m, "17") && maxv(m, "18"));
    m = fig(d, "兩三百家");
    CHECK(m && val(m, "200") && maxv(m, "300"));
    m = fig(d, "五六十個");
    CHECK(m && val(m, "50") && maxv(m, "60"));
    m = fig(d, "三四成");
    CHECK(m && m->type == MENTION_PERCENT && val(m, "30") && maxv(m, "40"));
    CHECK(fig(d, "三五天") && maxv(fig(d, "三五天"), "5"));
    CHECK(!fig(d, "七八") && !fig(d, "三五成") && !fig(d, "三五"));
    m = fig(d, "二三萬美元");
    CHECK(m && m->type == MENTION_MONEY && val(m, "20000") && maxv(m, "30000"));
    free_doc(d);
    numeral N;
    figures_parse(FD, "三四萬", strlen("三四萬"), FIGP_TEXTMODE | FIGP_WHOLE, &N);
    CHECK(N.status == FIGS_OK && N.pair && N.value.coef == 30000 && N.max.coef == 40000);
    CHECK_STR(NORMAL("三四萬"), "REJECT");
    CHECK_STR(num("三四萬", FIGP_TEXTMODE | FIGP_NO_PAIRS | FIGP_WHOLE), "REJECT");

    /* "最近" is "recent", not "nearly" */
    d = make_doc("最近5年有30人離職。", "Hant");
    QUAL(d, "最近5年", Q_EXACT);
    free_doc(d);

    d = make_doc("芯片3-4萬美元,估值3至4億,漲幅1.5%-2%,三至四萬人,100-200人,"
                 "5千-1萬人,2023-2024年。", "Hant");
    m = fig(d, "3-4萬美元");
    CHECK(m && m->qualifier == Q_RANGE && val(m, "30000") && maxv(m, "40000") &&
          !strcmp(m->currency, "USD"));
    m = fig(d, "3至4億");
    CHECK(m && m->qualifier == Q_RANGE && val(m, "300000000") && maxv(m, "400000000"));
    m = fig(d, "1.5%-2%");
    CHECK(m && m->type == MENTION_PERCENT && val(m, "1.5") && maxv(m, "2"));
    m = fig(d, "三至四萬人");
    CHECK(m && m->qualifier == Q_RANGE && val(m, "30000") && maxv(m, "40000"));
    m = fig(d, "100-200人");
    CHECK(m && val(m, "100") && maxv(m, "200"));
    m = fig(d, "5千-1萬人");
    CHECK(m && val(m, "5000") && maxv(m, "10000"));
    CHECK(!fig(d, "2023-2024年"));
    free_doc(d);
    d = make_doc("跌幅為-3.2%,以及-500萬美元的虧損,2023年-2024年,編號A-3人。", "Hant");
    CHECK(val(fig(d, "-3.2%"), "-3.2"));
    CHECK(val(fig(d, "-500萬美元"), "-5000000"));
    CHECK(fig(d, "2024年") && !fig(d, "-2024年") && !fig(d, "3人") && !fig(d, "-3人"));
    CHECK(fig(d, "2024年") && fig(d, "2024年")->type == MENTION_DATE);
    free_doc(d);
}

static void test_percent_count_date(void)
{
    doc *d = make_doc("增長了11.2%,下降12％,逾百分之十,上升3個百分點,七成五的人同意,"
                      "三成為零,兩成股東。訪問量1.42億,囤了1萬張顯卡,17億,10個月,"
                      "8,000個,12天,一個人,兩家公司,第3季,GPT-4和H100以及5G、32k。"
                      "2024年8月24日發布,2023年5月上線,8月24日宣布,民國113年,"
                      "二〇二四年,5月份,24日,90年代,2024 年。", "Hant");
    const mention *m;
    m = fig(d, "11.2%");
    CHECK(m && m->type == MENTION_PERCENT && val(m, "11.2") && !m->unit);
    CHECK(val(fig(d, "12％"), "12"));
    m = fig(d, "逾百分之十");
    CHECK(m && m->type == MENTION_PERCENT && val(m, "10") && m->qualifier == Q_MORE_THAN);
    m = fig(d, "3個百分點");
    CHECK(m && m->type == MENTION_PERCENT && m->unit && !strcmp(m->unit, "pp"));
    CHECK(val(fig(d, "七成五"), "75"));
    CHECK(val(fig(d, "兩成"), "20"));
    decimal p32 = {.coef = 32};
    CHECK(decimal_agree(&fig(d, "兩成")->value, &(decimal){.coef = 22}) &&
          !decimal_agree(&fig(d, "11.2%")->value, &p32));
    CHECK(!fig(d, "三成"));                      /* 三成為: "three became" */
    m = fig(d, "1.42億");
    CHECK(m && m->type == MENTION_COUNT && !m->unit && val(m, "142000000"));
    m = fig(d, "1萬張");
    CHECK(m && m->type == MENTION_COUNT && !strcmp(m->unit, "張") && val(m, "10000"));
    CHECK(val(fig(d, "17億"), "1700000000"));
    m = fig(d, "10個月");
    CHECK(m && !strcmp(m->unit, "個月"));
    CHECK(val(fig(d, "8,000個"), "8000"));
    CHECK(fig(d, "12天") != NULL);
    CHECK(!fig(d, "一個") && fig(d, "兩家"));
    CHECK(!fig(d, "3季") && !fig(d, "第3季"));
    CHECK(!fig(d, "4") && !fig(d, "100") && !fig(d, "5") && !fig(d, "32"));
    m = fig(d, "2024年8月24日");
    CHECK(m && m->type == MENTION_DATE && m->value.coef == 20240824 && !strcmp(m->unit, "ymd"));
    m = fig(d, "2023年5月");
    CHECK(m && m->value.coef == 20230500 && !strcmp(m->unit, "ym"));
    m = fig(d, "8月24日");
    CHECK(m && m->value.coef == 824 && !strcmp(m->unit, "md"));
    m = fig(d, "民國113年");
    CHECK(m && m->value.coef == 20240000 && !strcmp(m->unit, "y"));
    CHECK(fig(d, "二〇二四年") && fig(d, "二〇二四年")->value.coef == 20240000);
    CHECK(fig(d, "5月份") && fig(d, "5月份")->value.coef == 500);
    CHECK(fig(d, "24日") && fig(d, "24日")->value.coef == 24);
    CHECK(!fig(d, "90年") && !fig(d, "90年代"));
    CHECK(fig(d, "2024 年") != NULL);
    CHECK_STR(fig(d, "2024年8月24日")->name, "2024-08-24");
    free_doc(d);

    /* Taiwan: bare 民國 years before a month or 年度; Simplified: no */
    d = make_doc("台灣地區八十四年十二月止人口數2130萬人,113年度預算,他住了八十四年,四周都是人。", "Hant");
    m = fig(d, "八十四年十二月");
    CHECK(m && m->type == MENTION_DATE && m->value.coef == 19951200);
    m = fig(d, "113年度");
    CHECK(m && m->type == MENTION_DATE && m->value.coef == 20240000);
    m = fig(d, "八十四年");
    CHECK(m && m->type == MENTION_COUNT);
    CHECK(!fig(d, "四周"));
    free_doc(d);
    d = make_doc("99年5月", "Hans");
    CHECK(!fig(d, "99年5月") && fig(d, "5月"));
    free_doc(d);

    /* words that only look like numbers */
    d = make_doc("大陆十年来陆续出现伍佰演唱會,拾起,千萬不要,萬一,十分重要,一些人,一起走。", "Hans");
    CHECK(fig(d, "十年") != NULL);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *x = &d->mentions[i];
        bool ok = x->end - x->start == strlen("十年") && !memcmp(d->text + x->start, "十年", 6);
        if (!ok)
            fprintf(stderr, "unexpected figure: %.*s\n", (int)(x->end - x->start), d->text + x->start);
        CHECK(ok);
    }
    free_doc(d);

    /* Han decimals with 億, units that start with a numeral character */
    d = make_doc("增值稅十三點二九億,500千伏超高壓,5千瓦,100兆瓦,3℃,1..5萬,600千伏安。", "Hant");
    CHECK(val(fig(d, "十三點二九億"), "1329000000"));
    m = fig(d, "500千伏");
    CHECK(m && val(m, "500") && !strcmp(m->unit, "千伏"));
    CHECK(fig(d, "5千瓦") && fig(d, "100兆瓦") && val(fig(d, "100兆瓦"), "100"));
    CHECK(fig(d, "600千伏安") != NULL);    /* not swallowed by the malformed 1..5萬 */
    free_doc(d);

    /* malformed: nothing, and nothing from inside them; too large to hold:
     * one figure each, flagged overflow (reported, never wrapped) */
    d = make_doc("1.2.3萬人,10..1萬人,億億億元,1億億億億億億元,9223372036854775808元。", "Hans");
    CHECK_INT(d->n_mentions, 2);
    m = fig(d, "1億億億億億億元");
    CHECK(m && m->value.overflow && m->type == MENTION_MONEY);
    m = fig(d, "9223372036854775808元");
    CHECK(m && m->value.overflow && m->type == MENTION_MONEY);
    free_doc(d);
}

/* ---- through the corpus pipeline ----------------------------------------- */

static void test_pipeline(void)
{
    char dir[] = "/tmp/crossread_figXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("某公司估值不低于1000亿美元\n\n"
          "据报道,该公司2023年5月的亏损达到5.4亿美元,用户数下降了约12%。"
          "另一家公司投资了3-4万美元,并购入了1万张显卡。\n", f);
    fclose(f);
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(corpus_add_path(&c, path, NULL, &e), CR_OK);
    int rc = corpus_run(&c, STAGE_EXTRACT, &e);
    if (rc) {
        char b[1200];
        cr_error_format(&e, b, sizeof b);
        fprintf(stderr, "corpus_run: %s\n", b);
    }
    CHECK_INT(rc, CR_OK);
    CHECK(c.figures != NULL);
    if (!rc && c.n_docs == 1) {
        const doc *d = c.docs[0];
        const mention *m = fig(d, "不低于1000亿美元");
        CHECK(m && m->qualifier == Q_AT_LEAST && !strcmp(m->currency, "USD") &&
              val(m, "100000000000") && m->entity == -1);
        CHECK(fig(d, "5.4亿美元") && fig(d, "约12%") && fig(d, "2023年5月"));
        m = fig(d, "3-4万美元");
        CHECK(m && m->qualifier == Q_RANGE && maxv(m, "40000"));
        CHECK(fig(d, "1万张") != NULL);
        /* spans are in order and inside the text */
        uint32_t last = 0;
        for (size_t i = 0; i < d->n_mentions; i++) {
            if (d->mentions[i].type < MENTION_MONEY)
                continue;
            CHECK(d->mentions[i].start >= last && d->mentions[i].end <= d->text_len);
            last = d->mentions[i].end;
        }
    }
    corpus_free(&c);
    unlink(path);
    rmdir(dir);

    /* a bad data file is reported with file and line */
    char ddir[] = "/tmp/crossread_figdataXXXXXX";
    CHECK(mkdtemp(ddir) != NULL);
    const char *names[] = {"numerals.tsv", "currencies.tsv", "figure_words.tsv"};
    const char *bodies[] = {"一\tdigit\n", "美元\tUSD\tafter\n", "pre\t約\tnearly\n"};
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/%s", ddir, names[k]);
        f = fopen(path, "w");
        fputs(bodies[k], f);
        fclose(f);
    }
    figures_data *fd = NULL;
    CHECK_INT(figures_data_load(&fd, ddir, &e), CR_EINPUT);
    CHECK(strstr(e.file, "figure_words.tsv") && e.line == 1 && strstr(e.msg, "nearly"));
    CHECK(fd == NULL);
    snprintf(path, sizeof path, "%s/numerals.tsv", ddir);
    f = fopen(path, "w");
    fputs("# a numeral ICU gives no value\n京\tbig\n", f);
    fclose(f);
    CHECK_INT(figures_data_load(&fd, ddir, &e), CR_EINPUT);
    CHECK(strstr(e.file, "numerals.tsv") && e.line == 2);
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/%s", ddir, names[k]);
        unlink(path);
    }
    rmdir(ddir);
}

int main(void)
{
    FD = figures_data_default();
    CHECK(FD != NULL);
    if (!FD)
        return check_done();
    test_numerals();
    test_modes();
    test_rejects_and_overflow();
    test_decimals();
    test_money();
    test_every_currency_form();
    test_qualifiers_ranges();
    test_percent_count_date();
    test_pipeline();
    return check_done();
}
