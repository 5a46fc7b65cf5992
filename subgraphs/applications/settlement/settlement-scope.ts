// Who sees which settlements and lines (第五条、第十六条): the bureau, the centre and the audit
// bureau every one; a county authority its county's; the finance bureau of a level that level's
// (city finance the city's, a county's finance its county's); a unit its own lines and a provider
// its own, in the settlements that have them. Cybersecurity and monitoring see none.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role, type Principal } from '../../kit/principal';

export type SettlementScope =
  | { kind: 'ALL' }
  | { kind: 'LEVEL'; regionCode: string }
  | { kind: 'UNIT'; unitId: string }
  | { kind: 'PROVIDER'; providerId: string }
  | { kind: 'NONE' };

export function settlementScopeOf(principal: Principal): SettlementScope {
  switch (principal.role) {
    case Role.BUREAU:
    case Role.CENTER:
    case Role.AUDITOR:
      return { kind: 'ALL' };
    case Role.COUNTY_AUTHORITY:
      return principal.regionCode ? { kind: 'LEVEL', regionCode: principal.regionCode } : { kind: 'NONE' };
    case Role.FINANCE:
      // A finance bureau without its level sees nothing, never the city's (scopeOf refuses it anyway).
      return principal.regionCode ? { kind: 'LEVEL', regionCode: principal.regionCode } : { kind: 'NONE' };
    case Role.USER_UNIT:
      return principal.unitId ? { kind: 'UNIT', unitId: principal.unitId } : { kind: 'NONE' };
    case Role.PROVIDER:
      return principal.providerId ? { kind: 'PROVIDER', providerId: principal.providerId } : { kind: 'NONE' };
    case Role.CYBERSEC:
    case Role.MONITOR:
      return { kind: 'NONE' };
  }
}

/** Lines the scope sees (alias of settlement_line). */
export function scopeLines<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: SettlementScope, alias: string) {
  switch (scope.kind) {
    case 'ALL':
      return query;
    case 'LEVEL':
      return query.andWhere(`${alias}.region_code = :scopeLevel`, { scopeLevel: scope.regionCode });
    case 'UNIT':
      return query.andWhere(`${alias}.unit_id = :scopeUnit`, { scopeUnit: scope.unitId });
    case 'PROVIDER':
      return query.andWhere(`${alias}.provider_id = :scopeProvider`, { scopeProvider: scope.providerId });
    case 'NONE':
      return query.andWhere('FALSE');
  }
}

/**
 * A settlement's totals per provider (alias of settlement_provider_total) the scope sees whole: all,
 * a level's, a provider's own. A unit sees only its own lines of a provider, so no stored total is
 * its: it sums its lines (scopeLines), and this refuses its scope.
 */
export function scopeProviderTotals<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: SettlementScope, alias: string) {
  switch (scope.kind) {
    case 'ALL':
      return query;
    case 'LEVEL':
      return query.andWhere(
        `${alias}.settlement_id IN (SELECT s.id FROM "applications"."settlement" s WHERE s.region_code = :scopeLevel)`,
        {
          scopeLevel: scope.regionCode,
        },
      );
    case 'PROVIDER':
      return query.andWhere(`${alias}.provider_id = :scopeProvider`, { scopeProvider: scope.providerId });
    case 'UNIT':
      throw new Error('scopeProviderTotals: a unit sees its own lines only; sum them with scopeLines');
    case 'NONE':
      return query.andWhere('FALSE');
  }
}

/** Settlements the scope sees (alias of settlement): a unit or provider those with a line of its own. */
export function scopeSettlements<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: SettlementScope, alias: string) {
  const hasLine = (column: string) =>
    `EXISTS (SELECT 1 FROM "applications"."settlement_line" own WHERE own.settlement_id = ${alias}.id AND own.${column} = :scopeParty)`;
  switch (scope.kind) {
    case 'ALL':
      return query;
    case 'LEVEL':
      return query.andWhere(`${alias}.region_code = :scopeLevel`, { scopeLevel: scope.regionCode });
    case 'UNIT':
      return query.andWhere(hasLine('unit_id'), { scopeParty: scope.unitId });
    case 'PROVIDER':
      return query.andWhere(hasLine('provider_id'), { scopeParty: scope.providerId });
    case 'NONE':
      return query.andWhere('FALSE');
  }
}

/** Whether the scope sees a whole level's settlement (every line), rather than only its own lines. */
export function seesWholeSettlement(scope: SettlementScope, regionCode: string): boolean {
  return scope.kind === 'ALL' || (scope.kind === 'LEVEL' && scope.regionCode === regionCode);
}
