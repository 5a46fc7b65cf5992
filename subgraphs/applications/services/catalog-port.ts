// What the applications subgraph needs from the providers subgraph when a procurement is recorded
// (第八条): the caps of the catalog entries (CATALOG_CAP) and, for prices concluded below a cap,
// the lowering of that cap (CAP_LOWERS) delivered after commit. server.ts builds it from the kit's
// subgraph client and job queue.
import type { EntityManager } from 'typeorm';

export interface ProcuredLine {
  applicationId: string;
  applicationNumber: string;
  catalogEntryId: string;
  concludedPriceFen: number;
  capFen: number;
}

export interface ProviderCatalogPort {
  /** Current caps of the entries, in fen; an entry missing from the map is unknown to the providers subgraph. */
  capsOf(entryIds: readonly string[]): Promise<Map<string, number>>;
  /** Schedules CAP_LOWERS for lines concluded below their cap, in the caller's transaction. */
  lowerCapsLater(manager: EntityManager, lines: readonly ProcuredLine[]): Promise<void>;
}

/** A port over fixed caps; `lowered` collects what would be lowered, for tests to inspect. */
export function fixedCapsPort(caps: ReadonlyMap<string, number>): ProviderCatalogPort & { lowered: ProcuredLine[] } {
  const lowered: ProcuredLine[] = [];
  return {
    lowered,
    capsOf: async (entryIds) => new Map(entryIds.filter((id) => caps.has(id)).map((id) => [id, caps.get(id)!])),
    lowerCapsLater: async (_manager, lines) => {
      lowered.push(...lines);
    },
  };
}
