// What the settlement CSV needs of the providers subgraph (第十六条): the names of the providers
// and catalog entries its lines cite by id, so finance and audit read names beside the ids. A port,
// so the CSV is tested without HTTP; the subgraph asks over HTTP (names-port-http.ts).
import type { Principal } from '../../kit/principal';

export interface SettlementNames {
  /** Provider id → name. */
  providers: ReadonlyMap<string, string>;
  /** Catalog entry id → name: a basic entry's service item, a supplementary entry's own name. */
  catalogEntries: ReadonlyMap<string, string>;
}

export interface SettlementNamesPort {
  /** All the names in one request; throws SERVICE_UNAVAILABLE when providers cannot be asked. */
  namesOf(providerIds: readonly string[], catalogEntryIds: readonly string[]): Promise<SettlementNames>;
}

export type SettlementNamesPortFor = (principal: Principal) => SettlementNamesPort;
