/* config.c — reading the config file (see config.h). */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pair_names[PAIR__COUNT] = {
    [PAIR_STATUS] = "status",   [PAIR_TITLE] = "title",     [PAIR_HEADING] = "heading",
    [PAIR_PERSON] = "person",   [PAIR_COMPANY] = "company", [PAIR_PRODUCT] = "product",
    [PAIR_FIGURE] = "figure",   [PAIR_DAMAGE] = "damage",   [PAIR_SAME] = "same",
    [PAIR_DIFFERS] = "differs", [PAIR_RELATED] = "related", [PAIR_ONLY] = "only-in",
    [PAIR_HIT] = "hit",         [PAIR_MARK] = "mark",       [PAIR_DIM] = "dim",
};

const char *pair_name(int pair)
{
    return pair > 0 && pair < PAIR__COUNT ? pair_names[pair] : "";
}

static const char *const color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int config_init(tui_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    static const tui_color defaults[PAIR__COUNT] = {
        [PAIR_STATUS] = {COLOR_BLACK, COLOR_CYAN}, [PAIR_TITLE] = {COLOR_YELLOW, -1},
        [PAIR_HEADING] = {COLOR_CYAN, -1},         [PAIR_PERSON] = {COLOR_GREEN, -1},
        [PAIR_COMPANY] = {COLOR_CYAN, -1},         [PAIR_PRODUCT] = {COLOR_MAGENTA, -1},
        [PAIR_FIGURE] = {COLOR_YELLOW, -1},        [PAIR_DAMAGE] = {COLOR_WHITE, COLOR_RED},
        [PAIR_SAME] = {COLOR_GREEN, -1},           [PAIR_DIFFERS] = {COLOR_RED, -1},
        [PAIR_RELATED] = {COLOR_BLUE, -1},         [PAIR_ONLY] = {-1, -1},
        [PAIR_HIT] = {COLOR_BLACK, COLOR_YELLOW},  [PAIR_MARK] = {COLOR_BLACK, COLOR_GREEN},
        [PAIR_DIM] = {-1, -1},
    };
    memcpy(cfg->colors, defaults, sizeof defaults);
    return keymap_defaults(&cfg->keys);
}

void config_free(tui_config *cfg) { keymap_free(&cfg->keys); }

static void report(tui_config *cfg, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(tui_config *cfg, const char *name, int line, const char *fmt, ...)
{
    cfg->n_bad++;
    if (cfg->n_errors >= CONFIG_MAX_ERRORS)
        return;
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(cfg->errors[cfg->n_errors++], sizeof cfg->errors[0], "%s:%d: %s", name, line, msg);
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (!strcasecmp(v, yes[i])) { *out = true; return true; }
        if (!strcasecmp(v, no[i])) { *out = false; return true; }
    }
    return false;
}

