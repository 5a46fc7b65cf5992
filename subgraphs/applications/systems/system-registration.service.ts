// Registering a government information system (第三条、第十条、第十一条): a new system built on the
// unified cloud, or an existing one that will migrate onto it, with the designated provider that
// will host it. An application (createApplication) needs the system first. Its facts are published
// in the same transaction, so security and supervision know it (contracts/system-facts.ts).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { factsOfSystem, publishSystemFacts } from '../../contracts/system-facts';
import { BadUserInputError } from '../../kit/errors';
import { parseOptionalId, requireUuid } from '../../kit/ids';
import type { MutationTransaction } from '../../kit/mutation';
import { optionalText, requiredText } from '../../kit/text-input';
import type { RegisterSystemInput } from '../generated/graphql';
import { assertProviderDesignated } from '../lifecycle/draft.service';
import type { DesignationPort } from '../lifecycle/designation-port';
import { registeringUnit } from '../units/registering-unit';
import { InformationSystemEntity } from './information-system.entity';

export interface ParsedSystemRegistration {
  unitId: string | null;
  name: string;
  providerId: string;
  legacySystemName: string | null;
  loadVariesWidely: boolean;
  isDisasterRecovery: boolean;
  isStandby: boolean;
  /** Given exactly when the system is a disaster-recovery or standby system. */
  primarySystemId: string | null;
}

/** A backup system names the production system it backs up, and only a backup names one. */
function backupOf(input: RegisterSystemInput): Pick<ParsedSystemRegistration, 'isDisasterRecovery' | 'isStandby' | 'primarySystemId'> {
  const isDisasterRecovery = input.isDisasterRecovery ?? false;
  const isStandby = input.isStandby ?? false;
  const primarySystemId = parseOptionalId(input.primarySystemId, 'primarySystemId');
  if (isDisasterRecovery && isStandby)
    throw new BadUserInputError('灾备系统（isDisasterRecovery）与备用系统（isStandby）只能选其一', 'isStandby');
  if ((isDisasterRecovery || isStandby) && primarySystemId === null) {
    throw new BadUserInputError('灾备或备用系统须指明所保障的主系统（primarySystemId）', 'primarySystemId');
  }
  if (!isDisasterRecovery && !isStandby && primarySystemId !== null) {
    throw new BadUserInputError('只有灾备或备用系统才指明主系统（primarySystemId）', 'primarySystemId');
  }
  return { isDisasterRecovery, isStandby, primarySystemId };
}

/** The arguments, checked before anything is read (BAD_USER_INPUT naming the field). */
export function parseSystemRegistration(input: RegisterSystemInput): ParsedSystemRegistration {
  return {
    unitId: parseOptionalId(input.unitId, 'unitId'),
    name: requiredText(input.name, 'name', '系统名称', 200),
    providerId: requireUuid(input.providerId, 'providerId'),
    legacySystemName: optionalText(input.legacySystemName, 'legacySystemName', '原系统名称', 200),
    loadVariesWidely: input.loadVariesWidely ?? false,
    ...backupOf(input),
  };
}

/**
 * The code after the unit's existing ones: `S-<the unit's code without its U- prefix>-<two digits or
 * more>`, one above the highest number in use, so a retired system's code is never given again.
 */
export function nextSystemCode(unitCode: string, existingCodes: readonly string[]): string {
  const prefix = `S-${unitCode.replace(/^U-/, '')}-`;
  const highest = existingCodes
    .filter((code) => code.startsWith(prefix) && /^\d+$/.test(code.slice(prefix.length)))
    .reduce((max, code) => Math.max(max, Number(code.slice(prefix.length))), 0);
  return `${prefix}${String(highest + 1).padStart(2, '0')}`;
}

/** The unit's system codes, and whether a system in use (not retired) already has this name. */
async function unitSystems(manager: EntityManager, unitId: string, name: string): Promise<{ codes: string[]; nameTaken: boolean }> {
  const rows: Array<{ code: string; name: string; retired_on: string | null }> = await manager.query(
    `SELECT code, name, retired_on FROM "applications"."information_system" WHERE unit_id = $1`,
    [unitId],
  );
  return { codes: rows.map((row) => row.code), nameTaken: rows.some((row) => row.retired_on === null && row.name === name) };
}

/** The production system a backup backs up: the same unit's, in use, and not a backup itself. */
async function assertPrimarySystem(manager: EntityManager, primarySystemId: string, unitId: string): Promise<void> {
  const primary = await manager.getRepository(InformationSystemEntity).findOneBy({ id: primarySystemId });
  if (!primary || primary.unitId !== unitId)
    throw new BadUserInputError('主系统（primarySystemId）须为本单位的政务信息系统', 'primarySystemId');
  if (primary.retiredOn !== null) throw new BadUserInputError(`主系统「${primary.name}」已于 ${primary.retiredOn} 下线`, 'primarySystemId');
  if (primary.isDisasterRecovery || primary.isStandby) {
    throw new BadUserInputError(`「${primary.name}」本身是灾备或备用系统，不能作为主系统`, 'primarySystemId');
  }
}

export async function registerSystem(
  tx: MutationTransaction,
  input: ParsedSystemRegistration,
  designations: DesignationPort,
): Promise<InformationSystemEntity> {
  const { manager } = tx;
  const unit = await registeringUnit(tx, input.unitId, true);
  const existing = await unitSystems(manager, unit.id, input.name);
  if (existing.nameTaken) throw new BadUserInputError(`本单位已有在用的同名系统「${input.name}」`, 'name');
  if (input.primarySystemId !== null) await assertPrimarySystem(manager, input.primarySystemId, unit.id);
  // Last, after the local checks: the providers subgraph answers whether the provider takes new systems now.
  await assertProviderDesignated(manager, designations, input.providerId, unit.id, tx.today);
  const system = manager.getRepository(InformationSystemEntity).create({
    id: randomUUID(),
    code: nextSystemCode(unit.code, existing.codes),
    name: input.name,
    unitId: unit.id,
    regionCode: unit.regionCode,
    providerId: input.providerId,
    deploymentMode: input.legacySystemName === null ? 'ON_CLOUD' : 'MIGRATING',
    exemptionLegalBasis: null,
    loadVariesWidely: input.loadVariesWidely,
    legacySystemName: input.legacySystemName,
    legacyShutdownOn: null,
    goLiveOn: null,
    retiredOn: null,
    isDisasterRecovery: input.isDisasterRecovery,
    isStandby: input.isStandby,
    primarySystemId: input.primarySystemId,
    revision: 1,
  });
  await manager.getRepository(InformationSystemEntity).insert(system);
  await publishSystemFacts(manager, factsOfSystem(system, system.revision));
  tx.touched(unit.id, input.providerId);
  return manager.getRepository(InformationSystemEntity).findOneByOrFail({ id: system.id });
}
