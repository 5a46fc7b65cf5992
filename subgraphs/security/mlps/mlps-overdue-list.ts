// The MLPS overdue lists' filter (第二十二条, MLPS_6M; issue 12): region, unit and levels as a WHERE on the
// overdue systems' query (`fact` system facts, `mlps` their records), for mlpsOverdueSystems and
// mlpsOverdueUnits alike; which systems are overdue is computed as before.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { MlpsOverdueFilter } from '../generated/graphql';
import { requireMlpsLevel } from './mlps-record.service';

/** Narrows the overdue query by the filter; a level outside 1–5, a malformed id or an unknown region is BAD_USER_INPUT. */
export function filterMlpsOverdue<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: MlpsOverdueFilter | null | undefined,
): SelectQueryBuilder<T> {
  if (filter == null) return query;
  whereRegionIs(query, 'fact.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'fact.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereOneOf(query, 'mlps.level', filter.level?.map(requireMlpsLevel));
}
