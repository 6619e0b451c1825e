/* test_lexicon.c — loading, errors, folding, matching and the shipped data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "entities.h"
#include "lexicon.h"

static char tmpdir[] = "/tmp/cr_lexicon_XXXXXX";

/* Writes text to a file in tmpdir; returns its path (static buffer per slot). */
static const char *write_file(const char *name, const char *text)
{
    static char paths[16][600];
    static int slot;
    char *p = paths[slot++ % 16];
    snprintf(p, 600, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (!f)
        return p;
    fputs(text, f);
    fclose(f);
    return p;
}

static lexicon *load_text(const char *text)
{
    lexicon *lx = lexicon_new();
    cr_error e;
    cr_error_clear(&e);
    int rc = lexicon_load_file(lx, write_file("t.tsv", text), &e);
    CHECK_INT(rc, CR_OK);
    if (rc)
        fprintf(stderr, "  load: %s\n", e.msg);
    return lx;
}

/* Matches at the start of s; returns matched bytes and the id ("" if none). */
static size_t m(const lexicon *lx, const char *s, const char **id)
{
    const lex_entry *en;
    size_t n = lexicon_match(lx, s, strlen(s), &en);
    *id = en ? en->id : "";
    CHECK((n == 0) == (en == NULL));
    return n;
}

static const char *BASIC =
    "\xEF\xBB\xBF# a comment\n"
    "\n"
    "   # an indented comment\n"
    "company\tmicrosoft\tMicrosoft\t微軟|MSFT|Microsoft|微軟\r\n"
    "company\ttsmc\t台積電\t台灣積體電路製造|TSMC\n"
    "company\tgoogle\tGoogle\t谷歌\n"
    "company\tdeepmind\tGoogle DeepMind\tDeepMind\n"
    "company\tmeta\tMeta\tMeta Platforms\n"
    "company\tamd\tAMD\tAdvanced Micro Devices\n"
    "company\t3m\t3M\n"
    "company\topenai\tOpenAI\n"
    "product\tchatgpt\tChatGPT\t\n"
    "person\tsam-altman\tSam Altman\t山姆·阿爾特曼|阿爾特曼|奧特曼\n";

static void test_basic(void)
{
    lexicon *lx = load_text(BASIC);
    CHECK_INT(lexicon_size(lx), 10);
    const lex_entry *ms = lexicon_find(lx, "microsoft");
    CHECK(ms != NULL);
    if (ms) {
        CHECK_STR(ms->name, "Microsoft");
        CHECK_INT(ms->type, MENTION_COMPANY);
        CHECK_INT(ms->n_aliases, 3);   /* name first, exact duplicates dropped */
        CHECK_STR(ms->aliases[0], "Microsoft");
        CHECK_STR(ms->aliases[1], "微軟");
        CHECK_STR(ms->aliases[2], "MSFT");
        CHECK_INT(ms->line, 4);
    }
    CHECK(lexicon_find(lx, "nope") == NULL);
    const lex_entry *sa = lexicon_find(lx, "sam-altman");
    CHECK(sa && sa->type == MENTION_PERSON);
    const lex_entry *cg = lexicon_find(lx, "chatgpt");
    CHECK(cg && cg->type == MENTION_PRODUCT && cg->n_aliases == 1);
    CHECK_STR(lexicon_entry(lx, 0)->id, "microsoft");
    CHECK_STR(lexicon_entry(lx, 9)->id, "sam-altman");
    CHECK(lexicon_entry(lx, 10) == NULL);
    CHECK(lexicon_lookup(lx, "msft", 4) == ms);
    CHECK(lexicon_lookup(lx, "msf", 3) == NULL);    /* a prefix is no alias */
    CHECK(lexicon_lookup(lx, "微软", strlen("微软")) == ms);
    lexicon_free(lx);
}

static void test_folding(void)
{
    lexicon *lx = load_text(BASIC);
    const char *id;
    /* Traditional entry, Simplified text */
    CHECK_INT(m(lx, "微软公司", &id), strlen("微软"));
    CHECK_STR(id, "microsoft");
    CHECK_INT(m(lx, "台积电今天", &id), strlen("台积电"));
    CHECK_STR(id, "tsmc");
    CHECK_INT(m(lx, "台湾积体电路制造", &id), strlen("台湾积体电路制造"));
    CHECK_STR(id, "tsmc");
    /* any case for Latin */
    CHECK_INT(m(lx, "microsoft said", &id), 9);
    CHECK_INT(m(lx, "MICROSOFT", &id), 9);
    CHECK_INT(m(lx, "tsmc", &id), 4);
    /* full width: 6 characters of 3 bytes each, folded to 6 ASCII bytes */
    CHECK_INT(m(lx, "ＯｐｅｎＡＩ發布", &id), 18);
    CHECK_STR(id, "openai");
    CHECK_INT(m(lx, "Ｏｐｅｎ", &id), 0);
    /* the dot joining transliterated names comes in several forms */
    CHECK_INT(m(lx, "山姆‧阿爾特曼表示", &id), strlen("山姆‧阿爾特曼"));
    CHECK_STR(id, "sam-altman");
    CHECK_INT(m(lx, "山姆・阿尔特曼", &id), strlen("山姆・阿尔特曼"));
    CHECK_INT(m(lx, "奥特曼说", &id), strlen("奥特曼"));
    CHECK_STR(id, "sam-altman");
    lexicon_free(lx);
}

static void test_longest_and_boundaries(void)
{
    lexicon *lx = load_text(BASIC);
    const char *id;
    CHECK_INT(m(lx, "Google DeepMind said", &id), 15);
    CHECK_STR(id, "deepmind");
    CHECK_INT(m(lx, "Google Deep", &id), 6);
    CHECK_STR(id, "google");
    CHECK_INT(m(lx, "Meta Platforms Inc", &id), 14);
    CHECK_INT(m(lx, "Meta Platformsx", &id), 4);   /* falls back to the shorter */
    /* Latin aliases need word boundaries */
    CHECK_INT(m(lx, "Metaverse", &id), 0);
    CHECK_INT(m(lx, "AMDX", &id), 0);
    CHECK_INT(m(lx, "AMD2", &id), 0);
    CHECK_INT(m(lx, "AMD.", &id), 3);
    CHECK_INT(m(lx, "AMD的晶片", &id), 3);        /* Han next to Latin is a boundary */
    CHECK_INT(m(lx, "ChatGPT用戶", &id), 7);
    CHECK_INT(m(lx, "ＡＭＤｘ", &id), 0);          /* full-width letters are letters */
    /* Han aliases need none */
    CHECK_INT(m(lx, "谷歌的", &id), strlen("谷歌"));

    const char *t = "XAMD, AMD和3M、13M";
    const lex_entry *en;
    CHECK_INT(lexicon_match_at(lx, t, strlen(t), 1, &en), 0);     /* inside XAMD */
    CHECK(en == NULL);
    CHECK_INT(lexicon_match_at(lx, t, strlen(t), 6, &en), 3);     /* AMD */
    CHECK(en && !strcmp(en->id, "amd"));
    size_t p3 = (size_t)(strstr(t, "和3M") - t) + strlen("和");
    CHECK_INT(lexicon_match_at(lx, t, strlen(t), p3, &en), 2);    /* 3M after Han */
    size_t p13 = (size_t)(strstr(t, "13M") - t) + 1;
    CHECK_INT(lexicon_match_at(lx, t, strlen(t), p13, &en), 0);   /* 3M inside 13M */
    const char *h = "报道微软";
    CHECK_INT(lexicon_match_at(lx, h, strlen(h), strlen("报道"), &en), strlen("微软"));
    CHECK_INT(lexicon_match_at(lx, h, strlen(h), strlen(h) + 1, &en), 0);
    /* n limits the match */
    CHECK_INT(lexicon_match(lx, "微软", 3, &en), 0);
    CHECK_INT(lexicon_match(lx, "Microsoft", 5, &en), 0);
    CHECK_INT(lexicon_match(lx, "AMDX", 3, &en), 3);
    /* characters that fold to nothing are skipped inside a match */
    CHECK_INT(m(lx, "Micro\xC2\xADsoft", &id), 11);           /* soft hyphen */
    CHECK_STR(id, "microsoft");
    CHECK_INT(m(lx, "微\xE2\x80\x8B软", &id), 9);                /* zero-width space */
    CHECK_INT(m(lx, "\xE2\x80\x8B" "AMD", &id), 0);                 /* but start none */
    /* invalid UTF-8 in text stops the match, never crashes */
    CHECK_INT(lexicon_match(lx, "微\xE8\xBD", 5, &en), 0);
    lexicon_free(lx);

    lexicon *empty = lexicon_new();
    CHECK_INT(lexicon_match(empty, "AMD", 3, &en), 0);
    CHECK(en == NULL);
    CHECK(lexicon_lookup(empty, "AMD", 3) == NULL);
    CHECK_INT(lexicon_size(empty), 0);
    lexicon_free(empty);
}

static void expect_error(const char *name, const char *text, size_t line, const char *needle)
{
    lexicon *lx = load_text("company\tgood\tGood Co\tGoodCo\n");
    cr_error e;
    cr_error_clear(&e);
    const char *path = write_file(name, text);
    int rc = lexicon_load_file(lx, path, &e);
    CHECK_INT(rc, CR_EINPUT);
    CHECK_STR(e.file, path);
    CHECK_INT(e.line, line);
    if (!strstr(e.msg, needle))
        fprintf(stderr, "  %s: message \"%s\" lacks \"%s\"\n", name, e.msg, needle);
    CHECK(strstr(e.msg, needle) != NULL);
    /* a bad file is not loaded at all, not even its good lines */
    CHECK_INT(lexicon_size(lx), 1);
    CHECK(lexicon_lookup(lx, "Fine", 4) == NULL);
    CHECK(lexicon_lookup(lx, "GoodCo", 6) != NULL);
    lexicon_free(lx);
}

static void test_errors(void)
{
    const char *ok = "# header\ncompany\tfine\tFine\n";
    char buf[256];
#define BADLINE(name, line, needle)                                            \
    do {                                                                       \
        snprintf(buf, sizeof buf, "%s%s", ok, line);                           \
        expect_error(name, buf, 3, needle);                                    \
    } while (0)
    BADLINE("fields.tsv", "company\tonly-two\n", "3 or 4");
    BADLINE("many.tsv", "company\tx\tX\ta\tb\n", "3 or 4");
    BADLINE("type.tsv", "organisation\tx\tX\n", "unknown type");
    BADLINE("id.tsv", "company\tBad Id\tX\n", "bad id");
    BADLINE("noname.tsv", "company\tx\t \tX\n", "empty canonical name");
    BADLINE("alias.tsv", "company\tx\tX\tA||B\n", "empty alias");
    BADLINE("punct.tsv", "company\tx\tX\t-\n", "no letter or digit");
    BADLINE("dup.tsv", "company\tfine\tFine again\n", "duplicate id 'fine' (first on line 2)");
    BADLINE("utf8.tsv", "company\tx\tX\xC3\x28\n", "invalid UTF-8");
    BADLINE("ctl.tsv", "company\tx\tX\x01Y\n", "control character");
#undef BADLINE
    cr_error e;
    cr_error_clear(&e);
    lexicon *lx = lexicon_new();
    CHECK_INT(lexicon_load_file(lx, "/nonexistent/lexicon.tsv", &e), CR_EINPUT);
    CHECK_STR(e.file, "/nonexistent/lexicon.tsv");
    CHECK_INT(lexicon_load_file(lx, tmpdir, &e), CR_EINPUT);   /* a directory */
    char msg[1200];
    cr_error_format(&e, msg, sizeof msg);
    CHECK(strstr(msg, tmpdir) != NULL);
    lexicon_free(lx);
}

static void test_duplicates_and_override(void)
{
    /* Two entries claim one alias: the later line gets it, the earlier
     * keeps its other aliases. */
    lexicon *lx = load_text("product\tgemini-ai\tGemini\t双子座\n"
                            "company\tgemini-exchange\tGemini Trust\tGemini\n");
    const char *id;
    CHECK_INT(m(lx, "Gemini", &id), 6);
    CHECK_STR(id, "gemini-exchange");
    CHECK_INT(m(lx, "双子座", &id), strlen("双子座"));
    CHECK_STR(id, "gemini-ai");
    lexicon_free(lx);

    /* A user file loaded later adds entries, takes over aliases and
     * redefines ids. */
    lx = load_text(BASIC);
    cr_error e;
    cr_error_clear(&e);
    const char *user = write_file("user.tsv",
        "company\tmicrosoft\tMicrosoft Corporation\t微軟公司|Microsoft\n"
        "company\tacme\tAcme\t極客公司|OpenAI\n");
    CHECK_INT(lexicon_load_file(lx, user, &e), CR_OK);
    CHECK_INT(lexicon_size(lx), 11);
    const lex_entry *ms = lexicon_find(lx, "microsoft");
    CHECK(ms && !strcmp(ms->name, "Microsoft Corporation") && !strcmp(ms->file, user));
    CHECK(lexicon_entry(lx, 0) == ms);            /* keeps its place */
    CHECK_INT(m(lx, "MSFT", &id), 0);             /* old aliases are gone */
    CHECK_INT(m(lx, "微軟", &id), 0);
    CHECK_INT(m(lx, "微软公司", &id), strlen("微软公司"));
    CHECK_STR(id, "microsoft");
    CHECK_INT(m(lx, "Microsoft", &id), 9);
    CHECK_STR(id, "microsoft");
    CHECK_INT(m(lx, "OpenAI", &id), 6);
    CHECK_STR(id, "acme");
    CHECK(lexicon_find(lx, "openai") != NULL);    /* still there by id */
    CHECK_INT(m(lx, "台积电", &id), strlen("台积电"));
    lexicon_free(lx);
}

static void test_buffer(void)
{
    lexicon *lx = lexicon_new();
    cr_error e;
    cr_error_clear(&e);
    const char *text = "company\tacme\tAcme\t極客公司\nproduct\tx1\tAcme X1";
    CHECK_INT(lexicon_load_buffer(lx, "<memory>", text, strlen(text), &e), CR_OK);
    CHECK_INT(lexicon_size(lx), 2);
    CHECK_STR(lexicon_find(lx, "x1")->file, "<memory>");
    const char *id;
    CHECK_INT(m(lx, "Acme X1 ships", &id), 7);
    CHECK_STR(id, "x1");
    /* length is honoured: no NUL terminator needed, nothing read past it */
    CHECK_INT(lexicon_load_buffer(lx, "<cut>", "person\tp\tPat\tPatty", 12, &e), CR_OK);
    CHECK_STR(lexicon_find(lx, "p")->name, "Pat");
    /* a character whose fold is several characters: ㏰ is 17日 */
    const char *sq = "product\tday17\t㏰促銷";
    CHECK_INT(lexicon_load_buffer(lx, "<sq>", sq, strlen(sq), &e), CR_OK);
    CHECK_INT(m(lx, "㏰促銷", &id), strlen("㏰促銷"));
    CHECK_INT(m(lx, "17日促销", &id), strlen("17日促销"));
    CHECK_STR(id, "day17");
    /* an alias is trimmed of characters that fold to nothing */
    const char *bom = "product\tgpt-4\tGPT-4\t\xEF\xBB\xBFGPT4\xC2\xAD";
    CHECK_INT(lexicon_load_buffer(lx, "<bom>", bom, strlen(bom), &e), CR_OK);
    CHECK_STR(lexicon_find(lx, "gpt-4")->aliases[1], "GPT4");
    CHECK_INT(m(lx, "GPT4 ", &id), 4);
    const char *only = "product\tz\tZ\t\xE2\x80\x8B";
    CHECK_INT(lexicon_load_buffer(lx, "<zw>", only, strlen(only), &e), CR_EINPUT);
    CHECK_INT(lexicon_load_buffer(lx, "<bad>", "product\tx1", 10, &e), CR_EINPUT);
    CHECK_STR(e.file, "<bad>");
    CHECK_INT(e.line, 1);
    lexicon_free(lx);
}

static void test_shipped(void)
{
    lexicon *lx = lexicon_new();
    cr_error e;
    cr_error_clear(&e);
    int rc = lexicon_load_default(lx, &e);
    CHECK_INT(rc, CR_OK);
    if (rc) {
        char msg[1200];
        cr_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "  shipped lexicon: %s\n", msg);
    }
    size_t per_type[3] = {0}, n_alias = 0, collisions = 0;
    for (size_t i = 0; i < lexicon_size(lx); i++) {
        const lex_entry *en = lexicon_entry(lx, i);
        if (en->type < 3)
            per_type[en->type]++;
        /* every alias must find its own entry: no alias is claimed twice */
        for (uint32_t a = 0; a < en->n_aliases; a++, n_alias++) {
            const lex_entry *o = lexicon_lookup(lx, en->aliases[a], strlen(en->aliases[a]));
            if (o != en) {
                collisions++;
                fprintf(stderr, "  alias '%s' of %s (line %u) resolves to %s (line %u)\n",
                        en->aliases[a], en->id, en->line, o ? o->id : "nothing",
                        o ? o->line : 0);
            }
        }
    }
    CHECK_INT(collisions, 0);
    /* every alias, alone, matches its own full length */
    size_t short_self = 0;
    for (size_t i = 0; i < lexicon_size(lx); i++) {
        const lex_entry *en = lexicon_entry(lx, i);
        for (uint32_t a = 0; a < en->n_aliases; a++) {
            const lex_entry *o;
            size_t al = strlen(en->aliases[a]);
            if (lexicon_match(lx, en->aliases[a], al, &o) != al) {
                short_self++;
                fprintf(stderr, "  alias '%s' of %s does not match itself\n",
                        en->aliases[a], en->id);
            }
        }
    }
    CHECK_INT(short_self, 0);
    CHECK(per_type[MENTION_PERSON] >= 20);
    CHECK(per_type[MENTION_COMPANY] >= 50);
    CHECK(per_type[MENTION_PRODUCT] >= 10);
    printf("shipped lexicon: %zu entries (%zu person, %zu company, %zu product), %zu aliases\n",
           lexicon_size(lx), per_type[0], per_type[1], per_type[2], n_alias);
    const char *id;
    CHECK_INT(m(lx, "微软", &id), strlen("微软"));
    CHECK_STR(id, "microsoft");
    CHECK_INT(m(lx, "台積電", &id), strlen("台積電"));
    CHECK_STR(id, "tsmc");
    /* A user file on top of the shipped set overrides one entry. */
    const char *user = write_file("over.tsv", "company\ttsmc\tTSMC Ltd\tTSMC\n");
    CHECK_INT(lexicon_load_file(lx, user, &e), CR_OK);
    CHECK_STR(lexicon_find(lx, "tsmc")->name, "TSMC Ltd");
    CHECK_INT(m(lx, "台積電", &id), 0);
    /* The shipped set may not be loaded twice: ids would be redefined. */
    CHECK_INT(lexicon_load_default(lx, &e), CR_EINPUT);
    CHECK(strstr(e.msg, "already defined") != NULL);
    lexicon_free(lx);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_basic();
    test_folding();
    test_longest_and_boundaries();
    test_errors();
    test_duplicates_and_override();
    test_buffer();
    test_shipped();
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return check_done();
}
