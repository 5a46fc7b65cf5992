import { describe, expect, it } from 'vitest';
import { cursorList, decodeCursor, keyedEdges, pageConnection } from '../../../subgraphs/kit/connection';

interface Row {
  id: string;
  code: string;
}

const ROWS: Row[] = [
  { id: 'a', code: 'S-1' },
  { id: 'b', code: 'S-2' },
  { id: 'c', code: 'S-3' },
];

const LIST = cursorList('systems|code|ASC');

/** keyOf that records which rows had their cursor worked out. */
function recordingKeyOf() {
  const keyed: string[] = [];
  const keyOf = (row: Row): [string, string] => (keyed.push(row.id), [row.code, row.id]);
  return { keyed, keyOf };
}

describe('lazy cursors (keyedEdges)', () => {
  it('encodes no cursor until one is read', () => {
    const { keyed, keyOf } = recordingKeyOf();
    const connection = pageConnection(keyedEdges(ROWS, keyOf, LIST), ROWS.length, 3, false, 3);
    expect(connection.edges.map((edge) => edge.node)).toEqual(ROWS);
    expect(connection.pageInfo.hasNextPage).toBe(false);
    expect(keyed).toEqual([]);
  });

  it('encodes a read cursor once, and the page info’s cursors are its first and last edges’', () => {
    const { keyed, keyOf } = recordingKeyOf();
    const connection = pageConnection(keyedEdges(ROWS, keyOf, LIST), 4, 3, true, 4);
    expect(decodeCursor(connection.edges[1]!.cursor, LIST)).toEqual(['S-2', 'b']);
    expect(connection.edges[1]!.cursor).toBe(connection.edges[1]!.cursor);
    expect(keyed).toEqual(['b']);
    expect(decodeCursor(connection.pageInfo.endCursor!, LIST)).toEqual(['S-3', 'c']);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]!.cursor);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(keyed).toEqual(['b', 'c', 'a']);
  });

  it('gives an empty page null cursors', () => {
    const connection = pageConnection(keyedEdges([], recordingKeyOf().keyOf, LIST), 0, 3, false, 0);
    expect(connection.pageInfo).toMatchObject({ startCursor: null, endCursor: null, hasNextPage: false });
  });
});
