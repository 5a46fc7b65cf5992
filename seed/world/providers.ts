// The four cloud providers with platforms in Binzhou: three designated, one still a candidate.
import { stableId } from '../../subgraphs/kit/stable-id';
import type { ProviderRecord } from './types';
import { unifiedSocialCreditCode } from './util';

/** Provider codes, referenced by the agreement, catalog and system builders. */
export const P_INSPUR = 'P-INSPUR';
export const P_CTYUN = 'P-CTYUN';
export const P_UNICOM = 'P-UNICOM';
export const P_CMCC = 'P-CMCC';

type ProviderSeed = Omit<ProviderRecord, 'id' | 'unifiedSocialCreditCode'> & { uscc: [string, string, string] };

const SEEDS: ProviderSeed[] = [
  {
    code: P_INSPUR,
    name: '浪潮云信息技术股份公司',
    shortName: '浪潮云',
    uscc: ['91', '370100', 'MA3C8K2T'],
    platformName: '滨州市统一电子政务云（浪潮云）平台',
    platformLocation: '山东省滨州市滨城区黄河五路556号 滨州市大数据中心A栋',
    // The only level-4 platform, so it alone may host level-4 systems (MLPS_PLATFORM_LEVEL).
    platformMlpsLevel: 4,
    platformMlpsCertificateNo: '37160099001-21001',
    platformMlpsFiledOn: '2021-03-18',
    cybersecurityReviewPassedOn: '2021-04-28',
    qualificationValidUntil: '2027-12-31',
    status: 'DESIGNATED',
    designatedOn: '2021-06-15',
  },
  {
    code: P_CTYUN,
    name: '天翼云科技有限公司',
    shortName: '天翼云',
    uscc: ['91', '110102', 'MA01W7QX'],
    platformName: '中国电信天翼云滨州政务云节点',
    platformLocation: '山东省滨州市滨城区渤海七路599号 中国电信滨州分公司云计算数据中心',
    platformMlpsLevel: 3,
    platformMlpsCertificateNo: '37160099001-24003',
    platformMlpsFiledOn: '2024-03-12',
    cybersecurityReviewPassedOn: '2023-11-20',
    // Lapsed a month before "today", so the PROVIDER_QUALIFIED flag has something to show.
    qualificationValidUntil: '2026-10-31',
    status: 'DESIGNATED',
    designatedOn: '2024-06-14',
  },
  {
    code: P_UNICOM,
    name: '联通云数据有限公司',
    shortName: '联通云',
    uscc: ['91', '110108', 'MA04DJ6B'],
    platformName: '中国联通联通云滨州政务云平台',
    platformLocation: '山东省滨州市滨城区黄河六路658号 中国联通滨州分公司数据中心',
    platformMlpsLevel: 3,
    platformMlpsCertificateNo: '37160099001-24005',
    platformMlpsFiledOn: '2024-04-02',
    cybersecurityReviewPassedOn: '2024-01-15',
    qualificationValidUntil: '2028-06-30',
    status: 'DESIGNATED',
    designatedOn: '2024-06-14',
  },
  {
    code: P_CMCC,
    name: '中移（苏州）软件技术有限公司',
    shortName: '移动云',
    uscc: ['91', '320505', 'MA1MXA3F'],
    platformName: '中国移动移动云滨州政务云资源池',
    platformLocation: '山东省滨州市滨州经济技术开发区长江五路366号 中国移动滨州数据中心',
    platformMlpsLevel: 3,
    platformMlpsCertificateNo: '37160099001-25002',
    platformMlpsFiledOn: '2025-09-10',
    // Review still pending: it cannot be designated yet (PROVIDER_QUALIFIED).
    cybersecurityReviewPassedOn: null,
    qualificationValidUntil: '2028-09-30',
    status: 'CANDIDATE',
    designatedOn: null,
  },
];

export function buildProviders(): ProviderRecord[] {
  return SEEDS.map(({ uscc, ...rest }) => ({
    id: stableId('provider', rest.code),
    ...rest,
    unifiedSocialCreditCode: unifiedSocialCreditCode(...uscc),
  }));
}
