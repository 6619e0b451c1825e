/* outfile.h — writing a user's file without ever losing the old one.
 *
 * outfile_open creates a temporary file in the destination's directory;
 * outfile_commit flushes, fsyncs and renames it into place; outfile_abort
 * removes it. Without force, an existing destination is refused up front
 * (and checked again at commit with link(2)-free rename semantics: if the
 * file appeared meanwhile, commit refuses too). A write error or full disk
 * leaves the old file intact.
 */
#ifndef CR_OUTFILE_H
#define CR_OUTFILE_H
#include <stdbool.h>
#include <stdio.h>
#include "error.h"

typedef struct outfile {
    FILE *f;
    char *path, *tmp;
    bool force;
} outfile;

int outfile_open(outfile *o, const char *path, bool force, cr_error *e);
int outfile_commit(outfile *o, cr_error *e);
void outfile_abort(outfile *o);

#endif
