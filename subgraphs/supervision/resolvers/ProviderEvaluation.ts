import type { ProviderEvaluationEntity } from '../entities/provider-evaluation.entity';
import type { SupervisionContext } from '../loaders';

export const ProviderEvaluation = {
  __resolveReference: (reference: { id: string }, ctx: SupervisionContext) => ctx.loaders.providerEvaluationById.load(reference.id),
  provider: (evaluation: ProviderEvaluationEntity) => ({ id: evaluation.providerId }),
};
