/* cmd_entities.c — `crossread entities`: one row per mention (people,
 * companies, products and figures), or, as text, grouped by entity.
 * Formats are described in docs/formats.md ("entities output"); the
 * writer is export_entities (export.h), shared with the explorer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entities.h"
#include "export.h"

/* --type person,company: a bit per mention type; 0 means all. */
static int parse_types(const char *s, unsigned *mask)
{
    *mask = 0;
    if (!s || !*s)
        return 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int k = mention_type_from_name(t);
        if (!strcmp(t, "figure") || !strcmp(t, "figures")) {
            *mask |= 1u << MENTION_MONEY | 1u << MENTION_PERCENT | 1u << MENTION_COUNT |
                     1u << MENTION_DATE;
            continue;
        }
        if (k < 0) {
            cli_error("unknown type '%s' (person, company, product, money, "
                      "percent, count, date)", t);
            return 2;
        }
        *mask |= 1u << k;
    }
    return 0;
}

int cmd_entities(cli_opts *o)
{
    unsigned mask;
    int rc = parse_types(o->types, &mask);
    if (rc)
        return rc;
    corpus c;
    outfile of;
    /* tokens are released after use: only mentions, claims and links are printed */
    FILE *f = cli_start(&c, o, STAGE_EXTRACT, true, &of, &rc);
    if (!f)
        return rc;
    export_entities(f, &c, (enum export_format)o->format, mask);
    return cli_finish(&c, o, &of, f, 0);
}
