import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ProviderEvaluationService } from './provider-evaluation.service';

/** The annual evaluation process's loaders (PROVIDER_EVALUATION): one query per batch each. */
export function createProviderEvaluationLoaders(dataSource: DataSource, scope: Scope) {
  const evaluations = new ProviderEvaluationService(dataSource, scope);
  return {
    providerEvaluationById: loaderByKey((ids) => evaluations.byIds(ids), 'id'),
    providerEvaluationsByProviderId: loaderOfGroups((providerIds) => evaluations.byProviderIds(providerIds), 'providerId'),
    providerEvaluationInputsByEvaluationId: loaderOfGroups((ids) => evaluations.inputsByEvaluationIds(ids), 'evaluationId'),
    providerEvaluationInputCountsByEvaluationId: loaderByKey((ids) => evaluations.inputCountsByEvaluationIds(ids), 'evaluationId'),
  };
}
