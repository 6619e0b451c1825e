/* places.h — names of places from ICU's locale data, for telling a place
 * from a person: the display names of every ISO 3166 country and region
 * and the exemplar cities of the time zones, in Chinese (Simplified and
 * Traditional). No hand-made list: ICU ships them with its CLDR data.
 *
 * places_each calls fn once per name (UTF-8, NUL-terminated; duplicates
 * across the locales are possible) and stops at the first non-zero return,
 * which it returns. Missing ICU data yields fewer names, never an error.
 * Thread-safe (no state).
 */
#ifndef CR_PLACES_H
#define CR_PLACES_H

typedef int (*places_fn)(const char *name, void *arg);

int places_each(places_fn fn, void *arg);

#endif
