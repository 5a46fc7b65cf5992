import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { groupByKeys, orderByKeys } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import type { MlpsRecordEntity } from './entities/mlps-record.entity';
import type { ProviderSecurityProfileEntity } from './entities/provider-security-profile.entity';
import type { SecurityAgreementEntity } from './entities/security-agreement.entity';
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
    securityAgreementById: new DataLoader<string, SecurityAgreementEntity | null>(async (ids) =>
      orderByKeys(ids, await agreements.byIds(ids), (agreement) => agreement.id),
    ),
    securityAgreementsBySystemId: new DataLoader<string, SecurityAgreementEntity[]>(async (systemIds) =>
      groupByKeys(systemIds, await agreements.bySystemIds(systemIds), (agreement) => agreement.systemId),
    ),
    mlpsRecordById: new DataLoader<string, MlpsRecordEntity | null>(async (ids) =>
      orderByKeys(ids, await mlps.byIds(ids), (record) => record.id),
    ),
    mlpsRecordBySystemId: new DataLoader<string, MlpsRecordEntity | null>(async (systemIds) =>
      orderByKeys(systemIds, await mlps.bySystemIds(systemIds), (record) => record.systemId),
    ),
    securityProfileByProviderId: new DataLoader<string, ProviderSecurityProfileEntity | null>(async (providerIds) =>
      orderByKeys(providerIds, await profiles.byProviderIds(providerIds), (profile) => profile.providerId),
    ),
  };
}

export type SecurityLoaders = ReturnType<typeof createLoaders>;
export type SecurityContext = SubgraphContext<SecurityLoaders>;
