import type { Principal, Scope } from '../../kit/principal';
import { securityScopeOf } from '../security-scope';

/**
 * Who reads a platform's own security records (drills, bulletins, the profile's change history,
 * 第二十条): the city-wide roles every provider's; a provider its own; nobody else. County
 * authorities, units and finance bureaus see systems, not platforms (the current profile itself
 * stays readable to them as a qualification, 第七条).
 */
export type PlatformAudience = { kind: 'ALL' } | { kind: 'PROVIDER'; providerId: string } | { kind: 'NONE' };

export function platformAudienceOf(principal: Principal, scope: Scope): PlatformAudience {
  const recordScope = securityScopeOf(principal, scope);
  if (recordScope?.kind === 'CITY') return { kind: 'ALL' };
  if (recordScope?.kind === 'PROVIDER') return { kind: 'PROVIDER', providerId: recordScope.providerId };
  return { kind: 'NONE' };
}

export function audienceSeesProvider(audience: PlatformAudience, providerId: string): boolean {
  return audience.kind === 'ALL' || (audience.kind === 'PROVIDER' && audience.providerId === providerId);
}

/** The ids of a batch the audience may see, so batch queries never fetch the rest. */
export function visibleProviderIds(audience: PlatformAudience, providerIds: readonly string[]): string[] {
  return providerIds.filter((providerId) => audienceSeesProvider(audience, providerId));
}
