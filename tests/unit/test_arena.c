/* Arena: alignment, zeroing, growth, large blocks. */
#include <stdint.h>
#include "arena.h"
#include "check.h"

int main(void)
{
    arena a;
    arena_init(&a);
    char *s = arena_strdup(&a, "微軟");
    CHECK_STR(s, "微軟");
    for (int i = 0; i < 1000; i++) {
        double *d = arena_alloc(&a, sizeof(double) * (size_t)(i % 7 + 1));
        CHECK(((uintptr_t)d % _Alignof(max_align_t)) == 0);
        CHECK(d[0] == 0.0);
    }
    char *big = arena_alloc(&a, 1 << 20);   /* larger than a block */
    CHECK(big && big[0] == 0 && big[(1 << 20) - 1] == 0);
    CHECK_STR(s, "微軟");                  /* earlier data untouched */

    int *items = NULL;
    size_t len = 0, cap = 0;
    for (int i = 0; i < 10000; i++) {
        int *p = ARENA_PUSH(&a, items, len, cap);
        CHECK(p != NULL);
        *p = i;
    }
    int ok = 1;
    for (int i = 0; i < 10000; i++)
        ok &= items[i] == i;
    CHECK(ok);
    CHECK_INT(len, 10000);
    arena_free(&a);
    CHECK(a.head == NULL);
    return check_done();
}
