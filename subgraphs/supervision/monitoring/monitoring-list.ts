// The monitoring lists' filters (第二十四条、第二十五条; issue 12): system, provider, region and day range on
// the daily roll-ups (never the raw samples, which are partitioned by month), each on a column an index
// serves (migration 1796301800001-MonitoringListFilters).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereRegionIs } from '../../kit/list-filter';
import type { MonitoringDailyFilter, ProviderMonitoringDailyFilter } from '../generated/graphql';
import type { MonitoringDailyEntity } from './monitoring-daily.entity';
import type { ProviderMonitoringDailyEntity } from './provider-monitoring-daily.entity';

/** Narrows `query` (alias `daily`) by the filter; a malformed id, an unknown region or a reversed range is BAD_USER_INPUT. */
export function filterSystemDays(
  query: SelectQueryBuilder<MonitoringDailyEntity>,
  filter: MonitoringDailyFilter,
): SelectQueryBuilder<MonitoringDailyEntity> {
  whereIdIs(query, 'daily.system_id', filter.systemId, 'filter.systemId');
  whereIdIs(query, 'daily.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereRegionIs(query, 'daily.region_code', filter.regionCode, 'filter.regionCode');
  return whereFilterDays(query, 'daily.day', 'date', { from: filter.dayFrom, to: filter.dayTo }, 'day');
}

/** Narrows `query` (alias `daily`) by the filter; a malformed id or a reversed range is BAD_USER_INPUT. */
export function filterProviderDays(
  query: SelectQueryBuilder<ProviderMonitoringDailyEntity>,
  filter: ProviderMonitoringDailyFilter,
): SelectQueryBuilder<ProviderMonitoringDailyEntity> {
  whereIdIs(query, 'daily.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  return whereFilterDays(query, 'daily.day', 'date', { from: filter.dayFrom, to: filter.dayTo }, 'day');
}
