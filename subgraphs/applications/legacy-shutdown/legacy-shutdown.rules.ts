// LEGACY_3M (第十四条): what a recorded shutdown of the old system must be.
import { BadUserInputError, RuleViolationError } from '../../kit/errors';

export interface LegacyShutdownClaim {
  shutdownOn: string;
  note: string | null;
  evidenceReference: string | null;
}

/** The system as the rule sees it: its old system and the day it went live on the cloud. */
export interface LegacySystemFacts {
  legacySystemName: string | null;
  goLiveOn: string | null;
}

/**
 * A shutdown is recorded only for a system that had an old one and went live on the cloud (the old
 * one is kept as a fallback until then), on a day between go-live and today, with evidence.
 */
export function assertLegacyShutdown(claim: LegacyShutdownClaim, system: LegacySystemFacts, today: string): void {
  if (claim.note === null && claim.evidenceReference === null) {
    throw new BadUserInputError('请提供原系统关停的说明 (note) 或证明材料编号 (evidenceReference)', 'note');
  }
  if (system.legacySystemName === null) {
    throw new RuleViolationError('LEGACY_3M', '该系统不是迁移上云的系统，没有需要关停的原系统');
  }
  if (system.goLiveOn === null) {
    throw new RuleViolationError('LEGACY_3M', '系统尚未在政务云上正式运行，原系统须保留作为应急措施，不能登记关停');
  }
  if (claim.shutdownOn < system.goLiveOn) {
    throw new RuleViolationError('LEGACY_3M', `原系统关停日期不能早于上线日期 ${system.goLiveOn}`);
  }
  if (claim.shutdownOn > today) {
    throw new BadUserInputError(`原系统关停日期不能晚于今天 ${today}`, 'shutdownOn');
  }
}

/** Once the centre has confirmed it, the record stands; a correction goes through the centre. */
export function assertNotConfirmed(confirmedBy: string | null): void {
  if (confirmedBy !== null) {
    throw new RuleViolationError('LEGACY_3M', '原系统关停已由市大数据应用中心确认，不能再修改');
  }
}
