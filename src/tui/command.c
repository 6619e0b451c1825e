/* command.c — the : command line.
 *   :export[!] entities|claims|xref text|tsv|jsonl FILE
 *       the same bytes as `crossread entities|claims|xref -f FORMAT`
 *       (export.h), written through outfile.h: a temporary file renamed
 *       into place; an existing FILE is refused unless :export!, and is
 *       left intact if anything goes wrong.
 *   :search PATTERN     as / PATTERN then Enter
 *   :filter TEXT        as f TEXT then Enter (empty: show all)
 *   :help   :quit (:q)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "export.h"

/* Next space-separated word of *s (NUL-terminated in place), or NULL. */
static char *word(char **s)
{
    char *p = *s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return NULL;
    char *start = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    if (*p)
        *p++ = '\0';
    *s = p;
    return start;
}

static char *rest(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = '\0';
    return s;
}

static void do_export(app *a, bool force, char *args)
{
    const char *usage = "usage: :export[!] entities|claims|xref text|tsv|jsonl FILE";
    char *kind_s = word(&args), *fmt_s = word(&args), *file = rest(args);
    if (!kind_s || !fmt_s || !*file) {
        app_error(a, "%s", usage);
        return;
    }
    int kind = export_kind_from_name(kind_s), fmt = export_format_from_name(fmt_s);
    if (kind < 0 || fmt < 0) {
        app_error(a, "%s", usage);
        return;
    }
    if (a->phase != PHASE_READY) {
        app_error(a, "the corpus is still loading (%s): export when it is ready", a->progress);
        return;
    }
    char path[4096];
    const char *home = getenv("HOME");
    if (file[0] == '~' && file[1] == '/' && home)
        snprintf(path, sizeof path, "%s%s", home, file + 1);
    else
        snprintf(path, sizeof path, "%s", file);
    struct stat st;
    if (!force && lstat(path, &st) == 0) {
        app_error(a, "%s exists: not replaced (:export! replaces it)", path);
        return;
    }
    cr_error e;
    cr_error_clear(&e);
    if (export_to_path(path, force, a->c, (enum export_kind)kind, (enum export_format)fmt, 0,
                       &e)) {
        char buf[1200];
        cr_error_format(&e, buf, sizeof buf);
        app_error(a, "export failed: %s", buf);
        return;
    }
    app_message(a, "wrote %s (%s) to %s", kind_s, fmt_s, path);
}

void command_run(app *a, const char *line)
{
    char buf[PROMPT_MAX];
    snprintf(buf, sizeof buf, "%s", line);
    char *s = buf;
    char *cmd = word(&s);
    if (!cmd)
        return;
    if (!strcmp(cmd, "export") || !strcmp(cmd, "export!")) {
        do_export(a, cmd[6] == '!', s);
    } else if (!strcmp(cmd, "search")) {
        char *pat = rest(s);
        if (!*pat)
            search_clear(a);
        else if (search_update(a, pat))
            search_step(a, 0);
    } else if (!strcmp(cmd, "filter")) {
        enum view_id v = app_current(a);
        if (!app_ops(v)->build) {
            app_error(a, "%s has no list to filter", app_ops(v)->name);
            return;
        }
        snprintf(a->lists[v].filter, sizeof a->lists[v].filter, "%s", rest(s));
        a->lists[v].built = false;
    } else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q") || !strcmp(cmd, "q!") ||
               !strcmp(cmd, "quit!")) {
        a->quit = true;
    } else if (!strcmp(cmd, "help")) {
        if (app_current(a) != VIEW_HELP)
            app_open(a, VIEW_HELP);
    } else {
        app_error(a, "unknown command :%s (export, search, filter, help, quit)", cmd);
    }
}
