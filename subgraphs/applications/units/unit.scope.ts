import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PlainJoin } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';
import { UnitEntity } from './unit.entity';

/*
 * The units a scope sees (第四条、第五条): counties and units follow the kit's columns; a provider
 * sees the units that own what it sees (systems it hosts, applications that chose it, systems that
 * moved off its platform), so that `InformationSystem.owner` always resolves for it.
 */
export function scopeUnits<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'id' });
  return query.andWhere(
    `(${alias}.id IN (SELECT s.unit_id FROM "applications"."information_system" s WHERE s.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT a.unit_id FROM "applications"."application" a WHERE a.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT m.unit_id FROM "applications"."system_migration" m WHERE m.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}

/** The unit a row names in `column` (`unit_id`), joined within the units the scope sees (kit/plain-rows.ts PlainJoin). */
export function unitJoin(scope: Scope, column = 'unit_id'): PlainJoin {
  return {
    entity: UnitEntity,
    on: (alias, joined) => `${joined}.id = ${alias}.${column}`,
    scoped: (query, alias) => scopeUnits(query, scope, alias),
  };
}
