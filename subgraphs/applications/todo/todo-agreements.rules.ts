// TERM_MAX_3Y (第九条): an agreement runs at most three years and at its end is renewed (延续) or
// procured again. One nearing its end shows on the to-do list of whoever signed it: the bureau for
// the city's, a county's authority for its county's, from 90 days before its last day; from 30 days
// before it is overdue (the decision is late). Pure, no database.
import { addDays, daysBetween } from '../../kit/dates';
import { RULES } from '../../kit/rules';
import { Role } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import type { AgreementInForce } from './agreement-ends-port';
import type { TodoItem } from './todo.rules';

/** The first notice: the agreement shows this many days before its last day. */
export const AGREEMENT_NOTICE_DAYS = 90;
/** The second notice: from this many days before its last day the item is overdue. */
export const AGREEMENT_URGENT_DAYS = 30;

/** Whose list an agreement at `regionCode` belongs on: the bureau's for the city, the county's own authority. */
export function agreementLevelOf(viewer: { role: Role; regionCode?: string }): string | null {
  if (viewer.role === Role.BUREAU) return CITY_REGION_CODE;
  if (viewer.role === Role.COUNTY_AUTHORITY && viewer.regionCode && viewer.regionCode !== CITY_REGION_CODE) return viewer.regionCode;
  return null;
}

export function agreementTodoItems(agreements: readonly AgreementInForce[], regionCode: string, today: string): TodoItem[] {
  return agreements
    .filter((agreement) => agreement.regionCode === regionCode)
    .filter((agreement) => today <= agreement.endsOn && addDays(agreement.endsOn, -AGREEMENT_NOTICE_DAYS) <= today)
    .map((agreement) => {
      const dueOn = addDays(agreement.endsOn, -AGREEMENT_URGENT_DAYS);
      const left = daysBetween(today, agreement.endsOn);
      return {
        id: `RENEW_AGREEMENT:${agreement.id}`,
        kind: 'RENEW_AGREEMENT',
        applicationId: null,
        migrationId: null,
        agreementId: agreement.id,
        regionCode: agreement.regionCode,
        providerId: agreement.providerId ?? null,
        systemId: null,
        dueOn,
        overdue: today > dueOn,
        action: `定点服务协议 ${agreement.number}（${agreement.providerName}）将于 ${agreement.endsOn} 到期（还有 ${left} 天），决定延续或重新组织采购`,
        rule: 'TERM_MAX_3Y',
        article: RULES.TERM_MAX_3Y.article,
      } satisfies TodoItem;
    });
}
