/* The cleaner, rule by rule: snippets from the two bundled articles, and
 * made-up cases (Traditional and Simplified) the articles do not have,
 * including what must NOT be removed. Then whole-document properties on
 * the bundled articles (each paragraph once, title found without the
 * manifest, nothing dropped without a record) and hostile inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "corpus.h"
#include "text.h"

static doc *mk(const char *raw, size_t n, const char *title)
{
    doc *d = calloc(1, sizeof *d);
    arena_init(&d->arena);
    d->path = d->id = "t";
    d->title = title ? title : "";
    char *r = arena_alloc(&d->arena, n + 1);
    memcpy(r, raw, n);
    d->raw = r;
    d->raw_len = n;
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(text_clean(d, &e), CR_OK);
    return d;
}
#define MK(lit) mk(lit, sizeof lit - 1, NULL)

static void done(doc *d)
{
    arena_free(&d->arena);
    free(d);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static bool has(const doc *d, const char *s) { return strstr(d->text, s) != NULL; }

/* A removed span with this reason whose raw text is exactly s. */
static bool removed(const doc *d, int reason, const char *s)
{
    for (size_t k = 0; k < d->n_removed; k++) {
        const removed_span *r = &d->removed[k];
        if (r->reason == reason && r->end - r->start == strlen(s) &&
            memcmp(d->raw + r->start, s, strlen(s)) == 0)
            return true;
    }
    return false;
}

static size_t n_damage(const doc *d, int kind)
{
    size_t n = 0;
    for (size_t k = 0; k < d->n_damage; k++)
        n += d->damage[k].kind == kind;
    return n;
}

static char title_buf[1024];
static const char *title(const doc *d)
{
    size_t n = d->title_span.end - d->title_span.start;
    if (n >= sizeof title_buf)
        n = sizeof title_buf - 1;
    memcpy(title_buf, d->text + d->title_span.start, n);
    title_buf[n] = '\0';
    return title_buf;
}

/* Run text through the cleaner as one body line between a title and a long
 * paragraph, so only the inline rules act on it. Returns the cleaned line. */
static char line_buf[4096];
static const char *inline_clean(const char *s, doc **out)
{
    char raw[4096];
    snprintf(raw, sizeof raw, "標題\n\n%s\n", s);
    doc *d = mk(raw, strlen(raw), NULL);
    const char *b = strstr(d->text, "\n\n");
    snprintf(line_buf, sizeof line_buf, "%s", b ? b + 2 : "");
    if (out)
        *out = d;
    else
        done(d);
    return line_buf;
}

static void pinyin(void)
{
    doc *d;
    /* From article 000. */
    CHECK_STR(inline_clean("VC熄火撤退,ChatGPT們遠(yuǎn)赴中東募資", &d),
              "VC熄火撤退,ChatGPT們遠赴中東募資");
    CHECK(removed(d, REMOVED_PINYIN, "(yuǎn)"));
    done(d);
    CHECK_STR(inline_clean("文|融中財(cái)經(jīng)", NULL), "文|融中財經");
    CHECK_STR(inline_clean("創(chuàng)始人", NULL), "創始人");
    CHECK_STR(inline_clean("首席執(zhí)行官", NULL), "首席執行官");
    /* Made up, Simplified; full-width parentheses; several syllables;
     * capitals; ü; a toneless syllable right after an annotated one. */
    CHECK_STR(inline_clean("这是一个关(guān)键(jiàn)问题。", NULL), "这是一个关键问题。");
    CHECK_STR(inline_clean("重（zhòng）要的事", NULL), "重要的事");
    CHECK_STR(inline_clean("北京(Běijīng)大学", NULL), "北京大学");
    CHECK_STR(inline_clean("绿(lǜ)色", NULL), "绿色");
    CHECK_STR(inline_clean("女(nü)生", NULL), "女生");
    CHECK_STR(inline_clean("西安(Xī'ān)市", NULL), "西安市");
    CHECK_STR(inline_clean("我(wǒ)们(men)走", NULL), "我们走");
    /* Decomposed tone marks (a + U+0304) count as well. */
    CHECK_STR(inline_clean("中(zho\xCC\x84ng)国", NULL), "中国");

    /* Must stay: genuine parentheses. */
    const char *keep[] = {
        "每天就要花費70萬美元(500萬人民幣)。",
        "因此如果(它在)2024年破產",
        "AMD執行長蘇姿丰(Lisa Su)表示",
        "或其他產品(如DALL-E2)",
        "產品(DALL-E2)很好",
        "通往(AI)安全的最佳途徑",
        "研究科學家Shane Gu(顧世翔)在社交媒體",
        "他说(ma)不对",                 /* toneless, no annotated neighbour */
        "喝咖啡(café)很好",              /* not pinyin syllables */
        "读音(yuan2)不算",               /* tone numbers: not removed */
        "ChatGPT(yuǎn)不在汉字后",        /* not after a Han character */
        "未闭合(yuǎn 的括号",
        "人工智能ETF(515980)半日收漲",
        "公司(Apple Inc.)发布",
        "简称(ā)",                        /* a lone vowel with a tone is pinyin... */
    };
    for (size_t k = 0; k + 1 < sizeof keep / sizeof keep[0]; k++)
        CHECK_STR(inline_clean(keep[k], NULL), keep[k]);
    CHECK_STR(inline_clean("简称(ā)", NULL), "简称");   /* ...and goes */
}

