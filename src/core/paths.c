#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CR_SOURCE_ROOT
#define CR_SOURCE_ROOT "."
#endif
#ifndef CR_BUILD_ROOT
#define CR_BUILD_ROOT "."
#endif
#ifndef CR_INSTALL_DATADIR
#define CR_INSTALL_DATADIR "/usr/local/share/crossread"
#endif

static int running_from_build_tree(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *root = realpath(CR_BUILD_ROOT, NULL);
    if (!root)
        return 0;
    size_t rl = strlen(root);
    int inside = strncmp(exe, root, rl) == 0 && exe[rl] == '/';
    free(root);
    return inside;
}

static const char *base(void)
{
    static char buf[PATH_MAX];
    if (buf[0])
        return buf;
    const char *env = getenv("CROSSREAD_DATADIR");
    if (env && *env)
        snprintf(buf, sizeof buf, "%s", env);
    else if (running_from_build_tree())
        snprintf(buf, sizeof buf, "%s", CR_SOURCE_ROOT);
    else
        snprintf(buf, sizeof buf, "%s", CR_INSTALL_DATADIR);
    return buf;
}

const char *paths_datadir(void)
{
    static char buf[PATH_MAX + 8];
    snprintf(buf, sizeof buf, "%s/data", base());
    return buf;
}

const char *paths_corpusdir(void)
{
    static char buf[PATH_MAX + 8];
    snprintf(buf, sizeof buf, "%s/corpus", base());
    return buf;
}
