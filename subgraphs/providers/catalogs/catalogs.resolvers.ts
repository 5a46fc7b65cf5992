// The service catalogs: standard items, basic and supplementary entries and the caps' history, and
// their mutations (第八条), each through the kit's pipeline (kit/mutation.ts): role, input, the locked
// entry or provider, the rules and writes, the audit entry. A provider acts on its own entries only;
// another provider's answers NOT_FOUND, like a missing one.
import { childPage } from '../../kit/child-connection';
import { findInScope } from '../../kit/lookup';
import { fenToYuan, parseMoney } from '../../kit/money';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { requiredText } from '../../kit/text-input';
import { providerTarget } from '../directory/provider.service';
import type {
  MutationAddBasicCatalogEntryArgs,
  MutationFileSupplementaryEntryArgs,
  MutationLowerCapFromProcurementArgs,
  MutationPromoteSupplementaryEntryArgs,
  MutationSetListedPriceArgs,
  MutationSetPriceCapArgs,
  MutationSubmitSupplementaryEntryArgs,
  MutationWithdrawSupplementaryEntryArgs,
  Resolvers,
} from '../generated/graphql';
import { actorOf, ownProviderId, referenced, type ProvidersContext } from '../loaders';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { addBasicCatalogEntry, applyConcludedPrice, CATALOG_ENTRY, setListedPrice, setPriceCap } from './catalog.service';
import { catalogCode, parseBasicEntryInput, parseSupplementaryInput } from './catalogs.inputs';
import { isSupplementaryUsable } from './catalogs.rules';
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
    serviceItems: (_, args, context) => listServiceItems(context.dataSource, args),

    serviceItem: (_, args, context) => context.loaders.serviceItemByCode.load(args.code),

    catalogEntry: (_, args, context) =>
      findInScope(
        args.id,
        async (id) => (await context.loaders.catalogEntryById.load(id)) ?? (await context.loaders.supplementaryEntryById.load(id)),
      ),
  },

  Mutation: {
    /** The provider is locked so that two additions of one item to its catalog serialise. */
    addBasicCatalogEntry: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationAddBasicCatalogEntryArgs) => parseBasicEntryInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => addBasicCatalogEntry(tx.manager, provider, input, actorOf(tx)),
    }),

    setListedPrice: mutation({
      roles: [Role.PROVIDER],
      input: (args: MutationSetListedPriceArgs) => ({
        entryId: args.entryId,
        priceFen: parseMoney(args.priceYuan, 'priceYuan', '公布价格', { allowZero: true }),
      }),
      lock: (input, ctx: ProvidersContext) => ({ ...basicEntry(input.entryId), visible: ownedBy(ctx) }),
      run: (tx, input, entry) => setListedPrice(tx.manager, entry, input.priceFen),
    }),

    setPriceCap: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationSetPriceCapArgs) => ({
        entryId: args.entryId,
        capFen: parseMoney(args.capYuan, 'capYuan', '最高限价'),
        reason: requiredText(args.reason, 'reason', '调整原因', 500),
        newAgreementNumber:
          args.newAgreementNumber == null ? null : requiredText(args.newAgreementNumber, 'newAgreementNumber', '新协议编号', 64),
      }),
      lock: (input) => basicEntry(input.entryId),
      run: (tx, input, entry) => setPriceCap(tx.manager, entry, input.capFen, input.reason, actorOf(tx), input.newAgreementNumber),
    }),

    lowerCapFromProcurement: mutation({
      roles: [Role.BUREAU, Role.CENTER],
      input: (args: MutationLowerCapFromProcurementArgs) => ({
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
      input: (args: MutationSubmitSupplementaryEntryArgs) => parseSupplementaryInput(args.input),
      lock: (_input, ctx: ProvidersContext) => providerTarget(ownProviderId(ctx)),
      run: (tx, input, provider) => submitSupplementaryEntry(tx.manager, provider, input, actorOf(tx)),
    }),

    /** 第八条 names the bureau and the centre as the filing authorities (由市大数据局、市大数据应用中心负责备案). */
    fileSupplementaryEntry: mutation({
      roles: [Role.BUREAU, Role.CENTER],
      lock: (args: MutationFileSupplementaryEntryArgs) => supplementaryEntry(args.id),
      run: (tx, _args, entry) => fileSupplementaryEntry(tx.manager, entry, actorOf(tx), tx.today),
    }),

    withdrawSupplementaryEntry: mutation({
      roles: [Role.PROVIDER],
      lock: (args: MutationWithdrawSupplementaryEntryArgs, ctx: ProvidersContext) => ({
        ...supplementaryEntry(args.id),
        visible: ownedBy(ctx),
      }),
      run: (tx, _args, entry) => withdrawSupplementaryEntry(tx.manager, entry),
    }),

    promoteSupplementaryEntry: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationPromoteSupplementaryEntryArgs) => ({
        id: args.id,
        serviceItemCode: catalogCode(args.serviceItemCode, 'serviceItemCode', '标准服务条目编码'),
        capFen: parseMoney(args.priceCapYuan, 'priceCapYuan', '最高限价'),
      }),
      lock: (input) => supplementaryEntry(input.id),
      run: (tx, input, entry) => promoteSupplementaryEntry(tx.manager, entry, input.serviceItemCode, input.capFen, actorOf(tx)),
    }),
  },

  Provider: {
    basicCatalog: (provider, args, context) => context.loaders.basicCatalogPagesByProviderId.load(childPage(provider.id, args)),

    supplementaryCatalog: (provider, args, context) =>
      context.loaders.supplementaryPagesByProviderId(args.filingStatus ?? null).load(childPage(provider.id, args)),
  },

  ServiceItem: {
    __resolveReference: (reference, context) => context.loaders.serviceItemByCode.load(reference.code),
    specs: (item) => ({ vCpu: item.vCpu, memoryGb: item.memoryGb, storageGb: item.storageGb }),
    referenceCapYuan: (item) => yuanOrNull(item.referenceCapFen),
  },

  CatalogEntry: {
    // Another subgraph refers to an entry by id alone (ResourceLine.catalogEntry): either catalog's.
    __resolveReference: async (reference: { id: string }, context: ProvidersContext) =>
      (await context.loaders.catalogEntryById.load(reference.id)) ?? (await context.loaders.supplementaryEntryById.load(reference.id)),
    __resolveType: (entry) => (entry instanceof BasicCatalogEntryEntity ? 'BasicCatalogEntry' : 'SupplementaryCatalogEntry'),
  },

  BasicCatalogEntry: {
    __resolveReference: (reference, context) => context.loaders.catalogEntryById.load(reference.id),
    provider: (entry, _, context) => referenced(context.loaders.providerById.load(entry.providerId)),
    serviceItem: (entry, _, context) => referenced(context.loaders.serviceItemByCode.load(entry.serviceItemCode)),
    priceCapYuan: (entry) => fenToYuan(entry.priceCapFen),
    listedPriceYuan: (entry) => fenToYuan(entry.listedPriceFen),
    usable: () => true,
    capHistory: (entry, args, context) => context.loaders.capHistoryPagesByEntryId.load(childPage(entry.id, args)),
  },

  PriceCapChange: {
    previousCapYuan: (change) => yuanOrNull(change.previousCapFen),
    newCapYuan: (change) => fenToYuan(change.newCapFen),
  },

  SupplementaryCatalogEntry: {
    __resolveReference: (reference, context) => context.loaders.supplementaryEntryById.load(reference.id),
    provider: (entry, _, context) => referenced(context.loaders.providerById.load(entry.providerId)),
    listedPriceYuan: (entry) => fenToYuan(entry.listedPriceFen),
    usable: (entry) => isSupplementaryUsable(entry.filingStatus),
    promotedToEntry: (entry, _, context) =>
      entry.promotedToEntryId ? context.loaders.catalogEntryById.load(entry.promotedToEntryId) : null,
  },
} satisfies Resolvers;
