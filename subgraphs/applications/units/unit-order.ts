// The orders `units(orderBy:)` offers (第四条): by code, name or region, the id breaking ties, each
// served by an index (migration 1796301000000-ListOrders).
import type { OrderColumn } from '../../kit/ordered-connection';
import type { UnitOrderField } from '../generated/graphql';
import type { UnitEntity } from './unit.entity';

export const UNIT_ORDERS: Record<UnitOrderField, OrderColumn<UnitEntity>> = {
  CODE: { column: 'code', type: 'text', valueOf: (row) => row.code },
  NAME: { column: 'name', type: 'text', valueOf: (row) => row.name },
  REGION: { column: 'region_code', type: 'text', valueOf: (row) => row.regionCode },
};
