#include "escape.h"

#include <unicode/utf8.h>

bool escape_is_unsafe(int32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Walk s, handing each code point (or -1 with the bad byte) to body.
 * Characters written as they are go out in runs, one fwrite per run
 * rather than one per character (a search prints thousands of context
 * lines); body writes anything else with SPECIAL, which first writes the
 * run before it. */
#define WALK(f, s, n, body)                                                    \
    do {                                                                       \
        int32_t run_ = 0;                                                      \
        for (int32_t i_ = 0; i_ < (int32_t)(n);) {                             \
            int32_t at_ = i_;                                                  \
            const uint8_t *u_ = (const uint8_t *)(s) + i_;                     \
            if ((int32_t)(n) - i_ >= 3 && u_[0] >= 0xE3 && u_[0] <= 0xEF &&    \
                (u_[0] != 0xED || u_[1] < 0xA0) &&                             \
                ((u_[1] ^ 0x80) | (u_[2] ^ 0x80)) < 0x40) {                    \
                i_ += 3;       /* U+3000 and up: nothing to escape */          \
                continue;                                                      \
            }                                                                  \
            UChar32 c;                                                         \
            U8_NEXT((const uint8_t *)(s), i_, (int32_t)(n), c);                \
            const char *p_ = (s) + at_;                                        \
            if (c < 0) i_ = at_ + 1;                                           \
            (void)p_;                                                          \
            body                                                               \
        }                                                                      \
        if ((int32_t)(n) > run_)                                               \
            fwrite((s) + run_, 1, (size_t)(n) - (size_t)run_, f);              \
    } while (0)
#define SPECIAL(stmt)                                                          \
    do {                                                                       \
        if (at_ > run_) fwrite(p_ - (at_ - run_), 1, (size_t)(at_ - run_), f); \
        stmt;                                                                  \
        run_ = i_;                                                             \
    } while (0)

static void emit_escape(FILE *f, int32_t c, unsigned char bad)
{
    if (c < 0)
        fprintf(f, "\\x%02X", bad);
    else if (c < 0x100)
        fprintf(f, "\\x%02X", (unsigned)c);
    else
        fprintf(f, "\\u{%04X}", (unsigned)c);
}

void escape_text(FILE *f, const char *s, size_t n, bool keep_newlines)
{
    WALK(f, s, n,
        if (c < 0)
            SPECIAL(emit_escape(f, -1, (unsigned char)*p_));
        else if (keep_newlines && (c == '\n' || c == '\t'))
            { }   /* kept as it is */
        else if (escape_is_unsafe(c))
            SPECIAL(emit_escape(f, c, 0));
    );
}

void escape_tsv(FILE *f, const char *s, size_t n)
{
    WALK(f, s, n,
        if (c == '\t') SPECIAL(fputs("\\t", f));
        else if (c == '\n') SPECIAL(fputs("\\n", f));
        else if (c == '\r') SPECIAL(fputs("\\r", f));
        else if (c == '\\') SPECIAL(fputs("\\\\", f));
        else if (c < 0) SPECIAL(emit_escape(f, -1, (unsigned char)*p_));
        else if (escape_is_unsafe(c)) SPECIAL(emit_escape(f, c, 0));
    );
}

void escape_json(FILE *f, const char *s, size_t n)
{
    WALK(f, s, n,
        if (c == '"') SPECIAL(fputs("\\\"", f));
        else if (c == '\\') SPECIAL(fputs("\\\\", f));
        else if (c == '\n') SPECIAL(fputs("\\n", f));
        else if (c == '\t') SPECIAL(fputs("\\t", f));
        else if (c == '\r') SPECIAL(fputs("\\r", f));
        else if (c < 0) SPECIAL(fputs("\\ufffd", f));
        else if (escape_is_unsafe(c)) SPECIAL(fprintf(f, "\\u%04x", (unsigned)c));
    );
}

void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    escape_json(f, s, n);
    fputc('"', f);
}
