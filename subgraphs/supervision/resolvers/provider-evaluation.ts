// The annual provider evaluation process (PROVIDER_EVALUATION, 第二十六条): the analysts' list of
// scores across years, the steps of the process and the inputs' fields. Each step goes through the
// kit's pipeline (kit/mutation.ts): role, input, the evaluation locked at the caller's version, the
// step, and its audit entry.
import { optionalText } from '../../kit/text-input';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { EvaluationInputKind, ProviderEvaluationInputEntity } from '../entities/provider-evaluation-input.entity';
import { ProviderEvaluationEntity } from '../entities/provider-evaluation.entity';
import type { SupervisionContext } from '../loaders';
import { requireScore } from '../services/evaluation.rules';
import { ProviderEvaluationService, type ProviderEvaluationScoresArgs } from '../services/provider-evaluation.service';
import {
  finalizeEvaluation,
  openEvaluation,
  parseOpening,
  PROVIDER_EVALUATION,
  submitInput,
  type InputFields,
  type StepArgs,
} from '../services/provider-evaluation-workflow.service';

/**
 * The evaluation a step acts on, at the version the caller saw. Every role that takes a step sees
 * every evaluation (only a provider's view is narrowed to its own, and no provider takes a step).
 */
function lockEvaluation(step: StepArgs): LockTarget<ProviderEvaluationEntity> {
  return { entity: ProviderEvaluationEntity, id: step.evaluationId, what: PROVIDER_EVALUATION, version: step.version };
}

function optionalCount(value: number | null | undefined, field: string, label: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(`${label}（${field}）须为非负整数`, field);
  return value;
}

function optionalAmount(value: number | null | undefined, field: string, label: string, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0 || value > max)
    throw new BadUserInputError(`${label}（${field}）须为 0 到 ${max} 之间的数值`, field);
  return value;
}

interface MonitoringInput {
  platformOperationScore: number;
  serviceLevelScore: number;
  availabilityPercent?: number | null;
  incidentCount?: number | null;
  avgResponseMinutes?: number | null;
  complaintCount?: number | null;
  remarks?: string | null;
}

function parseMonitoringInput(input: MonitoringInput): InputFields {
  return {
    platformOperationScore: requireScore(input.platformOperationScore, 'platformOperationScore', '云平台整体运行状况得分'),
    serviceLevelScore: requireScore(input.serviceLevelScore, 'serviceLevelScore', '服务水平得分'),
    availabilityPercent: optionalAmount(input.availabilityPercent, 'availabilityPercent', '可用率', 100),
    incidentCount: optionalCount(input.incidentCount, 'incidentCount', '事件数'),
    avgResponseMinutes: optionalAmount(input.avgResponseMinutes, 'avgResponseMinutes', '平均响应时间', 99_999_999),
    complaintCount: optionalCount(input.complaintCount, 'complaintCount', '投诉数'),
    remarks: optionalText(input.remarks, 'remarks', '评价意见', 2000),
  };
}

type ScoreArgs = StepArgs & { score: number; remarks?: string | null };

const SCORE_FIELDS: Record<Exclude<EvaluationInputKind, 'MONITORING'>, { field: keyof InputFields; label: string }> = {
  SECURITY: { field: 'securityScore', label: '安全监控得分' },
  OPERATIONS_MANAGEMENT: { field: 'operationsManagementScore', label: '运营管理得分' },
  SERVICE_QUALITY: { field: 'serviceQualityScore', label: '服务质量评分' },
};

/** A one-score input (security, operations management, a unit's rating) by the one role that gives it. */
function scoreMutation(kind: keyof typeof SCORE_FIELDS, role: Role) {
  const { field, label } = SCORE_FIELDS[kind];
  return mutation({
    roles: [role],
    input: (args: ScoreArgs) => ({
      evaluationId: args.evaluationId,
      version: args.version,
      fields: {
        [field]: requireScore(args.score, 'score', label),
        remarks: optionalText(args.remarks, 'remarks', '评价意见', 2000),
      } as InputFields,
    }),
    lock: lockEvaluation,
    run: (tx, input, evaluation) => {
      // A unit rates for itself: its scope names it.
      const unitId = kind === 'SERVICE_QUALITY' && tx.scope.kind === 'UNIT' ? tx.scope.unitId : null;
      return submitInput(tx.manager, evaluation, { kind, unitId, fields: input.fields }, tx.principal);
    },
  });
}

export const providerEvaluationResolvers = {
  Query: {
    providerEvaluationScores: (_: unknown, args: ProviderEvaluationScoresArgs, ctx: SupervisionContext) =>
      new ProviderEvaluationService(ctx.dataSource, ctx.scope).scoresAcrossYears(args),
  },

  Mutation: {
    openProviderEvaluation: mutation({
      roles: [Role.BUREAU],
      input: (args: { providerId: string; year: number }) => parseOpening(args, todayInChina()),
      targets: (input) => [input.providerId],
      run: (tx, input) => openEvaluation(tx.manager, input, tx.principal, tx.today),
    }),
    submitMonitoringEvaluationScores: mutation({
      roles: [Role.MONITOR],
      input: (args: StepArgs & { input: MonitoringInput }) => ({
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
      input: (args: StepArgs & { remarks: string }) => {
        const remarks = optionalText(args.remarks, 'remarks', '评价意见', 2000);
        if (!remarks) throw new BadUserInputError('定稿须填写评价意见（remarks）', 'remarks');
        return { evaluationId: args.evaluationId, version: args.version, remarks };
      },
      lock: lockEvaluation,
      run: (tx, input, evaluation) => finalizeEvaluation(tx.manager, evaluation, input.remarks, tx.principal, tx.today),
    }),
  },

  ProviderEvaluationInput: {
    unit: (input: ProviderEvaluationInputEntity) => (input.unitId ? { id: input.unitId } : null),
    submittedAt: (input: ProviderEvaluationInputEntity) => input.submittedAt.toISOString(),
  },
};
