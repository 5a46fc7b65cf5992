// Parses each mutation's GraphQL input into checked values (BAD_USER_INPUT on the first bad field).
import { BadUserInputError } from '../../kit/errors';
import { isCountyCode } from '../../kit/regions';
import type { ServiceCategory } from '../entities/service-item.entity';
import type { ExitReason } from '../entities/provider-exit.entity';
import { parseIsoDate } from '../../kit/dates';
import { parseMoney } from '../../kit/money';
import type { CityAgreementInput, CountyAgreementInput } from './agreement.service';
import type { NewBasicEntry } from './catalog.service';
import { catalogCode, optionalDate, optionalText, positiveInt, requiredText } from './inputs';
import type { ExitInput } from './provider-exit.service';
import type { QualificationPatch } from './provider.service';
import type { NewSupplementaryEntry } from './supplementary.service';

const TERMS_MAX = 2000;
const MAX_DELIVERY_DAYS = 60;

export interface QualificationInput {
  platformLocation?: string | null;
  platformInBinzhou?: boolean | null;
  platformMlpsLevel?: number | null;
  platformMlpsCertificateNo?: string | null;
  platformMlpsFiledOn?: string | null;
  cybersecurityReviewPassedOn?: string | null;
  qualificationValidUntil?: string | null;
}

export function parseQualificationInput(input: QualificationInput): QualificationPatch {
  const patch: QualificationPatch = {};
  if (input.platformLocation !== undefined)
    patch.platformLocation = requiredText(input.platformLocation, 'platformLocation', '云平台所在地', 200);
  if (input.platformInBinzhou !== undefined) {
    if (input.platformInBinzhou === null)
      throw new BadUserInputError('云平台位于滨州市行政区域内（platformInBinzhou）不能为 null', 'platformInBinzhou');
    patch.platformInBinzhou = input.platformInBinzhou;
  }
  if (input.platformMlpsLevel !== undefined) {
    patch.platformMlpsLevel =
      input.platformMlpsLevel === null ? null : positiveInt(input.platformMlpsLevel, 'platformMlpsLevel', '云平台等级保护级别', 4);
  }
  if (input.platformMlpsCertificateNo !== undefined) {
    patch.platformMlpsCertificateNo = optionalText(
      input.platformMlpsCertificateNo,
      'platformMlpsCertificateNo',
      '等级保护备案证明编号',
      64,
    );
  }
  patch.platformMlpsFiledOn = optionalDate(input.platformMlpsFiledOn, 'platformMlpsFiledOn', '等级保护备案日期');
  patch.cybersecurityReviewPassedOn = optionalDate(
    input.cybersecurityReviewPassedOn,
    'cybersecurityReviewPassedOn',
    '网络安全审查通过日期',
  );
  patch.qualificationValidUntil = optionalDate(input.qualificationValidUntil, 'qualificationValidUntil', '资质有效期');
  return patch;
}

export function parseCityAgreementInput(input: CityAgreementInput): CityAgreementInput {
  return {
    providerId: input.providerId,
    number: requiredText(input.number, 'number', '协议编号', 64),
    signedOn: parseIsoDate(input.signedOn, 'signedOn', '签订日期'),
    startsOn: parseIsoDate(input.startsOn, 'startsOn', '服务期开始日期'),
    endsOn: parseIsoDate(input.endsOn, 'endsOn', '服务期终止日期'),
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
export function parseCountyAgreementInput(input: CountyAgreementInput): CountyAgreementInput {
  if (!isCountyCode(input.regionCode))
    throw new BadUserInputError(`区域代码（regionCode）${input.regionCode} 不是滨州市所辖县（市、区）的代码`, 'regionCode');
  return {
    cityAgreementId: input.cityAgreementId,
    regionCode: input.regionCode,
    number: requiredText(input.number, 'number', '协议编号', 64),
    signedOn: parseIsoDate(input.signedOn, 'signedOn', '签订日期'),
    startsOn: optionalDate(input.startsOn, 'startsOn', '服务期开始日期') ?? undefined,
    endsOn: optionalDate(input.endsOn, 'endsOn', '服务期终止日期') ?? undefined,
    testEnvironmentDeliveryDays:
      input.testEnvironmentDeliveryDays === null || input.testEnvironmentDeliveryDays === undefined
        ? undefined
        : positiveInt(input.testEnvironmentDeliveryDays, 'testEnvironmentDeliveryDays', '测试环境交付时限', MAX_DELIVERY_DAYS),
    renewalTerms: optionalText(input.renewalTerms, 'renewalTerms', '延续条款', TERMS_MAX) ?? undefined,
    exitTerms: optionalText(input.exitTerms, 'exitTerms', '退出条款', TERMS_MAX) ?? undefined,
  };
}

export interface BasicEntryInput {
  providerId: string;
  serviceItemCode: string;
  priceCapYuan: string;
  listedPriceYuan?: string | null;
  sourceReference?: string | null;
}

export function parseBasicEntryInput(input: BasicEntryInput): NewBasicEntry {
  return {
    providerId: input.providerId,
    serviceItemCode: catalogCode(input.serviceItemCode, 'serviceItemCode', '标准服务条目编码'),
    priceCapFen: parseMoney(input.priceCapYuan, 'priceCapYuan', '最高限价'),
    listedPriceFen:
      input.listedPriceYuan == null ? null : parseMoney(input.listedPriceYuan, 'listedPriceYuan', '公布价格', { allowZero: true }),
    sourceReference: optionalText(input.sourceReference, 'sourceReference', '来源编号', 100),
  };
}

export interface SupplementaryInput {
  code: string;
  name: string;
  category: ServiceCategory;
  billingUnit: string;
  description: string;
  listedPriceYuan: string;
}

export function parseSupplementaryInput(input: SupplementaryInput): NewSupplementaryEntry {
  return {
    code: catalogCode(input.code, 'code', '条目编码'),
    name: requiredText(input.name, 'name', '服务名称', 100),
    category: input.category,
    billingUnit: requiredText(input.billingUnit, 'billingUnit', '计费单位', 20),
    description: requiredText(input.description, 'description', '服务说明', TERMS_MAX),
    listedPriceFen: parseMoney(input.listedPriceYuan, 'listedPriceYuan', '公布价格', { allowZero: true }),
  };
}

export interface ExitArgs {
  providerId: string;
  reason: ExitReason;
  startedOn: string;
  transitionEndsOn: string;
  shortTransitionReason?: string | null;
}

export function parseExitInput(input: ExitArgs): ExitInput {
  return {
    providerId: input.providerId,
    reason: input.reason,
    startedOn: parseIsoDate(input.startedOn, 'startedOn', '退出开始日期'),
    transitionEndsOn: parseIsoDate(input.transitionEndsOn, 'transitionEndsOn', '过渡期结束日期'),
    shortTransitionReason: optionalText(input.shortTransitionReason, 'shortTransitionReason', '过渡期不足3个月的理由', 500),
  };
}
