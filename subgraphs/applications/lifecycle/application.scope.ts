import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/*
 * The applications a scope sees (第四条、第五条): counties and units follow the kit's columns; a
 * provider sees the applications that chose it (its own platform only, DOMAIN.md). Not those that
 * chose another provider for a system it hosts: a unit's draft, contacts, resources and materials
 * for a competitor are not its business; the move itself reaches it as a system migration.
 */
export function scopeApplications<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(`${alias}.provider_id = :scopeProvider`, { scopeProvider: scope.providerId });
}
