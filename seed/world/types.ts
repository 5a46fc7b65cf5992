// Record shapes of the demo world. Dates are ISO `YYYY-MM-DD` strings, money is yuan as a decimal
// string with two places (never a float), so every subgraph seed stores exactly what it reads here.

/** The demo's "today": records describe the state on this day (past events only, terms may run beyond). */
export const WORLD_TODAY = '2026-11-26';

export type ProviderStatus = 'CANDIDATE' | 'DESIGNATED' | 'RECTIFYING' | 'EXITING' | 'EXITED';
export type ServiceCategory = 'COMPUTE' | 'STORAGE' | 'DATABASE' | 'NETWORK' | 'SECURITY' | 'MIDDLEWARE' | 'OTHER';
export type MlpsLevel = 1 | 2 | 3 | 4;

/** A cloud service provider (定点服务商) and its Binzhou platform's qualifications (第七条、第二十条). */
export interface ProviderRecord {
  id: string;
  /** Short business key, e.g. `P-INSPUR`. */
  code: string;
  name: string;
  shortName: string;
  /** 统一社会信用代码 (GB 32100-2015, check digit valid). */
  unifiedSocialCreditCode: string;
  platformName: string;
  /** Where the platform runs; must be inside Binzhou. */
  platformLocation: string;
  /** MLPS (等级保护) level the platform is filed at; caps the level of hosted systems. */
  platformMlpsLevel: 3 | 4;
  platformMlpsCertificateNo: string;
  platformMlpsFiledOn: string;
  /** Central cybersecurity review (中央网信办安全审查); null when not yet passed. */
  cybersecurityReviewPassedOn: string | null;
  /** Last day the qualifications are valid; a date before today is flagged. */
  qualificationValidUntil: string;
  status: ProviderStatus;
  designatedOn: string | null;
}

/** A standard service item (标准服务条目) decided by the bureau and the centre (第八条). */
export interface ServiceItemRecord {
  id: string;
  /** e.g. `ECS-4C8G`. */
  code: string;
  name: string;
  category: ServiceCategory;
  /** 计费单位, e.g. `台·月`, `GB·月`. */
  billingUnit: string;
  description: string;
  vCpu?: number;
  memoryGb?: number;
  storageGb?: number;
  /** The bureau's monthly reference cap per billing unit, from which providers' first caps are agreed. */
  referenceCapYuan: string;
}

/** One item of a provider's basic catalog (基本目录) with its first agreed price cap (最高限价). */
export interface BasicCatalogEntryRecord {
  id: string;
  providerId: string;
  serviceItemCode: string;
  /** The cap agreed at designation; later procurements below it lower it (CAP_LOWERS). */
  priceCapYuan: string;
  /** The provider's published price; never above the cap. */
  listedPriceYuan: string;
}

export type SupplementaryFilingStatus = 'PENDING' | 'FILED' | 'PROMOTED';

/** A differentiated service in a provider's supplementary catalog (补充目录), usable once filed. */
export interface SupplementaryCatalogEntryRecord {
  id: string;
  providerId: string;
  code: string;
  name: string;
  category: ServiceCategory;
  billingUnit: string;
  description: string;
  listedPriceYuan: string;
  filingStatus: SupplementaryFilingStatus;
  /** Date the bureau filed (备案) it; null while pending. */
  filedOn: string | null;
  /** For a PROMOTED entry, the standard service item it became after evaluation and pricing. */
  promotedToServiceItemCode: string | null;
}

export type AgreementStatus = 'ACTIVE' | 'EXPIRED';

/** A designation agreement (定点服务协议) at the city level or one county's level (第九条). */
export interface AgreementRecord {
  id: string;
  providerId: string;
  /** `371600` for the city, a county code for a county agreement. */
  regionCode: string;
  /** Document number, e.g. `滨大数采〔2024〕12号`. */
  number: string;
  signedOn: string;
  startsOn: string;
  /** Inclusive last day; at most three years after `startsOn`. */
  endsOn: string;
  status: AgreementStatus;
  /** The city agreement a county agreement mirrors; null for city agreements. */
  cityAgreementId: string | null;
  /** Working days the provider has to deliver a test environment (第十三条). */
  testEnvironmentDeliveryDays: number;
  renewalTerms: string;
  exitTerms: string;
}

/** A user unit (使用单位): a government department at the city or a county level. */
export interface UnitRecord {
  id: string;
  /** e.g. `U-371600-001`. */
  code: string;
  name: string;
  regionCode: string;
  unifiedSocialCreditCode: string;
  contactName: string;
  contactPhone: string;
}

export type DeploymentMode = 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';

/** A government information system (政务信息系统) owned by a unit (第三条、第十四条). */
export interface SystemRecord {
  id: string;
  /** e.g. `S-371600-012-02`. */
  code: string;
  name: string;
  unitId: string;
  regionCode: string;
  /** Hosting (or, while migrating, target) provider; null only for an EXEMPT system, which is not on the cloud. */
  providerId: string | null;
  deploymentMode: DeploymentMode;
  /** The law or regulation that exempts it from the cloud (ON_CLOUD rule); set only when EXEMPT. */
  exemptionLegalBasis: string | null;
  /** Load varies widely, so resources are requested as a range (ELASTIC_RESOURCES). */
  loadVariesWidely: boolean;
  mlpsLevel: MlpsLevel;
  /** Go-live on the cloud; null while not yet live. */
  goLiveOn: string | null;
  /** Set when it was decommissioned from the cloud (a terminated application). */
  retiredOn: string | null;
  /** The old self-hosted system it replaced, for migrated systems. */
  legacySystemName: string | null;
  /** When the old system was shut down; null while still running (overdue 3 months after go-live). */
  legacyShutdownOn: string | null;
  isDisasterRecovery: boolean;
  isStandby: boolean;
  /** The production system a disaster-recovery or standby system backs up. */
  primarySystemId: string | null;
}