static void html(void)
{
    doc *d;
    CHECK_STR(inline_clean("像我們這樣的公司會笑醒在深夜。”</p>", &d),
              "像我們這樣的公司會笑醒在深夜。”");
    CHECK(removed(d, REMOVED_HTML, "</p>"));
    done(d);
    CHECK_STR(inline_clean("第一行<br>第二行<br/>第三行", NULL), "第一行\n\n第二行\n\n第三行");
    CHECK_STR(inline_clean("<p>段落一</p><p class=\"x\">段落二</p>", NULL), "段落一\n\n段落二");
    CHECK_STR(inline_clean("<a href=\"https://x.cn/?a=1&b=2\">链接</a>文字", &d), "链接文字");
    CHECK(removed(d, REMOVED_HTML, "<a href=\"https://x.cn/?a=1&b=2\">"));
    CHECK(removed(d, REMOVED_HTML, "</a>"));
    done(d);
    CHECK_STR(inline_clean("前<!-- 注释 -->后", NULL), "前后");
    CHECK_STR(inline_clean("前<script>var a=\"<p>\";</script>后", NULL), "前后");
    CHECK_STR(inline_clean("前<STYLE>p{color:red}</style>后", NULL), "前后");
    /* Entities: decoded, and each decoded character maps to its entity. */
    CHECK_STR(inline_clean("A&amp;B與C&lt;D", NULL), "A&B與C<D");
    CHECK_STR(inline_clean("&lt;b&gt;不是標籤", NULL), "<b>不是標籤");
    CHECK_STR(inline_clean("一&#12354;二&#x4e00;三", NULL), "一\xE3\x81\x82二一三");
    CHECK_STR(inline_clean("空&nbsp;格&nbsp;", NULL), "空 格");
    CHECK_STR(inline_clean("引&ldquo;號&rdquo;", NULL), "引“號”");
    CHECK_STR(inline_clean("軟&shy;連字", &d), "軟連字");
    CHECK(removed(d, REMOVED_HTML, "&shy;"));
    done(d);
    /* Must stay: text that only looks like markup. */
    const char *keep[] = {
        "如果 a < b 且 c > d",
        "x<y的情況",
        "&foo;不是實體",
        "&#0;與&#xD800;與&#128;",
        "AT&T公司",
        "價格<5%",
        "《人民日報》報道",
        "1/2的人",
        "AI/AIGC已是明確的趨勢",
    };
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++)
        CHECK_STR(inline_clean(keep[k], NULL), keep[k]);
}

