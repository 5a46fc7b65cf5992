// What the to-do list needs of the providers subgraph for TERM_MAX_3Y (第九条): the designation
// agreements in force at one level and their last days, so an agreement nearing its end shows on
// the bureau's (city) and a county authority's (its county) list. A port, so the rules are tested
// without HTTP; the subgraph runs it over HTTP (agreement-ends-port-http.ts).
import type { Principal } from '../../kit/principal';

/** An agreement in force, as the caller may see it. */
export interface AgreementInForce {
  id: string;
  number: string;
  regionCode: string;
  providerName: string;
  /** The provider's id, for the list's filter (todoItems(filter: { providerId })). */
  providerId?: string;
  /** Inclusive last day of its term. */
  endsOn: string;
}

export interface AgreementEndsPort {
  /** The agreements in force at `regionCode` (371600 for the city). Throws SERVICE_UNAVAILABLE when it cannot be asked. */
  agreementsInForce(regionCode: string): Promise<AgreementInForce[]>;
}

export type AgreementEndsPortFor = (principal: Principal) => AgreementEndsPort;
