/* keys.c — actions, default bindings and key names (see keys.h). */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "grow.h"

static const struct {
    const char *name, *help;
} actions[ACT__COUNT] = {
    [ACT_NONE] = {"none", ""},
    [ACT_DOWN] = {"down", "next line or item"},
    [ACT_UP] = {"up", "previous line or item"},
    [ACT_PAGE_DOWN] = {"page-down", "page down"},
    [ACT_PAGE_UP] = {"page-up", "page up"},
    [ACT_TOP] = {"top", "first line or item"},
    [ACT_BOTTOM] = {"bottom", "last line or item"},
    [ACT_LEFT] = {"left", "left pane (cross-references)"},
    [ACT_RIGHT] = {"right", "right pane (cross-references)"},
    [ACT_OPEN] = {"open", "open: reader, mentions, jump to a claim or mention"},
    [ACT_BACK] = {"back", "back to the previous view; q at the top level quits"},
    [ACT_QUIT] = {"quit", "quit from anywhere"},
    [ACT_PANE] = {"pane", "next pane (reader: text / cross-references)"},
    [ACT_VIEW_ARTICLES] = {"articles", "Articles view"},
    [ACT_VIEW_ENTITIES] = {"entities", "Entities view"},
    [ACT_VIEW_CLAIMS] = {"claims", "Claims view"},
    [ACT_VIEW_XREF] = {"xref", "Cross-references view"},
    [ACT_SEARCH] = {"search", "search the text (re: prefix or Ctrl-R: regex)"},
    [ACT_NEXT_HIT] = {"next-hit", "next search hit"},
    [ACT_PREV_HIT] = {"prev-hit", "previous search hit"},
    [ACT_FILTER] = {"filter", "filter the current list (empty: all)"},
    [ACT_COMMAND] = {"command", "command line (:export, :search, :quit)"},
    [ACT_HELP] = {"help", "this help"},
    [ACT_RAW] = {"raw", "reader: raw file / cleaned text"},
    [ACT_NEXT_CLAIM] = {"next-claim", "reader: next claim"},
    [ACT_PREV_CLAIM] = {"prev-claim", "reader: previous claim"},
    [ACT_RELATION] = {"relation", "cross-references: cycle the relation filter"},
    [ACT_REDRAW] = {"redraw", "redraw the screen"},
};

const char *action_name(action a) { return a < ACT__COUNT ? actions[a].name : "none"; }
const char *action_help(action a) { return a < ACT__COUNT ? actions[a].help : ""; }

action action_from_name(const char *s)
{
    for (int a = 1; a < ACT__COUNT; a++)
        if (!strcmp(s, actions[a].name))
            return (action)a;
    return ACT_NONE;
}

static const struct {
    const char *name;
    keycode k;
} named[] = {
    {"up", {KEY_UP, true}},        {"down", {KEY_DOWN, true}},
    {"left", {KEY_LEFT, true}},    {"right", {KEY_RIGHT, true}},
    {"pgup", {KEY_PPAGE, true}},   {"pgdn", {KEY_NPAGE, true}},
    {"home", {KEY_HOME, true}},    {"end", {KEY_END, true}},
    {"enter", {'\n', false}},      {"tab", {'\t', false}},
    {"backtab", {KEY_BTAB, true}}, {"esc", {27, false}},
    {"space", {' ', false}},       {"backspace", {KEY_BACKSPACE, true}},
    {"del", {KEY_DC, true}},
};

static keycode norm(keycode k)
{
    /* Enter arrives as \r, \n or KEY_ENTER depending on the terminal. */
    if ((!k.is_fn && k.code == '\r') || (k.is_fn && k.code == KEY_ENTER))
        return (keycode){'\n', false};
    return k;
}

bool key_parse(const char *s, keycode *out)
{
    if (!s || !*s)
        return false;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(s, named[i].name)) {
            *out = named[i].k;
            return true;
        }
    if ((s[0] == 'f' || s[0] == 'F') && s[1] >= '1' && s[1] <= '9') {
        char *end;
        long n = strtol(s + 1, &end, 10);
        if (!*end && n >= 1 && n <= 12) {
            *out = (keycode){(uint32_t)KEY_F(n), true};
            return true;
        }
    }
    if (s[0] == '^' && s[1] && !s[2]) {
        char c = s[1];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c >= '@' && c <= '_') {
            *out = (keycode){(uint32_t)(c - '@'), false};
            return true;
        }
        return false;
    }
    int32_t i = 0, n = (int32_t)strlen(s);
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0x20 || i != n)      /* exactly one printable character */
        return false;
    *out = (keycode){(uint32_t)c, false};
    return true;
}

