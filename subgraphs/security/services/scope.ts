import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role, type Principal, type Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';

/**
 * Who sees security records (第十八条、第十九条、第二十一条): the bureau, the centre, the
 * cybersecurity authority, the auditor and the monitoring agency the whole city; a county
 * authority its county; a unit its own systems; a provider the systems on its platform. Finance
 * bureaus settle fees and have no business with security records, so they see none.
 */
export function securityScopeOf(principal: Principal, scope: Scope): Scope | null {
  return principal.role === Role.FINANCE ? null : scope;
}

export function scopeSecurityRows<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope | null,
  alias: string,
): SelectQueryBuilder<T> {
  if (!scope) return query.andWhere('FALSE');
  return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id', provider: 'provider_id' });
}
