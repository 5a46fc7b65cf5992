// The deterministic demo world every subgraph seed builds its records from. Pure data and pure
// functions: no randomness without a seed, no clock, no database, so every run yields the same ids.
import { buildAgreements } from './world/agreements';
import { buildApplications } from './world/applications';
import { buildBasicCatalog, buildSupplementaryCatalog } from './world/catalog';
import { buildProviderEvaluations } from './world/evaluations';
import { buildProviders } from './world/providers';
import { buildMlpsRecords, buildSecurityAgreements } from './world/security';
import { buildServiceItems } from './world/service-items';
import { buildSystems } from './world/systems';
import type {
  AgreementRecord,
  BasicCatalogEntryRecord,
  ProviderRecord,
  ServiceItemRecord,
  SupplementaryCatalogEntryRecord,
  SystemRecord,
  UnitRecord,
} from './world/types';
import type { ApplicationRecord, MlpsRecord, ProviderEvaluationRecord, SecurityAgreementRecord } from './world/types-lifecycle';
import { buildUnitsWithKinds } from './world/units';

export * from './world/types';
export * from './world/types-lifecycle';
export { securityAgreementIdFor } from './world/security';
export { gradeFor } from './world/evaluations';

/** Everything the seeds need, as plain records linked by stable ids. */
export interface World {
  providers: ProviderRecord[];
  serviceItems: ServiceItemRecord[];
  basicCatalog: BasicCatalogEntryRecord[];
  supplementaryCatalog: SupplementaryCatalogEntryRecord[];
  agreements: AgreementRecord[];
  units: UnitRecord[];
  systems: SystemRecord[];
  applications: ApplicationRecord[];
  securityAgreements: SecurityAgreementRecord[];
  mlpsRecords: MlpsRecord[];
  providerEvaluations: ProviderEvaluationRecord[];
}

/** Builds the world afresh; two calls return deep-equal, independently mutable worlds. */
export function buildWorld(): World {
  const providers = buildProviders();
  const serviceItems = buildServiceItems();
  const basicCatalog = buildBasicCatalog(providers, serviceItems);
  const unitsWithKinds = buildUnitsWithKinds();
  const { systems, applicationSystems } = buildSystems(unitsWithKinds, providers);
  const applications = buildApplications(applicationSystems, basicCatalog);
  return {
    providers,
    serviceItems,
    basicCatalog,
    supplementaryCatalog: buildSupplementaryCatalog(providers),
    agreements: buildAgreements(providers),
    units: unitsWithKinds.map((u) => u.unit),
    systems,
    applications,
    securityAgreements: buildSecurityAgreements(systems, applications),
    mlpsRecords: buildMlpsRecords(systems),
    providerEvaluations: buildProviderEvaluations(providers),
  };
}
