/* Loading: every way a file can be refused, with the file, line and byte
 * named; what is accepted (BOM, CRLF); and the --lenient path through the
 * cleaner (U+FFFD plus a DAMAGE_INVALID_UTF8 span per bad sequence). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"
#include "text.h"

static char dir[256];

static const char *write_file(const char *name, const void *data, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

typedef struct loaded {
    doc d;
    cr_error e;
    int rc;
    char msg[1200];
} loaded;

static void load(loaded *l, const char *path, bool lenient, size_t cap)
{
    memset(l, 0, sizeof *l);
    arena_init(&l->d.arena);
    l->d.path = l->d.id = path;
    l->d.title = "";
    load_opts o = {.lenient = lenient, .max_file_size = cap};
    cr_error_clear(&l->e);
    l->rc = text_load(&l->d, path, &o, &l->e);
    cr_error_format(&l->e, l->msg, sizeof l->msg);
}

static void unload(loaded *l)
{
    arena_free(&l->d.arena);
}

/* A bad file: refused with CR_EINPUT at the given line and byte, and the
 * formatted message starts "path:line: byte N: ". */
static void refused(const char *name, const char *data, size_t n, size_t line, size_t byte)
{
    const char *path = write_file(name, data, n);
    loaded l;
    load(&l, path, false, 0);
    CHECK_INT(l.rc, CR_EINPUT);
    CHECK_STR(l.e.file, path);
    CHECK_INT(l.e.line, line);
    CHECK_INT(l.e.has_byte, 1);
    CHECK_INT(l.e.byte, byte);
    char want[600];
    snprintf(want, sizeof want, "%s:%zu: byte %zu: ", path, line, byte);
    CHECK(strncmp(l.msg, want, strlen(want)) == 0);
    if (strncmp(l.msg, want, strlen(want)) != 0)
        fprintf(stderr, "  message: %s\n  want prefix: %s\n", l.msg, want);
    unload(&l);
}

/* The same bytes with --lenient: accepted, and the cleaner puts one U+FFFD
 * per bad sequence and marks each. */
static void lenient(const char *name, const char *data, size_t n, size_t bad)
{
    const char *path = write_file(name, data, n);
    loaded l;
    load(&l, path, true, 0);
    CHECK_INT(l.rc, CR_OK);
    CHECK_INT(text_clean(&l.d, &l.e), CR_OK);
    size_t marked = 0, fffd = 0;
    for (size_t k = 0; k < l.d.n_damage; k++)
        if (l.d.damage[k].kind == DAMAGE_INVALID_UTF8) {
            marked++;
            CHECK(memcmp(l.d.text + l.d.damage[k].start, "\xEF\xBF\xBD", 3) == 0);
            CHECK_INT(l.d.damage[k].end - l.d.damage[k].start, 3);
        }
    for (const char *p = l.d.text; (p = strstr(p, "\xEF\xBF\xBD")); p += 3)
        fffd++;
    CHECK_INT(marked, bad);
    CHECK_INT(fffd, bad);
    CHECK_INT(text_validate(l.d.text, l.d.text_len, "clean", &l.e), CR_OK);
    unload(&l);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/cr_test_load_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }

    /* Invalid bytes, each at a known line and byte. */
