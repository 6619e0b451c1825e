/* entities.c — STUB: being written (issue 3). */
#include "entities.h"
#include <string.h>
static const char *type_names[] = {"person","company","product","money","percent","count","date"};
const char *mention_type_name(int t) { return t >= 0 && t < MENTION__COUNT ? type_names[t] : "unknown"; }
int mention_type_from_name(const char *s) { for (int i = 0; i < MENTION__COUNT; i++) if (!strcmp(s, type_names[i])) return i; return -1; }
int entities_extract(doc *d, const corpus *c, cr_error *e) { (void)d; (void)c; (void)e; return CR_OK; }
int entities_resolve(corpus *c, cr_error *e) { (void)c; (void)e; return CR_OK; }
