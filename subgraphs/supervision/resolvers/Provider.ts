import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import type { ProviderEvaluationEntity } from '../entities/provider-evaluation.entity';
import type { SupervisionContext } from '../loaders';

interface ProviderReference {
  id: string;
}

/** The latest finalized evaluation: an open one has no result yet. */
function latest(evaluations: readonly ProviderEvaluationEntity[]): ProviderEvaluationEntity | null {
  return evaluations.reduce<ProviderEvaluationEntity | null>(
    (best, evaluation) => (evaluation.status === 'FINALIZED' && (!best || evaluation.year > best.year) ? evaluation : best),
    null,
  );
}

/** The providers subgraph owns Provider; here it gains its annual evaluations (第二十六条). */
export const Provider = {
  __resolveReference: (reference: ProviderReference): ProviderReference => ({ id: reference.id }),
  evaluations: async (provider: ProviderReference, args: ConnectionArgs, ctx: SupervisionContext) =>
    connectionFromArray(await ctx.loaders.providerEvaluationsByProviderId.load(provider.id), args, (evaluation) => String(evaluation.year)),
  // Same batch as `evaluations`: both read the provider's evaluations once per request.
  latestEvaluation: async (provider: ProviderReference, _: unknown, ctx: SupervisionContext) =>
    latest(await ctx.loaders.providerEvaluationsByProviderId.load(provider.id)),
};
