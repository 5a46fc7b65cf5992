import { describe, expect, it } from 'vitest';
import { lookupInScope } from '../../../subgraphs/kit/lookup';

const ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';
const code = (c: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: c }) });

describe('kit lookupInScope', () => {
  it('returns the row in scope without asking whether it exists', async () => {
    let asked = false;
    const row = await lookupInScope(
      ID,
      async () => ({ id: ID }),
      async () => ((asked = true), true),
    );
    expect(row).toEqual({ id: ID });
    expect(asked).toBe(false);
  });

  it('is null for a missing row and FORBIDDEN for one out of scope', async () => {
    await expect(
      lookupInScope(
        ID,
        async () => null,
        async () => false,
      ),
    ).resolves.toBeNull();
    await expect(
      lookupInScope(
        ID,
        async () => null,
        async () => true,
      ),
    ).rejects.toThrow(code('FORBIDDEN'));
  });

  it('rejects a malformed id before loading anything', async () => {
    let loaded = false;
    await expect(
      lookupInScope(
        'x',
        async () => ((loaded = true), null),
        async () => false,
      ),
    ).rejects.toThrow(code('BAD_USER_INPUT'));
    expect(loaded).toBe(false);
  });
});
