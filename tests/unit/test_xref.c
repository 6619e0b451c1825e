/* test_xref.c — figure agreement and the same / differs / related / only-in
 * links between hand-built documents in Traditional and Simplified script. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "handdoc.h"
#include "tokpack.h"
#include "xref.h"

enum { E_OPENAI, E_CHATGPT, E_FOO, E_MSFT, E_ALTMAN, E_ANTH, E_DAVID, E_LI, E_GPU, N_ENT };
static const char *const names[N_ENT][2] = {
    {"openai", "OpenAI"}, {"chatgpt", "ChatGPT"}, {"foo-weekly", "Foo Weekly"},
    {"microsoft", "Microsoft"}, {"sam-altman", "Sam Altman"}, {"anthropic", "Anthropic"},
    {"david", "David"}, {"li-si", "Li Si"}, {"gpu", "GPU"},
};

static bool text_has(const doc *d, uint32_t claim_index, const char *needle)
{
    const claim *cl = &d->claims[claim_index];
    char buf[2048];
    size_t n = cl->end - cl->start;
    if (n >= sizeof buf)
        return false;
    memcpy(buf, d->text + cl->start, n);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* The link between the claims holding `left` (doc li) and `right` (doc ri),
 * or NULL. */
static const xref_link *find_link(const corpus *c, size_t li, const char *left, size_t ri,
                                  const char *right)
{
    for (size_t i = 0; i < c->n_links; i++) {
        const xref_link *l = &c->links[i];
        if (l->relation == XREF_ONLY_IN || l->left_doc != li || l->right_doc != (int32_t)ri)
            continue;
        if (text_has(c->docs[li], l->left_claim, left) &&
            text_has(c->docs[ri], (uint32_t)l->right_claim, right))
            return l;
    }
    return NULL;
}

static int relation_of(const corpus *c, size_t li, const char *left, size_t ri,
                       const char *right)
{
    const xref_link *l = find_link(c, li, left, ri, right);
    return l ? l->relation : -1;
}

static bool only_in(const corpus *c, size_t di, const char *text)
{
    for (size_t i = 0; i < c->n_links; i++) {
        const xref_link *l = &c->links[i];
        if (l->relation == XREF_ONLY_IN && l->left_doc == di &&
            text_has(c->docs[di], l->left_claim, text))
            return true;
    }
    return false;
}

static bool close_to(double a, double b) { return fabs(a - b) <= 1e-9 * (fabs(b) + 1); }

/* Packed tokens (tokpack.h, what cross-referencing reads in the xref
 * command) read back as they were: every length and gap, flags, empty
 * tokens, and from a claim's checkpoint in the middle. */
static bool same_token(const token *a, const token *b)
{
    return a->start == b->start && a->end == b->end && a->kind == b->kind &&
           a->flags == b->flags;
}

static void test_tokpack(void)
{
    enum { N = 4000 };
    token *t = malloc(N * sizeof *t);
    uint32_t *at = malloc(N * sizeof *at), *base = malloc(N * sizeof *base);
    uint8_t *buf = malloc(N * 16);
    CHECK(t && at && base && buf);
    if (!t || !at || !base || !buf)
        goto done;
    uint32_t pos = 0, seed = 12345;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        uint32_t gap = r % 5 == 0 ? r % 300 : 0;
        static const uint32_t lens[] = {0, 1, 2, 3, 4, 6, 9, 12, 15, 127, 128, 200000};
        uint32_t len = lens[(r >> 4) % (sizeof lens / sizeof *lens)];
        t[i] = (token){pos + gap, pos + gap + len, (uint8_t)((r >> 12) % 6),
                       (uint8_t)((r >> 16) % 7 == 0 ? TOKF_LEXICON : (r >> 16) % 11 == 0 ? 0x80 : 0)};
        pos = t[i].end;
    }
    uint8_t *p = buf;
    uint32_t prev = 0;
    size_t want = 0;
    for (size_t i = 0; i < N; i++) {
        at[i] = (uint32_t)(p - buf);
        base[i] = prev;
        want += tokpack_size(&t[i], prev);
        p = tokpack_put(p, &t[i], prev);
        prev = t[i].end;
        CHECK_INT((long)(p - buf), (long)want);
    }
    CHECK(want < N * 3);   /* most take one or two bytes */
    const uint8_t *q = buf, *end = p;
    prev = 0;
    token u;
    size_t n = 0, bad = 0;
    while (tokpack_next(&q, end, &prev, &u)) {
        bad += n >= N || !same_token(&u, &t[n]);
        n++;
    }
    CHECK_INT(n, N);
    CHECK_INT(bad, 0);
    for (size_t i = 0; i < N; i += 997) {   /* from a checkpoint */
        q = buf + at[i];
        prev = base[i];
        CHECK(tokpack_next(&q, end, &prev, &u) && same_token(&u, &t[i]));
    }
