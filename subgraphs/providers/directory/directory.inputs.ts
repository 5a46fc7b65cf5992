// Parses the directory mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { optionalText, requiredText } from '../../kit/text-input';
import type { ProviderQualificationInput } from '../generated/graphql';
import type { QualificationPatch } from './provider.service';

export function positiveInt(value: unknown, field: string, label: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(`${label}（${field}）须为 1 到 ${max} 之间的整数`, field);
  }
  return value;
}

function notAfterToday<T extends string | null | undefined>(value: T, field: string, label: string, today: string): T {
  if (typeof value === 'string' && value > today) throw new BadUserInputError(`${label}（${field}）不能晚于今天（${today}）`, field);
  return value;
}

export function parseQualificationInput(input: ProviderQualificationInput, today = todayInChina()): QualificationPatch {
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
  // The Date scalar checked the dates; undefined keeps a value, null clears it. A filing or a review
  // still to come qualifies no one today (PROVIDER_QUALIFIED, 第七条、第二十条), as security's own records hold.
  patch.platformMlpsFiledOn = notAfterToday(input.platformMlpsFiledOn, 'platformMlpsFiledOn', '云平台等级保护备案日期', today);
  patch.cybersecurityReviewPassedOn = notAfterToday(
    input.cybersecurityReviewPassedOn,
    'cybersecurityReviewPassedOn',
    '通过网络安全审查日期',
    today,
  );
  patch.qualificationValidUntil = input.qualificationValidUntil;
  return patch;
}
