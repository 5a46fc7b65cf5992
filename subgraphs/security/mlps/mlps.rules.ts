// MLPS (等级保护) rules with no database: grading by GB/T 22240-2020, the platform ceiling
// (MLPS_PLATFORM_LEVEL, 第二十一条) and the assessment due dates (MLPS_6M, 第二十二条).
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import type { MlpsConclusion, MlpsHarmDegree, MlpsHarmedObject } from '../generated/graphql';

export {
  FIRST_ASSESSMENT_MONTHS,
  isAssessmentOverdue,
  nextAssessmentDueOn,
  reassessmentMonths,
  type AssessmentSchedule,
} from '../../contracts/mlps-schedule';

export const HARMED_OBJECTS: readonly MlpsHarmedObject[] = ['CITIZENS', 'SOCIETY', 'NATION'];
export const HARM_DEGREES: readonly MlpsHarmDegree[] = ['GENERAL', 'SERIOUS', 'ESPECIALLY_SERIOUS'];

/** GB/T 22240-2020 表1/表2/表3: the level of one security dimension from the object harmed and the degree of harm. */
export const GRADING_TABLE: Readonly<Record<MlpsHarmedObject, Readonly<Record<MlpsHarmDegree, number>>>> = {
  CITIZENS: { GENERAL: 1, SERIOUS: 2, ESPECIALLY_SERIOUS: 2 },
  SOCIETY: { GENERAL: 2, SERIOUS: 3, ESPECIALLY_SERIOUS: 4 },
  NATION: { GENERAL: 3, SERIOUS: 4, ESPECIALLY_SERIOUS: 5 },
};

export interface HarmAssessment {
  harmedObject: MlpsHarmedObject;
  harmDegree: MlpsHarmDegree;
}

export interface Grading {
  businessLevel: number;
  serviceLevel: number;
  /** The system's level: the higher of business-information and system-service security. */
  level: number;
}

export function dimensionLevel(harm: HarmAssessment): number {
  return GRADING_TABLE[harm.harmedObject][harm.harmDegree];
}

/** 定级 (GB/T 22240-2020 6.4): each dimension by the table, the system at the higher of the two. */
export function gradeOf(business: HarmAssessment, service: HarmAssessment): Grading {
  const businessLevel = dimensionLevel(business);
  const serviceLevel = dimensionLevel(service);
  return { businessLevel, serviceLevel, level: Math.max(businessLevel, serviceLevel) };
}

/** What the grading needs to know of the hosting platform; null when the provider files no platform level. */
export interface HostingPlatform {
  providerId: string;
  platformMlpsLevel: number | null;
}

/**
 * MLPS_PLATFORM_LEVEL (第二十一条; GB/T 22239-2019 cloud extension): a system on the cloud is not
 * graded above its platform. A platform with no filed level caps nothing it could prove, so it
 * refuses (fail safe). A system off the cloud (no provider) has no platform ceiling.
 */
export function assertWithinPlatformLevel(level: number, platform: HostingPlatform | null): void {
  if (!platform) return;
  if (platform.platformMlpsLevel === null) {
    throw new RuleViolationError('MLPS_PLATFORM_LEVEL', `承载该系统的云平台没有等级保护备案记录，不能将系统定为第${level}级`, {
      level,
      platformLevel: null,
      providerId: platform.providerId,
    });
  }
  if (level > platform.platformMlpsLevel) {
    throw new RuleViolationError(
      'MLPS_PLATFORM_LEVEL',
      `系统定级（第${level}级）不得高于承载它的云平台的安全保护等级（第${platform.platformMlpsLevel}级）`,
      { level, platformLevel: platform.platformMlpsLevel, providerId: platform.providerId },
    );
  }
}

/** GB/T 22240-2020 4.2: a level-2 or higher grading is reviewed by experts before filing. */
export function expertReviewRequired(level: number): boolean {
  return level >= 2;
}

/**
 * The conclusion of the assessment report template (网络安全等级测评报告模板 2021): POOR when a
 * high-risk finding remains or the score is below 70; otherwise by score (90 / 80 / 70).
 */
export function conclusionOf(score: number, highRiskFindings: number): MlpsConclusion {
  if (highRiskFindings > 0 || score < 70) return 'POOR';
  return score >= 90 ? 'EXCELLENT' : score >= 80 ? 'GOOD' : 'FAIR';
}

/** An assessment's score, conclusion and findings agree with the report template, or BAD_USER_INPUT. */
export function assertAssessmentConsistent(score: number, conclusion: MlpsConclusion, highRiskFindings: number): void {
  const expected = conclusionOf(score, highRiskFindings);
  if (conclusion !== expected) {
    throw new BadUserInputError(
      `测评结论与综合得分、高风险问题数不符：得分 ${score}、高风险问题 ${highRiskFindings} 个，结论应为 ${expected}`,
      'conclusion',
    );
  }
}
