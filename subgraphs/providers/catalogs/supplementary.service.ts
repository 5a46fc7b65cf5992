// The supplementary catalog (补充目录): submitted by providers, filed by the bureau, usable only
// once filed, promoted into the basic catalog after evaluation (第八条, SUPPLEMENTARY_FILED).
import { randomUUID } from 'node:crypto';
import { isBilledOnce } from '../../contracts/billing-cycle';
import type { DataSource, EntityManager } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { ConflictError, NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { SupplementaryCatalogEntryEntity } from './supplementary-catalog-entry.entity';
import type { ProviderEntity } from '../directory/provider.entity';
import { assertFileable, assertPromotable, assertSupplementaryUsable, assertWithdrawable } from './catalogs.rules';
import { addBasicCatalogEntry } from './catalog.service';
import type { Actor } from '../loaders';
import { lockProvider } from '../directory/provider.service';
import { findOrCreateServiceItemFor } from './service-item.service';
import type { ServiceCategory, SupplementaryFilingStatus } from '../generated/graphql';
import { enqueueSupplementaryFilingChanged } from '../../contracts/supplementary-filing-events';

export const SUPPLEMENTARY_ENTRY = '补充目录条目';

export function supplementaryEntriesByIds(dataSource: DataSource, ids: readonly string[]): Promise<SupplementaryCatalogEntryEntity[]> {
  return fetchByIds(dataSource.getRepository(SupplementaryCatalogEntryEntity).createQueryBuilder('entry'), 'entry.id', ids);
}

/** Pages of many providers' supplementary catalogs by code, of one filing status or all: one statement a batch (kit/child-connection.ts). */
export function supplementaryPagesByProvider(dataSource: DataSource, filingStatus: SupplementaryFilingStatus | null) {
  return childConnectionLoader({
    query: () => {
      const query = dataSource.getRepository(SupplementaryCatalogEntryEntity).createQueryBuilder('entry');
      return filingStatus ? query.andWhere('entry.filing_status = :filingStatus', { filingStatus }) : query;
    },
    alias: 'entry',
    parentColumn: 'provider_id',
    parentOf: (entry) => entry.providerId,
    sortExpression: 'entry.code::text',
    sortValueOf: (entry) => entry.code,
  });
}

export interface NewSupplementaryEntry {
  code: string;
  name: string;
  category: ServiceCategory;
  billingUnit: string;
  description: string;
  listedPriceFen: number;
}

/** A provider submits a differentiated service; it waits for the bureau's filing (PENDING). `provider` is locked. */
export async function submitSupplementaryEntry(
  manager: EntityManager,
  provider: ProviderEntity,
  input: NewSupplementaryEntry,
  actor: Actor,
): Promise<SupplementaryCatalogEntryEntity> {
  const providerId = provider.id;
  if (provider.status === 'EXITING' || provider.status === 'EXITED') {
    throw new ConflictError('退出中或已退出的服务商不能新增补充目录条目');
  }
  const repository = manager.getRepository(SupplementaryCatalogEntryEntity);
  if (await repository.exists({ where: { providerId, code: input.code } })) {
    throw new ConflictError(`补充目录中已有编码为 ${input.code} 的条目`);
  }
  const entry = repository.create({
    id: randomUUID(),
    providerId,
    ...input,
    filingStatus: 'PENDING',
    submittedAt: new Date(),
    submittedBy: actor.subject,
    filedOn: null,
    filedBy: null,
    promotedToEntryId: null,
  });
  await repository.insert(entry);
  await publishFiling(manager, entry);
  return entry;
}

/** Tells the applications subgraph's replica of the filings (SUPPLEMENTARY_FILED), in the caller's transaction. */
function publishFiling(manager: EntityManager, entry: SupplementaryCatalogEntryEntity): Promise<void> {
  return enqueueSupplementaryFilingChanged(manager, {
    entryId: entry.id,
    providerId: entry.providerId,
    code: entry.code,
    filingStatus: entry.filingStatus,
    billedOnce: isBilledOnce(entry.billingUnit),
  });
}

async function saveFiling(manager: EntityManager, entry: SupplementaryCatalogEntryEntity): Promise<SupplementaryCatalogEntryEntity> {
  await manager.getRepository(SupplementaryCatalogEntryEntity).update(entry.id, {
    filingStatus: entry.filingStatus,
    filedOn: entry.filedOn,
    filedBy: entry.filedBy,
    promotedToEntryId: entry.promotedToEntryId,
  });
  await publishFiling(manager, entry);
  return entry;
}

/** The bureau or the centre files (备案) a pending entry (locked by the caller): from now on units may use it. */
export async function fileSupplementaryEntry(
  manager: EntityManager,
  entry: SupplementaryCatalogEntryEntity,
  actor: Actor,
  today: string,
): Promise<SupplementaryCatalogEntryEntity> {
  assertFileable(entry.filingStatus);
  Object.assign(entry, { filingStatus: 'FILED', filedOn: today, filedBy: actor.subject });
  return saveFiling(manager, entry);
}

/** The provider withdraws its own pending or filed entry (locked by the caller, who checked it is the provider's). */
export async function withdrawSupplementaryEntry(
  manager: EntityManager,
  entry: SupplementaryCatalogEntryEntity,
): Promise<SupplementaryCatalogEntryEntity> {
  assertWithdrawable(entry.filingStatus);
  entry.filingStatus = 'WITHDRAWN';
  return saveFiling(manager, entry);
}

/**
 * SUPPLEMENTARY_FILED: a filed entry (locked by the caller), evaluated and priced, becomes a basic-catalog
 * entry of the same provider under a standard item (an existing one, or one created from the entry).
 */
export async function promoteSupplementaryEntry(
  manager: EntityManager,
  entry: SupplementaryCatalogEntryEntity,
  serviceItemCode: string,
  priceCapFen: number,
  actor: Actor,
): Promise<SupplementaryCatalogEntryEntity> {
  assertPromotable(entry);
  await findOrCreateServiceItemFor(manager, serviceItemCode, entry);
  const basic = await addBasicCatalogEntry(
    manager,
    await lockProvider(manager, entry.providerId),
    {
      serviceItemCode,
      priceCapFen,
      listedPriceFen: Math.min(entry.listedPriceFen, priceCapFen),
      sourceReference: entry.id,
    },
    actor,
    'BUREAU_ADJUSTMENT',
    `补充目录条目 ${entry.code} 经评估定价后编入基本目录`,
  );
  entry.filingStatus = 'PROMOTED';
  entry.promotedToEntryId = basic.id;
  return saveFiling(manager, entry);
}

export type UsableCatalogEntry =
  { kind: 'BASIC'; entry: BasicCatalogEntryEntity } | { kind: 'SUPPLEMENTARY'; entry: SupplementaryCatalogEntryEntity };

/**
 * For the applications subgraph: the catalog entry an application line names, if it may be used.
 * Basic entries always may; a supplementary one only once filed (SUPPLEMENTARY_FILED).
 */
export async function assertCatalogEntryUsable(manager: EntityManager, entryId: string): Promise<UsableCatalogEntry> {
  if (!isUuid(entryId)) throw new NotFoundError('目录条目');
  const basic = await manager.getRepository(BasicCatalogEntryEntity).findOne({ where: { id: entryId } });
  if (basic) return { kind: 'BASIC', entry: basic };
  const supplementary = await manager.getRepository(SupplementaryCatalogEntryEntity).findOne({ where: { id: entryId } });
  if (!supplementary) throw new NotFoundError('目录条目');
  assertSupplementaryUsable(supplementary);
  return { kind: 'SUPPLEMENTARY', entry: supplementary };
}
