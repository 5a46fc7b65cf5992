// The service catalogs: standard items, basic and supplementary entries and the caps' history, and
// their mutations (第八条), each through the kit's pipeline (kit/mutation.ts): role, input, the locked
// entry or provider, the rules and writes, the audit entry. A provider acts on its own entries only;
// another provider's answers NOT_FOUND, like a missing one.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { findInScope } from '../../kit/lookup';
import { fenToYuan, parseMoney } from '../../kit/money';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { requiredText } from '../../kit/text-input';
import type { ProviderEntity } from '../directory/provider.entity';
import { providerTarget } from '../directory/provider.service';
import { actorOf, ownProviderId, type ProvidersContext } from '../loaders';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { addBasicCatalogEntry, applyConcludedPrice, CATALOG_ENTRY, setListedPrice, setPriceCap } from './catalog.service';
import {
  catalogCode,
  parseBasicEntryInput,
  parseSupplementaryInput,
  type BasicEntryInput,
  type SupplementaryInput,
} from './catalogs.inputs';
import { isSupplementaryUsable, type FilingStatus } from './catalogs.rules';
import type { PriceCapChangeEntity } from './price-cap-change.entity';
import type { ServiceCategory, ServiceItemEntity } from './service-item.entity';
import { listServiceItems } from './service-item.service';
import { SupplementaryCatalogEntryEntity } from './supplementary-catalog-entry.entity';
import {
  fileSupplementaryEntry,
  promoteSupplementaryEntry,
  submitSupplementaryEntry,
  SUPPLEMENTARY_ENTRY,
  withdrawSupplementaryEntry,
} from './supplementary.service';

const yuanOrNull = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
const basicEntry = (id: string) => ({ entity: BasicCatalogEntryEntity, id, what: CATALOG_ENTRY });
const supplementaryEntry = (id: string) => ({ entity: SupplementaryCatalogEntryEntity, id, what: SUPPLEMENTARY_ENTRY });
/** A provider's own entries only: another provider's are answered like missing ones. */
const ownedBy = (ctx: ProvidersContext) => (entry: { providerId: string }) => entry.providerId === ownProviderId(ctx);

