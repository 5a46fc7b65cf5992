import { describe, expect, it } from 'vitest';
import { findInScope, requireInScope } from '../../../subgraphs/kit/lookup';

const ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';
const code = (c: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: c }) });

describe('kit findInScope', () => {
  it('returns the row the scoped load finds', async () => {
    await expect(findInScope(ID, async () => ({ id: ID }))).resolves.toEqual({ id: ID });
  });

  it('is null when the scoped load finds nothing, missing and out of scope alike', async () => {
    await expect(findInScope(ID, async () => null)).resolves.toBeNull();
    await expect(findInScope(ID, async () => undefined)).resolves.toBeNull();
  });

  it('loads by the lowercase id the database returns', async () => {
    const asked: string[] = [];
    await findInScope(ID.toUpperCase(), async (id) => (asked.push(id), null));
    expect(asked).toEqual([ID]);
  });

  it('rejects a malformed id as BAD_USER_INPUT on the field before loading anything', async () => {
    let loaded = false;
    const load = async () => ((loaded = true), null);
    await expect(findInScope('x', load)).rejects.toThrow(code('BAD_USER_INPUT'));
    await expect(findInScope('x', load, { field: 'exitId' })).rejects.toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'exitId' }) }),
    );
    expect(loaded).toBe(false);
  });

  it('says where to look up by code when a code is given for an id', async () => {
    await expect(findInScope('P-INSPUR', async () => null, { byCode: 'providerByCode(code)' })).rejects.toThrow(/providerByCode/);
    await expect(findInScope('not-a-code', async () => null, { byCode: 'providerByCode(code)' })).rejects.not.toThrow(/providerByCode/);
  });
});

describe('kit requireInScope', () => {
  it('is the row, or one NOT_FOUND naming the record for missing and out of scope alike', async () => {
    await expect(requireInScope(ID, async () => ({ id: ID }), '材料文件')).resolves.toEqual({ id: ID });
    const missing = await requireInScope(ID, async () => null, '材料文件').catch((error: unknown) => error);
    expect(missing).toMatchObject({ message: '材料文件不存在', extensions: { code: 'NOT_FOUND' } });
  });

  it('rejects a malformed id as BAD_USER_INPUT', async () => {
    await expect(requireInScope('../etc', async () => null, '材料文件')).rejects.toThrow(code('BAD_USER_INPUT'));
  });
});
