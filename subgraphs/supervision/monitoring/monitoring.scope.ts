import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/** Monitoring rows are seen as their systems are (第二十四条): city, county, unit or hosting provider. */
export function scopeMonitoring<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id', provider: 'provider_id' });
}
