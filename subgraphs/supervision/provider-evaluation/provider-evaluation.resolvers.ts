// The annual provider evaluation process (PROVIDER_EVALUATION, 第二十六条): the lists, the steps of
// the process and the fields added to Provider. Each step goes through the kit's pipeline
// (kit/mutation.ts): role, input, the evaluation locked at the caller's version, the step, and its
// audit entry.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type {
  MutationOpenProviderEvaluationArgs,
  MutationSubmitMonitoringEvaluationScoresArgs,
  MutationSubmitSecurityEvaluationScoreArgs,
  Resolvers,
} from '../generated/graphql';
import type { SupervisionContext } from '../loaders';
import { parseFinalization, parseMonitoringInput, parseScoreInput } from './provider-evaluation.inputs';
import { ProviderEvaluationEntity } from './provider-evaluation.entity';
import { missingInputs } from './provider-evaluation.rules';
import { ProviderEvaluationService } from './provider-evaluation.service';
import {
  finalizeEvaluation,
  openEvaluation,
  parseOpening,
  PROVIDER_EVALUATION,
  submitInput,
  type StepArgs,
} from './provider-evaluation-workflow.service';

/**
 * The evaluation a step acts on, at the version the caller saw. Every role that takes a step sees
 * every evaluation (only a provider's view is narrowed to its own, and no provider takes a step).
 */
function lockEvaluation(step: StepArgs): LockTarget<ProviderEvaluationEntity> {
  return { entity: ProviderEvaluationEntity, id: step.evaluationId, what: PROVIDER_EVALUATION, version: step.version };
}

/** A one-score input (security, operations management, a unit's rating) by the one role that gives it. */
function scoreMutation(kind: Parameters<typeof parseScoreInput>[0], role: Role) {
  return mutation({
    roles: [role],
    input: (args: MutationSubmitSecurityEvaluationScoreArgs) => parseScoreInput(kind, args),
    lock: lockEvaluation,
    run: (tx, input, evaluation) => {
      // A unit rates for itself: its scope names it.
      const unitId = kind === 'SERVICE_QUALITY' && tx.scope.kind === 'UNIT' ? tx.scope.unitId : null;
      return submitInput(tx.manager, evaluation, { kind, unitId, fields: input.fields }, tx.principal);
    },
  });
}

const serviceOf = (ctx: SupervisionContext) => new ProviderEvaluationService(ctx.dataSource, ctx.scope);

export const providerEvaluationResolvers = {
  Query: {
    providerEvaluations: (_, args, ctx) => serviceOf(ctx).list(args),
    providerEvaluation: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.providerEvaluationById.load(key)),
    providerEvaluationScores: (_, args, ctx) => serviceOf(ctx).scoresAcrossYears(args),
  },

  Mutation: {
    openProviderEvaluation: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationOpenProviderEvaluationArgs) => parseOpening(args, todayInChina()),
      targets: (input) => [input.providerId],
      run: (tx, input) => openEvaluation(tx.manager, input, tx.principal, tx.today),
    }),
    submitMonitoringEvaluationScores: mutation({
      roles: [Role.MONITOR],
      input: (args: MutationSubmitMonitoringEvaluationScoresArgs) => ({
        evaluationId: args.evaluationId,
        version: args.version,
        fields: parseMonitoringInput(args.input),
      }),
      lock: lockEvaluation,
      run: (tx, input, evaluation) =>
        submitInput(tx.manager, evaluation, { kind: 'MONITORING', unitId: null, fields: input.fields }, tx.principal),
    }),
    submitSecurityEvaluationScore: scoreMutation('SECURITY', Role.CYBERSEC),
    scoreOperationsManagement: scoreMutation('OPERATIONS_MANAGEMENT', Role.BUREAU),
    submitServiceQualityRating: scoreMutation('SERVICE_QUALITY', Role.USER_UNIT),
    finalizeProviderEvaluation: mutation({
      roles: [Role.BUREAU],
      input: parseFinalization,
      lock: lockEvaluation,
      run: (tx, input, evaluation) => finalizeEvaluation(tx.manager, evaluation, input.remarks, tx.principal, tx.today),
    }),
  },

  ProviderEvaluation: {
    __resolveReference: (reference, ctx) => ctx.loaders.providerEvaluationById.load(reference.id),
    provider: (evaluation) => ({ id: evaluation.providerId }),
    // Counted without scope: what is missing is everyone's business, who rated is not.
    missingInputs: async (evaluation, _, ctx) => {
      if (evaluation.status === 'FINALIZED') return [];
      const counts = await ctx.loaders.providerEvaluationInputCountsByEvaluationId.load(evaluation.id);
      return missingInputs(Object.keys(counts?.counts ?? {}));
    },
    serviceQualityRatingCount: async (evaluation, _, ctx) =>
      (await ctx.loaders.providerEvaluationInputCountsByEvaluationId.load(evaluation.id))?.counts.SERVICE_QUALITY ?? 0,
    inputs: (evaluation, args, ctx) => ctx.loaders.providerEvaluationInputPagesByEvaluationId.load(childPage(evaluation.id, args)),
  },

  ProviderEvaluationInput: {
    unit: (input) => (input.unitId ? { id: input.unitId } : null),
  },

  /** The providers subgraph owns Provider; here it gains its annual evaluations (第二十六条). */
  Provider: {
    __resolveReference: (reference) => ({ id: reference.id }),
    evaluations: (provider, args, ctx) => ctx.loaders.providerEvaluationPagesByProviderId.load(childPage(provider.id, args)),
    // The latest finalized evaluation: an open one has no result yet.
    latestEvaluation: (provider, _, ctx) => ctx.loaders.latestProviderEvaluationByProviderId.load(provider.id),
  },
} satisfies Resolvers;
