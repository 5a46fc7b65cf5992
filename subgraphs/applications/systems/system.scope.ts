import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PlainJoin } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';
import { InformationSystemEntity } from './information-system.entity';

/*
 * The systems a scope sees (第四条、第五条): counties and units follow the kit's columns. A provider
 * sees the systems it hosts and, so that `Application.system` always resolves for it, the systems of
 * the applications that chose it; an exiting provider also keeps seeing the systems that moved off its
 * platform, whose data it must still clear (EXIT_TRANSITION_3M).
 */
export function scopeSystems<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(
    `(${alias}.provider_id = :scopeProvider
      OR ${alias}.id IN (SELECT a.system_id FROM "applications"."application" a WHERE a.provider_id = :scopeProvider)
      OR ${alias}.id IN (SELECT m.system_id FROM "applications"."system_migration" m WHERE m.provider_id = :scopeProvider))`,
    { scopeProvider: scope.providerId },
  );
}

/** The system a row names in `column` (`system_id`), joined within the systems the scope sees (kit/plain-rows.ts PlainJoin). */
export function systemJoin(scope: Scope, column = 'system_id'): PlainJoin {
  return {
    entity: InformationSystemEntity,
    on: (alias, joined) => `${joined}.id = ${alias}.${column}`,
    scoped: (query, alias) => scopeSystems(query, scope, alias),
  };
}
