import type { SystemRecord, World } from '../../seed/world';
import { todayInChina } from '../../subgraphs/kit/dates';

/**
 * The demo world's systems in `regionCode` that a unit can apply for today: on the cloud, with no
 * application yet, hosted by a designated and qualified provider (DESIGNATED_PROVIDER,
 * PROVIDER_QUALIFIED) with an agreement in force in that region.
 */
export function freshSystemsIn(world: World, regionCode: string): SystemRecord[] {
  const designated = new Set(
    world.providers
      .filter((provider) => provider.status === 'DESIGNATED' && provider.qualificationValidUntil >= todayInChina())
      .map((provider) => provider.id),
  );
  const agreed = new Set(
    world.agreements.filter((agreement) => agreement.status === 'ACTIVE' && agreement.regionCode === regionCode).map((a) => a.providerId),
  );
  return world.systems.filter(
    (system) =>
      system.regionCode === regionCode &&
      system.deploymentMode === 'ON_CLOUD' &&
      !system.loadVariesWidely &&
      system.providerId !== null &&
      designated.has(system.providerId) &&
      agreed.has(system.providerId) &&
      !world.applications.some((application) => application.systemId === system.id),
  );
}
