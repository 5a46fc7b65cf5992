// The standard service items list's filter (第八条): several categories and a name or code search,
// served by the category index and pg_trgm GIN indexes (migration 1796301000201-ServiceItemSearch).
import type { SelectQueryBuilder } from 'typeorm';
import { whereOneOf } from '../../kit/list-filter';
import { searchByNameOrCode } from '../../kit/name-search';
import type { ServiceItemFilter } from '../generated/graphql';
import type { ServiceItemEntity } from './service-item.entity';

/** Narrows `query` (alias `item`) by the filter; a search over 100 characters is BAD_USER_INPUT. */
export function filterServiceItems(
  query: SelectQueryBuilder<ServiceItemEntity>,
  filter: ServiceItemFilter,
): SelectQueryBuilder<ServiceItemEntity> {
  whereOneOf(query, 'item.category', filter.category);
  return searchByNameOrCode(query, 'item', filter.search);
}
