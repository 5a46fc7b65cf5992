// The provider evaluation steps' arguments, checked before the pipeline locks anything (BAD_USER_INPUT).
import { BadUserInputError } from '../../kit/errors';
import { optionalText } from '../../kit/text-input';
import type {
  MonitoringEvaluationInput,
  MutationFinalizeProviderEvaluationArgs,
  MutationSubmitSecurityEvaluationScoreArgs,
  ProviderEvaluationInputKind,
} from '../generated/graphql';
import type { InputFields } from './provider-evaluation-workflow.service';
import { requireScore } from './provider-evaluation.rules';

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

export function parseMonitoringInput(input: MonitoringEvaluationInput): InputFields {
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

export const SCORE_FIELDS: Record<Exclude<ProviderEvaluationInputKind, 'MONITORING'>, { field: keyof InputFields; label: string }> = {
  SECURITY: { field: 'securityScore', label: '安全监控得分' },
  OPERATIONS_MANAGEMENT: { field: 'operationsManagementScore', label: '运营管理得分' },
  SERVICE_QUALITY: { field: 'serviceQualityScore', label: '服务质量评分' },
};

/** A one-score input's fields: the score under its kind's field, and the remarks (the three steps take the same arguments). */
export function parseScoreInput(kind: keyof typeof SCORE_FIELDS, args: MutationSubmitSecurityEvaluationScoreArgs) {
  const { field, label } = SCORE_FIELDS[kind];
  return {
    evaluationId: args.evaluationId,
    version: args.version,
    fields: {
      [field]: requireScore(args.score, 'score', label),
      remarks: optionalText(args.remarks, 'remarks', '评价意见', 2000),
    } as InputFields,
  };
}

/** Finalizing needs remarks: the published result says why. */
export function parseFinalization(args: MutationFinalizeProviderEvaluationArgs) {
  const remarks = optionalText(args.remarks, 'remarks', '评价意见', 2000);
  if (!remarks) throw new BadUserInputError('定稿须填写评价意见（remarks）', 'remarks');
  return { evaluationId: args.evaluationId, version: args.version, remarks };
}
