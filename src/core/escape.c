#include "escape.h"

#include <unicode/utf8.h>

bool escape_is_unsafe(int32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Walk s, handing each code point (or -1 with the bad byte) to emit. */
#define WALK(s, n, body)                                                       \
    for (int32_t i_ = 0; i_ < (int32_t)(n);) {                                 \
        int32_t at_ = i_;                                                      \
        UChar32 c;                                                             \
        U8_NEXT((const uint8_t *)(s), i_, (int32_t)(n), c);                    \
        int32_t len_ = i_ - at_;                                               \
        const char *p_ = (s) + at_;                                            \
        if (c < 0) { i_ = at_ + 1; len_ = 1; }                                 \
        (void)len_; (void)p_;                                                  \
        body                                                                   \
    }

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
    WALK(s, n, {
        if (c < 0)
            emit_escape(f, -1, (unsigned char)*p_);
        else if (keep_newlines && (c == '\n' || c == '\t'))
            fputc((int)c, f);
        else if (escape_is_unsafe(c))
            emit_escape(f, c, 0);
        else
            fwrite(p_, 1, (size_t)len_, f);
    })
}

void escape_tsv(FILE *f, const char *s, size_t n)
{
    WALK(s, n, {
        if (c == '\t') fputs("\\t", f);
        else if (c == '\n') fputs("\\n", f);
        else if (c == '\r') fputs("\\r", f);
        else if (c == '\\') fputs("\\\\", f);
        else if (c < 0) emit_escape(f, -1, (unsigned char)*p_);
        else if (escape_is_unsafe(c)) emit_escape(f, c, 0);
        else fwrite(p_, 1, (size_t)len_, f);
    })
}

void escape_json(FILE *f, const char *s, size_t n)
{
    WALK(s, n, {
        if (c == '"') fputs("\\\"", f);
        else if (c == '\\') fputs("\\\\", f);
        else if (c == '\n') fputs("\\n", f);
        else if (c == '\t') fputs("\\t", f);
        else if (c == '\r') fputs("\\r", f);
        else if (c < 0) fputs("\\ufffd", f);
        else if (escape_is_unsafe(c)) fprintf(f, "\\u%04x", (unsigned)c);
        else fwrite(p_, 1, (size_t)len_, f);
    })
}

void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    escape_json(f, s, n);
    fputc('"', f);
}
