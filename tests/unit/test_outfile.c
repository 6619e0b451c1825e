/* outfile: atomic writes that never lose an existing file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include "check.h"
#include "outfile.h"

static char *slurp(const char *p)
{
    FILE *f = fopen(p, "r");
    if (!f) return NULL;
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.' || strncmp(e->d_name, ".crossread-", 11) == 0;
    closedir(d);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/cr-outfile-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    cr_error e;
    outfile o;

    CHECK_INT(outfile_open(&o, path, false, &e), CR_OK);
    fputs("first\n", o.f);
    CHECK_INT(outfile_commit(&o, &e), CR_OK);
    CHECK_STR(slurp(path), "first\n");

    /* Existing file: refused without force, untouched. */
    CHECK_INT(outfile_open(&o, path, false, &e), CR_EINPUT);
    CHECK(strstr(e.msg, "--force") != NULL);
    CHECK_STR(slurp(path), "first\n");

    /* With force: replaced atomically. */
    CHECK_INT(outfile_open(&o, path, true, &e), CR_OK);
    fputs("second\n", o.f);
    CHECK_STR(slurp(path), "first\n");      /* not visible until commit */
    CHECK_INT(outfile_commit(&o, &e), CR_OK);
    CHECK_STR(slurp(path), "second\n");

    /* Abort leaves the old file and no temporary behind. */
    CHECK_INT(outfile_open(&o, path, true, &e), CR_OK);
    fputs("third\n", o.f);
    outfile_abort(&o);
    CHECK_STR(slurp(path), "second\n");
    CHECK_INT(count_entries(dir), 1);

    /* A file that appears between open and commit is not clobbered. */
    char path2[600];
    snprintf(path2, sizeof path2, "%s/race.txt", dir);
    CHECK_INT(outfile_open(&o, path2, false, &e), CR_OK);
    fputs("mine\n", o.f);
    FILE *other = fopen(path2, "w");
    fputs("theirs\n", other);
    fclose(other);
    CHECK_INT(outfile_commit(&o, &e), CR_EINPUT);
    CHECK_STR(slurp(path2), "theirs\n");
    CHECK_INT(count_entries(dir), 2);

    /* A full disk: /dev/full makes every write fail; nothing is replaced. */
    if (access("/dev/full", W_OK) == 0) {
        outfile full = {0};
        full.f = fopen("/dev/full", "w");
        full.path = strdup(path);
        full.tmp = NULL;
        full.force = true;
        fputs("lost\n", full.f);
        CHECK_INT(outfile_commit(&full, &e), CR_EINPUT);
        CHECK_STR(slurp(path), "second\n");
    }
    /* Directory that does not exist: clear error. */
    CHECK_INT(outfile_open(&o, "/nonexistent-dir/x.tsv", false, &e), CR_EINPUT);

    unlink(path);
    unlink(path2);
    rmdir(dir);
    return check_done();
}
