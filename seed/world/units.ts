// User units (使用单位): the city's departments and eight departments in each county.
import { stableId } from '../../subgraphs/kit/stable-id';
import { CITY_REGION_CODE, REGIONS } from '../../subgraphs/kit/regions';
import type { UnitRecord } from './types';
import { COUNTY_CORE_KINDS, COUNTY_ROTATING_KINDS, UNIT_KINDS, type UnitKind } from './unit-kinds';
import { pad, personName, rngFor, unifiedSocialCreditCode } from './util';

/** A unit together with the kind it was built from, which the system builder needs. */
export interface UnitWithKind {
  unit: UnitRecord;
  kind: UnitKind;
}

/** Leading digits of landline numbers in each county (0543 is Binzhou's area code). */
const PHONE_PREFIX: Record<string, readonly string[]> = {
  '371600': ['31', '32', '33'],
  '371602': ['33', '34'],
  '371603': ['73', '74'],
  '371621': ['53', '57'],
  '371622': ['82', '81'],
  '371623': ['63', '62'],
  '371625': ['23', '25'],
  '371681': ['43', '42'],
};

const KIND_BY_KEY = new Map(UNIT_KINDS.map((k) => [k.key, k]));

function kind(key: string): UnitKind {
  const found = KIND_BY_KEY.get(key);
  if (!found) throw new Error(`unknown unit kind ${key}`);
  return found;
}

function makeUnit(regionCode: string, seq: number, name: string, orgType: string, copy = 0): UnitRecord {
  const code = `U-${regionCode}-${pad(seq, 3)}`;
  const rng = rngFor(`unit:${code}`);
  // A scaled world's copies (seed/world/scale.ts) number their organisation codes, so none repeats.
  const orgBody = copy === 0 ? `MB${pad(rng.int(0, 999_999), 6)}` : `MC${pad(copy, 3)}${pad(seq % 1000, 3)}`;
  return {
    id: stableId('unit', code),
    code,
    name,
    regionCode,
    unifiedSocialCreditCode: unifiedSocialCreditCode(orgType, regionCode, orgBody),
    contactName: personName(rng),
    contactPhone: `0543-${rng.pick(PHONE_PREFIX[regionCode]!)}${pad(rng.int(0, 99_999), 5)}`,
  };
}

/** Kinds a county has: the core five plus three that rotate with the county's position. */
export function countyKinds(countyIndex: number): UnitKind[] {
  const rotating = [0, 1, 2].map((j) => COUNTY_ROTATING_KINDS[(countyIndex * 3 + j) % COUNTY_ROTATING_KINDS.length]!);
  return [...COUNTY_CORE_KINDS, ...rotating].map(kind);
}

/**
 * The demo's units, or with `copy` > 0 one more copy of them for a scaled world (seed/world/scale.ts):
 * the same kinds in the same regions, numbered after the earlier copies' units, each a subordinate
 * institution (所属单位) of the department it copies.
 */
export function buildUnitsWithKinds(copy = 0): UnitWithKind[] {
  const result: UnitWithKind[] = [];
  const named = (name: string) => (copy === 0 ? name : `${name}所属第${copy}单位`);
  const cityKinds = UNIT_KINDS.filter((k) => k.cityName);
  cityKinds.forEach((k, i) => {
    result.push({ unit: makeUnit(CITY_REGION_CODE, copy * cityKinds.length + i + 1, named(k.cityName!), k.orgType, copy), kind: k });
  });
  REGIONS.filter((r) => r.level === 'COUNTY').forEach((region, countyIndex) => {
    const kinds = countyKinds(countyIndex);
    kinds.forEach((k, i) => {
      const suffix = k.countyName!;
      const name = typeof suffix === 'function' ? suffix(region.name) : `${region.name}${suffix}`;
      // County big-data centres are public institutions (事业单位), not government organs.
      const orgType = k.key === 'bigdata' ? '12' : k.orgType;
      result.push({ unit: makeUnit(region.code, copy * kinds.length + i + 1, named(name), orgType, copy), kind: k });
    });
  });
  return result;
}
