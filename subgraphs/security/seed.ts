import type { DataSource } from 'typeorm';
import { WORLD_TODAY, type World } from '../../seed/world';
import { insertAll } from '../kit/insert-all';
import { MlpsRecordEntity } from './entities/mlps-record.entity';
import { ProviderSecurityProfileEntity } from './entities/provider-security-profile.entity';
import { SecurityAgreementEntity } from './entities/security-agreement.entity';
import { SystemFactEntity } from './entities/system-fact.entity';

/**
 * Loads the world's cloud security agreements, MLPS records and providers' platform profiles in
 * one transaction, copying each system's unit, region and provider onto its rows for scoping.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
  const systemById = new Map(world.systems.map((system) => [system.id, system]));
  // The application that cites an agreement; the earliest one when a renewal cites it again.
  const applicationByAgreement = new Map<string, string>();
  for (const application of [...world.applications].sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.id.localeCompare(b.id))) {
    if (application.securityAgreementId && !applicationByAgreement.has(application.securityAgreementId)) {
      applicationByAgreement.set(application.securityAgreementId, application.id);
    }
  }

  const agreements: SecurityAgreementEntity[] = world.securityAgreements.map((agreement) => ({
    id: agreement.id,
    number: agreement.number,
    systemId: agreement.systemId,
    unitId: agreement.unitId,
    providerId: agreement.providerId,
    regionCode: agreement.regionCode,
    applicationId: applicationByAgreement.get(agreement.id) ?? null,
    signedOn: agreement.signedOn,
    status: agreement.status,
    terminatedOn: agreement.terminatedOn,
    createdAt: new Date(`${agreement.signedOn}T12:00:00+08:00`),
  }));

  const mlpsRecords: MlpsRecordEntity[] = world.mlpsRecords.map((record) => {
    const system = systemById.get(record.systemId);
    if (!system) throw new Error(`world: MLPS record ${record.id} names unknown system ${record.systemId}`);
    return {
      id: record.id,
      systemId: record.systemId,
      systemCode: system.code,
      unitId: system.unitId,
      providerId: system.providerId,
      regionCode: system.regionCode,
      level: record.grade,
      certificateNo: record.certificateNo,
      filedOn: record.filedOn,
      lastAssessedOn: record.lastAssessedOn,
      assessmentScore: record.assessmentScore,
      assessmentConclusion: record.assessmentConclusion,
      assessorName: record.assessorName,
    };
  });

  const profiles: ProviderSecurityProfileEntity[] = world.providers.map((provider) => ({
    providerId: provider.id,
    platformName: provider.platformName,
    platformMlpsLevel: provider.platformMlpsLevel,
    platformMlpsCertificateNo: provider.platformMlpsCertificateNo,
    platformMlpsFiledOn: provider.platformMlpsFiledOn,
    cybersecurityReviewPassedOn: provider.cybersecurityReviewPassedOn,
  }));

  const seededAt = new Date(`${WORLD_TODAY}T00:00:00+08:00`);
  const facts: SystemFactEntity[] = world.systems.map((system) => ({
    systemId: system.id,
    code: system.code,
    name: system.name,
    unitId: system.unitId,
    regionCode: system.regionCode,
    providerId: system.providerId,
    deploymentMode: system.deploymentMode,
    goLiveOn: system.goLiveOn,
    retiredOn: system.retiredOn,
    isDisasterRecovery: system.isDisasterRecovery,
    isStandby: system.isStandby,
    // The applications subgraph seeds every system at revision 1.
    revision: 1,
    updatedAt: seededAt,
  }));

  await dataSource.transaction(async (manager) => {
    await insertAll(manager, SystemFactEntity, facts);
    await insertAll(manager, SecurityAgreementEntity, agreements);
    await insertAll(manager, MlpsRecordEntity, mlpsRecords);
    await insertAll(manager, ProviderSecurityProfileEntity, profiles);
  });
}
