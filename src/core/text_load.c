/* text_load.c — reading files and validating UTF-8. */
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/utf8.h>

static size_t line_of(const char *buf, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

int text_validate(const char *buf, size_t len, const char *name, cr_error *e)
{
    const uint8_t *s = (const uint8_t *)buf;
    size_t i = 0;
    while (i < len) {
        /* Fast paths for what articles are made of; anything else, and
         * every error, goes through U8_NEXT below. A 3-byte character whose
         * lead byte admits any continuation bytes (E1-EC, EE-EF: no overlong
         * form or surrogate possible) — most of Chinese text: */
        uint8_t b = s[i];
        if (b >= 0xE1 && b <= 0xEF && b != 0xED && len - i >= 3 &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            /* and the characters after it of the same kind, four at a
             * time: their continuation bytes in one test */
            while (len - i >= 12) {
                const uint8_t *q = s + i;
                if (((q[1] ^ 0x80) | (q[2] ^ 0x80) | (q[4] ^ 0x80) | (q[5] ^ 0x80) |
                     (q[7] ^ 0x80) | (q[8] ^ 0x80) | (q[10] ^ 0x80) | (q[11] ^ 0x80)) >= 0x40 ||
                    (uint8_t)(q[0] - 0xE1) > 0x0E || q[0] == 0xED ||
                    (uint8_t)(q[3] - 0xE1) > 0x0E || q[3] == 0xED ||
                    (uint8_t)(q[6] - 0xE1) > 0x0E || q[6] == 0xED ||
                    (uint8_t)(q[9] - 0xE1) > 0x0E || q[9] == 0xED)
                    break;
                i += 12;
            }
            continue;
        }
        if (b < 0x80) {
            /* ASCII: eight bytes with no NUL at once when possible */
            if (len - i >= 8) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (!(w & 0x8080808080808080ull) &&
                    !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
                    i += 8;
                    continue;
                }
            }
            if (b == 0)
                return cr_error_set(e, CR_EINPUT, name, line_of(buf, i), i, 1,
                                    "NUL byte in text; use --lenient to replace it "
                                    "with U+FFFD");
            i++;
            continue;
        }
        size_t at = i;
        UChar32 c;
        int32_t ii = 0;
        /* U8_NEXT_OR_FFFD would hide errors; U8_NEXT gives c < 0 on any
         * ill-formed sequence (bad lead, truncation, overlong, surrogate). */
        size_t chunk = len - i > INT32_MAX ? INT32_MAX : len - i;
        U8_NEXT(s + i, ii, (int32_t)chunk, c);
        if (c < 0)
            return cr_error_set(e, CR_EINPUT, name, line_of(buf, at), at, 1,
                                "invalid UTF-8 (byte 0x%02X); use --lenient to "
                                "replace bad sequences with U+FFFD",
                                s[at]);
        i += (size_t)ii;
    }
    return CR_OK;
}

int text_load(doc *d, const char *path, const load_opts *o, cr_error *e)
{
    return text_load_at(d, AT_FDCWD, path, path, o, e);
}

int text_load_at(doc *d, int dirfd, const char *name, const char *path,
                 const load_opts *o, cr_error *e)
{
    size_t cap = o && o->max_file_size ? o->max_file_size : LOAD_DEFAULT_MAX;
    /* open/read rather than stdio: stdio would fstat again and allocate a
     * buffer per file, which shows when thousands of files are read. */
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot open: %s",
                            strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "cannot stat: %s", strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "is a directory");
    }
    /* A regular file over the cap is refused before reading any of it. */
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > cap) {
        close(fd);
        return cr_error_set(e, CR_EINPUT, path, 0, cap, 1,
                            "file is larger than the %zu-byte cap "
                            "(--max-size to raise it)", cap);
    }
    /* Read in chunks rather than trusting st_size: the file may change while
     * it is read, or be a pipe. Stop as soon as the cap is passed. */
    size_t len = 0, room = st.st_size > 0 && (size_t)st.st_size <= cap
                              ? (size_t)st.st_size + 1 : 65536;
    char *buf = arena_alloc_nozero(&d->arena, room + 1);
    if (!buf) {
        close(fd);
        return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
    }
    for (;;) {
        if (len == room) {
            size_t nroom = room * 2;
            char *nb = arena_alloc_nozero(&d->arena, nroom + 1);
            if (!nb) {
                close(fd);
                return cr_error_set(e, CR_ENOMEM, path, 0, 0, 0, "out of memory");
            }
            memcpy(nb, buf, len);
            buf = nb;
            room = nroom;
        }
        ssize_t got = read(fd, buf + len, room - len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            close(fd);
            return cr_error_set(e, CR_EINPUT, path, line_of(buf, len), len,
                                1, "read error: %s", strerror(err));
        }
        len += (size_t)got;
        if (len > cap) {
            close(fd);
            return cr_error_set(e, CR_EINPUT, path, 0, cap, 1,
                                "file is larger than the %zu-byte cap "
                                "(--max-size to raise it)", cap);
        }
        if (got == 0)
            break;
        /* A regular file that filled less than the room asked for (its
         * size + 1) is at its end: no read just to be told so (one system
         * call in five when thousands of small files are searched). */
        if (S_ISREG(st.st_mode) && len < room && len == (size_t)st.st_size)
            break;
    }
    close(fd);
    buf[len] = '\0';
    if (len > UINT32_MAX - 16)
        return cr_error_set(e, CR_EINPUT, path, 0, 0, 0, "file too large");
    d->raw = buf;
    d->raw_len = len;
    if (!(o && o->lenient)) {
        int rc = text_validate(buf, len, path, e);
        if (rc)
            return rc;
    }
    return CR_OK;
}
