import { indexMigration, type IndexSpec } from '../../kit/index-migration';

/**
 * A system's security agreements page by number and its access grants by staff account; an MLPS record's assessments by day.
 * Issue 14: a child page is `unnest(parents) CROSS JOIN LATERAL (… ORDER BY sort, id LIMIT first + 1)`
 * (kit/child-page-statement.ts), which walks a (parent, sort, id) index for at most `first + 1`
 * entries a parent instead of sorting every child of it.
 */
const INDEXES: readonly IndexSpec[] = [
  ['security_agreement_system_number_idx', 'security_agreement', '"system_id", "number"'],
  ['access_grant_system_staff_idx', 'access_grant', '"system_id", "staff_account", "id"'],
  ['mlps_assessment_record_assessed_idx', 'mlps_assessment', '"mlps_record_id", "assessed_on", "id"'],
];

export const ChildPageIndexes1796301600002 = indexMigration('ChildPageIndexes1796301600002', 'security', INDEXES);
