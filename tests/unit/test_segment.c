/* test_segment.c — tokens and sentences from segment_document. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"
#include "lexicon.h"
#include "segment.h"

static doc D;

static void seg(const char *text, const lexicon *lx, unsigned rules)
{
    arena_free(&D.arena);
    memset(&D, 0, sizeof D);
    arena_init(&D.arena);
    D.id = D.path = "test";
    D.text = arena_strdup(&D.arena, text);
    D.text_len = (uint32_t)strlen(text);
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(segment_document_rules(&D, lx, rules, &e), CR_OK);
}

/* "tok/kind tok/kind ..." with spaces shown as "_" and lexicon merges
 * marked "+". */
static const char *show(void)
{
    static char buf[8192];
    size_t o = 0;
    for (size_t i = 0; i < D.n_tokens && o < sizeof buf - 64; i++) {
        const token *t = &D.tokens[i];
        if (i)
            buf[o++] = ' ';
        if (t->kind == TOK_SPACE)
            buf[o++] = '_';
        else {
            size_t n = t->end - t->start;
            if (n > sizeof buf - o - 64)
                break;
            memcpy(buf + o, D.text + t->start, n);
            o += n;
        }
        o += (size_t)snprintf(buf + o, sizeof buf - o, "/%s%s", token_kind_name(t->kind),
                              t->flags & TOKF_LEXICON ? "+" : "");
    }
    buf[o] = '\0';
    return buf;
}

/* Just the token texts, separated by '|'. */
static const char *words(void)
{
    static char buf[8192];
    size_t o = 0;
    for (size_t i = 0; i < D.n_tokens; i++) {
        const token *t = &D.tokens[i];
        size_t n = t->end - t->start;
        if (o + n + 2 >= sizeof buf)
            break;
        if (i)
            buf[o++] = '|';
        memcpy(buf + o, D.text + t->start, n);
        o += n;
    }
    buf[o] = '\0';
    return buf;
}

/* Tokens tile the text; sentences are trimmed, ordered, made of whole
 * tokens, and their token ranges agree with their spans. */
static void check_invariants(void)
{
    uint32_t at = 0;
    int ok = 1;
    for (size_t i = 0; i < D.n_tokens; i++) {
        const token *t = &D.tokens[i];
        ok &= t->start == at && t->end > t->start && t->kind <= TOK_OTHER;
        if (i && t->kind == TOK_SPACE)
            ok &= D.tokens[i - 1].kind != TOK_SPACE;   /* space runs are one token */
        at = t->end;
    }
    ok &= at == D.text_len;
    CHECK(ok);
    uint32_t prev_end = 0;
    size_t prev_tok = 0;
    ok = 1;
    for (size_t i = 0; i < D.n_sentences; i++) {
        const sentence *s = &D.sentences[i];
        ok &= s->tok_count > 0 && s->tok_first >= prev_tok && s->start >= prev_end;
        ok &= s->tok_first + s->tok_count <= D.n_tokens;
        if (!ok)
            break;
        const token *f = &D.tokens[s->tok_first], *l = &D.tokens[s->tok_first + s->tok_count - 1];
        ok &= f->start == s->start && l->end == s->end;
        ok &= f->kind != TOK_SPACE && l->kind != TOK_SPACE;
        prev_end = s->end;
        prev_tok = s->tok_first + s->tok_count;
    }
    CHECK(ok);
}

static const char *sentence_text(size_t i)
{
    static char buf[1024];
    if (i >= D.n_sentences)
        return "(none)";
    const sentence *s = &D.sentences[i];
    snprintf(buf, sizeof buf, "%.*s", (int)(s->end - s->start), D.text + s->start);
    return buf;
}

static lexicon *test_lexicon(void)
{
    char path[] = "/tmp/crossread_test_lexiconXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return NULL;
    const char *tsv =
        "# test lexicon\n"
        "person\taltman\t山姆·阿爾特曼\t阿爾特曼|山姆·阿爾特曼|Sam Altman\n"
        "company\tmicrosoft\t微軟\t微軟|Microsoft\n"
        "person\tnobody\t半年\t半年\n"
        "person\tnobody2\t阿爾特曼下半\t阿爾特曼下半\n";
    CHECK(write(fd, tsv, strlen(tsv)) == (ssize_t)strlen(tsv));
    close(fd);
    lexicon *lx = lexicon_new();
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(lexicon_load_file(lx, path, &e), CR_OK);
    unlink(path);
    return lx;
}

