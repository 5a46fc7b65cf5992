// Validation of the platform-security mutations' inputs (BAD_USER_INPUT, naming the field), before any write.
import { optionalText, requiredText } from '../../kit/text-input';
import { parseIsoDate } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { requireMlpsLevel } from '../mlps/mlps-record.service';
import type { BulletinSeverity, DrillResult, MlpsConclusion } from '../generated/graphql';

/** A week: longer recovery figures are a typo, not a drill. */
export const MAX_DRILL_MINUTES = 7 * 24 * 60;

export interface PlatformMlpsInput {
  providerId: string;
  version: number;
  level: number;
  certificateNo: string;
  filedOn: string;
  assessedOn: string | null;
  assessmentConclusion: MlpsConclusion | null;
  note: string | null;
}

export interface CybersecurityReviewInput {
  providerId: string;
  version: number;
  passedOn: string;
  validUntil: string | null;
  note: string | null;
}

export interface DrillInput {
  drilledOn: string;
  scenario: string;
  rtoMinutes: number;
  rpoMinutes: number;
  result: DrillResult;
  notes: string | null;
}

export interface BulletinInput {
  title: string;
  content: string;
  severity: BulletinSeverity;
  providerId: string | null;
}

type Raw<T> = { [K in keyof T]?: T[K] | null };

function pastDate(value: string | null | undefined, field: string, label: string, today: string): string {
  const date = parseIsoDate(value ?? '', field, label);
  if (date > today) throw new BadUserInputError(`${label}（${field}）不能晚于今天 ${today}`, field);
  return date;
}

function version(value: number | null | undefined): number {
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new BadUserInputError('版本（version）须为读取到的版本号（正整数）', 'version');
  return value as number;
}

function minutes(value: number | null | undefined, field: string, label: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_DRILL_MINUTES) {
    throw new BadUserInputError(`${label}（${field}）须为 0 至 ${MAX_DRILL_MINUTES} 之间的整数分钟`, field);
  }
  return value as number;
}

export function parsePlatformMlpsInput(input: Raw<PlatformMlpsInput>, today: string): PlatformMlpsInput {
  const assessedOn = input.assessedOn != null ? pastDate(input.assessedOn, 'assessedOn', '平台最近测评日期', today) : null;
  const assessmentConclusion = input.assessmentConclusion ?? null;
  if ((assessedOn === null) !== (assessmentConclusion === null)) {
    throw new BadUserInputError('平台测评日期（assessedOn）与测评结论（assessmentConclusion）须同时填写或同时不填', 'assessmentConclusion');
  }
  return {
    providerId: requireUuid(input.providerId ?? '', 'providerId'),
    version: version(input.version),
    level: requireMlpsLevel(input.level ?? 0),
    certificateNo: requiredText(input.certificateNo, 'certificateNo', '平台备案证明编号', 50),
    filedOn: pastDate(input.filedOn, 'filedOn', '平台备案日期', today),
    assessedOn,
    assessmentConclusion,
    note: optionalText(input.note, 'note', '说明', 500),
  };
}

export function parseCybersecurityReviewInput(input: Raw<CybersecurityReviewInput>, today: string): CybersecurityReviewInput {
  const passedOn = pastDate(input.passedOn, 'passedOn', '网络安全审查通过日期', today);
  const validUntil = input.validUntil != null ? parseIsoDate(input.validUntil, 'validUntil', '有效期至') : null;
  if (validUntil !== null && validUntil <= passedOn) {
    throw new BadUserInputError('有效期至（validUntil）须晚于通过日期（passedOn）', 'validUntil');
  }
  return {
    providerId: requireUuid(input.providerId ?? '', 'providerId'),
    version: version(input.version),
    passedOn,
    validUntil,
    note: optionalText(input.note, 'note', '说明', 500),
  };
}

export function parseDrillInput(input: Raw<DrillInput>, today: string): DrillInput {
  return {
    drilledOn: pastDate(input.drilledOn, 'drilledOn', '演练日期', today),
    scenario: requiredText(input.scenario, 'scenario', '演练场景', 200),
    rtoMinutes: minutes(input.rtoMinutes, 'rtoMinutes', '恢复时间'),
    rpoMinutes: minutes(input.rpoMinutes, 'rpoMinutes', '恢复点'),
    // The schema's enum admits only PASSED or FAILED.
    result: input.result as DrillResult,
    notes: optionalText(input.notes, 'notes', '备注', 2000),
  };
}

export function parseBulletinInput(input: Raw<BulletinInput>): BulletinInput {
  return {
    title: requiredText(input.title, 'title', '标题', 200),
    content: requiredText(input.content, 'content', '正文', 10000),
    severity: input.severity as BulletinSeverity,
    providerId: input.providerId != null ? requireUuid(input.providerId, 'providerId') : null,
  };
}
