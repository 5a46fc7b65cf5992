// Parses the directory mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { BadUserInputError } from '../../kit/errors';
import { parseIsoDate } from '../../kit/dates';
import { optionalText, requiredText } from '../../kit/text-input';
import type { QualificationPatch } from './provider.service';

export function optionalDate(value: string | null | undefined, field: string, label: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  return parseIsoDate(value, field, label);
}

export function positiveInt(value: unknown, field: string, label: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(`${label}（${field}）须为 1 到 ${max} 之间的整数`, field);
  }
  return value;
}

export interface QualificationInput {
  platformLocation?: string | null;
  platformInBinzhou?: boolean | null;
  platformMlpsLevel?: number | null;
  platformMlpsCertificateNo?: string | null;
  platformMlpsFiledOn?: string | null;
  cybersecurityReviewPassedOn?: string | null;
  qualificationValidUntil?: string | null;
}

export function parseQualificationInput(input: QualificationInput): QualificationPatch {
  const patch: QualificationPatch = {};
  if (input.platformLocation !== undefined)
    patch.platformLocation = requiredText(input.platformLocation, 'platformLocation', '云平台所在地', 200);
  if (input.platformInBinzhou !== undefined) {
    if (input.platformInBinzhou === null)
      throw new BadUserInputError('云平台位于滨州市行政区域内（platformInBinzhou）不能为 null', 'platformInBinzhou');
    patch.platformInBinzhou = input.platformInBinzhou;
  }
  if (input.platformMlpsLevel !== undefined) {
    patch.platformMlpsLevel =
      input.platformMlpsLevel === null ? null : positiveInt(input.platformMlpsLevel, 'platformMlpsLevel', '云平台等级保护级别', 4);
  }
  if (input.platformMlpsCertificateNo !== undefined) {
    patch.platformMlpsCertificateNo = optionalText(
      input.platformMlpsCertificateNo,
      'platformMlpsCertificateNo',
      '等级保护备案证明编号',
      64,
    );
  }
  patch.platformMlpsFiledOn = optionalDate(input.platformMlpsFiledOn, 'platformMlpsFiledOn', '等级保护备案日期');
  patch.cybersecurityReviewPassedOn = optionalDate(
    input.cybersecurityReviewPassedOn,
    'cybersecurityReviewPassedOn',
    '网络安全审查通过日期',
  );
  patch.qualificationValidUntil = optionalDate(input.qualificationValidUntil, 'qualificationValidUntil', '资质有效期');
  return patch;
}
