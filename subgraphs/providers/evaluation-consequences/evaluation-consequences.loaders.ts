import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { disqualificationsByExitIds, rectificationsByProviderIds } from './evaluation-consequence.service';
import { proposalsByIds, proposalsByProviderIds } from './disqualification-proposal.service';

/**
 * PROVIDER_EVALUATION's consequences, public like the providers they concern, but for disqualification
 * proposals, which a provider sees only about itself (like its evaluations): one query per batch each.
 */
export function createEvaluationConsequencesLoaders(dataSource: DataSource, scope: Scope) {
  return {
    rectificationsByProviderId: loaderOfGroups((ids) => rectificationsByProviderIds(dataSource, ids), 'providerId'),
    disqualificationByExitId: loaderByKey((ids) => disqualificationsByExitIds(dataSource, ids), 'exitId'),
    disqualificationProposalsByProviderId: loaderOfGroups((ids) => proposalsByProviderIds(dataSource, scope, ids), 'providerId'),
    disqualificationProposalById: loaderByKey((ids) => proposalsByIds(dataSource, scope, ids), 'id'),
  };
}
