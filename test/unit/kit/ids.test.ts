import { describe, expect, it } from 'vitest';
import { isUuid, requireRegionCode, requireUuid, wellFormedIds } from '../../../subgraphs/kit/ids';

const badInputOn = (field: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

describe('kit ids', () => {
  it('tells a malformed id apart before it reaches SQL', () => {
    expect(isUuid('d74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf')).toBe(true);
    expect(isUuid('d74fa9bf85e05b5bad06f8ad8d988ccf')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });

  it('rejects a malformed id argument as BAD_USER_INPUT on its field', () => {
    expect(requireUuid('d74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf', 'unitId')).toBe('d74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf');
    expect(() => requireUuid('x', 'unitId')).toThrow(badInputOn('unitId'));
  });

  it('keeps a batch’s distinct well-formed ids only', () => {
    expect(wellFormedIds(['x', 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf', 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf'])).toEqual([
      'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf',
    ]);
  });

  it('accepts Binzhou’s and its counties’ region codes only', () => {
    expect(requireRegionCode('371600')).toBe('371600');
    expect(requireRegionCode('371681')).toBe('371681');
    expect(() => requireRegionCode('110000')).toThrow(badInputOn('regionCode'));
    expect(() => requireRegionCode('')).toThrow(badInputOn('regionCode'));
    expect(() => requireRegionCode('x', 'countyCode')).toThrow(badInputOn('countyCode'));
  });
});
