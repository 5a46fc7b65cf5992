import { describe, expect, it } from 'vitest';
import {
  checkCursorShape,
  cursorList,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageConnection,
  pageSize,
  readPage,
} from '../../../subgraphs/kit/connection';
import { ErrorCode } from '../../../subgraphs/kit/errors';

// Child and root lists page in SQL (issue 14); what is left here is checking the arguments and cursors they share.
describe('connection arguments and cursors', () => {
  it('refuses a page size over the maximum and a forged cursor with BAD_USER_INPUT', () => {
    expect(() => pageSize({ first: MAX_PAGE_SIZE + 1 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'first' }) }),
    );
    expect(() => decodeCursor('not-a-cursor', cursorList('systems'))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }),
    );
  });

  it('round-trips a cursor within its list', () => {
    const list = cursorList('units|name|ASC');
    expect(decodeCursor(encodeCursor(['滨城区', 'abc'], list), list)).toEqual(['滨城区', 'abc']);
  });

  it('refuses a cursor of another list, or of no list, but a child page’s early check takes any list’s', () => {
    const units = cursorList('units|name|ASC');
    const systems = cursorList('systems|code|ASC');
    expect(units).not.toBe(systems);
    expect(cursorList('units|name|ASC')).toBe(units);
    const fromUnits = encodeCursor(['滨城区', 'abc'], units);
    const untagged = Buffer.from(JSON.stringify(['滨城区', 'abc'])).toString('base64url');
    for (const cursor of [fromUnits, untagged]) {
      expect(() => decodeCursor(cursor, systems)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }),
      );
    }
    expect(() => checkCursorShape(fromUnits)).not.toThrow();
    expect(() => checkCursorShape(untagged)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'after' }) }));
  });

  it('reads no rows for a page of none, and reads one when its hasNextPage is asked', async () => {
    const reads: number[] = [];
    const read = async () => (reads.push(1), [{ id: 'a' }]);
    const { rows, rowFollows } = await readPage(0, read);
    expect(rows).toEqual([]);
    expect(reads).toHaveLength(0);
    const connection = pageConnection([], rows.length, 0, false, 3, rowFollows);
    const hasNextPage = connection.pageInfo.hasNextPage as () => Promise<boolean>;
    expect(typeof hasNextPage).toBe('function');
    expect(await hasNextPage()).toBe(true);
    expect(reads).toHaveLength(1);
    expect((await readPage(2, read)).rows).toEqual([{ id: 'a' }]);
    expect(pageConnection([], 1, 2, false, 1, rowFollows).pageInfo.hasNextPage).toBe(false);
  });
});
