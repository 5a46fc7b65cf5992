import { BadUserInputError } from '../../kit/errors';

/** The five aspects of a provider's service that 第二十五条 supervises, each scored 0–100. */
export interface EvaluationScores {
  platformOperation: number;
  security: number;
  operationsManagement: number;
  serviceLevel: number;
  serviceQuality: number;
}

/**
 * Weights of the annual evaluation's total (PROVIDER_EVALUATION, 第二十六条): the platform's
 * operation and its security weigh most, as the policy's safety chapter (第十七条–第二十三条) suggests.
 * They sum to 1, and the schema's description of `totalScore` states them.
 */
export const EVALUATION_WEIGHTS: Readonly<EvaluationScores> = Object.freeze({
  platformOperation: 0.25,
  security: 0.25,
  operationsManagement: 0.15,
  serviceLevel: 0.2,
  serviceQuality: 0.15,
});

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
