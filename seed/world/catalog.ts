// Each designated provider's basic catalog (caps agreed at designation) and supplementary catalog.
import { stableId } from '../../subgraphs/kit/stable-id';
import { P_CTYUN, P_INSPUR, P_UNICOM } from './providers';
import type {
  BasicCatalogEntryRecord,
  ProviderRecord,
  ServiceCategory,
  ServiceItemRecord,
  SupplementaryCatalogEntryRecord,
  SupplementaryFilingStatus,
} from './types';
import { fenToYuan, rngFor, yuanToFen } from './util';

/** Items a provider does not offer, so the catalogs are "almost" complete and differ a little. */
const NOT_OFFERED: Record<string, readonly string[]> = {
  [P_INSPUR]: [],
  [P_CTYUN]: ['RDS-DM8-4C8G'],
  [P_UNICOM]: ['ECS-XC-8C16G', 'SVC-MIGRATION'],
};

export function buildBasicCatalog(providers: readonly ProviderRecord[], items: readonly ServiceItemRecord[]): BasicCatalogEntryRecord[] {
  const entries: BasicCatalogEntryRecord[] = [];
  for (const provider of providers.filter((p) => p.status === 'DESIGNATED')) {
    const skipped = NOT_OFFERED[provider.code] ?? [];
    for (const item of items.filter((i) => !skipped.includes(i.code))) {
      const rng = rngFor(`catalog:${provider.code}:${item.code}`);
      // First caps come out of the designation procurement: 88–100 % of the bureau's reference.
      const capFen = Math.max(1, Math.round((yuanToFen(item.referenceCapYuan) * rng.int(88, 100)) / 100));
      const listedFen = rng.chance(0.3) ? capFen : Math.max(1, Math.floor((capFen * rng.int(90, 99)) / 100));
      entries.push({
        id: stableId('basic-catalog', `${provider.code}:${item.code}`),
        providerId: provider.id,
        serviceItemCode: item.code,
        priceCapYuan: fenToYuan(capFen),
        listedPriceYuan: fenToYuan(listedFen),
      });
    }
  }
  return entries;
}

interface SupplementarySeed {
  provider: string;
  code: string;
  name: string;
  category: ServiceCategory;
  billingUnit: string;
  description: string;
  listedPriceYuan: string;
  filingStatus: SupplementaryFilingStatus;
  filedOn: string | null;
  promotedToServiceItemCode?: string;
}

const SUPPLEMENTARY: SupplementarySeed[] = [
  {
    provider: P_INSPUR,
    code: 'INSPUR-XC-ECS',
    name: '信创云主机（鲲鹏）',
    category: 'COMPUTE',
    billingUnit: '台·月',
    description: '鲲鹏920处理器云主机，预装银河麒麟V10；经评估定价后编入基本目录“信创云主机 8核16G”',
    listedPriceYuan: '820.00',
    filingStatus: 'PROMOTED',
    filedOn: '2023-05-16',
    promotedToServiceItemCode: 'ECS-XC-8C16G',
  },
  {
    provider: P_INSPUR,
    code: 'INSPUR-GPU-A10',
    name: 'GPU云主机 A10',
    category: 'COMPUTE',
    billingUnit: '台·月',
    description: '单卡NVIDIA A10（24GB显存）、16核64G，适用于视频结构化分析与政务大模型推理',
    listedPriceYuan: '5600.00',
    filingStatus: 'FILED',
    filedOn: '2025-04-22',
  },
  {
    provider: P_INSPUR,
    code: 'INSPUR-DEDICATED-HOST',
    name: '专属宿主机',
    category: 'COMPUTE',
    billingUnit: '台·月',
    description: '物理服务器独享，2×32核、512GB内存，满足高隔离要求的系统部署',
    listedPriceYuan: '9800.00',
    filingStatus: 'PENDING',
    filedOn: null,
  },
  {
    provider: P_CTYUN,
    code: 'CTYUN-GOV-DESKTOP',
    name: '天翼云电脑（政务桌面）',
    category: 'OTHER',
    billingUnit: '台·月',
    description: '4核8G云桌面，支持国产终端接入与政务外网隔离，适用于窗口及移动办公',
    listedPriceYuan: '120.00',
    filingStatus: 'FILED',
    filedOn: '2024-11-08',
  },
  {
    provider: P_CTYUN,
    code: 'CTYUN-GPU-A10',
    name: 'GPU云主机 A10',
    category: 'COMPUTE',
    billingUnit: '台·月',
    description: '单卡NVIDIA A10（24GB显存）、16核64G，适用于AI推理与视频分析',
    listedPriceYuan: '5300.00',
    filingStatus: 'PENDING',
    filedOn: null,
  },
  {
    provider: P_UNICOM,
    code: 'UNICOM-BAAS',
    name: '政务区块链 BaaS',
    category: 'MIDDLEWARE',
    billingUnit: '联盟链·月',
    description: '基于长安链的政务联盟链服务，含4个共识节点，适用于电子证照存证与数据共享留痕',
    listedPriceYuan: '3800.00',
    filingStatus: 'FILED',
    filedOn: '2025-03-14',
  },
  {
    provider: P_UNICOM,
    code: 'UNICOM-VIDEO-STORAGE',
    name: '政务视频云存储',
    category: 'STORAGE',
    billingUnit: 'TB·月',
    description: '面向视频监控的对象存储，支持GB/T 28181接入，保存期按需配置',
    listedPriceYuan: '95.00',
    filingStatus: 'PENDING',
    filedOn: null,
  },
  {
    provider: P_UNICOM,
    code: 'UNICOM-DEDICATED-HOST',
    name: '专属宿主机',
    category: 'COMPUTE',
    billingUnit: '台·月',
    description: '物理服务器独享，2×28核、384GB内存',
    listedPriceYuan: '8600.00',
    filingStatus: 'FILED',
    filedOn: '2025-08-19',
  },
];

export function buildSupplementaryCatalog(providers: readonly ProviderRecord[]): SupplementaryCatalogEntryRecord[] {
  const byCode = new Map(providers.map((p) => [p.code, p]));
  return SUPPLEMENTARY.map(({ provider, promotedToServiceItemCode, ...rest }) => ({
    id: stableId('supplementary-catalog', rest.code),
    providerId: byCode.get(provider)!.id,
    ...rest,
    promotedToServiceItemCode: promotedToServiceItemCode ?? null,
  }));
}
