import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { ProviderEvaluationEntity } from './provider-evaluation.entity';
import { weightedTotalScore } from './provider-evaluation.rules';

/** The world's provider evaluations, their total recomputed with this subgraph's weights. */
export async function seedProviderEvaluations(manager: EntityManager, world: World): Promise<void> {
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
  await insertAll(manager, ProviderEvaluationEntity, evaluations);
}
