import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize } from '../../../subgraphs/kit/connection';
import { ErrorCode } from '../../../subgraphs/kit/errors';

// Child and root lists page in SQL (issue 14); what is left here is checking the arguments and cursors they share.
describe('connection arguments and cursors', () => {
  it('refuses a page size over the maximum and a forged cursor with BAD_USER_INPUT', () => {
    expect(() => pageSize({ first: MAX_PAGE_SIZE + 1 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'first' }) }),
    );
    expect(() => decodeCursor('not-a-cursor')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }),
    );
  });

  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor(['滨城区', 'abc']))).toEqual(['滨城区', 'abc']);
  });
});
