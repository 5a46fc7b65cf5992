import { CITY_REGION_CODE } from './regions';

/** The roles of docs/domain.md (第四条、第五条). */
export enum Role {
  BUREAU = 'BUREAU',
  CENTER = 'CENTER',
  COUNTY_AUTHORITY = 'COUNTY_AUTHORITY',
  USER_UNIT = 'USER_UNIT',
  PROVIDER = 'PROVIDER',
  MONITOR = 'MONITOR',
  FINANCE = 'FINANCE',
  AUDITOR = 'AUDITOR',
  CYBERSEC = 'CYBERSEC',
}

export const ROLES = Object.values(Role) as Role[];

/** Who is asking, as verified by the gateway. */
export interface Principal {
  /** Subject: the person or system the token was issued to. */
  readonly subject: string;
  readonly role: Role;
  /** Region code: the county for COUNTY_AUTHORITY, the level (city or county) for FINANCE. */
  readonly regionCode?: string;
  /** The user unit, for USER_UNIT. */
  readonly unitId?: string;
  /** The provider, for PROVIDER. */
  readonly providerId?: string;
}

/**
 * What part of the city's data a principal may see. Every scoped query and loader turns this
 * into a WHERE clause, so lists, lookups and `_entities` apply the same limits.
 */
export type Scope =
  { kind: 'CITY' } | { kind: 'REGION'; regionCode: string } | { kind: 'UNIT'; unitId: string } | { kind: 'PROVIDER'; providerId: string };

export function scopeOf(principal: Principal): Scope {
  switch (principal.role) {
    case Role.BUREAU:
    case Role.CENTER:
    case Role.AUDITOR:
    case Role.CYBERSEC:
    case Role.MONITOR:
      return { kind: 'CITY' };
    case Role.COUNTY_AUTHORITY:
      return { kind: 'REGION', regionCode: required(principal.regionCode, 'region') };
    case Role.FINANCE:
      // City finance reads the city level's fees; a county's finance bureau its county's.
      return principal.regionCode && principal.regionCode !== CITY_REGION_CODE
        ? { kind: 'REGION', regionCode: principal.regionCode }
        : { kind: 'CITY' };
    case Role.USER_UNIT:
      return { kind: 'UNIT', unitId: required(principal.unitId, 'unit') };
    case Role.PROVIDER:
      return { kind: 'PROVIDER', providerId: required(principal.providerId, 'provider') };
  }
}

/** Which claims each role's token must carry besides the role. */
export function requiredClaims(role: Role): Array<'region' | 'unit' | 'provider'> {
  switch (role) {
    case Role.COUNTY_AUTHORITY:
      return ['region'];
    case Role.USER_UNIT:
      return ['unit', 'region'];
    case Role.PROVIDER:
      return ['provider'];
    default:
      return [];
  }
}

function required(value: string | undefined, claim: string): string {
  if (!value) throw new Error(`principal lacks the ${claim} claim its role requires`);
  return value;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.includes(principal.role);
}