done:
    free(t);
    free(at);
    free(base);
    free(buf);
}

int main(void)
{
    test_tokpack();
    /* ---- rounding steps and agreement ---- */
    CHECK(close_to(xref_figure_half_step("500萬", strlen("500萬"), 5e6), 5000));
    CHECK(close_to(xref_figure_half_step("3.52億", strlen("3.52億"), 3.52e8), 5e5));
    CHECK(close_to(xref_figure_half_step("3.5亿", strlen("3.5亿"), 3.5e8), 5e6));
    CHECK(close_to(xref_figure_half_step("11.2%", 5, 11.2), 0.05));
    CHECK(close_to(xref_figure_half_step("約12%", strlen("約12%"), 12), 0.5));
    CHECK(close_to(xref_figure_half_step("$700,000", 8, 700000), 0.5));
    CHECK(close_to(xref_figure_half_step("７０万美元", strlen("７０万美元"), 700000), 5000));
    CHECK(close_to(xref_figure_half_step("兩千六", strlen("兩千六"), 2600), 50));
    CHECK(close_to(xref_figure_half_step("十", strlen("十"), 10), 5));
    CHECK(close_to(xref_figure_half_step("上萬", strlen("上萬"), 10000), 5000));

    corpus c;
    corpus_init(&c);
    cr_error e;
    cr_error_clear(&e);
    c.entities = calloc(N_ENT, sizeof *c.entities);
    c.n_entities = c.cap_entities = N_ENT;
    for (int i = 0; i < N_ENT; i++) {
        c.entities[i].id = names[i][0];
        c.entities[i].name = names[i][1];
    }

    /* ---- figures compared by value, across forms and scripts ---- */
    doc *f = make_doc(&c, "figs", "x",
                      "70萬美元，$700,000，700000 USD，人民幣500萬，人民幣508萬，3.52億，3.5億。");
    add_figure(f, "70萬美元", 0, MENTION_MONEY, 700000, 0, "USD");
    add_figure(f, "$700,000", 0, MENTION_MONEY, 700000, 0, "USD");
    add_figure(f, "700000 USD", 0, MENTION_MONEY, 700000, 0, "USD");
    add_figure(f, "人民幣500萬", 0, MENTION_MONEY, 5000000, 0, "CNY");
    add_figure(f, "人民幣508萬", 0, MENTION_MONEY, 5080000, 0, "CNY");
    add_figure(f, "3.52億", 0, MENTION_COUNT, 352000000, 0, NULL);
    add_figure(f, "3.5億", 0, MENTION_COUNT, 350000000, 0, NULL);
    const mention *m = f->mentions;
    CHECK(xref_figures_agree(f, &m[0], f, &m[1]));
    CHECK(xref_figures_agree(f, &m[1], f, &m[2]));
    CHECK(xref_figures_agree(f, &m[2], f, &m[0]));
    CHECK(!xref_figures_agree(f, &m[3], f, &m[4]));   /* 500萬 / 508萬 */
    CHECK(!xref_figures_agree(f, &m[0], f, &m[3]));   /* USD / CNY */
    CHECK(xref_figures_agree(f, &m[5], f, &m[6]));    /* 3.52億 / 3.5億 */
    free(c.entities);   /* made here, not in the corpus arena */
    c.entities = NULL;
    corpus_free(&c);

    /* ---- two articles on one story, Traditional and Simplified ---- */
    corpus_init(&c);
    c.entities = calloc(N_ENT, sizeof *c.entities);
    c.n_entities = c.cap_entities = N_ENT;
    for (int i = 0; i < N_ENT; i++) {
        c.entities[i].id = names[i][0];
        c.entities[i].name = names[i][1];
    }
    doc *a = make_doc(&c, "hant", "OpenAI日燒70萬美元",
        "據外媒Foo Weekly報道，ChatGPT每天的運營成本為70萬美元（約合人民幣500萬）。"
        "OpenAI在2022年的虧損高達5.4億美元。"
        "7月與6月相比，ChatGPT的全球訪問量下降了11.2%。"
        "微軟之前向OpenAI投資了100億美元。"
        "Anthropic的最新估值為3.5億美元。"
        "OpenAI首席執行官阿爾特曼在倫敦表示，缺少GPU使公司的短期計劃難以推進。"
        "大衛在2020年離開谷歌，開始自己創業。");
    add_mention(a, "OpenAI", 0, MENTION_COMPANY, E_OPENAI);
    add_figure(a, "70萬美元", 0, MENTION_MONEY, 700000, 0, "USD");
    add_mention(a, "Foo Weekly", 0, MENTION_COMPANY, E_FOO);
    add_mention(a, "ChatGPT", 0, MENTION_PRODUCT, E_CHATGPT);
    add_figure(a, "70萬美元", 1, MENTION_MONEY, 700000, 0, "USD");
    add_figure(a, "人民幣500萬", 0, MENTION_MONEY, 5000000, 0, "CNY");
    add_mention(a, "OpenAI", 1, MENTION_COMPANY, E_OPENAI);
    add_figure(a, "2022年", 0, MENTION_DATE, 2022, 0, NULL);
    add_figure(a, "5.4億美元", 0, MENTION_MONEY, 540000000, 0, "USD");
    add_figure(a, "7月", 0, MENTION_DATE, 7, 0, NULL);
    add_figure(a, "6月", 0, MENTION_DATE, 6, 0, NULL);
    add_mention(a, "ChatGPT", 1, MENTION_PRODUCT, E_CHATGPT);
    add_figure(a, "11.2%", 0, MENTION_PERCENT, 112, 1, NULL);
    add_mention(a, "微軟", 0, MENTION_COMPANY, E_MSFT);
    add_mention(a, "OpenAI", 2, MENTION_COMPANY, E_OPENAI);
    add_figure(a, "100億美元", 0, MENTION_MONEY, 10000000000, 0, "USD");
    add_mention(a, "Anthropic", 0, MENTION_COMPANY, E_ANTH);
    add_figure(a, "3.5億美元", 0, MENTION_MONEY, 350000000, 0, "USD");
    add_mention(a, "OpenAI", 3, MENTION_COMPANY, E_OPENAI);
    add_mention(a, "阿爾特曼", 0, MENTION_PERSON, E_ALTMAN);
    add_mention(a, "大衛", 0, MENTION_PERSON, E_DAVID);
    add_figure(a, "2020年", 0, MENTION_DATE, 2020, 0, NULL);

    doc *b = make_doc(&c, "hans", "OpenAI或将在2024年破产",
        "据报道，ChatGPT每天的运营成本为70万美元（当前约合人民币508万）。"
        "2022年OpenAI亏损了5.40亿美元。"
        "ChatGPT的访问量在7月较6月下降了约12%。"
        "之前微软对OpenAI的100亿美元投资可能会让该公司暂时维持下去。"
        "Anthropic最新估值为3.52亿美元。"
        "OpenAI CEO奥特曼曾表示，GPU的短缺让公司的短期计划难以推进。"
        "李四在2023年创办了一家新公司。");
    add_mention(b, "OpenAI", 0, MENTION_COMPANY, E_OPENAI);
    add_figure(b, "2024年", 0, MENTION_DATE, 2024, 0, NULL);
    add_mention(b, "ChatGPT", 0, MENTION_PRODUCT, E_CHATGPT);
    add_figure(b, "70万美元", 0, MENTION_MONEY, 700000, 0, "USD");
    add_figure(b, "人民币508万", 0, MENTION_MONEY, 5080000, 0, "CNY");
    add_figure(b, "2022年", 0, MENTION_DATE, 2022, 0, NULL);
    add_mention(b, "OpenAI", 1, MENTION_COMPANY, E_OPENAI);
    add_figure(b, "5.40亿美元", 0, MENTION_MONEY, 540000000, 0, "USD");
    add_mention(b, "ChatGPT", 1, MENTION_PRODUCT, E_CHATGPT);
    add_figure(b, "7月", 0, MENTION_DATE, 7, 0, NULL);
    add_figure(b, "6月", 0, MENTION_DATE, 6, 0, NULL);
    mention *approx = add_mention(b, "约12%", 0, MENTION_PERCENT, -1);
    approx->value.coef = 12;
    approx->qualifier = Q_APPROX;
    add_mention(b, "微软", 0, MENTION_COMPANY, E_MSFT);
    add_mention(b, "OpenAI", 2, MENTION_COMPANY, E_OPENAI);
    add_figure(b, "100亿美元", 0, MENTION_MONEY, 10000000000, 0, "USD");
    add_mention(b, "Anthropic", 0, MENTION_COMPANY, E_ANTH);
    add_figure(b, "3.52亿美元", 0, MENTION_MONEY, 352000000, 0, "USD");
    add_mention(b, "OpenAI", 3, MENTION_COMPANY, E_OPENAI);
    add_mention(b, "奥特曼", 0, MENTION_PERSON, E_ALTMAN);
    add_mention(b, "李四", 0, MENTION_PERSON, E_LI);
    add_figure(b, "2023年", 0, MENTION_DATE, 2023, 0, NULL);

    doc *c3 = make_doc(&c, "third", "短訊", "ChatGPT每天的運營成本為70萬美元。");
    add_mention(c3, "ChatGPT", 0, MENTION_PRODUCT, E_CHATGPT);
    add_figure(c3, "70萬美元", 0, MENTION_MONEY, 700000, 0, "USD");

    for (size_t i = 0; i < c.n_docs; i++)
        CHECK_INT(claims_extract(c.docs[i], &c, &e), CR_OK);
    CHECK_INT(xref_link_corpus(&c, &e), CR_OK);
    for (size_t i = 0; i < c.n_links; i++) {
        const xref_link *l = &c.links[i];
        const doc *ld = c.docs[l->left_doc];
        const claim *lc = &ld->claims[l->left_claim];
        fprintf(stderr, "%-8s %.2f %s#%u %.*s", xref_relation_name(l->relation), l->score,
                ld->id, lc->id, (int)(lc->end - lc->start), ld->text + lc->start);
        if (l->right_doc >= 0) {
            const doc *rd = c.docs[l->right_doc];
            const claim *rc = &rd->claims[l->right_claim];
            fprintf(stderr, "  <->  %s#%u %.*s", rd->id, rc->id, (int)(rc->end - rc->start),
                    rd->text + rc->start);
        }
        fprintf(stderr, "\n         why: %s\n", l->why);
    }

    /* the daily cost: dollars agree, yuan differ -> differs */
    CHECK_INT(relation_of(&c, 0, "每天的運營成本", 1, "每天的运营成本"), XREF_DIFFERS);
    const xref_link *cost = find_link(&c, 0, "每天的運營成本", 1, "每天的运营成本");
    CHECK(cost && strstr(cost->why, "人民幣500萬 ≠ 人民币508万"));
    CHECK(cost && strstr(cost->why, "70萬美元 = 70万美元"));
    CHECK(cost && strstr(cost->why, "ChatGPT"));
    /* 5.4億 = 5.40亿, 100億 = 100亿, 3.5億 = 3.52亿 (rounding of the less precise) */
    CHECK_INT(relation_of(&c, 0, "5.4億美元", 1, "5.40亿美元"), XREF_SAME);
    CHECK_INT(relation_of(&c, 0, "100億美元", 1, "100亿美元"), XREF_SAME);
    CHECK_INT(relation_of(&c, 0, "3.5億美元", 1, "3.52亿美元"), XREF_SAME);
    /* July traffic: 11.2% against 約12% */
    CHECK_INT(relation_of(&c, 0, "11.2%", 1, "约12%"), XREF_DIFFERS);
    /* the same statement by one person under two spellings */
    CHECK_INT(relation_of(&c, 0, "阿爾特曼", 1, "奥特曼"), XREF_RELATED);
    /* no false links between different facts */
    CHECK(relation_of(&c, 0, "5.4億美元", 1, "100亿美元") < 0);
    CHECK(relation_of(&c, 0, "11.2%", 1, "3.52亿美元") < 0);
    /* only in one document */
    CHECK(only_in(&c, 0, "大衛"));
    CHECK(only_in(&c, 1, "李四"));
    CHECK(!only_in(&c, 0, "5.4億"));
    /* every pair is compared */
    CHECK_INT(relation_of(&c, 0, "每天的運營成本", 2, "每天的運營成本"), XREF_SAME);
    CHECK_INT(relation_of(&c, 1, "每天的运营成本", 2, "每天的運營成本"), XREF_SAME);
    /* links are grouped by pair, then relation; only-in last */
    for (size_t i = 1; i < c.n_links; i++) {
        const xref_link *p = &c.links[i - 1], *q = &c.links[i];
        if (q->relation == XREF_ONLY_IN)
            continue;
        CHECK(p->relation != XREF_ONLY_IN);
        CHECK(p->left_doc < q->left_doc ||
              (p->left_doc == q->left_doc && p->right_doc <= q->right_doc));
        if (p->left_doc == q->left_doc && p->right_doc == q->right_doc)
            CHECK(p->relation <= q->relation);
    }
    free(c.entities);   /* made here, not in the corpus arena */
    c.entities = NULL;
    corpus_free(&c);

    /* ---- different subjects, vague numbers, different quarters ---- */
    corpus_init(&c);
    c.entities = calloc(N_ENT, sizeof *c.entities);
    c.n_entities = c.cap_entities = N_ENT;
    for (int i = 0; i < N_ENT; i++) {
        c.entities[i].id = names[i][0];
        c.entities[i].name = names[i][1];
    }
    doc *p = make_doc(&c, "p", "標題",
        "Anthropic每天的運營成本為30萬美元。"
        "微軟購買了數萬塊GPU。"
        "OpenAI第二季營收為12億美元。");
    add_mention(p, "Anthropic", 0, MENTION_COMPANY, E_ANTH);
    add_figure(p, "30萬美元", 0, MENTION_MONEY, 300000, 0, "USD");
    add_mention(p, "微軟", 0, MENTION_COMPANY, E_MSFT);
    mention *vm = add_mention(p, "數萬塊", 0, MENTION_COUNT, -1);
    vm->value.coef = 10000;
    vm->qualifier = Q_MORE_THAN;
    vm->unit = "塊";
    add_mention(p, "OpenAI", 0, MENTION_COMPANY, E_OPENAI);
    add_figure(p, "12億美元", 0, MENTION_MONEY, 1200000000, 0, "USD");
    doc *q = make_doc(&c, "q", "标题",
        "OpenAI每天的运营成本为30万美元。"
        "微软购买了上万块GPU。"
        "OpenAI第三季营收为12亿美元。");
    add_mention(q, "OpenAI", 0, MENTION_COMPANY, E_OPENAI);
    add_figure(q, "30万美元", 0, MENTION_MONEY, 300000, 0, "USD");
    add_mention(q, "微软", 0, MENTION_COMPANY, E_MSFT);
    vm = add_mention(q, "上万块", 0, MENTION_COUNT, -1);
    vm->value.coef = 10000;
    vm->qualifier = Q_AT_LEAST;
    vm->unit = "块";
    add_mention(q, "OpenAI", 1, MENTION_COMPANY, E_OPENAI);
    add_figure(q, "12亿美元", 0, MENTION_MONEY, 1200000000, 0, "USD");
    for (size_t i = 0; i < c.n_docs; i++)
        CHECK_INT(claims_extract(c.docs[i], &c, &e), CR_OK);
    CHECK_INT(xref_link_corpus(&c, &e), CR_OK);
    /* two companies' costs are not one fact, however alike the words */
    CHECK(relation_of(&c, 0, "Anthropic", 1, "OpenAI每天") < 0);
    /* 數萬 and 上萬 are orders of magnitude, not figures that agree */
    CHECK(relation_of(&c, 0, "數萬塊", 1, "上万块") != XREF_SAME);
    /* the second quarter's revenue is not the third's */
    CHECK(relation_of(&c, 0, "第二季", 1, "第三季") != XREF_SAME);
    CHECK(relation_of(&c, 0, "第二季", 1, "第三季") != XREF_DIFFERS);
    free(c.entities);   /* made here, not in the corpus arena */
    c.entities = NULL;
    corpus_free(&c);
    return check_done();
}
