import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { WORLD_TODAY } from '../../seed/world/types';
import { insertAll } from '../kit/insert-all';
import { seedSystemFacts } from '../contracts/system-facts-replica';
import { MonitoringDailyEntity } from './entities/monitoring-daily.entity';
import { ProviderEvaluationEntity } from './entities/provider-evaluation.entity';
import { buildMonitoringSample } from './monitoring-sample';
import { seedUnitPerformance } from './seed-unit-performance';
import { weightedTotalScore } from './services/evaluation.rules';

/**
 * Loads the replica of the world's systems, its provider evaluations (total recomputed with this
 * subgraph's weights) and a small deterministic monitoring sample, in one transaction.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
  const evaluations: ProviderEvaluationEntity[] = world.providerEvaluations.map((evaluation) => ({
    id: evaluation.id,
    providerId: evaluation.providerId,
    year: evaluation.year,
    platformOperationScore: evaluation.platformOperation,
    securityScore: evaluation.security,
    operationsManagementScore: evaluation.operationsManagement,
    serviceLevelScore: evaluation.serviceLevel,
    serviceQualityScore: evaluation.serviceQuality,
    totalScore: weightedTotalScore(evaluation),
    grade: evaluation.grade,
    evaluatedOn: evaluation.evaluatedOn,
    rectificationDueOn: evaluation.rectificationDueOn,
    rectifiedOn: evaluation.rectifiedOn,
    remarks: evaluation.remarks,
    // Recorded before this system: finalized, opened and evaluated the same day, by nobody it knows.
    status: 'FINALIZED',
    version: 1,
    openedOn: evaluation.evaluatedOn,
    openedBy: null,
    finalizedBy: null,
  }));
  const monitoring: MonitoringDailyEntity[] = buildMonitoringSample(world.systems, WORLD_TODAY);
  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await insertAll(manager, ProviderEvaluationEntity, evaluations);
    await insertAll(manager, MonitoringDailyEntity, monitoring);
    // Last: it scores the replica and roll-ups inserted above.
    await seedUnitPerformance(manager, world);
  });
}
