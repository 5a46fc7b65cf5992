import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ProviderEvaluationService } from './provider-evaluation.service';

/** The annual evaluation process's loaders (PROVIDER_EVALUATION): one query per batch each. */
export function createProviderEvaluationLoaders(dataSource: DataSource, scope: Scope) {
  const evaluations = new ProviderEvaluationService(dataSource, scope);
  return {
    providerEvaluationById: loaderByKey((ids) => evaluations.byIds(ids), 'id'),
    providerEvaluationPagesByProviderId: evaluations.providerPages(),
    latestProviderEvaluationByProviderId: loaderByKey((providerIds) => evaluations.latestByProviderIds(providerIds), 'providerId'),
    providerEvaluationInputPagesByEvaluationId: evaluations.inputPages(),
    providerEvaluationInputCountsByEvaluationId: loaderByKey((ids) => evaluations.inputCountsByEvaluationIds(ids), 'evaluationId'),
  };
}
