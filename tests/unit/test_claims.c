/* test_claims.c — claim detection, clauses, questions, attribution, repeats.
 * Documents are built by hand (text, sentences, mentions) so the test does
 * not depend on the segmenter or the extractors. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "handdoc.h"

enum { E_OPENAI, E_CHATGPT, E_ZHANG, E_FOO, E_MSFT };

int main(void)
{
    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);

    /* the rules file itself */
    claim_rules r = {0};
    arena a;
    arena_init(&a);
    CHECK_INT(claim_rules_load_default(&r, &a, &e), CR_OK);
    CHECK(r.n_terms > 50);
    CHECK_STR(claim_rules_unit_class(&r, "名"), "person");
    CHECK_STR(claim_rules_unit_class(&r, "位"), "person");
    CHECK(claim_rules_unit_class(&r, "張") && !strcmp(claim_rules_unit_class(&r, "塊"),
                                                      claim_rules_unit_class(&r, "張")));
    /* scanning folds scripts: 据 (Simplified) hits the Traditional 據 entry,
     * and 被稱為 hides the reporting verb 稱 */
    claim_hit *hits;
    const char *t1 = "据报道,ChatGPT也被称为最快的应用。";
    size_t nh = claim_rules_scan(&r, &a, t1, strlen(t1), &hits);
    int opens = 0, reports = 0;
    for (size_t i = 0; i < nh; i++) {
        opens += hits[i].term->kind == CW_OPEN;
        reports += hits[i].term->kind == CW_REPORT && hits[i].end - hits[i].start == 6;
    }
    CHECK_INT(opens, 1);
    CHECK_INT(reports, 1);   /* 报道 is a two-character report word; 称 is hidden */
    for (size_t i = 0; i < nh; i++)
        CHECK(!(hits[i].term->kind == CW_REPORT &&
                !strncmp(t1 + hits[i].start, "称", 3)));
    /* a bad rules file is refused with its line */
    char tmp[] = "/tmp/cr_claims_rules_XXXXXX";
    int fd = mkstemp(tmp);
    FILE *bad = fdopen(fd, "w");
    fputs("# comment\nreport\t表示\nnonsense\tword\n", bad);
    fclose(bad);
    claim_rules r2 = {0};
    CHECK_INT(claim_rules_load(&r2, &a, tmp, &e), CR_EINPUT);
    CHECK_INT(e.line, 3);
    remove(tmp);

    /* ---- a document ---- */
    const char *title = "日燒508萬,OpenAI只能活到2024？";
    const char *body =
        "日前，據外媒Foo Weekly報道，OpenAI每天的運營成本為70萬美元。"
        "為什麼OpenAI會陷入困境？"
        "大模型的時代已經到來，前景很好。"
        "分析師張三不認可這個觀點，他近日發推時稱，OpenAI不會很快倒下。"
        "ChatGPT也被稱為史上最快的應用。"
        "微軟首席執行官張三在發布會上表示新產品的月費為20美元，OpenAI在2022年的虧損高達5.4億美元，"
        "ChatGPT的訪問量下降了11.2%，這一下降並非偶發。"
        "日前，據外媒Foo Weekly報道，OpenAI每天的運營成本為70萬美元。";
    doc *d = make_doc(&c, "t1", title, body);
    add_figure(d, "508萬", 0, MENTION_MONEY, 5080000, 0, "unknown");
    add_mention(d, "OpenAI", 0, MENTION_COMPANY, E_OPENAI);
    add_figure(d, "2024", 0, MENTION_DATE, 2024, 0, NULL);
    add_mention(d, "Foo Weekly", 0, MENTION_COMPANY, E_FOO);
    add_mention(d, "OpenAI", 1, MENTION_COMPANY, E_OPENAI);
    add_figure(d, "70萬美元", 0, MENTION_MONEY, 700000, 0, "USD");
    add_mention(d, "OpenAI", 2, MENTION_COMPANY, E_OPENAI);
    add_mention(d, "張三", 0, MENTION_PERSON, E_ZHANG);
    add_mention(d, "OpenAI", 3, MENTION_COMPANY, E_OPENAI);
    add_mention(d, "ChatGPT", 0, MENTION_PRODUCT, E_CHATGPT);
    add_mention(d, "微軟", 0, MENTION_COMPANY, E_MSFT);
    add_mention(d, "張三", 1, MENTION_PERSON, E_ZHANG);
    add_figure(d, "20美元", 0, MENTION_MONEY, 20, 0, "USD");
    add_mention(d, "OpenAI", 4, MENTION_COMPANY, E_OPENAI);
    add_figure(d, "2022年", 0, MENTION_DATE, 2022, 0, NULL);
    add_figure(d, "5.4億美元", 0, MENTION_MONEY, 540000000, 0, "USD");
    add_mention(d, "ChatGPT", 1, MENTION_PRODUCT, E_CHATGPT);
    add_figure(d, "11.2%", 0, MENTION_PERCENT, 112, 1, NULL);
    /* the repeat */
    add_mention(d, "Foo Weekly", 1, MENTION_COMPANY, E_FOO);
    add_mention(d, "OpenAI", 5, MENTION_COMPANY, E_OPENAI);
    add_figure(d, "70萬美元", 1, MENTION_MONEY, 700000, 0, "USD");

    CHECK_INT(claims_extract(d, &c, &e), CR_OK);
    for (size_t i = 0; i < d->n_claims; i++)
        fprintf(stderr, "claim %u: %.*s\n", d->claims[i].id,
                (int)(d->claims[i].end - d->claims[i].start), d->text + d->claims[i].start);

    /* headline: the figure clause stays, the question goes */
    const claim *h = find_claim(d, "日燒508萬");
    CHECK(claim_is(d, h, "日燒508萬"));
    CHECK(h && (h->flags & CLAIM_HEADLINE));
    CHECK(!find_claim(d, "只能活到"));
    CHECK(h && h->periods == (1u << CP_DAY));
    CHECK(h && h->id == 1);

    /* a figure and a quoted source with its entity */
    const claim *cost = find_claim(d, "運營成本為70萬美元");
    CHECK(cost != NULL);
    CHECK(cost && source_is(d, cost, "外媒Foo Weekly"));
    CHECK(cost && cost->source_entity == E_FOO);
    CHECK(cost && cost->n_mentions == 3);
    CHECK(cost && cost->periods == (1u << CP_DAY));
    /* the repeated sentence is one claim */
    int n_cost = 0;
    for (size_t i = 0; i < d->n_claims; i++)
        n_cost += find_claim(d, "運營成本為70萬美元") == &d->claims[i];
    CHECK_INT(n_cost, 1);
    size_t n_same = 0;
    for (size_t i = 0; i < d->n_claims; i++) {
        const claim *cl = &d->claims[i];
        n_same += cl->end - cl->start == cost->end - cost->start &&
                  !memcmp(d->text + cl->start, d->text + cost->start, cl->end - cl->start);
    }
    CHECK_INT(n_same, 1);

    /* questions and opinion without figure or entity are not claims */
    CHECK(!find_claim(d, "陷入困境"));
    CHECK(!find_claim(d, "前景很好"));
    /* 被稱為 is not a reporting verb, and there is no fact */
    CHECK(!find_claim(d, "最快的應用"));

    /* a pronoun's source is the person named before it */
    const claim *kuo = find_claim(d, "不會很快倒下");
    CHECK(kuo != NULL);
    CHECK(kuo && kuo->source_entity == E_ZHANG);
    CHECK(kuo && source_is(d, kuo, "張三"));

    /* a long sentence with two subjects and two figures is two clauses;
     * the clause without a subject of its own stays with the one before */
    const claim *loss = find_claim(d, "5.4億美元");
    CHECK(loss && (loss->flags & CLAIM_CLAUSE));
    const claim *fee = find_claim(d, "月費為20美元");
    CHECK(fee && fee != loss && claim_is(d, fee, "微軟首席執行官張三在發布會上表示新產品的月費為20美元"));
    CHECK(fee && fee->source_entity == E_ZHANG);
    const claim *drop = find_claim(d, "11.2%");
    CHECK(drop && (drop->flags & CLAIM_CLAUSE));
    CHECK(drop && claim_is(d, drop, "ChatGPT的訪問量下降了11.2%，這一下降並非偶發。"));
    CHECK(loss && claim_is(d, loss, "OpenAI在2022年的虧損高達5.4億美元"));

    /* ids run 1..n */
    for (size_t i = 0; i < d->n_claims; i++)
        CHECK_INT(d->claims[i].id, i + 1);

    arena_free(&a);
    corpus_free(&c);
    return check_done();
}
