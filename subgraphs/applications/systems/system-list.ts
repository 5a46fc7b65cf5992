// The systems list's filter (第三条、第五条): region, unit, provider, deployment and a name search,
// each served by an index (the name and code by pg_trgm, migration 1796300500001-NameSearch); and
// its orders (code, name, region, go-live day).
import type { SelectQueryBuilder } from 'typeorm';
import { optionalIdOrCode, requireRegionCode } from '../../kit/ids';
import { searchByNameOrCode } from '../../kit/name-search';
import type { OrderColumn } from '../../kit/ordered-connection';
import type { SystemFilter, SystemOrderField } from '../generated/graphql';
import type { InformationSystemEntity } from './information-system.entity';

/** Narrows `query` (alias `sys`) by the filter; malformed ids and region codes are BAD_USER_INPUT. */
export function filterSystems(
  query: SelectQueryBuilder<InformationSystemEntity>,
  filter: SystemFilter,
): SelectQueryBuilder<InformationSystemEntity> {
  const unitId = optionalIdOrCode(filter.unitId, 'unitId', 'unitByCode(code)');
  const providerId = optionalIdOrCode(filter.providerId, 'providerId', 'providerByCode(code)');
  if (filter.regionCode != null) query.andWhere('sys.region_code = :filterRegion', { filterRegion: requireRegionCode(filter.regionCode) });
  if (unitId !== null) query.andWhere('sys.unit_id = :filterUnit', { filterUnit: unitId });
  if (providerId !== null) query.andWhere('sys.provider_id = :filterProvider', { filterProvider: providerId });
  if (filter.deploymentMode != null) query.andWhere('sys.deployment_mode = :filterMode', { filterMode: filter.deploymentMode });
  return searchByNameOrCode(query, 'sys', filter.search);
}

/** The orders `systems(orderBy:)` offers, each served by an index (migration 1796301000000-ListOrders). */
export const SYSTEM_ORDERS: Record<SystemOrderField, OrderColumn<InformationSystemEntity>> = {
  CODE: { column: 'code', type: 'text', valueOf: (row) => row.code },
  NAME: { column: 'name', type: 'text', valueOf: (row) => row.name },
  REGION: { column: 'region_code', type: 'text', valueOf: (row) => row.regionCode },
  GO_LIVE_ON: { column: 'go_live_on', type: 'date', valueOf: (row) => row.goLiveOn },
};
