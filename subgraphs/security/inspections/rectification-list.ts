// The overdue rectifications list's filter (第十九条, INSPECTION_RECTIFY): severity, owner, status,
// region, unit, provider and system, each a column the finding table indexes (the deadline range
// is applied with the order, kit/dated-list.ts).
import type { SelectQueryBuilder } from 'typeorm';
import { whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { RectificationFilter } from '../generated/graphql';
import type { InspectionFindingEntity } from './inspection-finding.entity';

/** Narrows `query` (alias `finding`) by the filter; malformed ids and region codes are BAD_USER_INPUT. */
export function filterRectifications(
  query: SelectQueryBuilder<InspectionFindingEntity>,
  filter: RectificationFilter,
): SelectQueryBuilder<InspectionFindingEntity> {
  whereOneOf(query, 'finding.severity', filter.severity);
  if (filter.ownerKind != null) query.andWhere('finding.owner_kind = :filterOwnerKind', { filterOwnerKind: filter.ownerKind });
  whereOneOf(query, 'finding.status', filter.status);
  whereRegionIs(query, 'finding.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'finding.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  whereIdIs(query, 'finding.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  return whereIdIs(query, 'finding.system_id', filter.systemId, 'filter.systemId');
}
