/* keys.h — what a key does: actions, their default keys, and key names.
 *
 * Views never look at raw key codes (the prompt does: it edits text). The
 * main loop turns a key into an action through a keymap, which starts from
 * the defaults below and takes overrides from the config file
 * ("key.ACTION = KEY KEY ...", config.h). A key is named by its character
 * ("j", "微"), "^X" for a control key, or a name: up down left right pgup
 * pgdn home end enter tab backtab esc space backspace del f1..f12.
 * Nothing here needs a terminal, so it is unit-tested.
 */
#ifndef CR_KEYS_H
#define CR_KEYS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum action {
    ACT_NONE,
    ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_TOP, ACT_BOTTOM,
    ACT_LEFT, ACT_RIGHT, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_PANE,
    ACT_VIEW_ARTICLES, ACT_VIEW_ENTITIES, ACT_VIEW_CLAIMS, ACT_VIEW_XREF,
    ACT_SEARCH, ACT_NEXT_HIT, ACT_PREV_HIT, ACT_FILTER, ACT_COMMAND, ACT_HELP,
    ACT_RAW, ACT_NEXT_CLAIM, ACT_PREV_CLAIM, ACT_RELATION, ACT_REDRAW,
    ACT__COUNT
} action;

/* A key as get_wch reports it: a character, or a KEY_* code (is_fn). */
typedef struct keycode {
    uint32_t code;
    bool is_fn;
} keycode;

typedef struct binding {
    keycode k;
    uint8_t act;
} binding;

typedef struct keymap {
    binding *v;
    size_t n, cap;
} keymap;

const char *action_name(action a);          /* "down", "page-down" ... */
const char *action_help(action a);          /* one line for the help view */
action action_from_name(const char *s);     /* ACT_NONE if unknown */

/* Fill km with the default bindings (freeing nothing: call keymap_free). */
int keymap_defaults(keymap *km);
void keymap_free(keymap *km);
/* The actions bound to k, best first, into out (at most max); returns how
 * many. A key may do different things in different views ('r' is raw text
 * in the reader and the relation filter in cross-references): the main
 * loop offers the actions to the current view in this order. */
size_t keymap_lookup(const keymap *km, keycode k, action *out, size_t max);
/* Replace the keys of action a with keys[0..n). The new bindings come
 * before every default, so a key rebound in the config file does its new
 * action first. Returns 0, or -1 out of memory. */
int keymap_rebind(keymap *km, action a, const keycode *keys, size_t n);
/* The keys bound to a, as text ("j, down"), into buf. */
void keymap_describe(const keymap *km, action a, char *buf, size_t size);

/* Parse one key name; returns false if it is not a key. */
bool key_parse(const char *s, keycode *out);
/* Name of a key (the inverse of key_parse) into buf (at least 16 bytes). */
void key_label(keycode k, char *buf, size_t size);

#endif
