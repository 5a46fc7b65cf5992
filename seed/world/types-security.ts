// The demo world's security rows that more than one subgraph's seed reads: the security subgraph
// loads them, the supervision seed counts them for the 2025 unit performance. Plain records shaped
// like the security subgraph's tables (its seed hands them to insertAll, so the compiler holds the
// two together); the security subgraph's entities stay its own.
import type { AccessResourceKind } from '../../subgraphs/contracts/access-grants';

export type InspectionTargetKind = 'PLATFORM' | 'SYSTEM';
export type InspectingAuthority = 'BUREAU' | 'CYBERSEC';
export type FindingSeverity = 'HIGH' | 'MEDIUM' | 'LOW';
export type RectificationOwnerKind = 'UNIT' | 'PROVIDER';
export type RectificationStatus = 'OPEN' | 'SUBMITTED' | 'CLOSED';
export type IncidentSeverity = 'PARTICULARLY_SERIOUS' | 'SERIOUS' | 'LARGER' | 'GENERAL';
export type IncidentStatus = 'REPORTED' | 'HANDLING' | 'RESOLVED';
export type IncidentReporterRole = 'PROVIDER' | 'USER_UNIT';

export interface InspectionRecord {
  id: string;
  targetKind: InspectionTargetKind;
  providerId: string | null;
  systemId: string | null;
  unitId: string | null;
  regionCode: string;
  conductedOn: string;
  scope: string;
  recordedByRole: InspectingAuthority;
  jointRole: InspectingAuthority;
  recordedBy: string;
  createdAt: Date;
}

export interface InspectionFindingRecord {
  id: string;
  inspectionId: string;
  seq: number;
  severity: FindingSeverity;
  description: string;
  ownerKind: RectificationOwnerKind;
  systemId: string | null;
  unitId: string | null;
  providerId: string | null;
  regionCode: string;
  deadline: string;
  status: RectificationStatus;
  submittedAt: Date | null;
  submittedBy: string | null;
  submissionNote: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  verificationNote: string | null;
  returnedAt: Date | null;
  returnedBy: string | null;
  returnReason: string | null;
  version: number;
  createdAt: Date;
}

export interface IncidentRecord {
  id: string;
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  reporterRole: IncidentReporterRole;
  reportedBy: string;
  providerId: string | null;
  unitId: string | null;
  regionCode: string;
  detectedAt: Date;
  reportedAt: Date;
  detectionToReportMinutes: number;
  version: number;
}

export interface IncidentSystemRecord {
  incidentId: string;
  systemId: string;
  unitId: string;
  regionCode: string;
}

export interface IncidentUpdateRecord {
  id: string;
  incidentId: string;
  seq: number;
  recordedAt: Date;
  authorRole: string;
  author: string;
  status: IncidentStatus;
  note: string;
}

export interface AccessGrantRecord {
  id: string;
  systemId: string;
  unitId: string;
  providerId: string;
  regionCode: string;
  resourceKind: AccessResourceKind;
  staffName: string;
  staffAccount: string;
  purpose: string;
  validFrom: Date;
  validUntil: Date;
  grantedAt: Date;
  grantedBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export interface AccessRecordRecord {
  id: string;
  submissionId: string;
  providerId: string;
  systemId: string;
  unitId: string;
  regionCode: string;
  resourceKind: AccessResourceKind;
  staffAccount: string;
  accessedAt: Date;
  action: string;
  externalId: string;
  grantId: string | null;
  violation: boolean;
  submittedAt: Date;
  submittedBy: string;
}
