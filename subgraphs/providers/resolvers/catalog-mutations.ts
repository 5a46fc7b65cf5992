// Mutations on the basic and supplementary catalogs (第八条), each through the kit's pipeline
// (kit/mutation.ts): role, input, the locked entry or provider, the rules and writes, the audit entry.
// A provider acts on its own entries only; another provider's answers NOT_FOUND, like a missing one.
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { parseMoney } from '../../kit/money';
import { BasicCatalogEntryEntity, ProviderEntity, SupplementaryCatalogEntryEntity } from '../entities';
import { addBasicCatalogEntry, applyConcludedPrice, CATALOG_ENTRY, setListedPrice, setPriceCap } from '../services/catalog.service';
import { catalogCode, requiredText } from '../services/inputs';
import { parseBasicEntryInput, parseSupplementaryInput, type BasicEntryInput, type SupplementaryInput } from '../services/mutation-inputs';
import { PROVIDER } from '../services/provider.service';
import {
  fileSupplementaryEntry,
  promoteSupplementaryEntry,
  submitSupplementaryEntry,
  SUPPLEMENTARY_ENTRY,
  withdrawSupplementaryEntry,
} from '../services/supplementary.service';
import { actorOf, ownProviderId, type ProvidersContext } from './context';

const basicEntry = (id: string) => ({ entity: BasicCatalogEntryEntity, id, what: CATALOG_ENTRY });
const supplementaryEntry = (id: string) => ({ entity: SupplementaryCatalogEntryEntity, id, what: SUPPLEMENTARY_ENTRY });
/** A provider's own entries only: another provider's are answered like missing ones. */
const ownedBy = (ctx: ProvidersContext) => (entry: { providerId: string }) => entry.providerId === ownProviderId(ctx);

export const catalogMutations = {
  /** The provider is locked so that two additions of one item to its catalog serialise. */
  addBasicCatalogEntry: mutation({
    roles: [Role.BUREAU],
    input: (args: { input: BasicEntryInput }) => parseBasicEntryInput(args.input),
    lock: (input) => ({ entity: ProviderEntity, id: input.providerId, what: PROVIDER }),
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
    lock: (_input, ctx: ProvidersContext) => ({ entity: ProviderEntity, id: ownProviderId(ctx), what: PROVIDER }),
    run: (tx, input, provider) => submitSupplementaryEntry(tx.manager, provider, input, actorOf(tx)),
  }),

  fileSupplementaryEntry: mutation({
    roles: [Role.BUREAU],
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
};
