/* prompt.h — the one-line editor of the search, filter and command prompts.
 *
 * Text is UTF-8. Keys arrive from get_wch as wide characters, so typed or
 * pasted Chinese is inserted whole; Backspace, Delete and the arrows move
 * by user-perceived characters (ICU character break: a base letter and its
 * combining marks, a flag, an emoji sequence), never splitting one.
 * Control characters are never inserted. Up/Down walk the history of the
 * prompt's kind. Nothing here draws or needs a terminal; the app draws the
 * prompt through draw.h.
 */
#ifndef CR_PROMPT_H
#define CR_PROMPT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history.h"

enum { PROMPT_MAX = 1024 };

enum prompt_result {
    PROMPT_IGNORED,     /* key not used */
    PROMPT_MOVED,       /* cursor moved, text unchanged */
    PROMPT_CHANGED,     /* text changed */
    PROMPT_ACCEPT,      /* Enter */
    PROMPT_CANCEL,      /* Esc, ^G, or Backspace on an empty line */
};

typedef struct prompt {
    bool active;
    char kind;          /* '/', ':' or 'f' (history kind and label) */
    char buf[PROMPT_MAX];
    size_t len, cur;    /* bytes; cur is on a character boundary */
    long hist;          /* -1: editing a new line; else steps back */
    char saved[PROMPT_MAX];   /* the new line while walking the history */
} prompt;

void prompt_open(prompt *p, char kind, const char *initial);
void prompt_set(prompt *p, const char *text);
/* One key: ch is a character, or a KEY_* code when is_fn. */
int prompt_key(prompt *p, const history *h, uint32_t ch, bool is_fn);
/* Editing primitives (also used by prompt_key). */
bool prompt_insert(prompt *p, uint32_t c);
bool prompt_backspace(prompt *p);
bool prompt_delete(prompt *p);
size_t prompt_prev_boundary(const prompt *p, size_t off);
size_t prompt_next_boundary(const prompt *p, size_t off);

#endif
