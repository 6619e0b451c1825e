/* history.h — search, command and filter lines kept between runs.
 *
 * One file, $XDG_STATE_HOME/crossread/history (state_path in config.h),
 * one entry per line: a kind character ('/' search, ':' command, 'f'
 * filter) then the text as typed, oldest first. It is rewritten whole
 * through outfile.h (temporary file and rename), so a crash or a full disk
 * never leaves half a file; the directory is created when missing. At most
 * HISTORY_KEEP entries of each kind are kept; a repeated entry moves to
 * the end. Nothing here needs a terminal.
 */
#ifndef CR_HISTORY_H
#define CR_HISTORY_H
#include <stddef.h>

#include "error.h"

enum { HISTORY_KEEP = 200, HISTORY_LINE_MAX = 1024 };

typedef struct history {
    char **v;           /* "Ktext" strings, oldest first */
    size_t n, cap;
} history;

void history_free(history *h);
/* Add an entry (control characters are dropped); -1 out of memory. */
int history_add(history *h, char kind, const char *text);
/* The entry `back` steps from the newest of its kind (0: newest), or NULL. */
const char *history_get(const history *h, char kind, size_t back);
/* Read a file (missing: nothing to read, returns 0); lines too long or of
 * an unknown kind are skipped. */
int history_load(history *h, const char *path);
/* Write the file atomically, creating its directory. */
int history_save(const history *h, const char *path, cr_error *e);

#endif
