// Validation of the MLPS mutations' inputs (BAD_USER_INPUT, changing nothing), before any rule or write.
import { optionalText, requiredText } from '../../kit/text-input';
import { requireRecordedDay } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { assertAssessmentConsistent, expertReviewRequired, gradeOf, type Grading, type HarmAssessment } from './mlps.rules';
import type { FileMlpsRecordInput, GradeSystemMlpsInput, MlpsConclusion, RecordMlpsAssessmentInput } from '../generated/graphql';

export interface ParsedGrading {
  systemId: string;
  business: HarmAssessment;
  service: HarmAssessment;
  grading: Grading;
  expertReviewedOn: string | null;
  expertReviewOpinion: string | null;
  reason: string | null;
  version: number | null;
}

const MAX_TEXT = 2000;

/** A day that already happened: not after today, not before the policy (kit/dates requireRecordedDay). */
const pastOrToday = requireRecordedDay;

function optionalVersion(version: number | null | undefined): number | null {
  if (version == null) return null;
  if (!Number.isInteger(version) || version < 1) throw new BadUserInputError('版本号（version）须为正整数', 'version');
  return version;
}

/** The grading's level follows from the two dimensions; level 2 and above needs its expert review (GB/T 22240-2020). */
export function parseGradeInput(input: GradeSystemMlpsInput, today: string): ParsedGrading {
  const systemId = requireUuid(input.systemId, 'systemId');
  const grading = gradeOf(input.businessSecurity, input.serviceSecurity);
  const reviewedOn = input.expertReviewedOn != null ? pastOrToday(input.expertReviewedOn, 'expertReviewedOn', '专家评审日期', today) : null;
  const opinion = optionalText(input.expertReviewOpinion, 'expertReviewOpinion', '专家评审意见', MAX_TEXT);
  if (expertReviewRequired(grading.level) && (!reviewedOn || !opinion)) {
    const field = reviewedOn ? 'expertReviewOpinion' : 'expertReviewedOn';
    throw new BadUserInputError(
      `定为第${grading.level}级的系统须经专家评审：请填写专家评审日期（expertReviewedOn）和评审意见（expertReviewOpinion）`,
      field,
    );
  }
  return {
    systemId,
    business: input.businessSecurity,
    service: input.serviceSecurity,
    grading,
    expertReviewedOn: reviewedOn,
    expertReviewOpinion: opinion,
    reason: optionalText(input.reason, 'reason', '定级（变更）理由', MAX_TEXT),
    version: optionalVersion(input.version),
  };
}

export interface ParsedFiling {
  systemId: string;
  certificateNo: string;
  filedOn: string;
  version: number | null;
}

export function parseFilingInput(input: FileMlpsRecordInput, today: string): ParsedFiling {
  return {
    systemId: requireUuid(input.systemId, 'systemId'),
    certificateNo: requiredText(input.certificateNo, 'certificateNo', '备案证明编号', 64),
    filedOn: pastOrToday(input.filedOn, 'filedOn', '备案日期', today),
    version: optionalVersion(input.version),
  };
}

export interface ParsedAssessment {
  systemId: string;
  agencyName: string;
  agencyLicenceNo: string;
  assessedOn: string;
  score: number;
  conclusion: MlpsConclusion;
  highRiskFindings: number;
  mediumRiskFindings: number;
  lowRiskFindings: number;
  version: number | null;
}

function findingCount(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    throw new BadUserInputError(`问题数（${field}）须为 0 到 100000 之间的整数`, field);
  }
  return value;
}

export function parseAssessmentInput(input: RecordMlpsAssessmentInput, today: string): ParsedAssessment {
  const systemId = requireUuid(input.systemId, 'systemId');
  const agencyName = requiredText(input.agencyName, 'agencyName', '测评机构名称', 200);
  const agencyLicenceNo = requiredText(input.agencyLicenceNo, 'agencyLicenceNo', '测评机构推荐证书编号', 64);
  const assessedOn = pastOrToday(input.assessedOn, 'assessedOn', '测评日期', today);
  const score = input.score;
  if (!Number.isFinite(score) || score < 0 || score > 100 || Math.abs(Math.round(score * 100) - score * 100) > 1e-6) {
    throw new BadUserInputError('综合得分（score）须为 0 到 100 之间、至多两位小数的数', 'score');
  }
  const highRiskFindings = findingCount(input.findings.highRisk, 'findings.highRisk');
  const mediumRiskFindings = findingCount(input.findings.mediumRisk, 'findings.mediumRisk');
  const lowRiskFindings = findingCount(input.findings.lowRisk, 'findings.lowRisk');
  assertAssessmentConsistent(score, input.conclusion, highRiskFindings);
  return {
    systemId,
    agencyName,
    agencyLicenceNo,
    assessedOn,
    score,
    conclusion: input.conclusion,
    highRiskFindings,
    mediumRiskFindings,
    lowRiskFindings,
    version: optionalVersion(input.version),
  };
}
