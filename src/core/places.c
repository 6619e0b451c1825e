/* places.c — see places.h. */
#include "places.h"

#include <string.h>
#include <unicode/putil.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

static const char *const display_locales[] = {"zh", "zh_Hant", "zh_Hant_HK"};

/* UTF-16 -> UTF-8 and call fn; names that do not fit are skipped. */
static int emit(const UChar *u, int32_t n, places_fn fn, void *arg)
{
    char buf[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(buf, (int32_t)sizeof buf, &len, u, n, &st);
    if (U_FAILURE(st) || len <= 0 || len >= (int32_t)sizeof buf)
        return 0;
    buf[len] = 0;
    return fn(buf, arg);
}

static int countries(const char *dl, places_fn fn, void *arg)
{
    for (const char *const *c = uloc_getISOCountries(); *c; c++) {
        char loc[16] = "und_";
        strncat(loc, *c, sizeof loc - 5);
        UChar u[128];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(loc, dl, u, 128, &st);
        /* a name ICU could not translate comes back as the code itself */
        if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n <= 0 || n >= 128 ||
            (n == 2 && u[0] == (UChar)(*c)[0] && u[1] == (UChar)(*c)[1]))
            continue;
        int rc = emit(u, n, fn, arg);
        if (rc)
            return rc;
    }
    return 0;
}

/* zoneStrings { "Asia:Baghdad" { ec { "巴格达" } } ... } */
static int cities(const char *dl, places_fn fn, void *arg)
{
    UErrorCode st = U_ZERO_ERROR;
    /* the time zone tree of ICU's own data package ("icudt72l-zone") */
    UResourceBundle *top = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "zone", dl, &st);
    UResourceBundle *zs = U_SUCCESS(st) ? ures_getByKey(top, "zoneStrings", NULL, &st) : NULL;
    int rc = 0;
    while (!rc && zs && U_SUCCESS(st) && ures_hasNext(zs)) {
        UResourceBundle *z = ures_getNextResource(zs, NULL, &st);
        if (U_FAILURE(st))
            break;
        /* research stations are named after people (Casey, Davis, Mawson) */
        const char *key = ures_getKey(z);
        if (ures_getType(z) == URES_TABLE && key && strncmp(key, "Antarctica:", 11) != 0) {
            UErrorCode s2 = U_ZERO_ERROR;
            int32_t n = 0;
            const UChar *u = ures_getStringByKey(z, "ec", &n, &s2);
            if (U_SUCCESS(s2) && n > 0)
                rc = emit(u, n, fn, arg);
        }
        ures_close(z);
    }
    ures_close(zs);
    ures_close(top);
    return rc;
}

int places_each(places_fn fn, void *arg)
{
    for (size_t i = 0; i < sizeof display_locales / sizeof *display_locales; i++) {
        int rc = countries(display_locales[i], fn, arg);
        if (!rc)
            rc = cities(display_locales[i], fn, arg);
        if (rc)
            return rc;
    }
    return 0;
}
