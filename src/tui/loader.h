/* loader.h — reading and analysing the corpus while the explorer runs.
 *
 * loader_start runs the whole pipeline (list and read the files, extra
 * lexicons, clean ... xref) on a thread of its own, then builds the tables
 * the views need (tui_data) and folds the text for search. The screen is
 * up at once and stays responsive on a large corpus: the main thread asks
 * loader_phase and shows loader_progress meanwhile.
 *
 * What the main thread may read, by phase (acquire/release ordering):
 *   LISTED  c->n_docs and each doc's id, path, title (manifest), outlet,
 *           date, script, raw and raw_len: later stages never change them;
 *   READY   everything, and loader_data; the loader thread has finished.
 *   FAILED  loader_error says why.
 * The main thread never writes to the corpus.
 */
#ifndef CR_LOADER_H
#define CR_LOADER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "search.h"

typedef struct tui_source {
    char **paths;               /* files and directories; none: bundled */
    int n_paths;
    const char **lexicons;      /* extra lexicon files (--lexicon) */
    int n_lexicons;
    load_opts load;
    bool no_tagger;             /* --no-tagger: corpus.no_tagger */
} tui_source;

enum load_phase { PHASE_LISTING, PHASE_LISTED, PHASE_READY, PHASE_FAILED };

/* Per-article counts for the Articles view. */
typedef struct doc_counts {
    uint32_t people, companies, products;   /* distinct entities */
    uint32_t figures;                       /* figure mentions */
} doc_counts;

/* One line of the Entities view: a resolved entity, or a money amount
 * (figures have no entity: equal amounts in the same currency are one
 * group, their different spellings its aliases). */
typedef struct group {
    uint8_t type;               /* MENTION_PERSON ... MENTION_MONEY */
    int32_t entity;             /* index into c->entities, or -1 (money) */
    const char *name;
    const char **aliases;       /* surface forms besides the name */
    size_t n_aliases;
    uint32_t total;             /* mentions in the corpus */
    uint32_t n_docs;            /* articles that mention it */
    uint32_t first_ref, n_refs; /* money: its mentions in tui_data.refs */
    const char *fold;           /* folded name and aliases, for the filter */
} group;

typedef struct mref {
    uint32_t doc, mention;
} mref;

typedef struct tui_data {
    doc_counts *counts;         /* per document */
    group *groups;              /* by type (people, companies, products,
                                 * money), then most mentioned first */
    size_t n_groups;
    mref *refs;                 /* money mentions, grouped */
    size_t n_refs;
    /* Cross-references by claim: global claim number g = claim_base[doc] +
     * claim index; its links are link_refs[link_first[g] .. link_first[g+1]). */
    uint32_t *claim_base;       /* n_docs + 1 */
    uint32_t *link_first;       /* total claims + 1 */
    uint32_t *link_refs;        /* indexes into c->links */
    search_index *search;       /* folded text, ready for search_run */
    arena arena;
} tui_data;

typedef struct loader loader;

/* Start loading; the source's strings must outlive the loader. NULL only
 * when out of memory or no thread could be started (e says which). */
loader *loader_start(const tui_source *src, cr_error *e);
int loader_phase(const loader *l);
corpus *loader_corpus(loader *l);
const tui_data *loader_data(const loader *l);   /* READY only */
/* "extracting 1,200/5,000", for the status bar. */
void loader_progress(const loader *l, char *buf, size_t size);
const cr_error *loader_error(const loader *l);   /* FAILED only */
/* Free everything when the loader has finished. If it is still working
 * (the user quit during a long load) it is left to end with the process:
 * there is no safe way to interrupt a stage. */
void loader_stop(loader *l);

/* Links of claim ci of document di (a pointer into data; *n gets the count). */
const uint32_t *tui_claim_links(const tui_data *t, size_t di, size_t ci, size_t *n);

#endif
