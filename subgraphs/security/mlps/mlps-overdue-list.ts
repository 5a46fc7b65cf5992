// The MLPS overdue lists' filter (第二十二条, MLPS_6M; issue 12): region, unit and levels as a WHERE on the
// overdue systems' query (`fact` system facts or `due` their stored due dates, `mlps` their records), for mlpsOverdueSystems and
// mlpsOverdueUnits alike; which systems are overdue is computed as before.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { MlpsOverdueFilter } from '../generated/graphql';
import { requireMlpsLevel } from './mlps-record.service';

/** Narrows the overdue query by the filter; a level outside 1–5, a malformed id or an unknown region is BAD_USER_INPUT. */
export function filterMlpsOverdue<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: MlpsOverdueFilter | null | undefined,
  /** The alias whose region_code and unit_id the query carries (`fact`, or `due` for mlps_assessment_due). */
  alias = 'fact',
): SelectQueryBuilder<T> {
  if (filter == null) return query;
  whereRegionIs(query, `${alias}.region_code`, filter.regionCode, 'filter.regionCode');
  whereIdIs(query, `${alias}.unit_id`, filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereOneOf(query, 'mlps.level', filter.level?.map(requireMlpsLevel));
}
