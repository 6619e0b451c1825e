/* check.h — a minimal unit-test harness: CHECK(cond) records a failure with
 * file and line and carries on; main() returns check_done(). Output ends
 * with "N passed, N failed" so CI can read it. */
#ifndef CR_CHECK_H
#define CR_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_pass_, check_fail_;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) check_pass_++;                                               \
        else { check_fail_++;                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
    } while (0)

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *a_ = (a), *b_ = (b);                                       \
        if (a_ && b_ && strcmp(a_, b_) == 0) check_pass_++;                    \
        else { check_fail_++;                                                  \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
                    __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } \
    } while (0)

#define CHECK_INT(a, b)                                                        \
    do {                                                                       \
        long long a_ = (long long)(a), b_ = (long long)(b);                    \
        if (a_ == b_) check_pass_++;                                           \
        else { check_fail_++;                                                  \
            fprintf(stderr, "%s:%d: CHECK_INT failed: %s\n  got:  %lld\n  want: %lld\n", \
                    __FILE__, __LINE__, #a, a_, b_); } \
    } while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_pass_, check_fail_);
    return check_fail_ ? 1 : 0;
}

#endif
