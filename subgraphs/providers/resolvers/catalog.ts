// Resolvers of the catalog types: standard items, basic and supplementary entries, cap history.
import { connectionFromArray } from '../../kit/connection';
import {
  BasicCatalogEntryEntity,
  type PriceCapChangeEntity,
  type ServiceItemEntity,
  type SupplementaryCatalogEntryEntity,
} from '../entities';
import { fenToYuan } from '../../kit/money';
import { isSupplementaryUsable } from '../rules/supplementary-filed';
import type { PageArgs, ProvidersContext } from './context';

const yuanOrNull = (fen: number | null) => (fen === null ? null : fenToYuan(fen));

export const ServiceItem = {
  __resolveReference: (reference: { code: string }, context: ProvidersContext) => context.loaders.serviceItemByCode.load(reference.code),
  specs: (item: ServiceItemEntity) => ({ vCpu: item.vCpu, memoryGb: item.memoryGb, storageGb: item.storageGb }),
  referenceCapYuan: (item: ServiceItemEntity) => yuanOrNull(item.referenceCapFen),
};

export const CatalogEntry = {
  __resolveType: (entry: object) => (entry instanceof BasicCatalogEntryEntity ? 'BasicCatalogEntry' : 'SupplementaryCatalogEntry'),
};

export const BasicCatalogEntry = {
  __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.catalogEntryById.load(reference.id),
  provider: (entry: BasicCatalogEntryEntity, _: unknown, context: ProvidersContext) => context.loaders.providerById.load(entry.providerId),
  serviceItem: (entry: BasicCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
    context.loaders.serviceItemByCode.load(entry.serviceItemCode),
  priceCapYuan: (entry: BasicCatalogEntryEntity) => fenToYuan(entry.priceCapFen),
  listedPriceYuan: (entry: BasicCatalogEntryEntity) => fenToYuan(entry.listedPriceFen),
  usable: () => true,
  capHistory: async (entry: BasicCatalogEntryEntity, args: PageArgs, context: ProvidersContext) =>
    connectionFromArray(await context.loaders.capHistoryByEntryId.load(entry.id), args, (change) => change.changedAt.toISOString()),
};

export const PriceCapChange = {
  previousCapYuan: (change: PriceCapChangeEntity) => yuanOrNull(change.previousCapFen),
  newCapYuan: (change: PriceCapChangeEntity) => fenToYuan(change.newCapFen),
  changedAt: (change: PriceCapChangeEntity) => change.changedAt.toISOString(),
};

export const SupplementaryCatalogEntry = {
  __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.supplementaryEntryById.load(reference.id),
  provider: (entry: SupplementaryCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
    context.loaders.providerById.load(entry.providerId),
  listedPriceYuan: (entry: SupplementaryCatalogEntryEntity) => fenToYuan(entry.listedPriceFen),
  usable: (entry: SupplementaryCatalogEntryEntity) => isSupplementaryUsable(entry.filingStatus),
  promotedToEntry: (entry: SupplementaryCatalogEntryEntity, _: unknown, context: ProvidersContext) =>
    entry.promotedToEntryId ? context.loaders.catalogEntryById.load(entry.promotedToEntryId) : null,
};
