/* config.h — the explorer's configuration file.
 *
 * $XDG_CONFIG_HOME/crossread/config (default ~/.config/crossread/config);
 * a missing file is not an error. Format (docs/man-tui.txt), one setting
 * per line, '#' starts a comment:
 *     ambiguous-wide = yes          # terminal draws “ ” … · — double
 *     color = never                 # or auto (NO_COLOR also turns it off)
 *     color.person = green          # FG [on BG]; names or 0-255, default
 *     color.status = black on cyan
 *     key.down = j down ^N          # replaces the default keys of "down"
 * A bad line is reported (file:line: message) and skipped; the rest of the
 * file still applies. Parsing needs no terminal and is unit-tested.
 */
#ifndef CR_CONFIG_H
#define CR_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

/* Colour pairs: what each colour setting names (config "color.NAME"). */
enum pair {
    PAIR_STATUS = 1, PAIR_TITLE, PAIR_HEADING, PAIR_PERSON, PAIR_COMPANY,
    PAIR_PRODUCT, PAIR_FIGURE, PAIR_DAMAGE, PAIR_SAME, PAIR_DIFFERS,
    PAIR_RELATED, PAIR_ONLY, PAIR_HIT, PAIR_MARK, PAIR_DIM, PAIR__COUNT
};
const char *pair_name(int pair);   /* "status", "person", "only-in" ... */

enum { COLOR_UNSET = -2 };          /* -1 is the terminal's default colour */

typedef struct tui_color {
    short fg, bg;
} tui_color;

enum { CONFIG_MAX_ERRORS = 8 };

typedef struct tui_config {
    bool ambiguous_wide;
    bool no_color;                  /* color = never */
    tui_color colors[PAIR__COUNT];  /* the defaults, then the file's */
    keymap keys;
    char errors[CONFIG_MAX_ERRORS][200];
    int n_errors;                   /* lines reported (at most the array) */
    int n_bad;                      /* all bad lines */
} tui_config;

/* Defaults: colours, keys. Returns -1 out of memory. */
int config_init(tui_config *cfg);
void config_free(tui_config *cfg);
/* Apply settings from text; name is used in messages. Returns the number
 * of bad lines. */
int config_parse(tui_config *cfg, const char *text, size_t n, const char *name);
/* Read and apply a file; a missing file is fine (returns 0). Messages
 * name it `shown` (e.g. "~/.config/crossread/config"), or path if NULL. */
int config_load(tui_config *cfg, const char *path, const char *shown);
/* The config file's path per the XDG rules; false if there is no home. */
bool config_path(char *buf, size_t size);
/* $XDG_STATE_HOME/crossread/NAME (default ~/.local/state/crossread/NAME). */
bool state_path(const char *name, char *buf, size_t size);

#endif
