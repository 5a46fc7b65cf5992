import { indexMigration, type IndexSpec } from '../../kit/index-migration';

/**
 * A provider's agreements (第九条), exits, rectifications and disqualification proposals (第二十六条) page by their day under each provider.
 * Issue 14: a child page is `unnest(parents) CROSS JOIN LATERAL (… ORDER BY sort, id LIMIT first + 1)`
 * (kit/child-page-statement.ts), which walks a (parent, sort, id) index for at most `first + 1`
 * entries a parent instead of sorting every child of it.
 */
const INDEXES: readonly IndexSpec[] = [
  ['agreement_provider_signed_idx', 'agreement', '"provider_id", "signed_on", "id"'],
  ['provider_exit_provider_started_idx', 'provider_exit', '"provider_id", "started_on", "id"'],
  ['provider_rectification_provider_ordered_idx', 'provider_rectification', '"provider_id", "ordered_on", "id"'],
  ['disqualification_proposal_provider_proposed_idx', 'disqualification_proposal', '"provider_id", "proposed_on", "id"'],
];

export const ChildPageIndexes1796301600000 = indexMigration('ChildPageIndexes1796301600000', 'providers', INDEXES);
