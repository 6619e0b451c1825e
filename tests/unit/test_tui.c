/* The explorer's parts that need no terminal: key names and the keymap,
 * the config file, the prompt's editing of wide and combining characters,
 * history kept in a file, and list rows. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/utf8.h>

#include "check.h"
#include "config.h"
#include "history.h"
#include "keys.h"
#include "prompt.h"
#include "rows.h"

static action first(const keymap *km, keycode k)
{
    action a[4];
    return keymap_lookup(km, k, a, 4) ? a[0] : ACT_NONE;
}

static void test_keys(void)
{
    keycode k;
    char buf[32];
    CHECK(key_parse("j", &k) && k.code == 'j' && !k.is_fn);
    CHECK(key_parse("^L", &k) && k.code == 12);
    CHECK(key_parse("^l", &k) && k.code == 12);
    CHECK(key_parse("pgdn", &k) && k.code == KEY_NPAGE && k.is_fn);
    CHECK(key_parse("f10", &k) && k.code == (uint32_t)KEY_F(10));
    CHECK(key_parse("微", &k) && k.code == 0x5FAE);
    CHECK(!key_parse("jk", &k));
    CHECK(!key_parse("", &k));
    CHECK(!key_parse("^1", &k));
    const char *names[] = {"j", "^L", "pgdn", "f10", "微", "enter", "space", "esc"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        CHECK(key_parse(names[i], &k));
        key_label(k, buf, sizeof buf);
        CHECK_STR(buf, names[i]);        /* names round-trip */
    }

    keymap km = {0};
    CHECK_INT(keymap_defaults(&km), 0);
    CHECK_INT(first(&km, (keycode){'j', false}), ACT_DOWN);
    CHECK_INT(first(&km, (keycode){KEY_DOWN, true}), ACT_DOWN);
    CHECK_INT(first(&km, (keycode){'\r', false}), ACT_OPEN);      /* Enter, any form */
    CHECK_INT(first(&km, (keycode){KEY_ENTER, true}), ACT_OPEN);
    CHECK_INT(first(&km, (keycode){'q', false}), ACT_BACK);
    CHECK_INT(first(&km, (keycode){'x', false}), ACT_NONE);
    /* 'r' means raw in the reader and relation in cross-references */
    action acts[4];
    CHECK_INT(keymap_lookup(&km, (keycode){'r', false}, acts, 4), 2);
    /* every action but none has a default key and a help line */
    for (int a = 1; a < ACT__COUNT; a++) {
        keymap_describe(&km, (action)a, buf, sizeof buf);
        CHECK(buf[0] != '\0');
        CHECK(action_help((action)a)[0] != '\0');
        CHECK_INT(action_from_name(action_name((action)a)), a);
    }
    /* rebinding replaces the action's keys and wins over defaults */
    keycode jk[] = {{'J', false}, {'j', false}};
    CHECK_INT(keymap_rebind(&km, ACT_PAGE_DOWN, jk, 2), 0);
    CHECK_INT(first(&km, (keycode){'j', false}), ACT_PAGE_DOWN);
    CHECK_INT(first(&km, (keycode){' ', false}), ACT_NONE);
    keymap_describe(&km, ACT_PAGE_DOWN, buf, sizeof buf);
    CHECK_STR(buf, "J, j");
    keymap_free(&km);
}

