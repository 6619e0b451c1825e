/* rows.h — the screen lines of a list view and its cursor.
 *
 * A list view describes itself as rows: an item may take several rows
 * (line 0, 1, ...), and heading rows belong to no item and cannot be
 * selected. Rows hold only indexes; the view draws each visible row on
 * demand, so building rows for 100,000 items costs no text layout.
 * The cursor (sel) is always the first row of an item; top is the first
 * row on screen. Nothing here needs a terminal.
 */
#ifndef CR_ROWS_H
#define CR_ROWS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum row_kind { ROW_HEADING, ROW_ITEM };

typedef struct row {
    uint32_t item;      /* view-defined index */
    uint16_t line;      /* 0 for the item's first row */
    uint8_t kind;       /* enum row_kind */
    uint8_t tag;        /* view-defined */
} row;

typedef struct rowlist {
    row *v;
    size_t n, cap;
    size_t sel, top;
    size_t n_items;     /* rows with kind ROW_ITEM and line 0 */
} rowlist;

void rows_reset(rowlist *r);            /* empty, keeps the memory */
void rows_free(rowlist *r);
/* Append a row; false when out of memory. */
bool rows_push(rowlist *r, uint8_t kind, uint32_t item, uint16_t line, uint8_t tag);
/* The selected row, or NULL when there is no item. */
const row *rows_current(const rowlist *r);

/* Moving the cursor by items: delta items forward (negative: back), or
 * about a page of `height` rows; to the first or last item. */
void rows_move(rowlist *r, long delta);
void rows_page(rowlist *r, int dir, int height);
void rows_first(rowlist *r);
void rows_last(rowlist *r);
/* Put the cursor on the first row of `item` (first match), if present. */
bool rows_select_item(rowlist *r, uint32_t item);
/* Make the selected item visible in `height` rows (its heading too when
 * it is the first item under one). */
void rows_clamp(rowlist *r, int height);
/* Jump to row i (the start of a group: a heading or a type's first row),
 * show it at the top of `height` rows and select the item there. */
void rows_jump_to_group(rowlist *r, size_t i, int height);

#endif
