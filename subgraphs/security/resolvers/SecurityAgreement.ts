import { regionField } from '../../kit/shared-resolvers';
import type { SecurityAgreementEntity } from '../entities/security-agreement.entity';
import type { SecurityContext } from '../loaders';

// Unit, provider, system and application live in other subgraphs: this one returns references.
export const SecurityAgreement = {
  __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.securityAgreementById.load(reference.id),
  unit: (agreement: SecurityAgreementEntity) => ({ id: agreement.unitId }),
  provider: (agreement: SecurityAgreementEntity) => ({ id: agreement.providerId }),
  system: (agreement: SecurityAgreementEntity) => ({ id: agreement.systemId }),
  application: (agreement: SecurityAgreementEntity) => (agreement.applicationId ? { id: agreement.applicationId } : null),
  region: (agreement: SecurityAgreementEntity) => regionField(agreement.regionCode),
  terminatedBy: (agreement: SecurityAgreementEntity) => agreement.terminatedByRole,
};