static void test_config(void)
{
    tui_config cfg;
    CHECK_INT(config_init(&cfg), 0);
    CHECK(!cfg.ambiguous_wide);
    const char *text =
        "# a comment\n"
        "ambiguous-wide = yes\n"
        "   color.person = bright-red on default   # trailing comment\n"
        "color.status = 17 on blue\n"
        "key.quit = x ^X\n"
        "key.search = #\n"
        "color = never\n"
        "\n"
        "nonsense\n"
        "color.nope = red\n"
        "color.hit = mauve\n"
        "key.fly = j\n"
        "key.down = notakey\n"
        "ambiguous-wide = perhaps\n";
    int bad = config_parse(&cfg, text, strlen(text), "cfg");
    CHECK_INT(bad, 6);
    CHECK(cfg.ambiguous_wide);
    CHECK(cfg.no_color);
    CHECK_INT(cfg.colors[PAIR_PERSON].fg, 9);
    CHECK_INT(cfg.colors[PAIR_PERSON].bg, -1);
    CHECK_INT(cfg.colors[PAIR_STATUS].fg, 17);
    CHECK_INT(cfg.colors[PAIR_STATUS].bg, COLOR_BLUE);
    CHECK_INT(first(&cfg.keys, (keycode){'x', false}), ACT_QUIT);
    CHECK_INT(first(&cfg.keys, (keycode){24, false}), ACT_QUIT);
    CHECK_INT(first(&cfg.keys, (keycode){'Q', false}), ACT_NONE);
    CHECK_INT(first(&cfg.keys, (keycode){'#', false}), ACT_SEARCH);
    CHECK_INT(first(&cfg.keys, (keycode){'j', false}), ACT_DOWN);   /* bad line changed nothing */
    CHECK_STR(cfg.errors[0], "cfg:9: expected NAME = VALUE");
    CHECK(strstr(cfg.errors[1], "cfg:10: unknown colour element 'nope'") != NULL);
    CHECK(strstr(cfg.errors[3], "cfg:12: unknown action 'fly'") != NULL);
    CHECK_STR(pair_name(PAIR_ONLY), "only-in");
    config_free(&cfg);

    /* XDG paths */
    char p[256];
    setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
    CHECK(config_path(p, sizeof p));
    CHECK_STR(p, "/x/cfg/crossread/config");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/u", 1);
    CHECK(config_path(p, sizeof p));
    CHECK_STR(p, "/home/u/.config/crossread/config");
    setenv("XDG_STATE_HOME", "relative/ignored", 1);   /* must be absolute */
    CHECK(state_path("history", p, sizeof p));
    CHECK_STR(p, "/home/u/.local/state/crossread/history");
}

static int feed(prompt *p, const char *utf8)
{
    int r = PROMPT_IGNORED;
    for (int32_t i = 0, n = (int32_t)strlen(utf8); i < n;) {
        UChar32 c;
        U8_NEXT(utf8, i, n, c);
        r = prompt_key(p, NULL, (uint32_t)c, false);
    }
    return r;
}

static void test_prompt(void)
{
    prompt p;
    prompt_open(&p, '/', NULL);
    CHECK_INT(feed(&p, "微软OpenAI"), PROMPT_CHANGED);
    CHECK_STR(p.buf, "微软OpenAI");
    CHECK_INT(prompt_key(&p, NULL, KEY_BACKSPACE, true), PROMPT_CHANGED);
    CHECK_STR(p.buf, "微软OpenA");
    for (int i = 0; i < 5; i++)
        prompt_key(&p, NULL, 0x7F, false);
    CHECK_STR(p.buf, "微软");
    prompt_key(&p, NULL, 0x7F, false);   /* a whole Han character, 3 bytes */
    CHECK_STR(p.buf, "微");
    CHECK_INT(p.len, 3);
    /* a base letter with a combining mark goes as one */
    feed(&p, "e\xCC\x81x");
    prompt_key(&p, NULL, KEY_LEFT, true);
    prompt_key(&p, NULL, KEY_LEFT, true);
    CHECK_INT(p.cur, 3);
    prompt_key(&p, NULL, KEY_DC, true);
    CHECK_STR(p.buf, "微x");
    /* an emoji flag (two regional indicators) is one character */
    prompt_key(&p, NULL, KEY_END, true);
    feed(&p, "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3");
    prompt_key(&p, NULL, KEY_BACKSPACE, true);
    CHECK_STR(p.buf, "微x");
    /* control characters are never inserted; Enter accepts, Esc cancels */
    CHECK_INT(prompt_key(&p, NULL, 0x1B, false), PROMPT_CANCEL);
    CHECK_INT(prompt_key(&p, NULL, '\r', false), PROMPT_ACCEPT);
    CHECK(!prompt_insert(&p, 0x9B));
    CHECK(!prompt_insert(&p, 0x07));
    CHECK_STR(p.buf, "微x");
    /* ^U and ^W */
    prompt_set(&p, "export entities tsv 文件");
    prompt_key(&p, NULL, 23, false);
    CHECK_STR(p.buf, "export entities tsv ");
    prompt_key(&p, NULL, 21, false);
    CHECK_STR(p.buf, "");
    /* Backspace on an empty line cancels */
    CHECK_INT(prompt_key(&p, NULL, KEY_BACKSPACE, true), PROMPT_CANCEL);
    /* the buffer never ends inside a character */
    char big[PROMPT_MAX + 8];
    memset(big, 'a', sizeof big);
    memcpy(big + PROMPT_MAX - 3, "微軟", 6);
    big[sizeof big - 1] = '\0';
    prompt_set(&p, big);
    CHECK(p.len < PROMPT_MAX);
    CHECK(!U8_IS_TRAIL((uint8_t)p.buf[p.len]) || p.buf[p.len] == '\0');
    CHECK_INT(p.len, PROMPT_MAX - 3);
}

