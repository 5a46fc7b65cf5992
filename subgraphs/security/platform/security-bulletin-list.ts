// The security bulletins list's filter (第二十条): severities, the provider addressed and issue days
// (Beijing), each on a column the bulletin table indexes (migration 1796301000101-BulletinListFilters).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereOneOf } from '../../kit/list-filter';
import type { SecurityBulletinFilter } from '../generated/graphql';
import type { SecurityBulletinEntity } from './security-bulletin.entity';

/** Narrows `query` (alias `bulletin`) by the filter; a malformed id or a reversed range is BAD_USER_INPUT. */
export function filterBulletins(
  query: SelectQueryBuilder<SecurityBulletinEntity>,
  filter: SecurityBulletinFilter,
): SelectQueryBuilder<SecurityBulletinEntity> {
  whereOneOf(query, 'bulletin.severity', filter.severity);
  whereIdIs(query, 'bulletin.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  return whereFilterDays(query, 'bulletin.issued_at', 'timestamptz', { from: filter.issuedFrom, to: filter.issuedTo }, 'issued');
}