static void damage_rules(void)
{
    doc *d;
    /* From article 000: each damaged run becomes one marked U+FFFD. */
    CHECK_STR(inline_clean("開源大模型因?yàn)殚_源可以吸引更多的市場份額。", &d),
              "開源大模型因\xEF\xBF\xBD源可以吸引更多的市場份額。");
    CHECK_INT(n_damage(d, DAMAGE_MOJIBAKE), 1);
    done(d);
    CHECK_STR(inline_clean("像我們這樣的公司會笑醒在深夜?!?/p>", &d),
              "像我們這樣的公司會笑醒在深夜\xEF\xBF\xBD");
    CHECK_INT(n_damage(d, DAMAGE_MOJIBAKE), 1);
    CHECK(removed(d, REMOVED_HTML, "/p>"));
    done(d);
    CHECK_STR(inline_clean("并且總?cè)谫Y額達到了10億美元。", NULL),
              "并且總\xEF\xBF\xBD額達到了10億美元。");
    CHECK_STR(inline_clean("受到了威脅??梢酝ㄟ^提高供應能力", NULL),
              "受到了威脅\xEF\xBF\xBD提高供應能力");
    CHECK_STR(inline_clean("12%的付費率或?yàn)橛\xEE\x88\x81澗€。", NULL),
              "12%的付費率或\xEF\xBF\xBD。");
    /* Made up: Simplified text hit the same way. */
    CHECK_STR(inline_clean("数据显示?ㄟ^销量下降了。", NULL), "数据显示\xEF\xBF\xBD销量下降了。");
    CHECK_STR(inline_clean("这家公司?€涓嶆宣布", NULL), "这家公司\xEF\xBF\xBD涓嶆宣布");
    /* A U+FFFD already in the file is damage too. */
    CHECK_STR(inline_clean("已有\xEF\xBF\xBD的文字", &d), "已有\xEF\xBF\xBD的文字");
    CHECK_INT(n_damage(d, DAMAGE_MOJIBAKE), 1);
    done(d);
    /* Must stay: question marks. */
    const char *keep[] = {
        "至于ChatGPT的流量為何下降?有一種分析是與API的蠶食有關",
        "日燒508萬,OpenAI只能活到2024?",
        "為什麼人們不選擇易於修改的Llama 2呢?而且在某些開發者的實踐中",
        "真的?!我不信",
        "什么??我不信",
        "(真的嗎?)他問",
        "这是为什么?B端用户不买账",
        "問題在哪?José說",
        "詳情見網址https://a.cn/x?id=3是官方的說明頁面,請查看",
        "他問:為何? 答:不知",
    };
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
        CHECK_STR(inline_clean(keep[k], &d), keep[k]);
        CHECK_INT(d->n_damage, 0);
        done(d);
    }
}

/* An article made up for these tests (Simplified): navigation and an app
 * prompt above the title, a byline and a photo credit under it, a related
 * list and a footer after it. */
static const char made_up[] =
    "首页 | 新闻 | 财经 | 科技\n"
    "打开客户端阅读全文\n"
    "\n"
    "本地电动车销量创新高,三家车企争夺市场\n"
    "\n"
    "记者 王小明\n"
    "图片来源:视觉中国\n"
    "2024-05-01 08:30\n"
    "\n"
    "今年一季度,本地电动车销量达到12万辆,比去年同期增长35%,三家主要车企的市场份额都有变化。\n"
    "\n"
    "一、价格战\n"
    "\n"
    "多家车企宣布降价,最大降幅达到两万元,分析人士认为价格战还会持续一段时间。\n"
    "\n"
    "他说:\n"
    "\n"
    "“电动车市场的竞争才刚刚开始,销量增长主要来自价格下降。”\n"
    "\n"
    "是的。\n"
    "\n"
    "二、新车型\n"
    "\n"
    "三家车企计划在下半年推出新车型,其中两款是面向家庭用户的电动车,售价在十五万元左右。\n"
    "\n"
    "是的。\n"
    "\n"
    "相关阅读\n"
    "• 电动车补贴政策延长一年\n"
    "• 充电桩数量翻倍\n"
    "\n"
    "责任编辑:李四\n"
    "分享到:微信 微博\n";

