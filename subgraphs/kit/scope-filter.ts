import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from './principal';

/** Which columns of an entity tie a row to a region, a unit or a provider. */
export interface ScopeColumns {
  region?: string;
  unit?: string;
  provider?: string;
}

/**
 * Narrows a query to what the scope may see. A row with no column for the scope's kind is not
 * visible to it: a unit sees nothing it is not tied to. Used by lists and loaders alike, so
 * `_entities` cannot reach past it.
 */
export function applyScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
  columns: ScopeColumns,
): SelectQueryBuilder<T> {
  switch (scope.kind) {
    case 'CITY':
      return query;
    case 'REGION':
      return columns.region
        ? query.andWhere(`${alias}.${columns.region} = :scopeRegion`, { scopeRegion: scope.regionCode })
        : query.andWhere('FALSE');
    case 'UNIT':
      return columns.unit ? query.andWhere(`${alias}.${columns.unit} = :scopeUnit`, { scopeUnit: scope.unitId }) : query.andWhere('FALSE');
    case 'PROVIDER':
      return columns.provider
        ? query.andWhere(`${alias}.${columns.provider} = :scopeProvider`, { scopeProvider: scope.providerId })
        : query.andWhere('FALSE');
  }
}

/**
 * For records about a provider that every government role may read while a provider reads only its
 * own: its annual evaluations (第二十六条: the bureau and centre evaluate, counties and units rely on
 * them when choosing) and its platform's security profile (第七条: a qualification anyone choosing
 * a provider may check).
 */
export function applyProviderRecordScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope,
  alias: string,
  providerColumn = 'provider_id',
): SelectQueryBuilder<T> {
  return scope.kind === 'PROVIDER'
    ? query.andWhere(`${alias}.${providerColumn} = :scopeProvider`, { scopeProvider: scope.providerId })
    : query;
}

/** The same test for one loaded row, for checks in services. */
export function inScope(scope: Scope, row: { regionCode?: string | null; unitId?: string | null; providerId?: string | null }): boolean {
  switch (scope.kind) {
    case 'CITY':
      return true;
    case 'REGION':
      return row.regionCode === scope.regionCode;
    case 'UNIT':
      return row.unitId === scope.unitId;
    case 'PROVIDER':
      return row.providerId === scope.providerId;
  }
}
