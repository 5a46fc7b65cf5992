import type { DataSource } from 'typeorm';
import { childConnectionLoaderPerFilter } from '../../kit/child-connection-filters';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Principal } from '../../kit/principal';
import { SettlementReadService } from './settlement-read.service';

/** The settlement feature's loaders (spread into loaders.ts): each batch is one query in the settlement scope. */
export function createSettlementLoaders(dataSource: DataSource, principal: Principal) {
  const settlements = new SettlementReadService(dataSource, principal);
  return {
    settlementById: loaderByKey((ids) => settlements.byIds(ids), 'id'),
    settlementCorrectionByCorrectsId: loaderByKey((ids) => settlements.correctionsOf(ids), 'correctsId'),
    settlementSumsBySettlementId: loaderByKey((ids) => settlements.sumsOf(ids), 'settlementId'),
    settlementLinePagesBySettlementId: childConnectionLoaderPerFilter((filter: { unitId: string | null; providerId: string | null }) =>
      settlements.linePagesBySettlement(filter),
    ),
    settlementProviderTotalPagesBySettlementId: settlements.providerTotalPagesBySettlement(),
    settlementUnitTotalPagesBySettlementId: settlements.unitTotalPagesBySettlement(),
    settlementConfirmationPagesBySettlementId: settlements.confirmationPagesBySettlement(),
  };
}
