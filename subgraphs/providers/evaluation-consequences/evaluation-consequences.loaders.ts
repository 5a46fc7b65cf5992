import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import { disqualificationsByExitIds, rectificationsByProviderIds } from './evaluation-consequence.service';

/** PROVIDER_EVALUATION's consequences, public like the providers they concern: one query per batch each. */
export function createEvaluationConsequencesLoaders(dataSource: DataSource) {
  return {
    rectificationsByProviderId: loaderOfGroups((ids) => rectificationsByProviderIds(dataSource, ids), 'providerId'),
    disqualificationByExitId: loaderByKey((ids) => disqualificationsByExitIds(dataSource, ids), 'exitId'),
  };
}
