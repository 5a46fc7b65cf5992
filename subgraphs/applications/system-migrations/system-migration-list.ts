// The system migrations list's filter (第九条; issue 12): statuses, the exiting provider, region, exit,
// system, unit and due days, each on a column an index serves (migration 1796301800301-SystemMigrationListFilters
// adds status and due_on; the others had theirs).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { SystemMigrationFilter } from '../generated/graphql';
import type { SystemMigrationEntity } from './system-migration.entity';

/** Narrows `query` (alias `migration`) by the filter; a malformed id, an unknown region or a reversed range is BAD_USER_INPUT. */
export function filterSystemMigrations(
  query: SelectQueryBuilder<SystemMigrationEntity>,
  filter: SystemMigrationFilter,
): SelectQueryBuilder<SystemMigrationEntity> {
  whereOneOf(query, 'migration.status', filter.status);
  whereIdIs(query, 'migration.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereRegionIs(query, 'migration.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'migration.exit_id', filter.exitId, 'filter.exitId');
  whereIdIs(query, 'migration.system_id', filter.systemId, 'filter.systemId');
  whereIdIs(query, 'migration.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereFilterDays(query, 'migration.due_on', 'date', { from: filter.dueFrom, to: filter.dueTo }, 'due');
}
