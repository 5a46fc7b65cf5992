// The replica of the basic-catalog caps (第八条): written only by the providers subgraph's
// cap-change events, read when a procurement is checked against CATALOG_CAP.
import type { EntityManager } from 'typeorm';
import type { CatalogCapChangedPayload } from '../../contracts/catalog-cap-events';
import { wellFormedIds } from '../../kit/ids';
import { CatalogCapEntity } from './catalog-cap.entity';
import { FILING_RANK, type SupplementaryFilingChangedPayload } from '../../contracts/supplementary-filing-events';
import { SupplementaryEntryEntity } from './supplementary-entry.entity';

const TABLE = '"applications"."catalog_cap"';

/**
 * Applies one cap change in one statement, only when its version is newer than the replica's:
 * a redelivered event changes nothing, and an older one arriving after a newer one is ignored.
 * True when the replica changed.
 */
export async function upsertCatalogCap(
  manager: EntityManager,
  change: Pick<CatalogCapChangedPayload, 'entryId' | 'providerId' | 'capVersion'> & { capFen: number; billedOnce?: boolean },
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${TABLE} AS cap (entry_id, provider_id, cap_fen, cap_version, billed_once, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (entry_id) DO UPDATE
       SET provider_id = EXCLUDED.provider_id, cap_fen = EXCLUDED.cap_fen, cap_version = EXCLUDED.cap_version,
           billed_once = EXCLUDED.billed_once, updated_at = now()
       WHERE cap.cap_version < EXCLUDED.cap_version
     RETURNING entry_id`,
    [change.entryId, change.providerId, change.capFen, change.capVersion, change.billedOnce ?? false],
  );
  return rows.length > 0;
}

/** An entry's current cap in fen and the provider whose basic catalog holds it. */
export interface EntryCap {
  capFen: number;
  providerId: string;
}

/** The replica's caps of these entries, with their providers, in one query; entries it does not hold are absent. */
export async function replicaCapsOf(manager: EntityManager, entryIds: readonly string[]): Promise<Map<string, EntryCap>> {
  const ids = wellFormedIds(entryIds);
  if (ids.length === 0) return new Map();
  const rows = await manager.getRepository(CatalogCapEntity).createQueryBuilder('cap').where('cap.entry_id = ANY(:ids)', { ids }).getMany();
  return new Map(rows.map((row) => [row.entryId, { capFen: row.capFen, providerId: row.providerId }]));
}

/**
 * SUPPLEMENTARY_FILED: applies one filing change in one statement, only when it moves the filing
 * forward (FILING_RANK), so a redelivered or late event changes nothing. True when the replica changed.
 */
export async function upsertSupplementaryEntry(manager: EntityManager, change: SupplementaryFilingChangedPayload): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "applications"."supplementary_entry" AS entry (entry_id, provider_id, code, filing_status, filing_rank, billed_once, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (entry_id) DO UPDATE
       SET filing_status = EXCLUDED.filing_status, filing_rank = EXCLUDED.filing_rank, code = EXCLUDED.code,
           billed_once = EXCLUDED.billed_once, updated_at = now()
       WHERE entry.filing_rank < EXCLUDED.filing_rank
     RETURNING entry_id`,
    [change.entryId, change.providerId, change.code, change.filingStatus, FILING_RANK[change.filingStatus], change.billedOnce ?? false],
  );
  return rows.length > 0;
}

/** The replica's supplementary entries among these ids, in one query; ids it does not hold are absent. */
export async function replicaSupplementaryOf(
  manager: EntityManager,
  entryIds: readonly string[],
): Promise<Map<string, SupplementaryEntryEntity>> {
  const ids = wellFormedIds(entryIds);
  if (ids.length === 0) return new Map();
  const rows = await manager
    .getRepository(SupplementaryEntryEntity)
    .createQueryBuilder('entry')
    .where('entry.entry_id = ANY(:ids)', { ids })
    .getMany();
  return new Map(rows.map((row) => [row.entryId, row]));
}