export const catalogsResolvers = {
  Query: {
    serviceItems: (_: unknown, args: ConnectionArgs & { category?: ServiceCategory }, context: ProvidersContext) =>
      listServiceItems(context.dataSource, args),

    serviceItem: (_: unknown, args: { code: string }, context: ProvidersContext) => context.loaders.serviceItemByCode.load(args.code),

    catalogEntry: (_: unknown, args: { id: string }, context: ProvidersContext) =>
      findInScope(
        args.id,
        async (id) => (await context.loaders.catalogEntryById.load(id)) ?? (await context.loaders.supplementaryEntryById.load(id)),
      ),
  },

  Mutation: {
    /** The provider is locked so that two additions of one item to its catalog serialise. */
    addBasicCatalogEntry: mutation({
      roles: [Role.BUREAU],
      input: (args: { input: BasicEntryInput }) => parseBasicEntryInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => addBasicCatalogEntry(tx.manager, provider, input, actorOf(tx)),
    }),

    setListedPrice: mutation({
      roles: [Role.PROVIDER],
      input: (args: { entryId: string; priceYuan: string }) => ({
        entryId: args.entryId,
        priceFen: parseMoney(args.priceYuan, 'priceYuan', '公布价格', { allowZero: true }),
      }),
      lock: (input, ctx: ProvidersContext) => ({ ...basicEntry(input.entryId), visible: ownedBy(ctx) }),
      run: (tx, input, entry) => setListedPrice(tx.manager, entry, input.priceFen),
    }),

    setPriceCap: mutation({
      roles: [Role.BUREAU],
      input: (args: { entryId: string; capYuan: string; reason: string }) => ({
        entryId: args.entryId,
        capFen: parseMoney(args.capYuan, 'capYuan', '最高限价'),
        reason: requiredText(args.reason, 'reason', '调整原因', 500),
      }),
      lock: (input) => basicEntry(input.entryId),
      run: (tx, input, entry) => setPriceCap(tx.manager, entry, input.capFen, input.reason, actorOf(tx)),
    }),

    lowerCapFromProcurement: mutation({
      roles: [Role.BUREAU, Role.CENTER],
      input: (args: { entryId: string; concludedPriceYuan: string; procurementReference: string }) => ({
        entryId: args.entryId,
        concludedFen: parseMoney(args.concludedPriceYuan, 'concludedPriceYuan', '采购成交价', { allowZero: true }),
        reference: requiredText(args.procurementReference, 'procurementReference', '采购编号', 100),
      }),
      lock: (input) => basicEntry(input.entryId),
      run: (tx, input, entry) => applyConcludedPrice(tx.manager, entry, input.concludedFen, input.reference, actorOf(tx)),
    }),

    /** The provider's own row is locked so that two submissions of one code serialise. */
    submitSupplementaryEntry: mutation({
      roles: [Role.PROVIDER],
      input: (args: { input: SupplementaryInput }) => parseSupplementaryInput(args.input),
      lock: (_input, ctx: ProvidersContext) => providerTarget(ownProviderId(ctx)),
      run: (tx, input, provider) => submitSupplementaryEntry(tx.manager, provider, input, actorOf(tx)),
    }),

    /** 第八条 names the bureau and the centre as the filing authorities (由市大数据局、市大数据应用中心负责备案). */
    fileSupplementaryEntry: mutation({
      roles: [Role.BUREAU, Role.CENTER],
      lock: (args: { id: string }) => supplementaryEntry(args.id),
      run: (tx, _args, entry) => fileSupplementaryEntry(tx.manager, entry, actorOf(tx), tx.today),
    }),

    withdrawSupplementaryEntry: mutation({
      roles: [Role.PROVIDER],
      lock: (args: { id: string }, ctx: ProvidersContext) => ({ ...supplementaryEntry(args.id), visible: ownedBy(ctx) }),
      run: (tx, _args, entry) => withdrawSupplementaryEntry(tx.manager, entry),
    }),

    promoteSupplementaryEntry: mutation({
      roles: [Role.BUREAU],
      input: (args: { id: string; serviceItemCode: string; priceCapYuan: string }) => ({
        id: args.id,
        serviceItemCode: catalogCode(args.serviceItemCode, 'serviceItemCode', '标准服务条目编码'),
        capFen: parseMoney(args.priceCapYuan, 'priceCapYuan', '最高限价'),
      }),
      lock: (input) => supplementaryEntry(input.id),
      run: (tx, input, entry) => promoteSupplementaryEntry(tx.manager, entry, input.serviceItemCode, input.capFen, actorOf(tx)),
    }),
  },

  Provider: {
    basicCatalog: async (provider: ProviderEntity, args: ConnectionArgs, context: ProvidersContext) =>
      connectionFromArray(await context.loaders.basicCatalogByProviderId.load(provider.id), args, (entry) => entry.serviceItemCode),

    supplementaryCatalog: async (
      provider: ProviderEntity,
      args: ConnectionArgs & { filingStatus?: FilingStatus },
      context: ProvidersContext,
    ) => {
      const entries = await context.loaders.supplementaryByProviderId.load(provider.id);
      const filtered = args.filingStatus ? entries.filter((entry) => entry.filingStatus === args.filingStatus) : entries;
      return connectionFromArray(filtered, args, (entry) => entry.code);
    },
  },

  ServiceItem: {
    __resolveReference: (reference: { code: string }, context: ProvidersContext) => context.loaders.serviceItemByCode.load(reference.code),
    specs: (item: ServiceItemEntity) => ({ vCpu: item.vCpu, memoryGb: item.memoryGb, storageGb: item.storageGb }),
    referenceCapYuan: (item: ServiceItemEntity) => yuanOrNull(item.referenceCapFen),
  },

  CatalogEntry: {
    __resolveType: (entry: object) => (entry instanceof BasicCatalogEntryEntity ? 'BasicCatalogEntry' : 'SupplementaryCatalogEntry'),
  },

  BasicCatalogEntry: {
    __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.catalogEntryById.load(reference.id),
    provider: (entry: BasicCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
      context.loaders.providerById.load(entry.providerId),
    serviceItem: (entry: BasicCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
      context.loaders.serviceItemByCode.load(entry.serviceItemCode),
    priceCapYuan: (entry: BasicCatalogEntryEntity) => fenToYuan(entry.priceCapFen),
    listedPriceYuan: (entry: BasicCatalogEntryEntity) => fenToYuan(entry.listedPriceFen),
    usable: () => true,
    capHistory: async (entry: BasicCatalogEntryEntity, args: ConnectionArgs, context: ProvidersContext) =>
      connectionFromArray(await context.loaders.capHistoryByEntryId.load(entry.id), args, (change) => change.changedAt.toISOString()),
  },

  PriceCapChange: {
    previousCapYuan: (change: PriceCapChangeEntity) => yuanOrNull(change.previousCapFen),
    newCapYuan: (change: PriceCapChangeEntity) => fenToYuan(change.newCapFen),
    changedAt: (change: PriceCapChangeEntity) => change.changedAt.toISOString(),
  },

  SupplementaryCatalogEntry: {
    __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.supplementaryEntryById.load(reference.id),
    provider: (entry: SupplementaryCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
      context.loaders.providerById.load(entry.providerId),
    listedPriceYuan: (entry: SupplementaryCatalogEntryEntity) => fenToYuan(entry.listedPriceFen),
    usable: (entry: SupplementaryCatalogEntryEntity) => isSupplementaryUsable(entry.filingStatus),
    promotedToEntry: (entry: SupplementaryCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
      entry.promotedToEntryId ? context.loaders.catalogEntryById.load(entry.promotedToEntryId) : null,
  },
};