void key_label(keycode k, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].k.code == k.code && named[i].k.is_fn == k.is_fn) {
            snprintf(buf, size, "%s", named[i].name);
            return;
        }
    if (k.is_fn && k.code >= (uint32_t)KEY_F(1) && k.code <= (uint32_t)KEY_F(12)) {
        snprintf(buf, size, "f%u", k.code - (uint32_t)KEY_F(0));
        return;
    }
    if (!k.is_fn && k.code < 0x20) {
        snprintf(buf, size, "^%c", (char)(k.code + '@'));
        return;
    }
    if (k.is_fn || k.code > 0x10FFFF || (k.code >= 0xD800 && k.code <= 0xDFFF)) {
        snprintf(buf, size, "key%u", k.code);
        return;
    }
    char u[5];
    int32_t n = 0;
    U8_APPEND_UNSAFE(u, n, k.code);
    u[n] = '\0';
    snprintf(buf, size, "%s", u);
}

static int push(keymap *km, size_t at, keycode k, action a)
{
    if (km->n == km->cap) {
        binding *p = grow_array(km->v, &km->cap, sizeof *p, 64);
        if (!p)
            return -1;
        km->v = p;
    }
    memmove(km->v + at + 1, km->v + at, (km->n - at) * sizeof *km->v);
    km->v[at] = (binding){norm(k), (uint8_t)a};
    km->n++;
    return 0;
}

int keymap_defaults(keymap *km)
{
    static const struct {
        action a;
        const char *keys;
    } defs[] = {
        {ACT_DOWN, "j down ^N"},          {ACT_UP, "k up ^P"},
        {ACT_PAGE_DOWN, "space pgdn ^F"}, {ACT_PAGE_UP, "b pgup ^B"},
        {ACT_TOP, "g home"},              {ACT_BOTTOM, "G end"},
        {ACT_LEFT, "h left"},             {ACT_RIGHT, "l right"},
        {ACT_OPEN, "enter"},              {ACT_BACK, "q esc"},
        {ACT_QUIT, "Q"},                  {ACT_PANE, "tab backtab"},
        {ACT_VIEW_ARTICLES, "1"},         {ACT_VIEW_ENTITIES, "2"},
        {ACT_VIEW_CLAIMS, "3"},           {ACT_VIEW_XREF, "4"},
        {ACT_SEARCH, "/"},                {ACT_NEXT_HIT, "n"},
        {ACT_PREV_HIT, "N"},              {ACT_FILTER, "f"},
        {ACT_COMMAND, ":"},               {ACT_HELP, "? f1"},
        {ACT_RAW, "r"},                   {ACT_NEXT_CLAIM, "]"},
        {ACT_PREV_CLAIM, "["},            {ACT_RELATION, "r"},
        {ACT_REDRAW, "^L"},
    };
    km->n = 0;
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", defs[i].keys);
        for (char *save = NULL, *t = strtok_r(buf, " ", &save); t;
             t = strtok_r(NULL, " ", &save)) {
            keycode k;
            if (key_parse(t, &k) && push(km, km->n, k, defs[i].a))
                return -1;
        }
    }
    return 0;
}

void keymap_free(keymap *km)
{
    free(km->v);
    km->v = NULL;
    km->n = km->cap = 0;
}

size_t keymap_lookup(const keymap *km, keycode k, action *out, size_t max)
{
    k = norm(k);
    size_t n = 0;
    for (size_t i = 0; i < km->n && n < max; i++)
        if (km->v[i].k.code == k.code && km->v[i].k.is_fn == k.is_fn)
            out[n++] = (action)km->v[i].act;
    return n;
}

int keymap_rebind(keymap *km, action a, const keycode *keys, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < km->n; i++)
        if (km->v[i].act != a)
            km->v[w++] = km->v[i];
    km->n = w;
    for (size_t i = 0; i < n; i++)
        if (push(km, i, keys[i], a))
            return -1;
    return 0;
}

void keymap_describe(const keymap *km, action a, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < km->n && len + 1 < size; i++) {
        if (km->v[i].act != a)
            continue;
        char name[24];
        key_label(km->v[i].k, name, sizeof name);
        int w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", name);
        if (w < 0 || (size_t)w >= size - len)
            break;
        len += (size_t)w;
    }
}
