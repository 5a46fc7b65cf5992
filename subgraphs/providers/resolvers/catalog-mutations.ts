// Mutations on the basic and supplementary catalogs (第八条). Role, then input, then one transaction.
import { inTransaction } from '../../kit/data-source';
import { Role } from '../../kit/principal';
import { todayInChina } from '../../kit/dates';
import { parseMoney } from '../../kit/money';
import { addBasicCatalogEntry, applyProcurementPrice, setListedPrice, setPriceCap } from '../services/catalog.service';
import { catalogCode, requiredText } from '../services/inputs';
import { parseBasicEntryInput, parseSupplementaryInput, type BasicEntryInput, type SupplementaryInput } from '../services/mutation-inputs';
import {
  fileSupplementaryEntry,
  promoteSupplementaryEntry,
  submitSupplementaryEntry,
  withdrawSupplementaryEntry,
} from '../services/supplementary.service';
import { actorOf, ownProviderId, requireRole, type ProvidersContext } from './context';

export const catalogMutations = {
  addBasicCatalogEntry: (_: unknown, args: { input: BasicEntryInput }, context: ProvidersContext) => {
    requireRole(context.principal, Role.BUREAU);
    const input = parseBasicEntryInput(args.input);
    return inTransaction(context.dataSource, (manager) => addBasicCatalogEntry(manager, input, actorOf(context)));
  },

  setListedPrice: (_: unknown, args: { entryId: string; priceYuan: string }, context: ProvidersContext) => {
    requireRole(context.principal, Role.PROVIDER);
    const providerId = ownProviderId(context.principal);
    const priceFen = parseMoney(args.priceYuan, 'priceYuan', '公布价格', { allowZero: true });
    return inTransaction(context.dataSource, (manager) => setListedPrice(manager, args.entryId, priceFen, providerId));
  },

  setPriceCap: (_: unknown, args: { entryId: string; capYuan: string; reason: string }, context: ProvidersContext) => {
    requireRole(context.principal, Role.BUREAU);
    const capFen = parseMoney(args.capYuan, 'capYuan', '最高限价');
    const reason = requiredText(args.reason, 'reason', '调整原因', 500);
    return inTransaction(context.dataSource, (manager) => setPriceCap(manager, args.entryId, capFen, reason, actorOf(context)));
  },

  lowerCapFromProcurement: (
    _: unknown,
    args: { entryId: string; concludedPriceYuan: string; procurementReference: string },
    context: ProvidersContext,
  ) => {
    requireRole(context.principal, Role.BUREAU, Role.CENTER);
    parseMoney(args.concludedPriceYuan, 'concludedPriceYuan', '采购成交价', { allowZero: true });
    const reference = requiredText(args.procurementReference, 'procurementReference', '采购编号', 100);
    return inTransaction(context.dataSource, (manager) =>
      applyProcurementPrice(manager, args.entryId, args.concludedPriceYuan, reference, actorOf(context)),
    );
  },

  submitSupplementaryEntry: (_: unknown, args: { input: SupplementaryInput }, context: ProvidersContext) => {
    requireRole(context.principal, Role.PROVIDER);
    const providerId = ownProviderId(context.principal);
    const input = parseSupplementaryInput(args.input);
    return inTransaction(context.dataSource, (manager) => submitSupplementaryEntry(manager, providerId, input, actorOf(context)));
  },

  fileSupplementaryEntry: (_: unknown, args: { id: string }, context: ProvidersContext) => {
    requireRole(context.principal, Role.BUREAU);
    return inTransaction(context.dataSource, (manager) => fileSupplementaryEntry(manager, args.id, actorOf(context), todayInChina()));
  },

  withdrawSupplementaryEntry: (_: unknown, args: { id: string }, context: ProvidersContext) => {
    requireRole(context.principal, Role.PROVIDER);
    const providerId = ownProviderId(context.principal);
    return inTransaction(context.dataSource, (manager) => withdrawSupplementaryEntry(manager, args.id, providerId));
  },

  promoteSupplementaryEntry: (
    _: unknown,
    args: { id: string; serviceItemCode: string; priceCapYuan: string },
    context: ProvidersContext,
  ) => {
    requireRole(context.principal, Role.BUREAU);
    const serviceItemCode = catalogCode(args.serviceItemCode, 'serviceItemCode', '标准服务条目编码');
    const capFen = parseMoney(args.priceCapYuan, 'priceCapYuan', '最高限价');
    return inTransaction(context.dataSource, (manager) =>
      promoteSupplementaryEntry(manager, args.id, serviceItemCode, capFen, actorOf(context)),
    );
  },
};
