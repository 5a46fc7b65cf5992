// MLPS writes (第二十一条、第二十二条): grading (MLPS_PLATFORM_LEVEL), filing with the public security
// bureau, and assessments (MLPS_6M). Each runs in the mutation's transaction on the system's facts row,
// which the pipeline has locked and checked for scope, so two writes on one system take turns. The
// record's `version` is checked here: a system's first grading has no record to lock yet.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { MlpsAssessmentEntity } from './mlps-assessment.entity';
import { MlpsGradingEntity } from './mlps-grading.entity';
import { MlpsRecordEntity } from './mlps-record.entity';
import { ProviderSecurityProfileEntity } from '../platform/provider-security-profile.entity';
import type { SystemFactEntity } from '../../contracts/system-fact.entity';
import { assertWithinPlatformLevel, type HostingPlatform } from './mlps.rules';
import type { ParsedAssessment, ParsedFiling, ParsedGrading } from './mlps.inputs';

async function lockedRecordOf(manager: EntityManager, systemId: string): Promise<MlpsRecordEntity | null> {
  return manager.getRepository(MlpsRecordEntity).findOne({ where: { systemId }, lock: { mode: 'pessimistic_write' } });
}

function requireGraded(record: MlpsRecordEntity | null, action: string): MlpsRecordEntity {
  if (!record) throw new BadUserInputError(`该系统尚未定级，不能${action}；请先完成等级保护定级`, 'systemId');
  return record;
}

function checkVersion(record: MlpsRecordEntity | null, version: number | null): void {
  if (version !== null && record?.version !== version) throw new ConflictError();
}

/** The hosting platform the grading is capped by; null off the cloud. */
async function hostingPlatformOf(manager: EntityManager, fact: SystemFactEntity): Promise<HostingPlatform | null> {
  if (!fact.providerId) return null;
  const profile = await manager.getRepository(ProviderSecurityProfileEntity).findOne({ where: { providerId: fact.providerId } });
  return { providerId: fact.providerId, platformMlpsLevel: profile?.platformMlpsLevel ?? null };
}

/** The system's current scope facts, refreshed on every write (a migration may have moved it). */
function scopeOf(fact: SystemFactEntity) {
  return { systemId: fact.systemId, systemCode: fact.code, unitId: fact.unitId, providerId: fact.providerId, regionCode: fact.regionCode };
}

/**
 * 定级 by the unit owning the system. A regrading to another level voids the filing, which must be
 * made again (变更备案); every grading is kept in the history.
 */
export async function gradeSystemMlps(
  manager: EntityManager,
  principal: Principal,
  fact: SystemFactEntity,
  input: ParsedGrading,
): Promise<MlpsRecordEntity> {
  if (fact.retiredOn) throw new BadUserInputError('该系统已停止使用，不能定级', 'systemId');
  const platform = await hostingPlatformOf(manager, fact);
  assertWithinPlatformLevel(input.grading.level, platform);
  const existing = await lockedRecordOf(manager, fact.systemId);
  checkVersion(existing, input.version);

  const now = new Date();
  const levelChanged = existing !== null && existing.level !== input.grading.level;
  const record: MlpsRecordEntity = Object.assign(existing ?? new MlpsRecordEntity(), {
    ...(existing ? {} : { id: randomUUID(), certificateNo: null, filedOn: null, filedBy: null, filingRecordedAt: null }),
    ...(existing ? {} : { lastAssessedOn: null, assessmentScore: null, assessmentConclusion: null, assessorName: null }),
    ...scopeOf(fact),
    level: input.grading.level,
    businessHarmedObject: input.business.harmedObject,
    businessHarmDegree: input.business.harmDegree,
    serviceHarmedObject: input.service.harmedObject,
    serviceHarmDegree: input.service.harmDegree,
    gradedBy: principal.subject,
    gradedAt: now,
    expertReviewedOn: input.expertReviewedOn,
    expertReviewOpinion: input.expertReviewOpinion,
    ...(levelChanged ? { certificateNo: null, filedOn: null, filedBy: null, filingRecordedAt: null } : {}),
    version: (existing?.version ?? 0) + 1,
  });
  await manager.getRepository(MlpsRecordEntity).save(record);
  await manager.getRepository(MlpsGradingEntity).insert({
    id: randomUUID(),
    mlpsRecordId: record.id,
    systemId: fact.systemId,
    unitId: fact.unitId,
    providerId: fact.providerId,
    regionCode: fact.regionCode,
    level: input.grading.level,
    businessHarmedObject: input.business.harmedObject,
    businessHarmDegree: input.business.harmDegree,
    businessLevel: input.grading.businessLevel,
    serviceHarmedObject: input.service.harmedObject,
    serviceHarmDegree: input.service.harmDegree,
    serviceLevel: input.grading.serviceLevel,
    expertReviewedOn: input.expertReviewedOn,
    expertReviewOpinion: input.expertReviewOpinion,
    platformMlpsLevel: platform?.platformMlpsLevel ?? null,
    reason: input.reason,
    gradedBy: principal.subject,
    gradedAt: now,
  });
  return record;
}

