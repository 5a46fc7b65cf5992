import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import { createIncidentLoaders } from './incident-loaders';
import { createInspectionLoaders } from './inspection-loaders';
import type { Principal, Scope } from '../kit/principal';
import { createAccessLoaders } from './access-loaders';
import { createPlatformLoaders } from './platform-loaders';
import { createMlpsLoaders } from './mlps-loaders';
import { MlpsRecordService } from './services/mlps-record.service';
import { ProviderSecurityProfileService } from './services/provider-security-profile.service';
import { securityScopeOf } from './services/scope';
import { SecurityAgreementService } from './services/security-agreement.service';

/**
 * The request's loaders: one scoped query per batch, so `_entities` and nested fields see exactly
 * what the lists show the principal, and nothing else (null or no rows).
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const recordScope = securityScopeOf(principal, scope);
  const agreements = new SecurityAgreementService(dataSource, recordScope);
  const mlps = new MlpsRecordService(dataSource, recordScope);
  const profiles = new ProviderSecurityProfileService(dataSource, scope);
  return {
    securityAgreementById: loaderByKey((ids) => agreements.byIds(ids), 'id'),
    securityAgreementsBySystemId: loaderOfGroups((systemIds) => agreements.bySystemIds(systemIds), 'systemId'),
    mlpsRecordById: loaderByKey((ids) => mlps.byIds(ids), 'id'),
    mlpsRecordBySystemId: loaderByKey((systemIds) => mlps.bySystemIds(systemIds), 'systemId'),
    securityProfileByProviderId: loaderByKey((providerIds) => profiles.byProviderIds(providerIds), 'providerId'),
    ...createInspectionLoaders(dataSource, recordScope),
    ...createIncidentLoaders(dataSource, recordScope),
    ...createAccessLoaders(dataSource, principal, scope),
    ...createPlatformLoaders(dataSource, principal, scope),
    ...createMlpsLoaders(dataSource, principal, scope),
  };
}

export type SecurityLoaders = ReturnType<typeof createLoaders>;
export type SecurityContext = SubgraphContext<SecurityLoaders>;
