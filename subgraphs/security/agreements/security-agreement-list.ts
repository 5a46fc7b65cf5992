// The cloud security agreements list's filter (第二十二条; issue 12): statuses, region, provider, system,
// unit and signing days, each on a column an index serves (migration 1796301800101-AgreementListFilters
// adds status and signed_on; the others had theirs).
import type { SelectQueryBuilder } from 'typeorm';
import { whereFilterDays, whereIdIs, whereOneOf, whereRegionIs } from '../../kit/list-filter';
import type { SecurityAgreementFilter } from '../generated/graphql';
import type { SecurityAgreementEntity } from './security-agreement.entity';

/** Narrows `query` (alias `agreement`) by the filter; a malformed id, an unknown region or a reversed range is BAD_USER_INPUT. */
export function filterSecurityAgreements(
  query: SelectQueryBuilder<SecurityAgreementEntity>,
  filter: SecurityAgreementFilter,
): SelectQueryBuilder<SecurityAgreementEntity> {
  whereOneOf(query, 'agreement.status', filter.status);
  whereRegionIs(query, 'agreement.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'agreement.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereIdIs(query, 'agreement.system_id', filter.systemId, 'filter.systemId');
  whereIdIs(query, 'agreement.unit_id', filter.unitId, 'filter.unitId', 'unitByCode(code)');
  return whereFilterDays(query, 'agreement.signed_on', 'date', { from: filter.signedFrom, to: filter.signedTo }, 'signed');
}
