/** A level of Binzhou's administration that holds its own agreements, filings and settlement. */
export interface RegionInfo {
  /** GB/T 2260 administrative division code. */
  code: string;
  name: string;
  level: 'CITY' | 'COUNTY';
}

/** The city level (市级): the bureau's own agreements and settlement. */
export const CITY_REGION_CODE = '371600';

/** Binzhou and its seven counties/districts (GB/T 2260), static in every subgraph. */
export const REGIONS: readonly RegionInfo[] = Object.freeze(
  (
    [
      { code: CITY_REGION_CODE, name: '滨州市', level: 'CITY' },
      { code: '371602', name: '滨城区', level: 'COUNTY' },
      { code: '371603', name: '沾化区', level: 'COUNTY' },
      { code: '371621', name: '惠民县', level: 'COUNTY' },
      { code: '371622', name: '阳信县', level: 'COUNTY' },
      { code: '371623', name: '无棣县', level: 'COUNTY' },
      { code: '371625', name: '博兴县', level: 'COUNTY' },
      { code: '371681', name: '邹平市', level: 'COUNTY' },
    ] satisfies RegionInfo[]
  ).map((r) => Object.freeze(r)),
);

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** True for a county-level region (县、县级市、区), false for the city or an unknown code. */
export function isCountyCode(code: string): boolean {
  return BY_CODE.get(code)?.level === 'COUNTY';
}
