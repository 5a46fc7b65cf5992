// PROVIDER_QUALIFIED (第七条、第二十条): only a provider whose platform is MLPS-filed at level 3 or
// above, has passed the central cybersecurity review and runs inside Binzhou, with qualifications
// not expired, may be designated or sign an agreement. An expired qualification is flagged.
import { ConflictError, RuleViolationError } from '../../kit/errors';
import { daysBetween } from '../../kit/dates';
import type { ProviderStatus, QualificationStatus } from '../generated/graphql';

/** A qualification ending within this many days is EXPIRING_SOON. */
export const EXPIRING_SOON_DAYS = 60;
/** The platform must be filed at least at this MLPS level to host government systems. */
export const MINIMUM_PLATFORM_MLPS_LEVEL = 3;

export interface QualificationFacts {
  platformMlpsLevel: number | null;
  platformMlpsCertificateNo: string | null;
  platformMlpsFiledOn: string | null;
  cybersecurityReviewPassedOn: string | null;
  platformInBinzhou: boolean;
  qualificationValidUntil: string | null;
}

/** What is missing, in words for the bureau; empty when the file is complete. */
export function missingQualifications(facts: QualificationFacts): string[] {
  const missing: string[] = [];
  if (facts.platformMlpsLevel === null || facts.platformMlpsLevel < MINIMUM_PLATFORM_MLPS_LEVEL) {
    missing.push(`云平台网络安全等级保护备案级别须不低于第${MINIMUM_PLATFORM_MLPS_LEVEL}级`);
  }
  if (!facts.platformMlpsCertificateNo?.trim()) missing.push('缺少云平台等级保护备案证明编号');
  if (!facts.platformMlpsFiledOn) missing.push('缺少云平台等级保护备案日期');
  if (!facts.cybersecurityReviewPassedOn) missing.push('未通过中央网信办网络安全审查');
  if (!facts.platformInBinzhou) missing.push('云平台须建设并运营于滨州市行政区域内');
  if (!facts.qualificationValidUntil) missing.push('缺少资质有效期');
  return missing;
}

export function qualificationStatusOf(facts: QualificationFacts, today: string): QualificationStatus {
  if (missingQualifications(facts).length > 0) return 'INCOMPLETE';
  const daysLeft = daysBetween(today, facts.qualificationValidUntil!);
  if (daysLeft < 0) return 'EXPIRED';
  return daysLeft <= EXPIRING_SOON_DAYS ? 'EXPIRING_SOON' : 'VALID';
}

export function isQualified(facts: QualificationFacts, today: string): boolean {
  const status = qualificationStatusOf(facts, today);
  return status === 'VALID' || status === 'EXPIRING_SOON';
}

export function assertProviderQualified(facts: QualificationFacts, today: string): void {
  const missing = missingQualifications(facts);
  if (missing.length > 0) {
    throw new RuleViolationError('PROVIDER_QUALIFIED', `服务商资质不完整：${missing.join('；')}`, { missing });
  }
  if (qualificationStatusOf(facts, today) === 'EXPIRED') {
    throw new RuleViolationError('PROVIDER_QUALIFIED', `服务商资质已于 ${facts.qualificationValidUntil} 到期`, {
      qualificationValidUntil: facts.qualificationValidUntil,
    });
  }
}

/** CANDIDATE → DESIGNATED, only for a qualified candidate. */
export function assertCanBeDesignated(status: ProviderStatus, facts: QualificationFacts, today: string): void {
  if (status !== 'CANDIDATE') throw new ConflictError(`只有候选服务商可被确定为定点服务商，当前状态为 ${status}`);
  assertProviderQualified(facts, today);
}

/** A city agreement is signed only with a designated provider whose qualifications are valid. */
/**
 * A renewal (延续, 第九条) keeps a provider its agreements also while it rectifies: 第二十六条 orders a
 * poor (or kept severe) result to rectify by a deadline, which stops new applications, not its
 * designation; refusing the renewal would end it by expiry and undo the bureau's decision to keep it.
 */
export function assertCanRenewAgreement(status: ProviderStatus, facts: QualificationFacts, today: string): void {
  assertCanSignAgreement(status === 'RECTIFYING' ? 'DESIGNATED' : status, facts, today);
}

export function assertCanSignAgreement(status: ProviderStatus, facts: QualificationFacts, today: string): void {
  if (status !== 'DESIGNATED') {
    throw new RuleViolationError('PROVIDER_QUALIFIED', `只能与定点服务商签订定点服务协议，该服务商当前状态为 ${status}`, {
      providerStatus: status,
    });
  }
  assertProviderQualified(facts, today);
}