static void furniture(void)
{
    doc *d = mk(made_up, sizeof made_up - 1, NULL);
    CHECK_STR(title(d), "本地电动车销量创新高,三家车企争夺市场");
    /* Gone, with a record each. */
    CHECK(!has(d, "首页"));
    CHECK(removed(d, REMOVED_FURNITURE, "首页 | 新闻 | 财经 | 科技"));
    CHECK(removed(d, REMOVED_FURNITURE, "打开客户端阅读全文"));
    CHECK(removed(d, REMOVED_FURNITURE, "图片来源:视觉中国"));
    CHECK(removed(d, REMOVED_FURNITURE, "2024-05-01 08:30"));
    CHECK(removed(d, REMOVED_FURNITURE, "相关阅读"));
    CHECK(removed(d, REMOVED_FURNITURE, "• 充电桩数量翻倍"));
    CHECK(removed(d, REMOVED_FURNITURE, "责任编辑:李四"));
    CHECK(removed(d, REMOVED_FURNITURE, "分享到:微信 微博"));
    /* Kept: the byline, subheadings, a line introducing a quote, the quote, and a
     * short sentence that happens to occur twice. */
    CHECK(has(d, "\n\n记者 王小明\n\n"));
    CHECK(has(d, "\n\n一、价格战\n\n"));
    CHECK(has(d, "\n\n二、新车型\n\n"));
    CHECK(has(d, "\n\n他说:\n\n"));
    CHECK(has(d, "“电动车市场的竞争才刚刚开始,销量增长主要来自价格下降。”"));
    CHECK_INT(count(d->text, "是的。"), 2);
    CHECK(has(d, "售价在十五万元左右。"));
    /* The text is exactly title, then body paragraphs. */
    CHECK(strstr(d->text, "\n\n记者 王小明\n\n今年一季度") == d->text + d->title_span.end);
    done(d);

    /* From article 003: the reference-link list at the end. */
    static const char refs[] =
        "標題是這樣的一句話\n\n"
        "這是正文第一段,內容足夠長,足夠被當作文章的正文段落來看待了吧。\n\n"
        "這是正文第二段,也足夠長,也是一個完整的句子,結束於句號之前的文字。\n\n"
        "參考鏈接\n\n"
        "https://analyticsindiamag.com/openai-might-go-bankrupt-by-the-end-of-2024/\n\n"
        "https://zhuanlan.zhihu.com/p/645626973\n";
    d = MK(refs);
    CHECK(!has(d, "參考鏈接"));
    CHECK(!has(d, "https://"));
    CHECK(removed(d, REMOVED_FURNITURE, "https://zhuanlan.zhihu.com/p/645626973"));
    done(d);

    /* A URL inside a sentence stays; a URL list in the middle goes with
     * its heading. */
    static const char mid[] =
        "一個標題\n\n"
        "這是正文第一段,內容足夠長,詳見https://example.org/a的說明,再多寫幾個字。\n\n"
        "延伸閱讀\n\n"
        "https://example.org/b\n\n"
        "這是正文第二段,也足夠長,也是一個完整的句子,結束於句號之前的文字。\n";
    d = MK(mid);
    CHECK(has(d, "詳見https://example.org/a的說明"));
    CHECK(!has(d, "延伸閱讀"));
    CHECK(!has(d, "example.org/b"));
    done(d);
}

