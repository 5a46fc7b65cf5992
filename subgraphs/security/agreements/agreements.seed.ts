import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { SecurityAgreementEntity } from './security-agreement.entity';

/** The world's cloud security agreements (第二十二条), each linked to the application that cites it. */
export async function seedAgreements(manager: EntityManager, world: World): Promise<void> {
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
  await insertAll(manager, SecurityAgreementEntity, agreements);
}
