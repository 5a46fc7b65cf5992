import { describe, expect, it } from 'vitest';
import { connectionFromArray, decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Connection } from '../../../subgraphs/kit/connection';
import { ErrorCode } from '../../../subgraphs/kit/errors';

const items = Array.from({ length: 7 }, (_, index) => ({ id: `id-${index}`, code: `C${String(7 - index).padStart(2, '0')}` }));

describe('connectionFromArray', () => {
  it('pages through every item once, in sort order, with correct page info', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection<(typeof items)[number]> = connectionFromArray(items, { first: 3, after }, (item) => item.code);
      pages += 1;
      seen.push(...page.edges.map((edge) => edge.node.code));
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...items.map((item) => item.code)].sort());
  });

  it('returns an empty page with null cursors for first: 0', () => {
    const page = connectionFromArray(items, { first: 0 }, (item) => item.code);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('refuses a page size over the maximum and a forged cursor with BAD_USER_INPUT', () => {
    expect(() => connectionFromArray(items, { first: MAX_PAGE_SIZE + 1 }, (item) => item.code)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'first' }) }),
    );
    expect(() => connectionFromArray(items, { after: 'not-a-cursor' }, (item) => item.code)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }),
    );
  });

  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor(['滨城区', 'abc']))).toEqual(['滨城区', 'abc']);
  });
});
