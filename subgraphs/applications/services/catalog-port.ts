// What the applications subgraph needs from the providers subgraph when a procurement is recorded
// (第八条): the caps of the catalog entries (CATALOG_CAP) and, for prices concluded below a cap,
// the lowering of that cap (CAP_LOWERS) delivered after commit. The real implementation (the kit's
// subgraph client and job queue) is wired in later; until then the demo world's agreed caps stand in.
import type { EntityManager } from 'typeorm';
import { buildWorld } from '../../../seed/world';
import { yuanToFen } from '../../kit/money';

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

let worldCaps: Map<string, number> | undefined;

/** Stand-in until the providers client is wired: the caps agreed at designation in the demo world. */
export function worldCatalogPort(): ProviderCatalogPort {
  worldCaps ??= new Map(buildWorld().basicCatalog.map((entry) => [entry.id, yuanToFen(entry.priceCapYuan)!]));
  return fixedCapsPort(worldCaps);
}
