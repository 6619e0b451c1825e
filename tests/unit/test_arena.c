/* Arena: alignment, zeroing, growth, large blocks. */
#include <stdint.h>
#include "arena.h"
#include "grow.h"
#include "check.h"

/* grow_array: doubles, keeps the contents, and refuses sizes that overflow
 * without touching the array or its capacity. */
static void test_grow(void)
{
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        if (n == cap) {
            int *p = grow_array(v, &cap, sizeof *p, 4);
            CHECK(p != NULL);
            if (!p)
                break;
            v = p;
        }
        v[n++] = i;
    }
    CHECK_INT(cap, 1024);   /* 4, 8, ..., 1024 */
    int same = 1;
    for (size_t i = 0; i < n; i++)
        same &= v[i] == (int)i;
    CHECK(same);

    size_t big = SIZE_MAX / 2 + 1;   /* doubling wraps */
    CHECK(grow_array(v, &big, 1, 4) == NULL);
    CHECK(big == SIZE_MAX / 2 + 1);
    size_t c16 = 16;                 /* 32 elements of this size overflow */
    CHECK(grow_array(v, &c16, SIZE_MAX / 16, 4) == NULL);
    CHECK_INT(c16, 16);
    CHECK_INT(v[999], 999);          /* still ours after the refusals */
    free(v);
}

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
    test_grow();
    return check_done();
}
