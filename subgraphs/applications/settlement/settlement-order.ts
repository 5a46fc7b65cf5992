// The orders `settlements(orderBy:)` offers (第十六条): by number, year, level or confirmation day
// (unconfirmed last), the id breaking ties, each served by an index (migration 1796301000000-ListOrders).
import type { OrderColumn } from '../../kit/ordered-connection';
import type { SettlementOrderField } from '../generated/graphql';
import type { SettlementEntity } from './settlement.entity';

export const SETTLEMENT_ORDERS: Record<SettlementOrderField, OrderColumn<SettlementEntity>> = {
  NUMBER: { column: 'number', type: 'text', valueOf: (row) => row.number },
  YEAR: { column: 'year', type: 'integer', valueOf: (row) => String(row.year) },
  REGION: { column: 'region_code', type: 'text', valueOf: (row) => row.regionCode },
  CONFIRMED_AT: { column: 'confirmed_on', type: 'date', valueOf: (row) => row.confirmedOn },
};
