import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Principal, Scope } from '../../kit/principal';
import { platformAudienceOf } from './platform-audience';
import { acknowledgementPages, bulletinPages, drillPages, lastDrillsOf, platformChangePages } from './platform-pages';
import { ProviderSecurityProfileService } from './provider-security-profile.service';
import { SecurityBulletinService } from './security-bulletin.service';

/**
 * Loaders of provider platform security (第二十条): one statement per batch whatever the number of
 * providers or bulletins, each limited to what the principal's audience may see.
 */
export function createPlatformLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const audience = platformAudienceOf(principal, scope);
  const profiles = new ProviderSecurityProfileService(dataSource, scope);
  const bulletins = new SecurityBulletinService(dataSource, audience);
  return {
    // The current profile is a qualification (第七条): read within the caller's scope, not its audience.
    securityProfileByProviderId: loaderByKey((providerIds) => profiles.byProviderIds(providerIds), 'providerId'),
    platformChangePagesByProviderId: platformChangePages(dataSource, audience),
    drillPagesByProviderId: drillPages(dataSource, audience),
    lastDrillByProviderId: loaderByKey((providerIds) => lastDrillsOf(dataSource, audience, providerIds), 'providerId'),
    bulletinPagesByProviderId: bulletinPages(dataSource, audience, false),
    unacknowledgedBulletinPagesByProviderId: bulletinPages(dataSource, audience, true),
    securityBulletinById: loaderByKey((ids) => bulletins.byIds(ids), 'id'),
    acknowledgementPagesByBulletinId: acknowledgementPages(dataSource, audience),
  };
}
