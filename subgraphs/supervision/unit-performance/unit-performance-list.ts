// The unit performance results list's filter (第二十六条; issue 12): region, unit and grades, within the
// year the list always names; served by the year-grade index (migration 1796301800002-UnitPerformanceListFilters)
// and the region and unit indexes.
import type { SelectQueryBuilder } from 'typeorm';
import { whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { UnitPerformanceResultFilter } from '../generated/graphql';
import type { UnitPerformanceResultEntity } from './unit-performance-result.entity';

/** Narrows `query` (alias `result`) by the filter; a malformed id or an unknown region is BAD_USER_INPUT. */
export function filterUnitPerformanceResults(
  query: SelectQueryBuilder<UnitPerformanceResultEntity>,
  filter: UnitPerformanceResultFilter,
): SelectQueryBuilder<UnitPerformanceResultEntity> {
  whereRegionIs(query, 'result.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'result.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereOneOf(query, 'result.grade', filter.grade);
}
