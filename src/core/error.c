#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cr_error_clear(cr_error *e) { memset(e, 0, sizeof *e); }

int cr_error_set(cr_error *e, int code, const char *file, size_t line,
                 size_t byte, int has_byte, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    e->byte = byte;
    e->has_byte = has_byte;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void cr_error_format(const cr_error *e, char *buf, size_t size)
{
    int n = 0;
    if (e->file[0]) {
        if (e->line)
            n = snprintf(buf, size, "%s:%zu: ", e->file, e->line);
        else
            n = snprintf(buf, size, "%s: ", e->file);
    }
    if (n < 0 || (size_t)n >= size)
        return;
    if (e->has_byte)
        snprintf(buf + n, size - n, "byte %zu: %s", e->byte, e->msg);
    else
        snprintf(buf + n, size - n, "%s", e->msg);
}
