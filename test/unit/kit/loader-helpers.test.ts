import { describe, expect, it } from 'vitest';
import { loaderByKey, loaderOfGroups } from '../../../subgraphs/kit/loader-helpers';

interface Row {
  id: string;
  parentId: string | null;
}

const ROWS: Row[] = [
  { id: 'a', parentId: 'p' },
  { id: 'b', parentId: 'p' },
  { id: 'c', parentId: 'q' },
  { id: 'd', parentId: null },
];

/** A fetch that records its batches, as a batch function's one query would run. */
function recordingFetch(keyOf: (row: Row) => string | null) {
  const batches: string[][] = [];
  const fetch = async (keys: readonly string[]) => {
    batches.push([...keys]);
    return ROWS.filter((row) => keys.includes(keyOf(row) ?? ''));
  };
  return { fetch, batches };
}

describe('kit loader builders', () => {
  it('loaderByKey: one batch, results in key order, null where nothing came back', async () => {
    const { fetch, batches } = recordingFetch((row) => row.id);
    const loader = loaderByKey(fetch, 'id');
    const rows = await Promise.all(['c', 'x', 'a'].map((id) => loader.load(id)));
    expect(rows).toEqual([ROWS[2], null, ROWS[0]]);
    expect(batches).toEqual([['c', 'x', 'a']]);
  });

  it('loaderOfGroups: one batch, each key its rows, [] where none (a null key matches nothing)', async () => {
    const { fetch, batches } = recordingFetch((row) => row.parentId);
    const loader = loaderOfGroups(fetch, 'parentId');
    const groups = await Promise.all(['q', '', 'p'].map((id) => loader.load(id)));
    expect(groups).toEqual([[ROWS[2]], [], [ROWS[0], ROWS[1]]]);
    expect(batches).toEqual([['q', '', 'p']]);
  });
});
