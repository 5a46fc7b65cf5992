// TERM_MAX_3Y and COUNTY_MATCHES_CITY (第九条): an agreement runs at most three years; a county
// signs only with a city-designated provider, on the city agreement's term, prices, renewal and
// exit terms.
import { RuleViolationError } from '../../kit/errors';
import { CITY_REGION_CODE } from '../../kit/regions';
import { addDays, addYears } from '../../kit/dates';
import type { AgreementStatus, ProviderStatus } from '../generated/graphql';

/** The last day a term starting on `startsOn` may run: three years less a day. */
export function latestEndOfTerm(startsOn: string): string {
  return addDays(addYears(startsOn, 3), -1);
}

export function assertAgreementTerm(startsOn: string, endsOn: string): void {
  if (endsOn <= startsOn) {
    throw new RuleViolationError('TERM_MAX_3Y', `协议终止日期 ${endsOn} 须晚于开始日期 ${startsOn}`, { startsOn, endsOn });
  }
  const latest = latestEndOfTerm(startsOn);
  if (endsOn > latest) {
    throw new RuleViolationError('TERM_MAX_3Y', `协议服务期不得超过3年：自 ${startsOn} 起最晚至 ${latest}，申请至 ${endsOn}`, {
      startsOn,
      endsOn,
      latestEndsOn: latest,
    });
  }
}

/** ACTIVE as stored, but past its last day it has expired whether or not anyone marked it. */
export function effectiveAgreementStatus(stored: AgreementStatus, endsOn: string, today: string): AgreementStatus {
  return stored === 'ACTIVE' && endsOn < today ? 'EXPIRED' : stored;
}

/** In force today: effectively ACTIVE and already started. */
export function isAgreementActive(stored: AgreementStatus, startsOn: string, endsOn: string, today: string): boolean {
  return effectiveAgreementStatus(stored, endsOn, today) === 'ACTIVE' && startsOn <= today;
}

/** The terms a county agreement copies from its city agreement. */
export interface AgreementTerms {
  startsOn: string;
  endsOn: string;
  renewalTerms: string;
  exitTerms: string;
  testEnvironmentDeliveryDays: number;
}

export interface CityAgreementFacts extends AgreementTerms {
  regionCode: string;
  status: AgreementStatus;
  providerStatus: ProviderStatus;
}

const TERM_LABEL: Record<keyof AgreementTerms, string> = {
  startsOn: '服务期开始日期',
  endsOn: '服务期终止日期',
  renewalTerms: '延续条款',
  exitTerms: '退出条款',
  testEnvironmentDeliveryDays: '测试环境交付时限',
};

/**
 * COUNTY_MATCHES_CITY: the county agreement's terms, copied from an active city agreement of a
 * designated provider. Terms the county states itself must equal the city's.
 */
export function countyTermsFromCity(city: CityAgreementFacts, requested: Partial<AgreementTerms>, today: string): AgreementTerms {
  if (city.regionCode !== CITY_REGION_CODE) {
    throw new RuleViolationError('COUNTY_MATCHES_CITY', '县级协议须依据市大数据局签订的市级定点服务协议签订');
  }
  if (effectiveAgreementStatus(city.status, city.endsOn, today) !== 'ACTIVE') {
    throw new RuleViolationError(
      'COUNTY_MATCHES_CITY',
      '所依据的市级定点服务协议已到期或终止，县级只能与持有有效市级协议的定点服务商签订协议',
      {
        cityAgreementStatus: effectiveAgreementStatus(city.status, city.endsOn, today),
      },
    );
  }
  if (city.providerStatus !== 'DESIGNATED') {
    throw new RuleViolationError('COUNTY_MATCHES_CITY', `服务商不在市大数据局确定的定点服务商范围内（当前状态 ${city.providerStatus}）`, {
      providerStatus: city.providerStatus,
    });
  }
  const terms: AgreementTerms = {
    startsOn: city.startsOn,
    endsOn: city.endsOn,
    renewalTerms: city.renewalTerms,
    exitTerms: city.exitTerms,
    testEnvironmentDeliveryDays: city.testEnvironmentDeliveryDays,
  };
  const mismatched = (Object.keys(terms) as Array<keyof AgreementTerms>).filter((key) => {
    const value = requested[key];
    return value !== undefined && value !== null && normalise(value) !== normalise(terms[key]);
  });
  if (mismatched.length > 0) {
    throw new RuleViolationError(
      'COUNTY_MATCHES_CITY',
      `县级协议的${mismatched.map((key) => TERM_LABEL[key]).join('、')}须与市级协议保持一致`,
      { mismatchedFields: mismatched },
    );
  }
  return terms;
}