static void repeats(void)
{
    /* A block repeated: each paragraph once, the copies recorded. */
    static const char rep[] =
        "標題在這裡\n\n"
        "第一段的內容,說明了一件事情,而且足夠長,可以當作正文來看待。\n\n"
        "第二段的內容,又說明了另一件事情,同樣足夠長,是一段正文。\n\n"
        "短行\n\n"
        "第一段的內容,說明了一件事情,而且足夠長,可以當作正文來看待。\n\n"
        "第二段的內容,又說明了另一件事情,同樣足夠長,是一段正文。\n\n"
        "短行\n";
    doc *d = MK(rep);
    CHECK_INT(count(d->text, "第一段的內容"), 1);
    CHECK_INT(count(d->text, "第二段的內容"), 1);
    CHECK_INT(count(d->text, "短行"), 1);
    size_t dups = 0;
    for (size_t k = 0; k < d->n_removed; k++)
        dups += d->removed[k].reason == REMOVED_DUPLICATE;
    CHECK_INT(dups, 3);
    done(d);

    /* Whitespace and punctuation do not hide a repeat; Simplified and
     * Traditional copies are the same paragraph. */
    static const char ws[] =
        "标题在这里\n\n"
        "这是一段足够长的正文内容,用来检查重复段落是否会被发现并且去掉。\n\n"
        "  這是一段足夠長的正文內容 用來檢查重複段落是否會被發現並且去掉  \n";
    d = MK(ws);
    CHECK_INT(count(d->text, "正文内容"), 1);
    CHECK(!has(d, "正文內容"));
    done(d);

    /* Near copies: the first damaged, the later clean: the clean text is
     * shown once, at the first copy's place, and the map points at it. */
    static const char near[] =
        "標題在這裡\n\n"
        "在需求飆升和供給短缺的雙重壓力下,科技行業的穩定和繁榮發展受到了威脅??梢酝ㄟ^提高供應能力,合理分配資源來解決。\n\n"
        "後面還有一段正文,說明另外的一件事情,內容也足夠長。\n\n"
        "在需求飆升和供給短缺的雙重壓力下,科技行業的穩定和繁榮發展受到了威脅。可以通過提高供應能力,合理分配資源來解決。\n";
    d = MK(near);
    CHECK_INT(count(d->text, "雙重壓力"), 1);
    CHECK(has(d, "威脅。可以通過提高"));
    CHECK_INT(d->n_damage, 0);
    CHECK(strstr(d->text, "雙重壓力") < strstr(d->text, "後面還有"));
    const char *at = strstr(d->text, "威脅。可以");
    uint32_t raw = offmap_raw(&d->map, (uint32_t)(at - d->text));
    CHECK(raw > (uint32_t)(strstr(near, "後面還有") - near));   /* the later copy */
    done(d);
}

static void templates(void)
{
    /* Two different paragraphs that start and end alike are not copies. */
    static const char tpl[] =
        "季度业绩\n\n"
        "公司公告称,本季度营业收入为十二亿元,同比增长百分之五,主要来自海外市场的订单增加,董事会对此次业绩表示满意并将继续推进转型。\n\n"
        "公司公告称,本季度营业收入为八亿元,同比下降百分之三,主要原因是国内需求疲软和原材料价格上涨,董事会对此次业绩表示满意并将继续推进转型。\n";
    doc *d = MK(tpl);
    CHECK(has(d, "十二亿元"));
    CHECK(has(d, "八亿元"));
    CHECK_INT(d->n_removed, 0);
    done(d);
}

static void titles(void)
{
    /* The manifest title picks its line even when another comes first. */
    static const char two[] =
        "第一個短句\n\n真正的標題行\n\n"
        "正文第一段,內容足夠長,足夠被當作文章的正文段落來看待了吧,真正的。\n";
    doc *d = mk(two, sizeof two - 1, "真正的標題行");
    CHECK_STR(title(d), "真正的標題行");
    CHECK(removed(d, REMOVED_FURNITURE, "第一個短句"));
    done(d);
    /* Tiny documents: the first line. */
    d = MK("標題\n\n正文。");
    CHECK_STR(d->text, "標題\n\n正文。");
    CHECK_STR(title(d), "標題");
    done(d);
    /* No title-like line: empty title, body after the blank line. */
    char big[2000];
    strcpy(big, "");
    for (int k = 0; k < 20; k++)
        strcat(big, "這是一個很長的句子,");
    strcat(big, "結束。");
    d = mk(big, strlen(big), NULL);
    CHECK_INT(d->title_span.end, 0);
    CHECK(strncmp(d->text, "\n\n這是", 8) == 0);
    done(d);
    /* A lead above the headline that shares its vocabulary is kept, after
     * the title. */
    static const char lead[] =
        "电动车销量增长,车企降价。\n\n"
        "电动车销量创新高\n\n"
        "今年一季度,本地电动车销量达到12万辆,比去年同期增长35%,车企降价是主要原因。\n\n"
        "多家车企宣布降价,最大降幅达到两万元,电动车销量还会继续增长一段时间。\n";
    d = MK(lead);
    CHECK_STR(title(d), "电动车销量创新高");
    CHECK(has(d, "电动车销量增长,车企降价。"));
    done(d);
}

