// The basic catalog (基本目录): entries, their caps and the caps' history (第八条, CATALOG_CAP, CAP_LOWERS).
import { randomUUID } from 'node:crypto';
import { isBilledOnce } from '../../contracts/billing-cycle';
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import type { DataSource, EntityManager } from 'typeorm';
import { enqueueCatalogCapChanged, INITIAL_CAP_VERSION } from '../../contracts/catalog-cap-events';
import { ConflictError, NotFoundError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { PriceCapChangeEntity } from './price-cap-change.entity';
import { ProcurementPriceEntity } from './procurement-price.entity';
import { ServiceItemEntity } from './service-item.entity';
import type { ProviderEntity } from '../directory/provider.entity';
import { assertWithinCap, capAfterProcurement, pricesAfterCapChange } from '../../contracts/catalog-cap';
import { fenToYuan, parseMoney } from '../../kit/money';
import { lockById } from '../directory/provider.service';
import type { Actor } from '../loaders';
import { requiredText } from '../../kit/text-input';
import type { PriceCapSource } from '../generated/graphql';
import { AgreementEntity } from '../agreements/agreement.entity';
import { CITY_REGION_CODE } from '../../kit/regions';
import { assertCapChangeAllowed, type NewAgreementPeriod } from './catalogs.rules';

export const CATALOG_ENTRY = '基本目录条目';

export function basicEntriesByIds(dataSource: DataSource, ids: readonly string[]): Promise<BasicCatalogEntryEntity[]> {
  return fetchByIds(dataSource.getRepository(BasicCatalogEntryEntity).createQueryBuilder('entry'), 'entry.id', ids);
}

/** Pages of many providers' basic catalogs by service item code: one statement a batch (kit/child-connection.ts). */
export function basicCatalogPagesByProvider(dataSource: DataSource) {
  return childConnectionLoader({
    query: () => dataSource.getRepository(BasicCatalogEntryEntity).createQueryBuilder('entry'),
    alias: 'entry',
    parentColumn: 'provider_id',
    parentOf: (entry) => entry.providerId,
    sortExpression: 'entry.service_item_code::text',
    sortValueOf: (entry) => entry.serviceItemCode,
  });
}

export function capHistoryByEntryIds(dataSource: DataSource, entryIds: readonly string[]): Promise<PriceCapChangeEntity[]> {
  return fetchByIds(dataSource.getRepository(PriceCapChangeEntity).createQueryBuilder('change'), 'change.entry_id', entryIds);
}

/** Pages of many entries' cap histories, oldest first: one statement a batch (kit/child-connection.ts). */
export function capHistoryPagesByEntry(dataSource: DataSource) {
  return childConnectionLoader({
    query: () => dataSource.getRepository(PriceCapChangeEntity).createQueryBuilder('change'),
    alias: 'change',
    parentColumn: 'entry_id',
    parentOf: (change) => change.entryId,
    sortExpression: instantSortText('change.changed_at'),
    sortValueOf: (change) => change.changedAt.toISOString(),
  });
}

/** Locks an entry outside a GraphQL mutation (the job queue's CAP_LOWERS); mutations lock it in their pipeline. */
export function lockBasicEntry(manager: EntityManager, id: string): Promise<BasicCatalogEntryEntity> {
  return lockById(manager, BasicCatalogEntryEntity, id, CATALOG_ENTRY);
}

interface CapChange {
  previousCapFen: number | null;
  newCapFen: number;
  source: PriceCapSource;
  sourceReference?: string | null;
  reason?: string | null;
}

/**
 * Every change of a cap ends here: its history row, and the event that brings the applications
 * subgraph's replica of the caps up to `entry.capVersion`, both in the change's transaction.
 */
async function recordCapChange(manager: EntityManager, entry: BasicCatalogEntryEntity, change: CapChange, actor: Actor): Promise<void> {
  await manager.getRepository(PriceCapChangeEntity).insert({
    id: randomUUID(),
    entryId: entry.id,
    previousCapFen: change.previousCapFen,
    newCapFen: change.newCapFen,
    source: change.source,
    sourceReference: change.sourceReference ?? null,
    reason: change.reason ?? null,
    changedAt: new Date(),
    changedBy: actor.subject,
  });
  const item = await manager.getRepository(ServiceItemEntity).findOneOrFail({ where: { code: entry.serviceItemCode } });
  await enqueueCatalogCapChanged(manager, {
    entryId: entry.id,
    providerId: entry.providerId,
    capYuan: fenToYuan(change.newCapFen),
    capVersion: entry.capVersion,
    billedOnce: isBilledOnce(item.billingUnit),
  });
}

async function saveEntry(manager: EntityManager, entry: BasicCatalogEntryEntity): Promise<BasicCatalogEntryEntity> {
  entry.updatedAt = new Date();
  await manager.getRepository(BasicCatalogEntryEntity).update(entry.id, {
    priceCapFen: entry.priceCapFen,
    listedPriceFen: entry.listedPriceFen,
    capVersion: entry.capVersion,
    updatedAt: entry.updatedAt,
  });
  return entry;
}

export interface NewBasicEntry {
  providerId: string;
  serviceItemCode: string;
  priceCapFen: number;
  /** Defaults to the cap. */
  listedPriceFen?: number | null;
  /** The agreement or evaluation the first cap comes from. */
  sourceReference?: string | null;
}

/**
 * A new basic-catalog entry with its first cap, recorded as INITIAL_AGREEMENT (第八条: 首次约定).
 * `provider` is the entry's provider, locked by the caller so two additions of one item serialise.
 */
export async function addBasicCatalogEntry(
  manager: EntityManager,
  provider: ProviderEntity,
  input: Omit<NewBasicEntry, 'providerId'>,
  actor: Actor,
  source: PriceCapSource = 'INITIAL_AGREEMENT',
  reason?: string,
): Promise<BasicCatalogEntryEntity> {
  const item = await manager.getRepository(ServiceItemEntity).findOne({ where: { code: input.serviceItemCode } });
  if (!item) throw new NotFoundError(`标准服务条目 ${input.serviceItemCode} `);
  const repository = manager.getRepository(BasicCatalogEntryEntity);
  if (await repository.exists({ where: { providerId: provider.id, serviceItemCode: input.serviceItemCode } })) {
    throw new ConflictError(`该服务商的基本目录已包含服务条目 ${input.serviceItemCode}`);
  }
  const listedPriceFen = input.listedPriceFen ?? input.priceCapFen;
  assertWithinCap(listedPriceFen, input.priceCapFen, 'LISTED');
  const now = new Date();
  const entry = repository.create({
    id: randomUUID(),
    providerId: provider.id,
    serviceItemCode: input.serviceItemCode,
    priceCapFen: input.priceCapFen,
    listedPriceFen,
    capVersion: INITIAL_CAP_VERSION,
    createdAt: now,
    updatedAt: now,
  });
  await repository.insert(entry);
  await recordCapChange(
    manager,
    entry,
    { previousCapFen: null, newCapFen: entry.priceCapFen, source, sourceReference: input.sourceReference, reason },
    actor,
  );
  return entry;
}

/** CATALOG_CAP: a provider publishes its own price, never above the cap. `entry` is locked (and the caller's own). */
export async function setListedPrice(
  manager: EntityManager,
  entry: BasicCatalogEntryEntity,
  priceFen: number,
): Promise<BasicCatalogEntryEntity> {
  assertWithinCap(priceFen, entry.priceCapFen, 'LISTED');
  entry.listedPriceFen = priceFen;
  return saveEntry(manager, entry);
}

/**
 * The bureau sets a cap; the listed price follows it down. Same cap: no change. A lower cap is a
 * BUREAU_ADJUSTMENT; a higher one only the first cap of the new agreement period `newAgreementNumber`
 * names (CAP_LOWERS, 第九条), recorded as INITIAL_AGREEMENT with that agreement and the reason.
 */
export async function setPriceCap(
  manager: EntityManager,
  entry: BasicCatalogEntryEntity,
  capFen: number,
  reason: string,
  actor: Actor,
  newAgreementNumber: string | null = null,
): Promise<BasicCatalogEntryEntity> {
  if (capFen === entry.priceCapFen) return entry;
  const raise = capFen > entry.priceCapFen;
  const period = raise && newAgreementNumber !== null ? await newAgreementPeriod(manager, entry, newAgreementNumber) : null;
  assertCapChangeAllowed(entry, capFen, raise ? newAgreementNumber : null, period);
  const previousCapFen = entry.priceCapFen;
  Object.assign(entry, toEntryPrices(entry, pricesAfterCapChange(fromEntryPrices(entry), capFen)));
  await saveEntry(manager, entry);
  const source: CapChange = raise
    ? { previousCapFen, newCapFen: capFen, source: 'INITIAL_AGREEMENT', sourceReference: newAgreementNumber, reason }
    : { previousCapFen, newCapFen: capFen, source: 'BUREAU_ADJUSTMENT', reason };
  await recordCapChange(manager, entry, source, actor);
  return entry;
}

/**
 * The provider's city agreement `number` (the catalog's caps are the city's, 第九条), and whether the
 * entry's cap was already set in its period: any change since it started, or one citing it.
 */
async function newAgreementPeriod(
  manager: EntityManager,
  entry: BasicCatalogEntryEntity,
  number: string,
): Promise<NewAgreementPeriod | null> {
  const agreement = await manager
    .getRepository(AgreementEntity)
    .findOne({ where: { providerId: entry.providerId, regionCode: CITY_REGION_CODE, number } });
  if (!agreement || agreement.status !== 'ACTIVE') return null;
  const [row] = (await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM "providers"."price_cap_change"
        WHERE entry_id = $1
          AND (changed_at >= ($2::date AT TIME ZONE 'Asia/Shanghai') OR (source = 'INITIAL_AGREEMENT' AND source_reference = $3))
     ) AS taken`,
    [entry.id, agreement.startsOn, number],
  )) as Array<{ taken: boolean }>;
  return { number, startsOn: agreement.startsOn, capSetInPeriod: row!.taken };
}

/**
 * CATALOG_CAP and CAP_LOWERS for a concluded procurement: a price above the cap is refused, one
 * below lowers the cap (history: PROCUREMENT with the reference) and the listed price with it.
 * Idempotent per (entry, reference), so the applications subgraph's job queue may deliver twice;
 * the same reference with a different price is a CONFLICT.
 */
export async function applyProcurementPrice(
  manager: EntityManager,
  entryId: string,
  concludedPriceYuan: string,
  procurementReference: string,
  actor: Actor = { subject: 'system' },
): Promise<BasicCatalogEntryEntity> {
  const concludedFen = parseMoney(concludedPriceYuan, 'concludedPriceYuan', '采购成交价', { allowZero: true });
  const reference = requiredText(procurementReference, 'procurementReference', '采购编号', 100);
  return applyConcludedPrice(manager, await lockBasicEntry(manager, entryId), concludedFen, reference, actor);
}

/** applyProcurementPrice on a locked entry, with the price and reference already checked. */
export async function applyConcludedPrice(
  manager: EntityManager,
  entry: BasicCatalogEntryEntity,
  concludedFen: number,
  reference: string,
  actor: Actor,
): Promise<BasicCatalogEntryEntity> {
  const entryId = entry.id;
  const applied = manager.getRepository(ProcurementPriceEntity);
  const earlier = await applied.findOne({ where: { entryId, procurementReference: reference } });
  if (earlier) {
    if (earlier.concludedPriceFen !== concludedFen) {
      throw new ConflictError(
        `采购 ${reference} 已按成交价 ${fenToYuan(earlier.concludedPriceFen)} 元处理，不能改为 ${fenToYuan(concludedFen)} 元`,
      );
    }
    return entry;
  }
  const previousCapFen = entry.priceCapFen;
  const decision = capAfterProcurement(fromEntryPrices(entry), concludedFen);
  await applied.insert({
    id: randomUUID(),
    entryId,
    procurementReference: reference,
    concludedPriceFen: concludedFen,
    appliedAt: new Date(),
    appliedBy: actor.subject,
  });
  if (!decision.lowered) return entry;
  Object.assign(entry, toEntryPrices(entry, decision));
  await saveEntry(manager, entry);
  await recordCapChange(
    manager,
    entry,
    { previousCapFen, newCapFen: decision.capFen, source: 'PROCUREMENT', sourceReference: reference },
    actor,
  );
  return entry;
}

function fromEntryPrices(entry: BasicCatalogEntryEntity) {
  return { capFen: entry.priceCapFen, listedFen: entry.listedPriceFen };
}

/** The entry's new prices; a new cap is a new cap version. */
function toEntryPrices(entry: BasicCatalogEntryEntity, prices: { capFen: number; listedFen: number }) {
  const capVersion = prices.capFen === entry.priceCapFen ? entry.capVersion : entry.capVersion + 1;
  return { priceCapFen: prices.capFen, listedPriceFen: prices.listedFen, capVersion };
}