/** 公安机关备案: the certificate of a level-2-or-higher grading, recorded by the unit or the cybersecurity authority. */
export async function fileMlpsRecord(
  manager: EntityManager,
  principal: Principal,
  fact: SystemFactEntity,
  input: ParsedFiling,
): Promise<MlpsRecordEntity> {
  const existing = await lockedRecordOf(manager, fact.systemId);
  const record = requireGraded(existing, '备案');
  checkVersion(record, input.version);
  if (record.level < 2) throw new BadUserInputError('第一级系统无须向公安机关备案', 'systemId');
  if (record.expertReviewedOn && input.filedOn < record.expertReviewedOn) {
    throw new BadUserInputError(`备案日期（filedOn）不得早于专家评审日期 ${record.expertReviewedOn}`, 'filedOn');
  }
  Object.assign(record, {
    certificateNo: input.certificateNo,
    filedOn: input.filedOn,
    filedBy: principal.subject,
    filingRecordedAt: new Date(),
    version: record.version + 1,
  });
  await manager.getRepository(MlpsRecordEntity).save(record);
  return record;
}

/**
 * An assessment report by a licensed agency, recorded by the unit or the cybersecurity authority.
 * Every one is kept; the record shows the latest by date, which drives the next due date (MLPS_6M).
 */
export async function recordMlpsAssessment(
  manager: EntityManager,
  principal: Principal,
  fact: SystemFactEntity,
  input: ParsedAssessment,
): Promise<MlpsAssessmentEntity> {
  const record = requireGraded(await lockedRecordOf(manager, fact.systemId), '登记测评');
  checkVersion(record, input.version);
  const assessment: MlpsAssessmentEntity = {
    id: randomUUID(),
    mlpsRecordId: record.id,
    systemId: fact.systemId,
    unitId: fact.unitId,
    providerId: fact.providerId,
    regionCode: fact.regionCode,
    level: record.level,
    agencyName: input.agencyName,
    agencyLicenceNo: input.agencyLicenceNo,
    assessedOn: input.assessedOn,
    score: input.score,
    conclusion: input.conclusion,
    highRiskFindings: input.highRiskFindings,
    mediumRiskFindings: input.mediumRiskFindings,
    lowRiskFindings: input.lowRiskFindings,
    recordedBy: principal.subject,
    recordedAt: new Date(),
  };
  await manager.getRepository(MlpsAssessmentEntity).insert(assessment);
  // A report recorded late for an older assessment joins the history without replacing the latest.
  const latest = !record.lastAssessedOn || input.assessedOn >= record.lastAssessedOn;
  Object.assign(record, {
    ...(latest
      ? {
          lastAssessedOn: input.assessedOn,
          assessmentScore: input.score,
          assessmentConclusion: input.conclusion,
          assessorName: input.agencyName,
        }
      : {}),
    version: record.version + 1,
  });
  await manager.getRepository(MlpsRecordEntity).save(record);
  return assessment;
}
