import { describe, expect, it } from 'vitest';
import { requireRegionCode } from '../../../subgraphs/kit/regions';

const badInputOn = (field: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

describe('kit regions', () => {
  it('accepts Binzhou’s and its counties’ region codes only', () => {
    expect(requireRegionCode('371600')).toBe('371600');
    expect(requireRegionCode('371681')).toBe('371681');
    expect(() => requireRegionCode('110000')).toThrow(badInputOn('regionCode'));
    expect(() => requireRegionCode('')).toThrow(badInputOn('regionCode'));
    expect(() => requireRegionCode('x', 'countyCode')).toThrow(badInputOn('countyCode'));
  });
});
