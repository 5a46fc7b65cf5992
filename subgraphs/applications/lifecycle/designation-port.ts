// What the applications subgraph needs of the providers subgraph to check DESIGNATED_PROVIDER
// (第十一条) when an application is created and submitted: the provider's current designation and
// its agreements at the applicant's level. A port, so services are tested without HTTP; the
// subgraph runs it over HTTP (designation-port-http.ts).
import type { Principal } from '../../kit/principal';
import type { ProviderDesignation } from './designated-provider.rules';

export interface DesignationPort {
  /**
   * The provider as the caller sees it, with its agreements at `regionCode`; null when it does not
   * exist. Throws SERVICE_UNAVAILABLE when it cannot be asked: never an answer that passes.
   */
  designationOf(providerId: string, regionCode: string): Promise<ProviderDesignation | null>;
}

export type DesignationPortFor = (principal: Principal) => DesignationPort;
