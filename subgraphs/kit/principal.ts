import { UnauthenticatedError } from './errors';
import { CITY_REGION_CODE, isCountyCode, regionByCode } from './regions';

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

/** The roles as the policy names them (第四条、第五条). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  [Role.BUREAU]: '市大数据局',
  [Role.CENTER]: '市大数据应用中心',
  [Role.COUNTY_AUTHORITY]: '县(市、区)电子政务主管部门',
  [Role.USER_UNIT]: '使用单位',
  [Role.PROVIDER]: '定点服务商',
  [Role.MONITOR]: '云服务监测机构',
  [Role.FINANCE]: '财政局',
  [Role.AUDITOR]: '市审计局',
  [Role.CYBERSEC]: '网络安全主管部门',
};

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
  /**
   * The token's `analyst: true` claim: this person may run ad-hoc read-only queries where front
   * ends may run only trusted documents (gateway/src/plugins/trusted-documents.ts). It never
   * widens the scope, which the role and the other claims decide. Subgraphs receive it on query
   * operations only, and answer those from DATABASE_READ_URL when it is set (kit/context.ts).
   */
  readonly analyst?: boolean;
}

/**
 * What part of the city's data a principal may see. Every scoped query and loader turns this
 * into a WHERE clause, so lists, lookups and `_entities` apply the same limits.
 */
export type Scope =
  { kind: 'CITY' } | { kind: 'REGION'; regionCode: string } | { kind: 'UNIT'; unitId: string } | { kind: 'PROVIDER'; providerId: string };

/**
 * The scope a principal's role and claims give it. It never widens: a claim the role needs that is
 * missing, or a region that is not one the role may hold, is refused (401) rather than read as "the
 * whole city". The gateway has already checked the claims against the directory; this is the last
 * line for anything that reaches a subgraph another way.
 */
export function scopeOf(principal: Principal): Scope {
  switch (principal.role) {
    case Role.BUREAU:
    case Role.CENTER:
    case Role.AUDITOR:
    case Role.CYBERSEC:
    case Role.MONITOR:
      return { kind: 'CITY' };
    case Role.COUNTY_AUTHORITY: {
      const regionCode = required(principal, principal.regionCode, 'region');
      if (!isCountyCode(regionCode)) throw refused(principal, `region ${regionCode} 不是县(市、区)区划代码`);
      return { kind: 'REGION', regionCode };
    }
    case Role.FINANCE: {
      // City finance reads the city level's fees; a county's finance bureau its county's.
      const regionCode = required(principal, principal.regionCode, 'region');
      if (!regionByCode(regionCode)) throw refused(principal, `region ${regionCode} 不是滨州市或所辖县(市、区)的区划代码`);
      return regionCode === CITY_REGION_CODE ? { kind: 'CITY' } : { kind: 'REGION', regionCode };
    }
    case Role.USER_UNIT:
      return { kind: 'UNIT', unitId: required(principal, principal.unitId, 'unit') };
    case Role.PROVIDER:
      return { kind: 'PROVIDER', providerId: required(principal, principal.providerId, 'provider') };
    default:
      throw refused(principal, '角色未知');
  }
}

/** Which claims each role's token must carry besides the role. */
export function requiredClaims(role: Role): Array<'region' | 'unit' | 'provider'> {
  switch (role) {
    case Role.COUNTY_AUTHORITY:
    case Role.FINANCE:
      return ['region'];
    case Role.USER_UNIT:
      return ['unit', 'region'];
    case Role.PROVIDER:
      return ['provider'];
    default:
      return [];
  }
}

function required(principal: Principal, value: string | undefined, claim: string): string {
  if (!value) throw refused(principal, `缺少角色所需的声明 ${claim}`);
  return value;
}

function refused(principal: Principal, reason: string): UnauthenticatedError {
  return new UnauthenticatedError(`身份声明无效：${principal.role} ${reason} (the principal's claims do not give it a scope)`);
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.includes(principal.role);
}
