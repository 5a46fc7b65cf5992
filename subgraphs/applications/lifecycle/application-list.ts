// The applications list's filter and order (第十条至第十二条): what a county portal or the bureau asks
// for — by status, region, unit, provider, submission and decision days — in the order it chooses,
// each served by an index (migration 1796300500000-ApplicationListIndexes).
import type { SelectQueryBuilder } from 'typeorm';
import { pageInChosenOrder, type OrderColumn } from '../../kit/ordered-connection';
import type { Connection, ConnectionArgs } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { optionalIdOrCode, requireRegionCode } from '../../kit/ids';
import type { ApplicationFilter, ApplicationOrder, ApplicationOrderField } from '../generated/graphql';
import type { ApplicationEntity } from './application.entity';

/** A day range whose start is after its end can match nothing: the caller swapped them. */
function checkRange(from: string | null | undefined, to: string | null | undefined, field: string): void {
  if (from != null && to != null && from > to) throw new BadUserInputError(`${field}From 不能晚于 ${field}To`, `${field}From`);
}

/** Narrows `query` (alias `app`) by the filter; malformed ids and region codes are BAD_USER_INPUT. */
export function filterApplications(
  query: SelectQueryBuilder<ApplicationEntity>,
  filter: ApplicationFilter,
): SelectQueryBuilder<ApplicationEntity> {
  checkRange(filter.submittedFrom, filter.submittedTo, 'submitted');
  checkRange(filter.decidedFrom, filter.decidedTo, 'decided');
  const unitId = optionalIdOrCode(filter.unitId, 'unitId', 'unitByCode(code)');
  const providerId = optionalIdOrCode(filter.providerId, 'providerId', 'providerByCode(code)');
  if (filter.status != null && filter.status.length > 0) query.andWhere('app.status IN (:...statuses)', { statuses: filter.status });
  if (filter.regionCode != null) query.andWhere('app.region_code = :filterRegion', { filterRegion: requireRegionCode(filter.regionCode) });
  if (unitId !== null) query.andWhere('app.unit_id = :filterUnit', { filterUnit: unitId });
  if (providerId !== null) query.andWhere('app.provider_id = :filterProvider', { filterProvider: providerId });
  if (filter.submittedFrom != null) query.andWhere('app.submitted_on >= :submittedFrom', { submittedFrom: filter.submittedFrom });
  if (filter.submittedTo != null) query.andWhere('app.submitted_on <= :submittedTo', { submittedTo: filter.submittedTo });
  if (filter.decidedFrom != null) query.andWhere('app.decided_on >= :decidedFrom', { decidedFrom: filter.decidedFrom });
  if (filter.decidedTo != null) query.andWhere('app.decided_on <= :decidedTo', { decidedTo: filter.decidedTo });
  return query;
}

const ORDER_COLUMNS: Record<ApplicationOrderField, OrderColumn<ApplicationEntity>> = {
  SUBMITTED_AT: { column: 'submitted_on', type: 'date', valueOf: (row) => row.submittedOn },
  DECIDED_AT: { column: 'decided_on', type: 'date', valueOf: (row) => row.decidedOn },
  NUMBER: { column: 'number', type: 'text', valueOf: (row) => row.number },
};

/** One page in the chosen order, the id breaking ties in the same direction. */
export function pageApplicationsInOrder(
  query: SelectQueryBuilder<ApplicationEntity>,
  args: ConnectionArgs,
  order: ApplicationOrder,
): Promise<Connection<ApplicationEntity>> {
  return pageInChosenOrder(query, args, 'app', ORDER_COLUMNS, order);
}
