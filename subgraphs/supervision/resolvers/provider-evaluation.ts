// The annual provider evaluation process (PROVIDER_EVALUATION, 第二十六条): the analysts' list of
// scores across years, the steps of the process and the inputs' fields. Each mutation checks the
// role first, then the input, then runs the step in one transaction.
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError, ForbiddenError } from '../../kit/errors';
import { Role, type Principal } from '../../kit/principal';
import type { EvaluationInputKind, ProviderEvaluationInputEntity } from '../entities/provider-evaluation-input.entity';
import type { SupervisionContext } from '../loaders';
import { requireScore } from '../services/evaluation.rules';
import { ProviderEvaluationService, type ProviderEvaluationScoresArgs } from '../services/provider-evaluation.service';
import {
  finalizeEvaluation,
  openEvaluation,
  submitInput,
  type InputFields,
  type StepArgs,
} from '../services/provider-evaluation-workflow.service';

function requireRole(principal: Principal, role: Role): void {
  if (principal.role !== role) throw new ForbiddenError();
}

/** Optional free text: trimmed, at most 2000 characters, empty means none. */
function optionalText(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const text = value.trim();
  if (text.length > 2000) throw new BadUserInputError(`${field} 最多 2000 个字符`, field);
  return text.length > 0 ? text : null;
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
    remarks: optionalText(input.remarks, 'remarks'),
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
  return (_: unknown, args: ScoreArgs, ctx: SupervisionContext) => {
    requireRole(ctx.principal, role);
    const { field, label } = SCORE_FIELDS[kind];
    const fields: InputFields = { [field]: requireScore(args.score, 'score', label), remarks: optionalText(args.remarks, 'remarks') };
    const unitId = kind === 'SERVICE_QUALITY' ? ctx.principal.unitId! : null;
    return inTransaction(ctx.dataSource, (manager) => submitInput(manager, args, { kind, unitId, fields }, ctx.principal));
  };
}

export const providerEvaluationResolvers = {
  Query: {
    providerEvaluationScores: (_: unknown, args: ProviderEvaluationScoresArgs, ctx: SupervisionContext) =>
      new ProviderEvaluationService(ctx.dataSource, ctx.scope).scoresAcrossYears(args),
  },

  Mutation: {
    openProviderEvaluation: (_: unknown, args: { providerId: string; year: number }, ctx: SupervisionContext) => {
      requireRole(ctx.principal, Role.BUREAU);
      return inTransaction(ctx.dataSource, (manager) => openEvaluation(manager, args, ctx.principal, todayInChina()));
    },
    submitMonitoringEvaluationScores: (_: unknown, args: StepArgs & { input: MonitoringInput }, ctx: SupervisionContext) => {
      requireRole(ctx.principal, Role.MONITOR);
      const fields = parseMonitoringInput(args.input);
      return inTransaction(ctx.dataSource, (manager) =>
        submitInput(manager, args, { kind: 'MONITORING', unitId: null, fields }, ctx.principal),
      );
    },
    submitSecurityEvaluationScore: scoreMutation('SECURITY', Role.CYBERSEC),
    scoreOperationsManagement: scoreMutation('OPERATIONS_MANAGEMENT', Role.BUREAU),
    submitServiceQualityRating: scoreMutation('SERVICE_QUALITY', Role.USER_UNIT),
    finalizeProviderEvaluation: (_: unknown, args: StepArgs & { remarks: string }, ctx: SupervisionContext) => {
      requireRole(ctx.principal, Role.BUREAU);
      const remarks = optionalText(args.remarks, 'remarks');
      if (!remarks) throw new BadUserInputError('定稿须填写评价意见（remarks）', 'remarks');
      return inTransaction(ctx.dataSource, (manager) => finalizeEvaluation(manager, { ...args, remarks }, ctx.principal, todayInChina()));
    },
  },

  ProviderEvaluationInput: {
    unit: (input: ProviderEvaluationInputEntity) => (input.unitId ? { id: input.unitId } : null),
    submittedAt: (input: ProviderEvaluationInputEntity) => input.submittedAt.toISOString(),
  },
};
