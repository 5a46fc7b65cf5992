import { describe, expect, it } from 'vitest';
import { isUuid, parseId, parseOptionalId, requireRegionCode, requireUuid, wellFormedIds } from '../../../subgraphs/kit/ids';

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

describe('kit parseId', () => {
  it('returns a uuid in lowercase, so loaders keyed by the database’s ids find it', () => {
    expect(parseId('D74FA9BF-85E0-5B5B-AD06-F8AD8D988CCF')).toBe('d74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf');
  });

  it('refuses anything else with the same BAD_USER_INPUT, naming the field and repeating a bounded part of the value', () => {
    expect(() => parseId('not-a-uuid')).toThrow(badInputOn('id'));
    expect(() => parseId('x', 'exitId')).toThrow(badInputOn('exitId'));
    expect(() => parseId('x'.repeat(10_000))).toThrow(/x{40}…"/);
    expect(() => parseId(42)).toThrow(badInputOn('id'));
  });

  it('points a business code to its by-code field when there is one', () => {
    expect(() => parseId('P-INSPUR', 'id', { byCode: 'providerByCode(code)' })).toThrow(
      /"P-INSPUR" 是编码而非标识，按编码查询请用 providerByCode\(code\)/,
    );
    expect(() => parseId('P-INSPUR')).not.toThrow(/providerByCode/);
  });

  it('leaves an absent optional id absent', () => {
    expect(parseOptionalId(null, 'unitId')).toBeNull();
    expect(parseOptionalId(undefined, 'unitId')).toBeNull();
    expect(() => parseOptionalId('x', 'unitId')).toThrow(badInputOn('unitId'));
  });
});