static void test_history(void)
{
    char dir[] = "/tmp/crossread-histXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/sub/dir/history", dir);
    history h = {0};
    CHECK_INT(history_add(&h, '/', "微软"), 0);
    CHECK_INT(history_add(&h, ':', "export entities tsv x"), 0);
    CHECK_INT(history_add(&h, '/', "openai"), 0);
    CHECK_INT(history_add(&h, '/', "微软"), 0);          /* moves to the end */
    CHECK_INT(history_add(&h, '/', "bad\nline\x1b"), 0);  /* controls dropped */
    CHECK_STR(history_get(&h, '/', 0), "badline");
    CHECK_STR(history_get(&h, '/', 1), "微软");
    CHECK_STR(history_get(&h, '/', 2), "openai");
    CHECK(history_get(&h, '/', 3) == NULL);
    CHECK_STR(history_get(&h, ':', 0), "export entities tsv x");
    cr_error e;
    cr_error_clear(&e);
    CHECK_INT(history_save(&h, path, &e), 0);     /* creates sub/dir */
    history r = {0};
    CHECK_INT(history_load(&r, path), 0);
    CHECK_INT(r.n, h.n);
    for (size_t i = 0; i < r.n && i < h.n; i++)
        CHECK_STR(r.v[i], h.v[i]);
    /* the kept length is bounded per kind */
    for (int i = 0; i < HISTORY_KEEP + 20; i++) {
        char s[16];
        snprintf(s, sizeof s, "q%d", i);
        history_add(&r, 'f', s);
    }
    size_t nf = 0;
    for (size_t i = 0; i < r.n; i++)
        nf += r.v[i][0] == 'f';
    CHECK_INT(nf, HISTORY_KEEP);
    CHECK_STR(history_get(&r, 'f', 0), "q219");
    CHECK_STR(history_get(&r, '/', 0), "badline");
    /* walking the history in a prompt */
    prompt p;
    prompt_open(&p, '/', NULL);
    feed(&p, "new");
    prompt_key(&p, &h, KEY_UP, true);
    CHECK_STR(p.buf, "badline");
    prompt_key(&p, &h, KEY_UP, true);
    CHECK_STR(p.buf, "微软");
    prompt_key(&p, &h, KEY_DOWN, true);
    prompt_key(&p, &h, KEY_DOWN, true);
    CHECK_STR(p.buf, "new");
    history_free(&h);
    history_free(&r);
    unlink(path);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub/dir", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    rmdir(sub);
    rmdir(dir);
}

static void test_rows(void)
{
    rowlist r = {0};
    /* heading, item 0 (2 rows), item 1 (1 row), heading, item 2 (3 rows) */
    rows_push(&r, ROW_HEADING, 0, 0, 0);
    rows_push(&r, ROW_ITEM, 0, 0, 0);
    rows_push(&r, ROW_ITEM, 0, 1, 0);
    rows_push(&r, ROW_ITEM, 1, 0, 0);
    rows_push(&r, ROW_HEADING, 1, 0, 0);
    for (uint16_t l = 0; l < 3; l++)
        rows_push(&r, ROW_ITEM, 2, l, 0);
    CHECK_INT(r.n_items, 3);
    CHECK_INT(rows_current(&r)->item, 0);       /* never on a heading */
    rows_move(&r, 1);
    CHECK_INT(rows_current(&r)->item, 1);
    rows_move(&r, 1);
    CHECK_INT(rows_current(&r)->item, 2);
    rows_move(&r, 5);
    CHECK_INT(rows_current(&r)->item, 2);
    rows_move(&r, -10);
    CHECK_INT(rows_current(&r)->item, 0);
    rows_last(&r);
    CHECK_INT(rows_current(&r)->item, 2);
    /* the whole selected item is visible in a 3-row window */
    rows_clamp(&r, 3);
    CHECK(r.top <= r.sel && r.sel + 3 <= r.top + 3);
    rows_first(&r);
    rows_clamp(&r, 3);
    CHECK_INT(r.top, 0);                        /* with its heading */
    CHECK(rows_select_item(&r, 1));
    CHECK(!rows_select_item(&r, 7));
    rows_page(&r, 1, 4);
    CHECK_INT(rows_current(&r)->item, 2);
    rows_page(&r, -1, 4);
    CHECK(rows_current(&r) != NULL);
    rows_reset(&r);
    CHECK(rows_current(&r) == NULL);
    rows_move(&r, 1);                            /* empty list: nothing happens */
    rows_free(&r);
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        fprintf(stderr, "C.UTF-8 locale missing\n");
        return 1;
    }
    test_keys();
    test_config();
    test_prompt();
    test_history();
    test_rows();
    return check_done();
}
