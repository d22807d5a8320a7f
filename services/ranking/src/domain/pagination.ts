export interface Pagination {
  current_page: number;
  total_pages: number;
  has_next: boolean;
  has_previous: boolean;
}

/**
 * One page of a list by limit/offset. An empty list is one (empty) page; an offset that is not a
 * multiple of the limit lands on the page that contains it.
 */
export const paginate = <T>(items: readonly T[], limit: number, offset: number) => ({
  items: items.slice(offset, offset + limit),
  pagination: {
    current_page: Math.floor(offset / limit) + 1,
    total_pages: Math.max(1, Math.ceil(items.length / limit)),
    has_next: offset + limit < items.length,
    has_previous: offset > 0,
  } satisfies Pagination,
});
