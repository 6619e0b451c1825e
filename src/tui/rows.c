/* rows.c — list rows and cursor movement (see rows.h). */
#include "rows.h"

#include <stdlib.h>

#include "grow.h"

static bool is_start(const rowlist *r, size_t i)
{
    return r->v[i].kind == ROW_ITEM && r->v[i].line == 0;
}

void rows_reset(rowlist *r)
{
    r->n = r->sel = r->top = r->n_items = 0;
}

void rows_free(rowlist *r)
{
    free(r->v);
    *r = (rowlist){0};
}

bool rows_push(rowlist *r, uint8_t kind, uint32_t item, uint16_t line, uint8_t tag)
{
    if (r->n == r->cap) {
        row *p = grow_array(r->v, &r->cap, sizeof *p, 256);
        if (!p)
            return false;
        r->v = p;
    }
    r->v[r->n++] = (row){item, line, kind, tag};
    if (kind == ROW_ITEM && line == 0) {
        if (r->n_items == 0)
            r->sel = r->n - 1;
        r->n_items++;
    }
    return true;
}

const row *rows_current(const rowlist *r)
{
    if (!r->n_items || r->sel >= r->n || !is_start(r, r->sel))
        return NULL;
    return &r->v[r->sel];
}

/* Snap sel to an item start: forward first, then backward. */
static void snap(rowlist *r)
{
    if (!r->n_items)
        return;
    if (r->sel >= r->n)
        r->sel = r->n - 1;
    for (size_t i = r->sel; i < r->n; i++)
        if (is_start(r, i)) {
            r->sel = i;
            return;
        }
    for (size_t i = r->sel + 1; i-- > 0;)
        if (is_start(r, i)) {
            r->sel = i;
            return;
        }
}

void rows_move(rowlist *r, long delta)
{
    if (!r->n_items)
        return;
    snap(r);
    size_t i = r->sel;
    while (delta > 0) {
        size_t j = i + 1;
        while (j < r->n && !is_start(r, j))
            j++;
        if (j >= r->n)
            break;
        i = j;
        delta--;
    }
    while (delta < 0) {
        size_t j = i;
        while (j > 0 && !is_start(r, j - 1))
            j--;
        if (j == 0)
            break;
        i = j - 1;
        delta++;
    }
    r->sel = i;
}

void rows_page(rowlist *r, int dir, int height)
{
    if (!r->n_items)
        return;
    size_t step = height > 2 ? (size_t)height - 1 : 1;
    if (dir > 0) {
        size_t target = r->sel + step;
        if (target >= r->n) {
            rows_last(r);
            return;
        }
        r->top += step;
        r->sel = target;
        /* the first item start at or after target, else the last item */
        size_t i = target;
        while (i < r->n && !is_start(r, i))
            i++;
        if (i < r->n)
            r->sel = i;
        else
            rows_last(r);
    } else {
        size_t target = r->sel > step ? r->sel - step : 0;
        r->top = r->top > step ? r->top - step : 0;
        size_t i = target;
        while (i > 0 && !is_start(r, i))
            i--;
        if (is_start(r, i))
            r->sel = i;
        else
            rows_first(r);
    }
}

void rows_first(rowlist *r)
{
    r->sel = 0;
    r->top = 0;
    snap(r);
}

void rows_last(rowlist *r)
{
    if (!r->n)
        return;
    r->sel = r->n - 1;
    while (r->sel > 0 && !is_start(r, r->sel))
        r->sel--;
    snap(r);
}

bool rows_select_item(rowlist *r, uint32_t item)
{
    for (size_t i = 0; i < r->n; i++)
        if (is_start(r, i) && r->v[i].item == item) {
            r->sel = i;
            return true;
        }
    return false;
}

void rows_clamp(rowlist *r, int height)
{
    if (height < 1)
        height = 1;
    size_t h = (size_t)height;
    if (!r->n) {
        r->top = r->sel = 0;
        return;
    }
    snap(r);
    size_t end = r->sel + 1;             /* one past the item's last row */
    while (end < r->n && r->v[end].kind == ROW_ITEM && r->v[end].line != 0)
        end++;
    size_t first = r->sel;               /* include headings just above */
    while (first > 0 && r->v[first - 1].kind == ROW_HEADING && r->sel - first < 2 &&
           end - (first - 1) <= h)      /* when the whole item still fits */
        first--;
    if (r->top > r->n - 1)
        r->top = r->n - 1;
    if (end > r->top + h)
        r->top = end - h;
    if (first < r->top)
        r->top = first;
    if (r->sel < r->top)
        r->top = r->sel;
    /* Do not leave the screen half empty at the end of the list. */
    if (r->n >= h && r->top > r->n - h && r->sel >= r->n - h)
        r->top = r->n - h;
}

void rows_jump_to_group(rowlist *r, size_t i, int height)
{
    r->sel = i < r->n ? i : 0;
    rows_move(r, 0);                     /* from a heading to its first item */
    r->top = i < r->n ? i : 0;
    rows_clamp(r, height);
}