int main(void)
{
    arena_init(&D.arena);

    /* Kinds from ICU: every piece is a token. */
    seg("我們在2023年用ChatGPT，投資 5.4億美元！", NULL, 0);
    CHECK_STR(show(), "我們/han 在/han 2023/number 年/han 用/han ChatGPT/latin ，/punct "
                      "投資/han _/space 5.4/number 億/han 美元/han ！/punct");
    check_invariants();
    seg("Ｓｅｌｌｅｒ １２３ Москва 😀 アイ \xEF\xBF\xBD ℃ 5G H100", NULL, 0);
    CHECK_STR(show(), "Ｓｅｌｌｅｒ/latin _/space １２３/number _/space Москва/other _/space "
                      "😀/other _/space アイ/other _/space \xEF\xBF\xBD/other _/space ℃/punct "
                      "_/space 5G/latin _/space H100/latin");
    check_invariants();
    /* White space runs, line breaks included, are one token. */
    seg("甲 \t 乙\n\n丙\n", NULL, 0);
    CHECK_STR(show(), "甲/han _/space 乙/han _/space 丙/han _/space");
    check_invariants();

    /* Offsets stay right around characters outside the BMP (UTF-16 pairs). */
    seg("𠀀𠀁 abc 😀x", NULL, 0);
    check_invariants();
    CHECK_STR(words(), "𠀀|𠀁| |abc| |😀|x");
    /* Invalid UTF-8 (the cleaner replaces it, but never trust that). */
    seg("ab\xFF\xFE" "中文\xE5\xBE", NULL, SEG_RULES);
    check_invariants();
    CHECK(D.n_tokens >= 3);
    /* Empty and blank texts. */
    seg("", NULL, SEG_RULES);
    CHECK_INT(D.n_tokens, 0);
    CHECK_INT(D.n_sentences, 0);
    seg(" \n\n ", NULL, SEG_RULES);
    CHECK_INT(D.n_tokens, 1);
    CHECK_INT(D.n_sentences, 0);

    /* Numbers: ICU keeps decimals and thousands separators already. */
    seg("1,200 和 5.4 和 ４７．７", NULL, 0);
    CHECK_STR(words(), "1,200| |和| |5.4| |和| |４７．７");
    /* magnitude characters (a Unicode numeric value >= 10) */
    seg("投資5.4億美元和100万，３千", NULL, SEG_NUM_MAGNITUDE);
    CHECK_STR(show(), "投資/han 5.4億/number 美元/han 和/han 100万/number ，/punct "
                      "３千/number");
    seg("投資5.4億美元", NULL, 0);
    CHECK_STR(words(), "投資|5.4|億|美元");
    /* ... but not out of a word ICU found (万人): words are not cut */
    seg("100万人", NULL, SEG_NUM_MAGNITUDE);
    CHECK_STR(words(), "100|万人");
    /* a full-width comma between digits ends a number in Chinese */
    seg("分別為3，5和1,200", NULL, SEG_NUM_CLAUSE);
    CHECK_STR(show(), "分別/han 為/han 3/number ，/punct 5/number 和/han 1,200/number");
    seg("3，5，7", NULL, SEG_NUM_CLAUSE);
    CHECK_STR(words(), "3|，|5|，|7");
    seg("3，5", NULL, 0);
    CHECK_STR(words(), "3，5");
    /* ratios and ranges */
    seg("3/4、2﹕1、6-1、１９８２-１９８３、10:30", NULL, SEG_NUM_JOIN);
    CHECK_STR(words(), "3/4|、|2﹕1|、|6-1|、|１９８２-１９８３|、|10:30");
    seg("3/4", NULL, 0);
    CHECK_STR(words(), "3|/|4");
    /* months are named by number; other counts keep their unit apart */
    seg("8月24日、12月、13月、2023年、３月", NULL, SEG_NUM_MONTH);
    CHECK_STR(words(), "8月|24|日|、|12月|、|13|月|、|2023|年|、|３月");
    /* a minus sign, not a range or a hyphen between words */
    seg("氣溫 -9度，（－5），6-1，1982年-1983年", NULL, SEG_NUM_SIGN | SEG_NUM_CLAUSE);
    CHECK_STR(words(), "氣溫| |-9|度|，|（|－5|）|，|6|-|1|，|1982|年|-|1983|年");
    /* percent is off by default (the cityu corpus writes it apart) */
    seg("11.2%", NULL, SEG_RULES);
    CHECK_STR(words(), "11.2|%");
    seg("11.2%、３０％", NULL, SEG_NUM_PERCENT);
    CHECK_STR(words(), "11.2%|、|３０％");

    /* Han digit strings with a zero */
    seg("二○○一年新年，一九八○年代，二零二三年，○○公司，零一", NULL,
        SEG_HAN_DIGITS | SEG_NUM_MONTH);
    CHECK_STR(show(), "二○○一/number 年/han 新年/han ，/punct 一九八○/number 年代/han "
                      "，/punct 二零二三/number 年/han ，/punct ○/punct ○/punct 公司/han "
                      "，/punct 零/han 一/han");
    check_invariants();
    seg("電話○八○○二四六", NULL, SEG_HAN_DIGITS);
    CHECK_STR(words(), "電話|○八○○二四六");
    seg("一九八○萬", NULL, SEG_HAN_DIGITS | SEG_NUM_MAGNITUDE);
    CHECK_STR(words(), "一九八○萬");
    seg("二○○一年", NULL, 0);
    CHECK(D.n_tokens > 2);

    /* Latin words joined by hyphens */
    seg("GPT-4、GPT-3.5-turbo、COVID-19、e-mail、DALL-E 2", NULL, SEG_LATIN_HYPHEN);
    CHECK_STR(show(), "GPT-4/latin 、/punct GPT-3.5-turbo/latin 、/punct COVID-19/latin "
                      "、/punct e-mail/latin 、/punct DALL-E/latin _/space 2/number");
    seg("GPT-4", NULL, 0);
    CHECK_STR(words(), "GPT|-|4");

    /* doubled dashes and ellipses: off by default (msr writes them apart) */
    seg("他說——好……", NULL, SEG_PUNCT_RUN);
    CHECK_STR(words(), "他說|——|好|……");
    seg("他說——好……", NULL, SEG_RULES);
    CHECK_STR(words(), "他說|—|—|好|…|…");

    /* Sentences: ICU sentence break, every line break ends one, trimmed. */
    seg("第一句。第二句！他說：「好。」\n\n沒有句號的段落\n第三段? 還有 ", NULL, SEG_RULES);
    check_invariants();
    CHECK_INT(D.n_sentences, 6);
    CHECK_STR(sentence_text(0), "第一句。");
    CHECK_STR(sentence_text(1), "第二句！");
    CHECK_STR(sentence_text(2), "他說：「好。」");
    CHECK_STR(sentence_text(3), "沒有句號的段落");
    CHECK_STR(sentence_text(4), "第三段?");
    CHECK_STR(sentence_text(5), "還有");
    if (D.n_sentences == 6) {
        CHECK_INT(D.sentences[0].tok_first, 0);
        CHECK_INT(D.sentences[5].tok_first + D.sentences[5].tok_count, D.n_tokens - 1);
    }
    /* A decimal point is not a sentence end; a merged token is never cut. */
    seg("增長5.4%。Mr. Smith came.", NULL, SEG_RULES);
    check_invariants();
    CHECK_STR(sentence_text(0), "增長5.4%。");
    /* English abbreviations do not end a sentence (Mr.). */
    CHECK_STR(sentence_text(1), "Mr. Smith came.");
    CHECK_INT(D.n_sentences, 2);

    /* The lexicon: merge what ICU splits, never cut an ICU word. */
    lexicon *lx = test_lexicon();
    if (lx && lexicon_size(lx) == 0) {
        printf("SKIP lexicon merges: lexicon.c is still a stub\n");
    } else if (lx) {
        seg("山姆·阿爾特曼下半年奔赴中東，阿爾特曼說微軟", lx, SEG_RULES);
        check_invariants();
        CHECK_STR(show(), "山姆·阿爾特曼/han+ 下半年/han 奔赴/han 中東/han ，/punct "
                          "阿爾特曼/han+ 說/han 微軟/han");
        seg("阿爾特曼下半年", lx, SEG_RULES & ~SEG_LEXICON);
        CHECK_STR(words(), "阿|爾|特|曼|下半年");
        /* 半年 starts inside 下半年, 阿爾特曼下半 ends inside it: no merge
         * may cut an ICU word. */
        seg("下半年", lx, SEG_RULES);
        CHECK_STR(words(), "下半年");
        /* Latin aliases match in any case, across the space inside them. */
        seg("SAM ALTMAN said", lx, SEG_RULES);
        CHECK_STR(show(), "SAM ALTMAN/latin+ _/space said/latin");
        /* Simplified text matches a Traditional entry. */
        seg("阿尔特曼说", lx, SEG_RULES);
        CHECK_STR(show(), "阿尔特曼/han+ 说/han");
        lexicon_free(lx);
    }

    /* A long document: tokens tile it, the window logic holds. */
    size_t big = 200000;
    char *text = malloc(big + 64);
    size_t o = 0;
    const char *parts[] = {"二○○一年", "GPT-4", "，", "5.4億", " ", "阿爾特曼", "。\n\n",
                           "😀", "1,200", "——", "a"};
    for (unsigned i = 0; o < big; i = (i * 7 + 3) % 11) {
        size_t n = strlen(parts[i]);
        memcpy(text + o, parts[i], n);
        o += n;
    }
    text[o] = '\0';
    seg(text, NULL, SEG_RULES);
    check_invariants();
    CHECK(D.n_sentences > 100);
    free(text);

    /* Ill-formed UTF-8 takes the segmenter's other path (it steps both
     * encodings code point by code point and reads each piece's characters
     * from the UTF-8): after a 2-byte prefix, a stray byte and a line
     * break, every rule must give the tokens and sentences it gives after
     * a well-formed prefix of the same length. */
    {
        const char *body = "二○○一年，分別為3，5。比分6-1，-9度，8月，5.4億，11.2%，"
                           "GPT-4與COVID-19，美元化——好……。一九八○萬 ○○ 零一";
        char *good = malloc(strlen(body) + 3), *bad = malloc(strlen(body) + 3);
        sprintf(good, "?\n%s", body);
        sprintf(bad, "\xFF\n%s", body);
        seg(good, NULL, SEG_RULES);
        size_t nt = D.n_tokens, ns = D.n_sentences;
        token *gt = malloc(nt * sizeof *gt);
        sentence *gs = malloc(ns * sizeof *gs);
        memcpy(gt, D.tokens, nt * sizeof *gt);
        memcpy(gs, D.sentences, ns * sizeof *gs);
        char *want = strdup(show());
        seg(bad, NULL, SEG_RULES);
        check_invariants();
        CHECK_INT(D.n_tokens, nt);
        CHECK_INT(D.n_sentences, ns);
        bool same = D.n_tokens == nt && D.n_sentences == ns && nt > 20;
        for (size_t i = 1; same && i < nt; i++)   /* token 0 is the prefix */
            same = D.tokens[i].start == gt[i].start && D.tokens[i].end == gt[i].end &&
                   D.tokens[i].kind == gt[i].kind && D.tokens[i].flags == gt[i].flags;
        for (size_t i = 1; same && i < ns; i++)
            same = D.sentences[i].start == gs[i].start && D.sentences[i].end == gs[i].end;
        if (!same)
            fprintf(stderr, "well-formed: %s\nill-formed:  %s\n", want, show());
        CHECK(same);
        free(want);
        free(gt);
        free(gs);
        free(good);
        free(bad);
    }

    CHECK_STR(token_kind_name(TOK_HAN), "han");
    CHECK_STR(token_kind_name(TOK_OTHER), "other");
    CHECK_STR(token_kind_name(99), "other");
    arena_free(&D.arena);
    return check_done();
}
