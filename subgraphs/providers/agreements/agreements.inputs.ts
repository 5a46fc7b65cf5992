// Parses the agreements mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { requireRecordedDay, todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { isCountyCode } from '../../kit/regions';
import { optionalText, requiredText } from '../../kit/text-input';
import { positiveInt } from '../directory/directory.inputs';
import type { CityAgreementInput as CityAgreementFields, CountyAgreementInput as CountyAgreementFields } from '../generated/graphql';
import type { CityAgreementInput, CountyAgreementInput } from './agreement.service';

const TERMS_MAX = 2000;
const MAX_DELIVERY_DAYS = 60;

export function parseCityAgreementInput(input: CityAgreementFields, today = todayInChina()): CityAgreementInput {
  return {
    providerId: input.providerId,
    number: requiredText(input.number, 'number', '协议编号', 64),
    // Well-formed by the Date scalar; the term's dates by TERM_MAX_3Y (agreements.rules.ts).
    signedOn: requireRecordedDay(input.signedOn, 'signedOn', '签订日期', today),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    testEnvironmentDeliveryDays: positiveInt(
      input.testEnvironmentDeliveryDays,
      'testEnvironmentDeliveryDays',
      '测试环境交付时限',
      MAX_DELIVERY_DAYS,
    ),
    renewalTerms: requiredText(input.renewalTerms, 'renewalTerms', '延续条款', TERMS_MAX),
    exitTerms: requiredText(input.exitTerms, 'exitTerms', '退出条款', TERMS_MAX),
  };
}

/** Optional terms stay undefined when absent, so COUNTY_MATCHES_CITY compares only what was given. */
export function parseCountyAgreementInput(input: CountyAgreementFields, today = todayInChina()): CountyAgreementInput {
  if (!isCountyCode(input.regionCode))
    throw new BadUserInputError(`区域代码（regionCode）${input.regionCode} 不是滨州市所辖县（市、区）的代码`, 'regionCode');
  return {
    cityAgreementId: input.cityAgreementId,
    regionCode: input.regionCode,
    number: requiredText(input.number, 'number', '协议编号', 64),
    signedOn: requireRecordedDay(input.signedOn, 'signedOn', '签订日期', today),
    startsOn: input.startsOn ?? undefined,
    endsOn: input.endsOn ?? undefined,
    testEnvironmentDeliveryDays:
      input.testEnvironmentDeliveryDays === null || input.testEnvironmentDeliveryDays === undefined
        ? undefined
        : positiveInt(input.testEnvironmentDeliveryDays, 'testEnvironmentDeliveryDays', '测试环境交付时限', MAX_DELIVERY_DAYS),
    renewalTerms: optionalText(input.renewalTerms, 'renewalTerms', '延续条款', TERMS_MAX) ?? undefined,
    exitTerms: optionalText(input.exitTerms, 'exitTerms', '退出条款', TERMS_MAX) ?? undefined,
  };
}
