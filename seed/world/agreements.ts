// City designation agreements and the county agreements that mirror them (第九条).
import { stableId } from '../../subgraphs/kit/stable-id';
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';
import { P_CTYUN, P_INSPUR, P_UNICOM } from './providers';
import type { AgreementRecord, ProviderRecord } from './types';
import { WORLD_TODAY } from './types';
import { addDays } from './util';

const RENEWAL_TERMS =
  '协议期满前3个月，由市大数据局根据年度评价结果，按照政府采购有关规定决定延续或重新组织采购；延续的，服务期、基本目录价格及退出方法按新签协议执行，服务期累计不超过3年。';

const EXIT_TERMS =
  '因协议期满、被取消服务资格或其他原因退出的，设置不少于3个月的过渡期，过渡期内不再受理新的使用申请；服务商在市大数据应用中心监督下配合使用单位完成系统迁移、数据清除和云资源回收，并出具数据清除证明，全部完成后方可退出。';

/** Short prefix of each county's procurement document numbers. */
const COUNTY_NUMBER_PREFIX: Record<string, string> = {
  '371602': '滨城政采',
  '371603': '沾政采',
  '371621': '惠政采',
  '371622': '阳政采',
  '371623': '棣政采',
  '371625': '博政采',
  '371681': '邹政采',
};

/**
 * Which city-designated providers each county signed with. Every county has one, so each
 * county unit's systems have a provider with an active agreement at its level (DESIGNATED_PROVIDER).
 */
export const COUNTY_PROVIDERS: Record<string, readonly string[]> = {
  '371602': [P_INSPUR, P_CTYUN],
  '371603': [P_INSPUR],
  '371621': [P_CTYUN],
  '371622': [P_UNICOM],
  '371623': [P_INSPUR],
  '371625': [P_INSPUR, P_UNICOM],
  '371681': [P_CTYUN, P_INSPUR],
};

interface CitySeed {
  provider: string;
  number: string;
  signedOn: string;
  startsOn: string;
}

const CITY: CitySeed[] = [
  // Inspur's first term, expired and replaced; kept for history.
  { provider: P_INSPUR, number: '滨大数采〔2021〕8号', signedOn: '2021-06-22', startsOn: '2021-07-01' },
  { provider: P_INSPUR, number: '滨大数采〔2024〕12号', signedOn: '2024-06-20', startsOn: '2024-07-01' },
  { provider: P_CTYUN, number: '滨大数采〔2024〕13号', signedOn: '2024-06-20', startsOn: '2024-07-01' },
  { provider: P_UNICOM, number: '滨大数采〔2024〕14号', signedOn: '2024-06-21', startsOn: '2024-07-01' },
];

/** Three years minus a day: the longest term TERM_MAX_3Y allows. */
function threeYearEnd(startsOn: string): string {
  const [y, m, d] = startsOn.split('-');
  return addDays(`${Number(y) + 3}-${m}-${d}`, -1);
}

export function buildAgreements(providers: readonly ProviderRecord[]): AgreementRecord[] {
  const byCode = new Map(providers.map((p) => [p.code, p]));
  const agreements: AgreementRecord[] = [];
  const activeCity = new Map<string, AgreementRecord>();
  for (const seed of CITY) {
    const endsOn = threeYearEnd(seed.startsOn);
    const agreement: AgreementRecord = {
      id: stableId('agreement', seed.number),
      providerId: byCode.get(seed.provider)!.id,
      regionCode: CITY_REGION_CODE,
      number: seed.number,
      signedOn: seed.signedOn,
      startsOn: seed.startsOn,
      endsOn,
      status: endsOn < WORLD_TODAY ? 'EXPIRED' : 'ACTIVE',
      cityAgreementId: null,
      testEnvironmentDeliveryDays: 5,
      renewalTerms: RENEWAL_TERMS,
      exitTerms: EXIT_TERMS,
    };
    agreements.push(agreement);
    if (agreement.status === 'ACTIVE') activeCity.set(seed.provider, agreement);
  }
  let countySeq = 0;
  for (const [regionCode, providerCodes] of Object.entries(COUNTY_PROVIDERS)) {
    providerCodes.forEach((providerCode, i) => {
      const city = activeCity.get(providerCode)!;
      const number = `${COUNTY_NUMBER_PREFIX[regionCode]}〔2024〕${3 + i}号`;
      countySeq++;
      // COUNTY_MATCHES_CITY: term, delivery time, renewal and exit terms are copied from the city.
      agreements.push({
        ...city,
        id: stableId('agreement', number),
        regionCode,
        number,
        signedOn: addDays(city.signedOn, 1 + (countySeq % 6)),
        cityAgreementId: city.id,
      });
    });
  }
  return agreements;
}
