import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DisasterRecoveryDrillEntity } from './disaster-recovery-drill.entity';
import type { DrillInput } from './platform.inputs';

/** A provider records a drill of its own platform; the provider is the caller's, never an argument. */
export async function recordDrill(
  manager: EntityManager,
  providerId: string,
  input: DrillInput,
  recordedBy: string,
): Promise<DisasterRecoveryDrillEntity> {
  const drill: DisasterRecoveryDrillEntity = { id: randomUUID(), providerId, ...input, recordedBy, recordedAt: new Date() };
  await manager.getRepository(DisasterRecoveryDrillEntity).insert(drill);
  return drill;
}
