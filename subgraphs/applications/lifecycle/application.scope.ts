import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/*
 * The applications a scope sees (第四条、第五条): counties and units follow the kit's columns; a
 * provider sees every application that chose it and every application for a system it hosts.
 */
export function scopeApplications<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(
    `(${alias}.provider_id = :scopeProvider
      OR ${alias}.system_id IN (SELECT s.id FROM "applications"."information_system" s WHERE s.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}
