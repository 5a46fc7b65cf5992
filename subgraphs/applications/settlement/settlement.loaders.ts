import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Principal } from '../../kit/principal';
import { SettlementReadService } from './settlement-read.service';

/** The settlement feature's loaders (spread into loaders.ts): each batch is one query in the settlement scope. */
export function createSettlementLoaders(dataSource: DataSource, principal: Principal) {
  const settlements = new SettlementReadService(dataSource, principal);
  return {
    settlementById: loaderByKey((ids) => settlements.byIds(ids), 'id'),
    settlementCorrectionByCorrectsId: loaderByKey((ids) => settlements.correctionsOf(ids), 'correctsId'),
    settlementLinesBySettlementId: loaderOfGroups((ids) => settlements.linesOf(ids), 'settlementId'),
    settlementConfirmationsBySettlementId: loaderOfGroups((ids) => settlements.confirmationsOf(ids), 'settlementId'),
  };
}
