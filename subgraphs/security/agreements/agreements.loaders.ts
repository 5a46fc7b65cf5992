// The per-request loaders of cloud security agreements (第二十二条): one scoped query per batch.
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { SecurityAgreementService } from './security-agreement.service';

/** `recordScope` null: the principal may see no security records. */
export function createAgreementsLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const agreements = new SecurityAgreementService(dataSource, recordScope);
  return {
    securityAgreementById: loaderByKey((ids) => agreements.byIds(ids), 'id'),
    securityAgreementPagesBySystemId: agreements.pagesBySystem(),
  };
}
