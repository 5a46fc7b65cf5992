import { REGIONS, regionByCode, type RegionInfo } from './regions';

/** Regions are static reference data: every subgraph resolves them locally, without a network hop. */
export const regionResolvers = {
  Region: {
    __resolveReference: (reference: { code: string }): RegionInfo | null => regionByCode(reference.code) ?? null,
  },
};

export function allRegions(): readonly RegionInfo[] {
  return REGIONS;
}

/** The Region object for a code, for fields like `Unit.region`. */
export function regionField(code: string | null | undefined): RegionInfo | null {
  return code ? (regionByCode(code) ?? null) : null;
}
