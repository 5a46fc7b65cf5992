// The access grants list's filter (第二十三条; issue 12): statuses at the moment of the query, region,
// provider, system, unit and registration days (Beijing). Region, provider, system, unit and granted_at
// have their indexes; the status is read from revoked_at and the validity period (valid_until indexed by
// migration 1796301800102-AccessGrantListFilters).
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereRegionIs } from '../../kit/list-filter';
import type { AccessGrantFilter, AccessGrantStatus } from '../generated/graphql';
import type { AccessGrantEntity } from './access-grant.entity';

/** Each status as a condition on the grant at `:filterNow`; together the four cover every grant once. */
const STATUS_SQL: Record<AccessGrantStatus, string> = {
  REVOKED: 'access_grant.revoked_at IS NOT NULL',
  EXPIRED: 'access_grant.revoked_at IS NULL AND access_grant.valid_until < :filterNow',
  ACTIVE:
    'access_grant.revoked_at IS NULL AND access_grant.valid_from <= :filterNow AND access_grant.granted_at <= :filterNow AND access_grant.valid_until >= :filterNow',
  PENDING:
    'access_grant.revoked_at IS NULL AND access_grant.valid_until >= :filterNow AND (access_grant.valid_from > :filterNow OR access_grant.granted_at > :filterNow)',
};

/** Narrows `query` (alias `access_grant`) by the filter at `now`; a malformed id, an unknown region or a reversed range is BAD_USER_INPUT. */
export function filterAccessGrants(
  query: SelectQueryBuilder<AccessGrantEntity>,
  filter: AccessGrantFilter,
  now: Date,
): SelectQueryBuilder<AccessGrantEntity> {
  const statuses = [...new Set(filter.status ?? [])];
  if (statuses.length > 0) {
    query.andWhere(
      new Brackets((any) => {
        for (const status of statuses) any.orWhere(`(${STATUS_SQL[status]})`);
      }),
      { filterNow: now },
    );
  }
  whereRegionIs(query, 'access_grant.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'access_grant.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereIdIs(query, 'access_grant.system_id', filter.systemId, 'filter.systemId');
  whereIdIs(query, 'access_grant.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereFilterDays(query, 'access_grant.granted_at', 'timestamptz', { from: filter.grantedFrom, to: filter.grantedTo }, 'granted');
}
