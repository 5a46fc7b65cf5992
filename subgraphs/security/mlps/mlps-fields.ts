import { selectedProperties, type FieldProperties, type SelectionInfo } from '../../kit/selected-fields';
import type { MlpsRecordEntity } from './mlps-record.entity';

/**
 * The columns each MlpsRecord field reads (mlps.resolvers.ts), so `InformationSystem.mlps` under a
 * page of systems reads plain rows with only those (kit/plain-rows.ts, issue 14); a field missing
 * here reads the whole row.
 */
export const MLPS_FIELDS: FieldProperties<MlpsRecordEntity> = {
  id: ['id'],
  system: ['systemId'],
  level: ['level'],
  certificateNo: ['certificateNo'],
  filedOn: ['filedOn'],
  lastAssessedOn: ['lastAssessedOn'],
  assessmentScore: ['assessmentScore'],
  assessmentConclusion: ['assessmentConclusion'],
  assessorName: ['assessorName'],
  region: ['regionCode'],
  businessSecurity: ['businessHarmedObject', 'businessHarmDegree'],
  serviceSecurity: ['serviceHarmedObject', 'serviceHarmDegree'],
  gradedBy: ['gradedBy'],
  gradedAt: ['gradedAt'],
  expertReviewedOn: ['expertReviewedOn'],
  expertReviewOpinion: ['expertReviewOpinion'],
  filedBy: ['filedBy'],
  filingRecordedAt: ['filingRecordedAt'],
  version: ['version'],
  nextAssessmentDueOn: ['systemId', 'level', 'lastAssessedOn'],
  assessmentOverdue: ['systemId', 'level', 'lastAssessedOn'],
  gradings: ['id'],
  assessments: ['id'],
};

/** The key of a system's record row: the system's id and the record fields the query selects. */
export function mlpsRowKey(systemId: string, info: SelectionInfo) {
  return { id: systemId, properties: selectedProperties(info, MLPS_FIELDS, ['id', 'systemId']) };
}
