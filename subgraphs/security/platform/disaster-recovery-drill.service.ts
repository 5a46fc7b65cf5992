import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { fetchByIds } from '../../kit/loader-helpers';
import { DisasterRecoveryDrillEntity } from './disaster-recovery-drill.entity';
import { visibleProviderIds, type PlatformAudience } from './platform-audience';
import type { DrillInput } from './platform.inputs';

/** The drills of many providers' platforms in one query, for those the audience may see (第二十条). */
export function drillsOfProviders(
  dataSource: DataSource,
  audience: PlatformAudience,
  providerIds: readonly string[],
): Promise<DisasterRecoveryDrillEntity[]> {
  const query = dataSource.getRepository(DisasterRecoveryDrillEntity).createQueryBuilder('drill');
  return fetchByIds(query, 'drill.provider_id', visibleProviderIds(audience, providerIds));
}

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
