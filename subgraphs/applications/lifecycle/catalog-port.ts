// What the applications subgraph needs of the providers' catalog when a procurement is recorded
// (第八条): the caps of the catalog entries (CATALOG_CAP) and, for prices concluded below a cap,
// the lowering of that cap (CAP_LOWERS) delivered after commit. The caps come from this subgraph's
// own replica (catalog-cap.service.ts), so no call to the providers subgraph is needed: a
// procurement is recorded while providers is down, and the lowering waits in the job queue.
import type { EntityManager } from 'typeorm';
import { fenToYuan } from '../../kit/money';
import type { Principal } from '../../kit/principal';
import { enqueueCapLowerings } from '../../contracts/cap-lowerings';
import { replicaCapsOf, replicaSupplementaryOf, type EntryCap } from '../catalog-caps/catalog-cap.service';
import type { FilingStatus } from '../../contracts/supplementary-filing-events';
import type { EntryOnCatalog } from './catalog-lines.rules';

export type { EntryCap };

export interface ProcuredLine {
  applicationId: string;
  /**
   * The procurement the providers subgraph keys the lowering by (one price per reference and
   * entry): the application's number for its procurement, `<number>/<change or migration id>` for a
   * change or a host change, whose new prices are procurements of their own (procurementReference).
   */
  procurementReference: string;
  catalogEntryId: string;
  concludedPriceFen: number;
  capFen: number;
}

/** A supplementary-catalog entry as a procurement needs it: no cap, only its provider and its filing. */
export interface SupplementaryEntryOf {
  providerId: string;
  code: string;
  filingStatus: FilingStatus;
}

export interface ProviderCatalogPort {
  /**
   * Current caps of the entries, in fen, with the provider whose basic catalog holds each; an entry
   * missing from the map is not in any basic catalog.
   */
  capsOf(manager: EntityManager, entryIds: readonly string[]): Promise<Map<string, EntryCap>>;
  /**
   * The supplementary-catalog entries among these ids, with their provider and filing
   * (SUPPLEMENTARY_FILED); an id missing from the map is in no supplementary catalog.
   */
  supplementaryOf(manager: EntityManager, entryIds: readonly string[]): Promise<Map<string, SupplementaryEntryOf>>;
  /**
   * Schedules CAP_LOWERS for every line concluded on a basic entry, in the caller's transaction: the
   * providers subgraph lowers the cap to a price below it and checks each price against the cap in
   * force (CATALOG_CAP), so a price at a stale replica's cap is checked too (contracts/cap-refusals.ts).
   */
  lowerCapsLater(manager: EntityManager, lines: readonly ProcuredLine[]): Promise<void>;
}

/**
 * The entries as the price checks see them (catalog-lines.rules.ts): each one's basic-catalog cap,
 * or else its supplementary filing; two reads for any number of lines.
 */
export async function entriesOnCatalog(
  port: ProviderCatalogPort,
  manager: EntityManager,
  entryIds: readonly string[],
): Promise<(entryId: string) => EntryOnCatalog> {
  const unique = [...new Set(entryIds)];
  const caps = await port.capsOf(manager, unique);
  const supplementary = await port.supplementaryOf(
    manager,
    unique.filter((id) => !caps.has(id)),
  );
  return (entryId) => ({ cap: caps.get(entryId), supplementary: supplementary.get(entryId) });
}

/**
 * The port as the subgraph runs it: caps read from the replica in the procurement's transaction
 * (one query), lowerings enqueued in it under each line's procurement reference and with the
 * principal as the actor of the cap history.
 */
export function replicaCatalogPort(principal: Principal): ProviderCatalogPort {
  return {
    capsOf: replicaCapsOf,
    supplementaryOf: replicaSupplementaryOf,
    lowerCapsLater: (manager, lines) =>
      enqueueCapLowerings(
        manager,
        lines.map((line) => ({
          entryId: line.catalogEntryId,
          concludedPriceYuan: fenToYuan(line.concludedPriceFen),
          procurementReference: line.procurementReference,
          actor: { subject: principal.subject },
        })),
      ),
  };
}

/** A port over fixed caps; `lowered` collects what would be lowered, for tests to inspect. */
export function fixedCapsPort(
  caps: ReadonlyMap<string, EntryCap>,
  supplementary: ReadonlyMap<string, SupplementaryEntryOf> = new Map(),
): ProviderCatalogPort & { lowered: ProcuredLine[] } {
  const lowered: ProcuredLine[] = [];
  return {
    lowered,
    capsOf: async (_manager, entryIds) => new Map(entryIds.filter((id) => caps.has(id)).map((id) => [id, caps.get(id)!])),
    supplementaryOf: async (_manager, entryIds) =>
      new Map(entryIds.filter((id) => supplementary.has(id)).map((id) => [id, supplementary.get(id)!])),
    lowerCapsLater: async (_manager, lines) => {
      lowered.push(...lines);
    },
  };
}

/**
 * The reference of a procurement made by a change or a host change of application `number`: the
 * application's number first, so a refusal finds its application (applicationOfReference).
 */
export function procurementReference(applicationNumber: string, stepId?: string): string {
  return stepId === undefined ? applicationNumber : `${applicationNumber}/${stepId}`;
}

/** The application number a procurement reference begins with. */
export function applicationOfReference(reference: string): string {
  return reference.split('/')[0]!;
}
