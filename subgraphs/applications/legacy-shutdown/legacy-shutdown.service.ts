// LEGACY_3M (第十四条): the unit records that its old system was switched off; the centre confirms.
import type { EntityManager } from 'typeorm';
import { ConflictError, RuleViolationError } from '../../kit/errors';
import type { LockTarget, MutationTransaction } from '../../kit/mutation';
import type { Scope } from '../../kit/principal';
import { inScope } from '../../kit/scope-filter';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { changeSystem } from '../systems/system-changes.service';
import { OverdueFlagEntity } from '../todo/overdue-flag.entity';
import { LegacyShutdownEntity } from './legacy-shutdown.entity';
import { assertLegacyShutdown, assertNotConfirmed, type LegacyShutdownClaim } from './legacy-shutdown.rules';

/** The system a shutdown is recorded for, locked; one outside the caller's scope answers NOT_FOUND. */
export function systemTarget(systemId: string, scope: Scope): LockTarget<InformationSystemEntity> {
  return {
    entity: InformationSystemEntity,
    id: systemId,
    what: '政务信息系统',
    field: 'systemId',
    visible: (system) => inScope(scope, system),
  };
}

/**
 * Records (or, before the centre's confirmation, corrects) the day: the system's own date moves with
 * it, which ends the to-do item, and the system's open LEGACY_3M flags go, in time or late (第十四条:
 * the old system is off, nothing is left to chase). A late shutdown stays visible as the record's
 * own lateness (LegacyShutdown.late, daysLate; Application.legacyShutdownLate), from the day itself.
 */
export async function recordLegacyShutdown(
  tx: MutationTransaction,
  system: InformationSystemEntity,
  claim: LegacyShutdownClaim,
): Promise<LegacyShutdownEntity> {
  const repository = tx.manager.getRepository(LegacyShutdownEntity);
  const earlier = await repository.findOneBy({ systemId: system.id });
  assertNotConfirmed(earlier?.confirmedBy ?? null);
  assertLegacyShutdown(claim, system, tx.today);
  const row = repository.create({
    systemId: system.id,
    ...claim,
    recordedBy: tx.principal.subject,
    recordedAt: new Date(),
    confirmedBy: null,
    confirmedAt: null,
    version: (earlier?.version ?? 0) + 1,
  });
  await repository.save(row);
  await changeSystem(tx.manager, system.id, { legacyShutdownOn: claim.shutdownOn });
  await clearFlags(tx.manager, system.id);
  return row;
}

async function clearFlags(manager: EntityManager, systemId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .delete()
    .from(OverdueFlagEntity)
    .where('system_id = :systemId AND rule = :rule', { systemId, rule: 'LEGACY_3M' })
    .execute();
}

/**
 * The centre confirms the unit's record (第五条: the centre supervises operations and migrations),
 * at the version it read when given: one the unit corrected since is a CONFLICT.
 */
export async function confirmLegacyShutdown(
  tx: MutationTransaction,
  system: InformationSystemEntity,
  version: number | null,
): Promise<LegacyShutdownEntity> {
  const repository = tx.manager.getRepository(LegacyShutdownEntity);
  const row = await repository.findOneBy({ systemId: system.id });
  if (!row) throw new RuleViolationError('LEGACY_3M', '使用单位尚未登记原系统关停，没有可确认的记录');
  assertNotConfirmed(row.confirmedBy);
  if (version !== null && version !== row.version) {
    throw new ConflictError(`原系统关停登记已被使用单位更正（您看到的版本为 ${version}，当前版本为 ${row.version}），请刷新后核对再确认`);
  }
  row.confirmedBy = tx.principal.subject;
  row.confirmedAt = new Date();
  return repository.save(row);
}
