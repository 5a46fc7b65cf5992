import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/*
 * What each scope sees in this subgraph (第四条、第五条). Counties and units follow the kit's
 * columns. A provider sees the systems it hosts and every application that chose it — and, so that
 * `Application.system` and `InformationSystem.owner` always resolve for it, the systems those
 * applications are for and the units that own what it sees. An exiting provider also keeps seeing
 * the systems that moved off its platform, whose data it must still clear (EXIT_TRANSITION_3M).
 */

const SYSTEMS = '"applications"."information_system"';
const APPLICATIONS = '"applications"."application"';
const MIGRATIONS = '"applications"."system_migration"';

export function scopeUnits<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'id' });
  return query.andWhere(
    `(${alias}.id IN (SELECT s.unit_id FROM ${SYSTEMS} s WHERE s.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT a.unit_id FROM ${APPLICATIONS} a WHERE a.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT m.unit_id FROM ${MIGRATIONS} m WHERE m.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}

export function scopeSystems<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(
    `(${alias}.provider_id = :scopeProvider
      OR ${alias}.id IN (SELECT a.system_id FROM ${APPLICATIONS} a WHERE a.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT m.system_id FROM ${MIGRATIONS} m WHERE m.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}

export function scopeApplications<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(
    `(${alias}.provider_id = :scopeProvider
      OR ${alias}.system_id IN (SELECT s.id FROM ${SYSTEMS} s WHERE s.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}
