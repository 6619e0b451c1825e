/* text.h — loading raw files and cleaning them into article text.
 *
 * text_load: reads a file, checks it is UTF-8 (no invalid bytes, overlong
 *   forms, surrogates or NUL bytes) and under the size cap. A BOM is kept in
 *   raw (the cleaner skips it). Errors name file, line and byte offset.
 *   With o->lenient, invalid sequences are accepted here and the cleaner
 *   replaces each with U+FFFD and records a DAMAGE_INVALID_UTF8 span.
 *
 * text_clean: builds doc->text from doc->raw: drops the BOM, normalises CRLF,
 *   removes inline pinyin annotations, HTML remnants, repeated content and
 *   page furniture, marks encoding damage, separates the title, and records
 *   the offset map for every byte it emits. Everything it takes out is listed
 *   in doc->removed (raw offsets, reason, rule); damaged runs are replaced by
 *   one U+FFFD each and listed in doc->damage. Linear in the input; bounded
 *   look-ahead everywhere. See docs/cleaning.md for the rules and why each is
 *   safe.
 */
#ifndef CR_TEXT_H
#define CR_TEXT_H
#include "corpus.h"

int text_load(doc *d, const char *path, const load_opts *o, cr_error *e);
/* text_load opening name relative to directory fd dirfd (openat; AT_FDCWD:
 * as text_load); path is the file's name in errors. Saves the kernel
 * walking the whole path again for each of thousands of files in one
 * directory (search). */
int text_load_at(doc *d, int dirfd, const char *name, const char *path,
                 const load_opts *o, cr_error *e);
/* Validate UTF-8 in memory; returns 0 when valid, else CR_EINPUT with the
 * byte offset and line of the first bad sequence in e (file = name). */
int text_validate(const char *buf, size_t len, const char *name, cr_error *e);
int text_clean(doc *d, cr_error *e);
/* text_clean with its temporary memory taken from scratch, which is then
 * emptied but keeps its blocks (arena_reset): a worker cleaning document
 * after document passes the same arena each time and reuses the memory. */
int text_clean_scratch(doc *d, arena *scratch, cr_error *e);

/* The rule behind each removed span (removed_span.rule). */
enum clean_rule {
    RULE_PINYIN = 1,      /* (yuǎn) after a Han character */
    RULE_HTML_TAG,        /* <p>, </p>, <br/>, <a href=...> */
    RULE_HTML_BROKEN,     /* /p> whose '<' was eaten by encoding damage */
    RULE_HTML_COMMENT,    /* <!-- ... --> */
    RULE_HTML_SCRIPT,     /* <script>...</script>, <style>...</style> */
    RULE_HTML_ENTITY,     /* an entity that stands for nothing (&shy;) */
    RULE_DUP_EXACT,       /* same paragraph text as an earlier one */
    RULE_DUP_NEAR,        /* same paragraph, one copy damaged */
    RULE_DUP_BLOCK,       /* short repeated line inside a repeated block */
    RULE_BEFORE_TITLE,    /* before the title, unrelated to the body */
    RULE_HEAD,            /* short non-sentence line between title and body */
    RULE_TAIL,            /* page footer after the last body paragraph */
    RULE_URL_LINE,        /* a line that is mostly URLs */
    RULE_NO_WORDS,        /* a line with no letters or Han (timestamps, rules) */
    RULE_LINK_LIST,       /* a block of bullet lines, with its heading */
};

const char *text_reason_name(int reason);   /* "pinyin", "html", ... */
const char *text_rule_name(int rule);       /* "pinyin", "tag", "tail", ... */
const char *text_damage_name(int kind);     /* "invalid-utf8", "mojibake" */

#endif
