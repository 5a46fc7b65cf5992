// The MLPS records list's filter (第二十一条、第二十二条): levels, region, unit, provider, system,
// filed or not, filing and last-assessment day ranges, each on a column the record table indexes
// (filing and assessment days: migration 1796301000100-SecurityListFilters).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { MlpsRecordFilter } from '../generated/graphql';
import type { MlpsRecordEntity } from './mlps-record.entity';
import { requireMlpsLevel } from './mlps-record.service';

/** Narrows `query` (alias `mlps`) by the filter; a level outside 1–5, a malformed id or region is BAD_USER_INPUT. */
export function filterMlpsRecords(
  query: SelectQueryBuilder<MlpsRecordEntity>,
  filter: MlpsRecordFilter,
): SelectQueryBuilder<MlpsRecordEntity> {
  whereOneOf(query, 'mlps.level', filter.level?.map(requireMlpsLevel));
  whereRegionIs(query, 'mlps.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'mlps.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  whereIdIs(query, 'mlps.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereIdIs(query, 'mlps.system_id', filter.systemId, 'filter.systemId');
  if (filter.filed != null) query.andWhere(filter.filed ? 'mlps.filed_on IS NOT NULL' : 'mlps.filed_on IS NULL');
  whereFilterDays(query, 'mlps.filed_on', 'date', { from: filter.filedFrom, to: filter.filedTo }, 'filed');
  return whereFilterDays(query, 'mlps.last_assessed_on', 'date', { from: filter.assessedFrom, to: filter.assessedTo }, 'assessed');
}
