// What the settlement needs of the supervision subgraph (第十六条 "根据…系统资源利用率评估情况"): each
// system's utilisation flag for the year. A port, so the settlement services are tested without
// HTTP; the subgraph runs it over HTTP (utilisation-port-http.ts), one request per settlement.
import type { Principal } from '../../kit/principal';
import type { SettlementUtilisationFlag as UtilisationFlag } from '../generated/graphql';

export interface UtilisationPort {
  /**
   * The flag of each system for `year`, asked in one request; a system supervision does not answer
   * for is absent (the settlement counts it NO_DATA). Throws SERVICE_UNAVAILABLE when supervision
   * cannot be asked: a settlement is never computed on a guess.
   */
  yearFlags(systemIds: readonly string[], year: number): Promise<Map<string, UtilisationFlag>>;
}

export type UtilisationPortFor = (principal: Principal) => UtilisationPort;

/** A port answering one flag for every system (seeds and tests). */
export function fixedUtilisationPort(flag: UtilisationFlag, overrides: ReadonlyMap<string, UtilisationFlag> = new Map()): UtilisationPort {
  return {
    yearFlags: async (systemIds) => new Map(systemIds.map((id) => [id, overrides.get(id) ?? flag])),
  };
}