#define REFUSED(name, lit, line, byte) refused(name, lit, sizeof lit - 1, line, byte)
    REFUSED("ff.txt", "中文\nab\xFF" "cd\n", 2, 9);
    REFUSED("overlong2.txt", "line1\nline2\nx\xC0\x80y", 3, 13);
    REFUSED("overlong3.txt", "\xE0\x80\x80", 1, 0);
    REFUSED("surrogate.txt", "ok\n\xED\xA0\x80", 2, 3);
    REFUSED("truncated.txt", "中文\xE4\xB8", 1, 6);
    REFUSED("lonecont.txt", "a\x80", 1, 1);
    REFUSED("f5.txt", "\xF5\x80\x80\x80", 1, 0);
    REFUSED("beyond.txt", "\xF4\x90\x80\x80", 1, 0);
    REFUSED("nul.txt", "abc\n\n\0def", 3, 5);
    REFUSED("crlf.txt", "a\r\nb\r\n\xFF", 3, 6);

    /* The message says what is wrong and how to go on. */
    {
        const char *path = write_file("msg.txt", "a\xFF", 2);
        loaded l;
        load(&l, path, false, 0);
        CHECK(strstr(l.msg, "invalid UTF-8") != NULL);
        CHECK(strstr(l.msg, "0xFF") != NULL);
        CHECK(strstr(l.msg, "--lenient") != NULL);
        unload(&l);
        path = write_file("msg0.txt", "a\0", 2);
        load(&l, path, false, 0);
        CHECK(strstr(l.msg, "NUL") != NULL);
        unload(&l);
    }

    /* The size cap: a file one byte over is refused, at the cap accepted. */
    {
        char buf[100];
        memset(buf, 'a', sizeof buf);
        const char *path = write_file("big.txt", buf, sizeof buf);
        loaded l;
        load(&l, path, false, 99);
        CHECK_INT(l.rc, CR_EINPUT);
        CHECK(strstr(l.msg, "cap") != NULL);
        CHECK(strstr(l.msg, path) == l.msg);
        unload(&l);
        load(&l, path, false, 100);
        CHECK_INT(l.rc, CR_OK);
        CHECK_INT(l.d.raw_len, 100);
        unload(&l);
        load(&l, path, true, 50);             /* --lenient does not lift it */
        CHECK_INT(l.rc, CR_EINPUT);
        unload(&l);
    }

    /* Files that cannot be read. */
    {
        loaded l;
        char path[600];
        snprintf(path, sizeof path, "%s/missing.txt", dir);
        load(&l, path, false, 0);
        CHECK_INT(l.rc, CR_EINPUT);
        CHECK(strstr(l.msg, path) == l.msg);
        CHECK(strstr(l.msg, "No such file") != NULL);
        unload(&l);
        load(&l, dir, false, 0);                   /* a directory */
        CHECK_INT(l.rc, CR_EINPUT);
        CHECK(strstr(l.msg, "directory") != NULL);
        unload(&l);
        const char *file = write_file("plain.txt", "x", 1);
        snprintf(path, sizeof path, "%s/sub.txt", file);   /* under a file */
        load(&l, path, false, 0);
        CHECK_INT(l.rc, CR_EINPUT);
        CHECK(strstr(l.msg, path) == l.msg);
        unload(&l);
        if (geteuid() != 0) {                      /* root reads anything */
            const char *p = write_file("noread.txt", "x", 1);
            chmod(p, 0);
            load(&l, p, false, 0);
            CHECK_INT(l.rc, CR_EINPUT);
            CHECK(strstr(l.msg, "Permission denied") != NULL);
            unload(&l);
        }
    }

    /* Accepted: BOM + CRLF, kept in raw; the cleaner drops the BOM and
     * turns CRLF into LF. An empty file is fine too. */
    {
        static const char data[] = "\xEF\xBB\xBF標題\r\n\r\n正文第一句。\r\n";
        const char *path = write_file("bom.txt", data, sizeof data - 1);
        loaded l;
        load(&l, path, false, 0);
        CHECK_INT(l.rc, CR_OK);
        CHECK_INT(l.d.raw_len, sizeof data - 1);
        CHECK(memcmp(l.d.raw, "\xEF\xBB\xBF", 3) == 0);
        CHECK_INT(text_clean(&l.d, &l.e), CR_OK);
        CHECK_STR(l.d.text, "標題\n\n正文第一句。");
        CHECK(strchr(l.d.text, '\r') == NULL);
        unload(&l);
        path = write_file("empty.txt", "", 0);
        load(&l, path, false, 0);
        CHECK_INT(l.rc, CR_OK);
        CHECK_INT(text_clean(&l.d, &l.e), CR_OK);
        CHECK_STR(l.d.text, "");
        CHECK_INT(l.d.title_span.end, 0);
        unload(&l);
    }

    /* --lenient: each bad sequence becomes one marked U+FFFD. */
#define LENIENT(name, lit, bad) lenient(name, lit, sizeof lit - 1, bad)
    LENIENT("l_ff.txt", "中文ab\xFF" "cd。", 1);
    LENIENT("l_overlong.txt", "x\xC0\x80y", 2);      /* C0 and 80: two */
    LENIENT("l_e0.txt", "x\xE0\x80\x80y", 3);
    LENIENT("l_surrogate.txt", "x\xED\xA0\x80y", 3);
    LENIENT("l_trunc.txt", "中文\xE4\xB8", 1);
    LENIENT("l_nul.txt", "a\0b", 1);
    LENIENT("l_mixed.txt", "標題\n\n第一\xFF段。\n\n第二\xFE\xFE段。", 3);

    /* text_validate on memory names the given name. */
    {
        cr_error e;
        cr_error_clear(&e);
        CHECK_INT(text_validate("ab\ncd\xC3", 6, "mem", &e), CR_EINPUT);
        CHECK_STR(e.file, "mem");
        CHECK_INT(e.line, 2);
        CHECK_INT(e.byte, 5);
        CHECK_INT(text_validate("ab\ncd\xC3\xA9", 7, "mem", &e), CR_OK);
    }

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