static bool parse_color(const char *s, short *out)
{
    if (!strcmp(s, "default")) {
        *out = -1;
        return true;
    }
    for (short i = 0; i < 8; i++)
        if (!strcmp(s, color_names[i])) {
            *out = i;
            return true;
        }
    if (!strncmp(s, "bright-", 7))
        for (short i = 0; i < 8; i++)
            if (!strcmp(s + 7, color_names[i])) {
                *out = (short)(i + 8);
                return true;
            }
    char *end;
    long v = strtol(s, &end, 10);
    if (*s && !*end && v >= 0 && v <= 255) {
        *out = (short)v;
        return true;
    }
    return false;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static void apply(tui_config *cfg, const char *name, int ln, char *k, char *v)
{
    if (!strcmp(k, "ambiguous-wide")) {
        if (!parse_bool(v, &cfg->ambiguous_wide))
            report(cfg, name, ln, "ambiguous-wide takes yes or no, not '%s'", v);
        return;
    }
    if (!strcmp(k, "color") || !strcmp(k, "colour")) {
        if (!strcmp(v, "never")) cfg->no_color = true;
        else if (!strcmp(v, "auto")) cfg->no_color = false;
        else report(cfg, name, ln, "color takes auto or never, not '%s'", v);
        return;
    }
    if (!strncmp(k, "color.", 6) || !strncmp(k, "colour.", 7)) {
        const char *what = strchr(k, '.') + 1;
        int p = 0;
        for (int i = 1; i < PAIR__COUNT; i++)
            if (!strcmp(what, pair_names[i]))
                p = i;
        if (!p) {
            report(cfg, name, ln, "unknown colour element '%s'", what);
            return;
        }
        char *save = NULL, *fg = strtok_r(v, " \t", &save);
        char *on = strtok_r(NULL, " \t", &save), *bg = strtok_r(NULL, " \t", &save);
        tui_color c = {-1, -1};
        if (!fg || !parse_color(fg, &c.fg) || (on && (strcmp(on, "on") || !bg)) ||
            (bg && !parse_color(bg, &c.bg)) || strtok_r(NULL, " \t", &save)) {
            report(cfg, name, ln, "colour: FG [on BG], with names (red, bright-red, "
                                  "default) or 0-255");
            return;
        }
        cfg->colors[p] = c;
        return;
    }
    if (!strncmp(k, "key.", 4)) {
        action a = action_from_name(k + 4);
        if (a == ACT_NONE) {
            report(cfg, name, ln, "unknown action '%s' (see the help screen)", k + 4);
            return;
        }
        keycode keys[16];
        size_t n = 0;
        for (char *save = NULL, *t = strtok_r(v, " \t", &save); t;
             t = strtok_r(NULL, " \t", &save)) {
            if (n == 16 || !key_parse(t, &keys[n])) {
                report(cfg, name, ln, "'%s' is not a key", t);
                return;
            }
            n++;
        }
        if (!n) {
            report(cfg, name, ln, "key.%s needs at least one key", k + 4);
            return;
        }
        if (keymap_rebind(&cfg->keys, a, keys, n))
            report(cfg, name, ln, "out of memory");
        return;
    }
    report(cfg, name, ln, "unknown setting '%s'", k);
}

int config_parse(tui_config *cfg, const char *text, size_t n, const char *name)
{
    int before = cfg->n_bad, ln = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
        ln++;
        char line[512];
        if (len >= sizeof line) {
            report(cfg, name, ln, "line too long");
        } else {
            memcpy(line, text + i, len);
            line[len] = '\0';
            /* A comment is a line starting with '#', or " # ..." after a
             * setting: '#' itself stays usable as a key ("key.x = #"). */
            char *s = trim(line);
            if (*s == '#')
                *s = '\0';
            char *h = strstr(s, " # ");
            if (h)
                *h = '\0';
            if ((h = strstr(s, "\t# ")))
                *h = '\0';
            s = trim(s);
            if (*s) {
                char *eq = strchr(s, '=');
                if (!eq) {
                    report(cfg, name, ln, "expected NAME = VALUE");
                } else {
                    *eq = '\0';
                    char *k = trim(s), *v = trim(eq + 1);
                    if (!*k || !*v)
                        report(cfg, name, ln, "expected NAME = VALUE");
                    else
                        apply(cfg, name, ln, k, v);
                }
            }
        }
        i += len + (nl ? 1 : 0);
    }
    return cfg->n_bad - before;
}

int config_load(tui_config *cfg, const char *path, const char *shown)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *p = realloc(buf, cap);
            if (!p)
                break;
            buf = p;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len > (1u << 20))
            break;
    }
    fclose(f);
    int bad = buf ? config_parse(cfg, buf, len, shown ? shown : path) : 0;
    free(buf);
    return bad;
}

static bool xdg_path(const char *var, const char *fallback, const char *name,
                     char *buf, size_t size)
{
    const char *base = getenv(var);
    int w;
    if (base && base[0] == '/') {
        w = snprintf(buf, size, "%s/crossread/%s", base, name);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return false;
        w = snprintf(buf, size, "%s/%s/crossread/%s", home, fallback, name);
    }
    return w > 0 && (size_t)w < size;
}

bool config_path(char *buf, size_t size)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", "config", buf, size);
}

bool state_path(const char *name, char *buf, size_t size)
{
    return xdg_path("XDG_STATE_HOME", ".local/state", name, buf, size);
}
