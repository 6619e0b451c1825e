/* history.c — persistent prompt history (see history.h). */
#include "history.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grow.h"
#include "outfile.h"

static bool known_kind(char k) { return k == '/' || k == ':' || k == 'f'; }

void history_free(history *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->v[i]);
    free(h->v);
    *h = (history){0};
}

int history_add(history *h, char kind, const char *text)
{
    size_t len = strlen(text);
    if (!len || !known_kind(kind))
        return 0;
    char *s = malloc(len + 2);
    if (!s)
        return -1;
    size_t o = 0;
    s[o++] = kind;
    for (size_t i = 0; i < len && o < HISTORY_LINE_MAX; i++)
        if ((unsigned char)text[i] >= 0x20 && text[i] != 0x7F)
            s[o++] = text[i];
    s[o] = '\0';
    /* a repeat moves to the end; the oldest of a kind goes past the limit */
    size_t of_kind = 0, w = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (!strcmp(h->v[i], s)) {
            free(h->v[i]);
            continue;
        }
        h->v[w++] = h->v[i];
    }
    h->n = w;
    for (size_t i = 0; i < h->n; i++)
        of_kind += h->v[i][0] == kind;
    if (of_kind >= HISTORY_KEEP) {
        for (size_t i = 0; i < h->n; i++)
            if (h->v[i][0] == kind) {
                free(h->v[i]);
                memmove(h->v + i, h->v + i + 1, (h->n - i - 1) * sizeof *h->v);
                h->n--;
                break;
            }
    }
    if (h->n == h->cap) {
        char **p = grow_array(h->v, &h->cap, sizeof *p, 64);
        if (!p) {
            free(s);
            return -1;
        }
        h->v = p;
    }
    h->v[h->n++] = s;
    return 0;
}

const char *history_get(const history *h, char kind, size_t back)
{
    for (size_t i = h->n; i-- > 0;)
        if (h->v[i][0] == kind) {
            if (back == 0)
                return h->v[i] + 1;
            back--;
        }
    return NULL;
}

int history_load(history *h, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char line[HISTORY_LINE_MAX + 8];
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) {   /* too long: skip it */
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            continue;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len < 2 || !known_kind(line[0]))
            continue;
        if (history_add(h, line[0], line + 1)) {
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

/* mkdir -p for the file's directory. */
static int make_dirs(const char *path, cr_error *e)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) && errno != EEXIST)
            return cr_error_set(e, CR_EINPUT, dir, 0, 0, 0, "%s", strerror(errno));
        *p = '/';
    }
    if (mkdir(dir, 0700) && errno != EEXIST)
        return cr_error_set(e, CR_EINPUT, dir, 0, 0, 0, "%s", strerror(errno));
    return 0;
}

int history_save(const history *h, const char *path, cr_error *e)
{
    if (make_dirs(path, e))
        return e->code;
    outfile of;
    if (outfile_open(&of, path, true, e))
        return e->code;
    for (size_t i = 0; i < h->n; i++) {
        fputs(h->v[i], of.f);
        fputc('\n', of.f);
    }
    return outfile_commit(&of, e);
}
