#include "paths.h"

#include <limits.h>
#include <pthread.h>
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

/* Worked out once (the environment is read at first use) and read-only
 * after: any thread may ask. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char data_buf[PATH_MAX + 8], corpus_buf[PATH_MAX + 8];

static void init(void)
{
    char buf[PATH_MAX];
    const char *env = getenv("CROSSREAD_DATADIR");
    if (env && *env)
        snprintf(buf, sizeof buf, "%s", env);
    else if (running_from_build_tree())
        snprintf(buf, sizeof buf, "%s", CR_SOURCE_ROOT);
    else
        snprintf(buf, sizeof buf, "%s", CR_INSTALL_DATADIR);
    snprintf(data_buf, sizeof data_buf, "%s/data", buf);
    snprintf(corpus_buf, sizeof corpus_buf, "%s/corpus", buf);
}

const char *paths_datadir(void)
{
    pthread_once(&once, init);
    return data_buf;
}

const char *paths_corpusdir(void)
{
    pthread_once(&once, init);
    return corpus_buf;
}