static char *read_corpus(const char *name, size_t *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/%s", CR_SOURCE_ROOT, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 20];
    *n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

static bool ws_byte_run(const char *raw, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)raw + i;
    if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n') { *len = 1; return true; }
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) { *len = 3; return true; }
    if (u[0] == 0xC2 && u[1] == 0xA0) { *len = 2; return true; }
    if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF && i == 0) { *len = 3; return true; }
    return false;
}

/* Nothing is dropped silently: every raw byte is in the cleaned text (via
 * the map), in a removed span, or white space / line ends / the BOM. The
 * removed spans are sorted and do not overlap. */
static void accounted(const doc *d, const char *what)
{
    unsigned char *seen = calloc(d->raw_len + 1, 1);
    for (size_t k = 0; k < d->map.len; k++)
        memset(seen + d->map.segs[k].raw, 1, d->map.segs[k].raw_len);
    uint32_t prev_end = 0;
    for (size_t k = 0; k < d->n_removed; k++) {
        const removed_span *r = &d->removed[k];
        CHECK(r->start < r->end && r->end <= d->raw_len);
        CHECK(r->start >= prev_end);
        CHECK(r->reason >= REMOVED_PINYIN && r->reason <= REMOVED_FURNITURE);
        CHECK(strcmp(text_rule_name(r->rule), "?") != 0);
        prev_end = r->end;
        memset(seen + r->start, 1, r->end - r->start);
    }
    size_t lost = 0;
    for (size_t i = 0; i < d->raw_len;) {
        size_t l = 1;
        if (!seen[i] && !ws_byte_run(d->raw, i, &l)) {
            if (!lost)
                fprintf(stderr, "%s: raw byte %zu dropped without a record\n", what, i);
            lost++;
        }
        i += l;
    }
    CHECK_INT(lost, 0);
    free(seen);
}

static void bundled(void)
{
    size_t n;
    char *raw = read_corpus("000_b93046d02ddf5e22.txt", &n);
    CHECK(raw != NULL);
    if (!raw)
        return;
    doc *d = mk(raw, n, NULL);        /* no manifest title */
    CHECK_STR(title(d), "VC熄火撤退,ChatGPT們遠赴中東募資");
    accounted(d, "000");
    /* The body is in the file twice; the cleaned text holds it once. */
    CHECK_INT(count(d->text, "8月24日,有海外媒體披露"), 1);
    CHECK_INT(count(d->text, "訓練大模型所需的計算資源非常龐大"), 1);
    CHECK_INT(count(d->text, "本文為轉載內容"), 1);
    CHECK_INT(count(d->text, "VC熄火撤退"), 1);
    CHECK(has(d, "\n\nOpenAI去中東融資,真的是去找救命錢?\n\n文|融中財經\n\n8月24日"));
    /* Furniture gone. */
    CHECK(has(d, "\n\n文|融中財經\n\n"));   /* the byline stays */
    const char *gone[] = {"正在閱讀", "掃一掃", "圖片來源", "暫無評論", "微信公眾號",
                          "據悉考慮取消", "\n\n評論\n\n", "下載界面新聞"};
    for (size_t k = 0; k < sizeof gone / sizeof gone[0]; k++)
        CHECK(!has(d, gone[k]));
    /* No annotation, tag or '?' damage left; the damage is marked. */
    CHECK(!has(d, "(yu"));
    CHECK(!has(d, "(cái)"));
    CHECK(!has(d, "</p>"));
    CHECK(!has(d, "/p>"));
    CHECK(!has(d, "?yàn"));
    CHECK(!has(d, "ㄟ"));
    CHECK_INT(n_damage(d, DAMAGE_MOJIBAKE), 5);
    CHECK(has(d, "威脅。可以通過提高供應能力"));
    CHECK(has(d, "會笑醒在深夜。”"));
    /* Genuine parentheses stay. */
    CHECK(has(d, "70萬美元(500萬人民幣)"));
    CHECK(has(d, "Shane Gu(顧世翔)"));
    CHECK(has(d, "Super intelligence(超級智能)"));
    CHECK(has(d, "需數萬片)"));
    /* Body ends with the last paragraph of the article. */
    const char *end = "本文為轉載內容,授權事宜請聯系原著作權人。";
    CHECK(strcmp(d->text + d->text_len - strlen(end), end) == 0);
    done(d);

    raw = read_corpus("003_ad21ea9e24e98342.txt", &n);
    d = mk(raw, n, NULL);
    CHECK_STR(title(d), "日燒508萬,OpenAI只能活到2024?");
    accounted(d, "003");
    CHECK(!has(d, "神魔宇宙"));
    CHECK(!has(d, "maitreya"));
    CHECK(!has(d, "2023081516:55"));
    CHECK(!has(d, "參考鏈接"));
    CHECK(!has(d, "https://"));
    CHECK(has(d, "\n\n原因一:競爭對手的追逐\n\n"));
    CHECK(has(d, "\n\n結語:未至終章,焉知生死\n\n"));
    CHECK(has(d, "\n\n*日耗70萬美元,用戶數逐月下降\n\n"));
    CHECK(has(d, "(如DALL-E2)"));
    CHECK(has(d, "如果(它在)2024年破產"));
    CHECK(has(d, "通往(AI)安全"));
    CHECK(has(d, "靜觀其變。-51CTO-"));
    CHECK_INT(d->n_damage, 0);
    CHECK(strncmp(d->text, "日燒508萬,OpenAI只能活到2024?\n\n日前,據外媒", 0) == 0);
    CHECK(strstr(d->text, "\n\n日前,據外媒") == d->text + d->title_span.end);
    done(d);
}

