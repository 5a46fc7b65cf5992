import type { DataSource, EntityManager } from 'typeorm';
import { WORLD_TODAY, type World } from '../../seed/world';
import { insertAll } from '../kit/insert-all';
import { ProviderSecurityProfileEntity } from './entities/provider-security-profile.entity';
import { SecurityAgreementEntity } from './entities/security-agreement.entity';
import { seedSystemFacts } from '../contracts/system-facts-replica';
import { buildAccessDemo } from '../../seed/world/security-access';
import { buildIncidents } from '../../seed/world/security-incidents';
import { buildInspections } from '../../seed/world/security-inspections';
import { AccessGrantEntity } from './entities/access-grant.entity';
import { AccessRecordEntity } from './entities/access-record.entity';
import { IncidentSystemEntity } from './entities/incident-system.entity';
import { IncidentUpdateEntity } from './entities/incident-update.entity';
import { InspectionFindingEntity } from './entities/inspection-finding.entity';
import { SecurityIncidentEntity } from './entities/security-incident.entity';
import { SecurityInspectionEntity } from './entities/security-inspection.entity';
import { seedMlps } from './seed-mlps';
import { seedPlatform } from './seed-platform';

/**
 * Loads the world's cloud security agreements, MLPS records and providers' platform profiles in
 * one transaction, copying each system's unit, region and provider onto its rows for scoping.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
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
    // Seeded agreements ended when their system was retired (第十五条); who recorded it is not known.
    terminationReason: agreement.terminatedOn ? '系统终止使用政务云服务，协议随之终止（第十五条）' : null,
    terminatedByRole: null,
    terminatedBySubject: null,
    signedBySubject: null,
    createdAt: new Date(`${agreement.signedOn}T12:00:00+08:00`),
  }));

  const profiles: ProviderSecurityProfileEntity[] = world.providers.map((provider) => ({
    providerId: provider.id,
    platformName: provider.platformName,
    platformMlpsLevel: provider.platformMlpsLevel,
    platformMlpsCertificateNo: provider.platformMlpsCertificateNo,
    platformMlpsFiledOn: provider.platformMlpsFiledOn,
    cybersecurityReviewPassedOn: provider.cybersecurityReviewPassedOn,
  }));

  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await insertAll(manager, SecurityAgreementEntity, agreements);
    await seedMlps(manager, world);
    await insertAll(manager, ProviderSecurityProfileEntity, profiles);
    await seedPlatform(manager, world);
    await seedAccess(manager, world);
    await seedInspections(manager, world);
    await seedIncidents(manager, world);
  });
}

/** The world's access grants and records (第二十三条), shared with the supervision seed (seed/world/security-access.ts). */
async function seedAccess(manager: EntityManager, world: World): Promise<void> {
  const { grants, records } = buildAccessDemo(world);
  await insertAll(manager, AccessGrantEntity, grants);
  await insertAll(manager, AccessRecordEntity, records);
}

/** The world's inspections and findings (第十九条), shared with the supervision seed (seed/world/security-inspections.ts). */
async function seedInspections(manager: EntityManager, world: World): Promise<void> {
  const { inspections, findings } = buildInspections(world);
  await insertAll(manager, SecurityInspectionEntity, inspections);
  await insertAll(manager, InspectionFindingEntity, findings);
}

/** The world's incidents (第十八条), shared with the supervision seed (seed/world/security-incidents.ts). */
async function seedIncidents(manager: EntityManager, world: World): Promise<void> {
  const { incidents, systems, updates } = buildIncidents(world);
  await insertAll(manager, SecurityIncidentEntity, incidents);
  await insertAll(manager, IncidentSystemEntity, systems);
  await insertAll(manager, IncidentUpdateEntity, updates);
}
