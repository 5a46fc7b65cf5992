import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/** Monitoring rows are seen as their systems are (第二十四条): city, county, unit or hosting provider. */
export function scopeMonitoring<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id', provider: 'provider_id' });
}

/**
 * Annual evaluations are for every government role (第二十六条: the bureau and centre evaluate,
 * counties and units rely on them when choosing); a provider sees only its own.
 */
export function scopeEvaluations<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
): SelectQueryBuilder<T> {
  return scope.kind === 'PROVIDER' ? query.andWhere(`${alias}.provider_id = :scopeProvider`, { scopeProvider: scope.providerId }) : query;
}