/* Hostile inputs finish in linear time. The line is 5 MB, the others 2 MB;
 * a quadratic rule would take minutes even in an optimised build. The
 * bound is CPU time and generous, for sanitizer builds on a busy machine. */
static void hostile(void)
{
    size_t n = 5u << 20;
    char *buf = malloc(n + 64);
    struct { const char *unit; const char *what; } cases[] = {
        {"中文內容,", "5 MB line"},
        {"(", "nested parentheses"},
        {"中(zhōng)", "endless annotations"},
        {"中?", "question marks"},
        {"?ㄟ", "damage signs"},
        {"<a ", "open tags"},
        {"<!--", "open comments"},
        {"<script>", "open scripts"},
        {"&#", "entity starts"},
        {"中(zhōngzhōngzhōngzhōngzhōngzhōngzhōng", "long annotations"},
        {"段。\n\n", "tiny paragraphs"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t ul = strlen(cases[k].unit), len = 0;
        if (k == 1) {               /* 50,000 nested, then text */
            memcpy(buf, "中", 3);
            len = 3;
            for (int j = 0; j < 50000; j++) buf[len++] = '(';
            memcpy(buf + len, "zhōng", 6);
            len += 6;
            for (int j = 0; j < 50000; j++) buf[len++] = ')';
        } else {
            size_t lim = k == 0 ? n : n * 2 / 5;
            while (len + ul <= lim) {
                memcpy(buf + len, cases[k].unit, ul);
                len += ul;
            }
        }
        clock_t t0 = clock();
        doc *d = mk(buf, len, NULL);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (secs > 30)
            fprintf(stderr, "%s: %.1f s\n", cases[k].what, secs);
        CHECK(secs < 30);
        CHECK(d->text != NULL);
        done(d);
    }
    free(buf);
}

int main(void)
{
    pinyin();
    html();
    damage_rules();
    furniture();
    repeats();
    templates();
    titles();
    bundled();
    hostile();
    CHECK_STR(text_reason_name(REMOVED_DUPLICATE), "duplicate");
    CHECK_STR(text_rule_name(RULE_TAIL), "tail");
    CHECK_STR(text_damage_name(DAMAGE_MOJIBAKE), "mojibake");
    return check_done();
}
