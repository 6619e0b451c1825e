/* test_places.c — places_each (src/core/places.c): ICU's country and city
 * names in Simplified and Traditional Chinese, without Antarctic research
 * stations (named after people), and a callback's non-zero return stops it. */
#include "check.h"
#include "places.h"

#include <string.h>

struct seen {
    int n, argentina, paris_hant, baghdad, davis, lebanon_hant;
};

static int note(const char *s, void *arg)
{
    struct seen *v = arg;
    v->n++;
    v->argentina |= !strcmp(s, "阿根廷");
    v->lebanon_hant |= !strcmp(s, "黎巴嫩");   /* the same in both scripts */
    v->paris_hant |= !strcmp(s, "巴黎");
    v->baghdad |= !strcmp(s, "巴格達");        /* Traditional: zh_Hant's city */
    v->davis |= !strcmp(s, "戴维斯") || !strcmp(s, "戴維斯");
    return 0;
}

static int stop_at_third(const char *s, void *arg)
{
    (void)s;
    return ++*(int *)arg == 3 ? 42 : 0;
}

int main(void)
{
    struct seen v = {0};
    CHECK_INT(places_each(note, &v), 0);
    CHECK(v.n > 500);           /* ~250 countries and ~400 cities, per locale */
    CHECK(v.argentina);
    CHECK(v.lebanon_hant);
    CHECK(v.paris_hant);
    CHECK(v.baghdad);
    CHECK(!v.davis);
    int calls = 0;
    CHECK_INT(places_each(stop_at_third, &calls), 42);
    CHECK_INT(calls, 3);
    return check_done();
}
