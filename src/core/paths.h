/* paths.h — where crossread finds its data and bundled corpus.
 * Order: $CROSSREAD_DATADIR; the source tree when running from the build
 * tree; the installed data directory. */
#ifndef CR_PATHS_H
#define CR_PATHS_H
const char *paths_datadir(void);    /* holds data/ lexicons, e.g. ".../data" */
const char *paths_corpusdir(void);  /* the bundled corpus */
#endif
