// The agreements list's filter and order (第九条): several effective statuses, region, provider,
// signing and end day ranges, ordered by signing or end day — each on a column the agreement table
// indexes (the days with the id: migration 1796301000200-AgreementListOrders).
import type { SelectQueryBuilder } from 'typeorm';
import type { OrderedPageOptions } from '../../kit/connection';
import { whereFilterDays, whereIdIs, whereRegionIs } from '../../kit/list-filter';
import type { AgreementFilter, AgreementOrder, AgreementStatus } from '../generated/graphql';
import type { AgreementEntity } from './agreement.entity';

/** SQL for one status as of `:today`: an ACTIVE agreement past its last day counts as EXPIRED. */
const EFFECTIVE_STATUS: Record<AgreementStatus, string> = {
  ACTIVE: `(agreement.status = 'ACTIVE' AND agreement.ends_on >= :today)`,
  EXPIRED: `(agreement.status = 'EXPIRED' OR (agreement.status = 'ACTIVE' AND agreement.ends_on < :today))`,
  TERMINATED: `(agreement.status = 'TERMINATED')`,
};

/** Narrows `query` (alias `agreement`) by the filter; a malformed id or region code is BAD_USER_INPUT. */
export function filterAgreements(
  query: SelectQueryBuilder<AgreementEntity>,
  filter: AgreementFilter,
  today: string,
): SelectQueryBuilder<AgreementEntity> {
  if (filter.status != null && filter.status.length > 0) {
    query.andWhere(`(${[...new Set(filter.status)].map((status) => EFFECTIVE_STATUS[status]).join(' OR ')})`, { today });
  }
  whereRegionIs(query, 'agreement.region_code', filter.regionCode, 'filter.regionCode');
  whereIdIs(query, 'agreement.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereFilterDays(query, 'agreement.signed_on', 'date', { from: filter.signedFrom, to: filter.signedTo }, 'signed');
  return whereFilterDays(query, 'agreement.ends_on', 'date', { from: filter.endsFrom, to: filter.endsTo }, 'ends');
}

/** The orders: by signing day (the cursor as before the order existed) or by end day. */
export const AGREEMENT_ORDERS: Record<AgreementOrder, Omit<OrderedPageOptions<AgreementEntity>, 'alias'>> = {
  SIGNED_ON_ASC: { sortExpression: 'agreement.signed_on', sortType: 'date', direction: 'ASC', sortValueOf: (row) => row.signedOn },
  SIGNED_ON_DESC: { sortExpression: 'agreement.signed_on', sortType: 'date', direction: 'DESC', sortValueOf: (row) => row.signedOn },
  ENDS_ON_ASC: { sortExpression: 'agreement.ends_on', sortType: 'date', direction: 'ASC', sortValueOf: (row) => row.endsOn },
};
