/* test_entities.c — extraction rules, alias resolution and damage handling on
 * made-up text (names invented for the tests). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "corpus.h"
#include "entities.h"

static corpus C;

static doc *load(const char *name, const char *text)
{
    cr_error e;
    cr_error_clear(&e);
    if (corpus_add_buffer(&C, name, text, strlen(text), NULL, &e))
        return NULL;
    return C.docs[C.n_docs - 1];
}

static int run(void)
{
    cr_error e;
    cr_error_clear(&e);
    int rc = corpus_run(&C, STAGE_EXTRACT, &e);
    if (rc)
        fprintf(stderr, "corpus_run: %s\n", e.msg);
    return rc;
}

/* The mention whose surface is exactly s (n-th occurrence), or NULL. */
static const mention *find(const doc *d, const char *s, int nth)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const mention *m = &d->mentions[i];
        if (m->end - m->start == n && !memcmp(d->text + m->start, s, n) && nth-- == 0)
            return m;
    }
    return NULL;
}

static const char *id_of(const mention *m)
{
    return m && m->entity >= 0 ? C.entities[m->entity].id : "(none)";
}

static int type_of(const mention *m) { return m ? m->type : -1; }

int main(void)
{
    corpus_init(&C);
    doc *a = load("a", "星河智聯創始人、董事長林志遠表示,公司明年將推出新款手機。\n\n"
                       "林志遠說,美國財長蕾娜·葛洛瓦稱貿易談判仍有空間。葛洛瓦指出,關稅會影響消費者。\n\n"
                       "前谷歌工程師Kevin Marlowe加入了一家名為Quantiva的初創公司。Marlowe稱,"
                       "團隊已購入一萬張Z900加速卡。\n\n"
                       "研究員Linda Tsao(曹琳達)認為,遠(yuǎn)期風險仍在。曹琳達另指出,"
                       "微軟與微软的寫法不同。");
    doc *b = load("b", "Kevin Marlowe表示,Quantiva正在招聘。微軟也在招聘。");
    CHECK(a && b);
    CHECK_INT(run(), 0);
    if (!a || !b)
        return check_done();

    /* people from context: a title before, a dot-joined transliteration */
    CHECK_INT(type_of(find(a, "林志遠", 0)), MENTION_PERSON);
    CHECK_STR(id_of(find(a, "林志遠", 0)), id_of(find(a, "林志遠", 1)));
    CHECK_INT(type_of(find(a, "蕾娜·葛洛瓦", 0)), MENTION_PERSON);
    /* a surname alone is the full name seen in the same document */
    CHECK(find(a, "葛洛瓦", 0) != NULL);
    CHECK_STR(id_of(find(a, "葛洛瓦", 0)), id_of(find(a, "蕾娜·葛洛瓦", 0)));
    CHECK(find(a, "葛洛瓦", 0) && (find(a, "葛洛瓦", 0)->flags & MENTF_SHORT));
    /* the organisation a founder belongs to */
    CHECK_INT(type_of(find(a, "星河智聯", 0)), MENTION_COMPANY);

    /* Latin names: title before, surname after, across documents */
    CHECK_INT(type_of(find(a, "Kevin Marlowe", 0)), MENTION_PERSON);
    CHECK_STR(id_of(find(a, "Kevin Marlowe", 0)), "kevin-marlowe");
    CHECK_STR(id_of(find(a, "Marlowe", 0)), "kevin-marlowe");
    CHECK_STR(id_of(find(b, "Kevin Marlowe", 0)), "kevin-marlowe");
    /* 一家名為X的初創公司 */
    CHECK_INT(type_of(find(a, "Quantiva", 0)), MENTION_COMPANY);
    /* a model number after a measure word is a product */
    CHECK_INT(type_of(find(a, "Z900", 0)), MENTION_PRODUCT);

    /* parenthesised alias: both sides one entity */
    CHECK_INT(type_of(find(a, "Linda Tsao", 0)), MENTION_PERSON);
    CHECK_STR(id_of(find(a, "曹琳達", 0)), id_of(find(a, "Linda Tsao", 0)));
    CHECK_STR(id_of(find(a, "曹琳達", 1)), id_of(find(a, "Linda Tsao", 0)));
    /* pinyin leftovers never become entities */
    for (size_t i = 0; i < a->n_mentions; i++) {
        const mention *m = &a->mentions[i];
        CHECK(!memmem(a->text + m->start, m->end - m->start, "yu", 2));
    }
    /* Traditional and Simplified forms of one lexicon name are one entity */
    CHECK(find(a, "微軟", 0) && find(a, "微软", 0));
    CHECK_STR(id_of(find(a, "微软", 0)), id_of(find(a, "微軟", 0)));
    CHECK_STR(id_of(find(b, "微軟", 0)), id_of(find(a, "微軟", 0)));

    /* mentions are sorted and every entity mention has an entity */
    for (size_t i = 0; i < a->n_mentions; i++) {
        if (i) CHECK(a->mentions[i - 1].start <= a->mentions[i].start);
        if (a->mentions[i].type <= MENTION_PRODUCT)
            CHECK(a->mentions[i].entity >= 0 && (size_t)a->mentions[i].entity < C.n_entities);
    }
    /* the per-document counts add up */
    int32_t km = find(a, "Kevin Marlowe", 0) ? find(a, "Kevin Marlowe", 0)->entity : -1;
    CHECK(km >= 0);
    if (km >= 0) {
        CHECK_INT(entity_mentions_in(&C.entities[km], 0), 2);
        CHECK_INT(entity_mentions_in(&C.entities[km], 1), 1);
        CHECK_INT(entity_mentions_in(&C.entities[km], 2), 0);
        CHECK_INT(C.entities[km].n_docs, 2);
        CHECK_INT(C.entities[km].total, 3);
    }
    /* every mention of an entity is counted once, in its document */
    for (size_t k = 0; k < C.n_entities; k++) {
        uint32_t sum = 0;
        for (size_t j = 0; j < C.entities[k].n_docs; j++) {
            sum += C.entities[k].docs[j].mentions;
            if (j) CHECK(C.entities[k].docs[j - 1].doc < C.entities[k].docs[j].doc);
        }
        CHECK_INT(sum, C.entities[k].total);
    }

    /* damaged text yields nothing; extraction is deterministic */
    cr_error e;
    cr_error_clear(&e);
    doc *d = load("c", "分析師郭明錤表示,前谷歌工程師Kevin Marlowe加入了一家名為Quantiva的公司。");
    corpus_run(&C, STAGE_SEGMENT, &e);
    size_t n_before = 0;
    d->n_mentions = 0;
    CHECK_INT(entities_extract(d, &C, &e), 0);
    n_before = d->n_mentions;
    CHECK(n_before >= 3);
    const char *hit = strstr(d->text, "Kevin");
    damage dm = {(uint32_t)(hit - d->text), (uint32_t)(hit - d->text) + 3, DAMAGE_MOJIBAKE};
    d->damage = &dm;
    d->n_damage = 1;
    d->n_mentions = 0;
    CHECK_INT(entities_extract(d, &C, &e), 0);
    CHECK_INT(d->n_mentions, n_before - 1);
    for (size_t i = 0; i < d->n_mentions; i++)
        CHECK(d->mentions[i].end <= dm.start || d->mentions[i].start >= dm.end);
    d->damage = NULL;
    d->n_damage = 0;
    corpus_free(&C);
    return check_done();
}
