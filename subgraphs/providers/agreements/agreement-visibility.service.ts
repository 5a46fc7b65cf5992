// Who sees which agreements. Agreements are the one scoped record of this subgraph: a county or a
// unit sees the city's agreements (which every county mirrors) and its own county's; a provider
// its own; the rest of the city's roles everything (a county finance bureau: city + its county).
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from '../../kit/ids';
import { CITY_REGION_CODE } from '../../kit/regions';
import { Role, type Principal } from '../../kit/principal';

export type AgreementVisibility = { kind: 'ALL' } | { kind: 'PROVIDER'; providerId: string } | { kind: 'REGIONS'; regionCodes: string[] };

function cityAnd(regionCode: string | undefined): AgreementVisibility {
  const codes = new Set([CITY_REGION_CODE]);
  if (regionCode) codes.add(regionCode);
  return { kind: 'REGIONS', regionCodes: [...codes] };
}

export function agreementVisibility(principal: Principal): AgreementVisibility {
  switch (principal.role) {
    case Role.PROVIDER:
      return { kind: 'PROVIDER', providerId: principal.providerId ?? '' };
    case Role.COUNTY_AUTHORITY:
    case Role.USER_UNIT:
      return cityAnd(principal.regionCode);
    case Role.FINANCE:
      // City finance sees every level's agreements; a county's its county and the city's. Without a
      // level it gets the narrowest view, never the widest (scopeOf refuses such a principal anyway).
      if (principal.regionCode === CITY_REGION_CODE) return { kind: 'ALL' };
      return cityAnd(principal.regionCode);
    case Role.BUREAU:
    case Role.CENTER:
    case Role.AUDITOR:
    case Role.CYBERSEC:
    case Role.MONITOR:
      return { kind: 'ALL' };
  }
}

/** The visibility as a WHERE clause on an agreement query. */
export function applyAgreementVisibility<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  visibility: AgreementVisibility,
  alias: string,
): SelectQueryBuilder<T> {
  switch (visibility.kind) {
    case 'ALL':
      return query;
    case 'PROVIDER':
      // A malformed provider claim sees nothing (and must not reach the uuid column).
      if (!isUuid(visibility.providerId)) return query.andWhere('FALSE');
      return query.andWhere(`${alias}.provider_id = :visibleProvider`, { visibleProvider: visibility.providerId });
    case 'REGIONS':
      return query.andWhere(`${alias}.region_code = ANY(:visibleRegions)`, { visibleRegions: visibility.regionCodes });
  }
}

export function canSeeAgreement(visibility: AgreementVisibility, agreement: { providerId: string; regionCode: string }): boolean {
  switch (visibility.kind) {
    case 'ALL':
      return true;
    case 'PROVIDER':
      return agreement.providerId === visibility.providerId;
    case 'REGIONS':
      return visibility.regionCodes.includes(agreement.regionCode);
  }
}
