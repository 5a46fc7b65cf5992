import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import type { ProviderEvaluationInputEntity } from '../entities/provider-evaluation-input.entity';
import type { ProviderEvaluationEntity } from '../entities/provider-evaluation.entity';
import type { SupervisionContext } from '../loaders';
import { missingInputs } from '../services/evaluation.rules';

const submitted = (input: ProviderEvaluationInputEntity) => input.submittedAt.toISOString();

export const ProviderEvaluation = {
  __resolveReference: (reference: { id: string }, ctx: SupervisionContext) => ctx.loaders.providerEvaluationById.load(reference.id),
  provider: (evaluation: ProviderEvaluationEntity) => ({ id: evaluation.providerId }),

  // Counted without scope: what is missing is everyone's business, who rated is not.
  missingInputs: async (evaluation: ProviderEvaluationEntity, _: unknown, ctx: SupervisionContext) => {
    if (evaluation.status === 'FINALIZED') return [];
    const counts = await ctx.loaders.providerEvaluationInputCountsByEvaluationId.load(evaluation.id);
    return missingInputs(Object.keys(counts?.counts ?? {}));
  },
  serviceQualityRatingCount: async (evaluation: ProviderEvaluationEntity, _: unknown, ctx: SupervisionContext) =>
    (await ctx.loaders.providerEvaluationInputCountsByEvaluationId.load(evaluation.id))?.counts.SERVICE_QUALITY ?? 0,

  inputs: async (evaluation: ProviderEvaluationEntity, args: ConnectionArgs, ctx: SupervisionContext) =>
    connectionFromArray(await ctx.loaders.providerEvaluationInputsByEvaluationId.load(evaluation.id), args, submitted),
};
