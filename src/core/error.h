/* error.h — how library code reports failure.
 *
 * Library functions never print and never exit: they fill a cr_error and
 * return its code. The CLI decides what to print and which exit status to use.
 * Positions are 1-based lines and 0-based byte offsets into the raw file.
 */
#ifndef CR_ERROR_H
#define CR_ERROR_H
#include <stddef.h>

enum cr_status {
    CR_OK = 0,
    CR_ENOMATCH = 1,   /* nothing found (search); exit status 1 */
    CR_EINPUT = 2,     /* bad input, bad usage, I/O failure; exit status 2 */
    CR_ENOMEM = 3,     /* out of memory; reported as exit status 2 */
};

typedef struct cr_error {
    int code;
    char file[512];    /* "" when no file is involved */
    size_t line;       /* 0 when unknown */
    size_t byte;       /* valid when has_byte */
    int has_byte;
    char msg[512];
} cr_error;

void cr_error_clear(cr_error *e);
/* Fill e and return code. printf-style message. */
int cr_error_set(cr_error *e, int code, const char *file, size_t line,
                 size_t byte, int has_byte, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* "file:line: byte N: message" (parts omitted when unknown), into buf. */
void cr_error_format(const cr_error *e, char *buf, size_t size);

#endif
