import { FIRST_POLICY_YEAR } from '../../kit/dates';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import { PROVIDER_EVALUATION_GRADE_MINIMUMS, PROVIDER_EVALUATION_WEIGHTS } from '../../contracts/local-choices';

/** The five aspects of a provider's service that 第二十五条 supervises, each scored 0–100. */
export interface EvaluationScores {
  platformOperation: number;
  security: number;
  operationsManagement: number;
  serviceLevel: number;
  serviceQuality: number;
}

/**
 * Weights of the annual evaluation's total (PROVIDER_EVALUATION, 第二十六条): a local choice, not the
 * policy's figure (contracts/local-choices.ts). They sum to 1, and the schema's description of
 * `totalScore` states them.
 */
export const EVALUATION_WEIGHTS: Readonly<EvaluationScores> = PROVIDER_EVALUATION_WEIGHTS;

const ASPECTS = Object.keys(EVALUATION_WEIGHTS) as Array<keyof EvaluationScores>;

/** The weighted total, rounded to two decimals (as stored). Each score must lie in 0–100. */
export function weightedTotalScore(scores: EvaluationScores): number {
  let hundredths = 0;
  for (const aspect of ASPECTS) {
    const score = scores[aspect];
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      throw new BadUserInputError(`评价得分 ${aspect} 须在 0 到 100 之间`, aspect);
    }
    // Weights in hundredths keep the sum exact before the single rounding.
    hundredths += score * Math.round(EVALUATION_WEIGHTS[aspect] * 100);
  }
  return Math.round(hundredths) / 100;
}

// The grades are the SDL enum (generated).
import type { EvaluationGrade } from '../generated/graphql';

/**
 * Grade bands of the weighted total (PROVIDER_EVALUATION, 第二十六条), lowest score of each band: a
 * local choice, not the policy's figure (contracts/local-choices.ts); the demo world's evaluations
 * are graded with the same bands (seed/world/evaluations.ts). Below 60 is SEVERE, which proposes the
 * provider's disqualification for the bureau to decide under its agreement.
 */
export const GRADE_BANDS: ReadonlyArray<{ grade: EvaluationGrade; minimum: number }> = PROVIDER_EVALUATION_GRADE_MINIMUMS;

export function gradeOf(totalScore: number): EvaluationGrade {
  return GRADE_BANDS.find((band) => totalScore >= band.minimum)?.grade ?? 'SEVERE';
}

/**
 * 第二十六条 "责令其限期整改": a POOR provider rectifies within three months of the finalization, the
 * same span the policy gives a disqualified provider's transition (第九条).
 */
export const RECTIFICATION_MONTHS = 3;

/** The inputs an evaluation needs before it can be finalized, in the order they are reported missing. */
export const REQUIRED_INPUTS = ['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY'] as const;
export type RequiredInput = (typeof REQUIRED_INPUTS)[number];

const INPUT_LABELS: Record<RequiredInput, string> = {
  MONITORING: '监测机构的云平台整体运行状况和服务水平评分',
  SECURITY: '网络安全主管部门的安全监控评分',
  OPERATIONS_MANAGEMENT: '市大数据局的运营管理评分',
  SERVICE_QUALITY: '至少一个使用单位的服务质量评价',
};

/** What of REQUIRED_INPUTS is absent, given the kinds submitted so far (several SERVICE_QUALITY ratings count once). */
export function missingInputs(submittedKinds: Iterable<string>): RequiredInput[] {
  const present = new Set(submittedKinds);
  return REQUIRED_INPUTS.filter((kind) => !present.has(kind));
}

/** PROVIDER_EVALUATION: finalizing with inputs missing is refused, naming each missing input. */
export function assertInputsComplete(missing: readonly RequiredInput[]): void {
  if (missing.length === 0) return;
  throw new RuleViolationError(
    'PROVIDER_EVALUATION',
    `年度评价尚缺以下评价意见，不能定稿：${missing.map((kind) => INPUT_LABELS[kind]).join('；')}`,
    { missingInputs: [...missing] },
  );
}

/** The service-quality score: the mean of the units' ratings, two decimals. */
export function averageRating(ratings: readonly number[]): number {
  if (ratings.length === 0) throw new Error('averageRating needs at least one rating');
  const hundredths = ratings.reduce((sum, rating) => sum + Math.round(rating * 100), 0);
  return Math.round(hundredths / ratings.length) / 100;
}

/** A score given by an evaluator: 0–100, at most two decimals. */
export function requireScore(value: number, field: string, label: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100 || Math.round(value * 100) !== value * 100) {
    throw new BadUserInputError(`${label}（${field}）须为 0 到 100 之间的数值，最多两位小数`, field);
  }
  return value;
}

/** The year to evaluate: from 2019 (the policy) to the current year (the bureau may open it before year end). */
export function requireEvaluationYear(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > current) {
    throw new BadUserInputError(`评价年度 year 须在 ${FIRST_POLICY_YEAR} 年至 ${current} 年之间`, 'year');
  }
  return year;
}
