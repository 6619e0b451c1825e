#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outfile_open(outfile *o, const char *path, bool force, cr_error *e)
{
    memset(o, 0, sizeof *o);
    struct stat st;
    if (!path[0])
        return cr_error_set(e, CR_EINPUT, "", 0, 0, 0, "empty output file name");
    /* Only a regular file is ever replaced, even with force: rename(2)
     * would put a plain file in place of a directory's name, a FIFO or a
     * device (run as root, -o /dev/null --force replaced /dev/null). */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "%s; not replaced",
                            S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
    if (!force && lstat(path, &st) == 0)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                            "file exists; not replaced (use --force)");
    /* With force, a symbolic link is followed: its target is replaced (in
     * the target's directory, so the rename stays atomic) and the link is
     * kept, as a shell's > would. A dangling link is refused. */
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && !(real = realpath(path, NULL)))
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                            "a symbolic link to a missing file; not replaced");
    o->path = real ? real : strdup(path);
    if (o->path)
        path = o->path;
    size_t n = strlen(path);
    o->tmp = malloc(n + 32);
    if (!o->path || !o->tmp) {
        outfile_abort(o);
        return cr_error_set(e, CR_ENOMEM, "", 0, 0, 0, "out of memory");
    }
    /* Same directory as the destination so rename(2) is atomic. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    memcpy(o->tmp, path, dirlen);
    strcpy(o->tmp + dirlen, ".crossread-XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        free(o->tmp);
        o->tmp = NULL;
        int rc = cr_error_set(e, CR_EINPUT, path, 0, 0, 0,   /* before path is freed */
                              "cannot create a temporary file beside it: %s",
                              strerror(err));
        outfile_abort(o);
        return rc;
    }
    /* mkstemp makes 0600; an export is an ordinary file, so honour umask. */
    mode_t um = umask(022);
    umask(um);
    fchmod(fd, 0666 & ~um);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int rc = cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open: %s",
                              strerror(errno));
        close(fd);
        outfile_abort(o);
        return rc;
    }
    o->force = force;
    return CR_OK;
}

int outfile_commit(outfile *o, cr_error *e)
{
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(o->f)) != 0)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (err) {
        int rc = cr_error_set(e, CR_EINPUT, o->path, 0, 0, 0,
                              "write failed (%s); the old file is untouched",
                              strerror(err));
        outfile_abort(o);
        return rc;
    }
    if (!o->force) {
        /* link() fails if the destination appeared since open: no clobber. */
        if (link(o->tmp, o->path) != 0) {
            int rc = cr_error_set(e, CR_EINPUT, o->path, 0, 0, 0,
                                  errno == EEXIST ? "file exists; not replaced (use --force)"
                                                  : "cannot create: %s",
                                  strerror(errno));
            outfile_abort(o);
            return rc;
        }
        unlink(o->tmp);
    } else if (rename(o->tmp, o->path) != 0) {
        int rc = cr_error_set(e, CR_EINPUT, o->path, 0, 0, 0, "cannot replace: %s",
                              strerror(errno));
        outfile_abort(o);
        return rc;
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return CR_OK;
}

void outfile_abort(outfile *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
    }
    free(o->path);
    memset(o, 0, sizeof *o);
}
