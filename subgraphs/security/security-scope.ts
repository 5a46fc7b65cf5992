import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../kit/errors';
import type { LockTarget } from '../kit/mutation';
import { Role, type Principal, type Scope } from '../kit/principal';
import { applyScope, inScope } from '../kit/scope-filter';
import { SystemFactEntity } from '../contracts/system-fact.entity';

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

type ScopedRow = { regionCode?: string | null; unitId?: string | null; providerId?: string | null };

/**
 * The same rule as scopeSecurityRows for one loaded row: a mutation's `visible`, so a record the
 * caller cannot read answers NOT_FOUND exactly like a missing one.
 */
export function seesSecurityRow(principal: Principal, scope: Scope, row: ScopedRow): boolean {
  const recordScope = securityScopeOf(principal, scope);
  return recordScope !== null && inScope(recordScope, row);
}

/** A system named by a mutation's input that the caller cannot see is answered like a missing one. */
export function requireSystemsInScope(principal: Principal, scope: Scope, systems: readonly ScopedRow[]): void {
  if (systems.some((system) => !seesSecurityRow(principal, scope, system))) throw new NotFoundError('政务信息系统');
}

/**
 * A mutation that writes for one system locks the system's replica row, so two writes on that system
 * take turns; one the caller cannot see is NOT_FOUND, like a system the replica does not know.
 */
export function systemLock(principal: Principal, scope: Scope, systemId: string): LockTarget<SystemFactEntity> {
  return {
    entity: SystemFactEntity,
    id: systemId,
    what: '政务信息系统',
    visible: (system) => seesSecurityRow(principal, scope, system),
  };
}
