// Reads and writes of a subgraph's replica of information systems (contracts/system-facts.ts), in that
// subgraph's own schema: the security and supervision subgraphs each keep one.
import type { DataSource, EntityManager } from 'typeorm';
import { GovCloudError, NotFoundError } from '../kit/errors';
import { PermanentEffectError, type EffectTask } from '../kit/jobs';
import { insertAll } from '../kit/insert-all';
import { isUuid, wellFormedIds } from '../kit/ids';
import { factsOfSystem, parseSystemFacts, type SystemFacts, type SystemWithFacts } from './system-facts';
import { SystemFactEntity } from './system-fact.entity';

/**
 * Applies one system's facts in one statement, only when their revision is newer than the
 * replica's: a redelivery changes nothing, an older revision arriving late is ignored. True when
 * the replica changed.
 */
export async function upsertSystemFacts(manager: EntityManager, facts: SystemFacts): Promise<boolean> {
  const table = manager.getRepository(SystemFactEntity).metadata.tablePath;
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${table} AS fact
       (system_id, code, name, unit_id, region_code, provider_id, deployment_mode, go_live_on, retired_on,
        is_disaster_recovery, is_standby, revision, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
     ON CONFLICT (system_id) DO UPDATE SET
       code = EXCLUDED.code, name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, region_code = EXCLUDED.region_code,
       provider_id = EXCLUDED.provider_id, deployment_mode = EXCLUDED.deployment_mode, go_live_on = EXCLUDED.go_live_on,
       retired_on = EXCLUDED.retired_on, is_disaster_recovery = EXCLUDED.is_disaster_recovery,
       is_standby = EXCLUDED.is_standby, revision = EXCLUDED.revision, updated_at = now()
     WHERE fact.revision < EXCLUDED.revision
     RETURNING system_id`,
    [
      facts.systemId,
      facts.code,
      facts.name,
      facts.unitId,
      facts.regionCode,
      facts.providerId,
      facts.deploymentMode,
      facts.goLiveOn,
      facts.retiredOn,
      facts.isDisasterRecovery,
      facts.isStandby,
      facts.revision,
    ],
  );
  return rows.length > 0;
}

/** The replica's facts of these systems in one query; systems it does not know are absent. */
export async function systemFactsOf(manager: EntityManager, systemIds: readonly string[]): Promise<Map<string, SystemFactEntity>> {
  const ids = wellFormedIds(systemIds);
  if (ids.length === 0) return new Map();
  const rows = await manager
    .getRepository(SystemFactEntity)
    .createQueryBuilder('fact')
    .where('fact.system_id = ANY(:ids)', { ids })
    .getMany();
  return new Map(rows.map((row) => [row.systemId, row]));
}

/** One system's facts, or NOT_FOUND ("政务信息系统不存在") when the replica does not know it. */
export async function requireSystemFact(manager: EntityManager, systemId: string, lock = false): Promise<SystemFactEntity> {
  if (!isUuid(systemId)) throw new NotFoundError('政务信息系统');
  const fact = await manager
    .getRepository(SystemFactEntity)
    .findOne({ where: { systemId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!fact) throw new NotFoundError('政务信息系统');
  return fact;
}

/**
 * The `<subgraph>.systemChanged` effect: the replica takes the facts unless it holds that revision
 * or a newer one. A malformed payload is refused for good.
 */
export function systemChangedTask(dataSource: DataSource): EffectTask {
  return async (payload) => {
    let facts: SystemFacts;
    try {
      facts = parseSystemFacts(payload);
    } catch (error) {
      throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
    }
    await upsertSystemFacts(dataSource.manager, facts);
  };
}

/** The demo world's systems as the replica's first rows; the applications subgraph seeds each at revision 1. */
export async function seedSystemFacts(manager: EntityManager, systems: readonly SystemWithFacts[], seededAt: Date): Promise<void> {
  await insertAll(
    manager,
    SystemFactEntity,
    // The applications subgraph seeds every system at revision 1.
    systems.map((system) => ({ ...factsOfSystem(system, 1), updatedAt: seededAt })),
  );
}
