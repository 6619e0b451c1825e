/* claims.c — STUB: being written (issue 4). */
#include "claims.h"
int claims_extract(doc *d, const corpus *c, cr_error *e) { (void)d; (void)c; (void)e; return CR_OK; }
