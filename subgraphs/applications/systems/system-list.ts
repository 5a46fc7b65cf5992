// The systems list's filter (第三条、第五条): region, unit, provider, deployment and a name search,
// each served by an index (the name and code by pg_trgm, migration 1796300500001-NameSearch).
import type { SelectQueryBuilder } from 'typeorm';
import { optionalIdOrCode, requireRegionCode } from '../../kit/ids';
import { searchByNameOrCode } from '../../kit/name-search';
import type { SystemFilter } from '../generated/graphql';
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
