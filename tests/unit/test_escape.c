/* Escaping: nothing from an article reaches a terminal, TSV or JSON raw. */
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "escape.h"

typedef void (*esc_fn)(FILE *, const char *, size_t);

static char *run(void (*fn)(FILE *, const char *, size_t, int), const char *s, size_t n, int keep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, s, n, keep);
    fclose(f);
    return buf;
}
static void text_keep(FILE *f, const char *s, size_t n, int k) { escape_text(f, s, n, k); }
static void tsv(FILE *f, const char *s, size_t n, int k) { (void)k; escape_tsv(f, s, n); }
static void json(FILE *f, const char *s, size_t n, int k) { (void)k; escape_json(f, s, n); }

#define RUN(fn, lit, keep) run(fn, lit, sizeof(lit) - 1, keep)

int main(void)
{
    char *r;
    r = RUN(text_keep, "微軟\x1b[2J\x07ok", 0); CHECK_STR(r, "微軟\\x1B[2J\\x07ok"); free(r);
    r = RUN(text_keep, "a\nb\tc", 1); CHECK_STR(r, "a\nb\tc"); free(r);
    r = RUN(text_keep, "a\nb", 0); CHECK_STR(r, "a\\x0Ab"); free(r);
    /* OSC title change and a C1 CSI (U+009B) */
    r = RUN(text_keep, "\x1b]0;pwned\x07 \xc2\x9b" "31m", 0);
    CHECK_STR(r, "\\x1B]0;pwned\\x07 \\x9B31m"); free(r);
    /* bidi override U+202E */
    r = RUN(text_keep, "abc\xe2\x80\xae" "def", 0); CHECK_STR(r, "abc\\u{202E}def"); free(r);
    /* invalid UTF-8 byte */
    r = RUN(text_keep, "a\xff" "b", 0); CHECK_STR(r, "a\\xFFb"); free(r);
    /* Three bytes that look like a CJK character but are not one: a 4-byte
     * or invalid lead, a surrogate, a missing continuation. */
    r = RUN(text_keep, "\xf0\x80\x80\xff\x80\x80\xed\xa0\x80\xe4\xb8" "x\xe4\xb8\xad", 0);
    CHECK_STR(r, "\\xF0\\x80\\x80\\xFF\\x80\\x80\\xED\\xA0\\x80\\xE4\\xB8x\xe4\xb8\xad");
    free(r);
    r = RUN(tsv, "\xef\xbf\xbd\tz\xf4\x90\x80\x80", 0);
    CHECK_STR(r, "\xef\xbf\xbd\\tz\\xF4\\x90\\x80\\x80");
    free(r);
    r = RUN(tsv, "a\tb\nc\\d\r", 0); CHECK_STR(r, "a\\tb\\nc\\\\d\\r"); free(r);
    r = RUN(json, "q\"\\\n\x01\xe2\x80\xae\xff", 0);
    CHECK_STR(r, "q\\\"\\\\\\n\\u0001\\u202e\\ufffd"); free(r);
    r = RUN(json, "遠赴中東", 0); CHECK_STR(r, "遠赴中東"); free(r);
    CHECK(escape_is_unsafe(0x1B));
    CHECK(escape_is_unsafe(0x2066));
    CHECK(!escape_is_unsafe(0x5FAE));
    CHECK(!escape_is_unsafe(' '));
    return check_done();
}
