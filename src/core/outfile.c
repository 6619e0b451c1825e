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
    if (!force && lstat(path, &st) == 0)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                            "file exists; not replaced (use --force)");
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 32);
    if (!o->path || !o->tmp) {
        outfile_abort(o);
        return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
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
        outfile_abort(o);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0,
                            "cannot create a temporary file beside it: %s",
                            strerror(err));
    }
    /* mkstemp makes 0600; an export is an ordinary file, so honour umask. */
    mode_t um = umask(022);
    umask(um);
    fchmod(fd, 0666 & ~um);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        outfile_abort(o);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open: %s",
                            strerror(errno));
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
