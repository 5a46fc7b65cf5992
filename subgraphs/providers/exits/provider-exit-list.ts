// The provider exits list's filter (第九条; issue 12): statuses, provider, region and start days, each on a
// column an index serves (migration 1796301800201-ProviderExitListFilters adds status and started_on).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { ProviderExitFilter } from '../generated/graphql';
import type { ProviderExitEntity } from './provider-exit.entity';

/** Narrows `query` (alias `exit`) by the filter; a malformed id, an unknown region or a reversed range is BAD_USER_INPUT. */
export function filterProviderExits(
  query: SelectQueryBuilder<ProviderExitEntity>,
  filter: ProviderExitFilter,
): SelectQueryBuilder<ProviderExitEntity> {
  whereOneOf(query, 'exit.status', filter.status);
  whereIdIs(query, 'exit.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereRegionIs(query, 'exit.region_code', filter.regionCode, 'filter.regionCode');
  return whereFilterDays(query, 'exit.started_on', 'date', { from: filter.startedFrom, to: filter.startedTo }, 'started');
}
