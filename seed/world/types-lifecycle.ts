// Record shapes for applications, security and supervision (see types.ts for the conventions).
import type { MlpsLevel } from './types';

export type ApplicationState =
  'DRAFT' | 'SUBMITTED' | 'FILED' | 'ACCEPTED' | 'REJECTED' | 'PROCURED' | 'TESTING' | 'IN_PRODUCTION' | 'TERMINATING' | 'TERMINATED';

/** Every application state, in lifecycle order (第十条). */
export const APPLICATION_STATES: readonly ApplicationState[] = [
  'DRAFT',
  'SUBMITTED',
  'FILED',
  'ACCEPTED',
  'REJECTED',
  'PROCURED',
  'TESTING',
  'IN_PRODUCTION',
  'TERMINATING',
  'TERMINATED',
];

/** NEW builds a system on the cloud; MIGRATION moves an existing one (第三条). */
export type ApplicationKind = 'NEW' | 'MIGRATION';

export type MaterialKind = 'CONSTRUCTION_PLAN' | 'SELF_TEST_REPORT' | 'RESOURCE_REQUEST_FORM' | 'SECURITY_RESPONSIBILITY_LETTER';

/** One application document (第十一条 lists the four required kinds). */
export interface ApplicationMaterial {
  kind: MaterialKind;
  fileName: string;
}

/** One line of the resource request form; `quantityMax` above `quantity` states an elastic range. */
export interface ApplicationResourceLine {
  serviceItemCode: string;
  quantity: number;
  quantityMax: number;
  /** Price concluded in procurement (PROCURED and later); null before. */
  concludedPriceYuan: string | null;
}

/** A unit's application for cloud services, at one point of its lifecycle (第十条–第十五条). */
export interface ApplicationRecord {
  id: string;
  /** e.g. `A-2026-0007`. */
  code: string;
  kind: ApplicationKind;
  state: ApplicationState;
  unitId: string;
  systemId: string;
  providerId: string;
  regionCode: string;
  /** Signed cloud security agreement (第二十二条); null when not (yet) signed. */
  securityAgreementId: string | null;
  materials: ApplicationMaterial[];
  resources: ApplicationResourceLine[];
  createdOn: string;
  submittedOn: string | null;
  /** County filing (备案) with the county authority; county units only. */
  filedOn: string | null;
  /** Accept or reject date. */
  decidedOn: string | null;
  rejectionReason: string | null;
  procuredOn: string | null;
  testEnvironmentDeliveredOn: string | null;
  testStartedOn: string | null;
  testEndedOn: string | null;
  /** Why testing runs past 30 days (TEST_30D); null when it does not, or when the reason is missing. */
  testExtensionReason: string | null;
  goLiveOn: string | null;
  terminationReportedOn: string | null;
  terminationReason: string | null;
  shutdownConfirmedOn: string | null;
  dataClearedOn: string | null;
  resourcesRecoveredOn: string | null;
  terminatedOn: string | null;
}

/** A cloud security agreement (云安全协议) between a unit and the hosting provider (第二十二条). */
export interface SecurityAgreementRecord {
  id: string;
  /** e.g. `滨政云安〔2025〕0012号`. */
  number: string;
  systemId: string;
  unitId: string;
  providerId: string;
  regionCode: string;
  signedOn: string;
  status: 'SIGNED' | 'TERMINATED';
  /** Set when the system left the cloud. */
  terminatedOn: string | null;
}

/** Assessment conclusion of the MLPS report template (优/良/中/差). */
export type MlpsConclusion = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';

/** A live system's MLPS grading, filing and latest assessment (第二十一条、第二十二条). */
export interface MlpsRecord {
  id: string;
  systemId: string;
  grade: MlpsLevel;
  /** Police filing number (备案证明编号); null for level 1, which is not filed. */
  certificateNo: string | null;
  filedOn: string | null;
  /** Latest assessment (测评); null when none yet, overdue 6 months after go-live. */
  lastAssessedOn: string | null;
  assessmentScore: number | null;
  assessmentConclusion: MlpsConclusion | null;
  assessorName: string | null;
}

export type EvaluationGrade = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' | 'SEVERE';

/** A designated provider's annual evaluation on the five dimensions of 第二十五条 (第二十六条). */
export interface ProviderEvaluationRecord {
  id: string;
  providerId: string;
  year: number;
  platformOperation: number;
  security: number;
  operationsManagement: number;
  serviceLevel: number;
  serviceQuality: number;
  /** Mean of the five dimensions, one decimal. */
  totalScore: number;
  grade: EvaluationGrade;
  evaluatedOn: string;
  /** For POOR: the rectification deadline; null otherwise. */
  rectificationDueOn: string | null;
  rectifiedOn: string | null;
  remarks: string;
}