function normalise(value: string | number): string {
  return String(value).trim();
}

/** What TERM_MAX_3Y needs of an agreement to renew it (延续, 第九条). */
export interface RenewableAgreement {
  status: AgreementStatus;
  endsOn: string;
  /** The first day of its latest term: its start, or the day after the end a renewal extended. */
  termStartsOn: string;
}

/**
 * TERM_MAX_3Y (第九条): an agreement in force may be renewed (延续) once its current term ends, for a
 * new term of at most three years starting the day after; one that has expired or was terminated
 * cannot be: at its end it is procured again and a new agreement signed.
 */
export function assertRenewal(agreement: RenewableAgreement, endsOn: string, today: string): { termStartsOn: string } {
  const status = effectiveAgreementStatus(agreement.status, agreement.endsOn, today);
  if (status !== 'ACTIVE') {
    throw new RuleViolationError(
      'TERM_MAX_3Y',
      `协议已${status === 'EXPIRED' ? '到期' : '终止'}，不能延续；期满后须重新组织采购并签订新协议`,
      { agreementStatus: status, endsOn: agreement.endsOn },
    );
  }
  // One term at a time: a renewal not yet begun is not renewed again, or renewals on one day could
  // stack term on term, and a county copying the city would hold one term of many years.
  if (agreement.termStartsOn > today) {
    throw new RuleViolationError(
      'TERM_MAX_3Y',
      `协议已延续至 ${agreement.endsOn}，延续的服务期自 ${agreement.termStartsOn} 开始；每次只延续一期，该服务期开始后方可再次延续`,
      { termStartsOn: agreement.termStartsOn, endsOn: agreement.endsOn },
    );
  }
  const termStartsOn = addDays(agreement.endsOn, 1);
  if (endsOn <= agreement.endsOn) {
    throw new RuleViolationError('TERM_MAX_3Y', `延续后的终止日期 ${endsOn} 须晚于现服务期终止日期 ${agreement.endsOn}`, {
      currentEndsOn: agreement.endsOn,
      endsOn,
    });
  }
  const latest = latestEndOfTerm(termStartsOn);
  if (endsOn > latest) {
    throw new RuleViolationError('TERM_MAX_3Y', `协议每次延续不得超过3年：自 ${termStartsOn} 起最晚至 ${latest}，申请延续至 ${endsOn}`, {
      termStartsOn,
      endsOn,
      latestEndsOn: latest,
    });
  }
  return { termStartsOn };
}

/** COUNTY_MATCHES_CITY: a county renews only to its city agreement's end, once the city has renewed. */
export function assertCountyRenewalMatchesCity(city: RenewableAgreement, endsOn: string, today: string): void {
  const status = effectiveAgreementStatus(city.status, city.endsOn, today);
  if (status !== 'ACTIVE') {
    throw new RuleViolationError('COUNTY_MATCHES_CITY', '所依据的市级定点服务协议已到期或终止，县级协议不能延续', {
      cityAgreementStatus: status,
    });
  }
  if (city.endsOn !== endsOn) {
    throw new RuleViolationError(
      'COUNTY_MATCHES_CITY',
      `县级协议的服务期终止日期须与市级协议一致（市级协议至 ${city.endsOn}），申请延续至 ${endsOn}`,
      { cityEndsOn: city.endsOn, endsOn },
    );
  }
}
